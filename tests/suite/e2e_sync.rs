//! End to end, client -> HTTP -> emulator: `sync_tickets` yields every ticket changed since
//! its checkpoint once, across writes between and during runs, ties on one timestamp,
//! runs interrupted by faults and repeated, and random interleavings of all of these.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use happyfox::{
    Error, InputRule, ListTickets, SYNC_OVERLAP, StaffPrivateNote, SyncCheckpoint, SyncIter,
    Ticket, TicketId,
};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, FaultKind, PlannedFault};
use happyfox_tests::applied::Answered;
use proptest::prelude::*;

/// An emulator with `tickets` generated tickets.
fn emulator(tickets: usize) -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(tickets).seed(15)).expect("emulator starts")
}

/// A private note on `id`: a write that always changes the ticket (it adds an update and
/// stamps `last_modified`). The ticket as the answer gives it.
fn note(emulator: &EmulatorHandle, id: TicketId) -> Ticket {
    emulator
        .client()
        .staff_private_note(id, &StaffPrivateNote::new(1).html("Looked at it"))
        .answered("note")
}

/// Runs `sync` to the end, panicking on an error: the ids in yield order, and the checkpoint.
fn finish(mut sync: SyncIter) -> (Vec<TicketId>, SyncCheckpoint) {
    let ids = sync
        .by_ref()
        .map(|ticket| ticket.expect("sync").id)
        .collect();
    (
        ids,
        sync.checkpoint().expect("a finished run has a checkpoint"),
    )
}

fn ids(numbers: impl IntoIterator<Item = u64>) -> BTreeSet<TicketId> {
    numbers.into_iter().map(TicketId).collect()
}

fn sorted(yielded: &[TicketId]) -> BTreeSet<TicketId> {
    let set: BTreeSet<TicketId> = yielded.iter().copied().collect();
    assert_eq!(set.len(), yielded.len(), "each ticket once: {yielded:?}");
    set
}

#[test]
fn the_first_run_is_a_full_snapshot_and_a_run_without_changes_yields_nothing() {
    let emulator = emulator(70);
    let client = emulator.client();
    let (first, checkpoint) = finish(client.sync_tickets(None));
    assert_eq!(sorted(&first), ids(1..=70), "every ticket of every status");
    let (second, again) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(second, Vec::<TicketId>::new(), "nothing changed");
    assert_eq!(again, checkpoint, "and the checkpoint stays");
    // An empty raw search is the same listing as none.
    let empty = ListTickets::new().q("");
    let (third, _) = finish(client.sync_tickets_matching(Some(&checkpoint), &empty));
    assert_eq!(third, Vec::<TicketId>::new());
}

#[test]
fn the_first_run_yields_the_oldest_change_first() {
    let emulator = emulator(12);
    let client = emulator.client();
    let (first, _) = finish(client.sync_tickets(None));
    let stamps: Vec<DateTime<Utc>> = first
        .iter()
        .map(|id| emulator.snapshot().tickets[&id.get()].last_modified)
        .collect();
    assert!(stamps.is_sorted(), "{stamps:?}");
}

#[test]
fn writes_between_runs_are_each_yielded_once_by_the_next_run() {
    let emulator = emulator(30);
    let client = emulator.client();
    let (_, checkpoint) = finish(client.sync_tickets(None));

    note(&emulator, TicketId(3));
    note(&emulator, TicketId(7));
    emulator.advance_clock(Duration::from_secs(3600));
    note(&emulator, TicketId(9));
    note(&emulator, TicketId(3));
    let (changed, checkpoint) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(sorted(&changed), ids([3, 7, 9]));
    assert_eq!(changed.last(), Some(&TicketId(3)), "the newest change last");

    // Two days later (the search is by day): only what changed since.
    emulator.advance_clock(Duration::from_secs(2 * 86_400));
    note(&emulator, TicketId(21));
    let (changed, checkpoint) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(changed, vec![TicketId(21)]);
    let (changed, _) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(changed, Vec::<TicketId>::new());
}

#[test]
fn tickets_sharing_one_timestamp_are_each_yielded_once_even_when_one_comes_late() {
    let emulator = emulator(20);
    let client = emulator.client();
    let tie = Utc::now() + chrono::TimeDelta::days(1);
    let stamp = |numbers: &[u64]| {
        emulator.update_state(|state| {
            for n in numbers {
                state.tickets.get_mut(n).expect("ticket").last_modified = tie;
            }
        })
    };
    stamp(&[4, 5, 6, 11, 12]);
    let (first, checkpoint) = finish(client.sync_tickets(None));
    assert_eq!(first.len(), 20);
    assert_eq!(
        first[15..].iter().copied().collect::<BTreeSet<_>>(),
        ids([4, 5, 6, 11, 12]),
        "the five newest last"
    );
    let whole_second = DateTime::from_timestamp(tie.timestamp(), 0).unwrap();
    let overlap = chrono::TimeDelta::from_std(SYNC_OVERLAP).unwrap();
    assert_eq!(
        checkpoint.since(),
        Some(whole_second - overlap),
        "the overlap before the newest change, to the second"
    );
    assert_eq!(
        checkpoint
            .delivered()
            .map(|(id, _)| id)
            .collect::<BTreeSet<_>>(),
        ids([4, 5, 6, 11, 12]),
        "the tickets of the boundary second are recorded"
    );

    // Two more tickets get the same second after the run (a write later within it).
    stamp(&[2, 17]);
    let (late, checkpoint) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(sorted(&late), ids([2, 17]), "only the late ones");
    let (nothing, _) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(nothing, Vec::<TicketId>::new());
}

