//! Snapshot iteration: every ticket of a listing as it matched when the iteration began, for
//! loops that change the tickets they walk.

use std::collections::{HashMap, HashSet, VecDeque};

use happyfox_query::Query;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::generated::ids::TicketId;
use crate::generated::models::Ticket;
use crate::generated::params::{GetTicket, ListTickets};
use crate::inputs::StatusFilter;
use crate::pagination::{MAX_PAGE_SIZE, PageIter};

/// How many tickets one `id:` search fetches: a listing page holds at most
/// [`MAX_PAGE_SIZE`] tickets, so a batch is one request.
pub const SNAPSHOT_BATCH: usize = MAX_PAGE_SIZE as usize;

impl Client {
    /// Every ticket of the listing `params` describes, as it matched when the iteration
    /// began: each one once, in the listing's order, however the loop changes them (a
    /// ticket deleted meanwhile is skipped and counted). Use it instead of [`Client::iter_tickets`] whenever the loop writes (see
    /// [`SnapshotIter`] for why and what it promises).
    ///
    /// The first call to `next` reads the ids of every matching ticket with the ids-only
    /// listing ([`Client::iter_ticket_ids`] with `params`: its `status`, `category`, `q`,
    /// `sort`, `page` and `size`, except that an unset size is 50, not the listing's 10, so
    /// the ids take the fewest requests). Then the tickets are fetched [`SNAPSHOT_BATCH`] at
    /// a time with an `id:` search and yielded in the order of the ids. Tickets come whole:
    /// a `fields=` projection ([`Client::list_ticket_fields`]) has no snapshot form. The
    /// iterator owns a clone of the client, so it can outlive this borrow and move to
    /// another thread.
    pub fn snapshot_tickets(&self, params: &ListTickets) -> SnapshotIter {
        let mut listing = params.clone();
        listing.size = listing.size.or(Some(MAX_PAGE_SIZE));
        SnapshotIter {
            client: self.clone(),
            listing: Some(self.iter_ticket_ids(&listing)),
            seen: HashSet::new(),
            ids: Vec::new(),
            position: 0,
            batch: VecDeque::new(),
            missing: Vec::new(),
            failed: false,
        }
    }
}

/// The tickets of a listing as it matched when the iteration began, fetched lazily in
/// batches: what [`Client::snapshot_tickets`] returns.
///
/// # Why
///
/// [`Client::iter_tickets`] reads a listing page by page as the loop goes, and promises
/// nothing when the listing changes meanwhile. A loop that changes the tickets it walks
/// changes the listing under its own feet: assigning each ticket of `unassigned:true` drops
/// it out of the result set, the later tickets move up a page, and the next page skips them.
/// With 64 unassigned tickets and 10 a page, such a loop sees 34 and leaves 30 unassigned,
/// without an error. Closing while walking `status:"New"` skips the same way, and a reply
/// under the default sort (last updated first) moves its ticket to the front, so later
/// pages repeat tickets.
///
/// # What it promises
///
/// - **The ids are read first**, all of them, with the ids-only listing (`minify_response`,
///   50 ids a request unless `params` sets a size), before the first ticket is yielded. So
///   the loop's own writes cannot shift the listing. Writes by others during that short
///   read can still shift it (that is HappyFox's pagination); an id read twice is kept once.
/// - **Each ticket of the snapshot is yielded once**, in the order of the listing (its
///   `sort`), but for tickets deleted meanwhile.
/// - **A ticket is yielded as it is when its batch is fetched**, not as it was when the ids
///   were read: a ticket changed meanwhile (by the loop or anyone) comes in its newer state,
///   even if it no longer matches the search. A batch is fetched when the loop reaches its
///   first ticket, so a ticket is yielded as it was at most [`SNAPSHOT_BATCH`] - 1
///   tickets earlier in the loop.
/// - **A ticket deleted meanwhile is skipped**, and counted: [`SnapshotIter::missing`],
///   [`SnapshotIter::missing_ids`].
/// - **Memory** holds the id list plus one batch of tickets.
///
/// # How a batch is fetched
///
/// One ticket listing with `status=_all` and `q=id:<id>,<id>,...` (up to 50 ids). The
/// reference's search takes several comma-separated values for a field and matches any of
/// them, as in its own examples `id:DC00000001,2` and `status:"New","Closed"`. The `id`
/// field also matches display ids; a ticket that matches only that way is not one of the
/// batch's and is ignored. Every page of the answer is read until each id is found. An id
/// the search does not return is then fetched by number ([`Client::get_ticket`]) and
/// counted missing only if that answers 404, so a search that lags behind writes (or
/// reads `id:` differently) costs requests, never tickets.
///
/// # Errors
///
/// A failed request (after the client's retries) is yielded as that error, and then the
/// iterator yields nothing more until [`SnapshotIter::resume`] is called, which repeats the
/// request that failed (the page of ids, or the whole batch): nothing is yielded twice and
/// nothing is skipped.
///
/// ```no_run
/// use happyfox::{Client, ListTickets, Query, StaffId, StaffUpdate};
///
/// # fn triage(client: &Client, agent: StaffId) -> happyfox::Result<()> {
/// let unassigned = ListTickets::new().q(Query::new().unassigned(true));
/// let mut tickets = client.snapshot_tickets(&unassigned);
/// let mut attempts = 0;
/// loop {
///     let mut failure = None;
///     for ticket in tickets.by_ref() {
///         match ticket {
///             // Applied either way (`Answer` or `Unrecognized`): the ticket is assigned.
///             Ok(ticket) => drop(client.staff_update(ticket.id, &StaffUpdate::new(agent).assignee(agent))?),
///             Err(error) => failure = Some(error),
///         }
///     }
///     match failure {
///         None => break,
///         Some(error) if attempts == 3 => return Err(error),
///         Some(_) => {
///             attempts += 1;
///             tickets.resume(); // the failed request again; nothing is skipped or repeated
///         }
///     }
/// }
/// println!("{} tickets were deleted meanwhile", tickets.missing());
/// # Ok(())
/// # }
/// ```
pub struct SnapshotIter {
    client: Client,
    /// The ids-only listing, until it is read to the end.
    listing: Option<PageIter<'static, u64>>,
    /// The ids read so far, while the listing is read (to keep each id once).
    seen: HashSet<TicketId>,
    /// The snapshot: every id, in the listing's order.
    ids: Vec<TicketId>,
    /// Where the next batch starts in `ids`.
    position: usize,
    /// The tickets of the current batch not yet yielded, in `ids` order.
    batch: VecDeque<Ticket>,
    /// Ids whose ticket no longer existed when their batch was fetched.
    missing: Vec<TicketId>,
    /// Whether the last request failed, so nothing is yielded until `resume`.
    failed: bool,
}

