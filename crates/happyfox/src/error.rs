//! The one error type of the client: what went wrong, in terms a caller can act on.

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

/// Everything that can go wrong when talking to HappyFox.
#[derive(Debug, thiserror::Error)]
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
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
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
    /// The input was refused before anything was sent.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A write to a plain-http, non-loopback URL was refused before anything was sent.
    #[error(
        "refusing to POST to {url} over plain http: HappyFox treats a POST over http as a GET, \
         so the write would be silently lost; use an https:// URL"
    )]
    InsecureWrite {
        /// The URL that was refused.
        url: String,
    },
    /// A local file could not be read (attachments).
    #[error("could not read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// The field errors of a validation failure (empty for other errors).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Validation { errors, .. } => errors,
            _ => &[],
        }
    }

    /// The HTTP status the server answered, when the error came from an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Validation { status, .. }
            | Error::Authentication { status, .. }
            | Error::Http { status, .. } => Some(*status),
            Error::NotFound { .. } => Some(404),
            Error::Conflict { .. } => Some(409),
            Error::RateLimited { .. } => Some(429),
            _ => None,
        }
    }
}