#[test]
fn a_change_stamped_out_of_order_within_the_overlap_is_caught() {
    let emulator = emulator(20);
    let client = emulator.client();
    let newest = note(&emulator, TicketId(1)).last_modified.unwrap();
    let (_, checkpoint) = finish(client.sync_tickets(None));
    // Another server, its clock two minutes behind, stamps a write after the run.
    emulator.update_state(|state| {
        let ticket = state.tickets.get_mut(&8).expect("ticket 8");
        ticket.last_modified = newest - chrono::TimeDelta::minutes(2);
    });
    let (late, checkpoint) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(late, vec![TicketId(8)]);
    let (nothing, _) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(nothing, Vec::<TicketId>::new());
}

#[test]
fn writes_during_a_run_are_yielded_in_this_run_or_the_next_and_never_lost() {
    // 120 tickets: three batches, so some writes land before their batch and some after.
    let emulator = emulator(120);
    let client = emulator.client();
    let mut sync = client.sync_tickets(None);
    let mut first = Vec::new();
    let mut written = Vec::new();
    for ticket in sync.by_ref() {
        let ticket = ticket.expect("sync");
        if first.is_empty() {
            emulator.advance_clock(Duration::from_secs(5));
            // The ticket just yielded (its change comes next run), and the tickets of the
            // first and last place in the listing, wherever they are.
            written.push(note(&emulator, ticket.id));
            written.push(note(&emulator, TicketId(60)));
            written.push(note(&emulator, TicketId(120)));
        }
        first.push(ticket);
    }
    assert!(first.len() <= 120 && !first.is_empty());
    let checkpoint = sync.checkpoint().expect("finished");
    let (second, _) = finish(client.sync_tickets(Some(&checkpoint)));

    let mut yielded: BTreeMap<TicketId, Vec<DateTime<Utc>>> = BTreeMap::new();
    for ticket in &first {
        yielded
            .entry(ticket.id)
            .or_default()
            .push(ticket.last_modified.unwrap());
    }
    assert_eq!(
        yielded.keys().copied().collect::<BTreeSet<_>>(),
        ids(1..=120),
        "the first run yields every ticket once"
    );
    for ticket in &written {
        let (id, at) = (ticket.id, ticket.last_modified.unwrap());
        let here = yielded[&id][0] >= at;
        let next = second.contains(&id);
        assert!(
            here != next,
            "ticket {id} changed at {at}: in this run ({here}) or the next ({next}), one of them"
        );
    }
    assert!(
        second.contains(&first[0].id),
        "the ticket written after its yield comes next run"
    );
    let written: BTreeSet<TicketId> = written.iter().map(|ticket| ticket.id).collect();
    assert!(sorted(&second).is_subset(&written), "{second:?}");
}

#[test]
fn a_ticket_the_loop_writes_comes_back_once_in_the_next_run() {
    let emulator = emulator(10);
    let client = emulator.client();
    let (_, checkpoint) = finish(client.sync_tickets(None));
    note(&emulator, TicketId(4));
    let mut sync = client.sync_tickets(Some(&checkpoint));
    let mut this_run = Vec::new();
    for ticket in sync.by_ref() {
        let ticket = ticket.expect("sync");
        note(&emulator, ticket.id); // e.g. "synced to the warehouse"
        this_run.push(ticket.id);
    }
    assert_eq!(this_run, vec![TicketId(4)]);
    let (next, checkpoint) = finish(client.sync_tickets(sync.checkpoint().as_ref()));
    assert_eq!(next, vec![TicketId(4)], "the loop's own note is a change");
    let (after, _) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(after, Vec::<TicketId>::new());
}

