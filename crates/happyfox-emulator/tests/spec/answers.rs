//! The emulator's answers have the keys and JSON types of real bodies: for every operation
//! of the spec, its answer is compared with a real HappyFox body of `tests/fixtures/samples/`
//! or an example of the API reference in `tests/fixtures/reference/` (or a part of one).
//! Every fixture file is compared at least once; every difference must be allow-listed with
//! its reason, and an allow-listed difference that no longer occurs fails too.
//!
//! The reference's examples are not all valid JSON as published (markdown bold in a key,
//! trailing commas, an example split over code blocks); the copies in `fixtures/reference/`
//! were fixed by hand (`tests/suite/reference_samples.rs` says how, per file). A fixture that is
//! not valid JSON fails this test naming it: none is skipped.

use std::path::PathBuf;

use happyfox::{OPERATIONS, StaffUpdate};
use happyfox_emulator::EmulatorHandle;
use serde_json::Value;

use crate::requests::{self, ADMIN, CATEGORY, OTHER_CATEGORY, dry, file, new_ticket};
use crate::shape::{Coverage, Shape, differences};
use crate::wire::Wire;

/// What the emulator is asked.
enum Ask {
    /// The operation's valid request (`requests::valid`).
    Valid,
    /// A request of this case's own.
    Custom(fn(&Context) -> Wire),
}

/// One comparison: a real body (or part of one) and the emulator's answer to `operation`.
struct Case {
    /// Below `tests/fixtures/`.
    fixture: &'static str,
    /// A JSON pointer into the fixture ("" for all of it).
    real_at: &'static str,
    /// The operation of `happyfox::OPERATIONS` whose answer is compared.
    operation: &'static str,
    ask: Ask,
    /// The status the emulator must answer.
    status: u16,
    /// A JSON pointer into the answer.
    emulated_at: &'static str,
    coverage: Coverage,
    /// Differences allowed, by `Difference::key`, each with why.
    allowed: &'static [(&'static str, &'static str)],
}

/// A case comparing all of `fixture` with the answer to `operation`'s valid request.
const fn whole(
    fixture: &'static str,
    operation: &'static str,
    allowed: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        fixture,
        real_at: "",
        operation,
        ask: Ask::Valid,
        status: 200,
        emulated_at: "",
        coverage: Coverage::Whole,
        allowed,
    }
}

// Why a key differs, when more than one difference has the same cause.
const AVATAR: &str = "in the spec (Actor.avatar); real bodies show it only on the system actor (reference/ticket_updates_show_cf_changes.json), the emulator sends it (null) on every actor";
const MESSAGE_ID: &str = "in the spec (Message.id: what staff_update's `last_staff_message` takes for its collision check); no real body shows it";
const VALUE_TYPES: &str = "the real bodies hold text fields only; the emulator's seeded number, choice and multiple-choice fields answer a number and a list of choice ids (the spec's FieldValue)";
const CONTACT_FIELD_COMPULSORY: &str = "the emulator renders a contact's custom fields with the ticket fields' `compulsory_on_complete` (false); real contact bodies (KB 1092, the reference's ticket user) leave it out";
const DUE_BY: &str = "real ticket bodies differ among themselves: the create answer (rapid7 sample) has `due_by`, the reference's ticket detail does not; the emulator sends the union";
const UPDATE_KEYS: &str = "the sample's only update is the creation; the real create answer (rapid7 sample) has this key on its update, and the emulator's seeded tickets have later updates";
const CHANGE_OLD: &str = "the sample's only update is the creation, whose changes have no old value; the reference's ticket detail shows `old`/`old_name` on later updates";
const TICKET_KEYS: &str = "absent from this trimmed unit-test sample; present in the real create answer (rapid7) and the reference's ticket detail";
const PAGE_INFO: &str = "the rapid7 unit-test samples have no page_info; the reference's listing examples (ticket_list_fragment, fields_projection) and KB 1092 do, and the emulator always sends it (lib.rs: so pagination works the same for every listing)";
const GROUP_CONTACTS: &str = "in the spec (ContactGroup.contacts: members, when the endpoint lists them); the real body shows groups inside a contact, the emulator lists members in every group";
const CF_IDS: &str = "the keys are custom field ids (`t-cf-<id>`), which differ by account: the reference's account requires field 2, the emulator's seeded data fields 1 and 6";

/// Differences between the reference's full ticket and every answer that is a ticket.
const TICKET_DETAIL: &[(&str, &str)] = &[
    ("adds updates[].by.avatar", AVATAR),
    ("adds updates[].message.id", MESSAGE_ID),
    ("types of custom_fields[].value", VALUE_TYPES),
    ("types of user.custom_fields[].value", VALUE_TYPES),
    (
        "adds user.custom_fields[].compulsory_on_complete",
        CONTACT_FIELD_COMPULSORY,
    ),
    ("adds due_by", DUE_BY),
];

