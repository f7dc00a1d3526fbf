//! Names, not ids: a status, priority, category, staff member or custom field given by
//! name (staff: or email) or id, resolved through the core's lookups (fetched once per
//! run); a contact by id, email or exact name and custom-field values by their field's type,
//! read by the core (`find_contact`, `ticket_field_value`), as every binding reads them.

use happyfox::{
    CategoryId, Client, ContactId, CustomFieldId, FieldValue, Lookups, PriorityId, StaffId,
    StatusId,
};

use crate::failure::Failure;

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

/// The id of a contact given by id (taken as is, no request), email or exact name (the
/// core's [`Client::find_contact`]).
pub fn contact(client: &Client, text: &str) -> Result<ContactId, Failure> {
    match text.trim().parse::<ContactId>() {
        Ok(id) => Ok(id),
        Err(_) => Ok(client.find_contact(text)?.id),
    }
}

/// Ticket custom-field values, each field found by name or id and its value read by type
/// (the core's [`Lookups::ticket_field_value`]).
pub fn ticket_fields(
    client: &Client,
    args: &[FieldArg],
) -> Result<Vec<(CustomFieldId, FieldValue)>, Failure> {
    field_values(client, args, Lookups::ticket_field_value)
}

/// Contact custom-field values, as [`ticket_fields`].
pub fn contact_fields(
    client: &Client,
    args: &[FieldArg],
) -> Result<Vec<(CustomFieldId, FieldValue)>, Failure> {
    field_values(client, args, Lookups::contact_field_value)
}

/// Each `--cf` argument read by `read` against the lookups (fetched only when there is one).
fn field_values(
    client: &Client,
    args: &[FieldArg],
    read: impl Fn(&Lookups, &str, &str) -> happyfox::Result<(CustomFieldId, FieldValue)>,
) -> Result<Vec<(CustomFieldId, FieldValue)>, Failure> {
    if args.is_empty() {
        return Ok(Vec::new());
    }
    let lookups = client.lookups()?;
    args.iter()
        .map(|arg| Ok(read(&lookups, &arg.field, &arg.value)?))
        .collect()
}
