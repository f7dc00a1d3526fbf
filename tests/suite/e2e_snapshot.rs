//! End to end, client -> HTTP -> emulator: `snapshot_tickets` visits every ticket of a
//! search exactly once while the loop changes them (the triage loop of issue 14), keeps the
//! listing's order, skips and counts tickets deleted meanwhile, yields changed tickets in
//! their current state, and resumes after a failed request. One test pins why it exists:
//! `iter_tickets` skips tickets in the same loop.

use std::collections::BTreeMap;

use happyfox::{
    DeleteTicket, Error, GetTicket, ListTickets, Query, Sort, StaffId, StaffPrivateNote,
    StaffUpdate, Ticket, TicketId,
};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, FaultKind, PlannedFault};
use happyfox_tests::applied::Answered;

/// The agent the triage loops assign (staff 2 of the generated data).
const AGENT: StaffId = StaffId(2);

/// An emulator whose `count` tickets are all unassigned and in Support (the generated
/// "Internal IT" category wants time spent on every staff update, which triage does not send).
fn unassigned_tickets(count: usize) -> EmulatorHandle {
    let emulator =
        Emulator::start(EmulatorConfig::new().tickets(count).seed(14)).expect("emulator starts");
    emulator.update_state(|state| {
        for ticket in state.tickets.values_mut() {
            ticket.assignee = None;
            ticket.category = 1;
        }
    });
    emulator
}

fn unassigned() -> ListTickets {
    ListTickets::new().q(Query::new().unassigned(true))
}

/// How many tickets of the emulator are still unassigned.
fn left_unassigned(emulator: &EmulatorHandle) -> usize {
    let state = emulator.snapshot();
    state
        .tickets
        .values()
        .filter(|t| t.assignee.is_none())
        .count()
}

/// Assigns each ticket `tickets` yields to [`AGENT`]; how many times each id was visited.
fn triage(
    emulator: &EmulatorHandle,
    tickets: impl Iterator<Item = happyfox::Result<Ticket>>,
) -> BTreeMap<TicketId, usize> {
    let client = emulator.client();
    let mut visits = BTreeMap::new();
    for ticket in tickets {
        let ticket = ticket.expect("listing");
        *visits.entry(ticket.id).or_default() += 1;
        let assigned = client
            .staff_update(ticket.id, &StaffUpdate::new(AGENT).assignee(AGENT))
            .answered("assign");
        assert_eq!(assigned.assignee_name(), Some("Jane Agent"));
    }
    visits
}

#[test]
fn a_triage_loop_over_a_snapshot_assigns_every_ticket_exactly_once() {
    let emulator = unassigned_tickets(64);
    let client = emulator.client();
    let mut tickets = client.snapshot_tickets(&unassigned());
    let visits = triage(&emulator, tickets.by_ref());
    assert_eq!(visits.len(), 64, "every ticket was visited");
    assert!(visits.values().all(|&n| n == 1), "each once: {visits:?}");
    assert_eq!(left_unassigned(&emulator), 0);
    assert_eq!(tickets.missing(), 0);
    assert!(!tickets.failed());

    // The nested reads on what a snapshot yields (here, of every ticket).
    let every: Vec<Ticket> = client
        .snapshot_tickets(&ListTickets::new())
        .collect::<Result<_, _>>()
        .expect("snapshot");
    assert_eq!(every.len(), 64);
    for ticket in &every {
        assert_eq!(ticket.assignee_email(), Some("jane@emulator.test"));
        assert_eq!(ticket.category_name(), Some("Support"));
        assert!(ticket.status_name().is_some() && ticket.priority_name().is_some());
        assert!(
            ticket
                .contact_email()
                .is_some_and(|email| email.contains('@'))
        );
        assert!(ticket.contact_name().is_some());
    }
}

/// Pins the reason for `snapshot_tickets`, not a behaviour anyone wants: `iter_tickets`
/// reads page after page of a result set the loop is shrinking. With pages of 10 fetched as
/// the loop reaches them, each page of 10 assigned drops out of `unassigned:true`, so the
/// next page starts 10 tickets further on: pages see 10 of 64, 10 of 54, 10 of 44, 4 of 34
/// (the last page the first answer announced), and 30 tickets are never visited, without an
/// error. The report, exactly. (With read-ahead, how many are skipped depends on
/// when the page ahead is read: still not every ticket in general.)
#[test]
fn iter_tickets_skips_tickets_when_the_loop_writes() {
    let emulator = unassigned_tickets(64);
    let client = emulator.client_builder().read_ahead(false).build().unwrap();
    let visits = triage(&emulator, client.iter_tickets(&unassigned().size(10)));
    assert_eq!(visits.len(), 34);
    assert!(visits.values().all(|&n| n == 1));
    assert_eq!(left_unassigned(&emulator), 30);
}