/// Differences between the rapid7 listing sample and the emulator's listing.
const LIST_TICKETS: &[(&str, &str)] = &[
    ("adds page_info", PAGE_INFO),
    ("types of data[].custom_fields[].value", VALUE_TYPES),
    (
        "adds data[].custom_fields[].value_id",
        "this sample's custom fields lack `value_id`; the real create answer (rapid7) and the reference's ticket detail have it",
    ),
    ("adds data[].updates[].by.avatar", AVATAR),
    ("adds data[].updates[].message.id", MESSAGE_ID),
    ("adds data[].updates[].due_date_change.old", CHANGE_OLD),
    ("adds data[].updates[].priority_change.old", CHANGE_OLD),
    ("adds data[].updates[].priority_change.old_name", CHANGE_OLD),
    ("adds data[].updates[].status_change.old", CHANGE_OLD),
    ("adds data[].updates[].status_change.old_name", CHANGE_OLD),
    ("adds data[].updates[].message.forward_list", UPDATE_KEYS),
    ("adds data[].updates[].message.message_type", UPDATE_KEYS),
    ("adds data[].updates[].message.subject", UPDATE_KEYS),
    ("adds data[].updates[].assignee_change", UPDATE_KEYS),
    ("adds data[].updates[].category_change", UPDATE_KEYS),
    ("adds data[].updates[].custom_field_change", UPDATE_KEYS),
    ("adds data[].updates[].satisfaction_survey", UPDATE_KEYS),
    ("adds data[].updates[].time_spent", UPDATE_KEYS),
    ("adds data[].assigned_to", TICKET_KEYS),
    ("adds data[].due_by", TICKET_KEYS),
    ("adds data[].last_staff_reply_at", TICKET_KEYS),
    ("adds data[].merged_to", TICKET_KEYS),
    ("adds data[].time_spent", TICKET_KEYS),
];

/// Differences between a real contact (KB 1092) and the emulator's.
const CONTACT: &[(&str, &str)] = &[(
    "adds custom_fields[].compulsory_on_complete",
    CONTACT_FIELD_COMPULSORY,
)];

