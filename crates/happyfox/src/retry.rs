//! When a failed call is tried again: rate limits (any method: a 429 means nothing was
//! done) and transient failures of reads. Writes are never repeated after a transport error
//! or a 5xx, since the server may have applied them.

use std::time::Duration;

use crate::call::Method;
use crate::error::Error;

/// How failed calls are retried. The default retries nothing; [`RetryPolicy::standard`] is
/// what long exports want.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times one call may be retried.
    pub max_retries: u32,
    /// The longest rate-limit wait honoured; a longer one is returned as
    /// [`Error::RateLimited`] at once.
    pub max_wait: Duration,
    /// The first backoff after a transient read failure; doubled on each retry.
    pub backoff: Duration,
}

impl RetryPolicy {
    /// No retries: every failure is returned at once.
    pub const fn none() -> Self {
        Self {
            max_retries: 0,
            max_wait: Duration::ZERO,
            backoff: Duration::ZERO,
        }
    }

    /// Up to 3 retries: rate limits waited out when the server asks for at most 60 s, and
    /// GETs repeated after a transport error or a 502/503/504, backing off from 500 ms.
    pub const fn standard() -> Self {
        Self {
            max_retries: 3,
            max_wait: Duration::from_secs(60),
            backoff: Duration::from_millis(500),
        }
    }

    /// How long to wait before retry number `attempt + 1` of a `method` call that failed with
    /// `error`, or `None` when it must not be retried.
    pub(crate) fn wait_before_retry(
        &self,
        method: Method,
        attempt: u32,
        error: &Error,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        match error {
            Error::RateLimited { retry_after, .. } => {
                (*retry_after <= self.max_wait).then_some(*retry_after)
            }
            Error::Transport { .. }
            | Error::Http {
                status: 502..=504, ..
            } if method == Method::Get => {
                Some(self.backoff.saturating_mul(2u32.saturating_pow(attempt)))
            }
            _ => None,
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transport() -> Error {
        Error::Transport {
            message: "reset".into(),
            source: None,
        }
    }

    #[test]
    fn writes_are_not_repeated_after_ambiguous_failures() {
        let policy = RetryPolicy::standard();
        assert_eq!(
            policy.wait_before_retry(Method::Post, 0, &transport()),
            None
        );
        let unavailable = Error::Http {
            status: 503,
            body: String::new(),
        };
        assert_eq!(
            policy.wait_before_retry(Method::Post, 0, &unavailable),
            None
        );
        assert_eq!(
            policy.wait_before_retry(Method::Get, 1, &unavailable),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn rate_limits_are_waited_out_within_the_cap() {
        let policy = RetryPolicy::standard();
        let limited = |secs| Error::RateLimited {
            retry_after: Duration::from_secs(secs),
            body: String::new(),
        };
        assert_eq!(
            policy.wait_before_retry(Method::Post, 0, &limited(30)),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            policy.wait_before_retry(Method::Get, 0, &limited(300)),
            None
        );
        assert_eq!(policy.wait_before_retry(Method::Get, 3, &limited(1)), None);
        assert_eq!(
            RetryPolicy::none().wait_before_retry(Method::Get, 0, &transport()),
            None
        );
    }
}
