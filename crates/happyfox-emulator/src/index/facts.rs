//! What filters read of a ticket, copied into the index's dense table so a filtered listing
//! reads one compact row per ticket instead of chasing each record's history through
//! memory; texts (subject, messages, tags) are interned with the tickets that have them, so
//! a free-text or tag search tests each distinct text once and reads no ticket.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::state::{CfValue, State, TicketRecord};

/// The filterable properties of one ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// Ticket number.
    pub id: u64,
    /// Status id.
    pub status: u64,
    /// Whether the status is not a completed one.
    pub pending: bool,
    /// Priority id.
    pub priority: u64,
    /// Category id.
    pub category: u64,
    /// Contact id.
    pub contact: u64,
    /// Assignee staff id.
    pub assignee: Option<u64>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change of any kind.
    pub last_modified: DateTime<Utc>,
    /// Last time the ticket entered a completed status.
    pub last_closed_at: Option<DateTime<Utc>>,
    /// Last staff reply.
    pub last_staff_reply: Option<DateTime<Utc>>,
    /// Last contact reply.
    pub last_contact_reply: Option<DateTime<Utc>>,
    /// Whether a message has a file.
    pub has_attachments: bool,
    /// The subject's then every message's text, as [`Texts`] ids.
    pub texts: Box<[u32]>,
    /// The tags, as [`Texts`] ids.
    pub tags: Box<[u32]>,
    /// Ticket custom-field values.
    pub custom_fields: Box<[(u64, CfValue)]>,
}

impl Facts {
    /// The facts of `ticket`, its texts interned in `texts`.
    pub fn of(state: &State, ticket: &TicketRecord, texts: &mut Texts) -> Self {
        Self {
            id: ticket.id,
            status: ticket.status,
            pending: !state.is_completed(ticket.status),
            priority: ticket.priority,
            category: ticket.category,
            contact: ticket.contact,
            assignee: ticket.assignee,
            due_date: ticket.due_date,
            created_at: ticket.created_at,
            last_modified: ticket.last_modified,
            last_closed_at: ticket.last_closed_at,
            last_staff_reply: ticket.last_reply_by(true),
            last_contact_reply: ticket.last_reply_by(false),
            has_attachments: ticket.attachment_ids().next().is_some(),
            texts: std::iter::once(ticket.subject.as_str())
                .chain(ticket.messages().map(|(_, m)| m.text.as_str()))
                .map(|text| texts.intern(text))
                .collect(),
            tags: ticket.tags.iter().map(|tag| texts.intern(tag)).collect(),
            custom_fields: ticket
                .custom_fields
                .iter()
                .map(|(id, value)| (*id, value.clone()))
                .collect(),
        }
    }

    /// Whether no staff has replied yet.
    pub fn unresponded(&self) -> bool {
        self.last_staff_reply.is_none()
    }

    /// A ticket custom field's value.
    pub fn custom_field(&self, id: u64) -> Option<&CfValue> {
        self.custom_fields
            .binary_search_by_key(&id, |(field, _)| *field)
            .ok()
            .map(|at| &self.custom_fields[at].1)
    }
}

/// Every distinct text of the indexed tickets (subjects, messages, tags), each stored once
/// with a number, and which tickets (by slot) have it: a free-text search tests each
/// distinct text once, then takes its tickets. Texts are only ever added (one no ticket has
/// any more stays until the index is rebuilt).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    numbers: HashMap<Arc<str>, u32>,
    texts: Vec<Arc<str>>,
    /// By text number, the slots of the tickets with it as their subject or in a message.
    written: Vec<BTreeSet<u32>>,
    /// By text number, the slots of the tickets with it as a tag.
    tagged: Vec<BTreeSet<u32>>,
}

impl Texts {
    /// The number of `text`, adding it if new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if let Some(number) = self.numbers.get(text) {
            return *number;
        }
        let number = self.texts.len() as u32;
        let text: Arc<str> = text.into();
        self.texts.push(Arc::clone(&text));
        self.numbers.insert(text, number);
        self.written.push(BTreeSet::new());
        self.tagged.push(BTreeSet::new());
        number
    }

    /// Records that the ticket in `slot` has these facts' texts (`has`), or no longer has
    /// them.
    pub fn mark(&mut self, slot: u32, facts: &Facts, has: bool) {
        let lists = [
            (&facts.texts, &mut self.written),
            (&facts.tags, &mut self.tagged),
        ];
        for (numbers, holders) in lists {
            for number in numbers.iter() {
                let slots = &mut holders[*number as usize];
                if has {
                    slots.insert(slot);
                } else {
                    slots.remove(&slot);
                }
            }
        }
    }

    /// By slot (`slots` of them), whether the ticket has a subject or message `test` accepts.
    pub fn written(&self, slots: usize, test: impl Fn(&str) -> bool) -> Vec<bool> {
        let mut found = vec![false; slots];
        for (text, holders) in self.texts.iter().zip(&self.written) {
            if !holders.is_empty() && test(text) {
                holders.iter().for_each(|slot| found[*slot as usize] = true);
            }
        }
        found
    }

    /// By slot (`slots` of them), whether the ticket has the tag `tag`.
    pub fn tagged(&self, slots: usize, tag: &str) -> Vec<bool> {
        let mut found = vec![false; slots];
        if let Some(number) = self.numbers.get(tag) {
            self.tagged[*number as usize]
                .iter()
                .for_each(|slot| found[*slot as usize] = true);
        }
        found
    }
}
