//! Bulk work against the emulator. The parallel export: the same tickets in the same order
//! as the sequential walk, whatever the worker count; a failure after retries ends it
//! cleanly and `resume` finishes it without repeating. Parallel bulk create: outcomes in
//! input order. Under a rate limit the client's pacing keeps every request of both from
//! being throttled.

use std::time::Duration;

use happyfox::{
    BulkOptions, Client, CreateTicket, Error, ExportOptions, GetTicket, ListTickets, Pacing, Query,
    RetryPolicy, Sort, StatusFilter, TicketId,
};
use happyfox_emulator::{
    Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, FaultKind, PlannedFault, RateLimit,
};
use happyfox_tests::capture::{Canned, CaptureServer};

fn emulator(tickets: usize) -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(tickets).seed(13)).expect("emulator")
}

fn sequential_ids(emulator: &EmulatorHandle, listing: &ListTickets) -> Vec<TicketId> {
    let client = emulator.client_builder().build().expect("client");
    client
        .iter_tickets(listing)
        .map(|ticket| ticket.expect("page").id)
        .collect()
}

#[test]
fn an_export_yields_what_the_sequential_walk_yields_in_its_order() {
    let emulator = emulator(333);
    let client = emulator.client_builder().build().expect("client");
    let listings = [
        ListTickets::new().status(StatusFilter::All).size(50),
        ListTickets::new().sort(Sort::SubjectAscending).size(50),
        ListTickets::new().sort(Sort::PriorityDescending).size(20),
    ];
    for listing in listings {
        let expected = sequential_ids(&emulator, &listing);
        assert!(expected.len() > 20, "the listing spans pages");
        for workers in [1, 3, 8] {
            let mut export =
                client.export_tickets_with(&listing, ExportOptions::default().workers(workers));
            let ids: Vec<TicketId> = export.by_ref().map(|t| t.expect("page").id).collect();
            assert_eq!(ids, expected, "{workers} workers, {listing:?}");
            assert_eq!(export.total(), Some(expected.len() as u64));
            assert_eq!(export.repeated(), 0);
        }
    }
}

