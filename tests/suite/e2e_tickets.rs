//! End to end, client -> HTTP -> emulator: every ticket endpoint and lookup changes (or
//! reads) the emulated account as documented, checked by reading the ticket back.

use std::time::Duration;

use chrono::NaiveDate;
use happyfox::{
    ActorType, BulkOutcome, ContactReply, CreateTicket, DeleteTicket, Error, FieldValue,
    ForwardTicket, GetTicket, ListContacts, MessageType, MoveTicket, StaffPrivateNote, StaffUpdate,
    Subscribe, Unsubscribe, UpdateCustomFields, UpdateTags, UploadFile,
};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use happyfox_tests::applied::Answered;

fn start() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(30).seed(11)).expect("emulator starts")
}

fn new_ticket(emulator: &EmulatorHandle) -> happyfox::Ticket {
    emulator
        .client()
        .create_ticket(
            &CreateTicket::new(1, "Printer on fire")
                .text("It is smoking")
                .name("Pat Doe")
                .email("pat@example.com"),
        )
        .answered("create")
}

fn fetch(url: &str) -> (u16, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().expect("attachment request");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_vec().expect("attachment body");
    (status, body)
}

/// `ticket` without what depends on when it was read: the `<expires>-<signature>` segment of
/// each attachment URL (`.../attachments/<id>/<expires>-<signature>/<name>`). Tickets from
/// two calls are compared through this, as a second boundary between the calls changes it.
fn as_stored(ticket: &happyfox::Ticket) -> happyfox::Ticket {
    let mut ticket = ticket.clone();
    let messages = ticket.updates.iter_mut().filter_map(|u| u.message.as_mut());
    for file in messages.flat_map(|m| m.attachments.iter_mut()) {
        if let Some(url) = &file.url {
            let parts: Vec<&str> = url.rsplitn(3, '/').collect();
            if let [name, _token, start] = parts[..] {
                file.url = Some(format!("{start}/<expires>-<signature>/{name}"));
            }
        }
    }
    ticket
}

#[test]
fn create_ticket_stores_everything_and_answers_the_full_ticket() {
    let emulator = start();
    let client = emulator.client();
    let created = client
        .create_ticket(
            &CreateTicket::new(1, "Disk full on db-1")
                .text("Alert fired at 03:12")
                .name("Ops Bot")
                .email("ops@example.com")
                .priority(3)
                .assignee(2)
                .tags(["alert", "disk"])
                .due_date(NaiveDate::from_ymd_opt(2030, 1, 31).unwrap())
                .ticket_custom_field(1, FieldValue::Choice(12))
                .ticket_custom_field(2, "ORD-1")
                .ticket_custom_field(3, vec![31, 33])
                .ticket_custom_field(4, 7.5)
                .ticket_custom_field(5, NaiveDate::from_ymd_opt(2024, 5, 6).unwrap())
                .contact_custom_field(1, "Ops Corp"),
        )
        .answered("create");
    assert_eq!(created.subject.as_deref(), Some("Disk full on db-1"));
    let ticket = client
        .get_ticket(created.id, &GetTicket::new())
        .expect("read back");
    assert_eq!(as_stored(&ticket), as_stored(&created));
    assert_eq!(ticket.tags, ["alert", "disk"]);
    assert_eq!(
        ticket.status.as_ref().and_then(|s| s.name.as_deref()),
        Some("New")
    );
    assert_eq!(ticket.priority.as_ref().map(|p| p.id.get()), Some(3));
    assert_eq!(ticket.assigned_to.as_ref().map(|s| s.id.get()), Some(2));
    assert_eq!(ticket.due_date, NaiveDate::from_ymd_opt(2030, 1, 31));
    assert!(ticket.display_id.as_deref().unwrap().starts_with("#SUP"));
    assert_eq!(
        ticket.first_message.as_deref(),
        Some("Alert fired at 03:12")
    );
    let cf = |id: u64| ticket.custom_fields.iter().find(|f| f.id == id).unwrap();
    assert_eq!(cf(1).value, Some(serde_json::json!("Live Chat")));
    assert_eq!(cf(1).value_id, Some(serde_json::json!(12)));
    assert_eq!(cf(3).value_id, Some(serde_json::json!([31, 33])));
    assert_eq!(cf(4).value, Some(serde_json::json!(7.5)));
    assert_eq!(cf(5).value, Some(serde_json::json!("2024-05-06")));
    let user = ticket.user.expect("contact");
    assert_eq!(user.email.as_deref(), Some("ops@example.com"));
    let company = user.custom_fields.iter().find(|f| f.id == 1).unwrap();
    assert_eq!(company.value, Some(serde_json::json!("Ops Corp")));
    let first = &ticket.updates[0];
    assert_eq!(
        first.by.as_ref().unwrap().actor_type,
        Some(ActorType::Contact)
    );
    assert_eq!(
        first.status_change.as_ref().unwrap().new_name.as_deref(),
        Some("New")
    );
    assert_eq!(first.assignee_change.as_ref().unwrap().new, Some(2));
}

