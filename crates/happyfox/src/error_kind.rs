//! What kind of failure an [`Error`] is: the one decision every surface (Python, Kotlin,
//! Swift, the CLI, the MCP server) maps from, so none of them tells a timeout or a dry run
//! apart by itself.

use std::sync::Arc;

use crate::error::Error;

/// The kind of an [`Error`], as [`Error::kind`] decides it.
///
/// Deliberately not `#[non_exhaustive]`: a binding matches it without a catch-all arm, so a
/// kind added here fails to compile in every binding until that binding maps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// HappyFox rejected the payload ([`Error::Validation`]).
    Validation,
    /// Wrong or missing credentials, or not allowed ([`Error::Authentication`]).
    Authentication,
    /// The object or endpoint does not exist ([`Error::NotFound`]).
    NotFound,
    /// The write collided with another change ([`Error::Conflict`]).
    Conflict,
    /// Too many requests ([`Error::RateLimited`]).
    RateLimited,
    /// Any other unsuccessful HTTP status ([`Error::Http`]).
    Http,
    /// A request or its answer took longer than the client's timeout (an [`Error::Transport`]
    /// whose cause is a timeout), or the call's deadline passed
    /// ([`Error::DeadlineExceeded`]).
    Timeout,
    /// The request could not be sent or the answer not read, other than by a timeout
    /// ([`Error::Transport`]).
    Transport,
    /// The answer was not the JSON the client expected ([`Error::Decode`]).
    Decode,
    /// The input was refused before anything was sent ([`Error::InvalidInput`]).
    InvalidInput,
    /// A write over plain http to another machine was refused ([`Error::InsecureWrite`]).
    InsecureWrite,
    /// HappyFox answered with a redirect the client does not follow ([`Error::Redirect`]).
    Redirect,
    /// An answer over the client's size limit was refused ([`Error::ResponseTooLarge`]).
    ResponseTooLarge,
    /// Dry-run mode: the write was not sent ([`Error::DryRun`]).
    DryRun,
    /// No lookup has the name asked for ([`Error::UnknownName`]).
    UnknownName,
    /// More than one lookup has the name asked for ([`Error::AmbiguousName`]).
    AmbiguousName,
    /// A local file could not be read ([`Error::Io`]).
    Io,
}

impl ErrorKind {
    /// Every kind, in declaration order (for tests and tables that cover them all).
    pub const ALL: [ErrorKind; 17] = [
        ErrorKind::Validation,
        ErrorKind::Authentication,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::RateLimited,
        ErrorKind::Http,
        ErrorKind::Timeout,
        ErrorKind::Transport,
        ErrorKind::Decode,
        ErrorKind::InvalidInput,
        ErrorKind::InsecureWrite,
        ErrorKind::Redirect,
        ErrorKind::ResponseTooLarge,
        ErrorKind::DryRun,
        ErrorKind::UnknownName,
        ErrorKind::AmbiguousName,
        ErrorKind::Io,
    ];

    /// The kind's name in snake case (`rate_limited`, `dry_run`...), as logs and JSON show it.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Authentication => "authentication",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Http => "http",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Transport => "transport",
            ErrorKind::Decode => "decode",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::InsecureWrite => "insecure_write",
            ErrorKind::Redirect => "redirect",
            ErrorKind::ResponseTooLarge => "response_too_large",
            ErrorKind::DryRun => "dry_run",
            ErrorKind::UnknownName => "unknown_name",
            ErrorKind::AmbiguousName => "ambiguous_name",
            ErrorKind::Io => "io",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Error {
    /// What kind of failure this is. A write whose outcome is unknown
    /// ([`Error::OutcomeUnknown`]) is its cause's kind; [`Error::outcome_unknown`] says it
    /// may have been applied. A timeout of any phase and an exceeded deadline are
    /// [`ErrorKind::Timeout`].
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::Authentication { .. } => ErrorKind::Authentication,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Http { .. } => ErrorKind::Http,
            Error::Transport { source, .. } if caused_by_timeout(source.as_ref()) => {
                ErrorKind::Timeout
            }
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::InsecureWrite { .. } => ErrorKind::InsecureWrite,
            Error::OutcomeUnknown { cause, .. } => cause.kind(),
            Error::Redirect { .. } => ErrorKind::Redirect,
            Error::ResponseTooLarge { .. } => ErrorKind::ResponseTooLarge,
            Error::DeadlineExceeded { .. } => ErrorKind::Timeout,
            Error::DryRun(_) => ErrorKind::DryRun,
            Error::UnknownName { .. } => ErrorKind::UnknownName,
            Error::AmbiguousName { .. } => ErrorKind::AmbiguousName,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    /// The error that says what happened: the cause of an [`Error::OutcomeUnknown`], the
    /// error itself otherwise. Its variant matches [`Error::kind`] (a timeout is an
    /// [`Error::Transport`] or an [`Error::DeadlineExceeded`]).
    pub fn root(&self) -> &Error {
        match self {
            Error::OutcomeUnknown { cause, .. } => cause.root(),
            other => other,
        }
    }
}

/// Whether a transport error's cause chain holds a timeout: ureq's own timeout of any phase,
/// or an I/O error of kind `TimedOut`.
fn caused_by_timeout(source: Option<&Arc<dyn std::error::Error + Send + Sync>>) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = source.map(|s| &**s as _);
    while let Some(cause) = next {
        if let Some(ureq::Error::Timeout(_)) = cause.downcast_ref::<ureq::Error>() {
            return true;
        }
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            cause.downcast_ref::<ureq::Error>().and_then(|e| match e {
                ureq::Error::Io(io) => Some(io),
                _ => None,
            })
        });
        if io.is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut) {
            return true;
        }
        next = cause.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn transport(source: Option<Arc<dyn std::error::Error + Send + Sync>>) -> Error {
        Error::Transport {
            message: "failed".into(),
            source,
        }
    }

    #[test]
    fn every_timeout_and_the_deadline_are_one_kind() {
        let ureq_timeout = transport(Some(Arc::new(ureq::Error::Timeout(ureq::Timeout::Global))));
        let io_timeout = transport(Some(Arc::new(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "slow",
        ))));
        let ureq_io_timeout = transport(Some(Arc::new(ureq::Error::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "slow",
        )))));
        let deadline = Error::DeadlineExceeded {
            deadline: Duration::from_secs(1),
            last: None,
        };
        for error in [ureq_timeout, io_timeout, ureq_io_timeout, deadline] {
            assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
        }
        let reset = transport(Some(Arc::new(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "reset",
        ))));
        assert_eq!(reset.kind(), ErrorKind::Transport);
        assert_eq!(transport(None).kind(), ErrorKind::Transport);
    }

    #[test]
    fn an_unknown_outcome_is_its_causes_kind() {
        let error = Error::OutcomeUnknown {
            path: "/tickets/".into(),
            cause: Box::new(Error::Http {
                status: 502,
                body: String::new(),
            }),
        };
        assert_eq!(error.kind(), ErrorKind::Http);
        assert!(error.outcome_unknown());
        assert!(matches!(error.root(), Error::Http { status: 502, .. }));
    }

    #[test]
    fn names_are_snake_case_and_distinct() {
        let names: std::collections::BTreeSet<_> =
            ErrorKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert_eq!(
            ErrorKind::ResponseTooLarge.to_string(),
            "response_too_large"
        );
    }
}
