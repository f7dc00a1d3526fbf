//! Injected faults: planned ones (deterministic, see `plan.rs`), per-window rate limits
//! (429), random 5xx answers, dropped connections and truncated bodies, decided by a
//! generator seeded from the config so runs repeat.

use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::config::FaultConfig;
use crate::plan::{FaultKind, PlannedFault};

/// What to do with one request, besides handling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Handle it normally.
    None,
    /// Answer this 5xx status instead.
    ServerError(u16),
    /// Close the connection without answering.
    Drop,
    /// Handle it, then send half of the body and close the connection.
    Truncate,
}

/// The fault decisions and rate-limit windows of one emulator.
#[derive(Debug)]
pub struct Faults {
    config: FaultConfig,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    rng: StdRng,
    get: Window,
    post: Window,
    /// Planned faults not yet used up, in the order planned.
    plan: Vec<PlannedFault>,
}

/// Requests counted since `start`, for one window.
#[derive(Debug, Default)]
struct Window {
    start: Option<DateTime<Utc>>,
    count: u32,
}

impl Window {
    /// Counts a request; `Some(seconds to wait)` once over `limit` in the `window`.
    fn hit(&mut self, now: DateTime<Utc>, limit: u32, window: std::time::Duration) -> Option<u64> {
        let minute = TimeDelta::from_std(window).unwrap_or(TimeDelta::days(365));
        let start = match self.start {
            Some(start) if now - start < minute => start,
            _ => {
                self.start = Some(now);
                self.count = 0;
                now
            }
        };
        self.count = self.count.saturating_add(1);
        if self.count <= limit {
            return None;
        }
        let left = (start + minute - now).num_milliseconds().max(0) as u64;
        Some(left.div_ceil(1000).max(1))
    }
}

impl Faults {
    /// Fault decisions for `config`, seeded with `seed`.
    pub fn new(config: FaultConfig, seed: u64) -> Self {
        Self {
            inner: Mutex::new(Inner {
                rng: StdRng::seed_from_u64(seed ^ 0x5eed_fa17),
                get: Window::default(),
                post: Window::default(),
                plan: config.plan.clone(),
            }),
            config,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &FaultConfig {
        &self.config
    }

    /// Counts a request against its method's limit; `Some(seconds)` when it must get 429.
    pub fn throttle(&self, is_post: bool, now: DateTime<Utc>) -> Option<u64> {
        let limit = self.config.rate_limit?;
        let mut inner = self.lock();
        if is_post {
            inner.post.hit(now, limit.post_per_min, limit.window)
        } else {
            inner.get.hit(now, limit.get_per_min, limit.window)
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a planned fault after those already planned.
    pub fn plan(&self, fault: PlannedFault) {
        self.lock().plan.push(fault);
    }

    /// How many requests planned faults are still waiting for.
    pub fn planned_left(&self) -> u64 {
        self.lock().plan.iter().map(|f| u64::from(f.times)).sum()
    }

    /// Takes the first planned fault a request (`is_post`, path below the API root) meets.
    pub fn take_planned(&self, is_post: bool, path: &str) -> Option<FaultKind> {
        let mut inner = self.lock();
        let index = inner.plan.iter().position(|f| f.matches(is_post, path))?;
        let fault = &mut inner.plan[index];
        let kind = fault.kind;
        fault.times = fault.times.saturating_sub(1);
        if fault.times == 0 {
            inner.plan.remove(index);
        }
        Some(kind)
    }

    /// Draws the fault of the next request.
    pub fn roll(&self) -> Fault {
        let c = &self.config;
        if c.drop_rate <= 0.0 && c.error_rate <= 0.0 && c.truncate_rate <= 0.0 {
            return Fault::None;
        }
        let mut inner = self.lock();
        let draw: f64 = inner.rng.random();
        if draw < c.drop_rate {
            Fault::Drop
        } else if draw < c.drop_rate + c.error_rate {
            Fault::ServerError([500, 502, 503][inner.rng.random_range(0..3)])
        } else if draw < c.drop_rate + c.error_rate + c.truncate_rate {
            Fault::Truncate
        } else {
            Fault::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_faults() {
        let config = FaultConfig {
            error_rate: 0.3,
            drop_rate: 0.2,
            truncate_rate: 0.1,
            ..FaultConfig::default()
        };
        let a = Faults::new(config.clone(), 7);
        let b = Faults::new(config, 7);
        let draws_a: Vec<Fault> = (0..50).map(|_| a.roll()).collect();
        let draws_b: Vec<Fault> = (0..50).map(|_| b.roll()).collect();
        assert_eq!(draws_a, draws_b);
        assert!(draws_a.contains(&Fault::Drop) && draws_a.contains(&Fault::None));
    }

    #[test]
    fn window_throttles_past_the_limit_until_the_minute_ends() {
        let mut window = Window::default();
        let t0 = Utc::now();
        let minute = std::time::Duration::from_secs(60);
        assert_eq!(window.hit(t0, 2, minute), None);
        assert_eq!(window.hit(t0, 2, minute), None);
        assert_eq!(window.hit(t0 + TimeDelta::seconds(10), 2, minute), Some(50));
        assert_eq!(window.hit(t0 + TimeDelta::seconds(61), 2, minute), None);
    }

    #[test]
    fn planned_faults_are_used_up_in_order() {
        let faults = Faults::new(FaultConfig::default(), 1);
        faults.plan(PlannedFault::post("/tickets/", FaultKind::Truncate).times(2));
        faults.plan(PlannedFault::any("/tickets/", FaultKind::NotJson));
        assert_eq!(faults.planned_left(), 3);
        assert_eq!(
            faults.take_planned(false, "/tickets/"),
            Some(FaultKind::NotJson)
        );
        assert_eq!(
            faults.take_planned(true, "/tickets/"),
            Some(FaultKind::Truncate)
        );
        assert_eq!(
            faults.take_planned(true, "/tickets/"),
            Some(FaultKind::Truncate)
        );
        assert_eq!(faults.take_planned(true, "/tickets/"), None);
        assert_eq!(faults.planned_left(), 0);
    }
}