#[test]
fn a_snapshot_keeps_the_order_of_its_listing() {
    let emulator = unassigned_tickets(70);
    let client = emulator.client();
    client
        .staff_update(9, &StaffUpdate::new(1).assignee(AGENT))
        .answered("assign one");
    for sort in [
        Sort::TicketIdDescending,
        Sort::SubjectAscending,
        Sort::UpdatedNewestFirst,
    ] {
        for params in [
            ListTickets::new().sort(sort),
            unassigned().sort(sort).size(7),
        ] {
            let listed: Vec<u64> = client
                .iter_ticket_ids(&params)
                .collect::<Result<_, _>>()
                .expect("ids");
            let snapshot: Vec<u64> = client
                .snapshot_tickets(&params)
                .map(|ticket| ticket.map(|t| t.id.get()))
                .collect::<Result<_, _>>()
                .expect("snapshot");
            assert_eq!(snapshot, listed, "{sort:?} {params:?}");
        }
    }
    // The iterator owns its client: it moves to another thread.
    let nothing = client.snapshot_tickets(&ListTickets::new().q(Query::new().tag("no-such-tag")));
    let count = std::thread::spawn(move || nothing.count());
    assert_eq!(count.join().expect("thread"), 0);
}

#[test]
fn tickets_deleted_meanwhile_are_skipped_and_counted_changed_ones_come_as_they_are_now() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(60).seed(14)).expect("emulator");
    let client = emulator.client();
    let mut tickets = client.snapshot_tickets(&ListTickets::new().sort(Sort::TicketIdAscending));
    let first = tickets.next().expect("a ticket").expect("no error");
    assert_eq!(first.id, 1);
    assert_eq!(
        tickets.size_hint(),
        (49, Some(59)),
        "the first batch is held, the rest are ids"
    );

    // Ticket 10 is in the batch already fetched; 55 and 57 in the next one.
    for gone in [10, 55] {
        client
            .delete_ticket(gone, &DeleteTicket::new(1))
            .answered("delete");
    }
    let notes_before = client
        .get_ticket(57, &GetTicket::new())
        .expect("ticket 57")
        .updates
        .iter()
        .filter(|u| u.is_private_note())
        .count();
    client
        .staff_private_note(57, &StaffPrivateNote::new(1).html("Checked the logs"))
        .answered("note");

    let rest: Vec<Ticket> = tickets.by_ref().collect::<Result<_, _>>().expect("rest");
    let ids: Vec<u64> = rest.iter().map(|t| t.id.get()).collect();
    let expected: Vec<u64> = (2..=60).filter(|&id| id != 55).collect();
    assert_eq!(
        ids, expected,
        "10 was fetched before it was deleted; 55 after"
    );
    assert_eq!(
        (tickets.missing(), tickets.missing_ids()),
        (1, &[TicketId(55)][..])
    );
    let looked_up = emulator.stats().of("GET", "/ticket/55/");
    assert_eq!(
        (looked_up.received, looked_up.applied),
        (1, 0),
        "the id the search did not return was looked up by number: 404"
    );
    let noted = rest.iter().find(|t| t.id == 57).expect("ticket 57");
    let notes = noted.updates.iter().filter(|u| u.is_private_note()).count();
    assert_eq!(
        notes,
        notes_before + 1,
        "yielded with the note added after the ids were read"
    );
}

#[test]
fn a_failed_request_is_yielded_once_and_resume_repeats_it() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(60).seed(14)).expect("emulator");
    let client = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    let mut tickets = client.snapshot_tickets(&ListTickets::new().sort(Sort::TicketIdAscending));
    let mut ids = Vec::new();
    let mut errors = 0;

    // The first page of ids fails, then (after the first ticket) the second batch.
    emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)));
    loop {
        while let Some(ticket) = tickets.next() {
            match ticket {
                Ok(ticket) => {
                    ids.push(ticket.id);
                    if ticket.id == 1 {
                        emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)));
                    }
                }
                Err(error) => {
                    assert!(
                        matches!(error, Error::Http { status: 503, .. }),
                        "{error:?}"
                    );
                    errors += 1;
                    assert!(tickets.failed());
                }
            }
        }
        if !tickets.failed() {
            break;
        }
        assert!(tickets.next().is_none(), "nothing until resume");
        tickets.resume();
    }
    assert_eq!(errors, 2);
    assert_eq!(
        ids,
        (1..=60).collect::<Vec<_>>(),
        "nothing skipped or repeated"
    );
    assert_eq!(emulator.planned_left(), 0);
    let listing = emulator.stats().of("GET", "/tickets/");
    assert_eq!(
        (listing.received, listing.faulted),
        (6, 2),
        "2 pages of ids and 2 batches, plus the 2 that failed"
    );
}

/// The README's triage block is the one `crates/happyfox/examples/triage.rs` compiles and
/// runs against the emulator.
#[test]
fn the_readme_shows_the_triage_example_word_for_word() {
    happyfox_tests::readme::assert_shows_example(
        include_str!("../../README.md"),
        "examples/triage.rs",
        include_str!("../../crates/happyfox/examples/triage.rs"),
    );
}
