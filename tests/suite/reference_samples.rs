//! Every response example of the tickets reference and every real sample body parses into
//! its model.
//!
//! Both live inside this crate, so a fresh clone runs these tests as is. Reference examples
//! are in `fixtures/reference/`; the ones that are not valid JSON in the reference were fixed
//! by hand, and each test's doc says which quirk it had. Real sample bodies are verbatim
//! copies in `fixtures/samples/`, and `fixtures/samples/SOURCES` says where each came from.

use std::path::PathBuf;

use happyfox::codec::{ListBody, field_errors};
use happyfox::{
    ActorType, BulkCreateItem, Category, ContactCustomField, CustomFieldType, DeletedTicket,
    InlineAttachment, Message, MessageResponse, MessageType, Page, PartialTicket, Staff, Status,
    StatusBehavior, Ticket, TicketCustomField,
};
use serde::de::DeserializeOwned;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/reference")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sample(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/samples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decodes with the client's own decoder, so a failure names the JSON path.
fn parse<T: DeserializeOwned>(text: &str) -> T {
    happyfox::codec::decode(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn list<T: DeserializeOwned>(text: &str) -> Vec<T> {
    parse::<ListBody<T>>(text).into_vec()
}

// ---- reference examples ---------------------------------------------------------------

/// Quirks fixed by hand: `"id**": 2**` in `status` (markdown bold leaked into the key and
/// value), a trailing comma after `priority`, the example split over four code blocks, an
/// attachment URL with ` (https://...)` appended and a broken line, `"html": "\n\n"` split
/// over lines, a trailing comma in `permissions`.
#[test]
fn ticket_detail_example() {
    let ticket: Ticket = parse(&fixture("ticket_detail.json"));
    assert_eq!(ticket.id, 3);
    assert_eq!(ticket.display_id.as_deref(), Some("#DC00000003"));
    assert_eq!(ticket.status.as_ref().map(|s| s.id.get()), Some(2));
    assert_eq!(
        ticket.status.as_ref().and_then(|s| s.behavior.clone()),
        Some(StatusBehavior::Pending)
    );
    assert_eq!(ticket.tags, ["test"]);
    assert_eq!(
        ticket.due_date.map(|d| d.to_string()).as_deref(),
        Some("2019-08-16")
    );
    assert_eq!(
        ticket.created_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2019-08-13T08:59:11+00:00")
    );
    let update = &ticket.updates[0];
    assert_eq!(
        update.by.as_ref().and_then(|b| b.actor_type.clone()),
        Some(ActorType::Staff)
    );
    assert_eq!(update.status_change.as_ref().and_then(|c| c.old), Some(1));
    assert_eq!(
        update
            .priority_change
            .as_ref()
            .and_then(|c| c.new_name.as_deref()),
        Some("High")
    );
    let message = update.message.as_ref().expect("message");
    assert_eq!(message.attachments[0].id, 22);
    assert_eq!(message.message_type, None);
    assert_eq!(ticket.user.as_ref().map(|u| u.custom_fields.len()), Some(1));
    assert_eq!(
        ticket.assigned_to.as_ref().map(|s| s.permissions.len()),
        Some(2)
    );
    assert_eq!(
        ticket.custom_fields[0].field_type,
        Some(CustomFieldType::Text)
    );
}

/// Quirks fixed by hand: the example is a fragment with editor line numbers (`214 ...`);
/// the surrounding ticket was reduced to its `id`.
#[test]
fn show_cf_changes_example() {
    let ticket: Ticket = parse(&fixture("ticket_updates_show_cf_changes.json"));
    let changes = &ticket.updates[0].custom_field_change;
    assert_eq!(changes.len(), 3);
    assert_eq!(
        changes[0].id.map(u64::from),
        Some(9),
        "ids arrive as strings"
    );
    assert_eq!(changes[2].to, Some(serde_json::json!("Chennai")));
    assert_eq!(
        ticket.updates[0]
            .by
            .as_ref()
            .and_then(|b| b.actor_type.clone()),
        None
    );
}

/// Quirks fixed by hand: the "Ticket number"/"Ticket ID" fragments carry line numbers and
/// escaped quotes; `page_info` was added. Kept on purpose: the `visible only staff` key with
/// spaces, and `last_user_reply_at` without seconds.
#[test]
fn ticket_list_fragment_example() {
    let page: Page<Ticket> = parse(&fixture("ticket_list_fragment.json"));
    let ticket = &page.data[0];
    assert_eq!(ticket.id, 307);
    assert_eq!(
        ticket.status.as_ref().and_then(|s| s.behavior.clone()),
        Some(StatusBehavior::Completed)
    );
    assert!(ticket.tags.is_empty());
    assert!(
        ticket.last_user_reply_at.is_some(),
        "a timestamp without seconds still parses"
    );
    assert!(
        ticket.extra.contains_key("jira_issue_id"),
        "unknown fields are kept"
    );
    assert_eq!(page.total(), Some(307));
}

/// Valid JSON in the reference (the second error object was glued to the first; split).
#[test]
fn create_error_examples() {
    for name in ["create_error_list.json", "create_error_custom_field.json"] {
        let errors = field_errors(fixture(name).as_bytes()).expect("error shape");
        assert_eq!(errors.len(), 1, "{name}");
        assert!(errors[0].field.is_some(), "{name}");
    }
    let errors =
        field_errors(fixture("staff_update_error_map.json").as_bytes()).expect("map shape");
    assert_eq!(errors[0].field.as_deref(), Some("t-cf-2"));
}

#[test]
fn bulk_create_example() {
    let items: Vec<BulkCreateItem> = parse(&fixture("bulk_create.json"));
    assert!(items[0].success && items[0].id.map(u64::from) == Some(11));
    assert!(!items[1].success && items[1].error.is_some());
}

#[test]
fn inline_attachment_example() {
    let upload: InlineAttachment = parse(&fixture("inline_attachment.json"));
    assert!(upload.url.ends_with("/2091/"));
}

/// Quirk fixed by hand: the URL was broken over three lines.
#[test]
fn attachment_url_example() {
    let message: Message = parse(&fixture("attachment_message.json"));
    assert_eq!(
        message.attachments[0].filename.as_deref(),
        Some("home-2741413_1280 (1).png")
    );
}

/// Quirk fixed by hand: `...` placeholders removed; `id` added (the reference elides it).
#[test]
fn attachments_count_example() {
    let ticket: Ticket = parse(&fixture("attachments_count_ticket.json"));
    assert_eq!(ticket.attachments_count, Some(1));
}

#[test]
fn message_answers() {
    for name in [
        "subscribe.json",
        "unsubscribe.json",
        "forward.json",
        "move.json",
    ] {
        let answer: MessageResponse = parse(&fixture(name));
        assert!(answer.message.is_some(), "{name}");
    }
    let moved: MessageResponse = parse(&fixture("move.json"));
    assert_eq!(moved.status_code, Some(200));
    let deleted: DeletedTicket = parse(&fixture("delete.json"));
    assert_eq!(deleted.deleted_ticket.as_deref(), Some("#DC00000005"));
}

/// The first block is valid JSON; the second ("City" with choices) was a fragment
/// completed by hand.
#[test]
fn ticket_custom_fields_examples() {
    let fields: Vec<TicketCustomField> = list(&fixture("ticket_custom_fields.json"));
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].compulsory_on_completed, Some(true));
    let choices: Vec<TicketCustomField> = list(&fixture("ticket_custom_field_choices.json"));
    assert_eq!(choices[0].field_type, Some(CustomFieldType::Choice));
    assert_eq!(choices[0].choices.len(), 7);
}

