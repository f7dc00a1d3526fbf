//! `snapshotTickets`: the tickets of a listing as it matched when the iteration began, each
//! once, however the loop changes them (the core's `SnapshotIter`), one per `next()`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::client::HappyFoxClient;
use crate::convert::id_out;
use crate::errors::{Result, count};
use crate::generated::models::Ticket;
use crate::generated::requests::ListTickets;

#[uniffi::export]
impl HappyFoxClient {
    /// Every ticket of the listing `params` describes, as it matched when the iteration
    /// began: each once, in the listing's order, however the loop changes them. Use it
    /// instead of `iterTickets` whenever the loop writes (assigning each ticket of
    /// `unassigned:true` would otherwise skip half of them). The ids are read first (50 a
    /// request), then the tickets are fetched 50 at a time; a ticket deleted meanwhile is
    /// skipped and counted (`missing()`).
    #[uniffi::method(default(params))]
    pub fn snapshot_tickets(&self, params: ListTickets) -> Result<Arc<TicketSnapshot>> {
        let iter = self.inner.snapshot_tickets(&params.into_core()?);
        Ok(Arc::new(TicketSnapshot(Mutex::new(iter))))
    }
}

/// The tickets of a snapshot: call `next()` until it returns null.
#[derive(uniffi::Object)]
pub struct TicketSnapshot(Mutex<happyfox::SnapshotIter>);

impl TicketSnapshot {
    /// The iteration (a panic in another call does not make it unusable).
    fn iter(&self) -> MutexGuard<'_, happyfox::SnapshotIter> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl TicketSnapshot {
    /// The next ticket (as it is now), or null at the end. A failed request throws; then
    /// `next()` returns null until `resume()` repeats that request (nothing is skipped or
    /// yielded twice).
    pub fn next(&self) -> Result<Option<Ticket>> {
        self.iter()
            .next()
            .transpose()?
            .map(Ticket::from_core)
            .transpose()
    }

    /// How many tickets of the snapshot were skipped so far because they no longer existed.
    pub fn missing(&self) -> i64 {
        count(self.iter().missing() as u64)
    }

    /// The ids of the tickets `missing()` counts, in the snapshot's order.
    pub fn missing_ids(&self) -> Result<Vec<i64>> {
        self.iter()
            .missing_ids()
            .iter()
            .map(|id| id_out(id.get()))
            .collect()
    }

    /// Whether the last request failed, so `next()` returns null until `resume()`.
    pub fn failed(&self) -> bool {
        self.iter().failed()
    }

    /// After an error, makes the next `next()` repeat the request that failed.
    pub fn resume(&self) {
        self.iter().resume();
    }
}
