//! Parallel export: every ticket of a listing, its pages fetched by a bounded pool of
//! workers over the client's keep-alive connections and paced by its rate limiter, yielded
//! in page order.

use std::collections::{HashSet, VecDeque};

use crate::client::Client;
use crate::error::Result;
use crate::generated::models::Ticket;
use crate::generated::params::ListTickets;
use crate::ordered_pool::{MAX_EXPORT_WORKERS, OrderedPool};
use crate::pagination::{MAX_PAGE_SIZE, Page};
use crate::request::Paged;

/// The `last` page of a listing that announced no page count (it ends at a short page).
const UNKNOWN_LAST_PAGE: u64 = u64::MAX;

/// How an export runs: see [`Client::export_tickets_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    workers: usize,
}

impl ExportOptions {
    /// Eight workers: enough to hide a round trip of ~100 ms behind HappyFox's 500 GET a
    /// minute, few enough to stay polite.
    pub const DEFAULT_WORKERS: usize = 8;

    /// Pages fetched at once, from 1 (a sequential export) to [`MAX_EXPORT_WORKERS`]
    /// (values outside are clamped).
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers.clamp(1, MAX_EXPORT_WORKERS);
        self
    }

    /// The number of workers.
    pub fn worker_count(&self) -> usize {
        self.workers
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            workers: Self::DEFAULT_WORKERS,
        }
    }
}

impl Client {
    /// Every ticket of the listing `params` describes, fetched in parallel with the default
    /// [`ExportOptions`]: what [`Client::export_tickets_with`] does with eight workers.
    pub fn export_tickets(&self, params: &ListTickets) -> TicketExport {
        self.export_tickets_with(params, ExportOptions::default())
    }

    /// Every ticket of the listing `params` describes (its `status`, `category`, `q`, `sort`,
    /// `page` to start from and `size`, except that an unset size is 50, the most a page
    /// holds), yielded in the listing's order.
    ///
    /// The first call to `next` fetches the first page and learns the page count from its
    /// `page_info`; the other pages are then fetched by `options.workers()` threads, each
    /// through the client's retries and its [`Pacing`](crate::Pacing) (shared by every
    /// clone, so an export and other work together stay under HappyFox's limits). Memory is
    /// bounded by the pages in flight: at most twice the workers' pages are held, however
    /// slowly the loop consumes them. The iterator owns a clone of the client; dropping it
    /// stops the workers after the requests they have in flight.
    ///
    /// # Tickets that change while an export runs
    ///
    /// Each page is read as the listing stands when that page is fetched, as in
    /// [`Client::iter_tickets`]. A ticket is yielded at most once (a ticket met again on a
    /// later page, because others moved, is dropped). But a ticket can be missed when others
    /// move across it: a ticket deleted, or moved out of the listing (closed while `status`
    /// filters on open tickets), moves every later ticket up one place, so one ticket at
    /// each later page boundary is read on neither page; a ticket whose sort key changes
    /// (the default sort is on the last update) jumps to another page. Tickets created after
    /// the first page was read may or may not appear (the page count is the first page's).
    /// Sort by something tickets do not change, such as
    /// [`Sort::TicketIdAscending`](crate::Sort::TicketIdAscending), to keep most of that
    /// away. When the set must be exactly the tickets that matched when the export began,
    /// or the loop writes to the tickets it reads, use [`Client::snapshot_tickets`], which
    /// reads the ids first.
    ///
    /// # Errors
    ///
    /// A page that fails after the client's retries is yielded as its error, after every
    /// ticket of the pages before it; no page after it is started, and the iterator then
    /// yields nothing until [`TicketExport::resume`] fetches again from that page.
    pub fn export_tickets_with(
        &self,
        params: &ListTickets,
        options: ExportOptions,
    ) -> TicketExport {
        let mut listing = params.clone();
        listing.size = listing.size.or(Some(MAX_PAGE_SIZE));
        TicketExport {
            client: self.clone(),
            first_page: listing.page_number().unwrap_or(1).max(1),
            listing,
            workers: options.workers,
            stage: Stage::NotStarted,
            buffer: VecDeque::new(),
            seen: HashSet::new(),
            total: None,
            repeated: 0,
        }
    }
}

/// The tickets of an export, in page order: what [`Client::export_tickets_with`] returns.
pub struct TicketExport {
    client: Client,
    listing: ListTickets,
    first_page: u64,
    workers: usize,
    stage: Stage,
    buffer: VecDeque<Ticket>,
    seen: HashSet<u64>,
    total: Option<u64>,
    repeated: u64,
}

/// Where an export is.
enum Stage {
    NotStarted,
    /// Pages `first..=last` are being fetched; `pool` hands them back in order.
    Fetching {
        pool: OrderedPool<Page<Ticket>>,
        last: u64,
    },
    /// Page `page` failed; pages up to `last` are left.
    Failed {
        page: u64,
        last: u64,
    },
    /// The first page failed: the export starts again with it.
    FailedFirst,
    Done,
}

