//! Client options end to end: `ClientOptions` through the builder, `Client::with_options`
//! for one call or a group (sharing the pacing, the lookup cache and the connection pool),
//! and `Error::kind` of real failures.

use std::time::Duration;

use happyfox::{
    ClientOptions, ErrorKind, GetTicket, InputRule, Pacing, RequestOptions, RetryPolicy,
    StaffUpdate,
};
use happyfox_emulator::{Emulator, EmulatorConfig, FaultKind, PlannedFault};

fn emulator() -> happyfox_emulator::EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(5).seed(3)).expect("emulator")
}

#[test]
fn options_set_at_once_reach_the_configuration() {
    let emulator = emulator();
    let mut options = ClientOptions::default();
    options.timeout = Duration::from_secs(7);
    options.connect_timeout = Duration::from_secs(2);
    options.retry = RetryPolicy::standard()
        .max_retries(5)
        .deadline(Some(Duration::from_secs(30)));
    options.pacing = Some(Pacing::per_minute(100, 60));
    options.user_agent = Some("ops-bot/1.0".into());
    options.max_response_bytes = 1 << 20;
    options.dry_run = true;
    options.no_proxy = true;
    let client = emulator
        .client_builder()
        .options(options)
        .build()
        .expect("client");
    let config = client.config();
    assert_eq!(config.timeout, Duration::from_secs(7));
    assert_eq!(config.connect_timeout, Duration::from_secs(2));
    assert_eq!(config.retry.max_retries, 5);
    assert_eq!(config.retry.deadline, Some(Duration::from_secs(30)));
    assert_eq!(config.pacing, Some(Pacing::per_minute(100, 60)));
    assert_eq!(config.user_agent, "ops-bot/1.0");
    assert_eq!(config.max_response_bytes, 1 << 20);
    assert!(config.dry_run);
    assert!(config.proxy.is_none());
}

#[test]
fn unusable_options_are_refused_by_name() {
    let emulator = emulator();
    let mut zero = ClientOptions::default();
    zero.timeout = Duration::ZERO;
    let error = emulator
        .client_builder()
        .options(zero)
        .build()
        .expect_err("a zero timeout");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        error.invalid_input().and_then(|i| i.field.as_deref()),
        Some("timeout")
    );

    let mut both = ClientOptions::default();
    both.proxy = Some("http://proxy.internal:3128".into());
    both.no_proxy = true;
    let error = emulator
        .client_builder()
        .options(both)
        .build()
        .expect_err("proxy and no_proxy");
    assert_eq!(
        error.invalid_input().map(|i| &i.rule),
        Some(&InputRule::Proxy)
    );
}

#[test]
fn a_dry_run_for_one_call_leaves_the_client_writing() {
    let emulator = emulator();
    let client = emulator.client();
    let reply = StaffUpdate::new(1).plaintext("checked").status(2);

    let preview = client
        .with_options(&RequestOptions::new().dry_run(true))
        .staff_update(1, &reply)
        .expect_err("a dry run sends nothing");
    assert_eq!(preview.kind(), ErrorKind::DryRun);
    assert_eq!(
        emulator
            .stats()
            .of("POST", "/ticket/1/staff_update/")
            .received,
        0
    );

    drop(
        client
            .staff_update(1, &reply)
            .expect("the client still writes"),
    );
    assert_eq!(
        emulator
            .stats()
            .of("POST", "/ticket/1/staff_update/")
            .applied,
        1
    );
}

#[test]
fn retries_for_one_call_and_the_clients_own() {
    let emulator = emulator();
    let client = emulator
        .client_builder()
        .retry(RetryPolicy::standard().backoff(Duration::ZERO, Duration::ZERO))
        .build()
        .expect("client");
    emulator.plan(PlannedFault::get("/ticket/2/", FaultKind::Status(503)).times(1));
    let error = client
        .with_options(&RequestOptions::new().max_retries(0))
        .get_ticket(2, &GetTicket::new())
        .expect_err("no retry for this call");
    assert_eq!(error.kind(), ErrorKind::Http);
    assert_eq!(error.status(), Some(503));

    emulator.plan(PlannedFault::get("/ticket/2/", FaultKind::Status(503)).times(1));
    client
        .get_ticket(2, &GetTicket::new())
        .expect("the client's own retries outlast one 503");
}

#[test]
fn a_timeout_for_one_call_is_a_timeout_kind() {
    let emulator = emulator();
    let client = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    emulator.plan(
        PlannedFault::get("/ticket/3/", FaultKind::SlowAnswer(Duration::from_secs(2))).times(1),
    );
    let error = client
        .with_options(&RequestOptions::new().timeout(Duration::from_millis(200)))
        .get_ticket(3, &GetTicket::new())
        .expect_err("slower than the call's timeout");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    client
        .get_ticket(3, &GetTicket::new())
        .expect("the client's own timeout is a minute");
}

#[test]
fn derived_clients_share_the_pacing() {
    let emulator = emulator();
    let paced = || {
        emulator
            .client_builder()
            .pacing(Pacing::per_minute(2, 2))
            .retry(RetryPolicy::none().deadline(Some(Duration::from_millis(300))))
            .build()
            .expect("client")
    };
    let client = paced();
    let quick = client.with_options(&RequestOptions::new().timeout(Duration::from_secs(5)));
    for id in [1, 2] {
        client
            .get_ticket(id, &GetTicket::new())
            .expect("within the pacing");
    }
    let error = quick
        .get_ticket(3, &GetTicket::new())
        .expect_err("the window is full for the derived client too");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(emulator.stats().of("GET", "/ticket/3/").received, 0);
    paced()
        .get_ticket(3, &GetTicket::new())
        .expect("another client has its own window");
}

#[test]
fn derived_clients_share_the_lookup_cache() {
    let emulator = emulator();
    let client = emulator.client();
    let agent = client.lookups().expect("lookups").staff_members()[0].clone();
    emulator.reset_stats();
    let derived = client.with_options(&RequestOptions::new().max_retries(0));
    let lookups = derived.lookups().expect("cached");
    assert_eq!(
        lookups.staff(&agent.id.to_string()).expect("found").id,
        agent.id
    );
    assert_eq!(
        emulator.stats().total().received,
        0,
        "no request: one cache"
    );
}
