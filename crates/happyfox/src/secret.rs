//! A string that never shows itself in Debug or Display (API keys, auth codes), and the
//! scrubber that keeps credentials out of errors and logs even when a server echoes them.

use std::fmt;

/// A credential. `Debug` and `Display` print `***`; read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself. Only the transport calls this.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// Credentials shorter than this are not scrubbed from text (scrubbing a one-letter test
/// key would garble every message; real API keys and auth codes are 32 characters).
pub(crate) const MIN_SCRUBBED_LEN: usize = 4;

/// Replaces every occurrence of the client's credentials (and of the Basic token made from
/// them) in text that leaves the client: error messages, body previews, log lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scrubber {
    secrets: Vec<String>,
}

impl Scrubber {
    /// A scrubber of these secrets (longest first, so a token is replaced before the key in it).
    pub fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        let mut secrets: Vec<String> = secrets
            .into_iter()
            .filter(|s| s.len() >= MIN_SCRUBBED_LEN)
            .collect();
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Self { secrets }
    }

    /// `text` with every secret replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in &self.secrets {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), "***");
            }
        }
        text
    }

    /// `error` with every secret replaced in the text it carries.
    pub fn error(&self, error: crate::Error) -> crate::Error {
        if self.secrets.is_empty() {
            return error;
        }
        error.scrubbed(&|text| self.scrub(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_every_secret_and_leaves_short_ones() {
        let scrubber = Scrubber::new(["KEY-123".to_owned(), "S2VZ".to_owned(), "k".to_owned()]);
        assert_eq!(
            scrubber.scrub("echo: KEY-123 / Basic S2VZ / key"),
            "echo: *** / Basic *** / key"
        );
    }
}
