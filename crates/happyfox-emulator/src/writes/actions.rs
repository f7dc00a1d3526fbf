//! Agent actions on a ticket that answer a message instead of the ticket: subscribe,
//! unsubscribe, forward, move (needs the `move_tickets` permission) and delete (needs
//! `delete_tickets`).

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::changes::{Changes, id_change};
use super::{INVALID_CHOICE, TicketCall, staff_field, staff_name};
use crate::attachments;
use crate::reply::{ApiError, FieldErrors, REQUIRED};
use crate::state::{ActorRef, MessageRecord, NextIds, State};

/// Permission needed to move tickets.
pub const MOVE_PERMISSION: &str = "move_tickets";
/// Permission needed to delete tickets.
pub const DELETE_PERMISSION: &str = "delete_tickets";

/// The field errors collected so far and the acting staff id (`staff_id`), after checking
/// the ticket exists.
fn actor(state: &State, call: TicketCall) -> Result<(FieldErrors, Option<u64>), ApiError> {
    if !state.tickets.contains_key(&call.id) {
        return Err(ApiError::NotFound);
    }
    let mut errors = FieldErrors::new();
    let staff = staff_field(state, call.fields, "staff_id", &mut errors);
    Ok((errors, staff))
}

fn require_permission(state: &State, staff: u64, permission: &str) -> Result<(), ApiError> {
    let allowed = state
        .staff_member(staff)
        .is_some_and(|s| s.permissions.iter().any(|p| p == permission));
    if allowed {
        Ok(())
    } else {
        Err(ApiError::Message(
            StatusCode::FORBIDDEN,
            format!(
                "{} does not have the {permission} permission.",
                staff_name(state, staff)
            ),
        ))
    }
}

/// `subscribe`: adds `staff_id` and every id of `data` as subscribers.
pub fn subscribe(state: &mut State, call: TicketCall) -> Result<Value, ApiError> {
    let TicketCall { id, fields, .. } = call;
    let (mut errors, staff) = actor(state, call)?;
    let mut others = errors.take("data", fields.ids("data")).unwrap_or_default();
    if others.iter().any(|s| state.staff_member(*s).is_none()) {
        errors.add("data", INVALID_CHOICE);
    }
    errors.into_result()?;
    let staff = staff.ok_or_else(|| ApiError::field("staff_id", REQUIRED))?;
    others.insert(0, staff);
    others.dedup();
    let names: Vec<String> = others.iter().map(|s| staff_name(state, *s)).collect();
    if let Some(ticket) = state.tickets.get_mut(&id) {
        for s in others {
            if !ticket.subscribers.contains(&s) {
                ticket.subscribers.push(s);
            }
        }
    }
    Ok(json!({ "message": format!("{}, Subscribers added to ticket", names.join(", ")) }))
}

/// `unsubscribe`: removes `staff_id` from the subscribers.
pub fn unsubscribe(state: &mut State, call: TicketCall) -> Result<Value, ApiError> {
    let id = call.id;
    let (errors, staff) = actor(state, call)?;
    errors.into_result()?;
    let staff = staff.ok_or_else(|| ApiError::field("staff_id", REQUIRED))?;
    if let Some(ticket) = state.tickets.get_mut(&id) {
        ticket.subscribers.retain(|s| *s != staff);
    }
    Ok(json!({ "message": format!("{} unsubscribed", staff_name(state, staff)) }))
}

