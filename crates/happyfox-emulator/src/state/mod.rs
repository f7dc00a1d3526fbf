//! The emulator's data: lookups (categories, statuses, ...), contacts, tickets with their
//! history (and display ids), and attachments. It is plain serde data, so a whole account can be dumped to a
//! JSON fixture and loaded again.

mod custom_fields;
mod records;

use std::collections::BTreeMap;

pub use custom_fields::{CfValue, FieldDef};
pub use records::{
    ActorRef, AttachmentRecord, CategoryDef, ContactRecord, MessageRecord, NextIds, TicketRecord,
    UpdateRecord,
};

use crate::error::EmulatorError;

/// A whole emulated account. Every list is in id order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct State {
    /// Ticket categories, with their display-id prefixes.
    pub categories: Vec<CategoryDef>,
    /// Ticket statuses.
    pub statuses: Vec<happyfox::Status>,
    /// Ticket priorities.
    pub priorities: Vec<happyfox::Priority>,
    /// Staff members (agents) with roles and permissions.
    pub staff: Vec<happyfox::Staff>,
    /// Contact groups (their `contacts` are filled when answered).
    pub contact_groups: Vec<happyfox::ContactGroup>,
    /// Ticket custom-field definitions.
    pub ticket_custom_fields: Vec<happyfox::TicketCustomField>,
    /// Contact custom-field definitions.
    pub contact_custom_fields: Vec<happyfox::ContactCustomField>,
    /// Contacts.
    pub contacts: BTreeMap<u64, ContactRecord>,
    /// Tickets by number.
    pub tickets: BTreeMap<u64, TicketRecord>,
    /// Stored files (message attachments and inline uploads) by id.
    pub attachments: BTreeMap<u64, AttachmentRecord>,
    /// The next id of each kind.
    pub next_ids: NextIds,
}

impl State {
    /// A new, empty update by `by` at `at`, with the next update id.
    pub fn new_update(&mut self, at: chrono::DateTime<chrono::Utc>, by: ActorRef) -> UpdateRecord {
        UpdateRecord::new(NextIds::take(&mut self.next_ids.update), at, by)
    }

    /// The state as pretty JSON (the fixture format of [`crate::EmulatorConfig::data`]).
    pub fn to_json(&self) -> Result<String, EmulatorError> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// Reads a state written by [`State::to_json`].
    pub fn from_json(text: &str) -> Result<Self, EmulatorError> {
        Ok(serde_json::from_str(text)?)
    }

    /// A ticket's display id: `#<its category's prefix, else TK><8-digit number>`.
    pub(crate) fn display_id(&self, ticket: &TicketRecord) -> String {
        let prefix = self
            .category(ticket.category)
            .map_or("TK", |c| c.prefix.as_str());
        format!("#{prefix}{:08}", ticket.id)
    }

    /// A category by id.
    pub fn category(&self, id: u64) -> Option<&CategoryDef> {
        self.categories.iter().find(|c| c.category.id == id)
    }

    /// A status by id.
    pub fn status(&self, id: u64) -> Option<&happyfox::Status> {
        self.statuses.iter().find(|s| s.id == id)
    }

    /// A priority by id.
    pub fn priority(&self, id: u64) -> Option<&happyfox::Priority> {
        self.priorities.iter().find(|p| p.id == id)
    }

    /// A staff member by id.
    pub fn staff_member(&self, id: u64) -> Option<&happyfox::Staff> {
        self.staff.iter().find(|s| s.id == id)
    }

    /// A contact group by id.
    pub fn contact_group(&self, id: u64) -> Option<&happyfox::ContactGroup> {
        self.contact_groups.iter().find(|g| g.id == id)
    }

    /// A contact by email address (case-insensitive).
    pub fn contact_by_email(&self, email: &str) -> Option<&ContactRecord> {
        self.contacts
            .values()
            .find(|c| c.email.eq_ignore_ascii_case(email))
    }

    /// Whether a status has completed behaviour.
    pub fn is_completed(&self, status: u64) -> bool {
        self.status(status)
            .is_some_and(|s| s.behavior == Some(happyfox::StatusBehavior::Completed))
    }

    /// The default status of new tickets (the one flagged default, else the first).
    pub fn default_status(&self) -> u64 {
        self.statuses
            .iter()
            .find(|s| s.default == Some(true))
            .or(self.statuses.first())
            .map_or(0, |s| s.id.get())
    }

    /// The default priority of new tickets (the one flagged default, else the first).
    pub fn default_priority(&self) -> u64 {
        self.priorities
            .iter()
            .find(|p| p.default == Some(true))
            .or(self.priorities.first())
            .map_or(0, |p| p.id.get())
    }
}
