//! The lookup set: statuses, priorities, categories, staff and custom fields, fetched once
//! per client and searched by name, email or id.

use std::sync::{Arc, Mutex};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::generated::models::{
    Category, Contact, ContactCustomField, CustomFieldChoice, Priority, Staff, Status,
    TicketCustomField,
};

/// Every lookup of an account, fetched together by [`Client::lookups`] (six GETs) and kept
/// by the client until [`Client::refresh_lookups`].
///
/// Each finder takes a name, an id (digits) or, for staff, an email, and answers the one
/// entry it names:
/// 1. digits that are the id of an entry name that entry (an id wins over a name made of
///    digits);
/// 2. else the entries whose name (staff: or email) is exactly the text, then those equal
///    to it ignoring case and surrounding spaces: one match is the answer, several are
///    [`Error::AmbiguousName`] listing them;
/// 3. else [`Error::UnknownName`], listing every name of that kind.
///
/// ```no_run
/// # fn main() -> happyfox::Result<()> {
/// # let client: happyfox::Client = unimplemented!();
/// let lookups = client.lookups()?;
/// let high = lookups.priority("High")?;
/// let agent = lookups.staff("ana@example.com")?;
/// let billing = lookups.category("Billing")?;
/// if billing.time_spent_mandatory == Some(true) {
///     // staff updates and private notes in this category must carry `time_spent`
/// }
/// # let _ = (high, agent);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Lookups {
    statuses: Vec<Status>,
    priorities: Vec<Priority>,
    categories: Vec<Category>,
    staff: Vec<Staff>,
    ticket_custom_fields: Vec<TicketCustomField>,
    contact_custom_fields: Vec<ContactCustomField>,
}

impl Lookups {
    /// Fetches every lookup now (six GETs), bypassing the client's cache.
    pub fn fetch(client: &Client) -> Result<Self> {
        Ok(Self {
            statuses: client.list_statuses()?,
            priorities: client.list_priorities()?,
            categories: client.list_categories()?,
            staff: client.list_staff()?,
            ticket_custom_fields: client.list_ticket_custom_fields()?,
            contact_custom_fields: client.list_contact_custom_fields()?,
        })
    }

    /// The ticket statuses.
    pub fn statuses(&self) -> &[Status] {
        &self.statuses
    }

    /// The ticket priorities.
    pub fn priorities(&self) -> &[Priority] {
        &self.priorities
    }

    /// The ticket categories.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The staff members.
    pub fn staff_members(&self) -> &[Staff] {
        &self.staff
    }

    /// The ticket custom fields.
    pub fn ticket_custom_fields(&self) -> &[TicketCustomField] {
        &self.ticket_custom_fields
    }

    /// The contact custom fields.
    pub fn contact_custom_fields(&self) -> &[ContactCustomField] {
        &self.contact_custom_fields
    }

    /// The status named `name` (or with that id).
    pub fn status(&self, name: &str) -> Result<&Status> {
        find("status", &self.statuses, name)
    }

    /// The priority named `name` (or with that id).
    pub fn priority(&self, name: &str) -> Result<&Priority> {
        find("priority", &self.priorities, name)
    }

    /// The category named `name` (or with that id). Its `time_spent_mandatory` says whether
    /// staff updates and private notes in it must carry `time_spent`.
    pub fn category(&self, name: &str) -> Result<&Category> {
        find("category", &self.categories, name)
    }

    /// The staff member with that email, name or id.
    pub fn staff(&self, name_or_email: &str) -> Result<&Staff> {
        find("staff member", &self.staff, name_or_email)
    }

    /// The ticket custom field named `name` (or with that id).
    pub fn ticket_custom_field(&self, name: &str) -> Result<&TicketCustomField> {
        find("ticket custom field", &self.ticket_custom_fields, name)
    }

    /// The contact custom field named `name` (or with that id).
    pub fn contact_custom_field(&self, name: &str) -> Result<&ContactCustomField> {
        find("contact custom field", &self.contact_custom_fields, name)
    }

    /// Whether staff updates and private notes of a ticket in `category` must carry
    /// `time_spent` (HappyFox answers 400 otherwise); `false` for an unknown category.
    pub fn requires_time_spent(&self, category: impl Into<crate::CategoryId>) -> bool {
        let category = category.into();
        self.categories
            .iter()
            .any(|c| c.id == category && c.time_spent_mandatory == Some(true))
    }
}

/// The client's cached lookup set.
#[derive(Default)]
pub(crate) struct LookupCache(Mutex<Option<Arc<Lookups>>>);

