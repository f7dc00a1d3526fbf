//! `lookups()` / `refreshLookups()`: the account's statuses, priorities, categories, staff
//! and custom fields, fetched once per client and searched by name, email or id (the core's
//! `Lookups`).

use std::sync::Arc;

use crate::client::HappyFoxClient;
use crate::errors::Result;
use crate::generated::models::{
    Category, ContactCustomField, Priority, Staff, Status, TicketCustomField,
};

/// Every lookup of an account. Each finder takes a name, an id (digits) or, for staff, an
/// email: an id wins, then an exact name, then a name equal ignoring case and surrounding
/// spaces. No match throws `UnknownName` (with every name of that kind), several throw
/// `AmbiguousName` (with the matches).
#[derive(uniffi::Object)]
pub struct Lookups(Arc<happyfox::Lookups>);

impl Lookups {
    /// The core's lookups.
    pub(crate) fn core(&self) -> &happyfox::Lookups {
        &self.0
    }
}

/// Each core model of `items` as its record.
fn records<C: Clone, R>(items: &[C], from_core: impl Fn(C) -> Result<R>) -> Result<Vec<R>> {
    items.iter().cloned().map(from_core).collect()
}

#[uniffi::export]
impl HappyFoxClient {
    /// The account's lookups, fetched on first use (six GETs) and cached by this client and
    /// the clients `withRequestOptions` derives from it.
    pub fn lookups(&self) -> Result<Arc<Lookups>> {
        Ok(Arc::new(Lookups(self.inner.lookups()?)))
    }

    /// Fetches the lookups again (e.g. after an admin added a status) and caches them.
    pub fn refresh_lookups(&self) -> Result<Arc<Lookups>> {
        Ok(Arc::new(Lookups(self.inner.refresh_lookups()?)))
    }
}

#[uniffi::export]
impl Lookups {
    /// The status named `name` (or with that id).
    pub fn status(&self, name: String) -> Result<Status> {
        Status::from_core(self.0.status(&name)?.clone())
    }

    /// The priority named `name` (or with that id).
    pub fn priority(&self, name: String) -> Result<Priority> {
        Priority::from_core(self.0.priority(&name)?.clone())
    }

    /// The category named `name` (or with that id).
    pub fn category(&self, name: String) -> Result<Category> {
        Category::from_core(self.0.category(&name)?.clone())
    }

    /// The staff member with that email, name or id.
    pub fn staff(&self, name_or_email: String) -> Result<Staff> {
        Staff::from_core(self.0.staff(&name_or_email)?.clone())
    }

    /// The ticket custom field named `name` (or with that id).
    pub fn ticket_custom_field(&self, name: String) -> Result<TicketCustomField> {
        TicketCustomField::from_core(self.0.ticket_custom_field(&name)?.clone())
    }

    /// The contact custom field named `name` (or with that id).
    pub fn contact_custom_field(&self, name: String) -> Result<ContactCustomField> {
        ContactCustomField::from_core(self.0.contact_custom_field(&name)?.clone())
    }

    /// Whether staff updates and private notes of a ticket in `category` (a name or id) must
    /// carry `timeSpent` (HappyFox answers 400 otherwise). An unknown category throws
    /// `UnknownName`.
    pub fn requires_time_spent(&self, category: String) -> Result<bool> {
        let id = self.0.category(&category)?.id;
        Ok(self.0.requires_time_spent(id))
    }

    /// The ticket statuses.
    pub fn statuses(&self) -> Result<Vec<Status>> {
        records(self.0.statuses(), Status::from_core)
    }

    /// The ticket priorities.
    pub fn priorities(&self) -> Result<Vec<Priority>> {
        records(self.0.priorities(), Priority::from_core)
    }

    /// The ticket categories.
    pub fn categories(&self) -> Result<Vec<Category>> {
        records(self.0.categories(), Category::from_core)
    }

    /// The staff members.
    pub fn staff_members(&self) -> Result<Vec<Staff>> {
        records(self.0.staff_members(), Staff::from_core)
    }

    /// The ticket custom fields.
    pub fn ticket_custom_fields(&self) -> Result<Vec<TicketCustomField>> {
        records(self.0.ticket_custom_fields(), TicketCustomField::from_core)
    }

    /// The contact custom fields.
    pub fn contact_custom_fields(&self) -> Result<Vec<ContactCustomField>> {
        records(
            self.0.contact_custom_fields(),
            ContactCustomField::from_core,
        )
    }
}
