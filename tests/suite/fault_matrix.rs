//! The fault matrix: every failure a client meets, injected deterministically by the
//! emulator's fault plan, against the client's default retry rules (with millisecond
//! backoffs). For each: the exact outcome (retried and succeeded, or the right error) and
//! server-side counts (requests received and applied, tickets and replies in the data) that
//! prove no write was lost or applied twice. RELIABILITY.md has the table.

use std::time::{Duration, Instant};

use happyfox::{
    Applied, Client, CreateTicket, Error, ListTickets, Pacing, RetryPolicy, StaffPrivateNote,
    StaffUpdate, Ticket,
};
use happyfox_emulator::{
    Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, FaultKind, NOT_JSON_BODY, PlannedFault,
    RateLimit, RequestCounts,
};

fn start() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(5).seed(3)).expect("emulator starts")
}

/// The default policy with millisecond backoffs and a 2 s cap on rate-limit waits.
fn policy() -> RetryPolicy {
    RetryPolicy::standard()
        .backoff(Duration::from_millis(1), Duration::from_millis(10))
        .max_wait(Duration::from_secs(2))
}

fn client(emulator: &EmulatorHandle) -> Client {
    emulator
        .client_builder()
        .retry(policy())
        .build()
        .expect("client")
}

/// Prints a measured count when `MEASURE` is set (RELIABILITY.md quotes them):
/// `MEASURE=1 cargo test -p happyfox-tests --test fault_matrix -- --nocapture`.
fn measured(line: String) {
    if std::env::var_os("MEASURE").is_some() {
        eprintln!("MEASURED {line}");
    }
}

fn counts(emulator: &EmulatorHandle, method: &str, path: &str) -> RequestCounts {
    emulator.stats().of(method, path)
}

/// `(received, applied)` of a method and path.
fn received_applied(emulator: &EmulatorHandle, method: &str, path: &str) -> (u64, u64) {
    let c = counts(emulator, method, path);
    (c.received, c.applied)
}

/// How many tickets have this subject.
fn tickets_with_subject(emulator: &EmulatorHandle, subject: &str) -> usize {
    emulator
        .snapshot()
        .tickets
        .values()
        .filter(|t| t.subject == subject)
        .count()
}

/// How many updates of `ticket` carry a message with this text.
fn messages_with_text(emulator: &EmulatorHandle, ticket: u64, text: &str) -> usize {
    emulator.snapshot().tickets[&ticket]
        .updates
        .iter()
        .filter(|u| u.message.as_ref().is_some_and(|m| m.text == text))
        .count()
}

fn create(subject: &str) -> CreateTicket {
    CreateTicket::new(1, subject).text("body").client(1)
}

/// The cause of an outcome-unknown error (panics on anything else).
fn outcome_unknown<T: std::fmt::Debug>(result: happyfox::Result<T>) -> Error {
    match result {
        Err(error @ Error::OutcomeUnknown { .. }) => {
            assert!(error.outcome_unknown());
            assert!(
                error
                    .to_string()
                    .contains("may or may not have been applied"),
                "{error}"
            );
            match error {
                Error::OutcomeUnknown { cause, .. } => *cause,
                _ => unreachable!(),
            }
        }
        other => panic!("expected an outcome-unknown error, got {other:?}"),
    }
}

// ---- 5xx bursts -----------------------------------------------------------------------------

#[test]
fn a_read_retries_through_a_5xx_burst() {
    let emulator = start();
    for status in [500, 502, 503] {
        emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(status)));
    }
    let page = client(&emulator)
        .list_tickets(&ListTickets::new())
        .expect("retried");
    assert_eq!(page.data.len(), 5);
    assert_eq!(received_applied(&emulator, "GET", "/tickets/"), (4, 1));
}

#[test]
fn a_read_gives_up_after_the_retries_with_the_last_status() {
    let emulator = start();
    emulator.plan(PlannedFault::get("/statuses/", FaultKind::Status(504)).times(4));
    let error = client(&emulator).list_statuses().unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 504, .. }),
        "{error:?}"
    );
    assert!(!error.outcome_unknown(), "a read changes nothing");
    assert_eq!(received_applied(&emulator, "GET", "/statuses/"), (4, 0));
}

