//! Typed custom-field values: written (`t-cf-<id>`, `c-cf-<id>`, `ccf-<id>`) and read back
//! from a ticket's or contact's `custom_fields`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

use crate::wire::payload::ToWire;
use crate::{CustomFieldId, CustomFieldType, CustomFieldValue};

/// The value of one custom field in a write, typed by the field's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// Text and text-area fields.
    Text(String),
    /// Number fields: an integer, or a float sent with at most 2 decimals.
    Number(f64),
    /// Dropdown fields: the id of the chosen option.
    Choice(u64),
    /// Multiple-choice fields: the ids of the chosen options.
    Choices(Vec<u64>),
    /// Date fields, sent as `yyyy-mm-dd`.
    Date(NaiveDate),
}

impl ToWire for FieldValue {
    fn to_wire(&self) -> Value {
        match self {
            FieldValue::Text(text) => Value::String(text.clone()),
            FieldValue::Number(n) => number_value(*n),
            FieldValue::Choice(id) => Value::from(*id),
            FieldValue::Choices(ids) => {
                Value::Array(ids.iter().map(|id| Value::from(*id)).collect())
            }
            FieldValue::Date(date) => date.to_wire(),
        }
    }
}

/// Integers are sent as integers, other numbers rounded to 2 decimals.
fn number_value(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        return Value::from(n as i64);
    }
    let rounded = (n * 100.0).round() / 100.0;
    serde_json::Number::from_f64(rounded).map_or(Value::Null, Value::Number)
}

impl From<&str> for FieldValue {
    fn from(value: &str) -> Self {
        FieldValue::Text(value.to_owned())
    }
}

impl From<String> for FieldValue {
    fn from(value: String) -> Self {
        FieldValue::Text(value)
    }
}

impl From<f64> for FieldValue {
    fn from(value: f64) -> Self {
        FieldValue::Number(value)
    }
}

impl From<i64> for FieldValue {
    fn from(value: i64) -> Self {
        FieldValue::Number(value as f64)
    }
}

impl From<NaiveDate> for FieldValue {
    fn from(value: NaiveDate) -> Self {
        FieldValue::Date(value)
    }
}

impl From<Vec<u64>> for FieldValue {
    fn from(value: Vec<u64>) -> Self {
        FieldValue::Choices(value)
    }
}

/// Custom-field values of one kind (ticket or contact), by field id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomFields(BTreeMap<CustomFieldId, FieldValue>);

impl CustomFields {
    /// Sets (or replaces) the value of field `id`.
    pub fn set(&mut self, id: impl Into<CustomFieldId>, value: FieldValue) {
        self.0.insert(id.into(), value);
    }

    /// Values in field-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&CustomFieldId, &FieldValue)> {
        self.0.iter()
    }

    /// Whether no value is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Refuses numbers that JSON cannot carry (NaN, infinities). `what` is the kind (`ticket`,
    /// `contact`), `prefix` the key prefix naming the field in the refusal (e.g. `t-cf-`).
    pub(crate) fn validate(&self, what: &str, prefix: &str) -> crate::Result<()> {
        for (id, value) in self.iter() {
            if let FieldValue::Number(n) = value
                && !n.is_finite()
            {
                return Err(crate::Error::invalid(
                    Some(&format!("{prefix}{id}")),
                    crate::InputRule::NotFinite,
                    format!("{what} custom field {id}: {n} is not a finite number"),
                ));
            }
        }
        Ok(())
    }
}

impl CustomFieldValue {
    /// The value as the same [`FieldValue`] a write takes, read by the field's type: text and
    /// text areas from `value`, numbers from `value` (a number or a numeric string), a
    /// dropdown's option id and a multiple choice's option ids from `value_id` (`value`
    /// holds their labels), dates from `value` (`yyyy-mm-dd`).
    ///
    /// `None` when the field is empty, its type is one this client does not know, or the
    /// value does not fit the type: the raw `value` and `value_id` stay readable.
    pub fn typed_value(&self) -> Option<FieldValue> {
        let value = self.value.as_ref().filter(|v| !v.is_null());
        let ids = self.value_id.as_ref().filter(|v| !v.is_null());
        match self.field_type.as_ref()? {
            CustomFieldType::Text | CustomFieldType::TextArea => value?
                .as_str()
                .map(|text| FieldValue::Text(text.to_owned())),
            CustomFieldType::Number => match value? {
                Value::Number(n) => n.as_f64().map(FieldValue::Number),
                Value::String(text) => text.trim().parse().ok().map(FieldValue::Number),
                _ => None,
            },
            CustomFieldType::Choice => id_of(ids?).map(FieldValue::Choice),
            CustomFieldType::MultipleChoice => match ids? {
                Value::Array(items) => items
                    .iter()
                    .map(id_of)
                    .collect::<Option<Vec<_>>>()
                    .map(FieldValue::Choices),
                single => id_of(single).map(|id| FieldValue::Choices(vec![id])),
            },
            CustomFieldType::Date => value?
                .as_str()
                .and_then(|text| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok())
                .map(FieldValue::Date),
            CustomFieldType::Unknown(_) => None,
        }
    }
}

/// An option id: a number or a numeric string.
fn id_of(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: &str, value: Value, value_id: Value) -> CustomFieldValue {
        serde_json::from_value(serde_json::json!({
            "id": 3, "type": kind, "value": value, "value_id": value_id
        }))
        .expect("a custom field value")
    }

    #[test]
    fn read_values_come_back_typed_like_writes() {
        use serde_json::json;
        let cases = [
            (
                field("text", json!("hello"), json!(null)),
                Some(FieldValue::Text("hello".into())),
            ),
            (
                field("number", json!("12.5"), json!(null)),
                Some(FieldValue::Number(12.5)),
            ),
            (
                field("choice", json!("Red"), json!(4)),
                Some(FieldValue::Choice(4)),
            ),
            (
                field("multiple_choice", json!(["Red", "Blue"]), json!(["4", 5])),
                Some(FieldValue::Choices(vec![4, 5])),
            ),
            (
                field("date", json!("2026-12-02"), json!(null)),
                Some(FieldValue::Date(
                    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                )),
            ),
            (field("text", json!(null), json!(null)), None),
            (field("signature", json!("x"), json!(null)), None),
        ];
        for (field, expected) in cases {
            assert_eq!(field.typed_value(), expected, "{field:?}");
        }
    }

    #[test]
    fn numbers_keep_two_decimals() {
        assert_eq!(FieldValue::Number(200.0).to_wire(), Value::from(200));
        assert_eq!(FieldValue::Number(1.234).to_wire().to_string(), "1.23");
        assert_eq!(
            FieldValue::Choices(vec![1, 2]).to_wire().to_string(),
            "[1,2]"
        );
    }
}
