//! The one error type of the bindings: `HappyFoxException` (a sealed class) in Kotlin, the
//! `HappyFoxError` enum in Swift. Each case carries the core error's data, the readable
//! `description`, and `outcome_unknown`: a write that may or may not have been applied is its
//! cause's case with `outcome_unknown = true` (look it up before sending it again).

use std::fmt;
use std::time::Duration;

/// A validation error of one field (or of the whole request when `field` is null).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldError {
    /// The payload field, e.g. `category` or `t-cf-2`; null for request-wide messages.
    pub field: Option<String>,
    /// What is wrong with it.
    pub messages: Vec<String>,
}

impl From<happyfox::FieldError> for FieldError {
    fn from(error: happyfox::FieldError) -> Self {
        Self {
            field: error.field,
            messages: error.messages,
        }
    }
}

/// The rule an `InvalidInput` broke (the core's `InputRule`, plus `Format` for a value the
/// bindings could not read, e.g. a date that is not `yyyy-mm-dd`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum InputRule {
    /// A required value is missing.
    Required,
    /// None of a group of fields is set; the request needs at least one of `fields`.
    OneOf {
        /// The payload fields of the group.
        fields: Vec<String>,
    },
    /// A number is outside its range (bounds inclusive).
    OutOfRange {
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// Raw search text is malformed or ambiguous; `offset` is the byte offset of the problem.
    Query {
        /// Byte offset in the text where the problem is.
        offset: i64,
    },
    /// A built query has no faithful text form.
    InvalidQuery,
    /// A custom-field number is not finite.
    NotFinite,
    /// The attachments of one request are over HappyFox's limit in total.
    TooLarge {
        /// The most bytes allowed per request.
        limit: i64,
        /// The bytes given.
        total: i64,
    },
    /// A value that a request with attachments (multipart) cannot express.
    Multipart,
    /// A bulk create payload carries attachments.
    BulkAttachments,
    /// A URL or account name is not usable.
    Url,
    /// An environment variable the client reads is not set.
    Environment,
    /// A CA bundle cannot be read, holds no certificate, or holds one that is not valid.
    Trust,
    /// A proxy URL is not usable (not `http://` or `https://`, no host).
    Proxy,
    /// A value the bindings could not read (a date that is not `yyyy-mm-dd`).
    Format,
    /// A rule this version of the bindings does not know.
    Other,
}

