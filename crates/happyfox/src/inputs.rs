//! Typed inputs of requests that are not plain scalars: status filter, note alert, contact
//! key, and the search query (typed or raw).

use std::fmt;

use happyfox_query::Query;
use serde_json::Value;

use crate::error::{Error, InputRule};
use crate::wire::payload::ToWire;
use crate::{Contact, ContactId, Staff, StaffId, Status, StatusId};

/// Which statuses a ticket listing covers (`status=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// `_all`: tickets in every status (the default).
    All,
    /// `_pending`: tickets in a status with pending behaviour.
    Pending,
    /// One status, by id.
    Id(StatusId),
}

impl fmt::Display for StatusFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusFilter::All => f.write_str("_all"),
            StatusFilter::Pending => f.write_str("_pending"),
            StatusFilter::Id(id) => write!(f, "{id}"),
        }
    }
}

impl From<u64> for StatusFilter {
    fn from(id: u64) -> Self {
        StatusFilter::Id(id.into())
    }
}

impl From<StatusId> for StatusFilter {
    fn from(id: StatusId) -> Self {
        StatusFilter::Id(id)
    }
}

impl From<&Status> for StatusFilter {
    fn from(status: &Status) -> Self {
        StatusFilter::Id(status.id)
    }
}

/// Who is alerted of a private note (`alert`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAlert {
    /// `s`: every subscriber of the ticket.
    Subscribers,
    /// `c`: every agent of the ticket's category.
    CategoryAgents,
    /// One agent, by staff id.
    Staff(StaffId),
}

impl From<StaffId> for NoteAlert {
    fn from(id: StaffId) -> Self {
        NoteAlert::Staff(id)
    }
}

impl From<&Staff> for NoteAlert {
    fn from(staff: &Staff) -> Self {
        NoteAlert::Staff(staff.id)
    }
}

impl ToWire for NoteAlert {
    fn to_wire(&self) -> Value {
        match self {
            NoteAlert::Subscribers => Value::from("s"),
            NoteAlert::CategoryAgents => Value::from("c"),
            NoteAlert::Staff(id) => id.to_wire(),
        }
    }
}

/// A contact, by id or by email address (`/user/<id or email>/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactKey {
    /// The contact id.
    Id(ContactId),
    /// The contact's email address.
    Email(String),
}

impl fmt::Display for ContactKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContactKey::Id(id) => write!(f, "{id}"),
            ContactKey::Email(email) => f.write_str(email),
        }
    }
}

impl From<u64> for ContactKey {
    fn from(id: u64) -> Self {
        ContactKey::Id(id.into())
    }
}

impl From<ContactId> for ContactKey {
    fn from(id: ContactId) -> Self {
        ContactKey::Id(id)
    }
}

impl From<&Contact> for ContactKey {
    fn from(contact: &Contact) -> Self {
        ContactKey::Id(contact.id)
    }
}

impl From<&str> for ContactKey {
    fn from(email: &str) -> Self {
        ContactKey::Email(email.to_owned())
    }
}

impl From<String> for ContactKey {
    fn from(email: String) -> Self {
        ContactKey::Email(email)
    }
}

/// A search string: a typed [`Query`], or raw text that is parsed (and so checked) before
/// anything is sent, then sent in its canonical form.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryInput {
    /// A query built or parsed already.
    Query(Query),
    /// Raw text, parsed at send time.
    Raw(String),
}

impl QueryInput {
    /// The canonical text to send (`""` for the empty query, as the reference writes "no
    /// search"). Raw text is read by [`Query::parse_raw`]: malformed or ambiguous text is an
    /// [`Error::InvalidInput`] of field `q` and rule [`InputRule::Query`] with the byte
    /// offset, whose message shows where, and what to write instead.
    pub fn render(&self) -> crate::Result<String> {
        let text = match self {
            QueryInput::Query(query) => render_query(query)?,
            QueryInput::Raw(_) => self.query()?.to_string(),
        };
        Ok(if text.is_empty() {
            "\"\"".to_owned()
        } else {
            text
        })
    }

    /// The search as a typed [`Query`]: raw text is read by [`Query::parse_raw`], refused as
    /// [`QueryInput::render`] refuses it.
    pub(crate) fn query(&self) -> crate::Result<Query> {
        match self {
            QueryInput::Query(query) => Ok(query.clone()),
            QueryInput::Raw(text) => Query::parse_raw(text).map_err(|error| {
                Error::invalid(
                    Some("q"),
                    InputRule::Query {
                        offset: error.offset(),
                    },
                    format!("malformed search query:\n{error}"),
                )
            }),
        }
    }
}

/// The canonical text of a typed query, or why it has none.
fn render_query(query: &Query) -> crate::Result<String> {
    query.render().map_err(|error| {
        Error::invalid(
            Some("q"),
            InputRule::InvalidQuery,
            format!("invalid search query: {error}"),
        )
    })
}

impl From<Query> for QueryInput {
    fn from(query: Query) -> Self {
        QueryInput::Query(query)
    }
}

impl From<&str> for QueryInput {
    fn from(text: &str) -> Self {
        QueryInput::Raw(text.to_owned())
    }
}

impl From<String> for QueryInput {
    fn from(text: String) -> Self {
        QueryInput::Raw(text)
    }
}
