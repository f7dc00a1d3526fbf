//! Log output and secrets, in a binary of its own (the logger is process-wide): every retry
//! is logged through the `log` facade; the API key, the auth code and the Basic token made
//! from them never appear in any log line (every level, every crate: ureq's included) nor
//! in any error's `Display` or `Debug`, even when a server echoes them back; and a write
//! whose connection was refused (it provably never left) is retried until the server is up,
//! and posted exactly once.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use base64::Engine;
use happyfox::{Client, CreateTicket, Error, RetryPolicy, StaffPrivateNote};
use happyfox_emulator::{Emulator, EmulatorConfig, FaultKind, PlannedFault};
use happyfox_tests::logs::{self, lines};

const KEY: &str = "KEY-4f1c9a7e2b8d4c06";
const CODE: &str = "CODE-93b2e6d1a0f47c85";

/// The log lines of retries of `method path`.
fn retries_of(method_and_path: &str) -> Vec<String> {
    lines()
        .into_iter()
        .filter(|l| l.starts_with("WARN happyfox::retry: ") && l.contains(method_and_path))
        .filter(|l| l.contains("; retry "))
        .collect()
}

fn secrets() -> [String; 3] {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:{CODE}"));
    [KEY.to_owned(), CODE.to_owned(), token]
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in secrets() {
        assert!(!text.contains(&secret), "{what} shows a credential: {text}");
    }
}

fn fast() -> RetryPolicy {
    RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

/// A server that answers every request with `status` and a body echoing the request's
/// Authorization header and the credentials it decodes to, as a careless proxy might.
fn echo_server(status: u16, json: bool) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut authorization = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("authorization")
                {
                    authorization = value.trim().to_owned();
                }
            }
            let decoded = authorization
                .strip_prefix("Basic ")
                .and_then(|t| base64::engine::general_purpose::STANDARD.decode(t).ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let body = if json {
                format!(r#"{{"error": {{"{decoded}": "bad credentials {authorization}"}}}}"#)
            } else {
                format!("you sent {authorization} ({decoded})")
            };
            let answer = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = (&stream).write_all(answer.as_bytes());
        }
    });
    addr
}

fn echo_client(addr: SocketAddr) -> Client {
    Client::builder()
        .base_url(format!("http://{addr}"))
        .credentials(KEY, CODE)
        .retry(fast())
        .build()
        .expect("client")
}

