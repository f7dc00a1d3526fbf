//! The typed values of search terms, what each [`ValueKind`] takes, and what a date term
//! compares.

use chrono::NaiveDate;

pub use crate::generated::kinds::ValueKind;

impl ValueKind {
    /// Whether a field of this kind can hold `value`.
    pub fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (ValueKind::Id, Value::Text(text)) => is_ticket_id(text),
            _ => value.kind() == self,
        }
    }

    /// What a value of this kind looks like, for error messages.
    pub const fn expected(self) -> &'static str {
        match self {
            ValueKind::Text => "a non-empty value",
            ValueKind::Id => "a ticket id or display id: letters and digits, without `#`",
            ValueKind::Date => "a date `yyyy/mm/dd` (year 0000 to 9999)",
            ValueKind::Bool => "`true` or `false`",
            ValueKind::DueDate => {
                "a due date: today, yesterday, tomorrow, overdue or \"next 7 days\""
            }
            ValueKind::Keyword => "`--none`, `--any` or a name",
        }
    }
}

/// One value of a field term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// A string, matched as the field documents (names, tags, custom field values...).
    Text(String),
    /// A calendar day (system date fields).
    Date(NaiveDate),
    /// A flag (`has_attachments`, `unresponded`, `breached`, `unassigned`).
    Bool(bool),
    /// A `duedate` keyword.
    DueDate(DueDate),
    /// An `assignee` or `group` keyword.
    Keyword(Keyword),
}

impl Value {
    /// The kind of this value ([`ValueKind::Text`] for a text, which [`ValueKind::Id`]
    /// fields hold too: see [`ValueKind::accepts`]).
    pub const fn kind(&self) -> ValueKind {
        match self {
            Value::Text(_) => ValueKind::Text,
            Value::Date(_) => ValueKind::Date,
            Value::Bool(_) => ValueKind::Bool,
            Value::DueDate(_) => ValueKind::DueDate,
            Value::Keyword(_) => ValueKind::Keyword,
        }
    }

    /// Reads the text of a value (quotes removed) as a value of `kind`; `None` when it is not
    /// one. Booleans and due dates ignore case; keywords and texts keep it.
    pub fn from_wire(kind: ValueKind, text: &str) -> Option<Value> {
        match kind {
            _ if text.is_empty() => None,
            ValueKind::Text => Some(Value::Text(text.to_owned())),
            ValueKind::Id => is_ticket_id(text).then(|| Value::Text(text.to_owned())),
            ValueKind::Date => parse_date(text).map(Value::Date),
            ValueKind::Bool => [false, true]
                .into_iter()
                .find(|flag| flag.to_string().eq_ignore_ascii_case(text))
                .map(Value::Bool),
            ValueKind::DueDate => DueDate::ALL
                .into_iter()
                .find(|due| due.as_str().eq_ignore_ascii_case(text))
                .map(Value::DueDate),
            ValueKind::Keyword => Some(Value::Keyword(Keyword::from_wire(text))),
        }
    }

    /// The value's text on the wire, without quotes.
    pub fn wire_text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Date(date) => format_date(*date),
            Value::Bool(flag) => flag.to_string(),
            Value::DueDate(due) => due.as_str().to_owned(),
            Value::Keyword(keyword) => keyword.as_str().to_owned(),
        }
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_owned())
    }
}

impl From<NaiveDate> for Value {
    fn from(date: NaiveDate) -> Self {
        Value::Date(date)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Value::Bool(flag)
    }
}

impl From<DueDate> for Value {
    fn from(due: DueDate) -> Self {
        Value::DueDate(due)
    }
}

impl From<Keyword> for Value {
    fn from(keyword: Keyword) -> Self {
        Value::Keyword(keyword)
    }
}

