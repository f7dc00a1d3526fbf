//! The exact request of every endpoint (method, path, query string, headers but the
//! Authorization value, JSON or multipart body with a fixed boundary), captured by a real
//! HTTP listener on loopback and pinned with insta snapshots.

use chrono::{NaiveDate, TimeZone, Utc};
use happyfox::{
    Client, ContactReply, CreateTicket, DeleteTicket, FieldValue, ForwardTicket, GetTicket,
    InputRule, InvalidInput, ListContacts, ListTickets, MoveTicket, NoteAlert, Query, Sort,
    StaffPrivateNote, StaffUpdate, StatusFilter, Subscribe, Unsubscribe, UpdateCustomFields,
    UpdateTags, UploadFile,
};
use happyfox_tests::applied::Answered;
use happyfox_tests::capture::{Canned, CaptureServer};

const TICKET: &str = r##"{"id": 12, "display_id": "#DC00000012"}"##;
const MESSAGE: &str = r#"{"message": "ok"}"#;
const PAGE: &str = r#"{"page_info": {"count": 0, "last_index": 0, "page_count": 0, "start_index": 0, "end_index": 0}, "data": []}"#;

/// Runs `call` against a capture server answering `answer` and renders the one request.
fn capture(answer: &str, call: impl FnOnce(&Client)) -> String {
    let server = CaptureServer::start(Canned::json(answer));
    let client = Client::builder()
        .base_url(server.url())
        .credentials("demo-key", "demo-code")
        .multipart_boundary("BOUNDARY")
        .build()
        .expect("client");
    call(&client);
    server.take_one().render()
}

/// Runs `call`, which the client must refuse before sending: the refusal.
fn refused_before_sending<T: std::fmt::Debug>(
    call: impl FnOnce(&Client) -> happyfox::Result<T>,
) -> InvalidInput {
    let server = CaptureServer::start(Canned::json(PAGE));
    let client = Client::new(&server.url(), "demo-key", "demo-code").expect("client");
    let error = call(&client).unwrap_err();
    assert!(server.take().is_empty(), "nothing is sent");
    match error {
        happyfox::Error::InvalidInput(refusal) => refusal,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn list_tickets_defaults() {
    insta::assert_snapshot!(capture(PAGE, |c| {
        c.list_tickets(&ListTickets::new()).expect("list");
    }));
}

#[test]
fn list_tickets_every_parameter() {
    let query = Query::new()
        .status(["In Progress", "New"])
        .tag("routine_checks");
    insta::assert_snapshot!(capture(PAGE, |c| {
        c.list_tickets(
            &ListTickets::new()
                .status(StatusFilter::Pending)
                .category(3)
                .q(query)
                .sort(Sort::CreatedOldestFirst)
                .size(50)
                .page(2),
        )
        .expect("list");
    }));
}

#[test]
fn list_tickets_raw_query_is_parsed_and_sent_canonically() {
    insta::assert_snapshot!(capture(PAGE, |c| {
        c.list_tickets(
            &ListTickets::new()
                .status(7)
                .q(r#"contact: "james@example.com" "Product Name":"Help desk" has_attachments:TRUE id:"DC1",2"#),
        )
        .expect("list");
    }));
}

/// The reference's own example, pasted: its `+`s are spaces, sent as `+` (never `%2B`).
#[test]
fn list_tickets_raw_query_in_the_references_url_form() {
    insta::assert_snapshot!(capture(PAGE, |c| {
        c.list_tickets(&ListTickets::new().q(r#"tag:"routine_checks"+status:"In+Progress","New""#))
            .expect("list");
    }));
}

/// A literal `+` goes out as `%2B`, and only when the caller said it is one.
#[test]
fn list_tickets_literal_plus_is_escaped() {
    insta::assert_snapshot!(capture(PAGE, |c| {
        let query = Query::parse(r#"C++ contact:"ann+ops@example.com""#).expect("parse");
        c.list_tickets(&ListTickets::new().q(query)).expect("list");
    }));
}

/// A `+` that could be a space or a `+` is refused before sending, saying what to write.
#[test]
fn list_tickets_ambiguous_plus_is_refused_before_sending() {
    let refusal = refused_before_sending(|c| {
        c.list_tickets(&ListTickets::new().q(r#"status:"In+Progress""#))
    });
    let message = &refusal.message;
    assert!(
        message.contains(r#"write `status:"In Progress"`"#),
        "{message}"
    );
    assert!(message.contains("Query::parse"), "{message}");
    assert_eq!(refusal.field.as_deref(), Some("q"));
    // The position of the ambiguous `+`, as data.
    assert_eq!(refusal.rule, InputRule::Query { offset: 10 });
}

#[test]
fn list_ticket_ids() {
    insta::assert_snapshot!(capture(r#"{"data": [1, 2, 3]}"#, |c| {
        c.list_ticket_ids(&ListTickets::new()).expect("ids");
    }));
}

#[test]
fn list_ticket_fields() {
    insta::assert_snapshot!(capture(PAGE, |c| {
        c.list_ticket_fields(
            &ListTickets::new().size(50),
            ["id", "last_user_reply_at", "last_staff_reply_at"],
        )
        .expect("fields");
    }));
}

#[test]
fn get_ticket() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.get_ticket(12, &GetTicket::new().show_cf_changes(true))
            .expect("ticket");
    }));
}

#[test]
fn create_ticket_json() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.create_ticket(
            &CreateTicket::new(1, "test ticket")
                .name("james")
                .email("james@example.com")
                .text("example ticket")
                .priority(2)
                .unassign()
                .tags(["alert", "disk"])
                .cc(["a@example.com", "b@example.com"])
                .created_at(Utc.with_ymd_and_hms(2019, 12, 1, 10, 30, 0).unwrap())
                .due_date(date(2019, 12, 20))
                .visible_only_staff(false)
                .ticket_custom_field(3, vec![1, 2])
                .ticket_custom_field(1, "text field value")
                .ticket_custom_field(5, 200.0)
                .ticket_custom_field(4, date(2019, 12, 20))
                .contact_custom_field(3, FieldValue::Choice(1)),
        )
        .answered("create");
    }));
}