impl Client {
    /// The account's lookups, fetched on first use and cached by this client and its clones
    /// (see [`Lookups`] for how names are matched).
    pub fn lookups(&self) -> Result<Arc<Lookups>> {
        let mut cached = lock(&self.inner.lookups);
        if let Some(lookups) = cached.as_ref() {
            return Ok(Arc::clone(lookups));
        }
        let fresh = Arc::new(Lookups::fetch(self)?);
        *cached = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    /// Fetches the lookups again (e.g. after an admin added a status) and caches them.
    pub fn refresh_lookups(&self) -> Result<Arc<Lookups>> {
        let fresh = Arc::new(Lookups::fetch(self)?);
        *lock(&self.inner.lookups) = Some(Arc::clone(&fresh));
        Ok(fresh)
    }
}

fn lock(cache: &LookupCache) -> std::sync::MutexGuard<'_, Option<Arc<Lookups>>> {
    cache
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the finders need of an entry.
pub(crate) trait Named {
    fn id(&self) -> u64;
    fn name(&self) -> Option<&str>;
    fn email(&self) -> Option<&str> {
        None
    }
    /// How the entry is listed in an error.
    fn label(&self) -> String {
        match (self.name(), self.email()) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (Some(name), None) => name.to_owned(),
            (None, Some(email)) => email.to_owned(),
            (None, None) => format!("(unnamed, id {})", self.id()),
        }
    }
}

/// `Named` for models with an `id` of a kind of id and an optional `name` (and, after `=>`,
/// the field holding their email).
macro_rules! named {
    ($($model:ty $(=> $email:ident)?),* $(,)?) => {$(
        impl Named for $model {
            fn id(&self) -> u64 {
                self.id.get()
            }
            fn name(&self) -> Option<&str> {
                self.name.as_deref()
            }
            $(fn email(&self) -> Option<&str> {
                self.$email.as_deref()
            })?
        }
    )*};
}

named!(
    Status,
    Priority,
    Category,
    TicketCustomField,
    ContactCustomField,
    Staff => email,
    Contact => email,
);

/// A dropdown's option, by its text.
impl Named for CustomFieldChoice {
    fn id(&self) -> u64 {
        self.id
    }
    fn name(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// The one entry of `entries` that `wanted` names (see [`Lookups`]'s rules), or
/// [`Error::AmbiguousName`] / [`Error::UnknownName`] naming `kind`.
pub(crate) fn find<'a, T: Named>(kind: &str, entries: &'a [T], wanted: &str) -> Result<&'a T> {
    let text = wanted.trim();
    if let Ok(id) = text.parse::<u64>()
        && let Some(entry) = entries.iter().find(|e| e.id() == id)
    {
        return Ok(entry);
    }
    let exact = |e: &&T| e.name() == Some(text) || e.email() == Some(text);
    let lowered = text.to_lowercase();
    let folded = |e: &&T| {
        [e.name(), e.email()]
            .into_iter()
            .flatten()
            .any(|v| v.trim().to_lowercase() == lowered)
    };
    for matches in [
        entries.iter().filter(exact).collect::<Vec<_>>(),
        entries.iter().filter(folded).collect(),
    ] {
        match matches.as_slice() {
            [] => continue,
            [one] => return Ok(one),
            several => {
                return Err(Error::AmbiguousName {
                    kind: kind.to_owned(),
                    name: wanted.to_owned(),
                    matches: several
                        .iter()
                        .map(|e| format!("{} (id {})", e.label(), e.id()))
                        .collect(),
                });
            }
        }
    }
    Err(Error::UnknownName {
        kind: kind.to_owned(),
        name: wanted.to_owned(),
        candidates: entries.iter().map(Named::label).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(id: u64, name: &str, email: &str) -> Staff {
        serde_json::from_value(serde_json::json!({"id": id, "name": name, "email": email}))
            .expect("a staff member")
    }

    fn people() -> Vec<Staff> {
        vec![
            staff(1, "Alex Doe", "alex@example.com"),
            staff(2, "Alex Doe", "alex.d@example.com"),
            staff(3, "Ana Lima", "ana@example.com"),
            staff(44, "7", "seven@example.com"),
        ]
    }

    #[test]
    fn email_name_and_id_find_one_staff_member() {
        let people = people();
        assert_eq!(
            find("staff member", &people, "ANA@example.com ")
                .unwrap()
                .id,
            3
        );
        assert_eq!(find("staff member", &people, "ana lima").unwrap().id, 3);
        assert_eq!(find("staff member", &people, "2").unwrap().id, 2);
        assert_eq!(find("staff member", &people, "7").unwrap().id, 44);
    }

    #[test]
    fn a_shared_name_is_ambiguous_and_lists_the_matches() {
        let people = people();
        let error = find("staff member", &people, "Alex Doe").unwrap_err();
        let Error::AmbiguousName { matches, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            matches,
            &[
                "Alex Doe <alex@example.com> (id 1)",
                "Alex Doe <alex.d@example.com> (id 2)"
            ]
        );
        assert!(error.to_string().contains("use the id (or email)"));
    }

    #[test]
    fn an_unknown_name_lists_the_candidates() {
        let people = people();
        let error = find("staff member", &people, "Bob").unwrap_err();
        assert_eq!(
            error.to_string(),
            "no staff member is named \"Bob\"; the staff member names are: \
             Alex Doe <alex@example.com>, Alex Doe <alex.d@example.com>, \
             Ana Lima <ana@example.com>, 7 <seven@example.com>"
        );
    }
}
