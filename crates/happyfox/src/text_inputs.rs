//! What people type, read the way HappyFox wants it: a custom field named (or numbered) with
//! its value as text, read by the field's type ([`Lookups::ticket_field_value`],
//! [`Lookups::contact_field_value`]), and a contact given by id, email or name
//! ([`Client::find_contact`]). The CLI's `--cf NAME=VALUE` and `--contact` are these, and so
//! is every binding's.

use chrono::NaiveDate;

use crate::client::Client;
use crate::custom_fields::FieldValue;
use crate::error::{Error, InputRule, Result};
use crate::generated::enums::CustomFieldType;
use crate::generated::ids::{ContactId, CustomFieldId};
use crate::generated::models::{Contact, ContactCustomField, CustomFieldChoice, TicketCustomField};
use crate::generated::params::ListContacts;
use crate::inputs::ContactKey;
use crate::lookups::{Lookups, find};
use crate::pagination::MAX_PAGE_SIZE;

impl Lookups {
    /// The ticket custom field `field` names (name or id) and `value` read as its type:
    /// text as is, a number, a date (`yyyy-mm-dd`), a dropdown's option by its text or id, a
    /// multiple choice's options comma-separated. An unknown field or option is
    /// [`Error::UnknownName`] listing what exists; a value that does not read as the type is
    /// [`Error::InvalidInput`] with [`InputRule::Format`].
    pub fn ticket_field_value(
        &self,
        field: &str,
        value: &str,
    ) -> Result<(CustomFieldId, FieldValue)> {
        field_input(self.ticket_custom_field(field)?, field, value)
    }

    /// The contact custom field `field` names and `value` read as its type, as
    /// [`Lookups::ticket_field_value`].
    pub fn contact_field_value(
        &self,
        field: &str,
        value: &str,
    ) -> Result<(CustomFieldId, FieldValue)> {
        field_input(self.contact_custom_field(field)?, field, value)
    }
}

/// What reading a value needs of a custom field's definition: its id, name, type and options.
type FieldParts<'a> = (
    CustomFieldId,
    Option<&'a str>,
    Option<&'a CustomFieldType>,
    &'a [CustomFieldChoice],
);

/// A custom field's definition (ticket or contact).
trait FieldDefinition {
    fn parts(&self) -> FieldParts<'_>;
}

macro_rules! field_definition {
    ($($model:ty),*) => {$(
        impl FieldDefinition for $model {
            fn parts(&self) -> FieldParts<'_> {
                (self.id, self.name.as_deref(), self.field_type.as_ref(), &self.choices)
            }
        }
    )*};
}

field_definition!(TicketCustomField, ContactCustomField);

/// The id of `definition` (found by `asked`) and `value` read as its type.
fn field_input(
    definition: &impl FieldDefinition,
    asked: &str,
    value: &str,
) -> Result<(CustomFieldId, FieldValue)> {
    let (id, name, kind, choices) = definition.parts();
    Ok((
        id,
        typed_value(name.unwrap_or(asked), kind, choices, value)?,
    ))
}

/// `value` as the type of the custom field `name` wants it.
fn typed_value(
    name: &str,
    kind: Option<&CustomFieldType>,
    choices: &[CustomFieldChoice],
    value: &str,
) -> Result<FieldValue> {
    let refused = |expected: &str| {
        Error::invalid(
            Some(name),
            InputRule::Format,
            format!("custom field {name:?}: {value:?} is not {expected}"),
        )
    };
    let option = |text: &str| -> Result<u64> {
        Ok(find(&format!("option of custom field {name:?}"), choices, text)?.id)
    };
    Ok(match kind {
        Some(CustomFieldType::Number) => {
            FieldValue::Number(value.trim().parse().map_err(|_| refused("a number"))?)
        }
        Some(CustomFieldType::Date) => FieldValue::Date(
            NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
                .map_err(|_| refused("a date (yyyy-mm-dd)"))?,
        ),
        Some(CustomFieldType::Choice) => FieldValue::Choice(option(value)?),
        Some(CustomFieldType::MultipleChoice) => FieldValue::Choices(
            value
                .split(',')
                .filter(|text| !text.trim().is_empty())
                .map(option)
                .collect::<Result<_>>()?,
        ),
        _ => FieldValue::Text(value.to_owned()),
    })
}

