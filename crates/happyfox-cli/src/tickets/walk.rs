//! Draining a ticket iterator of the core ([`happyfox::Resumable`]: `list --all`'s
//! [`happyfox::PageIter`], `export`'s [`happyfox::TicketExport`] or
//! [`happyfox::SnapshotIter`], `sync`'s [`happyfox::SyncIter`]): each ticket once. The
//! client's retry policy is the only one: a request that still fails after it ends the walk.

use std::collections::HashSet;

use happyfox::{Resumable, Ticket};

use crate::failure::Failure;
use crate::progress::Progress;

/// Calls `each` for every ticket of `tickets`, each id once, and returns how many there
/// were; a failure's message says how many were done. With `progress`, the bar learns the
/// total as soon as the iterator knows it and moves with every ticket.
pub fn drain(
    tickets: &mut impl Resumable<Item = happyfox::Result<Ticket>>,
    progress: Option<&Progress>,
    mut each: impl FnMut(Ticket) -> Result<(), Failure>,
) -> Result<u64, Failure> {
    let mut seen = HashSet::new();
    let mut total_known = false;
    while let Some(ticket) = tickets.next() {
        let ticket = ticket.map_err(|error| {
            let mut failure = Failure::from(error);
            failure.message = format!("{} ({} tickets done)", failure.message, seen.len());
            failure
        })?;
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
    Ok(seen.len() as u64)
}
