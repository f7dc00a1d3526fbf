//! The listing as the emulator computed it before its indexes, kept only for tests to
//! compare with: a scan of every ticket with the `q` terms tested one by one, and a sort of
//! the matches with comparisons that look everything up.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};
use happyfox_query::{DateMoment, Field, Keyword, Query, Sort, SystemField, Term, Value};

use crate::search::{contact_matches, due_matches, group_matches, staff_names};
use crate::state::{CfValue, FieldDef, State, TicketRecord};

/// Whether `ticket` matches the `q` text, as the emulator decided before its indexes: a
/// query that does not parse matches nothing, the terms are ANDed.
pub fn search_matches(
    text: &str,
    state: &State,
    ticket: &TicketRecord,
    now: DateTime<Utc>,
) -> bool {
    Query::parse(text.trim()).ok().is_some_and(|query| {
        query
            .terms()
            .iter()
            .all(|term| term_matches(state, ticket, now, term))
    })
}

fn term_matches(state: &State, ticket: &TicketRecord, now: DateTime<Utc>, term: &Term) -> bool {
    match term {
        Term::FreeText(text) => free_text(ticket, text),
        Term::Field {
            field: Field::System(field),
            values,
        } => values
            .iter()
            .any(|value| system_matches(state, ticket, now.date_naive(), *field, value)),
        Term::Field {
            field: Field::Custom(name),
            values,
        } => values
            .iter()
            .any(|value| custom_matches(state, ticket, name, &value.wire_text())),
    }
}

fn free_text(ticket: &TicketRecord, text: &str) -> bool {
    let needle = text.to_lowercase();
    ticket.subject.to_lowercase().contains(&needle)
        || ticket
            .messages()
            .any(|(_, m)| m.text.to_lowercase().contains(&needle))
}

fn system_matches(
    state: &State,
    ticket: &TicketRecord,
    today: NaiveDate,
    field: SystemField,
    value: &Value,
) -> bool {
    if let (Some(condition), Value::Date(bound)) = (field.date_condition(), value) {
        let moment = match condition.moment {
            DateMoment::Created => Some(ticket.created_at),
            DateMoment::LastModified => Some(ticket.last_modified),
            DateMoment::LastStaffReplied => ticket.last_reply_by(true),
            DateMoment::LastContactReplied => ticket.last_reply_by(false),
            DateMoment::LastClosed => ticket.last_closed_at,
        };
        return moment.is_some_and(|m| condition.comparison.holds(m.date_naive(), *bound));
    }
    let text = value.wire_text();
    let flag = |actual: bool| matches!(value, Value::Bool(b) if *b == actual);
    match field {
        SystemField::Status => state
            .status(ticket.status)
            .and_then(|s| s.name.as_deref())
            .is_some_and(|name| name.eq_ignore_ascii_case(&text)),
        SystemField::Priority => state
            .priority(ticket.priority)
            .and_then(|p| p.name.as_deref())
            .is_some_and(|name| name.eq_ignore_ascii_case(&text)),
        SystemField::Tag => ticket.tags.contains(&text),
        SystemField::Assignee => match value {
            Value::Keyword(Keyword::None) => ticket.assignee.is_none(),
            Value::Keyword(Keyword::Any) => ticket.assignee.is_some(),
            _ => ticket
                .assignee
                .and_then(|id| state.staff_member(id))
                .is_some_and(|staff| staff_names(staff).any(|n| n == text)),
        },
        SystemField::Unassigned => flag(ticket.assignee.is_none()),
        SystemField::Group => {
            let groups = state
                .contacts
                .get(&ticket.contact)
                .map(|c| c.groups.clone())
                .unwrap_or_default();
            group_matches(state, &groups, value, &text)
        }
        SystemField::Contact => state
            .contacts
            .get(&ticket.contact)
            .is_some_and(|c| contact_matches(c, &text, &text.to_lowercase())),
        SystemField::Id => {
            text.parse::<u64>().ok() == Some(ticket.id)
                || state
                    .display_id(ticket)
                    .trim_start_matches('#')
                    .eq_ignore_ascii_case(&text)
        }
        SystemField::HasAttachments => flag(ticket.attachment_ids().next().is_some()),
        SystemField::Unresponded => flag(ticket.unresponded()),
        SystemField::Breached => flag(false),
        SystemField::Duedate => match value {
            Value::DueDate(due) => ticket.due_date.is_some_and(|d| due_matches(*due, d, today)),
            _ => false,
        },
        _ => false,
    }
}

