//! `CustomFieldValue.typedValue()`: a custom field's current value read as the `FieldValue`
//! a write takes (the core's `CustomFieldValue::typed_value`), exported as a method of the
//! record (UniFFI 0.32 gives records methods in Kotlin and Swift).

use serde_json::Value;

use crate::convert::{date_out, id_in, id_out};
use crate::errors::{HappyFoxError, InputRule, Result};
use crate::generated::models::{CustomFieldType, CustomFieldValue};
use crate::generated::unions::FieldValue;

/// The core's spelling of a field type.
fn core_type(ty: CustomFieldType) -> happyfox::CustomFieldType {
    use happyfox::CustomFieldType as Core;
    match ty {
        CustomFieldType::Text => Core::Text,
        CustomFieldType::TextArea => Core::TextArea,
        CustomFieldType::Number => Core::Number,
        CustomFieldType::Choice => Core::Choice,
        CustomFieldType::MultipleChoice => Core::MultipleChoice,
        CustomFieldType::Date => Core::Date,
        CustomFieldType::Unknown { value } => Core::Unknown(value),
    }
}

/// A JSON text field of the record, read back.
fn json_in(text: Option<&str>, field: &str) -> Result<Option<Value>> {
    text.map(|text| {
        serde_json::from_str(text).map_err(|error| {
            HappyFoxError::invalid(
                field,
                InputRule::Format,
                format!("`{field}` is JSON text: {error}"),
            )
        })
    })
    .transpose()
}

/// The record of a core value.
pub(crate) fn field_value(value: happyfox::FieldValue) -> Result<FieldValue> {
    use happyfox::FieldValue as Core;
    Ok(match value {
        Core::Text(value) => FieldValue::Text { value },
        Core::Number(value) => FieldValue::Number { value },
        Core::Choice(id) => FieldValue::Choice { value: id_out(id)? },
        Core::Choices(ids) => FieldValue::Choices {
            value: ids.into_iter().map(id_out).collect::<Result<_>>()?,
        },
        Core::Date(date) => FieldValue::Date {
            value: date_out(date),
        },
    })
}

#[uniffi::export]
impl CustomFieldValue {
    /// The current value as the `FieldValue` a write takes: text, number, a dropdown's
    /// option id and a multiple choice's option ids (from `valueId`), a date. Null when the
    /// field is empty, its type is one this version does not know, or the value does not fit
    /// the type (`value` and `valueId` stay readable).
    pub fn typed_value(&self) -> Result<Option<FieldValue>> {
        let core = happyfox::CustomFieldValue {
            id: happyfox::CustomFieldId::from(id_in(self.id, "id")?),
            name: self.name.clone(),
            field_type: self.field_type.clone().map(core_type),
            value: json_in(self.value.as_deref(), "value")?,
            value_id: json_in(self.value_id.as_deref(), "value_id")?,
            compulsory_on_complete: self.compulsory_on_complete,
            visible_to_staff_only: self.visible_to_staff_only,
            extra: serde_json::Map::new(),
        };
        core.typed_value().map(field_value).transpose()
    }
}
