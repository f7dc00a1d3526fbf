//! What people type, read by the core: `Lookups.ticketFieldValue` / `contactFieldValue` (a
//! custom field by name or id, its value as text read by the field's type) and
//! `HappyFoxClient.findContact` (a contact by id, email or name).

use crate::client::HappyFoxClient;
use crate::convert::id_out;
use crate::errors::Result;
use crate::generated::models::Contact;
use crate::generated::unions::FieldValue;
use crate::lookups::Lookups;
use crate::typed_value::field_value;

/// A custom field's id and a value for it, as a write's `ticketCustomFields` /
/// `contactCustomFields` map takes them (`mapOf(input.id to input.value)`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FieldInput {
    /// The custom field's id.
    pub id: i64,
    /// The value, typed for the field.
    pub value: FieldValue,
}

/// The record of a core field id and value.
fn field_input((id, value): (happyfox::CustomFieldId, happyfox::FieldValue)) -> Result<FieldInput> {
    Ok(FieldInput {
        id: id_out(id.get())?,
        value: field_value(value)?,
    })
}

#[uniffi::export]
impl Lookups {
    /// The ticket custom field named `field` (or with that id) and `value` read by its type:
    /// a number, a date (`yyyy-mm-dd`), a dropdown's option by its text or id, options
    /// comma-separated. A value that is not its type throws `InvalidInput` (rule `Format`),
    /// an unknown option `UnknownName` with the options.
    pub fn ticket_field_value(&self, field: String, value: String) -> Result<FieldInput> {
        field_input(self.core().ticket_field_value(&field, &value)?)
    }

    /// The contact custom field named `field` and `value` read by its type, as
    /// `ticketFieldValue`.
    pub fn contact_field_value(&self, field: String, value: String) -> Result<FieldInput> {
        field_input(self.core().contact_field_value(&field, &value)?)
    }
}

#[uniffi::export]
impl HappyFoxClient {
    /// The contact `text` names: an id (digits), an email address, or a name found among
    /// the contacts a search for it returns (exact, then ignoring case). None throws
    /// `UnknownName`, several `AmbiguousName`.
    pub fn find_contact(&self, text: String) -> Result<Contact> {
        Contact::from_core(self.inner.find_contact(&text)?)
    }
}
