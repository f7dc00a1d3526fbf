//! Building request payloads: a JSON object in the documented key order, and its
//! multipart/form-data flattening.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::custom_fields::CustomFields;
use crate::error::{Error, InputRule, Result};

/// Wire format of `datetime_in` fields (ticket `created_at`).
pub const DATETIME_IN_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// A value that can be written into a payload.
pub trait ToWire {
    /// The JSON value sent for it.
    fn to_wire(&self) -> Value;
}

impl ToWire for u64 {
    fn to_wire(&self) -> Value {
        Value::from(*self)
    }
}

impl ToWire for bool {
    fn to_wire(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToWire for String {
    fn to_wire(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToWire for NaiveDate {
    fn to_wire(&self) -> Value {
        Value::String(self.format(super::time::DATE_FORMAT).to_string())
    }
}

impl ToWire for DateTime<Utc> {
    fn to_wire(&self) -> Value {
        Value::String(self.format(DATETIME_IN_FORMAT).to_string())
    }
}

/// Accumulates the payload of a write in field order.
#[derive(Default)]
pub struct PayloadBuilder {
    map: Map<String, Value>,
}

impl PayloadBuilder {
    /// An empty payload.
    pub fn new() -> Self {
        Self::default()
    }

    /// A required field.
    pub fn put<T: ToWire>(&mut self, key: &str, value: &T) {
        self.map.insert(key.to_owned(), value.to_wire());
    }

    /// An optional field: sent only when set.
    pub fn put_opt<T: ToWire>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.put(key, value);
        }
    }

    /// A nullable field: absent when unset, `null` when set to `None`.
    pub fn put_nullable<T: ToWire>(&mut self, key: &str, value: &Option<Option<T>>) {
        match value {
            None => {}
            Some(None) => {
                self.map.insert(key.to_owned(), Value::Null);
            }
            Some(Some(value)) => self.put(key, value),
        }
    }

    /// A list sent as one comma-separated string; absent when empty unless `required`.
    pub fn put_csv(&mut self, key: &str, values: &[String], required: bool) {
        if required || !values.is_empty() {
            self.map
                .insert(key.to_owned(), Value::String(values.join(",")));
        }
    }

    /// A list of ids sent as a JSON array; absent when empty unless `required`.
    pub fn put_ids<T: Copy + Into<u64>>(&mut self, key: &str, values: &[T], required: bool) {
        if required || !values.is_empty() {
            let items = values.iter().map(|v| Value::from((*v).into())).collect();
            self.map.insert(key.to_owned(), Value::Array(items));
        }
    }

    /// Custom-field values, once under each key prefix (e.g. `t-cf-<id>`).
    pub fn put_custom_fields(&mut self, prefixes: &[&str], fields: &CustomFields) {
        for (id, value) in fields.iter() {
            for prefix in prefixes {
                self.map.insert(format!("{prefix}{id}"), value.to_wire());
            }
        }
    }

    /// The finished JSON object.
    pub fn finish(self) -> Map<String, Value> {
        self.map
    }
}

/// Flattens a payload into multipart text fields, as a form post sends them: strings as
/// they are, numbers and booleans in JSON spelling, and each item of a list as a repeated
/// field.
///
/// A form field is always text, so two JSON values have no multipart spelling: `null` (an
/// empty field is not documented to mean null; `StaffUpdate::assignee(None)` unassigns only
/// in JSON) and an empty list (it would send no field at all, so the change would be lost).
/// Both are refused with [`Error::InvalidInput`] naming the field (rule
/// [`InputRule::Multipart`]), before anything is sent.
pub fn form_fields(payload: &Map<String, Value>) -> Result<Vec<(String, String)>> {
    let mut fields = Vec::new();
    for (key, value) in payload {
        match value {
            Value::Array(items) if items.is_empty() => {
                return Err(inexpressible(key, "an empty list"));
            }
            Value::Array(items) => {
                for item in items {
                    fields.push((key.clone(), scalar_text(key, item)?));
                }
            }
            other => fields.push((key.clone(), scalar_text(key, other)?)),
        }
    }
    Ok(fields)
}

fn scalar_text(key: &str, value: &Value) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Null => Err(inexpressible(key, "null")),
        Value::Array(_) | Value::Object(_) => Err(Error::invalid(
            Some(key),
            InputRule::Multipart,
            format!("field `{key}` holds a nested value that multipart/form-data cannot carry"),
        )),
    }
}

/// The refusal of a value that a multipart request (one with attachments) cannot carry.
fn inexpressible(key: &str, what: &str) -> Error {
    Error::invalid(
        Some(key),
        InputRule::Multipart,
        format!(
            "field `{key}` is {what}, which a request with attachments (multipart/form-data) \
             cannot express: make two calls, one without attachments that sets `{key}` (for \
             example `.assignee(None)` to unassign), and one that sends the attachments"
        ),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn form(value: Value) -> Result<Vec<(String, String)>> {
        match value {
            Value::Object(map) => form_fields(&map),
            other => panic!("not an object: {other}"),
        }
    }

    /// The refusal's message, after checking it names `field` under the multipart rule.
    fn refusal(value: Value, field: &str) -> String {
        match form(value) {
            Err(Error::InvalidInput(refusal)) => {
                assert_eq!(refusal.field.as_deref(), Some(field), "{refusal}");
                assert_eq!(refusal.rule, InputRule::Multipart, "{refusal}");
                refusal.message
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn scalars_and_lists_become_text_fields() {
        let fields =
            form(json!({"staff": 1, "update_customer": true, "tags": "a,b", "t-cf-3": [1, 2]}))
                .expect("fields");
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("staff", "1"),
                ("update_customer", "true"),
                ("tags", "a,b"),
                ("t-cf-3", "1"),
                ("t-cf-3", "2")
            ]
        );
    }

    #[test]
    fn null_and_empty_lists_are_refused_naming_the_field() {
        let null = refusal(json!({"staff": 1, "assignee": null}), "assignee");
        assert!(null.contains("field `assignee` is null"), "{null}");
        assert!(null.contains("make two calls"), "{null}");
        let item = refusal(json!({"t-cf-3": [1, null]}), "t-cf-3");
        assert!(item.contains("field `t-cf-3` is null"), "{item}");
        let empty = refusal(json!({"t-cf-3": []}), "t-cf-3");
        assert!(empty.contains("field `t-cf-3` is an empty list"), "{empty}");
        let nested = refusal(json!({"x": {"y": 1}}), "x");
        assert!(nested.contains("nested value"), "{nested}");
    }
}
