//! Names, not ids: statuses, priorities, categories, staff, contacts and custom fields by
//! name (or email), with the candidates listed when a name is unknown or ambiguous.

use crate::support::World;

#[test]
fn names_emails_and_ids_resolve_alike() {
    let world = World::new();
    let mut statuses = Vec::new();
    for (staff, status) in [
        ("Jane Agent", "On Hold"),
        ("jane@emulator.test", "on hold"),
        ("2", "3"),
    ] {
        let answer = world
            .run(&[
                "tickets", "reply", "10", "--staff", staff, "--text", "x", "--status", status,
            ])
            .ok()
            .json();
        statuses.push(answer["status"]["id"].clone());
    }
    assert_eq!(statuses, [3, 3, 3]);
    let author = world
        .account()
        .client()
        .get_ticket(10, &happyfox::GetTicket::new())
        .expect("read");
    let authors: Vec<_> = author
        .updates
        .iter()
        .rev()
        .take(3)
        .map(|u| u.by.as_ref().and_then(|b| b.id))
        .collect();
    assert_eq!(authors, [Some(2), Some(2), Some(2)]);
}

#[test]
fn an_unknown_name_is_not_found_with_the_candidates() {
    let world = World::new();
    let run = world.run(&[
        "tickets",
        "reply",
        "10",
        "--staff",
        "1",
        "--text",
        "x",
        "--status",
        "Pending Review",
    ]);
    let error = run.fails(4);
    assert_eq!(error["type"], "not_found");
    assert_eq!(
        error["candidates"],
        serde_json::json!(["New", "In Progress", "On Hold", "Closed", "Resolved"])
    );
    let update_cf = |cf: &str| {
        world
            .run(&["tickets", "update-cf", "10", "--staff", "1", "--cf", cf])
            .fails(4)
    };
    let field = update_cf("Colour=red");
    assert!(
        field["candidates"]
            .as_array()
            .is_some_and(|c| c.iter().any(|n| n == "Order Number")),
        "{field}"
    );
    let option = update_cf("Product=Toaster");
    assert_eq!(
        option["candidates"],
        serde_json::json!(["Helpdesk", "Live Chat", "Asset Management"])
    );
    assert_eq!(
        world
            .account()
            .stats()
            .of("POST", "/ticket/10/staff_update/")
            .received,
        0
    );
}

#[test]
fn an_ambiguous_name_is_a_usage_error_listing_the_matches() {
    let world = World::new();
    world.account().update_state(|state| {
        let mut twin = state.staff[1].clone();
        twin.id = happyfox::StaffId(9);
        twin.email = Some("jane.two@emulator.test".into());
        state.staff.push(twin);
    });
    let error = world
        .run(&[
            "tickets",
            "reply",
            "10",
            "--staff",
            "Jane Agent",
            "--text",
            "x",
        ])
        .fails(3);
    assert_eq!(error["type"], "usage");
    assert_eq!(
        error["candidates"],
        serde_json::json!([
            "Jane Agent <jane@emulator.test> (id 2)",
            "Jane Agent <jane.two@emulator.test> (id 9)"
        ])
    );
    world
        .run(&[
            "tickets",
            "reply",
            "10",
            "--staff",
            "jane.two@emulator.test",
            "--text",
            "x",
        ])
        .ok();
}

#[test]
fn lookups_are_fetched_once_per_run() {
    let world = World::new();
    world.account().reset_stats();
    world
        .run(&[
            "tickets",
            "reply",
            "11",
            "--staff",
            "Jane Agent",
            "--text",
            "x",
            "--status",
            "New",
            "--priority",
            "Low",
            "--assignee",
            "Priya Sharma",
            "--cf",
            "Order Number=9",
        ])
        .ok();
    let stats = world.account().stats();
    for path in [
        "/statuses/",
        "/priorities/",
        "/staff/",
        "/ticket_custom_fields/",
    ] {
        assert_eq!(stats.of("GET", path).received, 1, "{path}");
    }
}