const CASES: &[Case] = &[
    // ---- real bodies -------------------------------------------------------------------
    whole("samples/hfox_kb360_categories.json", "list_categories", &[]),
    whole("samples/hfox_kb360_staff.json", "list_staff", &[]),
    whole("samples/hfox_kb360_statuses.json", "list_statuses", &[]),
    whole(
        "samples/hfox_kb1092_users_list.json",
        "list_contacts",
        &[
            ("adds data[].contact_groups[].contacts", GROUP_CONTACTS),
            (
                "adds data[].custom_fields[].compulsory_on_complete",
                CONTACT_FIELD_COMPULSORY,
            ),
        ],
    ),
    Case {
        real_at: "/data/0",
        ..whole(
            "samples/hfox_kb1092_users_list.json",
            "get_contact",
            CONTACT,
        )
    },
    Case {
        real_at: "/data/0/contact_groups",
        ..whole(
            "samples/hfox_kb1092_users_list.json",
            "list_contact_groups",
            &[("adds [].contacts", GROUP_CONTACTS)],
        )
    },
    Case {
        real_at: "/data/0/contact_groups/0",
        ..whole(
            "samples/hfox_kb1092_users_list.json",
            "get_contact_group",
            &[("adds contacts", GROUP_CONTACTS)],
        )
    },
    whole(
        "samples/rapid7_get_ticket_custom_fields.json",
        "list_ticket_custom_fields",
        &[],
    ),
    whole(
        "samples/rapid7_get_contact_custom_fields.json",
        "list_contact_custom_fields",
        &[],
    ),
    whole(
        "samples/rapid7_list_ticket_ids.json",
        "list_ticket_ids",
        &[("adds page_info", PAGE_INFO)],
    ),
    whole(
        "samples/rapid7_list_tickets.json",
        "list_tickets",
        LIST_TICKETS,
    ),
    Case {
        ask: Ask::Custom(create_with_attachments),
        ..whole(
            "samples/rapid7_create_ticket_with_attachments.json",
            "create_ticket",
            &[
                ("adds updates[].by.avatar", AVATAR),
                ("adds updates[].message.id", MESSAGE_ID),
                (
                    "adds last_modified",
                    "this create answer lacks it; the reference's ticket detail and the rapid7 listing have it",
                ),
                (
                    "adds visible_only_staff",
                    "this create answer lacks it; the reference's ticket detail and the rapid7 listing have it",
                ),
            ],
        )
    },
    Case {
        ask: Ask::Custom(create_without_category),
        status: 400,
        ..whole(
            "samples/hfox_kb1039_create_ticket_error_400.json",
            "create_ticket",
            &[],
        )
    },
    // ---- the reference's examples --------------------------------------------------------
    whole("reference/ticket_detail.json", "get_ticket", TICKET_DETAIL),
    whole(
        "reference/ticket_detail.json",
        "staff_update",
        TICKET_DETAIL,
    ),
    whole(
        "reference/ticket_detail.json",
        "staff_private_note",
        TICKET_DETAIL,
    ),
    whole(
        "reference/ticket_detail.json",
        "contact_reply",
        TICKET_DETAIL,
    ),
    whole("reference/ticket_detail.json", "update_tags", TICKET_DETAIL),
    Case {
        real_at: "/priority",
        emulated_at: "/0",
        ..whole("reference/ticket_detail.json", "list_priorities", &[])
    },
    Case {
        coverage: Coverage::Fragment,
        ..whole("reference/attachments_count_ticket.json", "get_ticket", &[])
    },
    Case {
        coverage: Coverage::Fragment,
        ..whole(
            "reference/ticket_updates_show_cf_changes.json",
            "update_custom_fields",
            &[],
        )
    },
    Case {
        coverage: Coverage::Fragment,
        ..whole(
            "reference/ticket_list_fragment.json",
            "list_tickets",
            &[
                (
                    "lacks data[].jira_issue_id",
                    "a JIRA integration's field of the reference's account, not part of the API",
                ),
                (
                    "lacks data[].visible only staff",
                    "a typo of the reference (spaces for underscores): the emulator sends `visible_only_staff`, which the client reads either way",
                ),
            ],
        )
    },
    whole(
        "reference/fields_projection.json",
        "list_ticket_fields",
        &[],
    ),
    Case {
        ask: Ask::Custom(create_with_attachments),
        emulated_at: "/updates/0/message",
        coverage: Coverage::Fragment,
        ..whole("reference/attachment_message.json", "create_ticket", &[])
    },
    Case {
        ask: Ask::Custom(bulk_with_one_invalid),
        ..whole("reference/bulk_create.json", "create_tickets_chunk", &[])
    },
    Case {
        ask: Ask::Custom(create_without_category),
        status: 400,
        ..whole("reference/create_error_list.json", "create_ticket", &[])
    },
    Case {
        ask: Ask::Custom(create_without_required_field),
        status: 400,
        ..whole(
            "reference/create_error_custom_field.json",
            "create_ticket",
            &[],
        )
    },
    Case {
        ask: Ask::Custom(close_without_compulsory_field),
        status: 400,
        ..whole(
            "reference/staff_update_error_map.json",
            "staff_update",
            &[
                ("lacks error.t-cf-2", CF_IDS),
                ("adds error.t-cf-1", CF_IDS),
                ("adds error.t-cf-6", CF_IDS),
            ],
        )
    },
    whole("reference/delete.json", "delete_ticket", &[]),
    whole("reference/forward.json", "forward_ticket", &[]),
    whole(
        "reference/inline_attachment.json",
        "upload_inline_attachment",
        &[],
    ),
    whole("reference/move.json", "move_ticket", &[]),
    whole("reference/subscribe.json", "subscribe", &[]),
    whole("reference/unsubscribe.json", "unsubscribe", &[]),
    whole(
        "reference/ticket_custom_field_choices.json",
        "list_ticket_custom_fields",
        &[],
    ),
    whole(
        "reference/ticket_custom_fields.json",
        "list_ticket_custom_fields",
        &[],
    ),
];

/// A ticket created with tags, a custom field and two attachments (multipart), as in the
/// real sample.
fn create_with_attachments(context: &Context) -> Wire {
    let request = new_ticket(CATEGORY, "New Ticket 3")
        .tags(["tag1", "tag2"])
        .ticket_custom_field(2, "test value")
        .attach(file("a.txt"))
        .attach(file("b.txt"));
    Wire::from_prepared(
        &dry(context.preview.create_ticket(&request)),
        "/tickets/".into(),
    )
}

/// A ticket create without its category: the validation error.
fn create_without_category(context: &Context) -> Wire {
    let request = new_ticket(CATEGORY, "No category");
    Wire::from_prepared(
        &dry(context.preview.create_ticket(&request)),
        "/tickets/".into(),
    )
    .without("category")
}

/// A ticket create in a category with a required custom field, without it.
fn create_without_required_field(context: &Context) -> Wire {
    let request = new_ticket(OTHER_CATEGORY, "Invoice question");
    Wire::from_prepared(
        &dry(context.preview.create_ticket(&request)),
        "/tickets/".into(),
    )
}

