//! A tool's arguments read into the client's types: numbers where ids go, or names (status,
//! priority, category, staff by name or email, contacts by email, custom fields by name)
//! resolved through the client's lookups, fetched once and cached by the client. A missing
//! or unusable argument says which one and why; an unknown name answers with the candidates
//! (the core's `UnknownName` error).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::tools::CallError;

/// Which custom fields a map of values names.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    Ticket,
    Contact,
}

/// The arguments of one call, and the client that resolves names.
pub struct Args<'a> {
    values: &'a Map<String, Value>,
    client: &'a happyfox::Client,
}

type Read<T> = Result<Option<T>, CallError>;

fn refuse(name: &str, why: impl Into<String>) -> CallError {
    CallError::Argument {
        name: name.to_owned(),
        why: why.into(),
    }
}

impl<'a> Args<'a> {
    /// The arguments `values` of a call through `client`.
    pub fn new(values: &'a Map<String, Value>, client: &'a happyfox::Client) -> Self {
        Self { values, client }
    }

    /// The argument `name` read by `read`; missing is an error.
    pub fn need<T>(&self, name: &str, read: fn(&Self, &str) -> Read<T>) -> Result<T, CallError> {
        read(self, name)?.ok_or_else(|| refuse(name, "is required"))
    }

    /// The argument `name` read by `read`, `Some(None)` when it is given as null.
    pub fn nullable<T>(&self, name: &str, read: fn(&Self, &str) -> Read<T>) -> Read<Option<T>> {
        match self.values.get(name) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(_) => Ok(read(self, name)?.map(Some)),
        }
    }

    fn value(&self, name: &str) -> Option<&'a Value> {
        self.values.get(name).filter(|value| !value.is_null())
    }

    fn lookups(&self) -> Result<Arc<happyfox::Lookups>, CallError> {
        Ok(self.client.lookups()?)
    }

    /// Text.
    pub fn text(&self, name: &str) -> Read<String> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(refuse(name, format!("must be text, not {other}"))),
        }
    }

    /// `true` or `false`.
    pub fn flag(&self, name: &str) -> Read<bool> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(other) => Err(refuse(name, format!("must be true or false, not {other}"))),
        }
    }

    /// A whole number, 0 or more (also as digits in text).
    pub fn number(&self, name: &str) -> Read<u64> {
        match self.value(name) {
            None => Ok(None),
            Some(value) => whole(value)
                .map(Some)
                .ok_or_else(|| refuse(name, format!("must be a whole number, not {value}"))),
        }
    }

    /// A day, `yyyy-mm-dd`.
    pub fn date(&self, name: &str) -> Read<NaiveDate> {
        self.text(name)?
            .map(|text| {
                NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                    .map_err(|_| refuse(name, format!("{text:?} is not a date (yyyy-mm-dd)")))
            })
            .transpose()
    }

    /// A moment (ISO 8601, or HappyFox's `yyyy-mm-dd hh:mm:ss` in UTC).
    pub fn timestamp(&self, name: &str) -> Read<DateTime<Utc>> {
        self.text(name)?
            .map(|text| {
                happyfox::codec::parse_timestamp(&text)
                    .ok_or_else(|| refuse(name, format!("{text:?} is not a date and time")))
            })
            .transpose()
    }

    /// A list of texts (or one text, commas separating its items).
    pub fn texts(&self, name: &str) -> Read<Vec<String>> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(
                text.split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| refuse(name, "must be a list of texts")),
            Some(other) => Err(refuse(
                name,
                format!("must be a list of texts, not {other}"),
            )),
        }
    }

    /// A list of whole numbers.
    pub fn numbers(&self, name: &str) -> Read<Vec<u64>> {
        self.list(name)?
            .map(|items| {
                items
                    .iter()
                    .map(whole)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| refuse(name, "must be a list of whole numbers"))
            })
            .transpose()
    }

    fn list(&self, name: &str) -> Read<Vec<Value>> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items.clone())),
            Some(other) => Ok(Some(vec![other.clone()])),
        }
    }

    /// An id given as a number, or the text `resolve` turns into one.
    fn id_or<T: From<u64>>(
        &self,
        name: &str,
        resolve: impl FnOnce(&str) -> Result<u64, CallError>,
    ) -> Read<T> {
        match self.value(name) {
            None => Ok(None),
            Some(value) => match whole(value) {
                Some(id) => Ok(Some(T::from(id))),
                None => match value.as_str() {
                    Some(text) => resolve(text.trim()).map(|id| Some(T::from(id))),
                    None => Err(refuse(
                        name,
                        format!("must be an id or a name, not {value}"),
                    )),
                },
            },
        }
    }

    /// A status, by id or name.
    pub fn status(&self, name: &str) -> Read<happyfox::StatusId> {
        self.id_or(name, |text| Ok(self.lookups()?.status(text)?.id.get()))
    }

    /// A priority, by id or name.
    pub fn priority(&self, name: &str) -> Read<happyfox::PriorityId> {
        self.id_or(name, |text| Ok(self.lookups()?.priority(text)?.id.get()))
    }

    /// A category, by id or name.
    pub fn category(&self, name: &str) -> Read<happyfox::CategoryId> {
        self.id_or(name, |text| Ok(self.lookups()?.category(text)?.id.get()))
    }

    /// A staff member, by id, name or email.
    pub fn staff(&self, name: &str) -> Read<happyfox::StaffId> {
        self.id_or(name, |text| Ok(self.lookups()?.staff(text)?.id.get()))
    }

    /// Staff members, each by id, name or email.
    pub fn staff_list(&self, name: &str) -> Read<Vec<happyfox::StaffId>> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        let lookups = self.lookups()?;
        items
            .iter()
            .map(|item| match (whole(item), item.as_str()) {
                (Some(id), _) => Ok(happyfox::StaffId::from(id)),
                (None, Some(text)) => Ok(lookups.staff(text.trim())?.id),
                (None, None) => Err(refuse(name, format!("{item} is not a staff id or name"))),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A contact, by id or email (or a name its search finds once).
    pub fn contact(&self, name: &str) -> Read<happyfox::ContactId> {
        self.id_or(name, |text| Ok(self.client.find_contact(text)?.id.get()))
    }

    /// A ticket, by number or display id (`#SUP00000012`).
    pub fn ticket(&self, name: &str) -> Read<happyfox::TicketId> {
        self.id_or(name, |text| {
            text.trim_start_matches('#')
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| {
                    refuse(
                        name,
                        format!("{text:?} is not a ticket number or display id"),
                    )
                })
        })
    }

    /// Which statuses a listing covers: `_all`, `_pending`, or one status by id or name.
    pub fn status_filter(&self, name: &str) -> Read<happyfox::StatusFilter> {
        match self.value(name).and_then(Value::as_str).map(str::trim) {
            Some("_all") => Ok(Some(happyfox::StatusFilter::All)),
            Some("_pending") => Ok(Some(happyfox::StatusFilter::Pending)),
            _ => Ok(self.status(name)?.map(happyfox::StatusFilter::Id)),
        }
    }

    /// Who a private note alerts: `subscribers`, `category`, or one staff member.
    pub fn note_alert(&self, name: &str) -> Read<happyfox::NoteAlert> {
        match self.value(name).and_then(Value::as_str).map(str::trim) {
            Some("subscribers" | "s") => Ok(Some(happyfox::NoteAlert::Subscribers)),
            Some("category" | "c") => Ok(Some(happyfox::NoteAlert::CategoryAgents)),
            _ => Ok(self.staff(name)?.map(happyfox::NoteAlert::Staff)),
        }
    }

    /// A contact by id or email address.
    pub fn contact_key(&self, name: &str) -> Read<happyfox::ContactKey> {
        match self.value(name) {
            None => Ok(None),
            Some(value) => match (whole(value), value.as_str()) {
                (Some(id), _) => Ok(Some(happyfox::ContactKey::Id(id.into()))),
                (None, Some(email)) => {
                    Ok(Some(happyfox::ContactKey::Email(email.trim().to_owned())))
                }
                (None, None) => Err(refuse(
                    name,
                    format!("must be a contact id or email, not {value}"),
                )),
            },
        }
    }

    /// A search string, parsed as text (a `+` is a plus).
    pub fn query(&self, name: &str) -> Read<happyfox::QueryInput> {
        self.text(name)?
            .map(|text| {
                happyfox::Query::parse(&text)
                    .map(happyfox::QueryInput::Query)
                    .map_err(|error| refuse(name, error.to_string()))
            })
            .transpose()
    }

    /// A sort option.
    pub fn sort(&self, name: &str) -> Read<happyfox::Sort> {
        self.text(name)?
            .map(|text| {
                text.parse::<happyfox::Sort>()
                    .map_err(|error| refuse(name, error.to_string()))
            })
            .transpose()
    }

    /// Custom-field values by field name (or id), each read as its field's type.
    pub fn custom_fields(
        &self,
        name: &str,
        kind: FieldKind,
    ) -> Result<Vec<(happyfox::CustomFieldId, happyfox::FieldValue)>, CallError> {
        let Some(value) = self.value(name) else {
            return Ok(Vec::new());
        };
        let Some(fields) = value.as_object() else {
            return Err(refuse(name, "must be an object of field names and values"));
        };
        let lookups = self.lookups()?;
        fields
            .iter()
            .map(|(field, value)| {
                let text = match value {
                    Value::String(text) => text.clone(),
                    Value::Array(items) => items
                        .iter()
                        .map(|item| {
                            item.as_str()
                                .map_or_else(|| item.to_string(), str::to_owned)
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                };
                Ok(match kind {
                    FieldKind::Ticket => lookups.ticket_field_value(field, &text)?,
                    FieldKind::Contact => lookups.contact_field_value(field, &text)?,
                })
            })
            .collect()
    }
}

/// A whole number, 0 or more, given as a number or as digits.
fn whole(value: &Value) -> Option<u64> {
    match value {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}
