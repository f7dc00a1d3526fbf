//! End to end: every decision the emulator takes where the reference is silent (listed in
//! `happyfox_emulator`'s crate docs) that no other test covers, one test each, and ticket
//! create for an existing contact by email alone.

use std::time::{Duration, Instant};

use happyfox::{
    ContactReply, CreateTicket, Error, FieldValue, GetTicket, ListContacts, ListTickets,
    StaffPrivateNote, StaffUpdate, UpdateTags, UploadFile,
};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, RateLimit};
use happyfox_tests::applied::Answered;
use serde_json::json;

fn start() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(10).seed(4)).expect("emulator starts")
}

fn with_faults(faults: FaultConfig) -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(5).seed(4).faults(faults))
        .expect("emulator starts")
}

/// A GET without the client: status, `Retry-After` and body.
fn raw_get(emulator: &EmulatorHandle, path_and_query: &str) -> (u16, Option<String>, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let auth = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("{}:{}", emulator.api_key(), emulator.auth_code()),
    );
    let mut response = agent
        .get(format!("{}/api/1.1/json{path_and_query}", emulator.url()))
        .header("Authorization", &format!("Basic {auth}"))
        .call()
        .expect("request");
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().expect("body");
    (status, retry_after, body)
}

/// An attachment download (no auth): status and body.
fn download(url: &str) -> (u16, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().expect("download");
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_vec().expect("body"))
}

fn new_ticket(emulator: &EmulatorHandle, tags: &[&str]) -> happyfox::Ticket {
    emulator
        .client()
        .create_ticket(
            &CreateTicket::new(1, "Printer on fire")
                .text("It is smoking")
                .client(1)
                .tags(tags.iter().copied()),
        )
        .answered("create")
}

// ---- ticket create for an existing contact ----------------------------------------------

#[test]
fn create_with_the_email_of_an_existing_contact_needs_no_name() {
    let emulator = start();
    let client = emulator.client();
    let someone = client
        .list_contacts(&ListContacts::new().size(1))
        .expect("contacts")
        .data
        .remove(0);
    let email = someone.email.clone().expect("an email");
    let contacts_before = emulator.snapshot().contacts.len();

    let ticket = client
        .create_ticket(
            &CreateTicket::new(1, "By email alone")
                .text("hi")
                .email(email.to_uppercase()),
        )
        .answered("create by email alone");
    let user = ticket.user.expect("the ticket's contact");
    assert_eq!(user.id, someone.id, "filed under the existing contact");
    assert_eq!(user.email.as_deref(), Some(email.as_str()));
    let renamed = client
        .create_ticket(
            &CreateTicket::new(1, "With another name")
                .text("hi")
                .name("Somebody Else")
                .email(&email),
        )
        .answered("create with a name");
    let user = renamed.user.expect("the ticket's contact");
    assert_eq!(
        (user.id, user.name),
        (someone.id, someone.name),
        "the existing contact is not renamed"
    );
    assert_eq!(emulator.snapshot().contacts.len(), contacts_before);

    let unknown = client.create_ticket(
        &CreateTicket::new(1, "New person")
            .text("hi")
            .email("nobody-yet@example.com"),
    );
    match unknown {
        Err(Error::Validation {
            status: 400,
            errors,
        }) => {
            let fields: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
            assert_eq!(fields, ["name"], "a new contact still needs a name");
            assert_eq!(errors[0].messages, ["This field is required."]);
        }
        other => panic!("expected a 400 naming `name`, got {other:?}"),
    }
    assert_eq!(emulator.snapshot().contacts.len(), contacts_before);
}

// ---- listing ------------------------------------------------------------------------------

