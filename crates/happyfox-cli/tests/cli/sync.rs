//! `tickets sync --state FILE`: the first run writes every ticket, the next ones exactly the
//! tickets changed since; the state file is replaced only after the output is complete, so
//! a run that fails leaves it as it was and the next run repeats the tickets.

use std::collections::BTreeSet;

use happyfox::{StaffPrivateNote, UpdateTags};
use happyfox_emulator::{EmulatorConfig, FaultKind, PlannedFault};

use crate::support::{World, assert_text, csv};

/// The ticket numbers of an NDJSON run, each once.
fn ids(run: &crate::support::Run) -> BTreeSet<u64> {
    let tickets = run.ndjson();
    let ids: BTreeSet<u64> = tickets
        .iter()
        .map(|t| t["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids.len(), tickets.len(), "each ticket once");
    ids
}

/// A note on each of `numbers`, and a tag on the last one, through the API.
fn change(world: &World, numbers: &[u64]) {
    let client = world.account().client();
    for n in numbers {
        let noted =
            client.staff_private_note(*n, &StaffPrivateNote::new(1).plaintext("looked at it"));
        drop(noted.expect("note"));
    }
    if let Some(last) = numbers.last() {
        let tagged = client.update_tags(*last, &UpdateTags::new(1).add_tags(["synced"]));
        drop(tagged.expect("tags"));
    }
}

#[test]
fn sync_twice_around_a_batch_of_changes_prints_exactly_the_changed_tickets() {
    let world = World::with(EmulatorConfig::new().tickets(70));
    let state = world.path("sync-state.json");
    let state_arg = state.to_str().expect("utf-8");

    let first = world.run(&["tickets", "sync", "--state", state_arg]).ok();
    assert_eq!(
        ids(&first),
        (1..=70).collect(),
        "the first run: every ticket"
    );
    assert!(
        first
            .stderr
            .starts_with("synced 70 changed tickets; state saved to"),
        "{}",
        first.stderr
    );
    assert!(state.exists());

    change(&world, &[4, 18, 52]);
    let second = world.run(&["tickets", "sync", "--state", state_arg]).ok();
    assert_eq!(ids(&second), BTreeSet::from([4, 18, 52]));
    let tagged = second
        .ndjson()
        .into_iter()
        .find(|t| t["id"] == 52)
        .expect("ticket 52");
    assert!(tagged["tags"].to_string().contains("synced"), "{tagged}");

    let third = world.run(&["tickets", "sync", "--state", state_arg]).ok();
    assert_eq!(third.stdout, "", "nothing changed since");
    let leftovers: Vec<_> = std::fs::read_dir(world.path(""))
        .expect("home")
        .map(|entry| entry.expect("entry").file_name())
        .filter(|name| name.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary state left: {leftovers:?}"
    );
}

#[test]
fn a_failed_sync_leaves_the_state_untouched_and_the_next_run_repeats_its_tickets() {
    let world = World::with(EmulatorConfig::new().tickets(40));
    let state = world.path("state.json");
    let state_arg = state.to_str().expect("utf-8");
    world.run(&["tickets", "sync", "--state", state_arg]).ok();
    let before = std::fs::read(&state).expect("state written");
    change(&world, &[2, 3, 5, 7, 11, 13]);

    // Not transient: neither the client nor the walk tries again.
    world
        .account()
        .plan(PlannedFault::get("/tickets/", FaultKind::Status(401)).times(2));
    let sync = |code| {
        world
            .run(&["tickets", "sync", "--state", state_arg])
            .fails(code)
    };
    let error = sync(2);
    assert_eq!(error["type"], "auth");
    assert_text(&error, "message", |m| m.contains("was not changed"));
    assert_eq!(
        std::fs::read(&state).expect("state"),
        before,
        "the old state"
    );

    // The output fails part-way (a full disk): the state stays too.
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let output = world
        .process()
        .args(["tickets", "sync", "--state", state_arg])
        .stdout(full)
        .output()
        .expect("the binary runs");
    assert_ne!(output.status.code(), Some(0), "a full disk is a failure");
    assert_eq!(
        std::fs::read(&state).expect("state"),
        before,
        "the old state"
    );

    let repeated = world.run(&["tickets", "sync", "--state", state_arg]).ok();
    assert_eq!(ids(&repeated), BTreeSet::from([2, 3, 5, 7, 11, 13]));
    assert_ne!(std::fs::read(&state).expect("state"), before, "moved on");
}

#[test]
fn csv_to_a_file_and_a_state_that_is_no_checkpoint() {
    let world = World::with(EmulatorConfig::new().tickets(15));
    let state = world.path("state.json");
    let state_arg = state.to_str().expect("utf-8");
    let out = world.path("changes.csv");
    let out_arg = out.to_str().expect("utf-8");
    let run = world
        .run(&[
            "tickets", "sync", "--state", state_arg, "--format", "csv", "--out", out_arg,
        ])
        .ok();
    assert!(run.stdout.is_empty());
    let records = csv(&std::fs::read_to_string(&out).expect("written"));
    assert_eq!(records.len(), 16, "a header and every ticket");
    assert!(!world.path("changes.csv.part").exists());

    std::fs::write(&state, "{\"version\":7}").expect("write");
    let error = world
        .run(&["tickets", "sync", "--state", state_arg])
        .fails(3);
    assert_eq!(error["type"], "usage");
    assert_text(&error, "message", |m| m.contains("format version 7"));
    assert_eq!(
        std::fs::read_to_string(&state).expect("state"),
        "{\"version\":7}"
    );

    let table = world
        .run(&["tickets", "sync", "--state", state_arg, "--format", "table"])
        .fails(3);
    assert_eq!(table["type"], "usage");
}

/// The ticket numbers of the emulated account in status `status`.
fn in_status(world: &World, status: &str) -> BTreeSet<u64> {
    let client = world.account().client();
    let id = client
        .lookups()
        .expect("lookups")
        .status(status)
        .expect("a status")
        .id;
    client
        .iter_tickets(
            &happyfox::ListTickets::new()
                .status(happyfox::StatusFilter::Id(id))
                .size(50),
        )
        .map(|t| t.expect("a ticket").id.get())
        .collect()
}

#[test]
fn sync_with_a_status_writes_only_that_status_and_refuses_another_listings_state() {
    let world = World::with(EmulatorConfig::new().tickets(60));
    let state = world.path("new-state.json");
    let state_arg = state.to_str().expect("utf-8");
    let expected = in_status(&world, "New");
    assert!(
        !expected.is_empty() && expected.len() < 60,
        "some tickets are New, not all: {expected:?}"
    );

    let first = world
        .run(&["tickets", "sync", "--state", state_arg, "--status", "new"])
        .ok();
    assert_eq!(ids(&first), expected, "exactly the New tickets");
    for ticket in first.ndjson() {
        assert_eq!(ticket["status"]["name"], "New", "{ticket}");
    }

    // A change to a New ticket and to a ticket of another status: only the first comes.
    let new_one = *expected.iter().next().expect("a New ticket");
    let other = (1..=60)
        .find(|n| !expected.contains(n))
        .expect("a ticket in another status");
    change(&world, &[new_one, other]);
    let second = world
        .run(&["tickets", "sync", "--state", state_arg, "--status", "New"])
        .ok();
    assert_eq!(ids(&second), BTreeSet::from([new_one]));

    // The state of the New sync, used for a sync of every ticket or another status.
    let before = std::fs::read(&state).expect("state");
    for other_listing in [
        vec!["tickets", "sync", "--state", state_arg],
        vec![
            "tickets", "sync", "--state", state_arg, "--status", "Closed",
        ],
        vec![
            "tickets",
            "sync",
            "--state",
            state_arg,
            "--status",
            "New",
            "--query",
            "tag:\"vip\"",
        ],
    ] {
        let run = world.run(&other_listing);
        let error = run.fails(3);
        assert_eq!(error["type"], "usage", "{other_listing:?}");
        let message = error["message"].as_str().expect("message");
        assert!(
            message.contains("another listing")
                && message.contains("--status, --category and --query")
                && message.contains("was not changed"),
            "{message}"
        );
        assert_eq!(run.stdout, "", "nothing written");
        assert_eq!(
            std::fs::read(&state).expect("state"),
            before,
            "{other_listing:?}"
        );
    }

    let unknown = world
        .run(&["tickets", "sync", "--state", state_arg, "--status", "Nope"])
        .fails(4);
    assert_eq!(unknown["type"], "not_found");
}

#[test]
fn sync_with_a_category_and_a_query() {
    let world = World::with(EmulatorConfig::new().tickets(40));
    let state = world.path("support.json");
    let state_arg = state.to_str().expect("utf-8");
    // The category by its name, in any case.
    let sync = |category: &str| {
        world
            .run(&[
                "tickets",
                "sync",
                "--state",
                state_arg,
                "--category",
                category,
                "--query",
                "status:\"New\",\"In Progress\"",
            ])
            .ok()
    };
    let tickets = sync("Support").ndjson();
    assert!(!tickets.is_empty(), "some tickets match");
    for ticket in &tickets {
        assert_eq!(ticket["category"]["name"], "Support", "{ticket}");
        let status = ticket["status"]["name"].as_str().expect("status");
        assert!(["New", "In Progress"].contains(&status), "{ticket}");
    }
    let again = sync("support");
    assert_eq!(again.stdout, "", "the same listing, nothing changed");
}
