//! JSON answers that hold tickets, serialized straight from the models to bytes (no
//! `serde_json::Value` tree in between), with HappyFox's one quirk of the format: an update's
//! `custom_field_change` is `null` when it is not listed, which the renderer leaves as an
//! empty list and the formatter here writes as `null`.

use std::io::{self, Write};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

/// The key whose empty list is written as `null`.
const NULL_WHEN_EMPTY: &str = "custom_field_change";

/// An answer holding tickets (a ticket, a page of them), sent as `application/json`.
#[derive(Debug)]
pub struct TicketJson<T>(pub T);

impl<T: Serialize> IntoResponse for TicketJson<T> {
    fn into_response(self) -> Response {
        match to_bytes(&self.0) {
            Ok(bytes) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                bytes,
            )
                .into_response(),
            Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
        }
    }
}

/// `value` as compact JSON, every empty `custom_field_change` list written as `null`.
pub fn to_bytes<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(16 * 1024);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, NullForEmpty::default());
    value.serialize(&mut serializer)?;
    Ok(bytes)
}

/// serde_json's compact format, except that the list value of a [`NULL_WHEN_EMPTY`] key is
/// held back until its first item: a list that ends first is written as `null`.
#[derive(Debug, Default)]
struct NullForEmpty {
    /// The object key being written, while it is.
    key: Option<String>,
    /// The value being started belongs to a [`NULL_WHEN_EMPTY`] key.
    armed: bool,
    /// A list of that key has begun and its `[` is not written yet.
    held: bool,
}

impl NullForEmpty {
    fn release<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if std::mem::take(&mut self.held) {
            CompactFormatter.begin_array(writer)?;
        }
        Ok(())
    }
}

impl Formatter for NullForEmpty {
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.key = Some(String::new());
        CompactFormatter.begin_object_key(writer, first)
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if let Some(key) = &mut self.key {
            key.push_str(fragment);
        }
        CompactFormatter.write_string_fragment(writer, fragment)
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> io::Result<()> {
        if let Some(key) = &mut self.key {
            key.push('\\');
        }
        CompactFormatter.write_char_escape(writer, escape)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.armed = self.key.take().as_deref() == Some(NULL_WHEN_EMPTY);
        CompactFormatter.end_object_key(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.armed = false;
        CompactFormatter.end_object_value(writer)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if std::mem::take(&mut self.armed) {
            self.held = true;
            return Ok(());
        }
        CompactFormatter.begin_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.release(writer)?;
        CompactFormatter.begin_array_value(writer, first)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if std::mem::take(&mut self.held) {
            return CompactFormatter.write_null(writer);
        }
        CompactFormatter.end_array(writer)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_bytes;

    fn text(value: serde_json::Value) -> String {
        String::from_utf8(to_bytes(&value).unwrap()).unwrap()
    }

    #[test]
    fn empty_custom_field_changes_are_null() {
        let value = json!({
            "updates": [
                {"custom_field_change": [], "status_change": []},
                {"custom_field_change": [{"id": 1, "to": []}], "x": "custom_field_change"},
                {"custom_field_change": "kept", "after": [[]]},
            ],
            "custom_field_change": [[]],
        });
        assert_eq!(
            text(value.clone()),
            serde_json::to_string(&value).unwrap().replacen(
                r#""custom_field_change":[]"#,
                r#""custom_field_change":null"#,
                1
            )
        );
        assert!(text(value).starts_with(
            r#"{"updates":[{"custom_field_change":null,"status_change":[]},{"custom_field_change":[{"id":1,"to":[]}]"#
        ));
    }
}
