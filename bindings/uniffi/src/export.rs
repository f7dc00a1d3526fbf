//! `exportTickets`: the core's parallel export as an object whose `next()` yields one ticket
//! per call, in the listing's order (Kotlin and Swift).

use std::sync::Arc;

use crate::client::HappyFoxClient;
use crate::errors::{Result, count};
use crate::generated::models::Ticket;
use crate::generated::requests::ListTickets;
use crate::stream::Stream;

/// The tickets of an export, fetched by a pool of workers, in the listing's order.
#[derive(uniffi::Object)]
pub struct TicketExport(Stream<happyfox::TicketExport>);

#[uniffi::export]
impl TicketExport {
    /// The next ticket, or null once the export is over. A page that fails (after the
    /// retries) throws after every ticket of the pages before it; nothing more comes until
    /// `resume()`.
    pub fn next(&self) -> Result<Option<Ticket>> {
        self.0.next()?.map(Ticket::from_core).transpose()
    }

    /// The number of tickets the listing held when its first page was read (null before).
    pub fn total(&self) -> Option<i64> {
        self.0.lock().total().map(count)
    }

    /// How many tickets were met again on a later page and not yielded twice.
    pub fn repeated(&self) -> i64 {
        count(self.0.lock().repeated())
    }

    /// Whether the last page failed.
    pub fn failed(&self) -> bool {
        self.0.failed()
    }

    /// After a failure: the next `next()` fetches again from the page that failed.
    pub fn resume(&self) {
        self.0.resume();
    }
}

#[uniffi::export]
impl HappyFoxClient {
    /// Every ticket of the listing `params` describes, its pages fetched by `workers` threads
    /// at once (null: 8; at most 32) and yielded in the listing's order; an unset `size` is
    /// 50. Tickets that change while it runs can be missed, never yielded twice.
    #[uniffi::method(default(workers = None, params))]
    pub fn export_tickets(
        &self,
        params: ListTickets,
        workers: Option<i32>,
    ) -> Result<Arc<TicketExport>> {
        let mut options = happyfox::ExportOptions::default();
        if let Some(workers) = workers {
            options = options.workers(crate::convert::workers(workers)?);
        }
        let export = self
            .inner
            .export_tickets_with(&params.into_core()?, options);
        Ok(Arc::new(TicketExport(Stream::new(export))))
    }
}
