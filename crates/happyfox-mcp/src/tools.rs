//! What a tool is (its name, hints and schema, generated from the spec) and what calling one
//! answers: the client's answer as JSON, a request a dry run did not send, or an error.

use serde_json::Value;

/// What a tool may do, which decides whether the server offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only.
    Read,
    /// Writes (offered with `--allow-writes`).
    Write,
    /// Deletes, moves or forwards (offered with `--allow-destructive` too).
    Destructive,
}

/// One tool: an operation of the spec.
#[derive(Debug)]
pub struct Tool {
    /// `<resource>_<action>`, e.g. `tickets_staff_update`.
    pub name: &'static str,
    /// The client method it calls, e.g. `staff_update`.
    pub operation: &'static str,
    /// The spec's documentation of the operation, with its route.
    pub description: &'static str,
    /// Whether it reads, writes or destroys.
    pub access: Access,
    /// Whether repeating it with the same arguments changes nothing more.
    pub idempotent: bool,
    /// Whether it answers one page of a listing.
    pub page: bool,
    /// The argument naming the agent a write acts as, which `--staff` fills when a call
    /// names none.
    pub acting_staff: Option<&'static str>,
    /// The names of its arguments (any other is refused).
    pub arguments: &'static [&'static str],
    /// The JSON Schema of its arguments.
    pub schema: &'static str,
}

/// The one hand-written tool: one ticket's messages as text (the server reads it itself).
pub const THREAD: Tool = Tool {
    name: "tickets_thread",
    operation: "get_ticket",
    description: "One ticket's messages (replies and private notes), newest first, as plain text.",
    access: Access::Read,
    idempotent: true,
    page: false,
    acting_staff: None,
    arguments: &["ticket", "newest"],
    schema: r#"{"type":"object","properties":{"ticket":{"anyOf":[{"type":"integer","minimum":0},{"type":"string"}],"description":"The ticket: number or display id"},"newest":{"type":"integer","minimum":1,"description":"How many messages, newest first (default 10)"}},"required":["ticket"],"additionalProperties":false}"#,
};

/// What a call answered.
#[derive(Debug)]
pub enum Answer {
    /// The answer as JSON.
    Value(Value),
    /// A write HappyFox accepted with an answer of another shape, kept whole.
    Unrecognized(Value),
}

impl Answer {
    /// A read's answer.
    pub fn read<T: serde::Serialize>(result: happyfox::Result<T>) -> Result<Answer, CallError> {
        Ok(Answer::Value(to_json(&result?)))
    }

    /// A write's answer.
    pub fn write<T: serde::Serialize>(
        result: happyfox::Result<happyfox::Applied<T>>,
    ) -> Result<Answer, CallError> {
        Ok(match result? {
            happyfox::Applied::Answer(value) => Answer::Value(to_json(&value)),
            happyfox::Applied::Unrecognized(raw) => Answer::Unrecognized(serde_json::json!({
                "status": raw.status,
                "body": raw.text(),
                "problem": raw.problem,
            })),
        })
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Why a call gave no answer.
#[derive(Debug)]
pub enum CallError {
    /// An argument is missing or unusable: which one and why.
    Argument { name: String, why: String },
    /// HappyFox (or the way there) failed.
    Api(happyfox::Error),
    /// No tool is called so.
    UnknownTool(String),
}

impl From<happyfox::Error> for CallError {
    fn from(error: happyfox::Error) -> Self {
        CallError::Api(error)
    }
}
