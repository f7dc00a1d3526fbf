//! Deterministic faults on demand: "the next N requests to path P meet fault F", either
//! before the request is handled (nothing applied) or after (a write applied, its answer
//! lost, cut, late or replaced), so every failure a client must survive can be tested
//! exactly, with server-side counts to check against.

use std::time::Duration;

/// The method a [`PlannedFault`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultMethod {
    /// GET requests only.
    Get,
    /// POST requests only.
    Post,
}

/// What a planned fault does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Close the connection without handling the request or answering: nothing is applied.
    DropBeforeApplying,
    /// Handle the request (a write is applied), then close the connection without answering.
    DropAfterApplying,
    /// Answer this status (e.g. 500, 502, 503, 408) without handling the request.
    Status(u16),
    /// Handle the request (a write is applied), then answer this status instead of its answer,
    /// as a gateway failing after the backend did the work.
    StatusAfterApplying(u16),
    /// Answer 429 without handling, with the wait in `Retry-After` and/or the body's
    /// "Throttled, wait N seconds." (either may be left out; both are seconds).
    RateLimited {
        /// The `Retry-After` header, if any.
        retry_after: Option<u64>,
        /// The "wait N seconds" of the body, if any.
        body_wait: Option<u64>,
    },
    /// Handle the request, then send its full `Content-Length` but only half of the body and
    /// close the connection.
    Truncate,
    /// Handle the request, then answer 200 with an HTML page instead of its JSON answer.
    NotJson,
    /// Handle the request, then wait this long before answering (slower than a client's
    /// timeout). The request is handled in its own task, so it completes even when the
    /// client has hung up.
    SlowAnswer(Duration),
    /// Handle the request, then announce this `Content-Length` and close the connection after
    /// the real body (an answer claiming to be huge).
    AnnounceLength(u64),
}

impl FaultKind {
    /// Whether the request is handled (a write applied) before the fault acts. The match is
    /// exhaustive, as are the pipeline's: a new kind does not compile until it has a phase.
    pub fn applies_first(&self) -> bool {
        match self {
            FaultKind::DropBeforeApplying
            | FaultKind::Status(_)
            | FaultKind::RateLimited { .. } => false,
            FaultKind::DropAfterApplying
            | FaultKind::StatusAfterApplying(_)
            | FaultKind::Truncate
            | FaultKind::NotJson
            | FaultKind::SlowAnswer(_)
            | FaultKind::AnnounceLength(_) => true,
        }
    }
}

/// The next `times` API requests matching `method` and `path` meet `kind`. Planned faults
/// are taken in the order planned, before any random fault of [`crate::FaultConfig`], and
/// before the rate limit (a planned 429 is the throttle).
///
/// ```
/// use happyfox_emulator::{FaultKind, PlannedFault};
///
/// // The next two ticket creations are applied, then their connections dropped.
/// let fault = PlannedFault::post("/tickets/", FaultKind::DropAfterApplying).times(2);
/// assert_eq!(fault.path, "/tickets/");
/// // Any request below /ticket/ answers 503 once.
/// let burst = PlannedFault::any("/ticket/*", FaultKind::Status(503));
/// assert!(burst.matches(false, "/ticket/12/"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFault {
    /// The method it applies to; `None`: any.
    pub method: Option<FaultMethod>,
    /// The path below the API root (`/tickets/`, `/ticket/3/staff_update/`); a trailing `*`
    /// matches every path starting with what comes before it.
    pub path: String,
    /// How many requests meet it (at least 1).
    pub times: u32,
    /// What it does.
    pub kind: FaultKind,
}

impl PlannedFault {
    /// The next request of any method to `path` meets `kind`.
    pub fn any(path: impl Into<String>, kind: FaultKind) -> Self {
        Self {
            method: None,
            path: path.into(),
            times: 1,
            kind,
        }
    }

    /// The next GET of `path` meets `kind`.
    pub fn get(path: impl Into<String>, kind: FaultKind) -> Self {
        Self {
            method: Some(FaultMethod::Get),
            ..Self::any(path, kind)
        }
    }

    /// The next POST to `path` meets `kind`.
    pub fn post(path: impl Into<String>, kind: FaultKind) -> Self {
        Self {
            method: Some(FaultMethod::Post),
            ..Self::any(path, kind)
        }
    }

    /// The next `times` matching requests meet it (instead of one).
    pub fn times(mut self, times: u32) -> Self {
        self.times = times.max(1);
        self
    }

    /// Whether a request (`is_post`, path below the API root) meets this fault.
    pub fn matches(&self, is_post: bool, path: &str) -> bool {
        let method = match self.method {
            None => true,
            Some(FaultMethod::Post) => is_post,
            Some(FaultMethod::Get) => !is_post,
        };
        let path_matches = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        method && path_matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_method_and_path() {
        let exact = PlannedFault::post("/tickets/", FaultKind::Truncate);
        assert!(exact.matches(true, "/tickets/"));
        assert!(!exact.matches(false, "/tickets/"));
        assert!(!exact.matches(true, "/tickets/x"));
        let prefix = PlannedFault::get("/ticket/*", FaultKind::NotJson);
        assert!(prefix.matches(false, "/ticket/1/"));
        assert!(!prefix.matches(false, "/tickets/"));
        assert_eq!(
            PlannedFault::any("/x/", FaultKind::NotJson).times(0).times,
            1
        );
    }

    #[test]
    fn only_some_faults_apply_the_request_first() {
        assert!(FaultKind::DropAfterApplying.applies_first());
        assert!(FaultKind::StatusAfterApplying(502).applies_first());
        assert!(!FaultKind::DropBeforeApplying.applies_first());
        assert!(!FaultKind::Status(500).applies_first());
    }
}
