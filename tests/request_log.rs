//! Request logs, in a binary of its own (the logger is process-wide): one info line per
//! attempt on `happyfox::request` (method, path with query, status, duration, retry
//! number), bodies at trace on `happyfox::request::body` only with `log_bodies(true)` and
//! cut at `MAX_LOGGED_BODY_BYTES`, and no credential (API key, auth code, their Basic
//! token, a proxy's password or its token) in any line of any crate.

use std::time::Duration;

use base64::Engine;
use happyfox::{
    CreateTicket, ListTickets, MAX_LOGGED_BODY_BYTES, REQUEST_BODY_TARGET, REQUEST_TARGET,
    RetryPolicy,
};
use happyfox_emulator::{Emulator, EmulatorConfig, FaultKind, PlannedFault};
use happyfox_tests::applied::Answered;
use happyfox_tests::logs;
use happyfox_tests::proxy::CountingProxy;

const KEY: &str = "KEY-a1b2c3d4e5f60718";
const CODE: &str = "CODE-0f9e8d7c6b5a4932";
const PROXY_PASSWORD: &str = "PROXY-PASS-55aa";

fn lines_of(target: &str) -> Vec<String> {
    let prefix = format!(" {target}: ");
    logs::lines()
        .into_iter()
        .filter(|l| l.contains(&prefix))
        .collect()
}

/// The message of a line of `happyfox::request`, its duration replaced by `<ms>`.
fn without_duration(line: &str) -> String {
    let message = line.split_once(": ").map_or(line, |(_, m)| m);
    let (before, after) = message.split_once(" in ").expect("a duration");
    let (_, rest) = after.split_once(" ms").expect("ms");
    format!("{before} in <ms> ms{rest}")
}

#[test]
fn every_attempt_is_logged_bodies_only_when_asked_and_no_secret_ever() {
    logs::install();
    let emulator = Emulator::start(EmulatorConfig::new().credentials(KEY, CODE).tickets(60))
        .expect("emulator");
    let fast = RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(5));
    let client = emulator
        .client_builder()
        .retry(fast)
        .build()
        .expect("client");

    emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)));
    client
        .list_tickets(&ListTickets::new().size(2).page(3))
        .expect("retried once");
    client
        .create_ticket(&CreateTicket::new(1, "logged").text("a body").client(1))
        .answered("created");
    let lines: Vec<String> = lines_of(REQUEST_TARGET)
        .iter()
        .map(|l| without_duration(l))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /tickets/?status=_all&q=%22%22&size=2&page=3 -> HTTP 503 in <ms> ms, retry 0",
            "GET /tickets/?status=_all&q=%22%22&size=2&page=3 -> HTTP 200 in <ms> ms, retry 1",
            "POST /tickets/ -> HTTP 200 in <ms> ms, retry 0",
        ]
    );
    assert!(lines_of(REQUEST_TARGET)[0].starts_with("INFO "));
    assert!(
        lines_of(REQUEST_BODY_TARGET).is_empty(),
        "no body unless asked"
    );

    // Bodies when asked: the request's, and the answer's cut at the limit.
    let verbose = emulator
        .client_builder()
        .log_bodies(true)
        .build()
        .expect("client");
    verbose
        .create_ticket(&CreateTicket::new(1, "with body").text("shown").client(1))
        .answered("created");
    verbose
        .list_tickets(&ListTickets::new().size(50))
        .expect("a page");
    let bodies = lines_of(REQUEST_BODY_TARGET);
    assert_eq!(bodies.len(), 3, "a GET has no request body: {bodies:#?}");
    assert!(bodies.iter().all(|l| l.starts_with("TRACE ")));
    assert!(bodies[0].contains("POST /tickets/ request body (") && bodies[0].contains("with body"));
    assert!(bodies[1].contains("POST /tickets/ answer body ("));
    assert!(bodies[2].contains(&format!(", first {MAX_LOGGED_BODY_BYTES} shown): ")));
    assert!(bodies[2].len() < MAX_LOGGED_BODY_BYTES + 200);

    // Through a proxy with credentials, and a request that gets no answer.
    let proxy = CountingProxy::start(emulator.addr());
    emulator
        .client_builder()
        .proxy(format!(
            "http://proxy-user:{PROXY_PASSWORD}@{}",
            proxy.addr()
        ))
        .log_bodies(true)
        .build()
        .expect("client")
        .list_statuses()
        .expect("through the proxy");
    assert_eq!(proxy.tunnels().len(), 1);
    let down = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let _ = emulator
        .client_builder()
        .no_retries()
        .proxy(format!("http://proxy-user:{PROXY_PASSWORD}@{down}"))
        .build()
        .expect("client")
        .list_statuses()
        .unwrap_err();
    assert!(
        lines_of(REQUEST_TARGET)
            .iter()
            .any(|l| l.contains("GET /statuses/ -> no answer (")),
        "a request without an answer is logged"
    );

    let encode = |text: String| base64::engine::general_purpose::STANDARD.encode(text);
    let secrets = [
        KEY.to_owned(),
        CODE.to_owned(),
        encode(format!("{KEY}:{CODE}")),
        PROXY_PASSWORD.to_owned(),
        encode(format!("proxy-user:{PROXY_PASSWORD}")),
    ];
    let all = logs::lines();
    assert!(
        all.iter().any(|l| l.starts_with("DEBUG ureq")),
        "ureq's lines are captured"
    );
    for line in &all {
        for secret in &secrets {
            assert!(
                !line.contains(secret.as_str()),
                "a log line shows a secret: {line}"
            );
        }
    }
}
