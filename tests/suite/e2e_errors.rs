//! End to end: every validation and error path answers in the documented shape and maps to
//! the client's typed errors — auth, unknown paths, create/bulk validation, compulsory
//! fields, bad dates, the 25 MB upload limit, unknown ids.

use happyfox::{Client, CreateTicket, Error, FieldError, GetTicket, MoveTicket, StaffUpdate};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use happyfox_tests::applied::Answered;
use serde_json::{Value, json};

fn start() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(10).seed(2)).expect("emulator starts")
}

/// The field errors of a 400, as `(field, first message)`.
fn rejected<T: std::fmt::Debug>(result: happyfox::Result<T>) -> Vec<(String, String)> {
    match result {
        Err(Error::Validation {
            status: 400,
            errors,
        }) => errors
            .into_iter()
            .map(
                |FieldError {
                     field, messages, ..
                 }| {
                    (
                        field.unwrap_or_default(),
                        messages.first().cloned().unwrap_or_default(),
                    )
                },
            )
            .collect(),
        other => panic!("expected a 400 validation error, got {other:?}"),
    }
}

fn fields(errors: &[(String, String)]) -> Vec<&str> {
    errors.iter().map(|(f, _)| f.as_str()).collect()
}

/// A raw POST (for payloads the client refuses to send), answering status and JSON body.
fn raw_post(
    emulator: &EmulatorHandle,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    happyfox_tests::raw::raw_post(
        &emulator.url(),
        (emulator.api_key(), emulator.auth_code()),
        path,
        content_type,
        &body,
    )
}

