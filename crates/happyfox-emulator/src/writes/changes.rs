//! Property changes shared by ticket create and the staff writes: status, priority,
//! assignee, due date, tags, time spent and custom fields; read from a payload, reduced to
//! what really changes, applied and recorded as the documented `*_change` objects.

use chrono::NaiveDate;
use serde_json::Value;

use super::INVALID_CHOICE;
use crate::payload::Fields;
use crate::reply::FieldErrors;
use crate::state::{CfValue, FieldDef, State, TicketRecord, UpdateRecord};

/// Changes asked for by a payload (`None`: not asked).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Changes {
    /// New status id.
    pub status: Option<u64>,
    /// New priority id.
    pub priority: Option<u64>,
    /// New assignee (`Some(None)` unassigns).
    pub assignee: Option<Option<u64>>,
    /// New due date (`Some(None)` clears it).
    pub due_date: Option<Option<NaiveDate>>,
    /// New tag list.
    pub tags: Option<Vec<String>>,
    /// Minutes to add.
    pub time_spent: Option<u64>,
    /// Ticket custom-field values (`None` clears).
    pub ticket_fields: Vec<(u64, Option<CfValue>)>,
    /// Contact custom-field values (`None` clears).
    pub contact_fields: Vec<(u64, Option<CfValue>)>,
}

impl Changes {
    /// Reads and checks the property fields of a payload; errors go to `errors`.
    /// `contact_prefixes` are `c-cf-` on create, `ccf-`/`c-cf-` on staff writes.
    pub fn read(
        state: &State,
        fields: &Fields,
        category: Option<u64>,
        contact_prefixes: &[&str],
        errors: &mut FieldErrors,
    ) -> Self {
        let mut changes = Changes::default();
        if let Some(Some(id)) = errors.take("status", fields.u64("status")) {
            if state.status(id).is_some() {
                changes.status = Some(id);
            } else {
                errors.add("status", INVALID_CHOICE);
            }
        }
        if let Some(Some(id)) = errors.take("priority", fields.u64("priority")) {
            if state.priority(id).is_some() {
                changes.priority = Some(id);
            } else {
                errors.add("priority", INVALID_CHOICE);
            }
        }
        if let Some(Some(assignee)) = errors.take("assignee", fields.nullable_u64("assignee")) {
            if assignee.is_none_or(|id| state.staff_member(id).is_some()) {
                changes.assignee = Some(assignee);
            } else {
                errors.add("assignee", INVALID_CHOICE);
            }
        }
        changes.due_date = errors.take("due_date", fields.date("due_date")).flatten();
        if fields.has("tags") {
            changes.tags = Some(fields.list("tags"));
        }
        changes.time_spent = errors
            .take("time_spent", fields.u64("time_spent"))
            .flatten();
        for (key, id, value) in fields.custom_fields(&["t-cf-"]) {
            let def = id.and_then(|id| state.ticket_custom_fields.iter().find(|d| d.id == id));
            let applies = def.is_some_and(|d| {
                category.is_none_or(|c| d.categories.iter().any(|dc| dc.category == c))
            });
            match def.filter(|_| applies) {
                None => errors.add(&key, "Invalid custom field for this category."),
                Some(def) => {
                    if let Some(v) = errors.take(&key, def.parse(value)) {
                        changes.ticket_fields.push((def.id.get(), v));
                    }
                }
            }
        }
        for (key, id, value) in fields.custom_fields(contact_prefixes) {
            match id.and_then(|id| state.contact_custom_fields.iter().find(|d| d.id == id)) {
                None => errors.add(&key, "Invalid contact custom field."),
                Some(def) => {
                    if let Some(v) = errors.take(&key, def.parse(value)) {
                        changes.contact_fields.push((def.id.get(), v));
                    }
                }
            }
        }
        changes
    }

    /// Only what differs from `ticket` (and its contact) now.
    pub fn effective(mut self, state: &State, ticket: &TicketRecord) -> Self {
        self.status = self.status.filter(|s| *s != ticket.status);
        self.priority = self.priority.filter(|p| *p != ticket.priority);
        self.assignee = self.assignee.filter(|a| *a != ticket.assignee);
        self.due_date = self.due_date.filter(|d| *d != ticket.due_date);
        self.tags = self.tags.filter(|t| *t != ticket.tags);
        self.time_spent = self.time_spent.filter(|t| *t > 0);
        self.ticket_fields
            .retain(|(id, v)| ticket.custom_fields.get(id) != v.as_ref());
        let contact = state.contacts.get(&ticket.contact);
        self.contact_fields
            .retain(|(id, v)| contact.and_then(|c| c.custom_fields.get(id)) != v.as_ref());
        self
    }

    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Compulsory-on-completion fields left empty when `ticket` enters a completed status:
    /// `(t-cf-<id>, message)` pairs.
    pub fn missing_compulsory(
        &self,
        state: &State,
        ticket: &TicketRecord,
    ) -> Vec<(String, String)> {
        let Some(status) = self.status else {
            return Vec::new();
        };
        if !state.is_completed(status) || state.is_completed(ticket.status) {
            return Vec::new();
        }
        state
            .ticket_custom_fields
            .iter()
            .filter(|d| d.compulsory_on_completed())
            .filter(|d| d.categories.iter().any(|c| c.category == ticket.category))
            .filter(|d| {
                let new = self.ticket_fields.iter().find(|(id, _)| *id == d.id);
                match new {
                    Some((_, value)) => value.is_none(),
                    None => !ticket.custom_fields.contains_key(&d.id.get()),
                }
            })
            .map(|d| {
                (
                    format!("t-cf-{}", d.id),
                    "This field should be filled before marking this ticket as completed"
                        .to_owned(),
                )
            })
            .collect()
    }

