//! `syncTickets`: the tickets changed since a checkpoint (a JSON string), each once, and the
//! next checkpoint once `next()` returned null without an error.

use std::sync::Arc;

use crate::client::HappyFoxClient;
use crate::errors::Result;
use crate::generated::models::Ticket;
use crate::generated::requests::ListTickets;
use crate::stream::Stream;

#[uniffi::export]
impl HappyFoxClient {
    /// Every ticket modified since `checkpoint` (the JSON string a finished
    /// `TicketSync.checkpoint()` gave; null: every ticket), each once, even while tickets
    /// change during the run. `params` narrows it by status, category and `q` (its sort,
    /// page and size are ignored); a checkpoint fits only the listing it was made with. A
    /// checkpoint that is not one, or of another format version, throws `InvalidInput`
    /// with rule `CHECKPOINT`.
    #[uniffi::method(default(checkpoint = None, params))]
    pub fn sync_tickets(
        &self,
        checkpoint: Option<String>,
        params: ListTickets,
    ) -> Result<Arc<TicketSync>> {
        let checkpoint = checkpoint
            .as_deref()
            .map(happyfox::SyncCheckpoint::from_json)
            .transpose()?;
        let run = self
            .inner
            .sync_tickets_matching(checkpoint.as_ref(), &params.into_core()?);
        Ok(Arc::new(TicketSync(Stream::new(run))))
    }
}

/// One sync run: call `next()` until it returns null, then `checkpoint()` for the next run.
#[derive(uniffi::Object)]
pub struct TicketSync(Stream<happyfox::SyncIter>);

#[uniffi::export]
impl TicketSync {
    /// The next changed ticket, or null once the run is over. A failed request throws; the
    /// run then keeps its place: `resume()` repeats that request.
    pub fn next(&self) -> Result<Option<Ticket>> {
        self.0.next()?.map(Ticket::from_core).transpose()
    }

    /// The next checkpoint as a JSON string (store it as is), once `next()` returned null
    /// without an error; null while the run goes or after an error.
    pub fn checkpoint(&self) -> Option<String> {
        self.0
            .lock()
            .checkpoint()
            .map(|checkpoint| checkpoint.to_json())
    }

    /// Whether the last request failed, so `next()` returns null until `resume()`.
    pub fn failed(&self) -> bool {
        self.0.lock().failed()
    }

    /// After an error, makes the next `next()` repeat the failed request and go on.
    pub fn resume(&self) {
        self.0.lock().resume();
    }
}
