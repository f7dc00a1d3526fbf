//! Client behaviour over real HTTP on loopback: error mapping, refusals before sending,
//! pagination, bulk chunking, tolerant decoding, secrets.

use std::time::Duration;

use happyfox::{
    BulkOptions, BulkOutcome, Client, CreateTicket, Error, FieldValue, InputRule, InvalidInput,
    ListContacts, ListTickets, MAX_ATTACHMENT_BYTES, Region, RetryPolicy, StaffPrivateNote,
    StaffUpdate, StatusBehavior, UploadFile,
};
use happyfox_tests::applied::Answered;
use happyfox_tests::capture::{Canned, CaptureServer};

/// A client without retries (these tests pin what one answer maps to).
fn client_for(server: &CaptureServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .credentials("demo-key", "demo-code")
        .no_retries()
        .build()
        .expect("client")
}

fn page(page: u64, page_count: u64, ids: &[u64]) -> String {
    let data: Vec<String> = ids.iter().map(|id| format!(r#"{{"id": {id}}}"#)).collect();
    format!(
        r#"{{"page_info": {{"count": {}, "last_index": 25, "page_count": {page_count}, "start_index": 1, "end_index": 10}}, "data": [{}]}}"#,
        ids.len(),
        data.join(",")
    )
    .replace("\"start_index\": 1", &format!("\"start_index\": {}", (page - 1) * 10 + 1))
}

#[test]
fn error_statuses_map_to_actionable_errors() {
    let server = CaptureServer::start(Canned::json("{}"));
    let client = client_for(&server);
    server.queue(Canned::status(401, "Authentication failed"));
    assert!(matches!(
        client.list_statuses(),
        Err(Error::Authentication { status: 401, .. })
    ));
    server.queue(Canned::status(404, "Cannot find the requested object"));
    let error = client.get_ticket(999, &Default::default()).unwrap_err();
    assert!(
        matches!(&error, Error::NotFound { path, .. } if path == "/ticket/999/"),
        "{error}"
    );
    server.queue(Canned::status(429, "Throttled, wait 300 seconds.").header("Retry-After", "120"));
    match client.list_statuses() {
        Err(Error::RateLimited { retry_after, .. }) => {
            assert_eq!(retry_after, Duration::from_secs(300))
        }
        other => panic!("expected rate limit, got {other:?}"),
    }
    server.queue(Canned::status(
        400,
        r#"{"error": [{"field": "category", "errors": ["This field is required."]}]}"#,
    ));
    let error = client
        .create_ticket(&CreateTicket::new(1, "s").client(1).text("t"))
        .unwrap_err();
    assert_eq!(error.field_errors()[0].field.as_deref(), Some("category"));
    assert_eq!(
        error.field_errors()[0].messages,
        ["This field is required."]
    );
    server.queue(Canned::status(400, r#"{"error": {"t-cf-2": "This field should be filled before marking this ticket as completed"}}"#));
    let error = client
        .staff_update(3, &StaffUpdate::new(1).status(4))
        .unwrap_err();
    assert_eq!(error.field_errors()[0].field.as_deref(), Some("t-cf-2"));
    server.queue(Canned::status(503, "maintenance"));
    assert!(matches!(
        client.list_statuses(),
        Err(Error::Http { status: 503, .. })
    ));
}

#[test]
fn decode_errors_name_the_json_path_and_show_the_body() {
    let server = CaptureServer::start(Canned::json(
        r#"[{"id": 1, "name": "New"}, {"id": "seven"}]"#,
    ));
    let error = client_for(&server).list_statuses().unwrap_err();
    match error {
        Error::Decode {
            path, body_start, ..
        } => {
            assert_eq!(path, "[1].id");
            assert!(body_start.starts_with(r#"[{"id": 1"#), "{body_start}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn plain_http_writes_to_remote_hosts_are_refused_before_sending() {
    let client = Client::new("http://acme.happyfox.com", "k", "c").expect("client");
    let error = client
        .delete_ticket(1, &happyfox::DeleteTicket::new(1))
        .unwrap_err();
    assert!(matches!(error, Error::InsecureWrite { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("treats a POST over http as a GET"),
        "{error}"
    );
}

#[test]
fn oversized_attachments_are_refused_before_sending() {
    let server = CaptureServer::start(Canned::json("{}"));
    let big = UploadFile::from_bytes("big.bin", vec![0u8; 26 * 1024 * 1024]);
    let error = client_for(&server)
        .create_ticket(&CreateTicket::new(1, "s").client(1).text("t").attach(big))
        .unwrap_err();
    // The refusal's details are the core's unit tests' (upload.rs); here: through the
    // client, it names the file and nothing is sent.
    assert!(
        error.to_string().contains("big.bin (27262976 bytes)"),
        "{error}"
    );
    assert!(
        matches!(
            error.invalid_input().map(|refusal| &refusal.rule),
            Some(InputRule::TooLarge {
                limit: MAX_ATTACHMENT_BYTES,
                total: 27_262_976
            })
        ),
        "{error:?}"
    );
    assert!(server.take().is_empty(), "nothing may reach the server");
}

/// The refusal inside `result`, which must be an `InvalidInput`.
fn refusal<T: std::fmt::Debug>(result: happyfox::Result<T>) -> InvalidInput {
    match result {
        Err(Error::InvalidInput(refusal)) => refusal,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn invalid_input_is_refused_before_sending() {
    let server = CaptureServer::start(Canned::json("{}"));
    let client = client_for(&server);
    let no_message = refusal(client.create_ticket(&CreateTicket::new(1, "s").client(1)));
    assert!(
        no_message.message.contains("`text`, `html`"),
        "{no_message}"
    );
    assert_eq!(no_message.field, None);
    assert_eq!(
        no_message.rule,
        InputRule::OneOf {
            fields: vec!["text".into(), "html".into()]
        }
    );

    let bad_query = client.list_tickets(&ListTickets::new().q(r#"status:"New"#));
    let message = bad_query.as_ref().unwrap_err().to_string();
    assert!(
        message.starts_with("invalid input: malformed search query") && message.contains('^'),
        "{message}"
    );
    let bad_query = refusal(bad_query);
    assert_eq!(bad_query.field.as_deref(), Some("q"));
    // The position of the quote that is never closed, as data (the caret's byte offset).
    assert_eq!(bad_query.rule, InputRule::Query { offset: 7 });

    let too_big = refusal(client.list_tickets(&ListTickets::new().size(51)));
    assert_eq!(too_big.field.as_deref(), Some("size"));
    assert_eq!(too_big.rule, InputRule::OutOfRange { min: 1, max: 50 });
    assert_eq!(too_big.message, "`size` must be between 1 and 50, got 51");

    let blank = refusal(client.create_ticket(&CreateTicket::new(1, " ").client(1).text("t")));
    assert_eq!(blank.field.as_deref(), Some("subject"));
    assert_eq!(blank.rule, InputRule::Required);

    let not_a_number = refusal(client.staff_update(
        12,
        &StaffUpdate::new(1).ticket_custom_field(3, FieldValue::Number(f64::NAN)),
    ));
    assert_eq!(not_a_number.field.as_deref(), Some("t-cf-3"));
    assert_eq!(not_a_number.rule, InputRule::NotFinite);

    let no_fields = refusal(client.list_ticket_fields(&ListTickets::new(), Vec::<String>::new()));
    assert_eq!(no_fields.field.as_deref(), Some("fields"));
    assert_eq!(no_fields.rule, InputRule::Required);
    assert!(server.take().is_empty(), "nothing may reach the server");
}

#[test]
fn iterator_walks_every_page_lazily() {
    let server = CaptureServer::start(Canned::json(r#"{"data": []}"#));
    server.queue(Canned::json(&page(1, 3, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10])));
    server.queue(Canned::json(&page(
        2,
        3,
        &[11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    )));
    server.queue(Canned::json(&page(3, 3, &[21, 22, 23, 24, 25])));
    let client = client_for(&server);
    let mut iter = client.iter_tickets(&ListTickets::new());
    assert_eq!(
        iter.next().map(|t| t.map(|t| t.id.get()).ok()),
        Some(Some(1))
    );
    assert_eq!(
        server.take().len(),
        1,
        "only the first page is fetched up front"
    );
    let rest: Vec<u64> = iter.map(|t| t.expect("ticket").id.get()).collect();
    assert_eq!(rest, (2..=25).collect::<Vec<_>>());
    let targets: Vec<String> = server.take().into_iter().map(|r| r.target).collect();
    assert!(
        targets[0].contains("page=2") && targets[1].contains("page=3"),
        "{targets:?}"
    );
}

#[test]
fn bulk_create_chunks_by_100_and_keeps_input_order() {
    let server = CaptureServer::start(Canned::json("[]"));
    let answer = |from: u64, n: u64| {
        let items: Vec<String> = (from..from + n)
            .map(|id| format!(r##"{{"success": true, "id": {id}, "display_id": "#T{id}"}}"##))
            .collect();
        format!("[{}]", items.join(","))
    };
    server.queue(Canned::json(&answer(1, 100)));
    server.queue(Canned::json(&answer(101, 100)));
    server.queue(Canned::status(500, "boom"));
    let mut payloads: Vec<CreateTicket> = (0..250)
        .map(|i| {
            CreateTicket::new(1, format!("alert {i}"))
                .client(1)
                .text("x")
        })
        .collect();
    payloads[5] = CreateTicket::new(1, "no body").client(1);
    // One worker: the canned answers go to the chunks in order.
    let outcomes =
        client_for(&server).create_tickets_with(&payloads, BulkOptions::default().workers(1));
    assert_eq!(outcomes.len(), 250);
    assert!(
        matches!(outcomes[5], BulkOutcome::Rejected { .. }),
        "invalid payloads are not sent"
    );
    assert_eq!(outcomes[0].id().map(u64::from), Some(1));
    assert_eq!(
        outcomes[6].id().map(u64::from),
        Some(6),
        "later items keep their place"
    );
    assert_eq!(outcomes[100].id().map(u64::from), Some(100));
    assert!(
        matches!(&outcomes[249], BulkOutcome::RequestFailed { error } if error.status() == Some(500)),
        "{:?}",
        outcomes[249]
    );
    let sizes: Vec<usize> = server
        .take()
        .iter()
        .map(|r| {
            serde_json::from_slice::<Vec<serde_json::Value>>(&r.body)
                .expect("array")
                .len()
        })
        .collect();
    assert_eq!(sizes, [100, 100, 49]);
}

#[test]
fn decoding_is_tolerant_and_keeps_unknown_fields() {
    let body = r#"[{"id": 6, "name": "On hold", "behavior": "paused", "brand_new": {"x": 1}}]"#;
    let server = CaptureServer::start(Canned::json(body));
    let statuses = client_for(&server).list_statuses().expect("statuses");
    assert_eq!(
        statuses[0].behavior,
        Some(StatusBehavior::Unknown("paused".into()))
    );
    assert_eq!(statuses[0].extra["brand_new"]["x"], 1);
    assert_eq!(statuses[0].color, None);
}

#[test]
fn requests_carry_basic_auth_and_user_agent() {
    let server = CaptureServer::start(Canned::json("[]"));
    client_for(&server).list_staff().expect("staff");
    let request = server.take_one();
    // base64("demo-key:demo-code")
    assert_eq!(
        request.header("authorization"),
        Some("Basic ZGVtby1rZXk6ZGVtby1jb2Rl")
    );
    assert!(
        request
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("happyfox-rust/"))
    );
}

#[test]
fn client_debug_and_display_never_show_credentials() {
    let client = Client::builder()
        .account("acme", Region::Eu)
        .expect("account")
        .credentials("SECRET-KEY", "SECRET-CODE")
        .build()
        .expect("client");
    for text in [
        format!("{client:?}"),
        format!("{client}"),
        format!("{:?}", client.config()),
    ] {
        assert!(
            !text.contains("SECRET-KEY") && !text.contains("SECRET-CODE"),
            "{text}"
        );
    }
    assert_eq!(
        client.config().base_url,
        "https://acme.happyfox.net/api/1.1/json"
    );
}

#[test]
fn retries_follow_the_policy() {
    let server = CaptureServer::start(Canned::json("[]"));
    let client = Client::builder()
        .base_url(server.url())
        .credentials("k", "c")
        .retry(RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(5)))
        .build()
        .expect("client");
    server.queue(Canned::status(503, "busy"));
    server.queue(Canned::status(500, "boom"));
    server.queue(Canned::status(429, "Throttled, wait 0 seconds.").header("Retry-After", "0"));
    assert!(
        client.list_statuses().is_ok(),
        "a read survives a 503, a 500 and a short 429"
    );
    assert_eq!(server.take().len(), 4);

    server.queue(Canned::status(503, "busy"));
    let write = client.delete_ticket(1, &happyfox::DeleteTicket::new(1));
    match &write {
        Err(error @ Error::OutcomeUnknown { path, cause }) => {
            assert!(error.outcome_unknown());
            assert_eq!(path, "/ticket/1/delete/");
            assert!(
                matches!(**cause, Error::Http { status: 503, .. }),
                "{cause:?}"
            );
            assert_eq!(error.status(), Some(503));
        }
        other => panic!("a write answered 503 may have been applied: {other:?}"),
    }
    assert_eq!(
        server.take().len(),
        1,
        "a write is never repeated after a 5xx"
    );

    server.queue(Canned::status(429, "Throttled, wait 0 seconds."));
    let write = client.delete_ticket(1, &happyfox::DeleteTicket::new(1));
    assert!(
        write.is_ok(),
        "a 429 means nothing was done: the write is sent again"
    );
    assert_eq!(server.take().len(), 2);

    server.queue(Canned::status(429, "Throttled, wait 600 seconds."));
    assert!(
        matches!(client.list_statuses(), Err(Error::RateLimited { .. })),
        "waits over the cap are returned"
    );
    assert_eq!(server.take().len(), 1);
}

#[test]
fn nulls_with_attachments_are_refused_before_sending() {
    let server = CaptureServer::start(Canned::json(r#"{"id": 12}"#));
    let client = client_for(&server);
    let file = || UploadFile::from_bytes("log.txt", b"boom".to_vec());
    let update = client.staff_update(
        12,
        &StaffUpdate::new(1)
            .plaintext("Unassigning")
            .unassign()
            .attach(file()),
    );
    let note = client.staff_private_note(12, &StaffPrivateNote::new(1).unassign().attach(file()));
    let create = client.create_ticket(
        &CreateTicket::new(1, "s")
            .client(1)
            .text("t")
            .unassign()
            .attach(file()),
    );
    for result in [update.map(|_| ()), note.map(|_| ()), create.map(|_| ())] {
        let refusal = refusal(result);
        assert_eq!(refusal.field.as_deref(), Some("assignee"));
        assert_eq!(refusal.rule, InputRule::Multipart);
        for part in [
            "field `assignee` is null",
            "multipart/form-data",
            "make two calls",
            "one without attachments",
            "one that sends the attachments",
        ] {
            assert!(
                refusal.message.contains(part),
                "{part:?} missing from: {refusal}"
            );
        }
    }
    let empty_choices = client.staff_update(
        12,
        &StaffUpdate::new(1)
            .ticket_custom_field(3, Vec::<u64>::new())
            .attach(file()),
    );
    let empty_choices = refusal(empty_choices);
    assert!(
        empty_choices
            .message
            .contains("field `t-cf-3` is an empty list"),
        "{empty_choices}"
    );
    assert_eq!(empty_choices.field.as_deref(), Some("t-cf-3"));
    assert_eq!(empty_choices.rule, InputRule::Multipart);
    assert!(server.take().is_empty(), "nothing may reach the server");

    // The two calls the message asks for both go out.
    client
        .staff_update(12, &StaffUpdate::new(1).unassign())
        .answered("unassign without attachments");
    client
        .staff_update(12, &StaffUpdate::new(1).plaintext("Logs").attach(file()))
        .answered("attach without the null");
    let sent = server.take();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent[0].body).expect("json")["assignee"],
        serde_json::Value::Null
    );
    assert!(
        sent[1]
            .header("content-type")
            .is_some_and(|ct| ct.starts_with("multipart/form-data"))
    );
}

#[test]
fn staff_writes_send_each_contact_custom_field_once_as_ccf() {
    let server = CaptureServer::start(Canned::json(r#"{"id": 12}"#));
    let client = client_for(&server);
    client
        .staff_update(12, &StaffUpdate::new(1).contact_custom_field(3, "Pro"))
        .answered("update");
    client
        .staff_private_note(
            12,
            &StaffPrivateNote::new(1)
                .plaintext("n")
                .contact_custom_field(3, "Pro"),
        )
        .answered("note");
    client
        .create_ticket(
            &CreateTicket::new(1, "s")
                .client(1)
                .text("t")
                .contact_custom_field(3, "Pro"),
        )
        .answered("create");
    let keys: Vec<Vec<String>> = server
        .take()
        .iter()
        .map(|request| {
            let body: serde_json::Value = serde_json::from_slice(&request.body).expect("json");
            body.as_object()
                .expect("object")
                .keys()
                .filter(|key| key.contains("cf-"))
                .cloned()
                .collect()
        })
        .collect();
    assert_eq!(keys, [["ccf-3"], ["ccf-3"], ["c-cf-3"]]);
}

/// A full page of `ids` without `page_info`, ticket or contact objects or bare ids.
fn same_page(ids: std::ops::RangeInclusive<u64>, objects: bool) -> Canned {
    let items: Vec<String> = ids
        .map(|id| {
            if objects {
                format!(r#"{{"id": {id}}}"#)
            } else {
                id.to_string()
            }
        })
        .collect();
    Canned::json(&format!(r#"{{"data": [{}]}}"#, items.join(",")))
}

#[test]
fn every_iterator_stops_when_the_server_ignores_page() {
    // The server answers the same full page, without page_info, whatever `page` says.
    let ids_server = CaptureServer::start(same_page(1..=50, false));
    let ids: Vec<u64> = client_for(&ids_server)
        .iter_ticket_ids(&ListTickets::new())
        .take(1000)
        .collect::<Result<_, _>>()
        .expect("ids");
    assert_eq!(ids, (1..=50).collect::<Vec<_>>());
    assert_eq!(ids_server.take().len(), 2, "the repeated page ends it");

    let tickets_server = CaptureServer::start(same_page(1..=50, true));
    let tickets: Vec<u64> = client_for(&tickets_server)
        .iter_tickets(&ListTickets::new().size(50))
        .take(1000)
        .map(|t| t.expect("ticket").id.get())
        .collect();
    assert_eq!(tickets, (1..=50).collect::<Vec<_>>());
    assert_eq!(tickets_server.take().len(), 2);

    let contacts_server = CaptureServer::start(same_page(1..=50, true));
    let contacts = client_for(&contacts_server)
        .iter_contacts(&ListContacts::new())
        .take(1000)
        .count();
    assert_eq!(contacts, 50);
    assert_eq!(contacts_server.take().len(), 2);

    // Same when it announces more pages than it serves.
    let counted = CaptureServer::start(Canned::json(&page(1, 5, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10])));
    let ids: Vec<u64> = client_for(&counted)
        .iter_tickets(&ListTickets::new())
        .take(1000)
        .map(|t| t.expect("ticket").id.get())
        .collect();
    assert_eq!((ids.len(), counted.take().len()), (10, 2));
}

#[test]
fn iterators_never_go_past_the_first_page_count() {
    let full = |from: u64| (from..from + 10).collect::<Vec<u64>>();
    // Grows from 2 to 4 pages mid-iteration: still 2 pages.
    let grows = CaptureServer::start(Canned::json(&page(3, 4, &full(21))));
    grows.queue(Canned::json(&page(1, 2, &full(1))));
    grows.queue(Canned::json(&page(2, 4, &full(11))));
    let ids: Vec<u64> = client_for(&grows)
        .iter_tickets(&ListTickets::new())
        .take(1000)
        .map(|t| t.expect("ticket").id.get())
        .collect();
    assert_eq!(ids, (1..=20).collect::<Vec<_>>());
    assert_eq!(grows.take().len(), 2);

    // Shrinks from 4 to 2 pages (tickets deleted meanwhile): stops after page 2.
    let shrinks = CaptureServer::start(Canned::json(&page(3, 2, &full(21))));
    shrinks.queue(Canned::json(&page(1, 4, &full(1))));
    shrinks.queue(Canned::json(&page(2, 2, &full(11))));
    let ids = client_for(&shrinks)
        .iter_tickets(&ListTickets::new())
        .take(1000)
        .count();
    assert_eq!((ids, shrinks.take().len()), (20, 2));

    // The normal case: page_count 2, both pages full.
    let exact = CaptureServer::start(Canned::json(&page(3, 2, &full(21))));
    exact.queue(Canned::json(&page(1, 2, &full(1))));
    exact.queue(Canned::json(&page(2, 2, &full(11))));
    let ids = client_for(&exact)
        .iter_tickets(&ListTickets::new())
        .take(1000)
        .count();
    assert_eq!((ids, exact.take().len()), (20, 2));
}

// ---- redirects ------------------------------------------------------------------------------

#[test]
fn a_write_is_never_sent_again_on_a_redirect_and_the_error_names_the_location() {
    let server = CaptureServer::start(Canned::json("{}"));
    let elsewhere = CaptureServer::start(Canned::json("{}"));
    let client = client_for(&server);
    let moved = format!(
        "{}/api/1.1/json/tickets/",
        elsewhere.url().replace("127.0.0.1", "localhost")
    );
    for status in [301, 302, 303, 307, 308] {
        server.queue(Canned::status(status, "").header("Location", &moved));
        match client.create_ticket(&CreateTicket::new(1, "s").client(1).text("t")) {
            Err(Error::Redirect {
                status: answered,
                location,
                hint,
            }) => {
                assert_eq!((answered, location.as_str()), (status, moved.as_str()));
                let hint = hint.expect("a hint");
                assert!(hint.contains(".custom_domain(\"localhost\")"), "{hint}");
            }
            other => panic!("{status}: expected a redirect error, got {other:?}"),
        }
        assert_eq!(server.take().len(), 1, "{status}: sent once");
    }
    // To the same place: still never re-sent (a POST turned GET would lose the write).
    server.queue(Canned::status(307, "").header("Location", "/api/1.1/json/tickets/"));
    let same = client.create_ticket(&CreateTicket::new(1, "s").client(1).text("t"));
    assert!(
        matches!(same, Err(Error::Redirect { status: 307, .. })),
        "{same:?}"
    );
    assert_eq!(server.take().len(), 1);
    assert!(
        elsewhere.take().is_empty(),
        "nothing reached the other host"
    );
}

#[test]
fn reads_follow_redirects_within_their_host_only() {
    let server = CaptureServer::start(Canned::json(r#"[{"id": 1, "name": "New"}]"#));
    let elsewhere = CaptureServer::start(Canned::json("[]"));
    let client = client_for(&server);
    server.queue(Canned::status(301, "").header("Location", "/api/1.1/json/statuses/?moved=1"));
    let statuses = client.list_statuses().expect("followed within the host");
    assert_eq!(statuses.len(), 1);
    let requests = server.take();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].target, "/api/1.1/json/statuses/?moved=1");
    assert!(requests[1].header("authorization").is_some());

    server.queue(Canned::status(302, "").header(
        "Location",
        &format!("{}/api/1.1/json/statuses/", elsewhere.url()),
    ));
    let away = client.list_statuses();
    assert!(
        matches!(away, Err(Error::Redirect { status: 302, .. })),
        "{away:?}"
    );
    assert!(
        elsewhere.take().is_empty(),
        "credentials never go to another host"
    );
    assert_eq!(server.take().len(), 1);

    let https = server.url().replace("http://", "https://");
    server.queue(
        Canned::status(301, "").header("Location", &format!("{https}/api/1.1/json/statuses/")),
    );
    match client.list_statuses() {
        Err(Error::Redirect { hint, .. }) => assert_eq!(
            hint.as_deref(),
            Some(format!("the account answers on https: use {https} as the base URL").as_str())
        ),
        other => panic!("expected a redirect error, got {other:?}"),
    }
    for _ in 0..=happyfox::MAX_REDIRECTS {
        server.queue(Canned::status(302, "").header("Location", "/api/1.1/json/statuses/"));
    }
    match client.list_statuses() {
        Err(Error::Redirect { hint, .. }) => {
            assert!(hint.is_some_and(|h| h.contains("redirects in a row")))
        }
        other => panic!("expected a redirect loop, got {other:?}"),
    }
}

// ---- answer size and depth ------------------------------------------------------------------

/// A server that answers once with `head`, then writes zeros until the client hangs up;
/// the number of body bytes it managed to write comes back on the channel.
fn endless_answer(head: &'static str) -> (String, std::sync::mpsc::Receiver<u64>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let (sent, written) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
            line.clear();
        }
        let chunk = vec![b'0'; 64 * 1024];
        let mut total = 0u64;
        if stream.write_all(head.as_bytes()).is_ok() {
            while stream.write_all(&chunk).is_ok() {
                total += chunk.len() as u64;
                if total > 4 * 1024 * 1024 * 1024 {
                    break;
                }
            }
        }
        let _ = sent.send(total);
    });
    (url, written)
}

#[test]
fn an_answer_announcing_2_gb_is_refused_from_its_header_before_reading() {
    let (url, written) = endless_answer(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2147483648\r\n\r\n",
    );
    let client = Client::builder()
        .base_url(url)
        .credentials("k", "c")
        .build()
        .expect("client");
    assert_eq!(
        client.config().max_response_bytes,
        32 * 1024 * 1024,
        "the documented default"
    );
    let error = client.list_statuses().unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                limit: 33_554_432,
                announced: Some(2_147_483_648)
            }
        ),
        "{error:?}"
    );
    let written = written
        .recv()
        .expect("the server stops when the client hangs up");
    assert!(
        written < 32 * 1024 * 1024,
        "the client read {written} bytes of an answer it refused from its header"
    );
}

#[test]
fn an_endless_chunked_answer_is_cut_at_the_limit() {
    let (url, _) = endless_answer(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n",
    );
    let client = Client::builder()
        .base_url(url)
        .credentials("k", "c")
        .max_response_bytes(1024 * 1024)
        .build()
        .expect("client");
    let error = client.list_statuses().unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                limit: 1_048_576,
                announced: None
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_deeply_nested_answer_fails_cleanly_at_the_depth_limit() {
    let nested = |depth: usize| {
        format!(
            r#"{{"id": 7, "x": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    let server = CaptureServer::start(Canned::json(&nested(happyfox::MAX_JSON_DEPTH - 2)));
    let client = client_for(&server);
    let ticket = client
        .get_ticket(7, &Default::default())
        .expect("within the limit");
    assert!(ticket.extra.contains_key("x"));
    server.queue(Canned::json(&nested(200_000)));
    match client.get_ticket(7, &Default::default()) {
        Err(Error::Decode { message, .. }) => {
            assert!(message.contains("recursion limit exceeded"), "{message}")
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
