//! Client-side pacing: at most N requests of a method in any window (a sliding log), shared
//! by every clone of a client and every thread, so long exports and bulk jobs slow down
//! instead of tripping HappyFox's lockout.
//!
//! Why a sliding log: nothing public says whether HappyFox counts its minute as a fixed
//! window or a sliding one. Keeping at most N requests in *any* window is safe against
//! both, and a job of fewer than N requests runs at full speed (an evenly spaced pacer would
//! slow every short job; a token bucket can exceed N within one fixed window).
//!
//! A request occupies its slot from the moment it is sent until one window after its answer
//! was read, so whatever instant the server counts it at (arrival, anywhere between sending
//! and answering), no window of the server's holds more than N.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::call::Method;

/// How many requests the client sends per window: HappyFox's documented account limits
/// ([`Pacing::happyfox`], 500 GET and 300 POST per minute) by default.
///
/// A key may carry a lower limit of its own: set it here. Turn pacing off with
/// [`ClientBuilder::no_pacing`](crate::ClientBuilder::no_pacing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacing {
    /// GET requests allowed in any window (at least 1).
    pub get_per_window: u32,
    /// POST requests allowed in any window (at least 1).
    pub post_per_window: u32,
    /// The window (a minute for HappyFox).
    pub window: Duration,
}

/// GET requests per minute of HappyFox's documented limit (KB 1148).
pub const HAPPYFOX_GET_PER_MINUTE: u32 = 500;
/// POST requests per minute of HappyFox's documented limit (KB 1148).
pub const HAPPYFOX_POST_PER_MINUTE: u32 = 300;

impl Pacing {
    /// HappyFox's documented account limits: 500 GET and 300 POST per minute.
    pub const fn happyfox() -> Self {
        Self::per_minute(HAPPYFOX_GET_PER_MINUTE, HAPPYFOX_POST_PER_MINUTE)
    }

    /// `get` GET and `post` POST requests per minute.
    pub const fn per_minute(get: u32, post: u32) -> Self {
        Self {
            get_per_window: get,
            post_per_window: post,
            window: Duration::from_secs(60),
        }
    }

    /// The same counts over another window (tests use milliseconds).
    pub const fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }
}

impl Default for Pacing {
    fn default() -> Self {
        Self::happyfox()
    }
}

/// The requests of one method in the current window: in flight, or finished at an instant.
#[derive(Debug)]
struct SlidingLog {
    limit: usize,
    slots: Vec<Slot>,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    id: u64,
    finished: Option<Instant>,
}

/// Why a request cannot go yet.
#[derive(Debug, PartialEq, Eq)]
enum Full {
    /// A slot frees at this instant.
    Until(Instant),
    /// Every slot is in flight: one frees a window after an answer arrives.
    InFlight,
}

impl SlidingLog {
    fn new(limit: u32) -> Self {
        Self {
            limit: usize::try_from(limit).unwrap_or(usize::MAX).max(1),
            slots: Vec::new(),
        }
    }

    /// Takes a slot at `now` (its id), or says when to try again.
    fn admit(&mut self, id: u64, now: Instant, window: Duration) -> Result<(), Full> {
        self.slots
            .retain(|slot| slot.finished.is_none_or(|at| at + window > now));
        if self.slots.len() < self.limit {
            self.slots.push(Slot { id, finished: None });
            return Ok(());
        }
        match self.slots.iter().filter_map(|slot| slot.finished).min() {
            Some(earliest) => Err(Full::Until(earliest + window)),
            None => Err(Full::InFlight),
        }
    }

    /// Marks slot `id` finished at `now`.
    fn finish(&mut self, id: u64, now: Instant) {
        if let Some(slot) = self.slots.iter_mut().find(|slot| slot.id == id) {
            slot.finished = Some(now);
        }
    }
}

/// The shared limiter of one client and its clones.
#[derive(Debug)]
pub(crate) struct Pacer {
    pacing: Option<Pacing>,
    state: Mutex<PacerState>,
    changed: Condvar,
}

#[derive(Debug)]
struct PacerState {
    next_id: u64,
    get: SlidingLog,
    post: SlidingLog,
    /// No request goes before this instant (a 429 is being waited out).
    paused_until: Option<Instant>,
}

/// A request's slot; dropping it (after the answer was read) starts its window.
#[derive(Debug)]
pub(crate) struct Permit<'a> {
    pacer: &'a Pacer,
    slot: Option<(Method, u64)>,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if let Some((method, id)) = self.slot {
            let mut state = self.pacer.lock();
            state.log(method).finish(id, Instant::now());
            drop(state);
            self.pacer.changed.notify_all();
        }
    }
}

/// The deadline passed while waiting for a slot.
#[derive(Debug)]
pub(crate) struct DeadlinePassed;