#[test]
fn a_run_interrupted_by_faults_and_repeated_from_the_same_checkpoint_loses_nothing() {
    let emulator = emulator(80);
    let client = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    let (_, checkpoint) = finish(client.sync_tickets(None));
    emulator.advance_clock(Duration::from_secs(60));
    let changed: BTreeSet<TicketId> = (1..=80)
        .filter(|n| n % 3 != 0)
        .map(|n| note(&emulator, TicketId(n)).id)
        .collect();
    assert!(changed.len() > 50, "more than one batch");

    // The batch after the first fails: the run ends with the error and no checkpoint.
    let mut failed = client.sync_tickets(Some(&checkpoint));
    let mut before_failure = Vec::new();
    let error = loop {
        match failed.next().expect("the run fails before it ends") {
            Ok(ticket) => {
                if before_failure.is_empty() {
                    emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)));
                }
                before_failure.push(ticket.id);
            }
            Err(error) => break error,
        }
    };
    assert!(
        matches!(error, Error::Http { status: 503, .. }),
        "{error:?}"
    );
    assert!(failed.failed());
    assert!(
        failed.next().is_none(),
        "nothing after the error until resume"
    );
    assert_eq!(
        failed.checkpoint(),
        None,
        "a failed run moves no checkpoint"
    );
    assert!(
        sorted(&before_failure).is_subset(&changed),
        "the first batch came through: {before_failure:?}"
    );

    // Run again from the same checkpoint: everything, including what the failed run yielded.
    let (repeated, next) = finish(client.sync_tickets(Some(&checkpoint)));
    assert_eq!(sorted(&repeated), changed);
    let (nothing, _) = finish(client.sync_tickets(Some(&next)));
    assert_eq!(nothing, Vec::<TicketId>::new());
}

#[test]
fn a_resumed_run_yields_each_change_once() {
    let emulator = emulator(60);
    let client = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    // The boundary read fails first, then a page of ids, then the second batch.
    emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)).times(2));
    let mut sync = client.sync_tickets(None);
    let mut yielded = Vec::new();
    let mut errors = 0;
    loop {
        for ticket in sync.by_ref() {
            match ticket {
                Ok(ticket) => {
                    if yielded.is_empty() {
                        emulator.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)));
                    }
                    yielded.push(ticket.id);
                }
                Err(_) => errors += 1,
            }
        }
        if !sync.failed() {
            break;
        }
        assert_eq!(sync.checkpoint(), None);
        sync.resume();
    }
    assert_eq!(errors, 3);
    assert_eq!(sorted(&yielded), ids(1..=60));
    let (nothing, _) = finish(client.sync_tickets(sync.checkpoint().as_ref()));
    assert_eq!(nothing, Vec::<TicketId>::new());
}

#[test]
fn a_sync_over_one_category_yields_its_changes_and_keeps_its_checkpoint_to_it() {
    let emulator = emulator(40);
    let client = emulator.client();
    let category = |id: TicketId| emulator.snapshot().tickets[&id.get()].category;
    let support = ListTickets::new().category(1);
    let (first, checkpoint) = finish(client.sync_tickets_matching(None, &support));
    assert!(first.iter().all(|id| category(*id) == 1));
    assert!(
        !first.is_empty() && first.len() < 40,
        "{} of 40",
        first.len()
    );

    let elsewhere = (1..=40)
        .map(TicketId)
        .find(|id| category(*id) != 1)
        .unwrap();
    note(&emulator, elsewhere);
    note(&emulator, first[0]);
    let (changed, _) = finish(client.sync_tickets_matching(Some(&checkpoint), &support));
    assert_eq!(changed, vec![first[0]]);

    let refused = client
        .sync_tickets(Some(&checkpoint))
        .next()
        .expect("an answer")
        .expect_err("another listing");
    let refusal = refused.invalid_input().expect("refused before sending");
    assert_eq!(refusal.rule, InputRule::Checkpoint);
    assert!(
        refusal.message.contains("category=1"),
        "{}",
        refusal.message
    );
}

#[test]
fn a_checkpoint_round_trips_through_json_and_another_version_is_refused() {
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .tickets(5)
            .seed(15)
            .data_anchor(Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()),
    )
    .expect("emulator");
    emulator.update_state(|state| {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 15).unwrap();
        for n in [2, 5] {
            state.tickets.get_mut(&n).unwrap().last_modified = at;
        }
    });
    let (_, checkpoint) = finish(emulator.client().sync_tickets(None));
    let json = checkpoint.to_json();
    insta::assert_snapshot!("sync_checkpoint_json", json);
    assert_eq!(SyncCheckpoint::from_json(&json).expect("reads"), checkpoint);

    let future = json.replace("\"version\":1", "\"version\":2");
    let refusal = SyncCheckpoint::from_json(&future).expect_err("version 2");
    let refusal = refusal.invalid_input().expect("invalid input");
    assert_eq!(
        (refusal.field.as_deref(), &refusal.rule),
        (Some("checkpoint"), &InputRule::Checkpoint)
    );
    assert!(
        refusal
            .message
            .contains("format version 2; this client reads version 1"),
        "{}",
        refusal.message
    );
    for junk in ["", "{}", "[1]", r#"{"since":null}"#] {
        let error = SyncCheckpoint::from_json(junk).expect_err(junk);
        assert_eq!(error.invalid_input().unwrap().rule, InputRule::Checkpoint);
    }
}

