//! Typed custom-field values as writes send them (`t-cf-<id>`, `c-cf-<id>`, `ccf-<id>`);
//! reading them back from an answer is `custom_field_values.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

use crate::CustomFieldId;
use crate::wire::payload::ToWire;

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

#[cfg(test)]
mod tests {
    use super::*;

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