#[test]
fn attachments_upload_as_multipart_and_their_urls_expire() {
    let emulator = start();
    let client = emulator.client();
    let ticket = client
        .create_ticket(
            &CreateTicket::new(1, "With files")
                .text("see attached")
                .client(1)
                .tags(["a", "b"])
                .ticket_custom_field(3, vec![31, 32])
                .attach(UploadFile::from_bytes("notes.txt", b"hello file".to_vec()))
                .attach(UploadFile::from_bytes("second.txt", b"two".to_vec())),
        )
        .answered("multipart create");
    assert_eq!(ticket.attachments_count, Some(2));
    assert_eq!(ticket.tags, ["a", "b"]);
    let choices = ticket.custom_fields.iter().find(|f| f.id == 3).unwrap();
    assert_eq!(choices.value_id, Some(serde_json::json!([31, 32])));
    let files = &ticket.updates[0].message.as_ref().unwrap().attachments;
    assert_eq!(files[0].filename.as_deref(), Some("notes.txt"));
    let url = files[0].url.clone().unwrap();
    assert_eq!(fetch(&url), (200, b"hello file".to_vec()));
    assert!(url.ends_with("/notes.txt"), "{url}");
    let tampered = url.replacen("-", "1-", 1);
    assert_eq!(fetch(&tampered).0, 403);
    emulator.advance_clock(Duration::from_secs(5 * 60 + 1));
    assert_eq!(fetch(&url).0, 410);
    let fresh = client.get_ticket(ticket.id, &GetTicket::new()).unwrap();
    let url = fresh.updates[0].message.as_ref().unwrap().attachments[0]
        .url
        .clone()
        .unwrap();
    assert_eq!(fetch(&url).0, 200);
    assert_ne!(fresh, ticket, "the fresh URLs expire later");
    assert_eq!(
        as_stored(&fresh),
        as_stored(&ticket),
        "the multipart create answered the ticket as stored"
    );

    let inline = client
        .upload_inline_attachment(&UploadFile::from_bytes("pixel.png", vec![137, 80, 78, 71]))
        .answered("inline upload");
    assert_eq!(fetch(&inline.url), (200, vec![137, 80, 78, 71]));
}

#[test]
fn bulk_create_answers_one_outcome_per_payload() {
    let emulator = start();
    let client = emulator.client();
    let outcomes = client.create_tickets(&[
        CreateTicket::new(1, "one").text("1").client(1),
        CreateTicket::new(999, "bad category").text("2").client(1),
        CreateTicket::new(4, "three")
            .text("3")
            .name("New Person")
            .email("new@example.com"),
    ]);
    assert_eq!(outcomes.len(), 3);
    let first = outcomes[0].id().expect("created");
    assert!(
        matches!(&outcomes[1], BulkOutcome::Rejected { errors } if errors[0].field.as_deref() == Some("category"))
    );
    let third = outcomes[2].id().expect("created");
    assert_eq!(
        client
            .get_ticket(first, &GetTicket::new())
            .unwrap()
            .subject
            .as_deref(),
        Some("one")
    );
    assert_eq!(third.get(), first.get() + 1);
}

