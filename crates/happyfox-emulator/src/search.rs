//! `q` evaluation: the text is parsed by `happyfox-query` (the same parser the client
//! renders with) and each term is tested against a ticket. Terms are ANDed, a term's values
//! ORed; dates compare UTC calendar days; custom fields (ticket, then contact) match by name
//! and value ignoring case; free text searches the subject and every message.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use happyfox_query::{DateMoment, DueDate, Field, Keyword, Query, SystemField, Term, Value};

use crate::render::display_id;
use crate::state::{CfValue, FieldDef, State, TicketRecord};

/// A parsed `q`, ready to test tickets. Text that does not parse matches no ticket: HappyFox
/// answers such searches (e.g. terms joined by an encoded `%2B`) with an empty list, not an
/// error.
#[derive(Debug)]
pub struct Search {
    query: Option<Query>,
}

impl Search {
    /// Parses decoded `q` text.
    pub fn parse(text: &str) -> Self {
        Self {
            query: Query::parse(text.trim()).ok(),
        }
    }

    /// Whether `ticket` matches every term, `today` being the server's current day.
    pub fn matches(&self, state: &State, ticket: &TicketRecord, now: DateTime<Utc>) -> bool {
        self.query.as_ref().is_some_and(|query| {
            query
                .terms()
                .iter()
                .all(|term| term_matches(state, ticket, now, term))
        })
    }
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
            match value {
                Value::Keyword(Keyword::None) => groups.is_empty(),
                Value::Keyword(Keyword::Any) => !groups.is_empty(),
                _ => groups.iter().any(|id| {
                    state
                        .contact_group(*id)
                        .is_some_and(|g| g.name.as_deref() == Some(text.as_str()))
                }),
            }
        }
        SystemField::Contact => state.contacts.get(&ticket.contact).is_some_and(|c| {
            let needle = text.to_lowercase();
            c.name.to_lowercase().contains(&needle)
                || c.email.to_lowercase().contains(&needle)
                || c.phones
                    .iter()
                    .filter_map(|p| p.number.as_deref())
                    .any(|n| n.contains(&text))
        }),
        SystemField::Id => {
            text.parse::<u64>().ok() == Some(ticket.id)
                || display_id(state, ticket)
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

/// Email, user name (the email's local part), first and last name.
fn staff_names(staff: &happyfox::Staff) -> impl Iterator<Item = String> {
    let email = staff.email.clone().unwrap_or_default();
    let username = email.split('@').next().unwrap_or_default().to_owned();
    let name = staff.name.clone().unwrap_or_default();
    let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
    [email.clone(), username, first.to_owned(), last.to_owned()]
        .into_iter()
        .filter(|s| !s.is_empty())
}

fn due_matches(due: DueDate, date: NaiveDate, today: NaiveDate) -> bool {
    match due {
        DueDate::Today => date == today,
        DueDate::Yesterday => date == today - TimeDelta::days(1),
        DueDate::Tomorrow => date == today + TimeDelta::days(1),
        DueDate::Overdue => date < today,
        DueDate::Next7Days => date >= today && date <= today + TimeDelta::days(7),
    }
}

/// A custom field by name: the ticket's own fields first, then its contact's.
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