#[test]
fn a_write_answered_5xx_before_applying_is_outcome_unknown_and_not_applied() {
    let emulator = start();
    emulator.plan(PlannedFault::post("/tickets/", FaultKind::Status(500)));
    let cause = outcome_unknown(client(&emulator).create_ticket(&create("5xx before")));
    assert!(
        matches!(cause, Error::Http { status: 500, .. }),
        "{cause:?}"
    );
    assert_eq!(
        received_applied(&emulator, "POST", "/tickets/"),
        (1, 0),
        "never retried"
    );
    assert_eq!(tickets_with_subject(&emulator, "5xx before"), 0);
}

#[test]
fn a_write_answered_5xx_after_applying_is_outcome_unknown_and_applied_once() {
    let emulator = start();
    emulator.plan(PlannedFault::post(
        "/tickets/",
        FaultKind::StatusAfterApplying(502),
    ));
    let cause = outcome_unknown(client(&emulator).create_ticket(&create("5xx after")));
    assert!(
        matches!(cause, Error::Http { status: 502, .. }),
        "{cause:?}"
    );
    assert_eq!(received_applied(&emulator, "POST", "/tickets/"), (1, 1));
    assert_eq!(tickets_with_subject(&emulator, "5xx after"), 1);
}

#[test]
fn a_408_is_retried_for_a_read_and_a_plain_failure_for_a_write() {
    let emulator = start();
    emulator.plan(PlannedFault::get("/statuses/", FaultKind::Status(408)));
    client(&emulator)
        .list_statuses()
        .expect("a read retries 408");
    assert_eq!(received_applied(&emulator, "GET", "/statuses/"), (2, 1));
    emulator.plan(PlannedFault::post("/tickets/", FaultKind::Status(408)));
    let error = client(&emulator).create_ticket(&create("408")).unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 408, .. }),
        "{error:?}"
    );
    assert!(
        !error.outcome_unknown(),
        "408: the server did not take the request"
    );
    assert_eq!(received_applied(&emulator, "POST", "/tickets/"), (1, 0));
    assert_eq!(tickets_with_subject(&emulator, "408"), 0);
}

// ---- 429 storms ---------------------------------------------------------------------------

#[test]
fn a_read_waits_out_a_429_storm_in_either_wait_form() {
    let emulator = start();
    for (retry_after, body_wait) in [(Some(0), None), (None, Some(0)), (Some(0), Some(0))] {
        emulator.plan(PlannedFault::get(
            "/statuses/",
            FaultKind::RateLimited {
                retry_after,
                body_wait,
            },
        ));
    }
    client(&emulator)
        .list_statuses()
        .expect("retried after each 429");
    assert_eq!(received_applied(&emulator, "GET", "/statuses/"), (4, 1));
}

#[test]
fn a_write_is_sent_again_after_429_and_created_exactly_once() {
    let emulator = start();
    let storm = FaultKind::RateLimited {
        retry_after: Some(0),
        body_wait: Some(0),
    };
    emulator.plan(PlannedFault::post("/tickets/", storm).times(2));
    let ticket = client(&emulator)
        .create_ticket(&create("after 429"))
        .expect("a 429 means nothing was done")
        .answer()
        .expect("the ticket");
    assert_eq!(ticket.subject.as_deref(), Some("after 429"));
    assert_eq!(received_applied(&emulator, "POST", "/tickets/"), (3, 1));
    assert_eq!(tickets_with_subject(&emulator, "after 429"), 1);
}

#[test]
fn the_longer_wait_form_counts_and_a_wait_over_the_cap_is_returned_at_once() {
    let emulator = start();
    let client = client(&emulator); // max_wait 2 s
    for (retry_after, body_wait) in [(1, 3), (3, 1)] {
        emulator.plan(PlannedFault::get(
            "/statuses/",
            FaultKind::RateLimited {
                retry_after: Some(retry_after),
                body_wait: Some(body_wait),
            },
        ));
        match client.list_statuses() {
            Err(Error::RateLimited { retry_after, .. }) => {
                assert_eq!(retry_after, Duration::from_secs(3))
            }
            other => panic!("expected the 3 s wait, over the cap, returned: {other:?}"),
        }
    }
    assert_eq!(
        received_applied(&emulator, "GET", "/statuses/"),
        (2, 0),
        "no retry"
    );
}