/// Quirk fixed by hand: the trailing `...` lines were removed.
#[test]
fn fields_projection_example() {
    let page: Page<PartialTicket> = parse(&fixture("fields_projection.json"));
    assert_eq!(page.data.len(), 3);
    assert_eq!(page.data[0].id.map(u64::from), Some(5392));
    assert_eq!(page.data[0].subject, None);
    assert_eq!(page.total(), Some(440));
}

// ---- real samples -----------------------------------------------------------------------

#[test]
fn sample_ticket_with_attachments() {
    let ticket: Ticket = parse(&sample("rapid7_create_ticket_with_attachments.json"));
    assert_eq!(ticket.id, 55);
    assert_eq!(ticket.tags, ["tag1", "tag2"]);
    assert_eq!(
        ticket.updates[0]
            .message
            .as_ref()
            .map(|m| m.attachments.len()),
        Some(2)
    );
    assert_eq!(
        ticket.updates[0]
            .by
            .as_ref()
            .and_then(|b| b.actor_type.clone()),
        Some(ActorType::Contact)
    );
    assert!(
        ticket.extra.is_empty(),
        "every field of a real ticket is modelled: {:?}",
        ticket.extra.keys()
    );
}

#[test]
fn sample_ticket_list() {
    let page: Page<Ticket> = parse(&sample("rapid7_list_tickets.json"));
    let ticket = &page.data[0];
    assert!(page.page_info.is_none());
    assert_eq!(
        ticket.custom_fields[1].value, None,
        "a custom field without `value`"
    );
    let change = ticket.updates[0]
        .priority_change
        .as_ref()
        .expect("priority change");
    assert_eq!(
        (change.old, change.new),
        (None, Some(4)),
        "a priority_change without `old`"
    );
}

