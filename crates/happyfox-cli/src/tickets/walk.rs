//! Draining a ticket iterator of the core, [`happyfox::PageIter`] (`list --all`),
//! [`happyfox::SnapshotIter`] (`export`) or [`happyfox::SyncIter`] (`sync`): each ticket
//! once, and a request that still fails after the client's own retries with a transient
//! error is made again a few times before the walk gives up.

use std::collections::HashSet;

use happyfox::{PageIter, SnapshotIter, SyncIter, Ticket};

use crate::failure::Failure;
use crate::session::Ui;

/// How many times one failed request is made again after the client's own retries.
const RESUMES: u32 = 3;

/// A ticket iterator that stops at a failed request and can make it again.
pub trait Resumable: Iterator<Item = happyfox::Result<Ticket>> {
    /// Whether the last request failed.
    fn failed(&self) -> bool;
    /// Makes the failed request again on the next `next`.
    fn resume(&mut self);
}

impl Resumable for PageIter<'static, Ticket> {
    fn failed(&self) -> bool {
        PageIter::failed(self)
    }

    fn resume(&mut self) {
        PageIter::resume(self);
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

impl Resumable for SyncIter {
    fn failed(&self) -> bool {
        SyncIter::failed(self)
    }

    fn resume(&mut self) {
        SyncIter::resume(self);
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
/// were; a failure's message says how many were done.
pub fn drain(
    tickets: &mut impl Resumable,
    ui: Ui,
    mut each: impl FnMut(Ticket) -> Result<(), Failure>,
) -> Result<u64, Failure> {
    let mut seen = HashSet::new();
    let mut resumes = 0;
    loop {
        match tickets.next() {
            Some(Ok(ticket)) => {
                resumes = 0;
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
