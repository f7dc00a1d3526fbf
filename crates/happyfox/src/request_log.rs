//! Request logs through the `log` facade: one line per attempt at info level, and the
//! bodies at trace level only when the client was asked to log them. Every line is
//! scrubbed of the credentials; the Authorization header is never logged.

use std::time::Duration;

use crate::Client;
use crate::call::Call;
use crate::retry::Failure;
use crate::transport::Answer;

/// The `log` target of the one line per attempt (info level): method, path with query,
/// status (or why there was none), duration in ms, and the retry number (0: first try).
pub const REQUEST_TARGET: &str = "happyfox::request";
/// The `log` target of request and answer bodies (trace level), logged only with
/// [`ClientBuilder::log_bodies`](crate::ClientBuilder::log_bodies).
pub const REQUEST_BODY_TARGET: &str = "happyfox::request::body";
/// The most bytes of one body a log line shows.
pub const MAX_LOGGED_BODY_BYTES: usize = 4096;

impl Client {
    /// Logs one attempt of `call` and how it ended.
    pub(crate) fn log_attempt(
        &self,
        call: &Call,
        retry: u32,
        took: Duration,
        outcome: &Result<Answer, Failure>,
    ) {
        if !log::log_enabled!(target: REQUEST_TARGET, log::Level::Info) {
            return;
        }
        let ended = match outcome {
            Ok(answer) => format!("HTTP {}", answer.status),
            Err(failure) => match failure.error.status() {
                Some(status) => format!("HTTP {status}"),
                None => format!("no answer ({})", failure.error),
            },
        };
        let line = format!(
            "{} {} -> {ended} in {} ms, retry {retry}",
            call.method.as_str(),
            call.path_and_query(),
            took.as_millis()
        );
        log::info!(target: REQUEST_TARGET, "{}", self.inner.scrubber.scrub(&line));
    }

    /// Logs a body sent or received (`what`: "request body", "answer body") when asked to.
    pub(crate) fn log_body(&self, call: &Call, what: &str, body: &[u8]) {
        if body.is_empty()
            || !self.inner.config.log_bodies
            || !log::log_enabled!(target: REQUEST_BODY_TARGET, log::Level::Trace)
        {
            return;
        }
        let shown = &body[..body.len().min(MAX_LOGGED_BODY_BYTES)];
        let cut = if shown.len() < body.len() {
            format!(", first {MAX_LOGGED_BODY_BYTES} shown")
        } else {
            String::new()
        };
        let line = format!(
            "{} {} {what} ({} bytes{cut}): {}",
            call.method.as_str(),
            call.path_and_query(),
            body.len(),
            String::from_utf8_lossy(shown)
        );
        log::trace!(target: REQUEST_BODY_TARGET, "{}", self.inner.scrubber.scrub(&line));
    }
}
