//! When a failed call is tried again, and how long the client waits first.
//!
//! - Reads (GET) are retried after a connection error, a timeout, an answer cut short, and
//!   HTTP 408, 429, 500, 502, 503 and 504.
//! - Writes (POST) are retried only when the request provably never left (connection
//!   refused, DNS failure, connect timeout) or on 429 (HappyFox did nothing). Any other
//!   failure after sending may have been applied: it is returned as
//!   [`Error::OutcomeUnknown`], never retried.
//! - A 429 waits what the server asked (the longer of `Retry-After` and the body's "wait N
//!   seconds"), when that is at most [`RetryPolicy::max_wait`]; other retries back off
//!   exponentially from [`RetryPolicy::backoff`] up to [`RetryPolicy::max_backoff`], with
//!   jitter (a random wait between half and all of the step).
//! - [`RetryPolicy::deadline`] bounds a whole call, retries and waits included.

use std::time::Duration;

use rand::Rng;

use crate::call::Method;
use crate::error::Error;

/// How failed calls are retried. On by default ([`RetryPolicy::standard`]);
/// [`RetryPolicy::none`] turns retries off.
///
/// ```
/// use std::time::Duration;
/// use happyfox::RetryPolicy;
///
/// let patient = RetryPolicy::standard()
///     .max_retries(6)
///     .max_wait(Duration::from_secs(120))
///     .deadline(Some(Duration::from_secs(300)));
/// assert_eq!(patient.max_retries, 6);
/// assert_eq!(RetryPolicy::default(), RetryPolicy::standard());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times one call may be retried (0: never).
    pub max_retries: u32,
    /// The first backoff after a transient failure; doubled on each retry.
    pub backoff: Duration,
    /// The longest backoff step (before jitter).
    pub max_backoff: Duration,
    /// The longest rate-limit wait honoured; a 429 asking for longer is returned as
    /// [`Error::RateLimited`] at once (waiting less than HappyFox asked only prolongs a
    /// lockout).
    pub max_wait: Duration,
    /// The most time one call may take, its retries and waits included (`None`: no bound
    /// beyond the per-request timeout of each attempt). Each attempt's timeout is cut to
    /// what is left of it.
    pub deadline: Option<Duration>,
}

/// Retries of [`RetryPolicy::standard`].
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// First backoff of [`RetryPolicy::standard`].
pub const DEFAULT_BACKOFF: Duration = Duration::from_millis(500);
/// Longest backoff step of [`RetryPolicy::standard`].
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Longest rate-limit wait [`RetryPolicy::standard`] honours.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(60);

impl RetryPolicy {
    /// No retries: every failure is returned at once (writes that may have been applied are
    /// still reported as [`Error::OutcomeUnknown`]).
    pub const fn none() -> Self {
        Self {
            max_retries: 0,
            backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            max_wait: Duration::ZERO,
            deadline: None,
        }
    }

    /// The default: up to 3 retries, backing off from 500 ms (at most 30 s a step), waiting
    /// out rate limits of up to 60 s, no deadline.
    pub const fn standard() -> Self {
        Self {
            max_retries: DEFAULT_MAX_RETRIES,
            backoff: DEFAULT_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_wait: DEFAULT_MAX_WAIT,
            deadline: None,
        }
    }

    /// Sets [`RetryPolicy::max_retries`].
    pub const fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets [`RetryPolicy::backoff`] and [`RetryPolicy::max_backoff`].
    pub const fn backoff(mut self, first: Duration, max: Duration) -> Self {
        self.backoff = first;
        self.max_backoff = max;
        self
    }

    /// Sets [`RetryPolicy::max_wait`].
    pub const fn max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = wait;
        self
    }

    /// Sets [`RetryPolicy::deadline`].
    pub const fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// How long to wait before retry number `attempt + 1` of a `method` call that failed,
    /// or `None` when it must not be retried.
    pub(crate) fn wait_before_retry(
        &self,
        method: Method,
        attempt: u32,
        failure: &Failure,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        if let Error::RateLimited { retry_after, .. } = &failure.error {
            return (*retry_after <= self.max_wait).then_some(*retry_after);
        }
        let retryable = match method {
            Method::Get => failure.transient,
            Method::Post => failure.transient && failure.reached == Reached::No,
        };
        retryable.then(|| self.backoff_step(attempt))
    }

    /// Backoff before retry `attempt + 1`: `backoff * 2^attempt`, at most `max_backoff`,
    /// then a random point in its upper half.
    fn backoff_step(&self, attempt: u32) -> Duration {
        let step = self
            .backoff
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(self.max_backoff);
        let half = step / 2;
        let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(rand::rng().random_range(0..=nanos))
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::standard()
    }
}

