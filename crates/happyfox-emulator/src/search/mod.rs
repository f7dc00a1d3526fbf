//! `q` evaluation: the text is parsed by `happyfox-query` (the same parser the client
//! renders with), then prepared once per request against the lookups and the index's texts
//! (names resolved to ids, the contacts a term accepts found, values parsed, free text
//! tested once per distinct text), so testing a ticket's [`Facts`] allocates nothing. Terms
//! are ANDed, a term's values ORed; dates compare UTC calendar days; custom fields (ticket,
//! then contact) match by name and value ignoring case; free text searches the subject and
//! every message, ignoring case.

mod text;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use happyfox_query::{
    DateCondition, DateMoment, DueDate, Field, Keyword, Query, SystemField, Term, Value,
};

use crate::index::{Facts, TicketIndex};
use crate::state::{CfValue, ContactRecord, FieldDef, State};
use text::contains_lowercased;

/// A parsed `q`. Text that does not parse matches no ticket: HappyFox answers such searches
/// (e.g. terms joined by an encoded `%2B`) with an empty list, not an error.
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

    /// Whether every ticket matches (a query without terms), without preparing it.
    pub fn matches_everything(&self) -> bool {
        self.query
            .as_ref()
            .is_some_and(|query| query.terms().is_empty())
    }

    /// The search ready to test the tickets of `state` (indexed by `index`), `now` being
    /// the server's time.
    pub fn prepare<'a>(
        &self,
        state: &'a State,
        index: &TicketIndex,
        now: DateTime<Utc>,
    ) -> Matcher<'a> {
        let today = now.date_naive();
        Matcher {
            state,
            terms: self.query.as_ref().map(|query| {
                query
                    .terms()
                    .iter()
                    .map(|term| Test::of(state, index, today, term))
                    .collect()
            }),
        }
    }
}

/// A prepared search.
#[derive(Debug)]
pub struct Matcher<'a> {
    state: &'a State,
    /// `None` when the text did not parse.
    terms: Option<Vec<Test<'a>>>,
}

impl Matcher<'_> {
    /// Whether the ticket in index slot `slot`, with these facts, matches every term.
    pub fn matches(&self, slot: u32, ticket: &Facts) -> bool {
        self.terms.as_ref().is_some_and(|terms| {
            terms
                .iter()
                .all(|term| term.matches(self.state, slot, ticket))
        })
    }
}

/// One term.
#[derive(Debug)]
enum Test<'a> {
    /// Free text: by slot, whether the ticket has it.
    FreeText(Vec<bool>),
    /// A field term: any of its values.
    AnyOf(Vec<Check<'a>>),
}

/// One value of a field term, resolved.
#[derive(Debug)]
enum Check<'a> {
    /// A value the field never matches.
    Never,
    /// A moment of the ticket compared with a day.
    Date(DateCondition, NaiveDate),
    /// A status among these ids.
    Status(Vec<u64>),
    /// A priority among these ids.
    Priority(Vec<u64>),
    /// A tag (case sensitive): by slot, whether the ticket has it.
    Tag(Vec<bool>),
    /// Assigned to one of these staff ids.
    Assignee(Vec<u64>),
    /// A yes/no property of the ticket equal to `want`.
    Flag { fact: Fact, want: bool },
    /// The ticket's contact is accepted.
    Contacts(ContactSet),
    /// The number, or the display id (without `#`, ignoring case).
    Id {
        number: Option<u64>,
        /// The only numbers whose display id can be `text`.
        candidates: Vec<u64>,
        text: String,
    },
    /// A due-date keyword.
    Due(DueDate, NaiveDate),
    /// A ticket custom field's value.
    TicketField(&'a happyfox::TicketCustomField, Wanted),
}

/// The yes/no properties `q` tests.
#[derive(Debug, Clone, Copy)]
enum Fact {
    Unassigned,
    HasAttachments,
    Unresponded,
    Breached,
}

impl Test<'_> {
    fn of<'a>(state: &'a State, index: &TicketIndex, today: NaiveDate, term: &Term) -> Test<'a> {
        match term {
            Term::FreeText(text) => {
                let needle = text.to_lowercase();
                Test::FreeText(index.written(|text| contains_lowercased(text, &needle)))
            }
            Term::Field {
                field: Field::System(field),
                values,
            } => Test::AnyOf(
                values
                    .iter()
                    .map(|value| Check::system(state, index, today, *field, value))
                    .collect(),
            ),
            Term::Field {
                field: Field::Custom(name),
                values,
            } => Test::AnyOf(
                values
                    .iter()
                    .map(|value| Check::custom(state, name, &value.wire_text()))
                    .collect(),
            ),
        }
    }

    fn matches(&self, state: &State, slot: u32, ticket: &Facts) -> bool {
        match self {
            Test::FreeText(found) => found[slot as usize],
            Test::AnyOf(checks) => checks
                .iter()
                .any(|check| check.matches(state, slot, ticket)),
        }
    }
}

