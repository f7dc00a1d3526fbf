//! The one error type of the client: what went wrong, in terms a caller can act on.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A validation error of one field (or of the whole request when `field` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    /// The payload field, e.g. `category` or `t-cf-2`; `None` for request-wide messages.
    pub field: Option<String>,
    /// What is wrong with it.
    pub messages: Vec<String>,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.messages.join("; ")),
            None => f.write_str(&self.messages.join("; ")),
        }
    }
}

/// Input the client refused before sending anything: which field, which rule, and the
/// readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidInput {
    /// The payload field or parameter refused, e.g. `size`, `assignee`, `t-cf-3`, `q`,
    /// `base_url`, or an environment variable's name; `None` when the refusal is about the
    /// request as a whole (e.g. [`InputRule::OneOf`]).
    pub field: Option<String>,
    /// The rule the input broke.
    pub rule: InputRule,
    /// What is wrong and, where the client can tell, what to write instead.
    pub message: String,
}

impl InvalidInput {
    /// A refusal of `field` (if any) under `rule`, explained by `message`.
    pub(crate) fn new(field: Option<&str>, rule: InputRule, message: impl Into<String>) -> Self {
        Self {
            field: field.map(str::to_owned),
            rule,
            message: message.into(),
        }
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub use crate::generated::input_rules::InputRule;

/// Everything that can go wrong when talking to HappyFox.
///
/// Cheap to clone: the underlying transport and I/O errors are shared.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server rejected the payload (HTTP 400 with field errors, either documented shape).
    #[error("HappyFox rejected the request (HTTP {status}): {}", join(errors))]
    Validation {
        /// HTTP status (400).
        status: u16,
        /// The field errors, from either the list or the map shape.
        errors: Vec<FieldError>,
    },
    /// Wrong or missing credentials, or not allowed (HTTP 401 / 403).
    #[error("authentication failed (HTTP {status}): check the API key and auth code; {body}")]
    Authentication {
        /// HTTP status (401 or 403).
        status: u16,
        /// Start of the response body.
        body: String,
    },
    /// The object or endpoint does not exist (HTTP 404).
    #[error("not found (HTTP 404): {path}: {body}")]
    NotFound {
        /// The path that was requested.
        path: String,
        /// Start of the response body.
        body: String,
    },
    /// The write collided with another change of the same object (HTTP 409), e.g. two staff
    /// updates of one ticket at once, or a `last_staff_message` that is no longer the
    /// ticket's last: read the ticket again, then decide whether to resend.
    #[error("conflict (HTTP 409): {message}")]
    Conflict {
        /// What the server said.
        message: String,
    },
    /// Too many requests (HTTP 429); retry after `retry_after`.
    #[error("rate limited by HappyFox: retry after {}s ({body})", retry_after.as_secs())]
    RateLimited {
        /// How long the server asked to wait: the longer of `Retry-After` and the body's
        /// "wait N seconds".
        retry_after: Duration,
        /// Start of the response body.
        body: String,
    },
    /// Any other unsuccessful HTTP status.
    #[error("HappyFox answered HTTP {status}: {body}")]
    Http {
        /// HTTP status.
        status: u16,
        /// Start of the response body.
        body: String,
    },
    /// The request could not be sent or the answer not read (DNS, TLS, timeout, reset...).
    #[error("transport error: {message}")]
    Transport {
        /// What happened.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    },
    /// The answer was not the JSON the client expected.
    #[error("could not decode the response at `{path}`: {message}; body starts with: {body_start}")]
    Decode {
        /// JSON path of the offending value, e.g. `data[3].status.id`.
        path: String,
        /// What was wrong.
        message: String,
        /// The first characters of the body.
        body_start: String,
    },
    /// The input was refused before anything was sent: the field, the rule it broke, and
    /// the message.
    #[error("invalid input: {0}")]
    InvalidInput(InvalidInput),
    /// A write to a plain-http, non-loopback URL was refused before anything was sent.
    #[error(
        "refusing to POST to {url} over plain http: HappyFox treats a POST over http as a GET, \
         so the write would be silently lost; use an https:// URL"
    )]
    InsecureWrite {
        /// The URL that was refused.
        url: String,
    },
    /// A write failed after the request may have reached HappyFox (a timeout or reset after
    /// sending, a 5xx answer, a connection closed before the answer): it may or may not have
    /// been applied. It is never retried automatically; look the object up (e.g. search for
    /// the ticket's subject, read the ticket's updates) before sending it again.
    /// [`Error::outcome_unknown`] is `true` for this variant only.
    #[error(
        "the write to {path} may or may not have been applied ({cause}); look it up before \
         sending it again"
    )]
    OutcomeUnknown {
        /// The path of the write, e.g. `/tickets/` or `/ticket/12/staff_update/`.
        path: String,
        /// What went wrong: a [`Error::Transport`] or an [`Error::Http`] with a 5xx status.
        #[source]
        cause: Box<Error>,
    },
    /// HappyFox answered with a redirect (3xx) the client does not follow: any redirect of a
    /// write (the write is never re-sent, so nothing was applied there) and a read's redirect
    /// to another scheme, host or port (the credentials are never sent elsewhere).
    #[error(
        "HappyFox answered HTTP {status} redirecting to {location}; the request was not sent there{}",
        hint_text(hint)
    )]
    Redirect {
        /// HTTP status (301, 302, 303, 307, 308...).
        status: u16,
        /// The `Location` the server named (resolved against the request URL), or an empty
        /// string when it named none.
        location: String,
        /// What to change, when the client can tell: `use https://...` for an http -> https
        /// redirect, the account's custom domain for a redirect to another host.
        hint: Option<String>,
    },
    /// An answer larger than [`Config::max_response_bytes`](crate::Config::max_response_bytes)
    /// was refused: from its `Content-Length` before reading anything, or once that many
    /// bytes were read.
    #[error(
        "the answer is larger than the client's limit of {limit} bytes{}; raise \
         ClientBuilder::max_response_bytes if such answers are expected",
        announced.map(|n| format!(" (Content-Length: {n})")).unwrap_or_default()
    )]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: u64,
        /// The size the answer announced in `Content-Length`, when it did.
        announced: Option<u64>,
    },
    /// The call's deadline ([`RetryPolicy::deadline`](crate::RetryPolicy::deadline)) passed
    /// before it could complete: while waiting for pacing or for another write to the same
    /// ticket, or before a retry. Never returned for a write that may have been sent (that is
    /// [`Error::OutcomeUnknown`]), so nothing was applied.
    #[error("the call's deadline of {}ms passed{}", deadline.as_millis(), last.as_ref().map(|e| format!("; last error: {e}")).unwrap_or_default())]
    DeadlineExceeded {
        /// The deadline configured.
        deadline: Duration,
        /// The error of the last attempt, when one was made.
        last: Option<Box<Error>>,
    },
    /// Dry-run mode ([`ClientBuilder::dry_run`](crate::ClientBuilder::dry_run)): the write
    /// was not sent; this is what would have been. Never retried, and never an unknown
    /// outcome: nothing left the machine.
    #[error("dry run: {} {} was not sent", .0.method, .0.url)]
    DryRun(Box<crate::dry_run::PreparedRequest>),
    /// No lookup (status, priority, category, staff member, custom field) has the name, email
    /// or id asked for ([`Lookups`](crate::Lookups)); `candidates` lists every name there is.
    #[error("no {kind} is named {name:?}; the {kind} names are: {}", candidates.join(", "))]
    UnknownName {
        /// What was looked up: `status`, `priority`, `category`, `staff member`,
        /// `ticket custom field` or `contact custom field`.
        kind: String,
        /// The name, email or id asked for.
        name: String,
        /// Every name (staff: `Name <email>`) of that kind.
        candidates: Vec<String>,
    },
    /// More than one lookup matches the name asked for (e.g. two staff members called
    /// "Alex"): ask by email or id instead.
    #[error("{name:?} matches more than one {kind}: {}; use the id (or email) instead", matches.join(", "))]
    AmbiguousName {
        /// What was looked up.
        kind: String,
        /// The name asked for.
        name: String,
        /// The matching entries, as `Name (id N)` (staff: `Name <email> (id N)`).
        matches: Vec<String>,
    },
    /// A local file could not be read (attachments).
    #[error("could not read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: Arc<std::io::Error>,
    },
}