/// Whether a failed request may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reached {
    /// Provably not: nothing was sent (no connection, no DNS answer, refused before sending).
    No,
    /// Maybe: the request may have been sent, in full or in part.
    Maybe,
    /// The server answered (a status line arrived).
    Answered,
}

/// One failed attempt: the error, whether the request may have reached the server, and
/// whether the failure is of a kind that may pass (a connection error, a timeout, 408, 429,
/// 500, 502, 503, 504).
#[derive(Debug)]
pub(crate) struct Failure {
    /// The error.
    pub error: Error,
    /// Whether the request may have reached the server.
    pub reached: Reached,
    /// Whether trying again may succeed.
    pub transient: bool,
}

impl Failure {
    /// An error answer with `status`.
    pub fn answered(error: Error, status: u16) -> Self {
        Self {
            error,
            reached: Reached::Answered,
            transient: matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
        }
    }

    /// Whether a write that failed so may have been applied: it may have reached the
    /// server and no answer said it was not (a 5xx says nothing about what was done).
    pub fn write_may_have_applied(&self) -> bool {
        match self.reached {
            Reached::No => false,
            Reached::Maybe => true,
            Reached::Answered => self.error.status().is_some_and(|s| s >= 500),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transport(reached: Reached) -> Failure {
        Failure {
            error: Error::Transport {
                message: "reset".into(),
                source: None,
            },
            reached,
            transient: true,
        }
    }

    fn status(status: u16) -> Failure {
        Failure::answered(
            Error::Http {
                status,
                body: String::new(),
            },
            status,
        )
    }

    fn limited(secs: u64) -> Failure {
        Failure::answered(
            Error::RateLimited {
                retry_after: Duration::from_secs(secs),
                body: String::new(),
            },
            429,
        )
    }

    #[test]
    fn reads_retry_transient_failures_and_these_statuses() {
        let policy = RetryPolicy::standard();
        for code in [408, 500, 502, 503, 504] {
            assert!(
                policy
                    .wait_before_retry(Method::Get, 0, &status(code))
                    .is_some(),
                "{code}"
            );
        }
        for code in [400, 401, 403, 404, 409, 501] {
            assert_eq!(
                policy.wait_before_retry(Method::Get, 0, &status(code)),
                None,
                "{code}"
            );
        }
        assert!(
            policy
                .wait_before_retry(Method::Get, 0, &transport(Reached::Maybe))
                .is_some()
        );
    }

    #[test]
    fn writes_retry_only_what_never_left_and_429() {
        let policy = RetryPolicy::standard();
        assert!(
            policy
                .wait_before_retry(Method::Post, 0, &transport(Reached::No))
                .is_some()
        );
        for failure in [
            transport(Reached::Maybe),
            status(500),
            status(503),
            status(408),
        ] {
            assert_eq!(policy.wait_before_retry(Method::Post, 0, &failure), None);
        }
        assert_eq!(
            policy.wait_before_retry(Method::Post, 0, &limited(30)),
            Some(Duration::from_secs(30))
        );
        assert!(transport(Reached::Maybe).write_may_have_applied());
        assert!(status(502).write_may_have_applied());
        assert!(!status(400).write_may_have_applied());
        assert!(!transport(Reached::No).write_may_have_applied());
    }

    #[test]
    fn rate_limits_are_waited_out_within_the_cap_and_the_retry_count() {
        let policy = RetryPolicy::standard();
        assert_eq!(
            policy.wait_before_retry(Method::Get, 0, &limited(300)),
            None
        );
        assert_eq!(policy.wait_before_retry(Method::Get, 3, &limited(1)), None);
        assert_eq!(
            RetryPolicy::none().wait_before_retry(Method::Get, 0, &transport(Reached::No)),
            None
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let policy =
            RetryPolicy::standard().backoff(Duration::from_secs(1), Duration::from_secs(5));
        for (attempt, step) in [(0, 1), (1, 2), (2, 4), (3, 5), (10, 5), (40, 5)] {
            let step = Duration::from_secs(step);
            for _ in 0..20 {
                let wait = policy.backoff_step(attempt);
                assert!(wait >= step / 2 && wait <= step, "{attempt}: {wait:?}");
            }
        }
    }
}
