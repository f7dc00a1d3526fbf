//! The stored form of contacts, tickets, updates, messages and files. Answers are rendered
//! from these (see `render.rs`), so derived values (counts, reply times) never go stale.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::CfValue;

/// A category and the prefix of its tickets' display ids (`#<prefix>00000042`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CategoryDef {
    /// The category as the API answers it.
    pub category: happyfox::Category,
    /// Display-id prefix, e.g. `SUP`.
    pub prefix: String,
}

/// A contact.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ContactRecord {
    /// Contact id.
    pub id: u64,
    /// Full name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Phone numbers; the first is the primary one.
    pub phones: Vec<happyfox::Phone>,
    /// Ids of the contact groups the contact belongs to.
    pub groups: Vec<u64>,
    /// Contact custom-field values by field id.
    pub custom_fields: BTreeMap<u64, CfValue>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A ticket. Counts and reply times are derived from `updates` when answered.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TicketRecord {
    /// Ticket number.
    pub id: u64,
    /// Category id.
    pub category: u64,
    /// Subject.
    pub subject: String,
    /// Status id.
    pub status: u64,
    /// Priority id.
    pub priority: u64,
    /// Contact id.
    pub contact: u64,
    /// Assignee staff id.
    pub assignee: Option<u64>,
    /// Tags, in the order they were added.
    pub tags: Vec<String>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Total minutes spent.
    pub time_spent: u64,
    /// Whether the ticket is private.
    pub visible_only_staff: bool,
    /// How it was created (`TKT_CREATION_API`, `TKT_CREATION_EMAIL`, ...).
    pub source: String,
    /// Ticket custom-field values by field id.
    pub custom_fields: BTreeMap<u64, CfValue>,
    /// Subscribed staff ids.
    pub subscribers: Vec<u64>,
    /// History, oldest first.
    pub updates: Vec<UpdateRecord>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change of any kind.
    pub last_modified: DateTime<Utc>,
    /// Last time the ticket entered a completed status.
    pub last_closed_at: Option<DateTime<Utc>>,
}

impl TicketRecord {
    /// Messages of the history, oldest first, with who wrote them.
    pub fn messages(&self) -> impl DoubleEndedIterator<Item = (&UpdateRecord, &MessageRecord)> {
        self.updates
            .iter()
            .filter_map(|u| u.message.as_ref().map(|m| (u, m)))
    }

    /// Time of the last reply (not a private note) by staff (`staff = true`) or the contact.
    pub fn last_reply_by(&self, staff: bool) -> Option<DateTime<Utc>> {
        self.messages()
            .filter(|(u, m)| m.is_reply() && u.by.is_staff() == staff && u.by != ActorRef::System)
            .map(|(u, _)| u.timestamp)
            .next_back()
    }

    /// Time of the last reply by either side.
    pub fn last_updated_at(&self) -> Option<DateTime<Utc>> {
        self.last_reply_by(true).max(self.last_reply_by(false))
    }

    /// Whether no staff has replied yet.
    pub fn unresponded(&self) -> bool {
        self.last_reply_by(true).is_none()
    }

    /// Ids of every file attached to the ticket's messages.
    pub fn attachment_ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.messages()
            .flat_map(|(_, m)| m.attachments.iter().copied())
    }

    /// The id of the last staff message that is a reply (for collision checks).
    pub fn last_staff_message(&self) -> Option<u64> {
        self.messages()
            .filter(|(u, m)| m.is_reply() && u.by.is_staff())
            .map(|(_, m)| m.id)
            .next_back()
    }
}

/// Who made an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRef {
    /// A staff member, by id.
    Staff(u64),
    /// A contact, by id.
    Contact(u64),
    /// The system (automations).
    System,
}

impl ActorRef {
    /// Whether a staff member acted.
    pub fn is_staff(&self) -> bool {
        matches!(self, ActorRef::Staff(_))
    }
}

/// One entry of a ticket's history.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UpdateRecord {
    /// Update id.
    pub update_id: u64,
    /// When it happened.
    pub timestamp: DateTime<Utc>,
    /// Who made it.
    pub by: ActorRef,
    /// Its message, if any.
    pub message: Option<MessageRecord>,
    /// Minutes spent added by it.
    pub time_spent: Option<u64>,
    /// Status change.
    pub status_change: Option<happyfox::IdChange>,
    /// Priority change.
    pub priority_change: Option<happyfox::IdChange>,
    /// Assignee change.
    pub assignee_change: Option<happyfox::IdChange>,
    /// Category change (move).
    pub category_change: Option<happyfox::IdChange>,
    /// Due-date change.
    pub due_date_change: Option<happyfox::DueDateChange>,
    /// Ticket custom-field changes (answered only with `show_cf_changes=true`).
    pub custom_field_change: Vec<happyfox::CustomFieldChange>,
}

impl UpdateRecord {
    /// An update with nothing in it yet.
    pub fn new(update_id: u64, timestamp: DateTime<Utc>, by: ActorRef) -> Self {
        Self {
            update_id,
            timestamp,
            by,
            message: None,
            time_spent: None,
            status_change: None,
            priority_change: None,
            assignee_change: None,
            category_change: None,
            due_date_change: None,
            custom_field_change: Vec::new(),
        }
    }
}

/// A reply, private note, forward or first message.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct MessageRecord {
    /// Message id.
    pub id: u64,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
    /// Subject, if changed.
    pub subject: String,
    /// Whether it is a private note (`message_type: "p"`).
    pub private: bool,
    /// CC addresses, comma-separated.
    pub cc: String,
    /// BCC addresses, comma-separated.
    pub bcc: String,
    /// Addresses a forward went to.
    pub forward_list: Option<String>,
    /// Whether the contact was notified.
    pub customer_updated: bool,
    /// Ids of attached files.
    pub attachments: Vec<u64>,
}

impl MessageRecord {
    /// The HTML body HappyFox derives from a plain-text one: escaped, in a paragraph.
    pub fn html_of_text(text: &str) -> String {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        format!("<p>{escaped}</p>")
    }

    /// Whether it is a reply (neither a private note nor a forward).
    pub fn is_reply(&self) -> bool {
        !self.private && self.forward_list.is_none()
    }
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AttachmentRecord {
    /// Attachment id.
    pub id: u64,
    /// Original file name.
    pub filename: String,
    /// MIME type.
    pub content_type: String,
    /// The bytes (base64 in fixtures).
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
}

/// The next free id of each kind of record.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct NextIds {
    /// Next ticket number.
    pub ticket: u64,
    /// Next update id.
    pub update: u64,
    /// Next message id.
    pub message: u64,
    /// Next attachment id.
    pub attachment: u64,
    /// Next contact id.
    pub contact: u64,
    /// Next phone id.
    pub phone: u64,
}

impl NextIds {
    /// Takes the next id from `counter`.
    pub fn take(counter: &mut u64) -> u64 {
        *counter += 1;
        *counter - 1
    }
}

/// Bytes as a base64 string in JSON.
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::MessageRecord;

    #[test]
    fn text_bodies_become_escaped_html() {
        assert_eq!(
            MessageRecord::html_of_text(r#"a < b & "c" > d"#),
            "<p>a &lt; b &amp; &quot;c&quot; &gt; d</p>"
        );
    }
}