/// Everything that can go wrong when talking to HappyFox.
#[derive(Debug, Clone, PartialEq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum HappyFoxError {
    /// The server rejected the payload (HTTP 400) with field errors.
    Validation {
        /// HTTP status.
        status: i32,
        /// The field errors.
        errors: Vec<FieldError>,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// Wrong or missing credentials, or not allowed (HTTP 401 / 403).
    Authentication {
        /// HTTP status.
        status: i32,
        /// Start of the response body.
        body: String,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// The object or endpoint does not exist (HTTP 404).
    NotFound {
        /// The path that was requested.
        path: String,
        /// Start of the response body.
        body: String,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// The write collided with another change of the same object (HTTP 409).
    Conflict {
        /// The readable message (with what the server said).
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// Too many requests (HTTP 429); retry after `retry_after`.
    RateLimited {
        /// How long the server asked to wait.
        retry_after: Duration,
        /// Start of the response body.
        body: String,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// Any other unsuccessful HTTP status.
    Http {
        /// HTTP status.
        status: i32,
        /// Start of the response body.
        body: String,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied (a 5xx answer to a write).
        outcome_unknown: bool,
    },
    /// The request could not be sent or the answer not read (DNS, TLS, timeout, reset...).
    Transport {
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied (a failure after sending).
        outcome_unknown: bool,
    },
    /// The answer was not the JSON the client expected.
    Decode {
        /// JSON path of the offending value.
        path: String,
        /// What was wrong.
        problem: String,
        /// The first characters of the body.
        body_start: String,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// The input was refused before anything was sent.
    InvalidInput {
        /// The payload field or parameter refused, e.g. `size` or `q`.
        field: Option<String>,
        /// The rule it broke (for a malformed search string, `Query` with the offset).
        rule: InputRule,
        /// The readable message.
        description: String,
        /// Always false: nothing was sent.
        outcome_unknown: bool,
    },
    /// A write to a plain-http, non-loopback URL was refused before anything was sent.
    InsecureWrite {
        /// The URL that was refused.
        url: String,
        /// The readable message.
        description: String,
        /// Always false: nothing was sent.
        outcome_unknown: bool,
    },
    /// HappyFox answered with a redirect the client does not follow.
    Redirect {
        /// HTTP status.
        status: i32,
        /// The `Location` named, or an empty string.
        location: String,
        /// What to change, when the client can tell.
        hint: Option<String>,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// An answer larger than the client's limit was refused.
    ResponseTooLarge {
        /// The limit in bytes.
        limit: i64,
        /// The size the answer announced, when it did.
        announced: Option<i64>,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
    /// The call's deadline passed before it could complete (nothing was applied).
    DeadlineExceeded {
        /// The deadline configured.
        deadline: Duration,
        /// The readable message.
        description: String,
        /// Always false.
        outcome_unknown: bool,
    },
    /// A local file could not be read.
    Io {
        /// The file.
        path: String,
        /// The readable message.
        description: String,
        /// Always false.
        outcome_unknown: bool,
    },
    /// An error this version of the bindings does not know.
    Other {
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied.
        outcome_unknown: bool,
    },
}

impl HappyFoxError {
    /// The readable message.
    pub fn description(&self) -> &str {
        match self {
            Self::Validation { description, .. }
            | Self::Authentication { description, .. }
            | Self::NotFound { description, .. }
            | Self::Conflict { description, .. }
            | Self::RateLimited { description, .. }
            | Self::Http { description, .. }
            | Self::Transport { description, .. }
            | Self::Decode { description, .. }
            | Self::InvalidInput { description, .. }
            | Self::InsecureWrite { description, .. }
            | Self::Redirect { description, .. }
            | Self::ResponseTooLarge { description, .. }
            | Self::DeadlineExceeded { description, .. }
            | Self::Io { description, .. }
            | Self::Other { description, .. } => description,
        }
    }

    /// Input refused before sending: `field`, `rule`, and the readable message.
    pub(crate) fn invalid(field: &str, rule: InputRule, description: String) -> Self {
        Self::InvalidInput {
            field: Some(field.to_owned()),
            rule,
            description: format!("invalid input: {description}"),
            outcome_unknown: false,
        }
    }

    /// The case of `error` marked as possibly applied, with `description` as its message.
    fn with_outcome_unknown(self, message: String) -> Self {
        let mut error = self;
        match &mut error {
            Self::Validation {
                description,
                outcome_unknown,
                ..
            }
            | Self::Authentication {
                description,
                outcome_unknown,
                ..
            }
            | Self::NotFound {
                description,
                outcome_unknown,
                ..
            }
            | Self::Conflict {
                description,
                outcome_unknown,
            }
            | Self::RateLimited {
                description,
                outcome_unknown,
                ..
            }
            | Self::Http {
                description,
                outcome_unknown,
                ..
            }
            | Self::Transport {
                description,
                outcome_unknown,
            }
            | Self::Decode {
                description,
                outcome_unknown,
                ..
            }
            | Self::InvalidInput {
                description,
                outcome_unknown,
                ..
            }
            | Self::InsecureWrite {
                description,
                outcome_unknown,
                ..
            }
            | Self::Redirect {
                description,
                outcome_unknown,
                ..
            }
            | Self::ResponseTooLarge {
                description,
                outcome_unknown,
                ..
            }
            | Self::DeadlineExceeded {
                description,
                outcome_unknown,
                ..
            }
            | Self::Io {
                description,
                outcome_unknown,
                ..
            }
            | Self::Other {
                description,
                outcome_unknown,
            } => {
                *description = message;
                *outcome_unknown = true;
            }
        }
        error
    }
}

impl fmt::Display for HappyFoxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

impl std::error::Error for HappyFoxError {}

/// A status as Kotlin's and Swift's `Int`.
fn status(code: u16) -> i32 {
    i32::from(code)
}

/// A count as a signed 64-bit integer, saturating (bounds and sizes, never ids).
pub(crate) fn count(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl From<happyfox::InputRule> for InputRule {
    fn from(rule: happyfox::InputRule) -> Self {
        use happyfox::InputRule as Core;
        match rule {
            Core::Required => Self::Required,
            Core::OneOf { fields } => Self::OneOf { fields },
            Core::OutOfRange { min, max } => Self::OutOfRange {
                min: count(min),
                max: count(max),
            },
            Core::Query { offset } => Self::Query {
                offset: count(offset as u64),
            },
            Core::InvalidQuery => Self::InvalidQuery,
            Core::NotFinite => Self::NotFinite,
            Core::TooLarge { limit, total } => Self::TooLarge {
                limit: count(limit),
                total: count(total),
            },
            Core::Multipart => Self::Multipart,
            Core::BulkAttachments => Self::BulkAttachments,
            Core::Url => Self::Url,
            Core::Environment => Self::Environment,
            Core::Trust => Self::Trust,
            Core::Proxy => Self::Proxy,
            _ => Self::Other,
        }
    }
}

impl From<happyfox::Error> for HappyFoxError {
    fn from(error: happyfox::Error) -> Self {
        use happyfox::Error as Core;
        let description = error.to_string();
        let outcome_unknown = false;
        match error {
            Core::Validation {
                status: code,
                errors,
            } => Self::Validation {
                status: status(code),
                errors: errors.into_iter().map(FieldError::from).collect(),
                description,
                outcome_unknown,
            },
            Core::Authentication { status: code, body } => Self::Authentication {
                status: status(code),
                body,
                description,
                outcome_unknown,
            },
            Core::NotFound { path, body } => Self::NotFound {
                path,
                body,
                description,
                outcome_unknown,
            },
            Core::Conflict { .. } => Self::Conflict {
                description,
                outcome_unknown,
            },
            Core::RateLimited { retry_after, body } => Self::RateLimited {
                retry_after,
                body,
                description,
                outcome_unknown,
            },
            Core::Http { status: code, body } => Self::Http {
                status: status(code),
                body,
                description,
                outcome_unknown,
            },
            Core::Transport { .. } => Self::Transport {
                description,
                outcome_unknown,
            },
            Core::Decode {
                path,
                message,
                body_start,
            } => Self::Decode {
                path,
                problem: message,
                body_start,
                description,
                outcome_unknown,
            },
            Core::InvalidInput(input) => Self::InvalidInput {
                field: input.field,
                rule: input.rule.into(),
                description,
                outcome_unknown,
            },
            Core::InsecureWrite { url } => Self::InsecureWrite {
                url,
                description,
                outcome_unknown,
            },
            Core::OutcomeUnknown { cause, .. } => {
                Self::from(*cause).with_outcome_unknown(description)
            }
            Core::Redirect {
                status: code,
                location,
                hint,
            } => Self::Redirect {
                status: status(code),
                location,
                hint,
                description,
                outcome_unknown,
            },
            Core::ResponseTooLarge { limit, announced } => Self::ResponseTooLarge {
                limit: count(limit),
                announced: announced.map(count),
                description,
                outcome_unknown,
            },
            Core::DeadlineExceeded { deadline, .. } => Self::DeadlineExceeded {
                deadline,
                description,
                outcome_unknown,
            },
            Core::Io { path, .. } => Self::Io {
                path,
                description,
                outcome_unknown,
            },
            _ => Self::Other {
                description,
                outcome_unknown,
            },
        }
    }
}

/// The result of every exported call.
pub type Result<T, E = HappyFoxError> = std::result::Result<T, E>;
