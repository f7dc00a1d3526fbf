//! A bounded pool of worker threads that runs numbered jobs and hands their results back in
//! job order: what the parallel export fetches its pages with.
//!
//! Workers take jobs in order, and never more than `window` ahead of the job the consumer
//! waits for, so at most `window` results are held whatever the consumer's pace. The first
//! job that fails stops the hand-out: jobs already started finish, so every result before
//! the failure still arrives in order, then the failure, then nothing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::error::{Error, Result};

/// The most workers an export (or a bulk create) runs, each holding one connection and one
/// page at a time: also the client's pool of idle connections.
pub const MAX_EXPORT_WORKERS: usize = 32;

/// The running pool; dropping it stops the hand-out (jobs in flight finish unobserved).
pub(crate) struct OrderedPool<T> {
    shared: Arc<Shared<T>>,
    /// The next job whose result the consumer takes.
    next: u64,
    end: u64,
    finished: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    /// A result arrived.
    arrived: Condvar,
    /// The consumer moved on: a worker may take a job further ahead.
    room: Condvar,
}

struct State<T> {
    next_job: u64,
    end: u64,
    /// The job the consumer waits for.
    consumer: u64,
    window: u64,
    done: BTreeMap<u64, Result<T>>,
    stopped: bool,
}

impl<T: Send + 'static> OrderedPool<T> {
    /// Runs `run(job)` for every job of `jobs` on `workers` threads (at least one), at most
    /// `window` jobs (at least `workers`) ahead of the consumer.
    pub(crate) fn start(
        jobs: Range<u64>,
        workers: usize,
        window: u64,
        run: impl Fn(u64) -> Result<T> + Send + Sync + 'static,
    ) -> Self {
        let workers = workers.max(1);
        let window = window.max(workers as u64);
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                next_job: jobs.start,
                end: jobs.end,
                consumer: jobs.start,
                window,
                done: BTreeMap::new(),
                stopped: false,
            }),
            arrived: Condvar::new(),
            room: Condvar::new(),
        });
        let run = Arc::new(run);
        let wanted = usize::try_from(jobs.end.saturating_sub(jobs.start)).unwrap_or(usize::MAX);
        for _ in 0..workers.min(wanted) {
            let shared = Arc::clone(&shared);
            let run = Arc::clone(&run);
            std::thread::spawn(move || work(&shared, &*run));
        }
        Self {
            shared,
            next: jobs.start,
            end: jobs.end,
            finished: false,
        }
    }
}

impl<T> OrderedPool<T> {
    /// The result of the next job, waiting for it; `None` after the last job or after a
    /// failure was handed back.
    pub(crate) fn next(&mut self) -> Option<(u64, Result<T>)> {
        if self.finished || self.next >= self.end {
            return None;
        }
        let job = self.next;
        let mut state = lock(&self.shared.state);
        let result = loop {
            if let Some(result) = state.done.remove(&job) {
                break result;
            }
            // Stopped before this job was handed out: it never will be.
            if state.stopped && state.next_job <= job {
                self.finished = true;
                return None;
            }
            state = self
                .shared
                .arrived
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        };
        self.next += 1;
        state.consumer = self.next;
        if result.is_err() {
            state.stopped = true;
            self.finished = true;
        }
        drop(state);
        self.shared.room.notify_all();
        Some((job, result))
    }
}

impl<T> Drop for OrderedPool<T> {
    fn drop(&mut self) {
        lock(&self.shared.state).stopped = true;
        self.shared.room.notify_all();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A worker: takes the next job while there is room, runs it, files its result.
fn work<T>(shared: &Shared<T>, run: &(dyn Fn(u64) -> Result<T> + Send + Sync)) {
    loop {
        let job = {
            let mut state = lock(&shared.state);
            loop {
                if state.stopped || state.next_job >= state.end {
                    return;
                }
                if state.next_job < state.consumer.saturating_add(state.window) {
                    break;
                }
                state = shared.room.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            state.next_job += 1;
            state.next_job - 1
        };
        let result = catch_unwind(AssertUnwindSafe(|| run(job))).unwrap_or_else(|_| {
            Err(Error::Transport {
                message: format!("the worker fetching job {job} panicked"),
                source: None,
            })
        });
        let mut state = lock(&shared.state);
        if result.is_err() {
            // No job after a failure is started; the ones before it still finish.
            state.stopped = true;
        }
        state.done.insert(job, result);
        drop(state);
        shared.arrived.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    fn collect<T>(mut pool: OrderedPool<T>) -> Vec<(u64, Result<T>)> {
        std::iter::from_fn(|| pool.next()).collect()
    }

    #[test]
    fn results_come_back_in_job_order_whatever_order_they_finish_in() {
        let pool = OrderedPool::start(1..41, 4, 8, |job| {
            // Later jobs finish first within each group of four.
            std::thread::sleep(std::time::Duration::from_micros(200 * (4 - job % 4)));
            Ok(job * 10)
        });
        let got: Vec<u64> = collect(pool)
            .into_iter()
            .map(|(_, r)| r.expect("ok"))
            .collect();
        assert_eq!(got, (1..41).map(|j| j * 10).collect::<Vec<_>>());
    }

    #[test]
    fn workers_stay_within_the_window_of_a_slow_consumer() {
        let highest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&highest);
        let mut pool = OrderedPool::start(0..100, 3, 5, move |job| {
            seen.fetch_max(job, Ordering::SeqCst);
            Ok(job)
        });
        for expected in 0..10 {
            let (job, _) = pool.next().expect("a result");
            assert_eq!(job, expected);
            std::thread::sleep(std::time::Duration::from_millis(5));
            // Taken: jobs up to `expected`; handed out at most 5 beyond the next one.
            assert!(highest.load(Ordering::SeqCst) < expected + 1 + 5);
        }
    }

    #[test]
    fn a_failure_ends_the_run_after_every_result_before_it() {
        let pool = OrderedPool::start(0..50, 4, 8, |job| {
            if job == 7 {
                Err(Error::Transport {
                    message: "boom".into(),
                    source: None,
                })
            } else {
                Ok(job)
            }
        });
        let got = collect(pool);
        let jobs: Vec<u64> = got.iter().map(|(job, _)| *job).collect();
        assert_eq!(jobs, (0..8).collect::<Vec<_>>());
        assert!(got[..7].iter().all(|(_, r)| r.is_ok()));
        assert!(got[7].1.is_err());
    }

    #[test]
    fn a_panicking_job_is_an_error_not_a_hang() {
        let pool = OrderedPool::start(0..3, 2, 2, |job| {
            assert_ne!(job, 1, "job 1 panics");
            Ok(job)
        });
        let got = collect(pool);
        assert_eq!(got.len(), 2);
        assert!(
            got[1]
                .1
                .as_ref()
                .is_err_and(|e| e.to_string().contains("panicked"))
        );
    }

    #[test]
    fn an_empty_range_yields_nothing() {
        assert!(collect(OrderedPool::start(5..5, 4, 8, Ok)).is_empty());
    }
}