/// `forward`: records the forwarded email as a message with a `forward_list`.
pub fn forward(state: &mut State, call: TicketCall) -> Result<Value, ApiError> {
    let TicketCall { id, fields, now } = call;
    let (mut errors, staff) = actor(state, call)?;
    let to = fields.list("to");
    if to.is_empty() {
        errors.add("to", REQUIRED);
    }
    for key in ["subject", "message"] {
        if fields.text(key).is_none() {
            errors.add(key, REQUIRED);
        }
    }
    errors.take("ticket_attachments", fields.ids("ticket_attachments"));
    attachments::check_size(&fields.files, &mut errors);
    errors.into_result()?;
    let staff = staff.ok_or_else(|| ApiError::field("staff_id", REQUIRED))?;
    let mut update = state.new_update(now, ActorRef::Staff(staff));
    let text = fields.text("message").unwrap_or_default();
    update.message = Some(MessageRecord {
        id: NextIds::take(&mut state.next_ids.message),
        html: MessageRecord::html_of_text(&text),
        text,
        subject: fields.text("subject").unwrap_or_default(),
        cc: fields.list("cc").join(","),
        bcc: fields.list("bcc").join(","),
        forward_list: Some(to.join(",")),
        attachments: attachments::store(state, &fields.files),
        ..MessageRecord::default()
    });
    let Some(ticket) = state.tickets.get_mut(&id) else {
        return Err(ApiError::NotFound);
    };
    ticket.last_modified = now;
    ticket.updates.push(update);
    let shown = state
        .tickets
        .get(&id)
        .map(|t| state.display_id(t))
        .unwrap_or_default();
    Ok(json!({ "message": format!("Successfully forwarded the ticket {shown}") }))
}

/// `move`: to another existing category, recorded as a `category_change` (with the move
/// note as a private note, and an optional new assignee).
pub fn move_ticket(state: &mut State, call: TicketCall) -> Result<Value, ApiError> {
    let TicketCall { id, fields, now } = call;
    let (mut errors, staff) = actor(state, call)?;
    let target = match errors
        .take("target_category_id", fields.u64("target_category_id"))
        .flatten()
    {
        None => {
            errors.add("target_category_id", REQUIRED);
            None
        }
        Some(c) if state.category(c).is_none() => {
            errors.add("target_category_id", INVALID_CHOICE);
            None
        }
        Some(c) => Some(c),
    };
    let assign_to = errors.take("assign_to", fields.u64("assign_to")).flatten();
    if assign_to.is_some_and(|s| state.staff_member(s).is_none()) {
        errors.add("assign_to", INVALID_CHOICE);
    }
    errors.into_result()?;
    let (Some(staff), Some(target)) = (staff, target) else {
        return Err(ApiError::field("staff_id", REQUIRED));
    };
    require_permission(state, staff, MOVE_PERMISSION)?;
    let old = state
        .tickets
        .get(&id)
        .map(|t| t.category)
        .ok_or(ApiError::NotFound)?;
    if old == target {
        return Err(ApiError::field(
            "target_category_id",
            "The ticket is already in this category.",
        ));
    }
    let category_names: Vec<(u64, String)> = state
        .categories
        .iter()
        .map(|c| {
            (
                c.category.id.get(),
                c.category.name.clone().unwrap_or_default(),
            )
        })
        .collect();
    let mut update = state.new_update(now, ActorRef::Staff(staff));
    update.category_change = Some(id_change(Some(old), Some(target), &category_names));
    if let Some(note) = fields.text("move_note") {
        update.message = Some(MessageRecord {
            id: NextIds::take(&mut state.next_ids.message),
            html: MessageRecord::html_of_text(&note),
            text: note,
            private: true,
            ..MessageRecord::default()
        });
    }
    Changes {
        assignee: assign_to.map(Some),
        ..Changes::default()
    }
    .apply(state, id, &mut update);
    let Some(ticket) = state.tickets.get_mut(&id) else {
        return Err(ApiError::NotFound);
    };
    ticket.category = target;
    ticket.updates.push(update);
    let name = category_names
        .iter()
        .find(|(c, _)| *c == target)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    Ok(json!({ "status_code": 200, "message": format!("moved ticket to {name}") }))
}

/// `delete`: removes the ticket for good.
pub fn delete(state: &mut State, call: TicketCall) -> Result<Value, ApiError> {
    let id = call.id;
    let (errors, staff) = actor(state, call)?;
    errors.into_result()?;
    let staff = staff.ok_or_else(|| ApiError::field("staff_id", REQUIRED))?;
    require_permission(state, staff, DELETE_PERMISSION)?;
    let shown = state
        .tickets
        .get(&id)
        .map(|t| state.display_id(t))
        .unwrap_or_default();
    state.tickets.remove(&id);
    Ok(json!({ "deleted_ticket": shown }))
}