fn custom_matches(state: &State, ticket: &TicketRecord, name: &str, wanted: &str) -> bool {
    if let Some(def) = state
        .ticket_custom_fields
        .iter()
        .find(|d| d.name().eq_ignore_ascii_case(name))
    {
        return ticket
            .custom_fields
            .get(&def.id.get())
            .is_some_and(|v| value_matches(def, v, wanted));
    }
    let contact = state.contacts.get(&ticket.contact);
    state
        .contact_custom_fields
        .iter()
        .find(|d| d.name().eq_ignore_ascii_case(name))
        .is_some_and(|def| {
            contact
                .and_then(|c| c.custom_fields.get(&def.id.get()))
                .is_some_and(|v| value_matches(def, v, wanted))
        })
}

fn value_matches(def: &dyn FieldDef, value: &CfValue, wanted: &str) -> bool {
    match value {
        CfValue::Number(n) => wanted
            .trim()
            .parse::<f64>()
            .is_ok_and(|w| (w - n).abs() < 1e-9),
        CfValue::Date(d) => custom_date(wanted) == Some(*d),
        CfValue::Choices(ids) => ids
            .iter()
            .any(|id| def.choice_label(*id).eq_ignore_ascii_case(wanted)),
        other => def.display(other).eq_ignore_ascii_case(wanted),
    }
}

/// The portal's date format (`mm/dd/yyyy`), or `yyyy/mm/dd`, or `yyyy-mm-dd`.
fn custom_date(text: &str) -> Option<NaiveDate> {
    ["%m/%d/%Y", "%Y/%m/%d", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text.trim(), f).ok())
}