impl Check<'_> {
    fn system<'a>(
        state: &'a State,
        index: &TicketIndex,
        today: NaiveDate,
        field: SystemField,
        value: &Value,
    ) -> Check<'a> {
        if let (Some(condition), Value::Date(bound)) = (field.date_condition(), value) {
            return Check::Date(condition, *bound);
        }
        let text = value.wire_text();
        let flag = |fact| match value {
            Value::Bool(want) => Check::Flag { fact, want: *want },
            _ => Check::Never,
        };
        match field {
            SystemField::Status => Check::Status(
                state
                    .statuses
                    .iter()
                    .map(|s| s.id.get())
                    .filter(|id| {
                        state
                            .status(*id)
                            .and_then(|s| s.name.as_deref())
                            .is_some_and(|name| name.eq_ignore_ascii_case(&text))
                    })
                    .collect(),
            ),
            SystemField::Priority => Check::Priority(
                state
                    .priorities
                    .iter()
                    .map(|p| p.id.get())
                    .filter(|id| {
                        state
                            .priority(*id)
                            .and_then(|p| p.name.as_deref())
                            .is_some_and(|name| name.eq_ignore_ascii_case(&text))
                    })
                    .collect(),
            ),
            SystemField::Tag => Check::Tag(index.tagged(&text)),
            SystemField::Assignee => match value {
                Value::Keyword(Keyword::None) => Check::Flag {
                    fact: Fact::Unassigned,
                    want: true,
                },
                Value::Keyword(Keyword::Any) => Check::Flag {
                    fact: Fact::Unassigned,
                    want: false,
                },
                _ => Check::Assignee(
                    state
                        .staff
                        .iter()
                        .map(|s| s.id.get())
                        .filter(|id| {
                            state
                                .staff_member(*id)
                                .is_some_and(|staff| staff_names(staff).any(|n| n == text))
                        })
                        .collect(),
                ),
            },
            SystemField::Unassigned => flag(Fact::Unassigned),
            SystemField::Group => Check::Contacts(ContactSet::of(
                state,
                |c| group_matches(state, &c.groups, value, &text),
                group_matches(state, &[], value, &text),
            )),
            SystemField::Contact => {
                let needle = text.to_lowercase();
                Check::Contacts(ContactSet::of(
                    state,
                    |c| contact_matches(c, &text, &needle),
                    false,
                ))
            }
            SystemField::Id => Check::Id {
                number: text.parse().ok(),
                candidates: display_candidates(&text),
                text,
            },
            SystemField::HasAttachments => flag(Fact::HasAttachments),
            SystemField::Unresponded => flag(Fact::Unresponded),
            SystemField::Breached => flag(Fact::Breached),
            SystemField::Duedate => match value {
                Value::DueDate(due) => Check::Due(*due, today),
                _ => Check::Never,
            },
            _ => Check::Never,
        }
    }

    /// A custom field by name: the ticket's own fields first, then its contact's.
    fn custom<'a>(state: &'a State, name: &str, wanted: &str) -> Check<'a> {
        let wanted = Wanted::new(wanted);
        if let Some(def) = state
            .ticket_custom_fields
            .iter()
            .find(|d| d.name().eq_ignore_ascii_case(name))
        {
            return Check::TicketField(def, wanted);
        }
        match state
            .contact_custom_fields
            .iter()
            .find(|d| d.name().eq_ignore_ascii_case(name))
        {
            Some(def) => Check::Contacts(ContactSet::of(
                state,
                |c| {
                    c.custom_fields
                        .get(&def.id.get())
                        .is_some_and(|v| wanted.matches(def, v))
                },
                false,
            )),
            None => Check::Never,
        }
    }

    fn matches(&self, state: &State, slot: u32, ticket: &Facts) -> bool {
        match self {
            Check::Never => false,
            Check::Date(condition, bound) => moment(ticket, condition.moment)
                .is_some_and(|m| condition.comparison.holds(m.date_naive(), *bound)),
            Check::Status(ids) => ids.contains(&ticket.status),
            Check::Priority(ids) => ids.contains(&ticket.priority),
            Check::Tag(found) => found[slot as usize],
            Check::Assignee(ids) => ticket.assignee.is_some_and(|a| ids.contains(&a)),
            Check::Flag { fact, want } => {
                let actual = match fact {
                    Fact::Unassigned => ticket.assignee.is_none(),
                    Fact::HasAttachments => ticket.has_attachments,
                    Fact::Unresponded => ticket.unresponded(),
                    Fact::Breached => false,
                };
                actual == *want
            }
            Check::Contacts(set) => set.accepts(ticket.contact),
            Check::Id {
                number,
                candidates,
                text,
            } => {
                *number == Some(ticket.id)
                    || (candidates.contains(&ticket.id)
                        && state.tickets.get(&ticket.id).is_some_and(|record| {
                            state
                                .display_id(record)
                                .trim_start_matches('#')
                                .eq_ignore_ascii_case(text)
                        }))
            }
            Check::Due(due, today) => ticket
                .due_date
                .is_some_and(|d| due_matches(*due, d, *today)),
            Check::TicketField(def, wanted) => ticket
                .custom_field(def.id.get())
                .is_some_and(|v| wanted.matches(*def, v)),
        }
    }
}