/// A bulk create of two tickets, the second without its category.
fn bulk_with_one_invalid(context: &Context) -> Wire {
    let outcomes = context
        .preview
        .create_tickets(&[new_ticket(CATEGORY, "One"), new_ticket(CATEGORY, "Two")]);
    let prepared = match outcomes.first() {
        Some(happyfox::BulkOutcome::RequestFailed { error }) => error.dry_run().cloned(),
        _ => None,
    };
    let mut wire = Wire::from_prepared(
        &prepared.unwrap_or_else(|| panic!("no dry run: {outcomes:?}")),
        "/tickets/".into(),
    );
    match &mut wire.body {
        happyfox::PreparedBody::Json(Value::Array(items)) => {
            items[1].as_object_mut().map(|item| item.remove("category"));
        }
        other => panic!("not a list: {other:?}"),
    }
    wire
}

/// Closing a new ticket (no custom field set) whose category has a field compulsory on
/// completion.
fn close_without_compulsory_field(context: &Context) -> Wire {
    let created = context
        .emulator
        .client()
        .create_ticket(&new_ticket(CATEGORY, "To close"))
        .expect("created");
    let ticket = created.as_answer().expect("the ticket").id;
    let closed = context.emulator.client().lookups().expect("lookups");
    let closed = closed.status("Closed").expect("a Closed status");
    let path = format!("/ticket/{ticket}/staff_update/");
    Wire::from_prepared(
        &dry(context
            .preview
            .staff_update(ticket, &StaffUpdate::new(ADMIN).status(closed))),
        path,
    )
}

/// The emulator and a fresh seeded ticket per request.
struct Context {
    emulator: EmulatorHandle,
    preview: happyfox::Client,
    next_ticket: std::cell::Cell<u64>,
}

impl Context {
    fn ticket(&self) -> u64 {
        let ticket = self.next_ticket.get();
        self.next_ticket.set(ticket + 1);
        ticket
    }
}

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!("{name} is not valid JSON ({e}): fix the copy by hand and say how")
    })
}

fn at<'a>(value: &'a Value, pointer: &str, what: &str) -> &'a Value {
    value
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{what} has nothing at `{pointer}`: {value}"))
}

#[test]
fn answers_have_the_keys_and_types_of_real_bodies() {
    let emulator = crate::start();
    let context = Context {
        preview: crate::preview(&emulator),
        emulator,
        next_ticket: std::cell::Cell::new(1),
    };
    let mut failures = Vec::new();
    let mut found_by_fixture = std::collections::BTreeSet::new();
    for case in CASES {
        let operation = OPERATIONS
            .iter()
            .find(|op| op.name == case.operation)
            .unwrap_or_else(|| panic!("{}: no operation `{}`", case.fixture, case.operation));
        let real = fixture(case.fixture);
        let real = at(&real, case.real_at, case.fixture);
        let wire = match case.ask {
            Ask::Valid => requests::valid(operation, &context.preview, context.ticket()),
            Ask::Custom(build) => build(&context),
        };
        let answer = wire.send(&context.emulator);
        let name = format!("{} vs {}{}", case.operation, case.fixture, case.real_at);
        if answer.status != case.status {
            failures.push(format!(
                "{name}: HTTP {} (expected {}): {}",
                answer.status, case.status, answer.body
            ));
            continue;
        }
        let emulated = at(&answer.body, case.emulated_at, &name);
        let found = differences(&Shape::of(real), &Shape::of(emulated), case.coverage);
        for difference in &found {
            if !case.allowed.iter().any(|(key, _)| *key == difference.key()) {
                failures.push(format!("{name}: {difference}"));
            }
        }
        found_by_fixture.extend(found.iter().map(|d| (case.fixture, d.key())));
    }
    // An allowed difference no case of its fixture shows any more is stale.
    for case in CASES {
        for (key, _) in case.allowed {
            if !found_by_fixture.contains(&(case.fixture, (*key).to_owned())) {
                failures.push(format!(
                    "{} vs {}: allowed `{key}` no longer differs: drop it",
                    case.operation, case.fixture
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences from real bodies:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every fixture file is compared, and every operation of the spec has a comparison.
#[test]
fn every_fixture_and_every_operation_is_compared() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    for dir in ["samples", "reference"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixtures") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".json") {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    let uncompared: Vec<&String> = files
        .iter()
        .filter(|f| !CASES.iter().any(|c| c.fixture == f.as_str()))
        .collect();
    assert!(
        uncompared.is_empty(),
        "fixtures compared with nothing: {uncompared:?}"
    );
    let unmatched: Vec<&str> = OPERATIONS
        .iter()
        .map(|op| op.name)
        .filter(|name| !CASES.iter().any(|c| c.operation == *name))
        .collect();
    assert!(
        unmatched.is_empty(),
        "operations whose answer is compared with nothing: {unmatched:?}"
    );
}