fn hint_text(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// An [`Error::InvalidInput`] refusing `field` (if any) under `rule`.
    pub(crate) fn invalid(
        field: Option<&str>,
        rule: InputRule,
        message: impl Into<String>,
    ) -> Self {
        Error::InvalidInput(InvalidInput::new(field, rule, message))
    }

    /// The error with `scrub` applied to every text it carries that came from outside the
    /// client (answer bodies, messages of the transport, locations), so credentials a
    /// server echoes never reach the caller or a log.
    pub(crate) fn scrubbed(self, scrub: &dyn Fn(&str) -> String) -> Error {
        match self {
            Error::Validation { status, errors } => Error::Validation {
                status,
                errors: errors
                    .into_iter()
                    .map(|e| FieldError {
                        field: e.field.map(|f| scrub(&f)),
                        messages: e.messages.iter().map(|m| scrub(m)).collect(),
                    })
                    .collect(),
            },
            Error::Authentication { status, body } => Error::Authentication {
                status,
                body: scrub(&body),
            },
            Error::NotFound { path, body } => Error::NotFound {
                path,
                body: scrub(&body),
            },
            Error::Conflict { message } => Error::Conflict {
                message: scrub(&message),
            },
            Error::RateLimited { retry_after, body } => Error::RateLimited {
                retry_after,
                body: scrub(&body),
            },
            Error::Http { status, body } => Error::Http {
                status,
                body: scrub(&body),
            },
            Error::Transport { message, source } => Error::Transport {
                message: scrub(&message),
                source,
            },
            Error::Decode {
                path,
                message,
                body_start,
            } => Error::Decode {
                path: scrub(&path),
                message: scrub(&message),
                body_start: scrub(&body_start),
            },
            Error::OutcomeUnknown { path, cause } => Error::OutcomeUnknown {
                path,
                cause: Box::new(cause.scrubbed(scrub)),
            },
            Error::Redirect {
                status,
                location,
                hint,
            } => Error::Redirect {
                status,
                location: scrub(&location),
                hint: hint.map(|h| scrub(&h)),
            },
            Error::DeadlineExceeded { deadline, last } => Error::DeadlineExceeded {
                deadline,
                last: last.map(|e| Box::new(e.scrubbed(scrub))),
            },
            other @ (Error::InvalidInput(_)
            | Error::InsecureWrite { .. }
            | Error::ResponseTooLarge { .. }
            | Error::DryRun(_)
            | Error::UnknownName { .. }
            | Error::AmbiguousName { .. }
            | Error::Io { .. }) => other,
        }
    }

    /// What was refused before sending, when this is an [`Error::InvalidInput`].
    pub fn invalid_input(&self) -> Option<&InvalidInput> {
        match self {
            Error::InvalidInput(refusal) => Some(refusal),
            _ => None,
        }
    }

    /// The request a dry run did not send, when this is an [`Error::DryRun`].
    pub fn dry_run(&self) -> Option<&crate::dry_run::PreparedRequest> {
        match self {
            Error::DryRun(prepared) => Some(prepared),
            _ => None,
        }
    }

    /// The field errors of a validation failure (empty for other errors).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Validation { errors, .. } => errors,
            _ => &[],
        }
    }

    /// Whether this is a write that may or may not have been applied
    /// ([`Error::OutcomeUnknown`]): do not send it again before looking it up. `false` for
    /// every other error (a read, a write refused or answered with a definite failure, a
    /// write the client proved never left).
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown { .. })
    }

    /// The HTTP status the server answered, when the error came from an answer (for
    /// [`Error::OutcomeUnknown`], its cause's).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::OutcomeUnknown { cause, .. } => cause.status(),
            Error::Validation { status, .. }
            | Error::Authentication { status, .. }
            | Error::Redirect { status, .. }
            | Error::Http { status, .. } => Some(*status),
            Error::NotFound { .. } => Some(404),
            Error::Conflict { .. } => Some(409),
            Error::RateLimited { .. } => Some(429),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn errors_clone_cheaply_and_keep_their_source() {
        fn shareable<T: Clone + Send + Sync + 'static>() {}
        shareable::<Error>();
        let io = Error::Io {
            path: "df.txt".into(),
            source: Arc::new(std::io::Error::new(std::io::ErrorKind::NotFound, "gone")),
        };
        let transport = Error::Transport {
            message: "reset".into(),
            source: Some(Arc::new(std::io::Error::other("reset by peer"))),
        };
        for (error, source) in [(io, "gone"), (transport, "reset by peer")] {
            let copy = error.clone();
            assert_eq!(copy.to_string(), error.to_string());
            assert_eq!(
                copy.source().map(ToString::to_string).as_deref(),
                Some(source)
            );
        }
    }

    #[test]
    fn invalid_input_displays_its_message_and_is_reachable_as_data() {
        let error = Error::invalid(
            Some("size"),
            InputRule::OutOfRange { min: 1, max: 50 },
            "`size` must be between 1 and 50, got 51",
        );
        assert_eq!(
            error.to_string(),
            "invalid input: `size` must be between 1 and 50, got 51"
        );
        let refusal = error.invalid_input().expect("an InvalidInput");
        assert_eq!(refusal.field.as_deref(), Some("size"));
        assert_eq!(refusal.rule, InputRule::OutOfRange { min: 1, max: 50 });
        assert_eq!(error.status(), None);
        assert!(
            Error::Conflict {
                message: String::new()
            }
            .invalid_input()
            .is_none()
        );
    }
}