impl SnapshotIter {
    /// How many tickets of the snapshot were skipped so far because they no longer existed
    /// (deleted since the ids were read).
    pub fn missing(&self) -> usize {
        self.missing.len()
    }

    /// The ids of the tickets [`SnapshotIter::missing`] counts, in the snapshot's order.
    pub fn missing_ids(&self) -> &[TicketId] {
        &self.missing
    }

    /// Whether the last request failed, so the iterator yields nothing until
    /// [`SnapshotIter::resume`].
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// After an error, makes the next call to `next` repeat the request that failed. Does
    /// nothing otherwise.
    pub fn resume(&mut self) {
        if self.failed {
            self.failed = false;
            if let Some(listing) = &mut self.listing {
                listing.resume();
            }
        }
    }

    /// Reads the next id of the listing into the snapshot; `false` once the listing is over.
    fn read_id(&mut self) -> Result<bool> {
        let Some(listing) = &mut self.listing else {
            return Ok(false);
        };
        match listing.next() {
            Some(id) => {
                let id = TicketId::from(id?);
                if self.seen.insert(id) {
                    self.ids.push(id);
                }
            }
            None => {
                self.listing = None;
                self.seen = HashSet::new();
            }
        }
        Ok(true)
    }

    /// Fetches the next batch (`false` when the snapshot is over): the tickets found go to
    /// `batch` in snapshot order; an id the search did not return is looked up by number,
    /// and goes to `missing` if that answers 404. On an error nothing changes, so the batch
    /// can be fetched again.
    fn fetch_batch(&mut self) -> Result<bool> {
        let end = self.ids.len().min(self.position + SNAPSHOT_BATCH);
        let wanted = &self.ids[self.position..end];
        if wanted.is_empty() {
            return Ok(false);
        }
        let search = ListTickets::new()
            .status(StatusFilter::All)
            .q(Query::new().id(wanted.iter().map(TicketId::to_string).collect::<Vec<_>>()))
            .size(MAX_PAGE_SIZE);
        let mut found: HashMap<TicketId, Ticket> = HashMap::with_capacity(wanted.len());
        for ticket in self.client.iter_tickets(&search) {
            let ticket = ticket?;
            if wanted.contains(&ticket.id) {
                found.insert(ticket.id, ticket);
            }
            if found.len() == wanted.len() {
                break;
            }
        }
        let mut batch = VecDeque::with_capacity(wanted.len());
        let mut missing = Vec::new();
        for id in wanted {
            match found.remove(id) {
                Some(ticket) => batch.push_back(ticket),
                None => match self.client.get_ticket(*id, &GetTicket::new()) {
                    Ok(ticket) => batch.push_back(ticket),
                    Err(Error::NotFound { .. }) => missing.push(*id),
                    Err(error) => return Err(error),
                },
            }
        }
        self.batch = batch;
        self.missing.extend(missing);
        self.position = end;
        Ok(true)
    }
}

impl Iterator for SnapshotIter {
    type Item = Result<Ticket>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(ticket) = self.batch.pop_front() {
                return Some(Ok(ticket));
            }
            if self.failed {
                return None;
            }
            let step = match self.listing {
                Some(_) => self.read_id(),
                None => self.fetch_batch(),
            };
            match step {
                Ok(true) => {}
                Ok(false) => return None,
                Err(error) => {
                    self.failed = true;
                    return Some(Err(error));
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let ready = self.batch.len();
        match self.listing {
            Some(_) => (ready, None),
            None => (ready, Some(ready + self.ids.len() - self.position)),
        }
    }
}

impl std::fmt::Debug for SnapshotIter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SnapshotIter")
            .field("ids", &self.ids.len())
            .field("position", &self.position)
            .field("missing", &self.missing.len())
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl crate::Resumable for SnapshotIter {
    fn failed(&self) -> bool {
        SnapshotIter::failed(self)
    }

    fn resume(&mut self) {
        SnapshotIter::resume(self);
    }
}
