//! The one error type of the bindings: `HappyFoxException` (a sealed class) in Kotlin, the
//! `HappyFoxError` enum in Swift. Each case carries the core error's data, the readable
//! `description`, and `outcome_unknown`: a write that may or may not have been applied is its
//! cause's case with `outcome_unknown = true` (look it up before sending it again).
//!
//! The case is chosen by the core's `Error::kind()`, matched with no catch-all arm: a kind
//! the core adds fails to compile here until it has its case. The data comes from
//! `Error::root()`, whose variant the core keeps in step with the kind.

use std::fmt;
use std::time::Duration;

use crate::dry_run::PreparedRequest;

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

pub use crate::generated::input_rules::InputRule;

/// Everything that can go wrong when talking to HappyFox: one case per kind of the core's
/// `ErrorKind`, plus `Other` for failures outside the client (the emulator's).
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
    /// A request or its answer took longer than the client's (or the call's) timeout, or
    /// the call's deadline passed (then `deadline` is set and nothing was applied).
    Timeout {
        /// The deadline that passed; null for the timeout of one request.
        deadline: Option<Duration>,
        /// The readable message.
        description: String,
        /// Whether a write may or may not have been applied (a timeout after sending).
        outcome_unknown: bool,
    },
    /// The request could not be sent or the answer not read (DNS, TLS, refused, reset...),
    /// other than by a timeout.
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
    /// An answer larger than the client's limit (`maxResponseBytes`) was refused.
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
    /// Dry-run mode: the write was not sent; `request` is what would have been.
    DryRun {
        /// The request the write would have sent (boxed in Rust only, to keep every result
        /// small; a plain record in Kotlin and Swift).
        request: Box<PreparedRequest>,
        /// The readable message.
        description: String,
        /// Always false: nothing was sent.
        outcome_unknown: bool,
    },
    /// No lookup (`Lookups`) has the name, email or id asked for.
    UnknownName {
        /// What was looked up: `status`, `priority`, `category`, `staff member`,
        /// `ticket custom field` or `contact custom field`.
        kind: String,
        /// The name, email or id asked for.
        name: String,
        /// Every name of that kind (staff: `Name <email>`).
        candidates: Vec<String>,
        /// The readable message.
        description: String,
        /// Always false: nothing was sent.
        outcome_unknown: bool,
    },
    /// More than one lookup matches the name asked for: ask by email or id instead.
    AmbiguousName {
        /// What was looked up.
        kind: String,
        /// The name asked for.
        name: String,
        /// The matching entries, as `Name (id N)` (staff: `Name <email> (id N)`).
        matches: Vec<String>,
        /// The readable message.
        description: String,
        /// Always false: nothing was sent.
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
    /// A failure outside the client: the in-process emulator could not start, was stopped,
    /// or could not write or read a fixture. Never a HappyFox or client error (those have
    /// their own cases).
    Other {
        /// The readable message.
        description: String,
        /// Always false.
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
            | Self::Timeout { description, .. }
            | Self::Transport { description, .. }
            | Self::Decode { description, .. }
            | Self::InvalidInput { description, .. }
            | Self::InsecureWrite { description, .. }
            | Self::Redirect { description, .. }
            | Self::ResponseTooLarge { description, .. }
            | Self::DryRun { description, .. }
            | Self::UnknownName { description, .. }
            | Self::AmbiguousName { description, .. }
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

/// Binds the fields of `root`, the variant `Error::root()` has for the kind matched (the
/// core keeps the two in step, and `every_kind_has_its_own_case` below checks it).
macro_rules! root_is {
    ($root:expr, $variant:pat) => {
        let $variant = $root else {
            unreachable!(
                "Error::root() is not the variant of Error::kind(): {:?}",
                $root
            )
        };
    };
}

impl From<happyfox::Error> for HappyFoxError {
    fn from(error: happyfox::Error) -> Self {
        use happyfox::{Error as Core, ErrorKind as Kind};
        let description = error.to_string();
        let outcome_unknown = error.outcome_unknown();
        let root = error.root();
        match error.kind() {
            Kind::Validation => {
                root_is!(
                    root,
                    Core::Validation {
                        status: code,
                        errors
                    }
                );
                Self::Validation {
                    status: status(*code),
                    errors: errors.iter().cloned().map(FieldError::from).collect(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::Authentication => {
                root_is!(root, Core::Authentication { status: code, body });
                Self::Authentication {
                    status: status(*code),
                    body: body.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::NotFound => {
                root_is!(root, Core::NotFound { path, body });
                Self::NotFound {
                    path: path.clone(),
                    body: body.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::Conflict => Self::Conflict {
                description,
                outcome_unknown,
            },
            Kind::RateLimited => {
                root_is!(root, Core::RateLimited { retry_after, body });
                Self::RateLimited {
                    retry_after: *retry_after,
                    body: body.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::Http => {
                root_is!(root, Core::Http { status: code, body });
                Self::Http {
                    status: status(*code),
                    body: body.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::Timeout => Self::Timeout {
                deadline: if let Core::DeadlineExceeded { deadline, .. } = root {
                    Some(*deadline)
                } else {
                    None
                },
                description,
                outcome_unknown,
            },
            Kind::Transport => Self::Transport {
                description,
                outcome_unknown,
            },
            Kind::Decode => {
                root_is!(
                    root,
                    Core::Decode {
                        path,
                        message,
                        body_start,
                    }
                );
                Self::Decode {
                    path: path.clone(),
                    problem: message.clone(),
                    body_start: body_start.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::InvalidInput => {
                root_is!(root, Core::InvalidInput(input));
                Self::InvalidInput {
                    field: input.field.clone(),
                    rule: input.rule.clone().into(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::InsecureWrite => {
                root_is!(root, Core::InsecureWrite { url });
                Self::InsecureWrite {
                    url: url.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::Redirect => {
                root_is!(
                    root,
                    Core::Redirect {
                        status: code,
                        location,
                        hint,
                    }
                );
                Self::Redirect {
                    status: status(*code),
                    location: location.clone(),
                    hint: hint.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::ResponseTooLarge => {
                root_is!(root, Core::ResponseTooLarge { limit, announced });
                Self::ResponseTooLarge {
                    limit: count(*limit),
                    announced: announced.map(count),
                    description,
                    outcome_unknown,
                }
            }
            Kind::DryRun => {
                root_is!(root, Core::DryRun(request));
                Self::DryRun {
                    request: Box::new(PreparedRequest::from(&**request)),
                    description,
                    outcome_unknown,
                }
            }
            Kind::UnknownName => {
                root_is!(
                    root,
                    Core::UnknownName {
                        kind,
                        name,
                        candidates,
                    }
                );
                Self::UnknownName {
                    kind: kind.clone(),
                    name: name.clone(),
                    candidates: candidates.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::AmbiguousName => {
                root_is!(
                    root,
                    Core::AmbiguousName {
                        kind,
                        name,
                        matches,
                    }
                );
                Self::AmbiguousName {
                    kind: kind.clone(),
                    name: name.clone(),
                    matches: matches.clone(),
                    description,
                    outcome_unknown,
                }
            }
            Kind::Io => {
                root_is!(root, Core::Io { path, .. });
                Self::Io {
                    path: path.clone(),
                    description,
                    outcome_unknown,
                }
            }
        }
    }
}

/// The result of every exported call.
pub type Result<T, E = HappyFoxError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    /// The kind name (`happyfox::ErrorKind::name`) of a case; `None` for `Other`.
    fn kind_name(error: &HappyFoxError) -> Option<&'static str> {
        Some(match error {
            HappyFoxError::Validation { .. } => "validation",
            HappyFoxError::Authentication { .. } => "authentication",
            HappyFoxError::NotFound { .. } => "not_found",
            HappyFoxError::Conflict { .. } => "conflict",
            HappyFoxError::RateLimited { .. } => "rate_limited",
            HappyFoxError::Http { .. } => "http",
            HappyFoxError::Timeout { .. } => "timeout",
            HappyFoxError::Transport { .. } => "transport",
            HappyFoxError::Decode { .. } => "decode",
            HappyFoxError::InvalidInput { .. } => "invalid_input",
            HappyFoxError::InsecureWrite { .. } => "insecure_write",
            HappyFoxError::Redirect { .. } => "redirect",
            HappyFoxError::ResponseTooLarge { .. } => "response_too_large",
            HappyFoxError::DryRun { .. } => "dry_run",
            HappyFoxError::UnknownName { .. } => "unknown_name",
            HappyFoxError::AmbiguousName { .. } => "ambiguous_name",
            HappyFoxError::Io { .. } => "io",
            HappyFoxError::Other { .. } => return None,
        })
    }

    /// One core error of every variant (two for timeouts).
    fn one_of_each() -> Vec<happyfox::Error> {
        use happyfox::Error as Core;
        let text = || "x".to_owned();
        vec![
            Core::Validation {
                status: 400,
                errors: Vec::new(),
            },
            Core::Authentication {
                status: 401,
                body: text(),
            },
            Core::NotFound {
                path: text(),
                body: text(),
            },
            Core::Conflict { message: text() },
            Core::RateLimited {
                retry_after: Duration::from_secs(1),
                body: text(),
            },
            Core::Http {
                status: 502,
                body: text(),
            },
            Core::DeadlineExceeded {
                deadline: Duration::from_secs(2),
                last: None,
            },
            Core::Transport {
                message: text(),
                source: Some(Arc::new(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "slow",
                ))),
            },
            Core::Transport {
                message: text(),
                source: None,
            },
            Core::Decode {
                path: text(),
                message: text(),
                body_start: text(),
            },
            happyfox::Client::builder()
                .build()
                .expect_err("no base URL is refused"),
            Core::InsecureWrite { url: text() },
            Core::Redirect {
                status: 301,
                location: text(),
                hint: None,
            },
            Core::ResponseTooLarge {
                limit: 1,
                announced: Some(2),
            },
            Core::DryRun(Box::new(happyfox::PreparedRequest {
                method: "POST".into(),
                url: "https://acme.happyfox.com/api/1.1/json/tickets/".into(),
                content_type: Some("application/json".into()),
                body: happyfox::PreparedBody::Json(serde_json::json!({"subject": "x"})),
            })),
            Core::UnknownName {
                kind: "status".into(),
                name: text(),
                candidates: vec!["New".into()],
            },
            Core::AmbiguousName {
                kind: "staff member".into(),
                name: text(),
                matches: vec!["A (id 1)".into(), "A (id 2)".into()],
            },
            Core::Io {
                path: text(),
                source: Arc::new(std::io::Error::from(std::io::ErrorKind::NotFound)),
            },
        ]
    }

    #[test]
    fn every_kind_has_its_own_case() {
        let mut seen = Vec::new();
        for error in one_of_each() {
            let kind = error.kind();
            let case = HappyFoxError::from(error.clone());
            assert_eq!(kind_name(&case), Some(kind.name()), "{error:?}");
            // An unknown outcome keeps its cause's case and says so.
            let unknown = HappyFoxError::from(happyfox::Error::OutcomeUnknown {
                path: "/tickets/".into(),
                cause: Box::new(error),
            });
            assert_eq!(kind_name(&unknown), Some(kind.name()));
            assert!(unknown.description().contains("may or may not"));
            seen.push(kind);
        }
        for kind in happyfox::ErrorKind::ALL {
            assert!(seen.contains(&kind), "no example of {kind}");
        }
    }

    #[test]
    fn a_timeout_carries_the_deadline_only_when_one_passed() {
        let cases: Vec<HappyFoxError> = one_of_each().into_iter().map(Into::into).collect();
        let deadlines: Vec<Option<Duration>> = cases
            .iter()
            .filter_map(|case| match case {
                HappyFoxError::Timeout { deadline, .. } => Some(*deadline),
                _ => None,
            })
            .collect();
        assert_eq!(deadlines, [Some(Duration::from_secs(2)), None]);
        let dry_run = cases
            .iter()
            .find_map(|case| match case {
                HappyFoxError::DryRun { request, .. } => Some(request),
                _ => None,
            })
            .expect("a dry run");
        assert_eq!(dry_run.method, "POST");
        assert_eq!(
            dry_run.body,
            crate::dry_run::PreparedBody::Json {
                json: r#"{"subject":"x"}"#.into()
            }
        );
        assert!(dry_run.headers.iter().all(|h| h.name != "Authorization"));
    }
}
