//! Hostile input to the emulator, over raw TCP where a client library would refuse to send
//! it: malformed requests (bad JSON, wrong types, huge and broken bodies, absurd page
//! numbers, wrong methods, oversized URIs and headers) get a 4xx with a clear JSON message,
//! never a 5xx, a hang or a crash; slow clients are cut off by the header and body read
//! timeouts; connections over the limit get 503 and slots free up again.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use base64::Engine;
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, ServerLimits};
use proptest::prelude::*;
use serde_json::Value;

/// Long enough that only a hang reaches it.
const HANG: Duration = Duration::from_secs(15);

fn auth() -> String {
    let token = base64::engine::general_purpose::STANDARD.encode("demo-api-key:demo-auth-code");
    format!("Basic {token}")
}

/// One answer read from a raw connection.
#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The message of a `{"error": ...}` body, flattened to text.
    fn message(&self) -> String {
        match self.json().get("error") {
            Some(Value::String(message)) => message.clone(),
            Some(other) => other.to_string(),
            None => self.body.clone(),
        }
    }
}

/// Sends raw bytes and reads one answer (up to its `Content-Length`, or to the close).
fn exchange(addr: SocketAddr, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(HANG)).expect("timeout");
    // A refused body may close the connection before all of it is written: that is fine.
    let _ = stream.write_all(request);
    read_answer(&mut stream)
}

fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&bytes, b"\r\n\r\n") {
            break end;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => panic!("no answer: {:?}", String::from_utf8_lossy(&bytes)),
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let status = head[9..12].parse().expect("a status");
    let length: Option<usize> = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())
            .flatten()
    });
    let mut body = bytes[head_end + 4..].to_vec();
    while length.is_none_or(|n| body.len() < n) {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&buf[..n]),
        }
    }
    Answer {
        status,
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn request(method: &str, path: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "{method} /api/1.1/json{path} HTTP/1.1\r\nhost: x\r\nauthorization: {}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        auth(),
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn emulator() -> &'static EmulatorHandle {
    static EMULATOR: OnceLock<EmulatorHandle> = OnceLock::new();
    EMULATOR.get_or_init(|| {
        Emulator::start(EmulatorConfig::new().tickets(20).seed(5)).expect("emulator starts")
    })
}

fn post_json(path: &str, body: &str) -> Answer {
    exchange(
        emulator().addr(),
        &request("POST", path, "application/json", body.as_bytes()),
    )
}

fn get(path_and_query: &str) -> Answer {
    exchange(
        emulator().addr(),
        &request("GET", path_and_query, "text/plain", b""),
    )
}

#[test]
fn bad_json_and_wrong_types_are_400_with_what_is_wrong() {
    let cut = post_json("/tickets/", r#"{"subject": "#);
    assert_eq!(cut.status, 400);
    assert!(
        cut.message()
            .starts_with("Invalid JSON payload: EOF while parsing"),
        "{cut:?}"
    );

    let list_subject = post_json(
        "/tickets/",
        r#"{"category": 1, "subject": [1, 2], "text": "t", "client": 1}"#,
    );
    assert_eq!(list_subject.status, 400);
    assert_eq!(
        list_subject.json()["error"],
        serde_json::json!([{"field": "subject", "errors": ["Expected text (a string), got a list."]}])
    );

    let object_tags = post_json(
        "/ticket/1/staff_update/",
        r#"{"staff": 1, "tags": {"a": 1}}"#,
    );
    assert_eq!(object_tags.status, 400);
    assert!(
        object_tags.message().contains("Expected a list"),
        "{object_tags:?}"
    );

    let number = post_json("/tickets/", "5");
    assert_eq!(number.status, 400);
    assert!(
        number.message().contains("expected an object"),
        "{number:?}"
    );

    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep = post_json("/tickets/", &deep);
    assert_eq!(deep.status, 400);
    assert!(
        deep.message().contains("recursion limit exceeded"),
        "{deep:?}"
    );

    let bulk_of_numbers = post_json("/tickets/", "[1, 2]");
    assert_eq!(bulk_of_numbers.status, 200, "bulk answers item by item");
    assert_eq!(bulk_of_numbers.json()[0]["success"], false);
}

#[test]
fn broken_multipart_is_400_with_a_message() {
    let addr = emulator().addr();
    for (content_type, body) in [
        (
            "multipart/form-data; boundary=XYZ",
            &b"this is not multipart"[..],
        ),
        ("multipart/form-data", &b"--XYZ\r\n\r\n"[..]),
        (
            "multipart/form-data; boundary=XYZ",
            &b"--XYZ\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nno end"[..],
        ),
    ] {
        let answer = exchange(addr, &request("POST", "/tickets/", content_type, body));
        assert!(
            (400..500).contains(&answer.status),
            "{content_type}: {answer:?}"
        );
        assert!(!answer.message().is_empty(), "{content_type}: {answer:?}");
    }
}

#[test]
fn a_body_announced_over_the_limit_is_refused_before_reading() {
    // 10^12 bytes announced, none sent: the answer comes at once, the connection closes.
    let head = format!(
        "POST /api/1.1/json/tickets/ HTTP/1.1\r\nhost: x\r\nauthorization: {}\r\ncontent-type: application/json\r\ncontent-length: 1000000000000\r\n\r\n",
        auth()
    );
    let answer = exchange(emulator().addr(), head.as_bytes());
    assert_eq!(answer.status, 413);
    assert!(
        answer
            .message()
            .contains("1000000000000 bytes (Content-Length)"),
        "{answer:?}"
    );
    assert!(
        answer
            .head
            .to_ascii_lowercase()
            .contains("connection: close")
    );
}

#[test]
fn absurd_page_numbers_are_an_empty_page_or_400() {
    let far = get("/tickets/?page=18446744073709551615&size=50");
    assert_eq!(far.status, 200, "{far:?}");
    assert_eq!(far.json()["data"], serde_json::json!([]));
    for query in [
        "page=99999999999999999999999",
        "page=-1",
        "page=0",
        "size=abc",
        "page=1e3",
    ] {
        let answer = get(&format!("/tickets/?{query}"));
        assert_eq!(answer.status, 400, "{query}: {answer:?}");
        assert!(
            answer.message().contains("whole number"),
            "{query}: {answer:?}"
        );
    }
}

#[test]
fn wrong_methods_long_uris_and_many_headers_get_messages() {
    let addr = emulator().addr();
    let get_a_write = get("/ticket/1/staff_update/");
    assert_eq!(get_a_write.status, 405);
    assert!(
        get_a_write.message().contains("use POST"),
        "{get_a_write:?}"
    );
    let delete = exchange(addr, &request("DELETE", "/tickets/", "text/plain", b""));
    assert_eq!(delete.status, 405);
    assert!(
        delete
            .message()
            .contains("GET for reads and POST for writes"),
        "{delete:?}"
    );

    let long = get(&format!("/tickets/?q={}", "a".repeat(70_000)));
    assert_eq!(long.status, 414);
    assert!(long.message().contains("URI is too long"), "{long:?}");

    let mut many = format!(
        "GET /api/1.1/json/statuses/ HTTP/1.1\r\nhost: x\r\nauthorization: {}\r\n",
        auth()
    );
    for i in 0..150 {
        many.push_str(&format!("x-header-{i}: {i}\r\n"));
    }
    many.push_str("\r\n");
    let many = exchange(addr, many.as_bytes());
    assert_eq!(many.status, 431);
    assert!(many.message().contains("at most 100 headers"), "{many:?}");

    let garbage = exchange(addr, b"NOT AN HTTP REQUEST\r\n\r\n");
    assert_eq!(garbage.status, 400);
    assert!(
        garbage.message().contains("could not be read as HTTP/1.1"),
        "{garbage:?}"
    );
}

#[test]
fn the_basic_scheme_is_case_insensitive() {
    let token = base64::engine::general_purpose::STANDARD.encode("demo-api-key:demo-auth-code");
    for scheme in ["basic", "BASIC", "Basic"] {
        let raw = format!(
            "GET /api/1.1/json/statuses/ HTTP/1.1\r\nhost: x\r\nauthorization: {scheme} {token}\r\nconnection: close\r\n\r\n"
        );
        let answer = exchange(emulator().addr(), raw.as_bytes());
        assert_eq!(answer.status, 200, "{scheme}: {answer:?}");
    }
}

/// Whether the server closes `stream` (reads end) before `HANG`.
fn closed_by_server(stream: &mut TcpStream) -> bool {
    stream.set_read_timeout(Some(HANG)).expect("timeout");
    let mut sink = Vec::new();
    match stream.read_to_end(&mut sink) {
        Ok(_) => true,
        Err(error) => {
            error.kind() != std::io::ErrorKind::WouldBlock
                && error.kind() != std::io::ErrorKind::TimedOut
        }
    }
}

#[test]
fn slow_clients_are_cut_off_by_the_read_timeouts() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(2).limits(ServerLimits {
        header_read_timeout: Duration::from_millis(200),
        body_read_timeout: Duration::from_millis(300),
        ..ServerLimits::default()
    }))
    .expect("emulator");
    let addr = emulator.addr();
    let started = Instant::now();
    let mut half_sent: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = TcpStream::connect(addr).expect("connect");
            stream
                .write_all(b"GET /api/1.1/json/statuses/ HTTP/1.1\r\nhost: x\r\nx-slow")
                .expect("half a head");
            stream
        })
        .collect();
    for stream in &mut half_sent {
        assert!(closed_by_server(stream), "a half-sent head was kept open");
    }
    assert!(started.elapsed() < HANG);

    // A body announced but never finished: 408 with a message, then the close.
    let head = format!(
        "POST /api/1.1/json/tickets/ HTTP/1.1\r\nhost: x\r\nauthorization: {}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"subj",
        auth()
    );
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(HANG)).expect("timeout");
    stream.write_all(head.as_bytes()).expect("part of a body");
    let answer = read_answer(&mut stream);
    assert_eq!(answer.status, 408, "{answer:?}");
    assert!(
        answer.message().contains("did not arrive within 300 ms"),
        "{answer:?}"
    );
    assert!(closed_by_server(&mut stream));

    // An idle keep-alive connection is closed after the header timeout too.
    let mut idle = TcpStream::connect(addr).expect("connect");
    idle.set_read_timeout(Some(HANG)).expect("timeout");
    let ok = format!(
        "GET /api/1.1/json/statuses/ HTTP/1.1\r\nhost: x\r\nauthorization: {}\r\n\r\n",
        auth()
    );
    idle.write_all(ok.as_bytes()).expect("request");
    assert_eq!(read_answer(&mut idle).status, 200);
    assert!(
        closed_by_server(&mut idle),
        "an idle connection was kept open"
    );
}