/// Sorts `tickets` by `sort` (or the default order).
pub fn sort_tickets(state: &State, tickets: &mut [&TicketRecord], sort: Option<Sort>) {
    let sort = sort.unwrap_or(Sort::UpdatedNewestFirst);
    let descending = matches!(
        sort,
        Sort::CategoryDescending
            | Sort::SubjectDescending
            | Sort::StatusDescending
            | Sort::PriorityDescending
            | Sort::UpdatedNewestFirst
            | Sort::CreatedNewestFirst
            | Sort::AssigneeDescending
            | Sort::ModifiedNewestFirst
            | Sort::TicketIdDescending
            | Sort::ContactIdDescending
    );
    tickets.sort_by(|a, b| {
        let primary = match sort {
            Sort::CategoryAscending | Sort::CategoryDescending => {
                category_name(state, a).cmp(&category_name(state, b))
            }
            Sort::SubjectAscending | Sort::SubjectDescending => {
                a.subject.to_lowercase().cmp(&b.subject.to_lowercase())
            }
            Sort::StatusAscending | Sort::StatusDescending => {
                status_order(state, a).cmp(&status_order(state, b))
            }
            Sort::PriorityAscending | Sort::PriorityDescending => {
                priority_order(state, a).cmp(&priority_order(state, b))
            }
            Sort::UpdatedNewestFirst | Sort::UpdatedOldestFirst => {
                a.last_updated_at().cmp(&b.last_updated_at())
            }
            Sort::CreatedOldestFirst | Sort::CreatedNewestFirst => a.created_at.cmp(&b.created_at),
            Sort::ModifiedOldestFirst | Sort::ModifiedNewestFirst => {
                a.last_modified.cmp(&b.last_modified)
            }
            Sort::ContactIdAscending | Sort::ContactIdDescending => a.contact.cmp(&b.contact),
            Sort::TicketIdAscending | Sort::TicketIdDescending => Ordering::Equal,
            // Missing values go last in both directions, so they are handled below.
            Sort::DueDate
            | Sort::AssigneeAscending
            | Sort::AssigneeDescending
            | Sort::UnrespondedFirst => Ordering::Equal,
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        let special = match sort {
            Sort::DueDate => last_if_none(a.due_date, b.due_date, false),
            Sort::AssigneeAscending => last_if_none(assignee(state, a), assignee(state, b), false),
            Sort::AssigneeDescending => last_if_none(assignee(state, a), assignee(state, b), true),
            Sort::UnrespondedFirst => b
                .unresponded()
                .cmp(&a.unresponded())
                .then(b.last_updated_at().cmp(&a.last_updated_at())),
            _ => Ordering::Equal,
        };
        let tie = if descending || sort == Sort::UnrespondedFirst {
            b.id.cmp(&a.id)
        } else {
            a.id.cmp(&b.id)
        };
        primary.then(special).then(tie)
    });
}

/// `Some` values in order (reversed when `descending`), `None` after them.
fn last_if_none<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn category_name(state: &State, t: &TicketRecord) -> String {
    state
        .category(t.category)
        .and_then(|c| c.category.name.clone())
        .unwrap_or_default()
        .to_lowercase()
}

fn status_order(state: &State, t: &TicketRecord) -> i64 {
    state
        .status(t.status)
        .and_then(|s| s.order)
        .unwrap_or_default()
}

fn priority_order(state: &State, t: &TicketRecord) -> i64 {
    state
        .priority(t.priority)
        .and_then(|p| p.order)
        .unwrap_or_default()
}

/// The assignee's user name (the local part of their email).
fn assignee(state: &State, t: &TicketRecord) -> Option<String> {
    let staff = state.staff_member(t.assignee?)?;
    let email = staff.email.as_deref()?;
    Some(email.split('@').next().unwrap_or(email).to_lowercase())
}

/// The ticket numbers of a listing in order, as the emulator computed them before its
/// indexes: every ticket tested against the filters, the matches sorted.
pub fn listing(
    state: &State,
    now: DateTime<Utc>,
    status: &str,
    category: Option<u64>,
    q: &str,
    sort: Option<Sort>,
) -> Vec<u64> {
    let status_id = match status {
        "" | "_all" | "_pending" => None,
        id => id.parse::<u64>().ok(),
    };
    let mut tickets: Vec<_> = state
        .tickets
        .values()
        .filter(|t| status != "_pending" || !state.is_completed(t.status))
        .filter(|t| status_id.is_none_or(|s| t.status == s))
        .filter(|t| category.is_none_or(|c| t.category == c))
        .filter(|t| search_matches(q, state, t, now))
        .collect();
    sort_tickets(state, &mut tickets, sort);
    tickets.iter().map(|t| t.id).collect()
}

/// `(tickets, pending tickets)` of a contact, counted over every ticket.
pub fn contact_counts(state: &State, contact: u64) -> (u64, u64) {
    let tickets = state.tickets.values().filter(|t| t.contact == contact);
    tickets.fold((0, 0), |(total, pending), t| {
        (
            total + 1,
            pending + u64::from(!state.is_completed(t.status)),
        )
    })
}

/// A ticket answer as the emulator built it before answers were serialized straight to
/// bytes: the model as a `serde_json::Value`, each update's `custom_field_change` replaced by
/// `null` unless `show_cf_changes` and it is not empty.
pub fn ticket_answer(model: &happyfox::Ticket, show_cf_changes: bool) -> Vec<u8> {
    let mut value = serde_json::to_value(model).unwrap_or(serde_json::Value::Null);
    if let Some(updates) = value
        .get_mut("updates")
        .and_then(serde_json::Value::as_array_mut)
    {
        for update in updates {
            let hide = !show_cf_changes
                || update
                    .get("custom_field_change")
                    .and_then(serde_json::Value::as_array)
                    .is_none_or(Vec::is_empty);
            if hide && let Some(object) = update.as_object_mut() {
                object.insert("custom_field_change".into(), serde_json::Value::Null);
            }
        }
    }
    serde_json::to_vec(&value).unwrap_or_default()
}
