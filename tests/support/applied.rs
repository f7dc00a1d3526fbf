//! `answered`: the documented answer of a write, for tests that expect one.

use happyfox::Applied;

/// Unwraps a write's result and its documented answer, panicking with the error or the
/// answer as received.
pub trait Answered<T> {
    /// The documented answer; panics (naming `what`) on an error or an unrecognized answer.
    fn answered(self, what: &str) -> T;
}

impl<T> Answered<T> for happyfox::Result<Applied<T>> {
    fn answered(self, what: &str) -> T {
        match self {
            Ok(Applied::Answer(answer)) => answer,
            Ok(Applied::Unrecognized(raw)) => {
                panic!(
                    "{what}: applied, but answered {:?} ({})",
                    raw.text(),
                    raw.problem
                )
            }
            Err(error) => panic!("{what}: {error}"),
        }
    }
}