#[test]
fn connections_over_the_limit_get_503_and_slots_free_up() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(2).limits(ServerLimits {
        max_connections: 3,
        ..ServerLimits::default()
    }))
    .expect("emulator");
    let addr = emulator.addr();
    let held: Vec<TcpStream> = (0..3)
        .map(|_| TcpStream::connect(addr).expect("connect"))
        .collect();
    let ok = format!(
        "GET /api/1.1/json/statuses/ HTTP/1.1\r\nhost: x\r\nauthorization: {}\r\nconnection: close\r\n\r\n",
        auth()
    );
    let refused = exchange(addr, ok.as_bytes());
    assert_eq!(refused.status, 503, "{refused:?}");
    assert!(
        refused
            .message()
            .contains("serving 3 connections, its limit"),
        "{refused:?}"
    );
    drop(held);
    let waited = Instant::now();
    loop {
        if exchange(addr, ok.as_bytes()).status == 200 {
            break;
        }
        assert!(waited.elapsed() < HANG, "the slots never freed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn method() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("GET"), Just("POST"), Just("PUT"), Just("HEAD")]
}

fn path() -> impl Strategy<Value = String> {
    let known = prop_oneof![
        Just("/tickets/"),
        Just("/ticket/1/"),
        Just("/ticket/2/staff_update/"),
        Just("/ticket/3/staff_pvtnote/"),
        Just("/ticket/4/user_reply/"),
        Just("/ticket/5/update_tags/"),
        Just("/ticket/6/update_custom_fields/"),
        Just("/ticket/7/subscribe/"),
        Just("/ticket/8/forward/"),
        Just("/ticket/9/move/"),
        Just("/ticket-inline-attachment"),
        Just("/users/"),
        Just("/user/1/"),
        Just("/contact_group/1/"),
    ];
    (known, "[a-z0-9%._~-]{0,6}").prop_map(|(p, suffix)| format!("{p}{suffix}"))
}

fn query() -> impl Strategy<Value = String> {
    let pair = (
        prop_oneof![
            Just("page"),
            Just("size"),
            Just("q"),
            Just("sort"),
            Just("status"),
            Just("category"),
            Just("fields"),
            Just("minify_response"),
        ],
        "[a-zA-Z0-9%+:\",_-]{0,12}",
    )
        .prop_map(|(k, v)| format!("{k}={v}"));
    prop::collection::vec(pair, 0..4).prop_map(|pairs| pairs.join("&"))
}

fn json_body() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::String),
    ];
    let keys = prop_oneof![
        Just("subject".to_owned()),
        Just("text".to_owned()),
        Just("category".to_owned()),
        Just("staff".to_owned()),
        Just("staff_id".to_owned()),
        Just("client".to_owned()),
        Just("tags".to_owned()),
        Just("status".to_owned()),
        Just("assignee".to_owned()),
        Just("due_date".to_owned()),
        Just("t-cf-1".to_owned()),
        Just("ccf-1".to_owned()),
        Just("add".to_owned()),
        Just("to".to_owned()),
        "[a-z_-]{1,6}",
    ];
    let value = leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        value.prop_map(|v| v.to_string().into_bytes()),
        prop::collection::vec(any::<u8>(), 0..64),
    ]
}

fn content_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("application/json"),
        Just("application/x-www-form-urlencoded"),
        Just("multipart/form-data; boundary=B"),
        Just("text/plain"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_request_gets_a_5xx_or_an_empty_error(
        method in method(),
        path in path(),
        query in query(),
        content_type in content_type(),
        body in json_body(),
    ) {
        let target = if query.is_empty() { path } else { format!("{path}?{query}") };
        let answer = exchange(emulator().addr(), &request(method, &target, content_type, &body));
        prop_assert!(answer.status < 500, "{method} {target} {content_type}: {answer:?}");
        if answer.status >= 400 && method != "HEAD" {
            prop_assert!(!answer.message().trim().is_empty(), "{method} {target}: {answer:?}");
        }
    }
}
