//! Ticket creation (`POST /tickets/` with an object, JSON or multipart) and bulk creation
//! (a JSON array of at most 100 payloads, answered item by item).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::INVALID_CHOICE;
use super::changes::{Changes, Names, id_change};
use crate::attachments;
use crate::payload::Fields;
use crate::reply::{ApiError, FieldErrors, REQUIRED};
use crate::state::{ActorRef, ContactRecord, MessageRecord, NextIds, State, TicketRecord};

/// Most tickets one bulk request may create.
pub const MAX_BULK: usize = 100;

/// Creates one ticket; its number.
pub fn create_ticket(
    state: &mut State,
    fields: &Fields,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    fields.check_types()?;
    let mut errors = FieldErrors::new();
    let category = match errors.take("category", fields.u64("category")).flatten() {
        None if !errors.is_empty() => None,
        None => {
            errors.add("category", REQUIRED);
            None
        }
        Some(id) => match state.category(id) {
            None => {
                errors.add("category", INVALID_CHOICE);
                None
            }
            Some(c) if c.category.public != Some(true) => {
                errors.add(
                    "category",
                    "Tickets can be created only in public categories.",
                );
                None
            }
            Some(_) => Some(id),
        },
    };
    let subject = fields.text("subject");
    if subject.is_none() {
        errors.add("subject", REQUIRED);
    }
    let (text, html) = (fields.text("text"), fields.text("html"));
    if text.is_none() && html.is_none() {
        errors.add("text", "Either text or html is required.");
    }
    let client = errors.take("client", fields.u64("client")).flatten();
    let (name, email) = (fields.text("name"), fields.text("email"));
    match client {
        Some(id) if !state.contacts.contains_key(&id) => errors.add("client", INVALID_CHOICE),
        Some(_) => {}
        None => {
            // "Required for new contacts only": an existing contact is found by email alone.
            let existing = email
                .as_deref()
                .is_some_and(|e| state.contact_by_email(e).is_some());
            if name.is_none() && !existing {
                errors.add("name", REQUIRED);
            }
            match &email {
                None => errors.add("email", REQUIRED),
                Some(e) if !e.contains('@') => errors.add("email", "Enter a valid email address."),
                Some(_) => {}
            }
        }
    }
    let created_at = errors
        .take("created_at", fields.datetime("created_at"))
        .flatten();
    let private = errors
        .take("visible_only_staff", fields.bool("visible_only_staff"))
        .flatten()
        .unwrap_or(false);
    let changes = Changes::read(state, fields, category, &["c-cf-"], &mut errors);
    if let Some(category) = category {
        for def in &state.ticket_custom_fields {
            let in_category = def.categories.iter().any(|c| c.category == category);
            let given = changes
                .ticket_fields
                .iter()
                .any(|(id, v)| *id == def.id && v.is_some());
            if def.required == Some(true) && in_category && !given {
                errors.add(&format!("t-cf-{}", def.id), REQUIRED);
            }
        }
    }
    attachments::check_size(&fields.files, &mut errors);
    errors.into_result()?;
    let (Some(category), Some(subject)) = (category, subject) else {
        return Err(ApiError::field("category", REQUIRED));
    };

    let contact = match client {
        Some(id) => id,
        None => find_or_add_contact(state, name, email, fields.text("phone"), now),
    };
    let created_at = created_at.unwrap_or(now);
    let id = NextIds::take(&mut state.next_ids.ticket);
    let mut update = state.new_update(created_at, ActorRef::Contact(contact));
    update.message = Some(MessageRecord {
        id: NextIds::take(&mut state.next_ids.message),
        text: text
            .clone()
            .unwrap_or_else(|| strip_tags(html.as_deref().unwrap_or_default())),
        html: html.unwrap_or_else(|| MessageRecord::html_of_text(&text.unwrap_or_default())),
        cc: fields.list("cc").join(","),
        bcc: fields.list("bcc").join(","),
        attachments: attachments::store(state, &fields.files),
        ..MessageRecord::default()
    });
    let status = state.default_status();
    let priority = changes.priority.unwrap_or_else(|| state.default_priority());
    let names = Names::of(state);
    update.status_change = Some(id_change(None, Some(status), &names.status));
    update.priority_change = Some(id_change(None, Some(priority), &names.priority));
    let assignee = changes.assignee.flatten();
    if assignee.is_some() {
        update.assignee_change = Some(id_change(None, assignee, &names.staff));
    }
    let due_date = changes.due_date.flatten();
    if due_date.is_some() {
        update.due_date_change = Some(happyfox::DueDateChange {
            old: None,
            new: due_date,
            extra: serde_json::Map::new(),
        });
    }
    for (field, value) in &changes.contact_fields {
        if let Some(record) = state.contacts.get_mut(&contact) {
            match value {
                Some(v) => record.custom_fields.insert(*field, v.clone()),
                None => record.custom_fields.remove(field),
            };
        }
    }
    state.tickets.insert(
        id,
        TicketRecord {
            id,
            category,
            subject,
            status,
            priority,
            contact,
            assignee,
            tags: changes.tags.unwrap_or_default(),
            due_date,
            time_spent: 0,
            visible_only_staff: private,
            source: "TKT_CREATION_API".to_owned(),
            custom_fields: changes
                .ticket_fields
                .into_iter()
                .filter_map(|(id, v)| v.map(|v| (id, v)))
                .collect(),
            subscribers: Vec::new(),
            updates: vec![update],
            created_at,
            last_modified: now,
            last_closed_at: None,
        },
    );
    Ok(id)
}

/// The contact with `email`, or a new one.
fn find_or_add_contact(
    state: &mut State,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    now: DateTime<Utc>,
) -> u64 {
    let email = email.unwrap_or_default();
    if let Some(existing) = state.contact_by_email(&email) {
        return existing.id;
    }
    let id = NextIds::take(&mut state.next_ids.contact);
    let phones = match phone {
        Some(number) => vec![happyfox::Phone {
            id: Some(NextIds::take(&mut state.next_ids.phone)),
            phone_type: Some("m".to_owned()),
            number: Some(number),
            extra: serde_json::Map::new(),
        }],
        None => Vec::new(),
    };
    state.contacts.insert(
        id,
        ContactRecord {
            id,
            name: name.unwrap_or_default(),
            email,
            phones,
            groups: Vec::new(),
            custom_fields: Default::default(),
            created_at: now,
            updated_at: now,
        },
    );
    id
}

/// The text of simple HTML.
fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Creates each payload of a bulk request; one `{success, ...}` item per payload, in order.
pub fn bulk_create(
    state: &mut State,
    items: &[Value],
    now: DateTime<Utc>,
) -> Result<Value, ApiError> {
    if items.len() > MAX_BULK {
        return Err(ApiError::bad_request(format!(
            "A maximum of {MAX_BULK} tickets can be created in one request; got {}.",
            items.len()
        )));
    }
    let results = items
        .iter()
        .map(|item| {
            let outcome = match item {
                Value::Object(map) => create_ticket(state, &Fields::from_map(map.clone()), now),
                _ => Err(ApiError::bad_request("Each item must be a ticket object.")),
            };
            match outcome {
                Ok(id) => {
                    let display = state.tickets.get(&id).map(|t| state.display_id(t));
                    json!({ "success": true, "id": id, "display_id": display })
                }
                Err(error) => json!({ "success": false, "error": error.error_value() }),
            }
        })
        .collect();
    Ok(Value::Array(results))
}
