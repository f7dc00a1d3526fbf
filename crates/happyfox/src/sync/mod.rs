//! Incremental sync: every ticket modified since a checkpoint, once, and the checkpoint to
//! start the next run from, built on the snapshot iteration.

mod checkpoint;
mod digest;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use happyfox_query::{Query, Sort};

use crate::client::Client;
use crate::error::{Error, InputRule, Result};
use crate::generated::ids::TicketId;
use crate::generated::models::Ticket;
use crate::generated::params::ListTickets;
use crate::inputs::{QueryInput, StatusFilter};
use crate::snapshot::SnapshotIter;
use checkpoint::DeliveredState;
pub use checkpoint::{SYNC_CHECKPOINT_VERSION, SyncCheckpoint};
use digest::state_digest;

/// How far a run's boundary stays behind the newest change it sees: a write stamped up to
/// this much earlier than one already visible (another server's clock, a search index
/// that lags) is still caught. The tickets delivered within it are recorded in the
/// checkpoint, so they are not delivered twice.
pub const SYNC_OVERLAP: Duration = Duration::from_secs(300);

impl Client {
    /// Every ticket modified since `checkpoint` (all tickets when it is `None`), each once,
    /// then the checkpoint for the next run: [`SyncIter`] says what it promises.
    pub fn sync_tickets(&self, checkpoint: Option<&SyncCheckpoint>) -> SyncIter {
        self.sync_tickets_matching(checkpoint, &ListTickets::new())
    }

    /// [`Client::sync_tickets`] over the tickets of one listing: its `status` (unset: every
    /// status), `category` and `q` narrow the sync; its `sort`, `page` and `size` are
    /// ignored. The checkpoint must come from a sync over the same listing (the first
    /// `next` yields an [`Error::InvalidInput`] of rule [`InputRule::Checkpoint`] if not).
    /// A ticket is delivered if it matched when the run read the ids, so a change that
    /// takes a ticket out of the listing is delivered once more (or not, if the ticket left
    /// before the run); one that brings it in is delivered.
    pub fn sync_tickets_matching(
        &self,
        checkpoint: Option<&SyncCheckpoint>,
        listing: &ListTickets,
    ) -> SyncIter {
        SyncIter {
            client: self.clone(),
            listing: listing.clone(),
            previous: checkpoint.cloned(),
            run: None,
            failed: false,
            finished: false,
        }
    }
}

