//! Server-side counts of API requests, per method and path: what arrived, what was handled
//! with a 2xx answer (for a write: applied), what met a fault or the rate limit. Tests
//! compare them with what the client reported, to prove no write was lost or applied twice.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// The counts of one method and path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestCounts {
    /// Requests that arrived with valid credentials.
    pub received: u64,
    /// Requests handled with a 2xx answer (for a write: applied), whether or not the client
    /// got that answer (a fault may have dropped, cut or replaced it afterwards).
    pub applied: u64,
    /// Requests that met an injected fault (planned or random).
    pub faulted: u64,
    /// Requests answered 429 by the rate limit.
    pub throttled: u64,
}

/// A copy of an emulator's counts ([`crate::EmulatorHandle::stats`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Counts by `"METHOD /path/"` (the path below the API root, e.g. `"POST /tickets/"`).
    pub requests: BTreeMap<String, RequestCounts>,
    /// The most API requests handled at the same moment.
    pub peak_in_flight: u64,
}

impl Stats {
    /// The counts of `method` (`"GET"`, `"POST"`) and `path` (below the API root); zeros
    /// when no such request came.
    pub fn of(&self, method: &str, path: &str) -> RequestCounts {
        self.requests
            .get(&format!("{method} {path}"))
            .copied()
            .unwrap_or_default()
    }

    /// The counts of every request together.
    pub fn total(&self) -> RequestCounts {
        self.requests
            .values()
            .fold(RequestCounts::default(), |sum, c| RequestCounts {
                received: sum.received + c.received,
                applied: sum.applied + c.applied,
                faulted: sum.faulted + c.faulted,
                throttled: sum.throttled + c.throttled,
            })
    }
}

/// What a request was counted as.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    /// It arrived.
    Received,
    /// It was handled with a 2xx answer.
    Applied,
    /// It met an injected fault.
    Faulted,
    /// It was answered 429 by the rate limit.
    Throttled,
}

/// The live counts of one emulator.
#[derive(Debug, Default)]
pub struct Recorder {
    inner: Mutex<(Stats, u64)>,
}

/// One request being handled; dropping it ends it.
#[derive(Debug)]
pub struct Handling<'a> {
    recorder: &'a Recorder,
}

impl Drop for Handling<'_> {
    fn drop(&mut self) {
        let mut inner = self.recorder.lock();
        inner.1 = inner.1.saturating_sub(1);
    }
}

impl Recorder {
    fn lock(&self) -> std::sync::MutexGuard<'_, (Stats, u64)> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts `event` for `key` (`"METHOD /path/"`).
    pub fn count(&self, key: &str, event: Event) {
        let mut inner = self.lock();
        let counts = inner.0.requests.entry(key.to_owned()).or_default();
        match event {
            Event::Received => counts.received += 1,
            Event::Applied => counts.applied += 1,
            Event::Faulted => counts.faulted += 1,
            Event::Throttled => counts.throttled += 1,
        }
    }

    /// Marks a request as being handled until the guard is dropped.
    pub fn enter(&self) -> Handling<'_> {
        let mut inner = self.lock();
        inner.1 += 1;
        inner.0.peak_in_flight = inner.0.peak_in_flight.max(inner.1);
        Handling { recorder: self }
    }

    /// A copy of the counts.
    pub fn snapshot(&self) -> Stats {
        self.lock().0.clone()
    }

    /// Forgets every count (the peak included).
    pub fn reset(&self) {
        self.lock().0 = Stats::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_method_and_path_and_the_peak() {
        let recorder = Recorder::default();
        recorder.count("POST /tickets/", Event::Received);
        recorder.count("POST /tickets/", Event::Applied);
        recorder.count("GET /tickets/", Event::Received);
        {
            let _a = recorder.enter();
            let _b = recorder.enter();
        }
        let _c = recorder.enter();
        let stats = recorder.snapshot();
        assert_eq!(stats.of("POST", "/tickets/").applied, 1);
        assert_eq!(stats.of("GET", "/tickets/").received, 1);
        assert_eq!(stats.of("GET", "/nothing/"), RequestCounts::default());
        assert_eq!(stats.total().received, 2);
        assert_eq!(stats.peak_in_flight, 2);
        recorder.reset();
        assert_eq!(recorder.snapshot(), Stats::default());
    }
}