#[test]
fn a_storm_longer_than_the_retries_is_returned_and_a_write_is_not_applied() {
    let emulator = start();
    let storm = FaultKind::RateLimited {
        retry_after: Some(0),
        body_wait: None,
    };
    emulator.plan(PlannedFault::post("/tickets/", storm).times(4));
    let error = client(&emulator)
        .create_ticket(&create("storm"))
        .unwrap_err();
    assert!(matches!(error, Error::RateLimited { .. }), "{error:?}");
    assert!(
        !error.outcome_unknown(),
        "every answer was 429: nothing was done"
    );
    assert_eq!(received_applied(&emulator, "POST", "/tickets/"), (4, 0));
    assert_eq!(tickets_with_subject(&emulator, "storm"), 0);
}

// ---- dropped connections --------------------------------------------------------------------

#[test]
fn a_read_dropped_before_or_after_handling_is_retried() {
    let emulator = start();
    emulator.plan(PlannedFault::get(
        "/tickets/",
        FaultKind::DropBeforeApplying,
    ));
    emulator.plan(PlannedFault::get("/tickets/", FaultKind::DropAfterApplying));
    client(&emulator)
        .list_tickets(&ListTickets::new())
        .expect("retried");
    assert_eq!(received_applied(&emulator, "GET", "/tickets/"), (3, 2));
}

#[test]
fn a_create_dropped_before_applying_is_outcome_unknown_and_not_applied() {
    let emulator = start();
    emulator.plan(PlannedFault::post(
        "/tickets/",
        FaultKind::DropBeforeApplying,
    ));
    let cause = outcome_unknown(client(&emulator).create_ticket(&create("dropped before")));
    assert!(matches!(cause, Error::Transport { .. }), "{cause:?}");
    assert_eq!(
        received_applied(&emulator, "POST", "/tickets/"),
        (1, 0),
        "never retried"
    );
    assert_eq!(tickets_with_subject(&emulator, "dropped before"), 0);
}

#[test]
fn a_create_dropped_after_applying_is_outcome_unknown_and_created_exactly_once() {
    let emulator = start();
    emulator.plan(PlannedFault::post(
        "/tickets/",
        FaultKind::DropAfterApplying,
    ));
    let cause = outcome_unknown(client(&emulator).create_ticket(&create("dropped after")));
    assert!(matches!(cause, Error::Transport { .. }), "{cause:?}");
    assert_eq!(
        received_applied(&emulator, "POST", "/tickets/"),
        (1, 1),
        "never retried"
    );
    assert_eq!(tickets_with_subject(&emulator, "dropped after"), 1);
}

#[test]
fn a_reply_dropped_after_applying_is_posted_exactly_once_and_one_dropped_before_never() {
    let emulator = start();
    let client = client(&emulator);
    emulator.plan(PlannedFault::post(
        "/ticket/2/staff_update/",
        FaultKind::DropAfterApplying,
    ));
    outcome_unknown(client.staff_update(2, &StaffUpdate::new(1).plaintext("reply after")));
    assert_eq!(messages_with_text(&emulator, 2, "reply after"), 1);
    emulator.plan(PlannedFault::post(
        "/ticket/2/staff_pvtnote/",
        FaultKind::DropBeforeApplying,
    ));
    outcome_unknown(
        client.staff_private_note(2, &StaffPrivateNote::new(1).plaintext("note before")),
    );
    assert_eq!(messages_with_text(&emulator, 2, "note before"), 0);
    assert_eq!(
        received_applied(&emulator, "POST", "/ticket/2/staff_update/"),
        (1, 1)
    );
    assert_eq!(
        received_applied(&emulator, "POST", "/ticket/2/staff_pvtnote/"),
        (1, 0)
    );
}

// ---- truncated and non-JSON answers ------------------------------------------------------

#[test]
fn a_read_cut_short_is_retried() {
    let emulator = start();
    emulator.plan(PlannedFault::get("/tickets/", FaultKind::Truncate).times(2));
    let page = client(&emulator)
        .list_tickets(&ListTickets::new())
        .expect("retried");
    assert_eq!(page.data.len(), 5);
    assert_eq!(received_applied(&emulator, "GET", "/tickets/"), (3, 3));
}

