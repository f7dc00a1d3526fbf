//! Reads of nested fields of the generated models that exports and triage loops need, so
//! they are not chains of `and_then`.

use crate::generated::enums::MessageType;
use crate::generated::models::{Ticket, Update};

impl Ticket {
    /// The name of the ticket's status (`status.name`), e.g. `New`.
    pub fn status_name(&self) -> Option<&str> {
        self.status
            .as_ref()
            .and_then(|status| status.name.as_deref())
    }

    /// The name of the ticket's priority (`priority.name`), e.g. `High`.
    pub fn priority_name(&self) -> Option<&str> {
        self.priority
            .as_ref()
            .and_then(|priority| priority.name.as_deref())
    }

    /// The name of the ticket's category (`category.name`).
    pub fn category_name(&self) -> Option<&str> {
        self.category
            .as_ref()
            .and_then(|category| category.name.as_deref())
    }

    /// The name of the assigned agent (`assigned_to.name`); `None` when unassigned.
    pub fn assignee_name(&self) -> Option<&str> {
        self.assigned_to
            .as_ref()
            .and_then(|staff| staff.name.as_deref())
    }

    /// The email address of the assigned agent (`assigned_to.email`); `None` when unassigned.
    pub fn assignee_email(&self) -> Option<&str> {
        self.assigned_to
            .as_ref()
            .and_then(|staff| staff.email.as_deref())
    }

    /// The name of the ticket's contact (`user.name`).
    pub fn contact_name(&self) -> Option<&str> {
        self.user
            .as_ref()
            .and_then(|contact| contact.name.as_deref())
    }

    /// The email address of the ticket's contact (`user.email`).
    pub fn contact_email(&self) -> Option<&str> {
        self.user
            .as_ref()
            .and_then(|contact| contact.email.as_deref())
    }
}

impl Update {
    /// Whether this update is a staff private note (not visible to the contact).
    ///
    /// HappyFox marks it on the update's message: `message.message_type` is `"p"`
    /// ([`MessageType::PrivateNote`]) for a private note, as added by
    /// [`Client::staff_private_note`](crate::Client::staff_private_note), and null for a
    /// reply (as in the reference's ticket samples). An update without a message (property
    /// changes only) is no note; nor is a message type this version does not know
    /// ([`MessageType::Unknown`]).
    pub fn is_private_note(&self) -> bool {
        self.message
            .as_ref()
            .is_some_and(|message| message.message_type == Some(MessageType::PrivateNote))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A ticket as the list and detail answers carry one (the reference's sample shape).
    fn sample() -> Ticket {
        serde_json::from_value(json!({
            "id": 7,
            "display_id": "#SUP00000007",
            "status": {"id": 2, "name": "In Progress", "behavior": "pending"},
            "priority": {"id": 3, "name": "High"},
            "category": {"id": 1, "name": "Support"},
            "user": {"id": 12, "name": "Pat Doe", "email": "pat@example.com"},
            "assigned_to": {"id": 2, "name": "Ann Agent", "email": "ann@example.com"},
            "updates": [
                {"message": {"text": "Printer on fire", "message_type": null}, "by": {"type": "user", "id": 12}},
                {"message": {"text": "Toner recalled", "message_type": "p"}, "by": {"type": "staff", "id": 2}},
                {"message": null, "status_change": {"old": 1, "new": 2}},
                {"message": {"text": "?", "message_type": "x"}},
                {"status_change": {"old": 2, "new": 3}}
            ]
        }))
        .expect("sample ticket")
    }

    #[test]
    fn nested_reads_of_a_full_ticket() {
        let ticket = sample();
        assert_eq!(ticket.status_name(), Some("In Progress"));
        assert_eq!(ticket.priority_name(), Some("High"));
        assert_eq!(ticket.category_name(), Some("Support"));
        assert_eq!(ticket.assignee_name(), Some("Ann Agent"));
        assert_eq!(ticket.assignee_email(), Some("ann@example.com"));
        assert_eq!(ticket.contact_name(), Some("Pat Doe"));
        assert_eq!(ticket.contact_email(), Some("pat@example.com"));
    }

    #[test]
    fn absent_or_null_parts_read_as_none() {
        let bare: Ticket = serde_json::from_value(json!({
            "id": 8,
            "assigned_to": null,
            "status": {"id": 1},
            "user": {"id": 3, "email": null}
        }))
        .expect("bare ticket");
        assert_eq!(bare.status_name(), None);
        assert_eq!(bare.priority_name(), None);
        assert_eq!(bare.category_name(), None);
        assert_eq!(bare.assignee_name(), None);
        assert_eq!(bare.assignee_email(), None);
        assert_eq!(bare.contact_name(), None);
        assert_eq!(bare.contact_email(), None);
    }

    #[test]
    fn only_a_message_of_type_p_is_a_private_note() {
        let notes: Vec<bool> = sample()
            .updates
            .iter()
            .map(Update::is_private_note)
            .collect();
        assert_eq!(notes, [false, true, false, false, false]);
    }
}
