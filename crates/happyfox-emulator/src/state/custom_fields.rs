//! Custom-field values: reading them from payloads (typed JSON or multipart strings),
//! checking them against the field's definition, and showing them.

use chrono::NaiveDate;
use serde_json::Value;

/// A stored custom-field value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CfValue {
    /// Text and text-area fields.
    Text(String),
    /// Number fields.
    Number(f64),
    /// Dropdown: the chosen option id.
    Choice(u64),
    /// Multiple choice: the chosen option ids.
    Choices(Vec<u64>),
    /// Date fields.
    Date(NaiveDate),
}

/// What ticket and contact custom-field definitions have in common.
pub trait FieldDef {
    /// Field id.
    fn id(&self) -> u64;
    /// Field name.
    fn name(&self) -> &str;
    /// Kind of field.
    fn kind(&self) -> happyfox::CustomFieldType;
    /// Options of choice fields.
    fn choices(&self) -> &[happyfox::CustomFieldChoice];
    /// Whether it must be filled before completion.
    fn compulsory_on_completed(&self) -> bool;
    /// Whether contacts cannot see it.
    fn staff_only(&self) -> bool;

    /// Reads a payload value: `Ok(None)` clears the field; `Err` holds the message to answer.
    fn parse(&self, value: &Value) -> Result<Option<CfValue>, String> {
        if is_empty(value) {
            return Ok(None);
        }
        use happyfox::CustomFieldType as Kind;
        match self.kind() {
            Kind::Number => number(value)
                .map(|n| Some(CfValue::Number(n)))
                .ok_or_else(|| "Enter a number.".to_owned()),
            Kind::Choice => {
                let id = single_id(value).ok_or_else(|| invalid_choice(value))?;
                self.check_choice(id).map(|id| Some(CfValue::Choice(id)))
            }
            Kind::MultipleChoice => {
                let ids = id_list(value).ok_or_else(|| invalid_choice(value))?;
                ids.into_iter()
                    .map(|id| self.check_choice(id))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|ids| Some(CfValue::Choices(ids)))
            }
            Kind::Date => value
                .as_str()
                .and_then(crate::payload::parse_date)
                .map(|d| Some(CfValue::Date(d)))
                .ok_or_else(|| "Enter a valid date (yyyy-mm-dd).".to_owned()),
            Kind::Text | Kind::TextArea | Kind::Unknown(_) => {
                Ok(Some(CfValue::Text(match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })))
            }
        }
    }

    /// The id if it is one of the field's options.
    fn check_choice(&self, id: u64) -> Result<u64, String> {
        if self.choices().iter().any(|c| c.id == id) {
            Ok(id)
        } else {
            Err(format!(
                "Select a valid choice. {id} is not one of the available choices."
            ))
        }
    }

    /// The label of an option.
    fn choice_label(&self, id: u64) -> String {
        self.choices()
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.text.clone())
            .unwrap_or_default()
    }

    /// How a value reads to people (and to `q`): text, number, label(s), or the date.
    fn display(&self, value: &CfValue) -> String {
        match value {
            CfValue::Text(s) => s.clone(),
            CfValue::Number(n) => format_number(*n),
            CfValue::Choice(id) => self.choice_label(*id),
            CfValue::Choices(ids) => ids
                .iter()
                .map(|id| self.choice_label(*id))
                .collect::<Vec<_>>()
                .join(", "),
            CfValue::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// The field as it appears on a ticket or contact, with its value (or null).
    fn render(&self, value: Option<&CfValue>) -> happyfox::CustomFieldValue {
        let (value_json, value_id) = match value {
            None => (Value::Null, Value::Null),
            Some(CfValue::Number(n)) => (
                serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
                Value::Null,
            ),
            Some(CfValue::Choice(id)) => (Value::from(self.choice_label(*id)), Value::from(*id)),
            Some(CfValue::Choices(ids)) => (
                Value::from(
                    ids.iter()
                        .map(|id| self.choice_label(*id))
                        .collect::<Vec<_>>(),
                ),
                Value::from(ids.clone()),
            ),
            Some(other) => (Value::from(self.display(other)), Value::Null),
        };
        happyfox::CustomFieldValue {
            id: self.id().into(),
            name: Some(self.name().to_owned()),
            field_type: Some(self.kind()),
            value: Some(value_json),
            value_id: Some(value_id),
            compulsory_on_complete: Some(self.compulsory_on_completed()),
            visible_to_staff_only: Some(self.staff_only()),
            extra: serde_json::Map::new(),
        }
    }
}

/// `FieldDef` for a custom-field definition model; the two kinds differ only in whether a
/// field can be compulsory on completion.
macro_rules! impl_field_def {
    ($model:ty, |$field:ident| $compulsory:expr) => {
        impl FieldDef for $model {
            fn id(&self) -> u64 {
                self.id.get()
            }
            fn name(&self) -> &str {
                self.name.as_deref().unwrap_or_default()
            }
            fn kind(&self) -> happyfox::CustomFieldType {
                self.field_type
                    .clone()
                    .unwrap_or(happyfox::CustomFieldType::Text)
            }
            fn choices(&self) -> &[happyfox::CustomFieldChoice] {
                &self.choices
            }
            fn compulsory_on_completed(&self) -> bool {
                let $field = self;
                $compulsory
            }
            fn staff_only(&self) -> bool {
                self.visible_to_staff_only == Some(true)
            }
        }
    };
}

impl_field_def!(happyfox::TicketCustomField, |field| field
    .compulsory_on_completed
    == Some(true));
impl_field_def!(happyfox::ContactCustomField, |_field| false);

/// Null, an empty string or an empty list: "no value".
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// A number, or a string holding one (multipart sends everything as text).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// One option id, as a number or numeric string.
fn single_id(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Array(items) if items.len() == 1 => single_id(&items[0]),
        _ => None,
    }
}

/// Option ids: a list, one id, or a comma-separated string (multipart repeats the field,
/// which arrives here as a list of strings).
fn id_list(value: &Value) -> Option<Vec<u64>> {
    match value {
        Value::Array(items) => items.iter().map(single_id).collect(),
        Value::String(s) => s.split(',').map(|p| p.trim().parse().ok()).collect(),
        other => single_id(other).map(|id| vec![id]),
    }
}

fn invalid_choice(value: &Value) -> String {
    format!("Select a valid choice. {value} is not one of the available choices.")
}

/// Integers without a fraction, others with up to 2 decimals.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.2}")
    }
}