impl TicketExport {
    /// The number of tickets the listing held when its first page was read (its
    /// `last_index`), once the first page has been read.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// How many tickets were met again on a later page and not yielded twice.
    pub fn repeated(&self) -> u64 {
        self.repeated
    }

    /// Whether the last page fetched failed (the iterator yields nothing until
    /// [`TicketExport::resume`]).
    pub fn failed(&self) -> bool {
        matches!(self.stage, Stage::Failed { .. } | Stage::FailedFirst)
    }

    /// After a failure: fetches again from the page that failed, keeping everything
    /// yielded so far (so the tickets after it are yielded once, not twice). Does nothing
    /// otherwise.
    pub fn resume(&mut self) {
        match self.stage {
            Stage::Failed { page, last } => self.stage = self.fetch(page, last),
            Stage::FailedFirst => self.stage = Stage::NotStarted,
            _ => {}
        }
    }

    /// Starts the workers on pages `first..=last`.
    fn fetch(&self, first: u64, last: u64) -> Stage {
        if first > last {
            return Stage::Done;
        }
        let client = self.client.clone();
        let listing = self.listing.clone();
        let pool = OrderedPool::start(
            first..last.saturating_add(1),
            self.workers,
            2 * self.workers as u64,
            move |page| client.list_tickets(&listing.at_page(page)),
        );
        Stage::Fetching { pool, last }
    }

    /// Reads the first page: its tickets, and the page count the rest is fetched by.
    fn start(&mut self) -> Result<()> {
        let page = self
            .client
            .list_tickets(&self.listing.at_page(self.first_page))?;
        self.total = page.total();
        let size = self.listing.size.unwrap_or(MAX_PAGE_SIZE).max(1);
        let info = page.page_info.as_ref();
        let page_count = info.and_then(|info| info.page_count).or_else(|| {
            info.and_then(|info| info.last_index)
                .map(|n| n.div_ceil(size))
        });
        let short = (page.data.len() as u64) < size;
        self.take(page);
        self.stage = match page_count {
            Some(last) => self.fetch(self.first_page + 1, last),
            // No count: a short page is the last one; after a full one, pages are read one
            // at a time until a short one.
            None if short => Stage::Done,
            None => Stage::Fetching {
                pool: self.sequential_tail(),
                last: UNKNOWN_LAST_PAGE,
            },
        };
        Ok(())
    }

    /// Without a page count, pages are fetched one at a time until a short one.
    fn sequential_tail(&self) -> OrderedPool<Page<Ticket>> {
        let client = self.client.clone();
        let listing = self.listing.clone();
        OrderedPool::start(self.first_page + 1..u64::MAX, 1, 1, move |page| {
            client.list_tickets(&listing.at_page(page))
        })
    }

    /// Queues a page's tickets, dropping those already yielded.
    fn take(&mut self, page: Page<Ticket>) {
        for ticket in page.data {
            if self.seen.insert(ticket.id.get()) {
                self.buffer.push_back(ticket);
            } else {
                self.repeated += 1;
            }
        }
    }
}

impl Iterator for TicketExport {
    type Item = Result<Ticket>;

    fn next(&mut self) -> Option<Result<Ticket>> {
        loop {
            if let Some(ticket) = self.buffer.pop_front() {
                return Some(Ok(ticket));
            }
            match &mut self.stage {
                Stage::NotStarted => {
                    if let Err(error) = self.start() {
                        self.stage = Stage::FailedFirst;
                        return Some(Err(error));
                    }
                }
                Stage::Fetching { pool, last } => {
                    let last = *last;
                    let size = self.listing.size.unwrap_or(MAX_PAGE_SIZE);
                    match pool.next() {
                        None => self.stage = Stage::Done,
                        Some((page, Err(error))) => {
                            self.stage = Stage::Failed { page, last };
                            return Some(Err(error));
                        }
                        Some((page, Ok(answer))) => {
                            // Without a page count, a short page ends the listing.
                            let end =
                                last == UNKNOWN_LAST_PAGE && (answer.data.len() as u64) < size;
                            self.take(answer);
                            if end || page == last {
                                self.stage = Stage::Done;
                            }
                        }
                    }
                }
                Stage::Failed { .. } | Stage::FailedFirst | Stage::Done => return None,
            }
        }
    }
}

impl crate::Resumable for TicketExport {
    fn failed(&self) -> bool {
        TicketExport::failed(self)
    }

    fn resume(&mut self) {
        TicketExport::resume(self);
    }

    fn total(&self) -> Option<u64> {
        TicketExport::total(self)
    }
}
