//! What a write hands back when HappyFox accepted it (a 2xx answer) in another shape than
//! documented: the write happened, so the answer comes back whole, never as an error. The
//! generated `Applied<Model>` enums carry it.

/// A 2xx answer to a write that is not the documented shape: the write happened, do not
/// send it again.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RawAnswer {
    /// The HTTP status (2xx).
    pub status: i32,
    /// The body, byte for byte.
    pub body: Vec<u8>,
    /// The body as text (invalid UTF-8 replaced).
    pub text: String,
    /// Why it is not the documented shape.
    pub problem: String,
}

impl From<happyfox::RawAnswer> for RawAnswer {
    fn from(raw: happyfox::RawAnswer) -> Self {
        Self {
            status: i32::from(raw.status),
            text: raw.text(),
            body: raw.body,
            problem: raw.problem,
        }
    }
}