#[test]
fn staff_update_records_every_change_and_unassigns_with_null() {
    let emulator = start();
    let client = emulator.client();
    let ticket = new_ticket(&emulator);
    let updated = client
        .staff_update(
            ticket.id,
            &StaffUpdate::new(1)
                .plaintext("On it")
                .status(2)
                .priority(4)
                .assignee(2)
                .due_date(NaiveDate::from_ymd_opt(2031, 2, 3).unwrap())
                .time_spent(15)
                .tags(["hot"])
                .contact_custom_field(2, FieldValue::Choice(23)),
        )
        .answered("staff update");
    let read = client.get_ticket(ticket.id, &GetTicket::new()).unwrap();
    assert_eq!(as_stored(&updated), as_stored(&read));
    let last = read.updates.last().unwrap();
    assert_eq!(
        last.message.as_ref().unwrap().text.as_deref(),
        Some("On it")
    );
    let status = last.status_change.as_ref().unwrap();
    assert_eq!((status.old, status.new), (Some(1), Some(2)));
    assert_eq!(status.old_name.as_deref(), Some("New"));
    assert_eq!(status.new_name.as_deref(), Some("In Progress"));
    assert_eq!(
        last.priority_change.as_ref().unwrap().new_name.as_deref(),
        Some("Critical")
    );
    assert_eq!(
        last.assignee_change.as_ref().unwrap().new_name.as_deref(),
        Some("Jane Agent")
    );
    assert_eq!(
        last.due_date_change.as_ref().unwrap().new,
        NaiveDate::from_ymd_opt(2031, 2, 3)
    );
    assert_eq!(last.time_spent, Some(15));
    assert_eq!(read.time_spent, Some(15));
    assert_eq!(read.tags, ["hot"]);
    assert_eq!(read.unresponded, Some(false));
    assert!(read.last_staff_reply_at.is_some());
    let plan = read
        .user
        .unwrap()
        .custom_fields
        .into_iter()
        .find(|f| f.id == 2)
        .unwrap();
    assert_eq!(plan.value, Some(serde_json::json!("Enterprise")));

    let unassigned = client
        .staff_update(ticket.id, &StaffUpdate::new(1).unassign())
        .answered("unassign");
    assert_eq!(unassigned.assigned_to, None);
    let change = unassigned
        .updates
        .last()
        .unwrap()
        .assignee_change
        .clone()
        .unwrap();
    assert_eq!((change.old, change.new), (Some(2), None));

    let nothing = client.staff_update(ticket.id, &StaffUpdate::new(1).status(2));
    match nothing {
        Err(Error::Validation {
            status: 400,
            errors,
        }) => {
            assert_eq!(errors[0].messages, ["Nothing to update"]);
        }
        other => panic!("expected Nothing to update, got {other:?}"),
    }
}

#[test]
fn private_notes_replies_custom_fields_and_tags() {
    let emulator = start();
    let client = emulator.client();
    let ticket = new_ticket(&emulator);
    let noted = client
        .staff_private_note(
            ticket.id,
            &StaffPrivateNote::new(2)
                .plaintext("internal only")
                .priority(1),
        )
        .answered("private note");
    let note = noted.updates.last().unwrap();
    assert_eq!(
        note.message.as_ref().unwrap().message_type,
        Some(MessageType::PrivateNote)
    );
    assert_eq!(
        noted.unresponded,
        Some(true),
        "a private note is not a reply"
    );

    let contact = ticket.user.as_ref().unwrap().id;
    let replied = client
        .contact_reply(ticket.id, &ContactReply::new(contact, "any news?"))
        .answered("contact reply");
    let reply = replied.updates.last().unwrap();
    assert_eq!(
        reply.by.as_ref().unwrap().actor_type,
        Some(ActorType::Contact)
    );
    assert!(replied.last_user_reply_at.is_some());

    let edited = client
        .update_custom_fields(
            ticket.id,
            &UpdateCustomFields::new(1).ticket_custom_field(2, "ORD-9"),
        )
        .answered("custom fields");
    assert!(
        edited
            .updates
            .last()
            .unwrap()
            .custom_field_change
            .is_empty(),
        "hidden by default"
    );
    let shown = client
        .get_ticket(ticket.id, &GetTicket::new().show_cf_changes(true))
        .unwrap();
    let change = &shown.updates.last().unwrap().custom_field_change[0];
    assert_eq!(change.id.map(u64::from), Some(2));
    assert_eq!(change.name.as_deref(), Some("Order Number"));
    assert_eq!(change.to, Some(serde_json::json!("ORD-9")));

    client
        .update_tags(ticket.id, &UpdateTags::new(1).add_tags(["x", "y", "z"]))
        .answered("add tags");
    let tagged = client
        .update_tags(ticket.id, &UpdateTags::new(1).remove_tags(["y"]))
        .answered("remove tags");
    assert_eq!(tagged.tags, ["x", "z"]);
}