#[test]
fn retries_are_logged_and_no_credential_reaches_a_log_or_an_error() {
    logs::install();
    let mut errors: Vec<Error> = Vec::new();

    // A retrying scenario against the emulator: a read through 503, 429 and a drop.
    let emulator =
        Emulator::start(EmulatorConfig::new().credentials(KEY, CODE).tickets(5)).expect("emulator");
    let client = emulator
        .client_builder()
        .retry(fast())
        .build()
        .expect("client");
    emulator.plan(PlannedFault::get("/statuses/", FaultKind::Status(503)));
    emulator.plan(PlannedFault::get(
        "/statuses/",
        FaultKind::RateLimited {
            retry_after: Some(0),
            body_wait: Some(0),
        },
    ));
    emulator.plan(PlannedFault::get(
        "/statuses/",
        FaultKind::DropAfterApplying,
    ));
    client.list_statuses().expect("retried three times");
    let read_retries = retries_of("GET /statuses/");
    assert_eq!(read_retries.len(), 3, "{read_retries:#?}");
    assert!(read_retries[0].contains("HTTP 503") && read_retries[0].contains("retry 1 of 3"));
    assert_eq!(emulator.stats().of("GET", "/statuses/").received, 4);

    // A write that may have been applied: not retried, said so in the log and the error.
    emulator.plan(PlannedFault::post(
        "/tickets/",
        FaultKind::DropAfterApplying,
    ));
    let unknown = client
        .create_ticket(&CreateTicket::new(1, "logged").text("t").client(1))
        .unwrap_err();
    assert!(unknown.outcome_unknown(), "{unknown:?}");
    assert!(retries_of("POST /tickets/").is_empty());
    assert!(
        lines()
            .iter()
            .any(|l| l.contains("POST /tickets/") && l.contains("may or may not have been applied")),
        "the outcome-unknown write is logged"
    );
    errors.push(unknown);

    // Servers that echo the credentials back: in a 5xx body (retried, so logged), a
    // validation map, a 2xx that is not JSON.
    errors.push(
        echo_client(echo_server(500, false))
            .list_statuses()
            .unwrap_err(),
    );
    assert_eq!(
        retries_of("GET /statuses/").len(),
        6,
        "three more retries logged"
    );
    errors.push(
        echo_client(echo_server(400, true))
            .list_statuses()
            .unwrap_err(),
    );
    errors.push(
        echo_client(echo_server(200, false))
            .list_statuses()
            .unwrap_err(),
    );
    assert!(
        matches!(errors[1], Error::Http { status: 500, .. }),
        "{:?}",
        errors[1]
    );
    assert!(
        matches!(errors[2], Error::Validation { .. }),
        "{:?}",
        errors[2]
    );
    assert!(matches!(errors[3], Error::Decode { .. }), "{:?}", errors[3]);
    assert!(
        errors[3].to_string().contains("you sent Basic ***"),
        "{}",
        errors[3]
    );

    // Refused before sending, and a wrong account.
    errors.push(
        Client::new(
            &format!("https://{KEY}:{CODE}@acme.happyfox.com"),
            KEY,
            CODE,
        )
        .unwrap_err(),
    );
    let wrong = emulator
        .client_builder()
        .credentials(KEY, "CODE-wrong-wrong-wrong")
        .build()
        .expect("client");
    errors.push(wrong.list_statuses().unwrap_err());

    for error in &errors {
        assert_no_secret("an error's Display", &error.to_string());
        assert_no_secret("an error's Debug", &format!("{error:?}"));
    }
    assert_no_secret(
        "a client's Debug",
        &format!("{client:?} {client} {:?}", client.config()),
    );
    let all = lines();
    assert!(
        all.iter().any(|l| l.starts_with("DEBUG ureq")),
        "ureq's own logs are captured too"
    );
    for line in &all {
        assert_no_secret("a log line", line);
    }
}

#[test]
fn a_write_refused_at_connect_is_retried_until_the_server_is_up_and_posted_once() {
    logs::install();
    let addr = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    }; // closed: connecting is refused
    let client = Client::builder()
        .base_url(format!("http://{addr}"))
        .credentials(KEY, CODE)
        .retry(
            RetryPolicy::standard()
                .max_retries(1000)
                .backoff(Duration::from_millis(5), Duration::from_millis(20))
                .deadline(Some(Duration::from_secs(30))),
        )
        .build()
        .expect("client");
    let write = std::thread::spawn(move || {
        client.staff_private_note(
            1,
            &StaffPrivateNote::new(1).plaintext("refused, then posted"),
        )
    });
    let waited = Instant::now();
    while !lines().iter().any(|l| {
        l.contains("POST /ticket/1/staff_pvtnote/")
            && l.contains("; retry ")
            && l.contains("refused")
    }) {
        assert!(
            waited.elapsed() < Duration::from_secs(20),
            "no refused retry was logged"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let emulator = Emulator::start(EmulatorConfig::new().addr(addr).credentials(KEY, CODE))
        .expect("the emulator takes the port");
    let posted = write
        .join()
        .expect("thread")
        .expect("posted once the server is up");
    assert!(posted.answer().is_some());
    assert_eq!(
        emulator
            .stats()
            .of("POST", "/ticket/1/staff_pvtnote/")
            .received,
        1,
        "nothing arrived before the server was up"
    );
    let notes = emulator.snapshot().tickets[&1]
        .updates
        .iter()
        .filter(|u| {
            u.message
                .as_ref()
                .is_some_and(|m| m.text == "refused, then posted")
        })
        .count();
    assert_eq!(notes, 1, "posted exactly once");
}
