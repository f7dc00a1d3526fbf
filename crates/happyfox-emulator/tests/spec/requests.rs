//! A valid request for every operation of `happyfox::OPERATIONS`: reads built from the
//! table's path template, writes described by the client's own typed method in a dry run
//! (so the body is exactly what the client sends) and sent to the table's path. Ids are
//! those of the emulator's seeded data.

use happyfox::{
    Client, ContactReply, CreateTicket, DeleteTicket, ForwardTicket, MoveTicket, Operation,
    PreparedRequest, StaffPrivateNote, StaffUpdate, Subscribe, Unsubscribe, UpdateCustomFields,
    UpdateTags, UploadFile,
};

use crate::wire::{FILE_BYTES, Wire};

/// The seeded staff member with every permission (move, delete...).
pub const ADMIN: u64 = 1;
/// A seeded contact.
pub const CONTACT: u64 = 1;
/// A seeded contact group.
pub const GROUP: u64 = 1;
/// A seeded public category; [`OTHER_CATEGORY`] is another.
pub const CATEGORY: u64 = 1;
/// A seeded category other than [`CATEGORY`].
pub const OTHER_CATEGORY: u64 = 2;
/// The ticket fields `list_ticket_fields` asks for (those of the reference's example).
pub const FIELDS: [&str; 3] = ["last_staff_reply_at", "id", "last_user_reply_at"];

/// A valid request for `operation`, on `ticket` when it takes one. Panics naming an
/// operation this table does not know yet: add its request here.
pub fn valid(operation: &Operation, preview: &Client, ticket: u64) -> Wire {
    let ticket_text = ticket.to_string();
    let contact_text = CONTACT.to_string();
    let group_text = GROUP.to_string();
    let path = |values: &[&str]| {
        operation.fill(values).unwrap_or_else(|| {
            panic!(
                "{}: {} path parameters, {} values",
                operation.name,
                operation.path_params.len(),
                values.len()
            )
        })
    };
    let write = |prepared: PreparedRequest| Wire::from_prepared(&prepared, path(&[&ticket_text]));
    let fixed: Vec<(&str, &str)> = operation.fixed_query.to_vec();
    match operation.name {
        "list_categories"
        | "list_contacts"
        | "list_contact_groups"
        | "list_ticket_custom_fields"
        | "list_contact_custom_fields"
        | "list_priorities"
        | "list_staff"
        | "list_statuses"
        | "list_tickets"
        | "list_ticket_ids" => Wire::get(path(&[]), &fixed),
        "list_ticket_fields" => Wire::get(path(&[]), &[("fields", &FIELDS.join(","))]),
        "get_contact" => Wire::get(path(&[&contact_text]), &fixed),
        "get_contact_group" => Wire::get(path(&[&group_text]), &fixed),
        "get_ticket" => Wire::get(path(&[&ticket_text]), &fixed),
        "create_ticket" => Wire::from_prepared(
            &dry(preview.create_ticket(&new_ticket(CATEGORY, "Printer offline"))),
            path(&[]),
        ),
        "create_tickets_chunk" => {
            let outcomes =
                preview.create_tickets(&[new_ticket(CATEGORY, "One"), new_ticket(CATEGORY, "Two")]);
            let prepared = match outcomes.first() {
                Some(happyfox::BulkOutcome::RequestFailed { error }) => error.dry_run().cloned(),
                _ => None,
            };
            let prepared = prepared.unwrap_or_else(|| panic!("no dry run: {outcomes:?}"));
            Wire::from_prepared(&prepared, path(&[]))
        }
        "upload_inline_attachment" => Wire::from_prepared(
            &dry(preview.upload_inline_attachment(&file("inline.png"))),
            path(&[]),
        ),
        "staff_update" => write(dry(preview.staff_update(
            ticket,
            &StaffUpdate::new(ADMIN).plaintext("Looking into it."),
        ))),
        "staff_private_note" => write(dry(preview.staff_private_note(
            ticket,
            &StaffPrivateNote::new(ADMIN).plaintext("Checked the logs."),
        ))),
        "contact_reply" => write(dry(
            preview.contact_reply(ticket, &ContactReply::new(CONTACT, "Still broken here."))
        )),
        "update_custom_fields" => write(dry(preview.update_custom_fields(
            ticket,
            &UpdateCustomFields::new(ADMIN).ticket_custom_field(2, "PO-1234"),
        ))),
        "update_tags" => write(dry(
            preview.update_tags(ticket, &UpdateTags::new(ADMIN).add_tags(["checked"]))
        )),
        "subscribe" => write(dry(preview.subscribe(ticket, &Subscribe::new(ADMIN)))),
        "unsubscribe" => write(dry(preview.unsubscribe(ticket, &Unsubscribe::new(ADMIN)))),
        "forward_ticket" => write(dry(preview.forward_ticket(
            ticket,
            &ForwardTicket::new(ADMIN, ["vendor@example.com"], "Fw: printer", "See below."),
        ))),
        "move_ticket" => write(dry(
            preview.move_ticket(ticket, &MoveTicket::new(ADMIN, OTHER_CATEGORY))
        )),
        "delete_ticket" => write(dry(preview.delete_ticket(ticket, &DeleteTicket::new(ADMIN)))),
        other => panic!(
            "operation `{other}` ({} {}) is new: give it a valid request in tests/spec/requests.rs",
            operation.method.as_str(),
            operation.path
        ),
    }
}

/// A ticket to create in `category`, from a new contact.
pub fn new_ticket(category: u64, subject: &str) -> CreateTicket {
    CreateTicket::new(category, subject)
        .text("It stopped at 09:00.")
        .name("Dana Reporter")
        .email("dana@example.com")
}

/// A file of [`FILE_BYTES`].
pub fn file(name: &str) -> UploadFile {
    UploadFile::from_bytes(name, FILE_BYTES)
}

/// The request a dry-run write described.
pub fn dry<T: std::fmt::Debug>(result: happyfox::Result<T>) -> PreparedRequest {
    match result {
        Err(error) => error
            .dry_run()
            .cloned()
            .unwrap_or_else(|| panic!("not a dry run: {error}")),
        Ok(answer) => panic!("a dry run sent the write: {answer:?}"),
    }
}
