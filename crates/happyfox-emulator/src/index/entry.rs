//! What the ticket index sorts a ticket by: its sort keys, computed once when the ticket
//! changes (so sorting never lowercases a subject or walks a history), and the comparison of
//! each sorted view.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};

use crate::state::{State, TicketRecord};

/// The sort keys of one ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Ticket number.
    pub id: u64,
    contact: u64,
    category: u32,
    subject: Box<str>,
    status: i64,
    priority: i64,
    updated: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
    modified: DateTime<Utc>,
    due: Option<NaiveDate>,
    assignee: Option<u32>,
    unresponded: bool,
}

/// Each sorted view of the index. Every view is ascending by its key, then by ticket
/// number; `sort.rs` says which view and direction each `sort=` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Category name, ignoring case.
    Category,
    /// Subject, ignoring case.
    Subject,
    /// Status order.
    Status,
    /// Priority order.
    Priority,
    /// Last reply by either side (none first).
    Updated,
    /// Creation time.
    Created,
    /// Last modification.
    Modified,
    /// Contact id.
    Client,
    /// Ticket number alone (the order of the stored tickets).
    Ticket,
    /// Due date, tickets without one after the others.
    Due,
    /// Assignee user name, unassigned tickets after the others.
    Assignee,
    /// Unresponded (false first), then last reply.
    Unresponded,
}

impl Key {
    /// Every view.
    pub const ALL: [Key; 12] = [
        Key::Category,
        Key::Subject,
        Key::Status,
        Key::Priority,
        Key::Updated,
        Key::Created,
        Key::Modified,
        Key::Client,
        Key::Ticket,
        Key::Due,
        Key::Assignee,
        Key::Unresponded,
    ];

    /// The position of this view in [`Key::ALL`].
    pub fn position(self) -> usize {
        self as usize
    }

    /// The view's order: its key, then the ticket number (a total order).
    pub fn compare(self, a: &Entry, b: &Entry) -> Ordering {
        let primary = match self {
            Key::Category => a.category.cmp(&b.category),
            Key::Subject => a.subject.cmp(&b.subject),
            Key::Status => a.status.cmp(&b.status),
            Key::Priority => a.priority.cmp(&b.priority),
            Key::Updated => a.updated.cmp(&b.updated),
            Key::Created => a.created.cmp(&b.created),
            Key::Modified => a.modified.cmp(&b.modified),
            Key::Client => a.contact.cmp(&b.contact),
            Key::Ticket => Ordering::Equal,
            Key::Due => none_last(a.due, b.due),
            Key::Assignee => none_last(a.assignee, b.assignee),
            Key::Unresponded => (a.unresponded, a.updated).cmp(&(b.unresponded, b.updated)),
        };
        primary.then(a.id.cmp(&b.id))
    }

    /// Whether `entry` is in the first part of a view whose key may be missing (has a due
    /// date, has an assignee); true for every entry of the other views.
    pub fn has_value(self, entry: &Entry) -> bool {
        match self {
            Key::Due => entry.due.is_some(),
            Key::Assignee => entry.assignee.is_some(),
            _ => true,
        }
    }
}

/// `Some` values in order, `None` after them.
fn none_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The ranks of the names tickets sort by (category names, assignee user names): sorting
/// by rank is sorting by name, without a string per ticket. They come from the lookups,
/// which only [`crate::EmulatorHandle::update_state`] changes (and the index is then
/// rebuilt).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranks {
    category_names: Vec<String>,
    usernames: Vec<String>,
}

impl Ranks {
    /// The ranks of `state`'s lookups.
    pub fn of(state: &State) -> Self {
        let mut category_names: Vec<String> = state
            .categories
            .iter()
            .map(|c| category_name(state, c.category.id.get()))
            .chain([String::new()])
            .collect();
        category_names.sort();
        category_names.dedup();
        let mut usernames: Vec<String> = state
            .staff
            .iter()
            .filter_map(|s| username(state, s.id.get()))
            .collect();
        usernames.sort();
        usernames.dedup();
        Self {
            category_names,
            usernames,
        }
    }

    /// The keys of `ticket`.
    pub fn entry(&self, state: &State, ticket: &TicketRecord) -> Entry {
        let rank = |names: &[String], name: &str| {
            names
                .binary_search_by(|n| n.as_str().cmp(name))
                .unwrap_or_else(|at| at) as u32
        };
        Entry {
            id: ticket.id,
            contact: ticket.contact,
            category: rank(&self.category_names, &category_name(state, ticket.category)),
            subject: ticket.subject.to_lowercase().into(),
            status: state
                .status(ticket.status)
                .and_then(|s| s.order)
                .unwrap_or_default(),
            priority: state
                .priority(ticket.priority)
                .and_then(|p| p.order)
                .unwrap_or_default(),
            updated: ticket.last_updated_at(),
            created: ticket.created_at,
            modified: ticket.last_modified,
            due: ticket.due_date,
            assignee: ticket
                .assignee
                .and_then(|id| username(state, id))
                .map(|name| rank(&self.usernames, &name)),
            unresponded: ticket.unresponded(),
        }
    }
}

/// A category's name in lower case ("" for an unknown category or one without a name).
fn category_name(state: &State, category: u64) -> String {
    state
        .category(category)
        .and_then(|c| c.category.name.clone())
        .unwrap_or_default()
        .to_lowercase()
}

/// A staff member's user name (the local part of their email), in lower case.
fn username(state: &State, staff: u64) -> Option<String> {
    let email = state.staff_member(staff)?.email.as_deref()?;
    Some(email.split('@').next().unwrap_or(email).to_lowercase())
}
