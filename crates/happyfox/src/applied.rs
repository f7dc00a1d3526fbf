//! What every write returns once HappyFox has answered 2xx: the write happened, so the
//! answer is handed over whatever its shape, never turned into an error a caller might retry
//! (posting the same note twice).

/// The outcome of a write that HappyFox accepted (a 2xx answer): its documented answer, or,
/// when the answer is not that shape, the answer as received.
///
/// Either way the write was applied: do not send it again. Several writes have no documented
/// answer at all (private note, contact reply, custom fields); HappyFox and the emulator
/// answer the ticket there, and anything else arrives as [`Applied::Unrecognized`].
///
/// ```
/// # fn demo(applied: happyfox::Applied<happyfox::Ticket>) {
/// match applied {
///     happyfox::Applied::Answer(ticket) => println!("ticket {}", ticket.id),
///     happyfox::Applied::Unrecognized(raw) => println!("applied; HappyFox said: {}", raw.text()),
/// }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "the write was applied; its answer says what it became"]
pub enum Applied<T> {
    /// The documented answer.
    Answer(T),
    /// A 2xx answer that is not the documented shape (not JSON, another JSON shape, an empty
    /// body), kept whole.
    Unrecognized(RawAnswer),
}

/// A 2xx answer the client could not read as the documented shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAnswer {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The body, byte for byte.
    pub body: Vec<u8>,
    /// Why it is not the documented shape (the decoding error, with its JSON path).
    pub problem: String,
}

impl RawAnswer {
    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON, when it is JSON of any shape.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl<T> Applied<T> {
    /// The documented answer, if that is what came back.
    pub fn answer(self) -> Option<T> {
        match self {
            Applied::Answer(answer) => Some(answer),
            Applied::Unrecognized(_) => None,
        }
    }

    /// The documented answer, by reference.
    pub fn as_answer(&self) -> Option<&T> {
        match self {
            Applied::Answer(answer) => Some(answer),
            Applied::Unrecognized(_) => None,
        }
    }

    /// The answer as received, when it was not the documented shape.
    pub fn unrecognized(&self) -> Option<&RawAnswer> {
        match self {
            Applied::Answer(_) => None,
            Applied::Unrecognized(raw) => Some(raw),
        }
    }

    /// Converts the documented answer, keeping an unrecognized one as it is.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Applied<U> {
        match self {
            Applied::Answer(answer) => Applied::Answer(f(answer)),
            Applied::Unrecognized(raw) => Applied::Unrecognized(raw),
        }
    }
}