#[test]
fn size_and_page_must_be_whole_numbers_from_1() {
    let emulator = start();
    for query in ["size=0", "page=0", "size=ten", "page=-1"] {
        let (status, _, body) = raw_get(&emulator, &format!("/tickets/?{query}"));
        assert_eq!(status, 400, "{query}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).expect("json");
        let message = body["error"].as_str().expect("{\"error\": \"...\"}");
        assert!(message.contains("at least 1"), "{query}: {message}");
    }
}

#[test]
fn fields_answers_keep_page_info() {
    let emulator = start();
    let page = emulator
        .client()
        .list_ticket_fields(&ListTickets::new().size(3).page(2), ["id"])
        .expect("fields");
    let info = page.page_info.expect("page_info");
    assert_eq!(
        (
            info.count,
            info.last_index,
            info.page_count,
            info.start_index
        ),
        (Some(3), Some(10), Some(4), Some(4))
    );
    assert!(
        page.data
            .iter()
            .all(|t| t.id.is_some() && t.subject.is_none())
    );
}

#[test]
fn an_unknown_sort_answers_400_with_an_error_message() {
    let emulator = start();
    let (status, _, body) = raw_get(&emulator, "/tickets/?sort=sideways");
    assert_eq!(status, 400);
    let body: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|m| m.contains("sideways")),
        "{body}"
    );
}

// ---- writes ---------------------------------------------------------------------------------

#[test]
fn staff_writes_replace_the_tag_list_and_update_tags_adds() {
    let emulator = start();
    let client = emulator.client();
    let ticket = new_ticket(&emulator, &["a", "b"]);
    assert_eq!(ticket.tags, ["a", "b"]);
    let updated = client
        .staff_update(ticket.id, &StaffUpdate::new(1).tags(["c"]))
        .answered("staff update");
    assert_eq!(updated.tags, ["c"], "staff_update replaces");
    let noted = client
        .staff_private_note(
            ticket.id,
            &StaffPrivateNote::new(1).plaintext("n").tags(["d", "e"]),
        )
        .answered("private note");
    assert_eq!(noted.tags, ["d", "e"], "staff_pvtnote replaces");
    let added = client
        .update_tags(ticket.id, &UpdateTags::new(1).add_tags(["f"]))
        .answered("update tags");
    assert_eq!(added.tags, ["d", "e", "f"], "update_tags adds");
}

#[test]
fn a_contact_reply_reopens_a_completed_ticket() {
    let emulator = start();
    let client = emulator.client();
    let default = client
        .list_statuses()
        .expect("statuses")
        .into_iter()
        .find(|s| s.default == Some(true))
        .expect("a default status");
    let ticket = new_ticket(&emulator, &[]);
    let closed = client
        .staff_update(
            ticket.id,
            &StaffUpdate::new(1)
                .status(4)
                .ticket_custom_field(1, FieldValue::Choice(11))
                .ticket_custom_field(6, "User error"),
        )
        .answered("close");
    assert_eq!(closed.status.as_ref().map(|s| s.id.get()), Some(4));
    let contact = closed.user.as_ref().expect("contact").id;
    let reopened = client
        .contact_reply(ticket.id, &ContactReply::new(contact, "Still broken"))
        .answered("contact reply");
    assert_eq!(reopened.status.as_ref().map(|s| s.id), Some(default.id));
    let change = reopened
        .updates
        .last()
        .and_then(|u| u.status_change.clone())
        .expect("the reply records the status change");
    assert_eq!((change.old, change.new), (Some(4), Some(default.id.get())));
}