/// The tickets modified since a checkpoint, then the next checkpoint: what
/// [`Client::sync_tickets`] returns.
///
/// # What HappyFox offers, and what the sync builds from it
///
/// The reference's `last-modified-*` search terms take a day (`yyyy/mm/dd`), not a time,
/// and do not say in which time zone a day is counted; the `last_modified_a` sort orders by
/// the last change; every ticket carries `last_modified`, a UTC timestamp to the second
/// (field notes). So the sync searches by day, with one day of margin for the time zone,
/// and decides by `last_modified` itself which tickets are new. Nothing in the reference
/// promises that writes are stamped in the order they happen (several servers' clocks
/// may differ) or that the search sees a write as soon as it is answered: the sync
/// assumes both only up to [`SYNC_OVERLAP`], by which its boundary stays behind the newest
/// change.
///
/// # How a run goes
///
/// 1. One request reads the newest `last_modified` of the listing; [`SYNC_OVERLAP`]
///    before it is the run's **boundary** (never before the checkpoint's `since`). Every
///    change stamped before the boundary happened before this run began. Only server
///    timestamps are used, so the client's clock, however wrong, plays no part.
/// 2. A snapshot ([`Client::snapshot_tickets`]) of the tickets modified on or after the
///    day before the checkpoint's `since` (all tickets when there is no checkpoint), oldest
///    change first: ids read first, tickets fetched 50 at a time in their current state.
/// 3. A ticket is yielded unless the checkpoint shows it delivered already: its
///    `last_modified` is before `since`, or it was delivered in this same state (same
///    `last_modified` and the same digest: a hash of its JSON without the download URLs,
///    which change with every read).
/// 4. Once the iterator is exhausted without an error, [`SyncIter::checkpoint`] gives the
///    next checkpoint: `since` is the boundary, and the tickets delivered in a state
///    stamped at or after it are recorded with their `last_modified` and digest.
///
/// # What it promises
///
/// - **Each change once across successful runs**: a ticket modified since the checkpoint
///   is yielded once by this run, in the state its batch is fetched in, and not again by a
///   later run until it changes again. Several tickets sharing one second are each
///   yielded once, whether or not the run ended inside that second.
/// - **Changes during the run are never lost**: a ticket changed while the run goes is
///   yielded in this run if its batch is fetched after the change (in its new state, so
///   also a ticket the loop itself writes, if its batch comes later); otherwise, and for a
///   ticket created after the ids were read, in the next run.
/// - **A failed run moves nothing**: the checkpoint is available only after the iterator
///   ended without an error. [`SyncIter::resume`] repeats the failed request and goes on,
///   so a resumed run still yields each ticket once. A run abandoned and started again from
///   the same checkpoint yields again what the failed run yielded: at least once across
///   failed runs, exactly once across successful ones.
/// - **Within one second**: timestamps are whole seconds, so the checkpoint also records
///   a digest of each ticket state delivered at the boundary or later. A ticket
///   changed again within the second it was delivered in (by the loop itself, say) differs
///   in its digest and is delivered by the next run. A ticket without `last_modified` is
///   always yielded and never recorded.
/// - **Deleted tickets** are not changes the listing shows: a ticket deleted after its id
///   was read is skipped and counted ([`SyncIter::missing_ids`]).
///
/// # Cost
///
/// One request for the boundary, then the snapshot's: the ids of the tickets modified
/// since the day before `since`, 50 a request, and their tickets, 50 a request. Tickets of
/// that first day that were delivered before are fetched and dropped.
///
/// ```no_run
/// use happyfox::{Client, SyncCheckpoint};
///
/// # fn run(client: &Client, stored: Option<String>) -> happyfox::Result<String> {
/// let checkpoint = stored.as_deref().map(SyncCheckpoint::from_json).transpose()?;
/// let mut changes = client.sync_tickets(checkpoint.as_ref());
/// for ticket in changes.by_ref() {
///     let ticket = ticket?; // on an error, keep the old checkpoint and run again later
///     println!("{} changed at {:?}", ticket.id, ticket.last_modified);
/// }
/// let next = changes.checkpoint().expect("the run ended without an error");
/// Ok(next.to_json())
/// # }
/// ```
pub struct SyncIter {
    client: Client,
    listing: ListTickets,
    previous: Option<SyncCheckpoint>,
    /// The run, once its boundary is read.
    run: Option<Run>,
    /// Whether the last request failed, so nothing is yielded until `resume`.
    failed: bool,
    /// Whether the snapshot ended without an error.
    finished: bool,
}

/// A run under way: its boundary, its snapshot, and what the next checkpoint will record.
struct Run {
    filter: String,
    boundary: Option<DateTime<Utc>>,
    since: Option<DateTime<Utc>>,
    /// What the previous checkpoint recorded as delivered at or after its `since`.
    previously: BTreeMap<TicketId, DeliveredState>,
    /// Delivered at or after the boundary, by the previous runs and this one.
    delivered: BTreeMap<TicketId, DeliveredState>,
    snapshot: SnapshotIter,
}

impl SyncIter {
    /// The checkpoint to start the next run from: `Some` only once the iterator returned
    /// `None` without an error pending (every ticket of the run was yielded); `None` while
    /// the run goes or after an error it was not resumed from.
    pub fn checkpoint(&self) -> Option<SyncCheckpoint> {
        let run = self.run.as_ref().filter(|_| self.finished)?;
        Some(SyncCheckpoint::new(
            run.boundary,
            run.filter.clone(),
            &run.delivered,
        ))
    }

    /// Whether the last request failed, so the iterator yields nothing until
    /// [`SyncIter::resume`].
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// After an error, makes the next call to `next` repeat the request that failed and go
    /// on from there: nothing is yielded twice and nothing is skipped. Does nothing
    /// otherwise.
    pub fn resume(&mut self) {
        if self.failed {
            self.failed = false;
            if let Some(run) = &mut self.run {
                run.snapshot.resume();
            }
        }
    }

    /// The ids of tickets skipped because they were deleted after the run read their ids.
    pub fn missing_ids(&self) -> &[TicketId] {
        self.run
            .as_ref()
            .map_or(&[], |run| run.snapshot.missing_ids())
    }