#[test]
fn create_ticket_multipart() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.create_ticket(
            &CreateTicket::new(4, "Ticket creation subject")
                .name("Name")
                .email("john@example.com")
                .text("Ticket creation message")
                .ticket_custom_field(5, FieldValue::Choice(1))
                .ticket_custom_field(6, vec![1, 2])
                .attach(UploadFile::from_bytes("screen.png", b"PNGDATA".to_vec()))
                .attach(UploadFile::from_bytes(
                    "log.txt",
                    b"line 1\nline 2".to_vec(),
                )),
        )
        .answered("create");
    }));
}

#[test]
fn create_tickets_bulk() {
    let answer = r##"[{"success": true, "id": 11, "display_id": "#DC000000011"}, {"success": false, "error": [{"field": "category", "errors": ["This field is required."]}]}]"##;
    insta::assert_snapshot!(capture(answer, |c| {
        let outcomes = c.create_tickets(&[
            CreateTicket::new(1, "one").client(7).text("first"),
            CreateTicket::new(99, "two").client(7).html("<p>second</p>"),
        ]);
        assert_eq!(outcomes.len(), 2);
    }));
}

#[test]
fn upload_inline_attachment() {
    let answer = r#"{"url": "https://example.happyfox.com/get_hdp_temporarily_attachment/2091/"}"#;
    insta::assert_snapshot!(capture(answer, |c| {
        c.upload_inline_attachment(&UploadFile::from_bytes("inline.png", b"PNG".to_vec()))
            .answered("upload");
    }));
}

#[test]
fn staff_update() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.staff_update(
            12,
            &StaffUpdate::new(1)
                .html("<p>Example reply</p>")
                .status(4)
                .priority(3)
                .assignee(2)
                .time_spent(15)
                .due_date(date(2019, 8, 16))
                .tags(["test"])
                .cc(["cc@example.com"])
                .bcc(["bcc@example.com"])
                .update_customer(true)
                .send_survey(false)
                .last_staff_message(52)
                .subject("Re: Example")
                .ticket_custom_field(3, vec![1, 2])
                .contact_custom_field(3, FieldValue::Choice(1)),
        )
        .answered("update");
    }));
}

/// Multipart has no null: unassigning together with attachments is refused before
/// sending, rather than sent as an empty `assignee` field HappyFox may read otherwise.
#[test]
fn staff_update_unassign_with_attachment_is_refused_before_sending() {
    let refusal = refused_before_sending(|c| {
        c.staff_update(
            12,
            &StaffUpdate::new(1)
                .plaintext("see attached")
                .unassign()
                .attach(UploadFile::from_bytes("report.csv", b"a,b\n1,2\n".to_vec())),
        )
    });
    let message = &refusal.message;
    assert!(
        message.contains("`assignee`") && message.contains("two calls"),
        "{message}"
    );
    assert_eq!(refusal.field.as_deref(), Some("assignee"));
    assert_eq!(refusal.rule, InputRule::Multipart);
}

