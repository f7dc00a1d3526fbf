//! Conversions at the boundary, each written once and named by the generated code: ids as
//! signed 64-bit integers (checked both ways), dates as ISO text, timestamps as
//! `SystemTime`, JSON as text, the assignee's three states, files and queries.

use std::time::SystemTime;

use serde_json::Value;

use crate::errors::{HappyFoxError, InputRule, Result};
use crate::generated::externals::UploadFile;
use crate::query::Query;

/// An id or count of an answer as Kotlin's `Long` / Swift's `Int64`; one over `i64::MAX`
/// is a decoding error, never a wrapped number.
pub fn id_out(value: impl Into<u64>) -> Result<i64> {
    let value: u64 = value.into();
    i64::try_from(value).map_err(|_| HappyFoxError::Decode {
        path: String::new(),
        problem: format!("{value} is larger than a signed 64-bit integer"),
        body_start: String::new(),
        description: format!(
            "could not decode the response: the number {value} is larger than a signed 64-bit integer"
        ),
        outcome_unknown: false,
    })
}

/// An id given to a call; a negative one is refused before anything is sent.
pub fn id_in(value: i64, field: &str) -> Result<u64> {
    u64::try_from(value).map_err(|_| {
        HappyFoxError::invalid(
            field,
            InputRule::OutOfRange {
                min: 0,
                max: i64::MAX,
            },
            format!("`{field}` takes 0 or more, got {value}"),
        )
    })
}

/// A list of ids given to a call.
pub fn ids_in(values: Vec<i64>, field: &str) -> Result<Vec<u64>> {
    values
        .into_iter()
        .map(|value| id_in(value, field))
        .collect()
}

/// A count given to a call (retries, requests a minute, workers) as Kotlin's `Int` / Swift's
/// `Int32`: unsigned types would mangle Kotlin's method names (uncallable from Java); a
/// negative count is refused before anything is sent.
pub fn count_in(value: i32, field: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| {
        HappyFoxError::invalid(
            field,
            InputRule::OutOfRange {
                min: 0,
                max: i64::from(i32::MAX),
            },
            format!("`{field}` takes 0 or more, got {value}"),
        )
    })
}

/// A number of worker threads given to a call (the core clamps it to its range).
pub fn workers(value: i32) -> Result<usize> {
    count_in(value, "workers").map(|count| usize::try_from(count).unwrap_or(usize::MAX))
}

/// A calendar day of an answer, as `yyyy-mm-dd`.
pub fn date_out(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A calendar day given as `yyyy-mm-dd`.
pub fn date_in(text: &str, field: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        HappyFoxError::invalid(
            field,
            InputRule::Format,
            format!("`{field}` is a date written yyyy-mm-dd, got {text:?}"),
        )
    })
}

/// A moment given to a call, in UTC.
pub fn timestamp_in(moment: SystemTime) -> chrono::DateTime<chrono::Utc> {
    moment.into()
}

/// A JSON value of an answer, as JSON text.
pub fn json_out(value: Value) -> String {
    value.to_string()
}

/// The fields of an answer the spec does not know, as the text of a JSON object.
pub fn extra_out(extra: serde_json::Map<String, Value>) -> String {
    Value::Object(extra).to_string()
}

/// Who a write assigns the ticket to: nobody, or one agent. A null `assignee` field (the
/// default) leaves the assignee as it is.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Assignee {
    /// Sends `null`: the ticket is unassigned.
    Unassign,
    /// Assigns the agent with this staff id.
    Staff {
        /// The staff id.
        id: i64,
    },
}

/// The core's spelling of an assignee: `None` unassigns.
pub fn assignee(value: Assignee, field: &str) -> Result<Option<u64>> {
    match value {
        Assignee::Unassign => Ok(None),
        Assignee::Staff { id } => id_in(id, field).map(Some),
    }
}

/// A file to attach, with the content type it declares.
pub fn upload(file: UploadFile) -> happyfox::UploadFile {
    happyfox::UploadFile::from_bytes(file.filename, file.data).with_content_type(file.content_type)
}

/// A search query, as the core sends it.
pub fn query_input(query: std::sync::Arc<Query>) -> happyfox::QueryInput {
    happyfox::QueryInput::Query(query.inner.clone())
}

/// A sort option, as the core names it.
pub fn sort(value: crate::generated::externals::Sort) -> Result<happyfox::Sort> {
    let wire = value.wire();
    wire.parse().map_err(|_| {
        HappyFoxError::invalid(
            "sort",
            InputRule::Other,
            format!("`{wire}` is not a sort option of this client"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_both_ways() {
        assert_eq!(id_out(7_u64).ok(), Some(7));
        assert!(matches!(
            id_out(u64::MAX),
            Err(HappyFoxError::Decode { .. })
        ));
        assert_eq!(id_in(7, "ticket").ok(), Some(7));
        match id_in(-1, "ticket") {
            Err(HappyFoxError::InvalidInput { field, rule, .. }) => {
                assert_eq!(field.as_deref(), Some("ticket"));
                assert_eq!(
                    rule,
                    InputRule::OutOfRange {
                        min: 0,
                        max: i64::MAX
                    }
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dates_are_iso_text_and_unassigning_is_not_unset() {
        let day = chrono::NaiveDate::from_ymd_opt(2030, 1, 31).expect("a date");
        assert_eq!(date_out(day), "2030-01-31");
        assert_eq!(date_in("2030-01-31", "due_date").ok(), Some(day));
        assert!(matches!(
            date_in("31/01/2030", "due_date"),
            Err(HappyFoxError::InvalidInput {
                rule: InputRule::Format,
                ..
            })
        ));
        assert_eq!(assignee(Assignee::Unassign, "assignee").ok(), Some(None));
        assert_eq!(
            assignee(Assignee::Staff { id: 3 }, "assignee").ok(),
            Some(Some(3))
        );
    }

    #[test]
    fn an_outcome_unknown_write_keeps_its_cause_and_says_so() {
        let cause = happyfox::Error::Http {
            status: 503,
            body: "busy".into(),
        };
        let error = HappyFoxError::from(happyfox::Error::OutcomeUnknown {
            path: "/tickets/".into(),
            cause: Box::new(cause),
        });
        match &error {
            HappyFoxError::Http {
                status,
                outcome_unknown,
                description,
                ..
            } => {
                assert_eq!(*status, 503);
                assert!(outcome_unknown);
                assert!(
                    description.contains("may or may not have been applied"),
                    "{description}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(error.to_string(), error.description());
    }
}