impl Pacer {
    /// A limiter for `pacing` (`None`: every request goes at once).
    pub fn new(pacing: Option<Pacing>) -> Self {
        let (get, post) = pacing.map_or((1, 1), |p| (p.get_per_window, p.post_per_window));
        Self {
            pacing,
            state: Mutex::new(PacerState {
                next_id: 0,
                get: SlidingLog::new(get),
                post: SlidingLog::new(post),
                paused_until: None,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PacerState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for a slot of `method` (and for a pause to end), until `deadline` at most.
    pub fn acquire(
        &self,
        method: Method,
        path: &str,
        deadline: Option<Instant>,
    ) -> Result<Permit<'_>, DeadlinePassed> {
        let mut state = self.lock();
        let mut logged = false;
        loop {
            let now = Instant::now();
            let wake = match state.paused_until.filter(|until| *until > now) {
                Some(until) => Some(until),
                None => {
                    let Some(pacing) = self.pacing else {
                        return Ok(Permit {
                            pacer: self,
                            slot: None,
                        });
                    };
                    let id = state.next_id;
                    match state.log(method).admit(id, now, pacing.window) {
                        Ok(()) => {
                            state.next_id += 1;
                            return Ok(Permit {
                                pacer: self,
                                slot: Some((method, id)),
                            });
                        }
                        Err(Full::Until(at)) => Some(at),
                        Err(Full::InFlight) => None,
                    }
                }
            };
            if let Some(d) = deadline
                && (d <= now || wake.is_some_and(|w| w > d))
            {
                return Err(DeadlinePassed);
            }
            let until = match (wake, deadline) {
                (Some(w), Some(d)) => Some(w.min(d)),
                (w, d) => w.or(d),
            };
            if !logged {
                log::debug!(
                    target: "happyfox::pacing",
                    "{} {path}: pacing, waiting for a slot{}",
                    method.as_str(),
                    until.map(|u| format!(" ({}ms)", u.saturating_duration_since(now).as_millis())).unwrap_or_default()
                );
                logged = true;
            }
            state = match until {
                Some(until) => {
                    let timeout = until.saturating_duration_since(now);
                    self.changed
                        .wait_timeout(state, timeout)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
                None => self.changed.wait(state).unwrap_or_else(|e| e.into_inner()),
            };
        }
    }

    /// Holds every request of this client (all clones, all threads) for `wait`: a 429 is
    /// being waited out, and more requests meanwhile would only meet 429 too.
    pub fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.lock();
        state.paused_until = Some(state.paused_until.map_or(until, |u| u.max(until)));
    }
}

impl PacerState {
    fn log(&mut self, method: Method) -> &mut SlidingLog {
        match method {
            Method::Get => &mut self.get,
            Method::Post => &mut self.post,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Duration = Duration::from_secs(60);

    #[test]
    fn fewer_than_n_requests_go_at_once() {
        let mut log = SlidingLog::new(3);
        let t0 = Instant::now();
        for id in 0..3 {
            assert_eq!(log.admit(id, t0, WINDOW), Ok(()));
            log.finish(id, t0);
        }
        assert_eq!(log.admit(3, t0, WINDOW), Err(Full::Until(t0 + WINDOW)));
    }

    #[test]
    fn a_slot_frees_one_window_after_its_answer() {
        let mut log = SlidingLog::new(2);
        let t0 = Instant::now();
        let s = Duration::from_secs;
        assert_eq!(log.admit(0, t0, WINDOW), Ok(()));
        assert_eq!(log.admit(1, t0, WINDOW), Ok(()));
        assert_eq!(log.admit(2, t0, WINDOW), Err(Full::InFlight));
        log.finish(1, t0 + s(5));
        log.finish(0, t0 + s(10));
        assert_eq!(
            log.admit(2, t0 + s(30), WINDOW),
            Err(Full::Until(t0 + s(65)))
        );
        assert_eq!(log.admit(2, t0 + s(65), WINDOW), Ok(()));
        assert_eq!(
            log.admit(3, t0 + s(66), WINDOW),
            Err(Full::Until(t0 + s(70)))
        );
        assert_eq!(log.admit(3, t0 + s(70), WINDOW), Ok(()));
    }

    #[test]
    fn no_window_ever_holds_more_than_n_starts() {
        // 10 requests through a limit of 3, each answered 1 s after it was sent.
        let mut log = SlidingLog::new(3);
        let t0 = Instant::now();
        let mut now = t0;
        let mut starts = Vec::new();
        for id in 0..10 {
            loop {
                match log.admit(id, now, WINDOW) {
                    Ok(()) => break,
                    Err(Full::Until(at)) => now = at,
                    Err(Full::InFlight) => unreachable!("every earlier request finished"),
                }
            }
            starts.push(now);
            log.finish(id, now + Duration::from_secs(1));
        }
        for (i, start) in starts.iter().enumerate() {
            let in_window = starts[i..].iter().filter(|s| **s < *start + WINDOW).count();
            assert!(in_window <= 3, "{in_window} starts in the window from {i}");
        }
    }

    #[test]
    fn without_pacing_every_request_goes_and_a_pause_holds_them() {
        let pacer = Pacer::new(None);
        for _ in 0..1000 {
            drop(pacer.acquire(Method::Get, "/x/", None).expect("no pacing"));
        }
        pacer.pause(Duration::from_secs(30));
        let soon = Instant::now() + Duration::from_millis(1);
        assert!(pacer.acquire(Method::Get, "/x/", Some(soon)).is_err());
    }
}
