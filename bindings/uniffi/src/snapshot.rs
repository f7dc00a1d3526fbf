//! `snapshotTickets`: the tickets of a listing as it matched when the iteration began, each
//! once, however the loop changes them (the core's `SnapshotIter`), one per `next()`.

use std::sync::Arc;

use crate::client::HappyFoxClient;
use crate::convert::id_out;
use crate::errors::{Result, count};
use crate::generated::models::Ticket;
use crate::generated::requests::ListTickets;
use crate::stream::Stream;

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
        Ok(Arc::new(TicketSnapshot(Stream::new(iter))))
    }
}

/// The tickets of a snapshot: call `next()` until it returns null.
#[derive(uniffi::Object)]
pub struct TicketSnapshot(Stream<happyfox::SnapshotIter>);

#[uniffi::export]
impl TicketSnapshot {
    /// The next ticket (as it is now), or null at the end. A failed request throws; then
    /// `next()` returns null until `resume()` repeats that request (nothing is skipped or
    /// yielded twice).
    pub fn next(&self) -> Result<Option<Ticket>> {
        self.0.next()?.map(Ticket::from_core).transpose()
    }

    /// How many tickets of the snapshot were skipped so far because they no longer existed.
    pub fn missing(&self) -> i64 {
        count(self.0.lock().missing() as u64)
    }

    /// The ids of the tickets `missing()` counts, in the snapshot's order.
    pub fn missing_ids(&self) -> Result<Vec<i64>> {
        self.0
            .lock()
            .missing_ids()
            .iter()
            .map(|id| id_out(id.get()))
            .collect()
    }

    /// Whether the last request failed, so `next()` returns null until `resume()`.
    pub fn failed(&self) -> bool {
        self.0.failed()
    }

    /// After an error, makes the next `next()` repeat the request that failed.
    pub fn resume(&self) {
        self.0.resume();
    }
}
