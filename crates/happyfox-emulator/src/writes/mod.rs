//! State changes of every write endpoint. Each write validates everything first (collecting
//! field errors in the documented shapes) and only then changes the data, so a rejected
//! request leaves no trace.

mod actions;
mod changes;
mod create;
mod replies;

pub use actions::{delete, forward, move_ticket, subscribe, unsubscribe};
pub use changes::{Names, id_change};
pub use create::{bulk_create, create_ticket};
pub use replies::{StaffWriteKind, contact_reply, staff_write, update_custom_fields, update_tags};

use chrono::{DateTime, Utc};

use crate::payload::Fields;
use crate::reply::{FieldErrors, REQUIRED};
use crate::state::State;

/// A write to one existing ticket, as every ticket write and action takes it: the ticket's
/// number, the request's fields and the moment the write is applied at.
#[derive(Debug, Clone, Copy)]
pub struct TicketCall<'a> {
    /// The ticket's number.
    pub id: u64,
    /// The request's fields.
    pub fields: &'a Fields,
    /// When the write is applied.
    pub now: DateTime<Utc>,
}

/// "Select a valid choice."
const INVALID_CHOICE: &str =
    "Select a valid choice. That choice is not one of the available choices.";

/// The staff id in `key`, checked to exist; errors are recorded under `key`.
fn staff_field(state: &State, fields: &Fields, key: &str, errors: &mut FieldErrors) -> Option<u64> {
    match errors.take(key, fields.u64(key))? {
        None => {
            errors.add(key, REQUIRED);
            None
        }
        Some(id) if state.staff_member(id).is_none() => {
            errors.add(key, INVALID_CHOICE);
            None
        }
        Some(id) => Some(id),
    }
}

/// The display name of a staff member.
fn staff_name(state: &State, id: u64) -> String {
    state
        .staff_member(id)
        .and_then(|s| s.name.clone())
        .unwrap_or_else(|| format!("Agent {id}"))
}