#[test]
fn staff_private_note() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.staff_private_note(
            12,
            &StaffPrivateNote::new(1)
                .plaintext("internal")
                .alert(NoteAlert::Subscribers)
                .status(2),
        )
        .answered("note");
    }));
}

#[test]
fn contact_reply() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.contact_reply(
            12,
            &ContactReply::new(27662, "This is a response sent by the user via API")
                .cc(["exampleaddress@example.com"])
                .bcc(["exampleaddress-2@example.com"]),
        )
        .answered("reply");
    }));
}

#[test]
fn update_custom_fields() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.update_custom_fields(
            12,
            &UpdateCustomFields::new(1)
                .ticket_custom_field(1, "Crawl Completed")
                .ticket_custom_field(2, 12.345),
        )
        .answered("custom fields");
    }));
}

#[test]
fn update_tags() {
    insta::assert_snapshot!(capture(TICKET, |c| {
        c.update_tags(
            12,
            &UpdateTags::new(1)
                .add_tags(["test1", "example"])
                .remove_tags(["test"]),
        )
        .answered("tags");
    }));
}

#[test]
fn subscribe() {
    insta::assert_snapshot!(capture(MESSAGE, |c| {
        c.subscribe(12, &Subscribe::new(1).data([3, 2]))
            .answered("subscribe");
    }));
}

#[test]
fn unsubscribe() {
    insta::assert_snapshot!(capture(MESSAGE, |c| {
        c.unsubscribe(12, &Unsubscribe::new(1))
            .answered("unsubscribe");
    }));
}

#[test]
fn forward_ticket() {
    insta::assert_snapshot!(capture(MESSAGE, |c| {
        c.forward_ticket(
            12,
            &ForwardTicket::new(1, ["james@example.com", "john@example.com"], "test", "FYI")
                .include_pvt_notes(false)
                .ticket_attachments([22]),
        )
        .answered("forward");
    }));
}

#[test]
fn move_ticket() {
    insta::assert_snapshot!(capture(MESSAGE, |c| {
        c.move_ticket(
            12,
            &MoveTicket::new(1, 2)
                .move_note(" move note text ")
                .assign_to(2),
        )
        .answered("move");
    }));
}

#[test]
fn delete_ticket() {
    insta::assert_snapshot!(capture(r##"{"deleted_ticket": "#DC00000005"}"##, |c| {
        c.delete_ticket(12, &DeleteTicket::new(1))
            .answered("delete");
    }));
}

#[test]
fn lookups() {
    let mut all = String::new();
    for (answer, call) in [
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_staff().expect("staff"))) as Box<dyn Fn(&Client)>,
        ),
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_statuses().expect("statuses"))),
        ),
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_priorities().expect("priorities"))),
        ),
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_categories().expect("categories"))),
        ),
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_ticket_custom_fields().expect("tcf"))),
        ),
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_contact_custom_fields().expect("ccf"))),
        ),
        (
            PAGE,
            Box::new(|c: &Client| {
                drop(
                    c.list_contacts(&ListContacts::new().q("john").size(20).page(1))
                        .expect("contacts"),
                )
            }),
        ),
        (
            r#"{"id": 4}"#,
            Box::new(|c: &Client| drop(c.get_contact(4).expect("contact"))),
        ),
        (
            r#"{"id": 4}"#,
            Box::new(|c: &Client| drop(c.get_contact("john+ops@example.com").expect("contact"))),
        ),
        (
            "[]",
            Box::new(|c: &Client| drop(c.list_contact_groups().expect("groups"))),
        ),
        (
            r#"{"id": 2}"#,
            Box::new(|c: &Client| drop(c.get_contact_group(2).expect("group"))),
        ),
    ] {
        let request = capture(answer, call);
        let first_line = request.lines().next().unwrap_or_default().to_owned();
        all.push_str(&first_line);
        all.push('\n');
    }
    insta::assert_snapshot!(all);
}

#[test]
fn raw_escape_hatch() {
    insta::assert_snapshot!(capture(r#"{"anything": true}"#, |c| {
        let value = c
            .raw_post(
                "/ticket/12/staff_update/",
                &serde_json::json!({"staff": 1, "x-new-field": [1]}),
            )
            .answered("raw");
        assert_eq!(value["anything"], true);
    }));
}
