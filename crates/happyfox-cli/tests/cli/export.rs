//! `tickets export`: every ticket once, in ticket-number order, whether pages come from
//! parallel workers (the default) or a snapshot (`--snapshot`: tickets changed meanwhile are
//! neither skipped nor repeated); valid NDJSON and CSV, to stdout or a file, through
//! transient failures; no progress drawn when stderr is not a terminal.

use happyfox_emulator::{EmulatorConfig, FaultKind, PlannedFault};

use crate::support::{World, csv, ndjson};

#[test]
fn ndjson_export_writes_every_ticket_once() {
    let world = World::with(EmulatorConfig::new().tickets(130));
    let run = world.run(&["tickets", "export"]).ok();
    let tickets = run.ndjson();
    let mut ids: Vec<u64> = tickets
        .iter()
        .map(|t| t["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids.len(), 130);
    ids.dedup();
    assert_eq!(
        ids,
        (1..=130).collect::<Vec<_>>(),
        "ticket number order, no repeats"
    );
    // No progress bar on a pipe: only the closing status line.
    assert!(
        !run.stderr.contains('\r') && !run.stderr.contains('\u{1b}'),
        "{:?}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("exported 130 tickets"),
        "{}",
        run.stderr
    );
    let quiet = world.run(&["tickets", "export", "--quiet"]).ok();
    assert!(quiet.stderr.is_empty());
    assert_eq!(quiet.ndjson().len(), 130);
}

#[test]
fn workers_and_the_snapshot_write_the_same_export() {
    let world = World::with(EmulatorConfig::new().tickets(170));
    // Compared by ids: attachment URLs carry their expiry time, so whole lines differ.
    let ids = |args: &[&str]| -> Vec<u64> {
        ndjson(&world.run(args).ok().stdout)
            .iter()
            .map(|t| t["id"].as_u64().expect("id"))
            .collect()
    };
    let parallel = ids(&["tickets", "export"]);
    assert_eq!(parallel, (1..=170).collect::<Vec<_>>());
    assert_eq!(parallel, ids(&["tickets", "export", "--workers", "1"]));
    assert_eq!(parallel, ids(&["tickets", "export", "--snapshot"]));
    for bad in ["0", "33", "many"] {
        let error = world.run(&["tickets", "export", "--workers", bad]).fails(3);
        assert_eq!(error["type"], "usage", "--workers {bad}");
    }
    let error = world
        .run(&["tickets", "export", "--snapshot", "--workers", "4"])
        .fails(3);
    assert_eq!(error["type"], "usage");
}

#[test]
fn csv_export_to_a_file_with_a_query() {
    let world = World::with(EmulatorConfig::new().tickets(80));
    let out = world.path("tickets.csv");
    let run = world
        .run(&[
            "tickets",
            "export",
            "--format",
            "csv",
            "--query",
            r#"status:"New""#,
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .ok();
    assert!(run.stdout.is_empty());
    let records = csv(&std::fs::read_to_string(&out).expect("written"));
    let header = &records[0];
    assert_eq!(
        header[..8],
        [
            "id",
            "display_id",
            "subject",
            "status",
            "priority",
            "assignee",
            "category",
            "last_modified"
        ]
    );
    assert!(records.len() > 1);
    assert!(
        records[1..]
            .iter()
            .all(|r| r.len() == header.len() && r[3] == "New")
    );
    let expected = world
        .account()
        .client()
        .list_tickets(&happyfox::ListTickets::new().q(r#"status:"New""#))
        .expect("list")
        .total();
    assert_eq!(Some(records.len() as u64 - 1), expected);
    assert!(!world.path("tickets.csv.part").exists());
}

#[test]
fn export_rides_out_transient_failures() {
    let world = World::with(EmulatorConfig::new().tickets(120));
    let account = world.account();
    account.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)).times(2));
    account.plan(PlannedFault::get(
        "/tickets/",
        FaultKind::DropBeforeApplying,
    ));
    account.plan(PlannedFault::get("/tickets/", FaultKind::Truncate));
    account.plan(PlannedFault::get(
        "/tickets/",
        FaultKind::RateLimited {
            retry_after: Some(1),
            body_wait: None,
        },
    ));
    // Five failures of the first request: the client's retry policy is the only one, so it
    // gets five retries (the default 3 would give up, and the walk does not try again).
    let run = world.run(&["--max-retries", "5", "tickets", "export"]).ok();
    let tickets = ndjson(&run.stdout);
    assert_eq!(tickets.len(), 120);
    assert_eq!(account.planned_left(), 0, "every fault was met");
    account.plan(PlannedFault::get("/tickets/", FaultKind::Status(503)).times(4));
    let error = world.run(&["tickets", "export"]).fails(1);
    assert!(
        error["message"].as_str().is_some_and(|m| m.contains("503")),
        "after the client's 3 retries the export stops: {error}"
    );
}

#[test]
fn a_failed_export_leaves_a_part_file_and_says_so() {
    let world = World::with(EmulatorConfig::new().tickets(120));
    // Not transient: neither the client nor the walk tries again.
    world
        .account()
        .plan(PlannedFault::get("/tickets/", FaultKind::Status(401)).times(2));
    let out = world.path("all.ndjson");
    let run = world.run(&["tickets", "export", "--out", out.to_str().expect("utf-8")]);
    let error = run.fails(2);
    assert_eq!(error["type"], "auth");
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("export again"),
        "{error}"
    );
    assert!(!out.exists());
    assert!(world.path("all.ndjson.part").exists());
}

#[test]
fn export_writes_only_ndjson_or_csv() {
    let world = World::new();
    let error = world
        .run(&["tickets", "export", "--format", "table"])
        .fails(3);
    assert_eq!(error["type"], "usage");
}