/// The contacts a term accepts, by id; a ticket whose contact does not exist gets
/// `missing`. The list holds the contacts whose answer differs from `missing`.
#[derive(Debug)]
struct ContactSet {
    differing: Vec<u64>,
    missing: bool,
}

impl ContactSet {
    fn of(state: &State, accepts: impl Fn(&ContactRecord) -> bool, missing: bool) -> Self {
        Self {
            differing: state
                .contacts
                .iter()
                .filter(|(_, c)| accepts(c) != missing)
                .map(|(id, _)| *id)
                .collect(),
            missing,
        }
    }

    fn accepts(&self, contact: u64) -> bool {
        self.differing.binary_search(&contact).is_ok() != self.missing
    }
}

/// The moment of a ticket a date condition reads.
fn moment(ticket: &Facts, moment: DateMoment) -> Option<DateTime<Utc>> {
    match moment {
        DateMoment::Created => Some(ticket.created_at),
        DateMoment::LastModified => Some(ticket.last_modified),
        DateMoment::LastStaffReplied => ticket.last_staff_reply,
        DateMoment::LastContactReplied => ticket.last_contact_reply,
        DateMoment::LastClosed => ticket.last_closed_at,
    }
}

/// The ticket numbers whose display id (`<prefix><at least 8 digits>`) can end `text`: the
/// values of its trailing digits, 8 of them or more.
fn display_candidates(text: &str) -> Vec<u64> {
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    (8..=digits)
        .filter_map(|n| text[text.len() - n..].parse().ok())
        .collect()
}

/// Whether a contact in `groups` matches `group:` with `value` (`--none`, `--any` or a
/// group's name, `text`).
pub(crate) fn group_matches(state: &State, groups: &[u64], value: &Value, text: &str) -> bool {
    match value {
        Value::Keyword(Keyword::None) => groups.is_empty(),
        Value::Keyword(Keyword::Any) => !groups.is_empty(),
        _ => groups.iter().any(|id| {
            state
                .contact_group(*id)
                .is_some_and(|g| g.name.as_deref() == Some(text))
        }),
    }
}

/// Whether a contact matches `contact:` with `text` (`needle` is its lower case): its name or
/// email holds the text, ignoring case, or one of its phone numbers holds it.
pub(crate) fn contact_matches(contact: &ContactRecord, text: &str, needle: &str) -> bool {
    contact.name.to_lowercase().contains(needle)
        || contact.email.to_lowercase().contains(needle)
        || contact
            .phones
            .iter()
            .filter_map(|p| p.number.as_deref())
            .any(|n| n.contains(text))
}

/// Email, user name (the email's local part), first and last name.
pub(crate) fn staff_names(staff: &happyfox::Staff) -> impl Iterator<Item = String> {
    let email = staff.email.clone().unwrap_or_default();
    let username = email.split('@').next().unwrap_or_default().to_owned();
    let name = staff.name.clone().unwrap_or_default();
    let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
    [email.clone(), username, first.to_owned(), last.to_owned()]
        .into_iter()
        .filter(|s| !s.is_empty())
}

/// Whether a due date falls in a `duedate:` keyword's window, seen from `today`.
pub(crate) fn due_matches(due: DueDate, date: NaiveDate, today: NaiveDate) -> bool {
    match due {
        DueDate::Today => date == today,
        DueDate::Yesterday => date == today - TimeDelta::days(1),
        DueDate::Tomorrow => date == today + TimeDelta::days(1),
        DueDate::Overdue => date < today,
        DueDate::Next7Days => date >= today && date <= today + TimeDelta::days(7),
    }
}

/// A custom-field value searched for, read every way a stored value may compare with it.
#[derive(Debug)]
struct Wanted {
    text: String,
    number: Option<f64>,
    date: Option<NaiveDate>,
}

impl Wanted {
    fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            number: text.trim().parse().ok(),
            date: custom_date(text),
        }
    }

    /// Numbers and dates by value, choices by label, text ignoring case.
    fn matches(&self, def: &dyn FieldDef, value: &CfValue) -> bool {
        match value {
            CfValue::Number(n) => self.number.is_some_and(|w| (w - n).abs() < 1e-9),
            CfValue::Date(d) => self.date == Some(*d),
            CfValue::Choices(ids) => ids
                .iter()
                .any(|id| def.choice_text(*id).eq_ignore_ascii_case(&self.text)),
            CfValue::Choice(id) => def.choice_text(*id).eq_ignore_ascii_case(&self.text),
            CfValue::Text(text) => text.eq_ignore_ascii_case(&self.text),
        }
    }
}

/// The portal's date format (`mm/dd/yyyy`), or `yyyy/mm/dd`, or `yyyy-mm-dd`.
fn custom_date(text: &str) -> Option<NaiveDate> {
    ["%m/%d/%Y", "%Y/%m/%d", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text.trim(), f).ok())
}
