//! Writes that add to a ticket's history: staff updates and private notes (with property
//! changes), contact replies, custom-field edits and tag edits.

use axum::http::StatusCode;

use super::changes::Changes;
use super::{TicketCall, staff_field};
use crate::attachments;
use crate::reply::{ApiError, FieldErrors, REQUIRED};
use crate::state::{ActorRef, MessageRecord, NextIds, State, UpdateRecord};

/// Which staff write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffWriteKind {
    /// `staff_update`: a reply (possibly empty) and property changes.
    Update,
    /// `staff_pvtnote`: a private note (`message_type: "p"`) and property changes.
    PrivateNote,
}

/// `staff_update` / `staff_pvtnote` of ticket `id`.
pub fn staff_write(
    state: &mut State,
    call: TicketCall,
    kind: StaffWriteKind,
) -> Result<(), ApiError> {
    let TicketCall { id, fields, now } = call;
    let ticket = state.tickets.get(&id).ok_or(ApiError::NotFound)?;
    let mut errors = FieldErrors::new();
    let staff = staff_field(state, fields, "staff", &mut errors);
    let changes = Changes::read(
        state,
        fields,
        Some(ticket.category),
        &["ccf-", "c-cf-"],
        &mut errors,
    );
    let last_seen = errors
        .take("last_staff_message", fields.u64("last_staff_message"))
        .flatten();
    attachments::check_size(&fields.files, &mut errors);
    let time_spent_mandatory = state
        .category(ticket.category)
        .is_some_and(|c| c.category.time_spent_mandatory == Some(true));
    if kind == StaffWriteKind::Update && time_spent_mandatory && changes.time_spent.is_none() {
        errors.add("time_spent", REQUIRED);
    }
    errors.into_result()?;
    let staff = staff.ok_or_else(|| ApiError::field("staff", REQUIRED))?;
    if let Some(seen) = last_seen
        && ticket.last_staff_message().is_some_and(|last| last != seen)
    {
        return Err(ApiError::Message(
            StatusCode::CONFLICT,
            "Agent collision: another staff message was added to this ticket since the one given in last_staff_message.".to_owned(),
        ));
    }
    let (text, html) = (fields.text("plaintext"), fields.text("html"));
    let has_message = text.is_some() || html.is_some() || !fields.files.is_empty();
    let changes = changes.effective(state, ticket);
    if !has_message && changes.is_empty() {
        return Err(ApiError::bad_request("Nothing to update"));
    }
    let missing = changes.missing_compulsory(state, ticket);
    if !missing.is_empty() {
        return Err(ApiError::FieldMap(missing));
    }
    let mut update = state.new_update(now, ActorRef::Staff(staff));
    if has_message {
        update.message = Some(MessageRecord {
            id: NextIds::take(&mut state.next_ids.message),
            text: text.clone().unwrap_or_default(),
            html: html.unwrap_or_else(|| {
                text.map(|t| MessageRecord::html_of_text(&t))
                    .unwrap_or_default()
            }),
            subject: fields.text("subject").unwrap_or_default(),
            private: kind == StaffWriteKind::PrivateNote,
            cc: fields.list("cc").join(","),
            bcc: fields.list("bcc").join(","),
            customer_updated: kind == StaffWriteKind::Update
                && fields
                    .bool("update_customer")
                    .ok()
                    .flatten()
                    .unwrap_or(false),
            attachments: attachments::store(state, &fields.files),
            ..MessageRecord::default()
        });
    }
    record(state, id, changes, update);
    Ok(())
}

/// Applies `changes` to ticket `id`, appends `update` (which records them) and marks the
/// ticket modified.
fn record(state: &mut State, id: u64, changes: Changes, mut update: UpdateRecord) {
    changes.apply(state, id, &mut update);
    if let Some(ticket) = state.tickets.get_mut(&id) {
        ticket.last_modified = update.timestamp;
        ticket.updates.push(update);
    }
}

/// `user_reply`: a contact's reply. A completed ticket goes back to the default status.
pub fn contact_reply(state: &mut State, call: TicketCall) -> Result<(), ApiError> {
    let TicketCall { id, fields, now } = call;
    let ticket = state.tickets.get(&id).ok_or(ApiError::NotFound)?;
    let mut errors = FieldErrors::new();
    let user = match errors.take("user", fields.u64("user")).flatten() {
        None => {
            errors.add("user", REQUIRED);
            None
        }
        Some(u) if !state.contacts.contains_key(&u) => {
            errors.add(
                "user",
                "Select a valid choice. That choice is not one of the available choices.",
            );
            None
        }
        Some(u) => Some(u),
    };
    let text = fields.text("text");
    if text.is_none() {
        errors.add("text", REQUIRED);
    }
    attachments::check_size(&fields.files, &mut errors);
    errors.into_result()?;
    let (Some(user), Some(text)) = (user, text) else {
        return Err(ApiError::field("user", REQUIRED));
    };
    let reopen = state
        .is_completed(ticket.status)
        .then(|| state.default_status());
    let mut update = state.new_update(now, ActorRef::Contact(user));
    update.message = Some(MessageRecord {
        id: NextIds::take(&mut state.next_ids.message),
        html: MessageRecord::html_of_text(&text),
        text,
        cc: fields.list("cc").join(","),
        bcc: fields.list("bcc").join(","),
        attachments: attachments::store(state, &fields.files),
        ..MessageRecord::default()
    });
    let changes = Changes {
        status: reopen,
        ..Changes::default()
    };
    record(state, id, changes, update);
    Ok(())
}

/// `update_custom_fields`: ticket custom-field values, recorded as custom-field changes.
pub fn update_custom_fields(state: &mut State, call: TicketCall) -> Result<(), ApiError> {
    let TicketCall { id, fields, now } = call;
    let ticket = state.tickets.get(&id).ok_or(ApiError::NotFound)?;
    let mut errors = FieldErrors::new();
    let staff = staff_field(state, fields, "staff", &mut errors);
    let read = Changes::read(state, fields, Some(ticket.category), &[], &mut errors);
    errors.into_result()?;
    let staff = staff.ok_or_else(|| ApiError::field("staff", REQUIRED))?;
    let changes = Changes {
        ticket_fields: read.ticket_fields,
        ..Changes::default()
    }
    .effective(state, ticket);
    if changes.is_empty() {
        return Err(ApiError::bad_request("Nothing to update"));
    }
    let update = state.new_update(now, ActorRef::Staff(staff));
    record(state, id, changes, update);
    Ok(())
}

/// `update_tags`: adds then removes tags (comma-separated `add` / `remove`).
pub fn update_tags(state: &mut State, call: TicketCall) -> Result<(), ApiError> {
    let TicketCall { id, fields, now } = call;
    if !state.tickets.contains_key(&id) {
        return Err(ApiError::NotFound);
    }
    let mut errors = FieldErrors::new();
    if fields.has("staff_id") {
        staff_field(state, fields, "staff_id", &mut errors);
    }
    errors.into_result()?;
    let (add, remove) = (fields.list("add"), fields.list("remove"));
    let Some(ticket) = state.tickets.get_mut(&id) else {
        return Err(ApiError::NotFound);
    };
    for tag in add {
        if !ticket.tags.contains(&tag) {
            ticket.tags.push(tag);
        }
    }
    ticket.tags.retain(|t| !remove.contains(t));
    ticket.last_modified = now;
    Ok(())
}
