//! One write at a time per ticket: within one client (and its clones), writes to the same
//! ticket (the `{ticket}` of `/ticket/{ticket}/...`) wait for each other; writes to
//! different tickets, and reads, proceed in parallel. HappyFox does not support concurrent
//! staff updates of one ticket.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::time::Instant;

use crate::pacing::DeadlinePassed;

/// The tickets being written to.
#[derive(Debug, Default)]
pub(crate) struct TicketLocks {
    busy: Mutex<HashSet<String>>,
    freed: Condvar,
}

/// A ticket held for one write; dropping it lets the next write to that ticket go.
#[derive(Debug)]
pub(crate) struct TicketGuard<'a> {
    locks: &'a TicketLocks,
    ticket: String,
}

impl Drop for TicketGuard<'_> {
    fn drop(&mut self) {
        let mut busy = self.locks.busy.lock().unwrap_or_else(|e| e.into_inner());
        busy.remove(&self.ticket);
        drop(busy);
        self.locks.freed.notify_all();
    }
}

impl TicketLocks {
    /// Waits until no other write to `ticket` is in progress (until `deadline` at most),
    /// then holds it.
    pub fn hold(
        &self,
        ticket: &str,
        deadline: Option<Instant>,
    ) -> Result<TicketGuard<'_>, DeadlinePassed> {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        while busy.contains(ticket) {
            busy = match deadline {
                None => self.freed.wait(busy).unwrap_or_else(|e| e.into_inner()),
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(DeadlinePassed);
                    }
                    self.freed
                        .wait_timeout(busy, left)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
            };
        }
        busy.insert(ticket.to_owned());
        Ok(TicketGuard {
            locks: self,
            ticket: ticket.to_owned(),
        })
    }
}

/// The ticket a write to `path` targets: the segment after `/ticket/`.
pub(crate) fn ticket_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/ticket/")?;
    let ticket = rest.split('/').next()?;
    (!ticket.is_empty()).then_some(ticket)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_ticket_is_the_path_segment() {
        assert_eq!(ticket_of("/ticket/12/staff_update/"), Some("12"));
        assert_eq!(ticket_of("/ticket/12/"), Some("12"));
        assert_eq!(ticket_of("/tickets/"), None);
        assert_eq!(ticket_of("/ticket-inline-attachment"), None);
        assert_eq!(ticket_of("/ticket//x/"), None);
    }

    #[test]
    fn writes_to_one_ticket_wait_for_each_other() {
        let locks = TicketLocks::default();
        let inside = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..20 {
                        let _guard = locks.hold("7", None).expect("no deadline");
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn other_tickets_go_and_a_deadline_bounds_the_wait() {
        let locks = TicketLocks::default();
        let _seven = locks.hold("7", None).expect("free");
        let _eight = locks.hold("8", None).expect("another ticket is free");
        let soon = Instant::now() + Duration::from_millis(20);
        assert!(locks.hold("7", Some(soon)).is_err());
    }
}
