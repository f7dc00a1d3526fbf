//! Answers built from the stored records through happyfox's own model types, so every
//! shape (tickets, contacts, groups, pages) is the one the client reads. Tickets stay models
//! (serialized straight to bytes by `ticket_json.rs`); contacts take their ticket counts
//! from the index.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::attachments::Links;
use crate::index::TicketIndex;
use crate::state::{
    ActorRef, ContactRecord, FieldDef, MessageRecord, State, TicketRecord, UpdateRecord,
};

/// Renders records as of `now` (attachment links are made then).
#[derive(Debug)]
pub struct Renderer<'a> {
    /// The data.
    pub state: &'a State,
    /// Its index (contacts' ticket counts).
    pub index: &'a TicketIndex,
    /// Makes attachment links.
    pub links: &'a Links,
    /// The time of the answer.
    pub now: DateTime<Utc>,
}

impl Renderer<'_> {
    /// A ticket as the list, detail and write endpoints answer it. Custom-field changes are
    /// listed only with `show_cf_changes`: the other lists are left empty, and
    /// [`crate::ticket_json`] writes an empty list as `null`.
    pub fn ticket(&self, ticket: &TicketRecord, show_cf_changes: bool) -> happyfox::Ticket {
        let state = self.state;
        let messages: Vec<&MessageRecord> = ticket.messages().map(|(_, m)| m).collect();
        happyfox::Ticket {
            id: ticket.id.into(),
            display_id: Some(state.display_id(ticket)),
            subject: Some(ticket.subject.clone()),
            first_message: messages.first().map(|m| m.text.clone()),
            status: state.status(ticket.status).cloned(),
            priority: state.priority(ticket.priority).cloned(),
            category: state.category(ticket.category).map(|c| c.category.clone()),
            user: state.contacts.get(&ticket.contact).map(|c| self.contact(c)),
            assigned_to: ticket
                .assignee
                .and_then(|id| state.staff_member(id))
                .cloned(),
            tags: ticket.tags.clone(),
            due_date: ticket.due_date,
            due_by: None,
            time_spent: Some(ticket.time_spent),
            messages_count: Some(messages.len() as u64),
            attachments_count: Some(ticket.attachment_ids().count() as u64),
            sla_breaches: Some(0),
            unresponded: Some(ticket.unresponded()),
            visible_only_staff: Some(ticket.visible_only_staff),
            source: Some(ticket.source.clone()),
            custom_fields: state
                .ticket_custom_fields
                .iter()
                .filter(|def| def.categories.iter().any(|c| c.category == ticket.category))
                .map(|def| def.render(ticket.custom_fields.get(&def.id.get())))
                .collect(),
            subscribers: ticket
                .subscribers
                .iter()
                .filter_map(|id| state.staff_member(*id))
                .map(subscriber)
                .collect(),
            updates: ticket
                .updates
                .iter()
                .map(|u| self.update(u, show_cf_changes))
                .collect(),
            merged_tickets: Vec::new(),
            merged_to: None,
            created_at: Some(ticket.created_at),
            last_modified: Some(ticket.last_modified),
            last_updated_at: ticket.last_updated_at(),
            last_user_reply_at: ticket.last_reply_by(false),
            last_staff_reply_at: ticket.last_reply_by(true),
            extra: Map::new(),
        }
    }

    fn update(&self, update: &UpdateRecord, show_cf_changes: bool) -> happyfox::Update {
        happyfox::Update {
            update_id: Some(update.update_id),
            timestamp: Some(update.timestamp),
            by: Some(self.actor(update.by)),
            message: update.message.as_ref().map(|m| self.message(m)),
            time_spent: update.time_spent,
            status_change: update.status_change.clone(),
            priority_change: update.priority_change.clone(),
            assignee_change: update.assignee_change.clone(),
            category_change: update.category_change.clone(),
            due_date_change: update.due_date_change.clone(),
            custom_field_change: if show_cf_changes {
                update.custom_field_change.clone()
            } else {
                Vec::new()
            },
            satisfaction_survey: None,
            extra: Map::new(),
        }
    }

    fn message(&self, message: &MessageRecord) -> happyfox::Message {
        happyfox::Message {
            id: Some(message.id),
            text: Some(message.text.clone()),
            html: Some(message.html.clone()),
            subject: Some(message.subject.clone()),
            message_type: message
                .private
                .then_some(happyfox::MessageType::PrivateNote),
            cc_list: Some(message.cc.clone()),
            bcc_list: Some(message.bcc.clone()),
            forward_list: message.forward_list.clone().map(Value::from),
            customer_updated: Some(message.customer_updated),
            attachments: message
                .attachments
                .iter()
                .filter_map(|id| self.state.attachments.get(id))
                .map(|file| happyfox::Attachment {
                    id: file.id,
                    filename: Some(file.filename.clone()),
                    url: Some(self.links.url(file, self.now)),
                    extra: Map::new(),
                })
                .collect(),
            extra: Map::new(),
        }
    }

    fn actor(&self, by: ActorRef) -> happyfox::Actor {
        let (id, name, email, kind) = match by {
            ActorRef::Staff(id) => {
                let staff = self.state.staff_member(id);
                (
                    Some(id),
                    staff.and_then(|s| s.name.clone()),
                    staff.and_then(|s| s.email.clone()),
                    happyfox::ActorType::Staff,
                )
            }
            ActorRef::Contact(id) => {
                let contact = self.state.contacts.get(&id);
                (
                    Some(id),
                    contact.map(|c| c.name.clone()),
                    contact.map(|c| c.email.clone()),
                    happyfox::ActorType::Contact,
                )
            }
            ActorRef::System => (
                None,
                Some("The system".to_owned()),
                Some("system@happyfox.invalid".to_owned()),
                happyfox::ActorType::System,
            ),
        };
        happyfox::Actor {
            id,
            name,
            email,
            actor_type: Some(kind),
            avatar: Some(Value::Null),
            extra: Map::new(),
        }
    }

    /// A contact with its groups, custom fields and ticket counts.
    pub fn contact(&self, contact: &ContactRecord) -> happyfox::Contact {
        let state = self.state;
        let (total, pending) = self.index.contact_counts(contact.id);
        happyfox::Contact {
            id: contact.id.into(),
            name: Some(contact.name.clone()),
            email: Some(contact.email.clone()),
            primary_phone: contact.phones.first().cloned(),
            phones: contact.phones.clone(),
            created_at: Some(contact.created_at),
            updated_at: Some(contact.updated_at),
            pending_tickets_count: Some(pending),
            tickets_count: Some(total),
            contact_groups: contact
                .groups
                .iter()
                .filter_map(|id| state.contact_group(*id))
                .cloned()
                .collect(),
            custom_fields: state
                .contact_custom_fields
                .iter()
                .map(|def| def.render(contact.custom_fields.get(&def.id.get())))
                .collect(),
            extra: Map::new(),
        }
    }

    /// A contact group; with `members`, its contacts (id, name, email).
    pub fn contact_group(&self, group: &happyfox::ContactGroup, members: bool) -> Value {
        let mut group = group.clone();
        if members {
            group.contacts = self
                .state
                .contacts
                .values()
                .filter(|c| c.groups.contains(&group.id))
                .map(|c| json!({ "id": c.id, "name": c.name, "email": c.email }))
                .collect();
        }
        to_value(&group)
    }
}

fn subscriber(staff: &happyfox::Staff) -> happyfox::Subscriber {
    let name = staff.name.clone().unwrap_or_default();
    let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
    happyfox::Subscriber {
        id: staff.id,
        first_name: Some(first.to_owned()),
        last_name: Some(last.to_owned()),
        email: staff.email.clone(),
        extra: Map::new(),
    }
}

/// A model as JSON (models always serialize; a failure would be a bug, answered as null).
pub fn to_value<T: serde::Serialize>(model: &T) -> Value {
    serde_json::to_value(model).unwrap_or(Value::Null)
}

/// `page_info` as documented: `count` on this page, `last_index` = total.
pub fn page_info(total: usize, page: usize, size: usize, count: usize) -> Value {
    let start = if count == 0 { 0 } else { (page - 1) * size + 1 };
    let end = if count == 0 { 0 } else { start + count - 1 };
    json!({
        "count": count,
        "last_index": total,
        "page_count": total.div_ceil(size),
        "start_index": start,
        "end_index": end,
    })
}
