//! The one pager behind every generated `...Pager` object: the core's lazy iterator behind a
//! mutex (UniFFI objects are shared between threads), yielding one item per call.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::errors::{Result, count};

/// Every item of a listing, fetched page by page as [`Pager::next`] is called.
pub struct Pager<T>(Mutex<happyfox::PageIter<'static, T>>);

impl<T: happyfox::PageItem> Pager<T> {
    /// A pager over the core's iterator.
    pub fn new(items: happyfox::PageIter<'static, T>) -> Self {
        Self(Mutex::new(items))
    }

    /// The iterator (a panic in another call does not make it unusable).
    fn items(&self) -> MutexGuard<'_, happyfox::PageIter<'static, T>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next item, `None` at the end, or the error of the page that failed.
    pub fn next(&self) -> Result<Option<T>> {
        Ok(self.items().next().transpose()?)
    }

    /// The page the next fetch asks for; `None` once the listing is over.
    pub fn next_page(&self) -> Option<i64> {
        self.items().next_page().map(count)
    }

    /// After an error, fetch the page that failed again on the next call.
    pub fn resume(&self) {
        self.items().resume();
    }
}