#[test]
fn wrong_or_missing_credentials_are_401_and_unknown_paths_404() {
    let emulator = start();
    let wrong = Client::new(&emulator.url(), emulator.api_key(), "wrong").unwrap();
    assert!(matches!(
        wrong.list_statuses(),
        Err(Error::Authentication { status: 401, .. })
    ));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let anonymous = agent
        .get(format!("{}/api/1.1/json/statuses/", emulator.url()))
        .call()
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);

    let client = emulator.client();
    match client.raw_get("/no_such_module/", &[]) {
        Err(Error::NotFound { body, .. }) => assert_eq!(body, "Cannot find the requested object"),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(
            client.raw_get("/statuses", &[]),
            Err(Error::NotFound { .. })
        ),
        "documented paths end with /"
    );
    assert!(matches!(
        client.get_ticket(9999, &GetTicket::new()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        client.raw_get("/tickets/", &[("sort", "sideways")]),
        Err(Error::Validation { status: 400, .. })
    ));
    // A search HappyFox cannot read matches nothing (it is not an error there either).
    let unreadable = client
        .raw_get("/tickets/", &[("q", "status:")])
        .expect("200");
    assert_eq!(unreadable["data"], serde_json::json!([]));
    let plus_joined = client
        .raw_get("/tickets/", &[("q", r#"tag:"a"+status:"New""#)])
        .expect("200");
    assert_eq!(plus_joined["page_info"]["last_index"], 0);
}

#[test]
fn create_validation_errors_use_the_list_shape() {
    let emulator = start();
    let client = emulator.client();
    let missing = rejected(client.raw_post("/tickets/", &json!({})));
    assert_eq!(
        fields(&missing),
        ["category", "subject", "text", "name", "email"]
    );
    assert_eq!(missing[0].1, "This field is required.");

    let unknown = rejected(client.create_ticket(&CreateTicket::new(77, "s").text("t").client(1)));
    assert_eq!(fields(&unknown), ["category"]);
    let private = rejected(client.create_ticket(&CreateTicket::new(3, "s").text("t").client(1)));
    assert!(private[0].1.contains("public"), "{private:?}");
    let compulsory = rejected(client.create_ticket(&CreateTicket::new(2, "s").text("t").client(1)));
    assert_eq!(
        compulsory,
        [("t-cf-7".to_owned(), "This field is required.".to_owned())]
    );
    let bad_choice = rejected(
        client.create_ticket(
            &CreateTicket::new(1, "s")
                .text("t")
                .client(1)
                .ticket_custom_field(1, happyfox::FieldValue::Choice(99)),
        ),
    );
    assert_eq!(fields(&bad_choice), ["t-cf-1"]);
    let bad_date = rejected(client.raw_post(
        "/tickets/",
        &json!({"category": 1, "subject": "s", "text": "t", "client": 1, "due_date": "31-31-2020", "t-cf-5": "someday"}),
    ));
    assert_eq!(fields(&bad_date), ["due_date", "t-cf-5"]);
    let bad_created = rejected(client.raw_post(
        "/tickets/",
        &json!({"category": 1, "subject": "s", "text": "t", "client": 1, "created_at": "yesterday"}),
    ));
    assert_eq!(fields(&bad_created), ["created_at"]);
    let dmy = client
        .raw_post("/tickets/", &json!({"category": 1, "subject": "s", "text": "t", "client": 1, "due_date": "24/12/2030"}))
        .answered("write");
    assert_eq!(dmy["due_date"], "2030-12-24");
}

#[test]
fn bulk_create_over_100_is_400_and_items_fail_one_by_one() {
    let emulator = start();
    let item = json!({"category": 1, "subject": "s", "text": "t", "client": 1});
    let too_many = serde_json::to_vec(&vec![item.clone(); 101]).unwrap();
    let (status, body) = raw_post(&emulator, "/tickets/", "application/json", too_many);
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("100"));
    let mixed = serde_json::to_vec(&json!([item, {"subject": "no category"}])).unwrap();
    let (status, body) = raw_post(&emulator, "/tickets/", "application/json", mixed);
    assert_eq!(status, 200);
    assert_eq!(body[0]["success"], true);
    assert!(body[0]["display_id"].as_str().unwrap().starts_with("#SUP"));
    assert_eq!(body[1]["success"], false);
    assert_eq!(body[1]["error"][0]["field"], "category");
}

#[test]
fn uploads_over_25_mb_get_the_validation_error() {
    let emulator = start();
    let boundary = "XbOuNdArYx";
    let mut body = Vec::new();
    for (name, value) in [
        ("category", "1"),
        ("subject", "big"),
        ("text", "t"),
        ("client", "1"),
    ] {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .bytes(),
        );
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").bytes());
    body.extend(std::iter::repeat_n(b'x', 25 * 1024 * 1024 + 10));
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let (status, answer) = raw_post(
        &emulator,
        "/tickets/",
        &format!("multipart/form-data; boundary={boundary}"),
        body,
    );
    assert_eq!(status, 400);
    assert_eq!(answer["error"][0]["field"], "attachments");
    assert_eq!(emulator.snapshot().tickets.len(), 10, "nothing was created");
}

#[test]
fn staff_update_errors_use_the_documented_shapes() {
    let emulator = start();
    let client = emulator.client();
    let ticket = client
        .create_ticket(&CreateTicket::new(1, "s").text("t").client(1))
        .answered("write");
    let unknown_staff =
        rejected(client.staff_update(ticket.id, &StaffUpdate::new(42).plaintext("x")));
    assert_eq!(fields(&unknown_staff), ["staff"]);
    let bad_status = rejected(client.staff_update(ticket.id, &StaffUpdate::new(1).status(99)));
    assert_eq!(fields(&bad_status), ["status"]);

    // Closing needs the compulsory-on-completion fields: the map shape.
    let raw = client.raw_post(
        &format!("/ticket/{}/staff_update/", ticket.id),
        &json!({"staff": 1, "status": 4}),
    );
    match raw {
        Err(Error::Validation {
            status: 400,
            errors,
        }) => {
            let fields: Vec<_> = errors.iter().filter_map(|e| e.field.clone()).collect();
            assert_eq!(fields, ["t-cf-1", "t-cf-6"]);
            assert_eq!(
                errors[0].messages,
                ["This field should be filled before marking this ticket as completed"]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        client
            .get_ticket(ticket.id, &GetTicket::new())
            .unwrap()
            .status
            .unwrap()
            .id,
        1
    );
    let closed = client
        .staff_update(
            ticket.id,
            &StaffUpdate::new(1)
                .status(4)
                .ticket_custom_field(1, happyfox::FieldValue::Choice(11))
                .ticket_custom_field(6, "User error"),
        )
        .answered("close with the compulsory fields");
    assert_eq!(closed.status.unwrap().id, 4);

    let stale = client.staff_update(
        ticket.id,
        &StaffUpdate::new(1).plaintext("x").last_staff_message(1),
    );
    assert!(
        stale.is_ok(),
        "no staff message yet: nothing to collide with"
    );
    let collided = client.staff_update(
        ticket.id,
        &StaffUpdate::new(2).plaintext("y").last_staff_message(1),
    );
    assert!(
        matches!(collided, Err(Error::Conflict { .. })),
        "{collided:?}"
    );

    let no_target = rejected(client.move_ticket(ticket.id, &MoveTicket::new(1, 99)));
    assert_eq!(fields(&no_target), ["target_category_id"]);
    let time_needed = client
        .move_ticket(ticket.id, &MoveTicket::new(1, 3))
        .answered("write");
    assert_eq!(
        time_needed.message.as_deref(),
        Some("moved ticket to Internal IT")
    );
    let missing_time =
        rejected(client.staff_update(ticket.id, &StaffUpdate::new(1).plaintext("z")));
    assert_eq!(fields(&missing_time), ["time_spent"]);
}
