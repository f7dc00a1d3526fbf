//! Draining a ticket iterator of the core, [`happyfox::PageIter`] (`list --all`),
//! [`happyfox::TicketExport`] or [`happyfox::SnapshotIter`] (`export`): each ticket once, and
//! a request that still fails after the client's own retries with a transient error is made
//! again a few times before the walk gives up.

use std::collections::HashSet;

use happyfox::{PageIter, SnapshotIter, Ticket, TicketExport};

use crate::failure::Failure;
use crate::progress::Progress;
use crate::session::Ui;

/// How many times one failed request is made again after the client's own retries.
const RESUMES: u32 = 3;

/// A ticket iterator that stops at a failed request and can make it again.
pub trait Resumable: Iterator<Item = happyfox::Result<Ticket>> {
    /// Whether the last request failed.
    fn failed(&self) -> bool;
    /// Makes the failed request again on the next `next`.
    fn resume(&mut self);
    /// How many tickets the walk will meet, once the iterator knows.
    fn total(&self) -> Option<u64> {
        None
    }
}

impl Resumable for PageIter<'static, Ticket> {
    fn failed(&self) -> bool {
        PageIter::failed(self)
    }

    fn resume(&mut self) {
        PageIter::resume(self);
    }
}

impl Resumable for TicketExport {
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

impl Resumable for SnapshotIter {
    fn failed(&self) -> bool {
        SnapshotIter::failed(self)
    }

    fn resume(&mut self) {
        SnapshotIter::resume(self);
    }
}

/// Whether making the request again may help: a network failure, a timeout, a rate limit or
/// a server error (not a refusal such as 401 or 404).
fn transient(error: &happyfox::Error) -> bool {
    use happyfox::Error as E;
    matches!(
        error,
        E::Transport { .. } | E::RateLimited { .. } | E::DeadlineExceeded { .. }
    ) || error.status().is_some_and(|status| status >= 500)
}

/// Calls `each` for every ticket of `tickets`, each id once, and returns how many there
/// were; a failure's message says how many were done. With `progress`, the bar learns the
/// total as soon as the iterator knows it and moves with every ticket.
pub fn drain(
    tickets: &mut impl Resumable,
    ui: Ui,
    progress: Option<&Progress>,
    mut each: impl FnMut(Ticket) -> Result<(), Failure>,
) -> Result<u64, Failure> {
    let mut seen = HashSet::new();
    let mut resumes = 0;
    let mut total_known = false;
    loop {
        match tickets.next() {
            Some(Ok(ticket)) => {
                resumes = 0;
                if let Some(progress) = progress {
                    if !total_known && let Some(total) = tickets.total() {
                        progress.total(total);
                        total_known = true;
                    }
                    progress.advance();
                }
                if seen.insert(ticket.id) {
                    each(ticket)?;
                }
            }
            Some(Err(error)) if resumes < RESUMES && transient(&error) => {
                resumes += 1;
                ui.warn(&format!(
                    "a request failed ({error}); making it again ({resumes} of {RESUMES})"
                ));
            }
            Some(Err(error)) => {
                let mut failure = Failure::from(error);
                failure.message = format!("{} ({} tickets done)", failure.message, seen.len());
                return Err(failure);
            }
            None if tickets.failed() => tickets.resume(),
            None => return Ok(seen.len() as u64),
        }
    }
}