#[test]
fn subscribe_unsubscribe_forward_move_and_delete() {
    let emulator = start();
    let client = emulator.client();
    let ticket = new_ticket(&emulator);
    let subscribed = client
        .subscribe(ticket.id, &Subscribe::new(1).data([2, 4]))
        .answered("subscribe");
    assert_eq!(
        subscribed.message.as_deref(),
        Some("Admin User, Jane Agent, Priya Sharma, Subscribers added to ticket")
    );
    let ids = |t: &happyfox::Ticket| t.subscribers.iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(&client.get_ticket(ticket.id, &GetTicket::new()).unwrap()),
        [1, 2, 4]
    );
    let gone = client
        .unsubscribe(ticket.id, &Unsubscribe::new(2))
        .answered("unsubscribe");
    assert_eq!(gone.message.as_deref(), Some("Jane Agent unsubscribed"));
    assert_eq!(
        ids(&client.get_ticket(ticket.id, &GetTicket::new()).unwrap()),
        [1, 4]
    );

    let forwarded = client
        .forward_ticket(
            ticket.id,
            &ForwardTicket::new(1, ["a@example.com"], "fwd", "see below"),
        )
        .answered("forward");
    let shown = ticket.display_id.clone().unwrap();
    assert_eq!(
        forwarded.message,
        Some(format!("Successfully forwarded the ticket {shown}"))
    );
    let after = client.get_ticket(ticket.id, &GetTicket::new()).unwrap();
    let message = after.updates.last().unwrap().message.clone().unwrap();
    assert_eq!(
        message.forward_list,
        Some(serde_json::json!("a@example.com"))
    );

    let refused = client.move_ticket(ticket.id, &MoveTicket::new(3, 2));
    assert!(
        matches!(refused, Err(Error::Authentication { status: 403, .. })),
        "{refused:?}"
    );
    let moved = client
        .move_ticket(
            ticket.id,
            &MoveTicket::new(1, 2)
                .move_note("billing issue")
                .assign_to(4),
        )
        .answered("move");
    assert_eq!(moved.message.as_deref(), Some("moved ticket to Billing"));
    assert_eq!(moved.status_code, Some(200));
    let after = client.get_ticket(ticket.id, &GetTicket::new()).unwrap();
    assert_eq!(after.category.as_ref().map(|c| c.id.get()), Some(2));
    assert_eq!(after.assigned_to.as_ref().map(|s| s.id.get()), Some(4));
    let change = after
        .updates
        .last()
        .unwrap()
        .category_change
        .clone()
        .unwrap();
    assert_eq!(
        (change.old_name.as_deref(), change.new_name.as_deref()),
        (Some("Support"), Some("Billing"))
    );

    let refused = client.delete_ticket(ticket.id, &DeleteTicket::new(3));
    assert!(matches!(
        refused,
        Err(Error::Authentication { status: 403, .. })
    ));
    let deleted = client
        .delete_ticket(ticket.id, &DeleteTicket::new(1))
        .answered("delete");
    assert_eq!(deleted.deleted_ticket, after.display_id);
    assert!(matches!(
        client.get_ticket(ticket.id, &GetTicket::new()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn lookups_answer_the_account() {
    let emulator = start();
    let client = emulator.client();
    let categories = client.list_categories().unwrap();
    assert!(categories.iter().any(|c| c.public == Some(false)));
    let statuses = client.list_statuses().unwrap();
    assert!(
        statuses
            .iter()
            .any(|s| s.behavior == Some(happyfox::StatusBehavior::Completed))
    );
    assert_eq!(client.list_priorities().unwrap().len(), 4);
    let staff = client.list_staff().unwrap();
    assert!(
        staff
            .iter()
            .any(|s| !s.permissions.iter().any(|p| p == "move_tickets"))
    );
    let ticket_fields = client.list_ticket_custom_fields().unwrap();
    let kinds: Vec<_> = ticket_fields
        .iter()
        .filter_map(|f| f.field_type.clone())
        .collect();
    for kind in ["text", "number", "choice", "multiple_choice", "date"] {
        assert!(
            kinds.iter().any(|k| k.to_string() == kind),
            "{kind} missing"
        );
    }
    assert!(
        ticket_fields
            .iter()
            .any(|f| f.compulsory_on_completed == Some(true))
    );
    assert_eq!(client.list_contact_custom_fields().unwrap().len(), 5);

    let page = client.list_contacts(&ListContacts::new().size(5)).unwrap();
    assert_eq!(page.data.len(), 5);
    let total = page.total().unwrap();
    assert_eq!(
        client.iter_contacts(&ListContacts::new().size(4)).count() as u64,
        total
    );
    let someone = &page.data[0];
    let by_id = client.get_contact(someone.id).unwrap();
    let by_email = client.get_contact(someone.email.clone().unwrap()).unwrap();
    assert_eq!(by_id, by_email);
    let found = client
        .list_contacts(&ListContacts::new().q(someone.email.clone().unwrap()))
        .unwrap();
    assert_eq!(
        found.data.iter().map(|c| c.id).collect::<Vec<_>>(),
        [someone.id]
    );

    let groups = client.list_contact_groups().unwrap();
    assert_eq!(groups.len(), 3);
    let group = client.get_contact_group(groups[0].id).unwrap();
    assert_eq!(group.name, groups[0].name);
    assert!(matches!(
        client.get_contact_group(99),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn same_seed_same_data_and_fixtures_round_trip() {
    let anchor = chrono::DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z")
        .unwrap()
        .to_utc();
    let a = happyfox_emulator::generate_state(7, 40, anchor);
    assert_eq!(a, happyfox_emulator::generate_state(7, 40, anchor));
    assert_ne!(a, happyfox_emulator::generate_state(8, 40, anchor));

    let emulator = Emulator::start(
        EmulatorConfig::new()
            .tickets(20)
            .seed(5)
            .data_anchor(anchor),
    )
    .unwrap();
    new_ticket(&emulator);
    let path = std::env::temp_dir().join(format!("hf-e2e-fixture-{}.json", std::process::id()));
    emulator.dump(&path).unwrap();
    let reloaded = Emulator::start(EmulatorConfig::new().data(&path)).unwrap();
    assert_eq!(reloaded.snapshot(), emulator.snapshot());
    let ids = |h: &EmulatorHandle| {
        h.client()
            .iter_ticket_ids(&happyfox::ListTickets::new().size(50))
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    };
    assert_eq!(ids(&reloaded), ids(&emulator));
    std::fs::remove_file(path).ok();
}

#[test]
fn urlencoded_form_posts_are_read_like_json() {
    let emulator = start();
    let body = "category=1&subject=From+a+form&text=Posted+as+a+plain+form&name=Form+User\
                &email=form%40example.com&tags=a%2Cb";
    let (status, answer) = happyfox_tests::raw::raw_post(
        &emulator.url(),
        (emulator.api_key(), emulator.auth_code()),
        "/tickets/",
        "application/x-www-form-urlencoded",
        body.as_bytes(),
    );
    assert_eq!(status, 200, "{answer}");
    let id = answer["id"].as_u64().expect("ticket id");
    let ticket = emulator
        .client()
        .get_ticket(id, &GetTicket::new())
        .expect("ticket");
    assert_eq!(ticket.subject.as_deref(), Some("From a form"));
    assert_eq!(ticket.tags, ["a", "b"]);
    assert_eq!(
        ticket.user.and_then(|u| u.email).as_deref(),
        Some("form@example.com")
    );
}