/// A ticket id or display id: non-empty ASCII letters and digits.
fn is_ticket_id(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `yyyy/mm/dd`, exactly four, two and two digits.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'/'
        && bytes[7] == b'/'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// The wire form of a date whose year is within 0..=9999 (see [`date_in_range`]).
fn format_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}/{:02}/{:02}", date.year(), date.month(), date.day())
}

/// Whether a date has a `yyyy/mm/dd` form (years 0000 to 9999).
pub(crate) fn date_in_range(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (0..=9999).contains(&date.year())
}

/// The values of `duedate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DueDate {
    /// `today`: due today.
    Today,
    /// `yesterday`: was due yesterday.
    Yesterday,
    /// `tomorrow`: due tomorrow.
    Tomorrow,
    /// `overdue`: the due date is before today.
    Overdue,
    /// `next 7 days`: due within the next seven days.
    Next7Days,
}

impl DueDate {
    /// Every due-date keyword.
    pub const ALL: [DueDate; 5] = [
        DueDate::Today,
        DueDate::Yesterday,
        DueDate::Tomorrow,
        DueDate::Overdue,
        DueDate::Next7Days,
    ];

    /// The keyword on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            DueDate::Today => "today",
            DueDate::Yesterday => "yesterday",
            DueDate::Tomorrow => "tomorrow",
            DueDate::Overdue => "overdue",
            DueDate::Next7Days => "next 7 days",
        }
    }
}

/// A value of `assignee` or `group`: one of the two keywords, or a name matched exactly (case
/// sensitive). The keywords are case sensitive too: `"--NONE"` is a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Keyword {
    /// `--none`: no assignee / in no contact group.
    None,
    /// `--any`: some assignee / in at least one contact group.
    Any,
    /// A name (assignee: email, username, first or last name; group: the group's name). It
    /// cannot be `--none` or `--any`, which would read back as the keywords.
    Name(String),
}

/// An `assignee` value: [`Keyword`] under the name the builder's docs use.
pub type Assignee = Keyword;

/// A `group` value: [`Keyword`] under the name the builder's docs use.
pub type Group = Keyword;

impl Keyword {
    /// `--none` on the wire.
    pub const NONE: &'static str = "--none";
    /// `--any` on the wire.
    pub const ANY: &'static str = "--any";

    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Keyword::None => Keyword::NONE,
            Keyword::Any => Keyword::ANY,
            Keyword::Name(name) => name,
        }
    }

    /// Reads a keyword or a name.
    pub fn from_wire(text: &str) -> Keyword {
        match text {
            Keyword::NONE => Keyword::None,
            Keyword::ANY => Keyword::Any,
            name => Keyword::Name(name.to_owned()),
        }
    }
}

/// What a system date field tests: a moment of the ticket compared with the term's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateCondition {
    /// Which moment of the ticket.
    pub moment: DateMoment,
    /// How its calendar day (UTC) compares with the term's day.
    pub comparison: DateComparison,
}

/// A moment in a ticket's life that date fields test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateMoment {
    /// When the ticket was created.
    Created,
    /// When the ticket was last modified.
    LastModified,
    /// When the latest staff reply was added.
    LastStaffReplied,
    /// When the latest contact reply was added.
    LastContactReplied,
    /// When the ticket was last closed (it may be pending again since).
    LastClosed,
}

/// How a ticket's day compares with a date term's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateComparison {
    /// The same day.
    On,
    /// The same day or earlier.
    OnOrBefore,
    /// The same day or later.
    OnOrAfter,
    /// Strictly earlier.
    Before,
    /// Strictly later.
    After,
}

impl DateComparison {
    /// Whether `day` (the ticket's, a calendar day in UTC) satisfies the comparison with
    /// `bound` (the term's).
    pub fn holds(self, day: NaiveDate, bound: NaiveDate) -> bool {
        match self {
            DateComparison::On => day == bound,
            DateComparison::OnOrBefore => day <= bound,
            DateComparison::OnOrAfter => day >= bound,
            DateComparison::Before => day < bound,
            DateComparison::After => day > bound,
        }
    }
}