#[test]
fn staff_writes_read_contact_custom_fields_under_both_spellings() {
    let emulator = start();
    let client = emulator.client();
    let ticket = new_ticket(&emulator, &[]);
    let plan = |t: &happyfox::Ticket| {
        t.user
            .as_ref()
            .and_then(|u| u.custom_fields.iter().find(|f| f.id == 2))
            .and_then(|f| f.value.clone())
    };
    let read_plan = || {
        let read = client
            .get_ticket(ticket.id, &GetTicket::new())
            .expect("read back");
        plan(&read)
    };
    // A staff update sent without the client, answered 200.
    let raw_update = |body: &[u8]| {
        let (status, answer) = happyfox_tests::raw::raw_post(
            &emulator.url(),
            (emulator.api_key(), emulator.auth_code()),
            &format!("/ticket/{}/staff_update/", ticket.id),
            "application/json",
            body,
        );
        assert_eq!(status, 200, "{answer}");
    };
    // Sends a `$request` (`StaffPrivateNote` or `StaffUpdate`: the same setters on two types)
    // with `$send`, with the contact's plan (custom field 2) set to option `$option`.
    macro_rules! set_plan {
        ($send:ident($request:ident), $text:expr, $option:expr) => {
            client
                .$send(
                    ticket.id,
                    &$request::new(1)
                        .plaintext($text)
                        .contact_custom_field(2, FieldValue::Choice($option)),
                )
                .answered(stringify!($send))
        };
    }
    // The client sends `ccf-<id>`, as the tables name it.
    let noted = set_plan!(staff_private_note(StaffPrivateNote), "upgraded", 23);
    assert_eq!(plan(&noted), Some(json!("Enterprise")));
    let updated = set_plan!(staff_update(StaffUpdate), "downgraded", 22);
    assert_eq!(plan(&updated), Some(json!("Pro")));
    assert_eq!(read_plan(), Some(json!("Pro")));
    // The staff-update example's `c-cf-<id>` is read too.
    raw_update(
        json!({"staff": 1, "plaintext": "again", "c-cf-2": 23})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(read_plan(), Some(json!("Enterprise")));
    // Both spellings for one field: the first in the body wins.
    raw_update(br#"{"staff": 1, "plaintext": "both", "ccf-2": 22, "c-cf-2": 21}"#);
    assert_eq!(read_plan(), Some(json!("Pro")));
}

// ---- faults ---------------------------------------------------------------------------------

/// A ticket with one small attachment, `notes.txt` holding `hello`.
fn with_a_file() -> CreateTicket {
    CreateTicket::new(1, "With a file")
        .text("see attached")
        .client(1)
        .attach(UploadFile::from_bytes("notes.txt", b"hello".to_vec()))
}

/// The download URL of the attachment of a ticket made from [`with_a_file`].
fn attachment_url(ticket: &happyfox::Ticket) -> String {
    ticket.updates[0]
        .message
        .as_ref()
        .and_then(|m| m.attachments.first())
        .and_then(|a| a.url.clone())
        .expect("an attachment URL")
}

#[test]
fn latency_and_rate_limits_hold_api_requests_but_not_downloads() {
    let latency = Duration::from_millis(1500);
    let emulator = with_faults(FaultConfig {
        latency,
        rate_limit: Some(RateLimit::per_minute(1, 1)),
        ..FaultConfig::default()
    });
    let client = emulator.client();
    let started = Instant::now();
    let ticket = client.create_ticket(&with_a_file()).answered("create");
    assert!(
        started.elapsed() >= latency,
        "an API answer waits the latency"
    );
    let url = attachment_url(&ticket);

    let (status, _, _) = raw_get(&emulator, "/statuses/");
    assert_eq!(status, 200, "the one GET of this minute");
    let (status, retry_after, body) = raw_get(&emulator, "/statuses/");
    assert_eq!(status, 429);
    let seconds = retry_after.expect("Retry-After");
    assert_eq!(body, format!("Throttled, wait {seconds} seconds."));

    let started = Instant::now();
    for _ in 0..3 {
        assert_eq!(download(&url), (200, b"hello".to_vec()));
    }
    assert!(
        started.elapsed() < latency,
        "downloads wait no latency and meet no rate limit"
    );
}

#[test]
fn downloads_never_meet_injected_errors_or_drops() {
    let emulator = with_faults(FaultConfig {
        error_rate: 0.5,
        drop_rate: 0.3,
        ..FaultConfig::default()
    });
    let client = emulator.client();
    // One API request in five gets through (the draws repeat with the seed).
    let ticket = (0..100)
        .find_map(|_| {
            client
                .create_ticket(&with_a_file())
                .ok()
                .and_then(happyfox::Applied::answer)
        })
        .expect("some create gets through");
    let url = attachment_url(&ticket);
    for _ in 0..20 {
        assert_eq!(download(&url), (200, b"hello".to_vec()));
    }
}