impl Client {
    /// The contact `text` names: an id (digits), an email address (fetched by email), or a
    /// name, found among the contacts a search for it returns (50 at most) by the lookups'
    /// rules (exact, then ignoring case; one match). No such contact is
    /// [`Error::UnknownName`] (listing the search's contacts for a name); several of that
    /// name are [`Error::AmbiguousName`].
    pub fn find_contact(&self, text: &str) -> Result<Contact> {
        let text = text.trim();
        let key = match text.parse::<ContactId>() {
            Ok(id) => Some(ContactKey::Id(id)),
            Err(_) if text.contains('@') => Some(ContactKey::Email(text.to_owned())),
            Err(_) => None,
        };
        if let Some(key) = key {
            return self.get_contact(key).map_err(|error| match error {
                Error::NotFound { .. } => Error::UnknownName {
                    kind: "contact".to_owned(),
                    name: text.to_owned(),
                    candidates: Vec::new(),
                },
                other => other,
            });
        }
        let found = self.list_contacts(&ListContacts::new().q(text).size(MAX_PAGE_SIZE))?;
        find("contact", &found.data, text).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> Vec<CustomFieldChoice> {
        [(11, "Helpdesk"), (12, "Live Chat")]
            .into_iter()
            .map(|(id, text)| CustomFieldChoice {
                id,
                text: Some(text.to_owned()),
                ..serde_json::from_str(r#"{"id": 0}"#).expect("a choice")
            })
            .collect()
    }

    #[test]
    fn values_read_by_the_field_type() {
        let read = |kind, value| typed_value("F", Some(&kind), &choices(), value);
        assert_eq!(
            read(CustomFieldType::Number, " 13.5").unwrap(),
            FieldValue::Number(13.5)
        );
        assert_eq!(
            read(CustomFieldType::Date, "2026-02-21").unwrap(),
            FieldValue::Date(NaiveDate::from_ymd_opt(2026, 2, 21).unwrap())
        );
        assert_eq!(
            read(CustomFieldType::Choice, "live chat").unwrap(),
            FieldValue::Choice(12)
        );
        assert_eq!(
            read(CustomFieldType::Choice, "11").unwrap(),
            FieldValue::Choice(11)
        );
        assert_eq!(
            read(CustomFieldType::MultipleChoice, "Helpdesk, 12,").unwrap(),
            FieldValue::Choices(vec![11, 12])
        );
        assert_eq!(
            typed_value("F", None, &[], "as is ").unwrap(),
            FieldValue::Text("as is ".to_owned())
        );
    }

    #[test]
    fn bad_values_are_refused_by_rule_and_unknown_options_list_the_others() {
        let refusal =
            typed_value("Hours", Some(&CustomFieldType::Number), &[], "many").unwrap_err();
        let input = refusal.invalid_input().expect("invalid input");
        assert_eq!(
            (input.field.as_deref(), &input.rule),
            (Some("Hours"), &InputRule::Format)
        );
        let date = typed_value("Due", Some(&CustomFieldType::Date), &[], "21/02/2026").unwrap_err();
        assert!(date.to_string().contains("yyyy-mm-dd"), "{date}");
        let Error::UnknownName { candidates, .. } = typed_value(
            "Product",
            Some(&CustomFieldType::Choice),
            &choices(),
            "Phone",
        )
        .unwrap_err() else {
            panic!("an unknown option")
        };
        assert_eq!(candidates, ["Helpdesk", "Live Chat"]);
    }
}