#[test]
fn an_unset_size_reads_full_pages_and_a_later_start_page_is_kept() {
    let emulator = emulator(260);
    let client = emulator.client_builder().build().expect("client");
    emulator.reset_stats();
    let all = ListTickets::new().status(StatusFilter::All);
    assert_eq!(client.export_tickets(&all).count(), 260);
    assert_eq!(
        emulator.stats().of("GET", "/tickets/").received,
        6,
        "260 tickets are 6 pages of 50"
    );
    let from_page_3 = all.clone().size(50).page(3);
    let expected: Vec<TicketId> = sequential_ids(&emulator, &all.size(50))[100..].to_vec();
    let ids: Vec<TicketId> = client
        .export_tickets(&from_page_3)
        .map(|t| t.expect("page").id)
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn without_a_page_count_the_export_reads_on_until_a_short_page() {
    // Pages of 2 with no `page_info`: the first two full, the third short.
    let page = |ids: &[u64]| {
        let tickets: Vec<String> = ids.iter().map(|id| format!(r#"{{"id": {id}}}"#)).collect();
        Canned::json(&format!(r#"{{"data": [{}]}}"#, tickets.join(",")))
    };
    let server = CaptureServer::start(page(&[]));
    for ids in [&[1, 2][..], &[3, 4], &[5]] {
        server.queue(page(ids));
    }
    let client = Client::builder()
        .base_url(server.url())
        .credentials("demo-key", "demo-code")
        .no_retries()
        .build()
        .expect("client");
    let mut export = client.export_tickets(&ListTickets::new().size(2));
    let ids: Vec<TicketId> = export.by_ref().map(|t| t.expect("page").id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(export.total(), None);
    let pages: Vec<String> = server.take().into_iter().map(|r| r.target).collect();
    assert!(
        pages[..3]
            .iter()
            .zip(1..)
            .all(|(target, n)| target.contains(&format!("page={n}"))),
        "{pages:?}"
    );
    assert!(
        pages.len() <= 4,
        "at most one page past the short one: {pages:?}"
    );
}

#[test]
fn an_empty_listing_is_one_request_and_no_ticket() {
    let emulator = emulator(40);
    let client = emulator.client_builder().build().expect("client");
    let nothing = ListTickets::new().q(Query::new().free_text("no ticket says this 9d8f7"));
    emulator.reset_stats();
    assert_eq!(client.export_tickets(&nothing).count(), 0);
    assert_eq!(emulator.stats().of("GET", "/tickets/").received, 1);
}

#[test]
fn a_failure_after_retries_ends_the_export_and_resume_finishes_it_once() {
    let emulator = emulator(500);
    let listing = ListTickets::new()
        .status(StatusFilter::All)
        .sort(Sort::TicketIdAscending);
    let expected = sequential_ids(&emulator, &listing.clone().size(50));
    let client = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    let mut export = client.export_tickets_with(&listing, ExportOptions::default().workers(4));
    let mut ids = Vec::new();
    let mut failures = 0;
    loop {
        while let Some(ticket) = export.next() {
            match ticket {
                Ok(ticket) => {
                    ids.push(ticket.id);
                    // Midway, the next page request fails (and is not retried).
                    if ids.len() == 120 {
                        emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)));
                    }
                }
                Err(error) => {
                    assert!(
                        matches!(error, Error::Http { status: 503, .. }),
                        "{error:?}"
                    );
                    failures += 1;
                    assert!(export.failed());
                    assert_eq!(
                        ids[..],
                        expected[..ids.len()],
                        "every page before it, in order"
                    );
                }
            }
        }
        if !export.failed() {
            break;
        }
        assert!(export.next().is_none(), "nothing until resume");
        export.resume();
    }
    assert_eq!(failures, 1);
    assert_eq!(ids, expected, "nothing lost or repeated");
}

#[test]
fn failures_that_retries_mend_are_not_seen() {
    let emulator = emulator(400);
    let listing = ListTickets::new().status(StatusFilter::All);
    let expected = sequential_ids(&emulator, &listing.clone().size(50));
    let client = emulator
        .client_builder()
        .retry(RetryPolicy {
            backoff: Duration::from_millis(1),
            ..RetryPolicy::standard()
        })
        .build()
        .expect("client");
    emulator.plan(PlannedFault {
        times: 3,
        ..PlannedFault::get("/tickets/", FaultKind::Status(503))
    });
    let ids: Vec<TicketId> = client
        .export_tickets(&listing)
        .map(|t| t.expect("mended by retries").id)
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(emulator.planned_left(), 0);
    assert_eq!(emulator.stats().of("GET", "/tickets/").faulted, 3);
}

#[test]
fn under_a_rate_limit_the_pacing_keeps_every_request_from_being_throttled() {
    // The limits scaled down: 10 GET per 400 ms on both sides, 12 pages to fetch.
    let window = Duration::from_millis(400);
    let emulator = Emulator::start(EmulatorConfig::new().tickets(600).seed(5).faults(
        FaultConfig {
            rate_limit: Some(RateLimit::per_minute(10, 10).window(window)),
            ..FaultConfig::none()
        },
    ))
    .expect("emulator");
    let client = emulator
        .client_builder()
        .pacing(Pacing::per_minute(10, 10).window(window))
        .no_retries()
        .build()
        .expect("client");
    let listing = ListTickets::new().status(StatusFilter::All);
    let exported = client
        .export_tickets_with(&listing, ExportOptions::default().workers(8))
        .map(|ticket| ticket.map(|t| t.id))
        .collect::<Result<Vec<_>, _>>()
        .expect("no request throttled, none failed");
    assert_eq!(exported.len(), 600);
    let pages = emulator.stats().of("GET", "/tickets/");
    assert_eq!((pages.received, pages.throttled), (12, 0));
}

#[test]
fn parallel_bulk_create_keeps_input_order_under_the_post_limit() {
    // 450 tickets are 5 chunks; 2 POST per 300 ms on both sides, 3 workers.
    let window = Duration::from_millis(300);
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .tickets(5)
            .seed(6)
            .faults(FaultConfig {
                rate_limit: Some(RateLimit::per_minute(100, 2).window(window)),
                ..FaultConfig::none()
            }),
    )
    .expect("emulator");
    let client = emulator
        .client_builder()
        .pacing(Pacing::per_minute(100, 2).window(window))
        .no_retries()
        .build()
        .expect("client");
    let payloads: Vec<CreateTicket> = (0..450)
        .map(|i| {
            CreateTicket::new(1, format!("alert {i}"))
                .text("x")
                .client(1)
        })
        .collect();
    let outcomes = client.create_tickets_with(&payloads, BulkOptions::default().workers(3));
    let ids: Vec<TicketId> = outcomes
        .iter()
        .map(|outcome| outcome.id().unwrap_or_else(|| panic!("{outcome:?}")))
        .collect();
    for (i, id) in ids.iter().enumerate().step_by(37) {
        let subject = client
            .get_ticket(*id, &GetTicket::new())
            .expect("created")
            .subject;
        assert_eq!(subject, Some(format!("alert {i}")), "outcome {i}");
    }
    let bulk = emulator.stats().of("POST", "/tickets/");
    assert_eq!((bulk.received, bulk.throttled), (5, 0));
}

/// The README's export block is the one `crates/happyfox/examples/export_parallel.rs`
/// compiles and runs against the emulator.
#[test]
fn the_readme_shows_the_export_example_word_for_word() {
    happyfox_tests::readme::assert_shows_example(
        include_str!("../../README.md"),
        "examples/export_parallel.rs",
        include_str!("../../crates/happyfox/examples/export_parallel.rs"),
    );
}
