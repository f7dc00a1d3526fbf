//! Names, not ids: a status, priority, category, staff member or custom field given by
//! name (staff: or email) or id, resolved through the core's lookups (fetched once per
//! run); a contact by id, email or exact name; custom-field values by their field's type.

use chrono::NaiveDate;
use happyfox::{
    CategoryId, Client, ContactId, ContactKey, CustomFieldChoice, CustomFieldId, CustomFieldType,
    FieldValue, ListContacts, Lookups, PriorityId, StaffId, StatusId,
};

use crate::failure::{Failure, Kind};

/// `--cf FIELD=VALUE`: a custom field (name or id) and its value as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldArg {
    /// The field's name or id.
    pub field: String,
    /// The value as typed.
    pub value: String,
}

impl std::str::FromStr for FieldArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (field, value) = text
            .split_once('=')
            .ok_or_else(|| format!("expected FIELD=VALUE, got {text:?}"))?;
        if field.trim().is_empty() {
            return Err(format!("no field name or id before `=` in {text:?}"));
        }
        Ok(Self {
            field: field.trim().to_owned(),
            value: value.to_owned(),
        })
    }
}

/// The id of the status named (or numbered) `name`.
pub fn status(client: &Client, name: &str) -> Result<StatusId, Failure> {
    Ok(client.lookups()?.status(name)?.id)
}

/// The id of the priority named (or numbered) `name`.
pub fn priority(client: &Client, name: &str) -> Result<PriorityId, Failure> {
    Ok(client.lookups()?.priority(name)?.id)
}

/// The id of the category named (or numbered) `name`.
pub fn category(client: &Client, name: &str) -> Result<CategoryId, Failure> {
    Ok(client.lookups()?.category(name)?.id)
}

/// The id of the staff member with that email, name or id.
pub fn staff(client: &Client, name: &str) -> Result<StaffId, Failure> {
    Ok(client.lookups()?.staff(name)?.id)
}

/// An assignee: a staff member, or `none` for unassigned (`None`).
pub fn assignee(client: &Client, name: &str) -> Result<Option<StaffId>, Failure> {
    if name.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    staff(client, name).map(Some)
}

/// The id of a contact given by id, email (read from HappyFox) or exact name (searched).
pub fn contact(client: &Client, text: &str) -> Result<ContactId, Failure> {
    let text = text.trim();
    if let Ok(id) = text.parse::<ContactId>() {
        return Ok(id);
    }
    if text.contains('@') {
        return match client.get_contact(ContactKey::Email(text.to_owned())) {
            Ok(contact) => Ok(contact.id),
            Err(happyfox::Error::NotFound { .. }) => Err(Failure::new(
                Kind::NotFound,
                format!("no contact has the email {text:?}"),
            )),
            Err(error) => Err(error.into()),
        };
    }
    let found = client.list_contacts(&ListContacts::new().q(text).size(happyfox::MAX_PAGE_SIZE))?;
    let named: Vec<_> = found
        .data
        .iter()
        .filter(|c| {
            c.name
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(text))
        })
        .collect();
    let label = |c: &happyfox::Contact| {
        format!(
            "{} <{}> (id {})",
            c.name.as_deref().unwrap_or(""),
            c.email.as_deref().unwrap_or(""),
            c.id
        )
    };
    match named.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let mut failure = Failure::new(
                Kind::NotFound,
                format!("no contact is named {text:?}; give an id or email"),
            );
            failure.candidates = found.data.iter().map(label).collect();
            Err(failure)
        }
        several => {
            let mut failure = Failure::usage(format!(
                "{text:?} matches more than one contact; give the id or email instead"
            ));
            failure.candidates = several.iter().map(|c| label(c)).collect();
            Err(failure)
        }
    }
}

/// Ticket custom-field values, each field found by name or id and its value read by type.
pub fn ticket_fields(
    client: &Client,
    args: &[FieldArg],
) -> Result<Vec<(CustomFieldId, FieldValue)>, Failure> {
    field_values(client, args, |lookups, arg| {
        let field = lookups.ticket_custom_field(&arg.field)?;
        Ok((
            field.id,
            field_value(field.field_type.as_ref(), &field.choices, arg)?,
        ))
    })
}

/// Contact custom-field values, as [`ticket_fields`].
pub fn contact_fields(
    client: &Client,
    args: &[FieldArg],
) -> Result<Vec<(CustomFieldId, FieldValue)>, Failure> {
    field_values(client, args, |lookups, arg| {
        let field = lookups.contact_custom_field(&arg.field)?;
        Ok((
            field.id,
            field_value(field.field_type.as_ref(), &field.choices, arg)?,
        ))
    })
}

/// Each `--cf` argument read by `read` against the lookups (fetched only when there is one).
fn field_values(
    client: &Client,
    args: &[FieldArg],
    read: impl Fn(&Lookups, &FieldArg) -> Result<(CustomFieldId, FieldValue), Failure>,
) -> Result<Vec<(CustomFieldId, FieldValue)>, Failure> {
    if args.is_empty() {
        return Ok(Vec::new());
    }
    let lookups = client.lookups()?;
    args.iter().map(|arg| read(&lookups, arg)).collect()
}

/// A value as its field's type wants it: text as is, a number, a date (`yyyy-mm-dd`), a
/// choice (or comma-separated choices) by option text or id.
fn field_value(
    kind: Option<&CustomFieldType>,
    choices: &[CustomFieldChoice],
    arg: &FieldArg,
) -> Result<FieldValue, Failure> {
    let bad = |expected: &str| {
        Failure::usage(format!(
            "custom field {:?}: {:?} is not {expected}",
            arg.field, arg.value
        ))
    };
    let choice = |text: &str| {
        let text = text.trim();
        choices
            .iter()
            .find(|c| c.id.to_string() == text)
            .or_else(|| {
                choices.iter().find(|c| {
                    c.text
                        .as_deref()
                        .is_some_and(|t| t.eq_ignore_ascii_case(text))
                })
            })
            .map(|c| c.id)
            .ok_or_else(|| {
                let mut failure = Failure::new(
                    Kind::NotFound,
                    format!("custom field {:?} has no option {text:?}", arg.field),
                );
                failure.candidates = choices.iter().filter_map(|c| c.text.clone()).collect();
                failure
            })
    };
    Ok(match kind {
        Some(CustomFieldType::Number) => {
            FieldValue::Number(arg.value.trim().parse().map_err(|_| bad("a number"))?)
        }
        Some(CustomFieldType::Date) => FieldValue::Date(
            NaiveDate::parse_from_str(arg.value.trim(), "%Y-%m-%d")
                .map_err(|_| bad("a date (yyyy-mm-dd)"))?,
        ),
        Some(CustomFieldType::Choice) => FieldValue::Choice(choice(&arg.value)?),
        Some(CustomFieldType::MultipleChoice) => FieldValue::Choices(
            arg.value
                .split(',')
                .filter(|t| !t.trim().is_empty())
                .map(choice)
                .collect::<Result<_, _>>()?,
        ),
        _ => FieldValue::Text(arg.value.clone()),
    })
}
