//! After a 2xx to a write, the caller always learns the write was applied: every write
//! method returns `Applied`, with the raw answer when it is not the documented shape, never
//! an error (which a caller would retry, posting the note twice) and never a retry.

use happyfox::{
    Applied, BulkOutcome, Client, ContactReply, CreateTicket, DeleteTicket, ForwardTicket,
    MoveTicket, RetryPolicy, StaffPrivateNote, StaffUpdate, Subscribe, Unsubscribe,
    UpdateCustomFields, UpdateTags, UploadFile,
};
use happyfox_tests::capture::{Canned, CaptureServer};

/// Answers HappyFox might give that are not the documented shape of any write (every
/// documented answer is a JSON object or list of objects).
const UNEXPECTED: &[(u16, &str)] = &[
    (200, r#""Saved""#),
    (200, "<html><body>Saved</body></html>"),
    (200, ""),
    (201, r#"[1, 2]"#),
];

/// Every write method, by name, as a call returning the raw answer when unrecognized.
fn every_write() -> Vec<(&'static str, WriteCall)> {
    fn raw<T: std::fmt::Debug>(result: happyfox::Result<Applied<T>>) -> Applied<()> {
        match result.expect("a 2xx is never an error") {
            Applied::Answer(answer) => panic!("decoded an unexpected answer as {answer:?}"),
            Applied::Unrecognized(raw) => Applied::Unrecognized(raw),
        }
    }
    let file = || UploadFile::from_bytes("a.txt", b"a".to_vec());
    vec![
        (
            "create_ticket",
            Box::new(|c: &Client| {
                raw(c.create_ticket(&CreateTicket::new(1, "s").text("t").email("a@example.com")))
            }),
        ),
        (
            "create_ticket (multipart)",
            Box::new(move |c: &Client| {
                raw(c.create_ticket(
                    &CreateTicket::new(1, "s")
                        .text("t")
                        .email("a@example.com")
                        .attach(file()),
                ))
            }),
        ),
        (
            "upload_inline_attachment",
            Box::new(move |c: &Client| raw(c.upload_inline_attachment(&file()))),
        ),
        (
            "staff_update",
            Box::new(|c: &Client| raw(c.staff_update(1, &StaffUpdate::new(1).plaintext("x")))),
        ),
        (
            "staff_private_note",
            Box::new(|c: &Client| {
                raw(c.staff_private_note(1, &StaffPrivateNote::new(1).plaintext("x")))
            }),
        ),
        (
            "contact_reply",
            Box::new(|c: &Client| raw(c.contact_reply(1, &ContactReply::new(1, "x")))),
        ),
        (
            "update_custom_fields",
            Box::new(|c: &Client| {
                raw(c.update_custom_fields(
                    1,
                    &UpdateCustomFields::new(1).ticket_custom_field(1, "x"),
                ))
            }),
        ),
        (
            "update_tags",
            Box::new(|c: &Client| raw(c.update_tags(1, &UpdateTags::new(1).add_tags(["x"])))),
        ),
        (
            "subscribe",
            Box::new(|c: &Client| raw(c.subscribe(1, &Subscribe::new(1)))),
        ),
        (
            "unsubscribe",
            Box::new(|c: &Client| raw(c.unsubscribe(1, &Unsubscribe::new(1)))),
        ),
        (
            "forward_ticket",
            Box::new(|c: &Client| {
                raw(c.forward_ticket(1, &ForwardTicket::new(1, ["a@example.com"], "s", "m")))
            }),
        ),
        (
            "move_ticket",
            Box::new(|c: &Client| raw(c.move_ticket(1, &MoveTicket::new(1, 2)))),
        ),
        (
            "delete_ticket",
            Box::new(|c: &Client| raw(c.delete_ticket(1, &DeleteTicket::new(1)))),
        ),
    ]
}

type WriteCall = Box<dyn Fn(&Client) -> Applied<()>>;

fn client(server: &CaptureServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .credentials("demo-key", "demo-code")
        .retry(RetryPolicy::standard())
        .build()
        .expect("client")
}

#[test]
fn every_write_hands_back_an_unrecognized_2xx_answer_sent_once() {
    for &(status, body) in UNEXPECTED {
        let server = CaptureServer::start(Canned::status(status, body));
        let client = client(&server);
        for (name, call) in every_write() {
            let raw = call(&client).unrecognized().cloned().expect("unrecognized");
            assert_eq!(raw.status, status, "{name}");
            assert_eq!(raw.body, body.as_bytes(), "{name}: the body byte for byte");
            assert!(!raw.problem.is_empty(), "{name}");
            assert_eq!(server.take().len(), 1, "{name}: sent once, never retried");
        }
    }
}

#[test]
fn the_raw_answer_reads_as_text_and_json() {
    let server = CaptureServer::start(Canned::json(r#"{"status": "ok"}"#));
    let applied = client(&server)
        .staff_private_note(1, &StaffPrivateNote::new(1).plaintext("x"))
        .expect("2xx");
    let raw = applied.unrecognized().expect("not a ticket");
    assert_eq!(raw.text(), r#"{"status": "ok"}"#);
    assert_eq!(raw.json(), Some(serde_json::json!({"status": "ok"})));
    assert!(raw.problem.contains("at `status`"), "{}", raw.problem);
}

#[test]
fn raw_post_hands_back_a_body_that_is_not_json() {
    let server = CaptureServer::start(Canned::status(200, "OK"));
    let applied = client(&server)
        .raw_post("/ticket/1/anything/", &serde_json::json!({}))
        .expect("2xx");
    assert_eq!(
        applied.unrecognized().map(|raw| raw.text()),
        Some("OK".into())
    );
}

#[test]
fn bulk_create_marks_items_unconfirmed_when_the_answer_is_unreadable_or_short() {
    let requests: Vec<CreateTicket> = (0..3)
        .map(|n| {
            CreateTicket::new(1, format!("t{n}"))
                .text("x")
                .email("a@example.com")
        })
        .collect();
    let server = CaptureServer::start(Canned::status(200, "<html>done</html>"));
    let outcomes = client(&server).create_tickets(&requests);
    assert_eq!(outcomes.len(), 3);
    for outcome in &outcomes {
        match outcome {
            BulkOutcome::Unconfirmed { problem, answer } => {
                assert!(problem.contains("not the documented list"), "{problem}");
                let answer = answer.as_ref().expect("raw answer");
                assert_eq!(answer.text(), "<html>done</html>");
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(server.take().len(), 1, "one request, not retried");

    let short = CaptureServer::start(Canned::json(
        r##"[{"success": true, "id": 7, "display_id": "#DC7"}]"##,
    ));
    let outcomes = client(&short).create_tickets(&requests);
    assert_eq!(outcomes[0].id().map(u64::from), Some(7));
    for outcome in &outcomes[1..] {
        assert!(
            matches!(outcome, BulkOutcome::Unconfirmed { problem, answer: None }
                if problem == "the bulk answer held 1 items for 3 payloads"),
            "{outcome:?}"
        );
    }
}
