//! Turns error answers (status, headers, body) into [`Error`] values, including both
//! documented validation-error shapes.

use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, FieldError};

/// How many characters of a body an error message keeps.
pub const BODY_PREVIEW: usize = 500;

/// The first [`BODY_PREVIEW`] characters of a body, lossily decoded.
pub fn preview(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut preview: String = text.chars().take(BODY_PREVIEW).collect();
    if text.chars().nth(BODY_PREVIEW).is_some() {
        preview.push('…');
    }
    preview
}

/// Maps an unsuccessful answer to an error.
pub fn from_status(status: u16, retry_after: Option<&str>, path: &str, body: &[u8]) -> Error {
    let body_text = preview(body);
    match status {
        401 | 403 => Error::Authentication {
            status,
            body: body_text,
        },
        404 => Error::NotFound {
            path: path.to_owned(),
            body: body_text,
        },
        409 => Error::Conflict {
            message: field_errors(body)
                .map(|errors| {
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or(body_text),
        },
        429 => Error::RateLimited {
            retry_after: rate_limit_wait(retry_after, &body_text),
            body: body_text,
        },
        _ => match field_errors(body) {
            // 408 is about the connection, not the payload.
            Some(errors) if (400..500).contains(&status) && status != 408 => {
                Error::Validation { status, errors }
            }
            _ => Error::Http {
                status,
                body: body_text,
            },
        },
    }
}

/// The longer of the `Retry-After` header (seconds) and the body's "wait N seconds";
/// 60 seconds when neither says.
pub fn rate_limit_wait(header: Option<&str>, body: &str) -> Duration {
    let from_header = header.and_then(|h| h.trim().parse::<u64>().ok());
    let from_body = body_wait_seconds(body);
    let seconds = match (from_header, from_body) {
        (None, None) => 60,
        (a, b) => a.unwrap_or(0).max(b.unwrap_or(0)),
    };
    Duration::from_secs(seconds)
}

fn body_wait_seconds(body: &str) -> Option<u64> {
    let lower = body.to_ascii_lowercase();
    let after = &lower[lower.find("wait")? + 4..];
    let digits: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Parses `{"error": ...}` in any of its shapes: a list of `{field, errors}`, a map of
/// field -> message(s), or a single message. `None` when the body is not such an object.
pub fn field_errors(body: &[u8]) -> Option<Vec<FieldError>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let error = value.get("error").or_else(|| value.get("errors"))?;
    Some(parse_error_value(error))
}

/// Parses the value of an `error` key (also used for bulk-create items).
pub fn parse_error_value(error: &Value) -> Vec<FieldError> {
    match error {
        Value::Array(items) => items.iter().map(list_item).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(field, messages)| FieldError {
                field: Some(field.clone()),
                messages: messages_of(messages),
            })
            .collect(),
        other => vec![FieldError {
            field: None,
            messages: messages_of(other),
        }],
    }
}

fn list_item(item: &Value) -> FieldError {
    match item {
        Value::Object(map) => FieldError {
            field: map.get("field").and_then(Value::as_str).map(str::to_owned),
            messages: map
                .get("errors")
                .or_else(|| map.get("error"))
                .or_else(|| map.get("message"))
                .map(messages_of)
                .unwrap_or_default(),
        },
        other => FieldError {
            field: None,
            messages: messages_of(other),
        },
    }
}

fn messages_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(messages_of).collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_shape() {
        let body = br#"{"error": [{"field": "category", "errors": ["This field is required."]}]}"#;
        assert_eq!(
            field_errors(body).unwrap(),
            vec![FieldError {
                field: Some("category".into()),
                messages: vec!["This field is required.".into()]
            }]
        );
    }

    #[test]
    fn map_shape() {
        let body = br#"{"error": {"t-cf-2": "This field should be filled before marking this ticket as completed"}}"#;
        let errors = field_errors(body).unwrap();
        assert_eq!(errors[0].field.as_deref(), Some("t-cf-2"));
        assert_eq!(errors[0].messages.len(), 1);
    }

    #[test]
    fn plain_message_shape() {
        let errors = field_errors(br#"{"error": "Nothing to update"}"#).unwrap();
        assert_eq!(errors[0].field, None);
        assert_eq!(errors[0].messages, vec!["Nothing to update".to_string()]);
    }

    #[test]
    fn rate_limit_takes_the_longer_wait() {
        let wait = rate_limit_wait(Some("30"), "Throttled, wait 300 seconds.");
        assert_eq!(wait, Duration::from_secs(300));
        assert_eq!(
            rate_limit_wait(Some("90"), "Throttled"),
            Duration::from_secs(90)
        );
        assert_eq!(rate_limit_wait(None, ""), Duration::from_secs(60));
    }

    #[test]
    fn statuses_map_to_variants() {
        assert!(matches!(
            from_status(401, None, "/", b""),
            Error::Authentication { .. }
        ));
        assert!(matches!(
            from_status(404, None, "/x/", b""),
            Error::NotFound { .. }
        ));
        assert!(matches!(
            from_status(500, None, "/", b"boom"),
            Error::Http { status: 500, .. }
        ));
        assert!(matches!(
            from_status(400, None, "/", b"not json"),
            Error::Http { status: 400, .. }
        ));
    }
}