/// One step of a random interleaving.
#[derive(Debug, Clone)]
enum Step {
    /// A note on one of the tickets.
    Write(u64),
    /// The emulator's clock moves on.
    Advance(u64),
    /// A sync run, with notes on these tickets from its loop after its first ticket; a
    /// failing run is cut by a 503 after its first ticket and dropped (no checkpoint).
    Sync { during: Vec<u64>, fails: bool },
}

/// How many tickets the property test's emulator holds: two batches.
const TICKETS: u64 = 60;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1..=TICKETS).prop_map(Step::Write),
        1 => prop_oneof![Just(1u64), Just(7), Just(3600), Just(90_000)].prop_map(Step::Advance),
        2 => (prop::collection::vec(1..=TICKETS, 0..3), prop::bool::weighted(0.25))
            .prop_map(|(during, fails)| Step::Sync { during, fails }),
    ]
}

/// A ticket's state as the oracle tells them apart: its stamp (whole seconds), and how many
/// updates it has (each note adds one, so two notes within one second differ).
type State = (DateTime<Utc>, usize);

fn state_of(ticket: &Ticket) -> State {
    (ticket.last_modified.expect("a stamp"), ticket.updates.len())
}

/// Adds what one successful run yielded to `seen`, failing if a ticket comes in a state a
/// successful run yielded before.
fn record(
    yielded: Vec<Ticket>,
    seen: &mut BTreeMap<TicketId, BTreeSet<State>>,
) -> Result<(), TestCaseError> {
    for ticket in yielded {
        let state = state_of(&ticket);
        let fresh = seen.entry(ticket.id).or_default().insert(state);
        prop_assert!(
            fresh,
            "ticket {} yielded twice in state {state:?}",
            ticket.id
        );
    }
    Ok(())
}

/// A note on `n`, as the change the oracle expects to see.
fn change(emulator: &EmulatorHandle, n: u64) -> (TicketId, State) {
    let ticket = note(emulator, TicketId(n));
    (ticket.id, state_of(&ticket))
}

/// Runs the steps, then syncs twice more; checks the oracle: every change (ticket, state)
/// is seen by a successful run (the ticket yielded in that state or a later one), and no
/// successful run yields a ticket in a state one yielded before.
fn interleave(steps: &[Step]) -> Result<(), TestCaseError> {
    let emulator = emulator(TICKETS as usize);
    let client = emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client");
    let mut changes: Vec<(TicketId, State)> = Vec::new();
    let mut seen: BTreeMap<TicketId, BTreeSet<State>> = BTreeMap::new();
    let mut checkpoint: Option<SyncCheckpoint> = None;
    let plan = steps.iter().cloned().chain(std::iter::repeat_n(
        Step::Sync {
            during: vec![],
            fails: false,
        },
        2,
    ));
    for step in plan {
        match step {
            Step::Write(n) => changes.push(change(&emulator, n)),
            Step::Advance(seconds) => emulator.advance_clock(Duration::from_secs(seconds)),
            Step::Sync { during, fails } => {
                let mut sync = client.sync_tickets(checkpoint.as_ref());
                let mut yielded = Vec::new();
                let mut failed = false;
                for ticket in sync.by_ref() {
                    match ticket {
                        Ok(ticket) => {
                            if yielded.is_empty() {
                                for n in &during {
                                    changes.push(change(&emulator, *n));
                                }
                                if fails {
                                    emulator.plan(PlannedFault::get(
                                        "/tickets/",
                                        FaultKind::Status(503),
                                    ));
                                }
                            }
                            yielded.push(ticket);
                        }
                        Err(_) => failed = true,
                    }
                }
                // A failing run whose tickets all came in one batch ends well, leaving the
                // fault planned: one listing takes it, so the next run meets none.
                if emulator.planned_left() > 0 {
                    prop_assert!(client.list_ticket_ids(&ListTickets::new()).is_err());
                }
                if failed {
                    prop_assert!(sync.checkpoint().is_none());
                } else {
                    record(yielded, &mut seen)?;
                    checkpoint = sync.checkpoint();
                    prop_assert!(checkpoint.is_some());
                }
            }
        }
    }
    for (id, (at, updates)) in &changes {
        let covered = seen.get(id).is_some_and(|states| {
            states
                .iter()
                .any(|(seen_at, seen_updates)| seen_at >= at && seen_updates >= updates)
        });
        prop_assert!(
            covered,
            "the change of ticket {id} at {at} ({updates} updates) was never seen: {seen:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_change_is_seen_once_over_random_interleavings(
        steps in prop::collection::vec(step(), 1..14)
    ) {
        interleave(&steps)?;
    }
}