    /// Reads the boundary and starts the snapshot.
    fn start(&self) -> Result<Run> {
        let status = self.listing.status.unwrap_or(StatusFilter::All);
        let query = match &self.listing.q {
            None => Query::new(),
            Some(search) => search.query()?,
        };
        let filter = describe(status, &self.listing, &query)?;
        if let Some(previous) = &self.previous
            && previous.filter() != filter
        {
            return Err(Error::invalid(
                Some("checkpoint"),
                InputRule::Checkpoint,
                format!(
                    "the checkpoint belongs to a sync of `{}`, not of `{filter}`: use the \
                     listing it was made with, or start a full sync without a checkpoint",
                    previous.filter()
                ),
            ));
        }
        let mut listing = ListTickets::new().status(status);
        if let Some(category) = self.listing.category {
            listing = listing.category(category);
        }
        let newest = self
            .client
            .list_ticket_fields(
                &listing
                    .clone()
                    .q(query.clone())
                    .sort(Sort::ModifiedNewestFirst)
                    .size(1),
                ["id", "last_modified"],
            )?
            .data
            .first()
            .and_then(|ticket| ticket.last_modified);
        let since = self.previous.as_ref().and_then(SyncCheckpoint::since);
        let overlap = TimeDelta::from_std(SYNC_OVERLAP).unwrap_or(TimeDelta::MAX);
        let boundary = newest.map(|newest| newest - overlap).max(since);
        let changed = match since {
            Some(since) => {
                query.last_modified_on_or_after((since - TimeDelta::days(1)).date_naive())
            }
            None => query,
        };
        let previously = self
            .previous
            .as_ref()
            .map(SyncCheckpoint::delivered_states)
            .unwrap_or_default();
        let delivered = previously
            .iter()
            .filter(|(_, (at, _))| Some(*at) >= boundary)
            .map(|(id, state)| (*id, state.clone()))
            .collect();
        Ok(Run {
            filter,
            boundary,
            since,
            previously,
            delivered,
            snapshot: self
                .client
                .snapshot_tickets(&listing.q(changed).sort(Sort::ModifiedOldestFirst)),
        })
    }
}

impl Run {
    /// Whether `ticket` is yielded, recording it for the next checkpoint if so.
    fn deliver(&mut self, ticket: &Ticket) -> bool {
        let Some(at) = ticket.last_modified else {
            return true;
        };
        if self.since.is_some_and(|since| at < since) {
            return false;
        }
        let state = (at, state_digest(ticket));
        if self.previously.get(&ticket.id) == Some(&state) {
            return false;
        }
        if Some(at) >= self.boundary {
            self.delivered.insert(ticket.id, state);
        }
        true
    }
}

/// The listing a checkpoint belongs to, in words: status, category and search.
fn describe(status: StatusFilter, listing: &ListTickets, query: &Query) -> Result<String> {
    let category = listing
        .category
        .map_or_else(|| "any".to_owned(), |id| id.to_string());
    let search = QueryInput::Query(query.clone()).render()?;
    Ok(format!("status={status} category={category} q={search}"))
}

impl Iterator for SyncIter {
    type Item = Result<Ticket>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.finished {
            return None;
        }
        if self.run.is_none() {
            match self.start() {
                Ok(run) => self.run = Some(run),
                Err(error) => {
                    self.failed = true;
                    return Some(Err(error));
                }
            }
        }
        let run = self.run.as_mut()?;
        loop {
            match run.snapshot.next() {
                None => {
                    self.finished = true;
                    return None;
                }
                Some(Err(error)) => {
                    self.failed = true;
                    return Some(Err(error));
                }
                Some(Ok(ticket)) => {
                    if run.deliver(&ticket) {
                        return Some(Ok(ticket));
                    }
                }
            }
        }
    }
}

impl std::fmt::Debug for SyncIter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncIter")
            .field("since", &self.run.as_ref().and_then(|run| run.since))
            .field("boundary", &self.run.as_ref().and_then(|run| run.boundary))
            .field("failed", &self.failed)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl crate::Resumable for SyncIter {
    fn failed(&self) -> bool {
        SyncIter::failed(self)
    }

    fn resume(&mut self) {
        SyncIter::resume(self);
    }
}