#[test]
fn sample_ticket_ids() {
    let page: Page<u64> = parse(&sample("rapid7_list_ticket_ids.json"));
    assert_eq!(page.data, [1, 2, 3]);
}

#[test]
fn sample_custom_field_lists() {
    let ticket_fields: Vec<TicketCustomField> =
        list(&sample("rapid7_get_ticket_custom_fields.json"));
    assert_eq!(
        ticket_fields.iter().map(|f| f.id).collect::<Vec<_>>(),
        [1, 2, 5]
    );
    let contact_fields: Vec<ContactCustomField> =
        list(&sample("rapid7_get_contact_custom_fields.json"));
    assert_eq!(contact_fields[0].order, Some(1));
}

#[test]
fn sample_lookups() {
    let categories: Vec<Category> = list(&sample("hfox_kb360_categories.json"));
    assert_eq!(categories.len(), 2);
    let staff: Vec<Staff> = list(&sample("hfox_kb360_staff.json"));
    assert_eq!(staff[0].permissions.len(), 139);
    let statuses: Vec<Status> = list(&sample("hfox_kb360_statuses.json"));
    assert_eq!(statuses.len(), 5);
    assert_eq!(statuses[2].behavior, Some(StatusBehavior::Completed));
}

#[test]
fn sample_contacts_page() {
    let page: Page<happyfox::Contact> = parse(&sample("hfox_kb1092_users_list.json"));
    assert_eq!(page.total(), Some(62));
    assert_eq!(
        page.data[0].contact_groups[0].name.as_deref(),
        Some("sample 21")
    );
    assert_eq!(page.data[0].created_at, None);
}

#[test]
fn sample_create_error() {
    let errors = field_errors(sample("hfox_kb1039_create_ticket_error_400.json").as_bytes())
        .expect("error shape");
    assert_eq!(errors[0].field.as_deref(), Some("category"));
}

#[test]
fn private_note_message_type() {
    let message: Message = parse(r#"{"message_type": "p", "text": "internal"}"#);
    assert_eq!(message.message_type, Some(MessageType::PrivateNote));
}

// ---- the fixtures are self-contained ------------------------------------------------------

/// Every sample body is named in `SOURCES`, and every name there is a file.
#[test]
fn every_sample_has_a_source() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples");
    let sources = sample("SOURCES");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").file_name())
        .filter_map(|name| name.to_str().map(str::to_owned))
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 10, "{files:?}");
    for file in &files {
        assert!(sources.contains(file.as_str()), "{file} is not in SOURCES");
    }
    let named = sources
        .split_whitespace()
        .filter(|word| word.ends_with(".json") && !word.contains('/'));
    for name in named {
        assert!(
            dir.join(name).is_file(),
            "SOURCES names {name}, which is missing"
        );
    }
}

/// No source, build or doc file of the repository reaches outside it: a user's clone has
/// no reference directory next to it. (The needles are built at run time so that this file
/// does not match itself.)
#[test]
fn nothing_reads_outside_the_repository() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives one level below the workspace root")
        .to_path_buf();
    let needles = [
        ["..", "shared"].join("/"),
        ["", "work", ""].join("/"),
        ["shared", "reference"].join("/"),
    ];
    let mut stack: Vec<PathBuf> = ["crates", "tests", "xtask", "spec", ".ci", "README.md"]
        .iter()
        .map(|name| root.join(name))
        .collect();
    let mut offenders = Vec::new();
    let mut checked = 0;
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            let entries =
                std::fs::read_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            stack.extend(entries.map(|entry| entry.expect("directory entry").path()));
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not text
        };
        checked += 1;
        for needle in &needles {
            if text.contains(needle.as_str()) {
                offenders.push(format!("{} contains {needle:?}", path.display()));
            }
        }
    }
    assert!(checked > 50, "only {checked} files were checked");
    assert!(offenders.is_empty(), "{offenders:#?}");
}
