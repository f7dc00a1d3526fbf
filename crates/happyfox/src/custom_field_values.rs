//! Custom-field values read back from a ticket's or contact's `custom_fields`, typed like
//! the writes' [`FieldValue`].

use chrono::NaiveDate;
use serde_json::Value;

use crate::custom_fields::FieldValue;
use crate::{CustomFieldType, CustomFieldValue};

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
}