#[test]
fn a_create_cut_short_is_applied_once_and_handed_back_as_unrecognized() {
    let emulator = start();
    emulator.plan(PlannedFault::post("/tickets/", FaultKind::Truncate));
    let applied = client(&emulator)
        .create_ticket(&create("cut short"))
        .expect("a 2xx status arrived: the write happened");
    let raw = applied
        .unrecognized()
        .expect("an answer cut short is not a ticket");
    assert_eq!(raw.status, 200);
    assert!(
        raw.problem.contains("was cut short after"),
        "{}",
        raw.problem
    );
    assert!(
        raw.problem.contains("the write was applied"),
        "{}",
        raw.problem
    );
    assert!(
        !raw.body.is_empty() && raw.json().is_none(),
        "half a JSON body"
    );
    assert_eq!(received_applied(&emulator, "POST", "/tickets/"), (1, 1));
    assert_eq!(tickets_with_subject(&emulator, "cut short"), 1);
}

#[test]
fn a_read_answered_with_html_is_a_decode_error_not_retried() {
    let emulator = start();
    emulator.plan(PlannedFault::get("/statuses/", FaultKind::NotJson));
    match client(&emulator).list_statuses() {
        Err(Error::Decode { body_start, .. }) => assert!(body_start.starts_with("<html>")),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(received_applied(&emulator, "GET", "/statuses/"), (1, 1));
}

#[test]
fn a_write_answered_with_html_is_applied_once_and_handed_back() {
    let emulator = start();
    emulator.plan(PlannedFault::post(
        "/ticket/3/user_reply/",
        FaultKind::NotJson,
    ));
    let applied = client(&emulator)
        .contact_reply(3, &happyfox::ContactReply::new(1, "from the contact"))
        .expect("2xx");
    match applied {
        Applied::Unrecognized(raw) => assert_eq!(raw.body, NOT_JSON_BODY.as_bytes()),
        Applied::Answer(ticket) => panic!("expected the HTML page, got ticket {}", ticket.id),
    }
    assert_eq!(messages_with_text(&emulator, 3, "from the contact"), 1);
    assert_eq!(
        received_applied(&emulator, "POST", "/ticket/3/user_reply/"),
        (1, 1)
    );
}

#[test]
fn a_hundred_creates_through_cut_answers_and_drops_are_each_accounted_for() {
    // The hostile run: answers cut short were applied and reported as plain failures.
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .tickets(5)
            .seed(21)
            .faults(FaultConfig {
                truncate_rate: 0.2,
                drop_rate: 0.1,
                ..FaultConfig::default()
            }),
    )
    .expect("emulator");
    let client = client(&emulator);
    let (mut answered, mut cut, mut unknown) = (0, 0, 0);
    for n in 0..100 {
        match client.create_ticket(&create(&format!("bulk job {n}"))) {
            Ok(Applied::Answer(_)) => answered += 1,
            Ok(Applied::Unrecognized(raw)) => {
                assert!(raw.problem.contains("cut short"), "{}", raw.problem);
                cut += 1;
            }
            Err(error) if error.outcome_unknown() => unknown += 1,
            Err(error) => panic!("create {n}: a plain failure: {error}"),
        }
    }
    let stats = counts(&emulator, "POST", "/tickets/");
    let created = (0..100)
        .filter(|n| tickets_with_subject(&emulator, &format!("bulk job {n}")) == 1)
        .count();
    assert!(
        cut > 0 && unknown > 0,
        "the run met both faults: {cut} cut, {unknown} dropped"
    );
    assert_eq!(answered + cut + unknown, 100);
    assert_eq!(
        created,
        answered + cut,
        "every create that got a 2xx exists, once"
    );
    assert_eq!(stats.received, 100, "no create was sent twice");
    assert_eq!(stats.applied as usize, created);
    assert_eq!(stats.faulted as usize, cut + unknown);
    measured(format!(
        "MEASURE hundred: answered {answered} cut {cut} unknown {unknown} {stats:?}"
    ));
}

// ---- answers slower than the timeout ----------------------------------------------------

fn impatient(emulator: &EmulatorHandle) -> Client {
    emulator
        .client_builder()
        .retry(policy())
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client")
}

#[test]
fn a_read_slower_than_the_timeout_is_retried() {
    let emulator = start();
    emulator.plan(PlannedFault::get(
        "/statuses/",
        FaultKind::SlowAnswer(Duration::from_secs(2)),
    ));
    impatient(&emulator)
        .list_statuses()
        .expect("the retry is answered in time");
    assert_eq!(counts(&emulator, "GET", "/statuses/").received, 2);
}

