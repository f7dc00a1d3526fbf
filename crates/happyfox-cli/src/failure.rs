//! Every way a command fails, as one JSON object on stderr and a stable exit code: the one
//! place the core's [`happyfox::Error`] is mapped to the command line's error types.

use std::process::ExitCode;

use happyfox::{Error, FieldError};
use serde::Serialize;

/// The `type` of an error object, which fixes the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// HappyFox answered with an error the other types do not cover (exit 1).
    Api,
    /// Wrong or missing credentials, or not allowed (exit 2).
    Auth,
    /// Input refused, by the client before sending or by HappyFox (exit 3).
    Validation,
    /// No such ticket, contact, status, staff member... (exit 4).
    NotFound,
    /// HappyFox's rate limit outlasted the retries (exit 1).
    RateLimited,
    /// The request could not be sent or its answer not read (exit 5).
    Network,
    /// A timeout or the call's deadline (exit 5).
    Timeout,
    /// A malformed command line, an ambiguous name, a refused confirmation (exit 3).
    Usage,
    /// No usable URL or credentials, or a broken config file (exit 3).
    Config,
    /// A local file or terminal could not be read or written (exit 5).
    Io,
}

impl Kind {
    /// The exit code of this type (see `happyfox --help`).
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Api | Kind::RateLimited => 1,
            Kind::Auth => 2,
            Kind::Validation | Kind::Usage | Kind::Config => 3,
            Kind::NotFound => 4,
            Kind::Network | Kind::Timeout | Kind::Io => 5,
        }
    }
}

/// A failed command: what `main` prints to stderr as one JSON object.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The error type.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// What went wrong, readable.
    pub message: String,
    /// The HTTP status, when HappyFox answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Field errors (validation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Every name there is (an unknown name) or the entries that matched (an ambiguous one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
    /// A write that may have been applied although no answer came: look before resending.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outcome_unknown: bool,
}

impl Failure {
    /// A failure of `kind` saying `message`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            status: None,
            errors: Vec::new(),
            candidates: Vec::new(),
            outcome_unknown: false,
        }
    }

    /// A usage error (exit 3).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    /// A config error (exit 3).
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Kind::Config, message)
    }

    /// The process exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.kind.exit_code())
    }

    /// Writes the failure to stderr as one line of JSON.
    pub fn report(&self) {
        eprintln!("{}", crate::output::json::compact_string(self));
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let message = error.to_string();
        let mut failure = Failure::new(kind_of(&error), message);
        failure.status = error.status();
        failure.errors = error.field_errors().to_vec();
        failure.outcome_unknown = error.outcome_unknown();
        match error {
            Error::UnknownName { candidates, .. } => failure.candidates = candidates,
            Error::AmbiguousName { matches, .. } => failure.candidates = matches,
            Error::InvalidInput(refusal) => {
                failure.errors = vec![FieldError {
                    field: refusal.field,
                    messages: vec![refusal.message],
                }];
            }
            _ => {}
        }
        failure
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::new(Kind::Io, error.to_string())
    }
}

/// The error type of a core error, from the core's one decision of its kind (for an unknown
/// outcome, its cause's). No catch-all: a new core kind fails to compile here until mapped.
fn kind_of(error: &Error) -> Kind {
    use happyfox::ErrorKind as Core;
    match error.kind() {
        Core::Validation => Kind::Validation,
        Core::Authentication => Kind::Auth,
        Core::NotFound | Core::UnknownName => Kind::NotFound,
        Core::RateLimited => Kind::RateLimited,
        Core::Timeout => Kind::Timeout,
        Core::Transport => Kind::Network,
        Core::InvalidInput => match error.invalid_input().map(|refusal| &refusal.rule) {
            Some(
                happyfox::InputRule::Url
                | happyfox::InputRule::Environment
                | happyfox::InputRule::Trust
                | happyfox::InputRule::Proxy,
            ) => Kind::Config,
            // A value typed on the command line that does not read as its type.
            Some(happyfox::InputRule::Format) => Kind::Usage,
            _ => Kind::Validation,
        },
        Core::InsecureWrite => Kind::Config,
        Core::AmbiguousName | Core::Io => Kind::Usage,
        Core::Conflict
        | Core::Http
        | Core::Decode
        | Core::Redirect
        | Core::ResponseTooLarge
        | Core::DryRun => Kind::Api,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_its_documented_exit_code() {
        let codes = [
            (Kind::Api, 1),
            (Kind::RateLimited, 1),
            (Kind::Auth, 2),
            (Kind::Validation, 3),
            (Kind::Usage, 3),
            (Kind::Config, 3),
            (Kind::NotFound, 4),
            (Kind::Network, 5),
            (Kind::Timeout, 5),
            (Kind::Io, 5),
        ];
        for (kind, code) in codes {
            assert_eq!(kind.exit_code(), code, "{kind:?}");
        }
    }

    #[test]
    fn an_unknown_outcome_keeps_its_causes_type_and_says_so() {
        let error = Error::OutcomeUnknown {
            path: "/tickets/".into(),
            cause: Box::new(Error::Http {
                status: 502,
                body: "bad gateway".into(),
            }),
        };
        let failure = Failure::from(error);
        assert_eq!(failure.kind, Kind::Api);
        assert_eq!(failure.status, Some(502));
        let json = serde_json::to_value(&failure).expect("json");
        assert_eq!(json["outcome_unknown"], true);
        assert_eq!(json["type"], "api");
    }
}