    /// Applies the changes to ticket `id`, recording them in `update`.
    pub fn apply(self, state: &mut State, id: u64, update: &mut UpdateRecord) {
        let now = update.timestamp;
        let names = Names::of(state);
        for (field, value) in &self.contact_fields {
            let contact = state.tickets.get(&id).map(|t| t.contact);
            if let Some(contact) = contact.and_then(|c| state.contacts.get_mut(&c)) {
                set_or_clear(&mut contact.custom_fields, *field, value.clone());
                contact.updated_at = now;
            }
        }
        let cf_changes: Vec<happyfox::CustomFieldChange> = {
            let Some(ticket) = state.tickets.get(&id) else {
                return;
            };
            self.ticket_fields
                .iter()
                .filter_map(|(field, value)| {
                    let def = state.ticket_custom_fields.iter().find(|d| d.id == *field)?;
                    let show = |v: Option<&CfValue>| v.map(|v| def.display(v)).unwrap_or_default();
                    Some(happyfox::CustomFieldChange {
                        id: Some((*field).into()),
                        name: Some(def.name().to_owned()),
                        from: Some(Value::from(show(ticket.custom_fields.get(field)))),
                        to: Some(Value::from(show(value.as_ref()))),
                        extra: serde_json::Map::new(),
                    })
                })
                .collect()
        };
        let completed = self.status.is_some_and(|s| state.is_completed(s));
        let Some(ticket) = state.tickets.get_mut(&id) else {
            return;
        };
        if let Some(status) = self.status {
            update.status_change =
                Some(id_change(Some(ticket.status), Some(status), &names.status));
            ticket.status = status;
            if completed {
                ticket.last_closed_at = Some(now);
            }
        }
        if let Some(priority) = self.priority {
            update.priority_change = Some(id_change(
                Some(ticket.priority),
                Some(priority),
                &names.priority,
            ));
            ticket.priority = priority;
        }
        if let Some(assignee) = self.assignee {
            update.assignee_change = Some(id_change(ticket.assignee, assignee, &names.staff));
            ticket.assignee = assignee;
        }
        if let Some(due) = self.due_date {
            update.due_date_change = Some(happyfox::DueDateChange {
                old: ticket.due_date,
                new: due,
                extra: serde_json::Map::new(),
            });
            ticket.due_date = due;
        }
        if let Some(tags) = self.tags {
            ticket.tags = tags;
        }
        if let Some(minutes) = self.time_spent {
            update.time_spent = Some(minutes);
            ticket.time_spent += minutes;
        }
        for (field, value) in self.ticket_fields {
            set_or_clear(&mut ticket.custom_fields, field, value);
        }
        update.custom_field_change = cf_changes;
        ticket.last_modified = now;
    }
}

fn set_or_clear(
    map: &mut std::collections::BTreeMap<u64, CfValue>,
    id: u64,
    value: Option<CfValue>,
) {
    match value {
        Some(value) => map.insert(id, value),
        None => map.remove(&id),
    };
}

/// Id -> name tables for change records.
pub struct Names {
    /// Status names by id.
    pub status: Vec<(u64, String)>,
    /// Priority names by id.
    pub priority: Vec<(u64, String)>,
    /// Staff names by id.
    pub staff: Vec<(u64, String)>,
}

impl Names {
    /// The tables of `state`.
    pub fn of(state: &State) -> Self {
        let pair = |id: u64, name: &Option<String>| (id, name.clone().unwrap_or_default());
        Self {
            status: state
                .statuses
                .iter()
                .map(|s| pair(s.id.get(), &s.name))
                .collect(),
            priority: state
                .priorities
                .iter()
                .map(|p| pair(p.id.get(), &p.name))
                .collect(),
            staff: state
                .staff
                .iter()
                .map(|s| pair(s.id.get(), &s.name))
                .collect(),
        }
    }
}

/// `{old, old_name, new, new_name}`.
pub fn id_change(
    old: Option<u64>,
    new: Option<u64>,
    names: &[(u64, String)],
) -> happyfox::IdChange {
    let name = |id: Option<u64>| {
        id.and_then(|id| names.iter().find(|(i, _)| *i == id))
            .map(|(_, n)| n.clone())
    };
    happyfox::IdChange {
        old,
        old_name: name(old),
        new,
        new_name: name(new),
        extra: serde_json::Map::new(),
    }
}