#[test]
fn a_write_slower_than_the_timeout_is_outcome_unknown_and_applied_once() {
    let emulator = start();
    emulator.plan(PlannedFault::post(
        "/tickets/",
        FaultKind::SlowAnswer(Duration::from_secs(2)),
    ));
    let cause = outcome_unknown(impatient(&emulator).create_ticket(&create("slow")));
    match cause {
        Error::Transport { message, .. } => assert!(message.contains("timeout"), "{message}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    let waited = Instant::now();
    while counts(&emulator, "POST", "/tickets/").applied == 0 {
        assert!(
            waited.elapsed() < Duration::from_secs(20),
            "the emulator never finished"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        received_applied(&emulator, "POST", "/tickets/"),
        (1, 1),
        "never retried"
    );
    assert_eq!(tickets_with_subject(&emulator, "slow"), 1);
}

// ---- answers larger than the limit --------------------------------------------------------

#[test]
fn an_answer_announcing_2_gb_is_refused_from_its_header() {
    let emulator = start();
    let two_gb = 2 * 1024 * 1024 * 1024;
    emulator.plan(PlannedFault::get(
        "/tickets/",
        FaultKind::AnnounceLength(two_gb),
    ));
    match client(&emulator).list_tickets(&ListTickets::new()) {
        Err(error @ Error::ResponseTooLarge { .. }) => {
            assert!(
                matches!(error, Error::ResponseTooLarge { limit, announced: Some(n) }
                    if limit == happyfox::DEFAULT_MAX_RESPONSE_BYTES && n == two_gb),
                "{error:?}"
            );
            assert!(error.to_string().contains("max_response_bytes"), "{error}");
        }
        other => panic!("expected the answer refused, got {other:?}"),
    }
    assert_eq!(
        counts(&emulator, "GET", "/tickets/").received,
        1,
        "not retried"
    );
    emulator.plan(PlannedFault::post(
        "/tickets/",
        FaultKind::AnnounceLength(two_gb),
    ));
    let applied = client(&emulator)
        .create_ticket(&create("huge answer"))
        .expect("2xx");
    let raw = applied.unrecognized().expect("not read");
    assert!(
        raw.problem.contains("larger than the client's limit"),
        "{}",
        raw.problem
    );
    assert_eq!(tickets_with_subject(&emulator, "huge answer"), 1);
}

// ---- exports through failures ---------------------------------------------------------------

fn export(client: &Client, errors: &mut usize) -> Vec<Ticket> {
    let mut tickets = Vec::new();
    let mut pages = client.iter_tickets(&ListTickets::new().size(10));
    loop {
        for ticket in pages.by_ref() {
            match ticket {
                Ok(ticket) => tickets.push(ticket),
                Err(_) => *errors += 1,
            }
        }
        if !pages.failed() {
            return tickets;
        }
        assert!(*errors < 100, "the export never finished");
        pages.resume();
    }
}

fn every_id_once(tickets: &[Ticket]) {
    let mut ids: Vec<u64> = tickets.iter().map(|t| t.id.get()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        (1..=200).collect::<Vec<_>>(),
        "every ticket exactly once"
    );
}

#[test]
fn a_full_export_through_20_percent_server_errors_gets_every_ticket_once() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(200).seed(11).faults(
        FaultConfig {
            error_rate: 0.2,
            ..FaultConfig::default()
        },
    ))
    .expect("emulator");
    let mut errors = 0;
    let tickets = export(&client(&emulator), &mut errors);
    every_id_once(&tickets);
    let stats = counts(&emulator, "GET", "/tickets/");
    assert!(stats.faulted > 0, "the run met server errors: {stats:?}");
    assert_eq!(stats.received, stats.faulted + stats.applied);
    measured(format!("export with retries: {stats:?}"));

    // Without retries the iterator fails on each error, and resumes at the failed page.
    emulator.reset_stats();
    let no_retries = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    let mut errors = 0;
    let tickets = export(&no_retries, &mut errors);
    every_id_once(&tickets);
    let stats = counts(&emulator, "GET", "/tickets/");
    assert!(errors > 0, "errors were met and resumed from");
    assert_eq!(stats.faulted, errors as u64);
    assert_eq!(
        stats.applied, 20,
        "each page was read once: nothing started over"
    );
    measured(format!(
        "MEASURE export without retries: errors {errors} {stats:?}"
    ));
}

// ---- one write at a time per ticket, pacing, deadlines ------------------------------------

fn slow_emulator() -> EmulatorHandle {
    Emulator::start(
        EmulatorConfig::new()
            .tickets(5)
            .seed(3)
            .faults(FaultConfig {
                latency: Duration::from_millis(300),
                ..FaultConfig::default()
            }),
    )
    .expect("emulator")
}

#[test]
fn one_client_serialises_writes_to_one_ticket_so_none_collide() {
    let emulator = slow_emulator();
    let client = client(&emulator);
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = ["first", "second", "third"]
            .into_iter()
            .map(|text| {
                let client = client.clone();
                scope.spawn(move || client.staff_update(1, &StaffUpdate::new(1).plaintext(text)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    for result in &results {
        assert!(result.is_ok(), "{result:?}");
    }
    for text in ["first", "second", "third"] {
        assert_eq!(messages_with_text(&emulator, 1, text), 1);
    }
    assert_eq!(
        received_applied(&emulator, "POST", "/ticket/1/staff_update/"),
        (3, 3)
    );
}

#[test]
fn writes_to_different_tickets_proceed_in_parallel() {
    let emulator = slow_emulator();
    let client = client(&emulator);
    std::thread::scope(|scope| {
        for ticket in [1, 2, 3] {
            let client = client.clone();
            scope.spawn(move || {
                client
                    .staff_update(ticket, &StaffUpdate::new(1).plaintext("parallel"))
                    .expect("update")
            });
        }
    });
    let peak = emulator.stats().peak_in_flight;
    measured(format!("parallel: peak {peak}"));
    assert!(
        peak >= 2,
        "writes to different tickets overlapped (peak {peak})"
    );
}

#[test]
fn pacing_keeps_a_threaded_job_under_the_server_limit() {
    let window = Duration::from_millis(400);
    let limited = |pacing: Option<Pacing>| {
        let emulator = Emulator::start(EmulatorConfig::new().tickets(5).faults(FaultConfig {
            rate_limit: Some(RateLimit::per_minute(5, 5).window(window)),
            ..FaultConfig::default()
        }))
        .expect("emulator");
        let builder = emulator.client_builder().no_retries();
        let client = match pacing {
            Some(pacing) => builder.pacing(pacing),
            None => builder.no_pacing(),
        }
        .build()
        .expect("client");
        let failures: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    let client = client.clone();
                    scope.spawn(move || (0..3).filter(|_| client.list_statuses().is_err()).count())
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("thread")).sum()
        });
        (failures, emulator.stats().of("GET", "/statuses/"))
    };
    let (failures, paced) = limited(Some(Pacing::per_minute(5, 5).window(window)));
    assert_eq!((failures, paced.received, paced.throttled), (0, 12, 0));
    let (failures, unpaced) = limited(None);
    measured(format!(
        "MEASURE pacing: paced {paced:?} unpaced failures {failures} {unpaced:?}"
    ));
    assert!(
        failures > 0 && unpaced.throttled > 0,
        "without pacing the job trips the limit"
    );
}

#[test]
fn a_deadline_bounds_a_call_with_its_retries() {
    let emulator = start();
    emulator.plan(PlannedFault::get("/statuses/", FaultKind::Status(503)).times(50));
    let client = emulator
        .client_builder()
        .retry(
            RetryPolicy::standard()
                .max_retries(50)
                .backoff(Duration::from_millis(40), Duration::from_millis(40))
                .deadline(Some(Duration::from_millis(300))),
        )
        .build()
        .expect("client");
    match client.list_statuses() {
        Err(Error::DeadlineExceeded { deadline, last }) => {
            assert_eq!(deadline, Duration::from_millis(300));
            // The last attempt either met the planned 503 or was cut short by what was left
            // of the deadline (each attempt's timeout is the time remaining).
            assert!(
                matches!(
                    last.as_deref(),
                    Some(Error::Http { status: 503, .. } | Error::Transport { .. })
                ),
                "{last:?}"
            );
        }
        other => panic!("expected the deadline, got {other:?}"),
    }
    let received = counts(&emulator, "GET", "/statuses/").received;
    assert!(
        (2..50).contains(&received),
        "retried, but stopped by the deadline: {received}"
    );
    measured(format!("deadline: received {received}"));
}
