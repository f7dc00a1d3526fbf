//! A core iterator ([`happyfox::Resumable`]) behind a mutex (UniFFI objects are shared
//! between threads), for every object that yields one item per `next()` call: the generated
//! pagers, `TicketExport`, `TicketSnapshot` and `TicketSync`.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::errors::Result;

/// A core iterator of results shared by the calls of one foreign object.
pub struct Stream<I>(Mutex<I>);

impl<T, I: happyfox::Resumable<Item = happyfox::Result<T>>> Stream<I> {
    /// Wraps `items`.
    pub fn new(items: I) -> Self {
        Self(Mutex::new(items))
    }

    /// The iterator (a panic in another call does not make it unusable).
    pub fn lock(&self) -> MutexGuard<'_, I> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next item, `None` at the end, or the error of the request that failed.
    pub fn next(&self) -> Result<Option<T>> {
        Ok(self.lock().next().transpose()?)
    }

    /// Whether the last request failed, so `next` yields nothing until `resume`.
    pub fn failed(&self) -> bool {
        self.lock().failed()
    }

    /// After an error, makes the next `next` repeat the request that failed.
    pub fn resume(&self) {
        self.lock().resume();
    }
}
