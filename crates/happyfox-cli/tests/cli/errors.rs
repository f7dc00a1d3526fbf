//! Failures: one JSON object on stderr with its type, message, HTTP status, field errors
//! and `outcome_unknown`, and the documented exit code.

use happyfox_emulator::{FaultKind, PlannedFault};

use crate::support::{API_KEY, World, create_args};

#[test]
fn wrong_credentials_are_auth_exit_2() {
    let world = World::new();
    let run = crate::support::run(
        world
            .command()
            .env("HAPPYFOX_AUTH_CODE", "not-the-code-0000")
            .args(["tickets", "list"]),
    );
    let error = run.fails(2);
    assert_eq!(error["type"], "auth");
    assert_eq!(error["status"], 401);
    assert!(run.stdout.is_empty());
    assert!(!run.stderr.contains("not-the-code-0000"), "{}", run.stderr);
}

#[test]
fn a_missing_ticket_is_not_found_exit_4() {
    let world = World::new();
    let error = world.run(&["tickets", "get", "999"]).fails(4);
    assert_eq!(error["type"], "not_found");
    assert_eq!(error["status"], 404);
    let error = world
        .run(&["contacts", "get", "nobody@nowhere.example"])
        .fails(4);
    assert_eq!(error["type"], "not_found");
}

#[test]
fn refused_input_is_validation_exit_3_with_the_field() {
    let world = World::new();
    let local = world
        .run(&["tickets", "list", "--query", r#"status:"New"#])
        .fails(3);
    assert_eq!(local["type"], "validation");
    assert_eq!(local["errors"][0]["field"], "q");
    // HappyFox's own 400: a category that is not public.
    let remote = world
        .run(&create_args("Internal IT", &["--email", "v@example.com"]))
        .fails(3);
    assert_eq!(remote["type"], "validation");
    assert_eq!(remote["status"], 400);
    assert_eq!(remote["errors"][0]["field"], "category");
}

#[test]
fn an_unreachable_account_is_network_exit_5() {
    let world = World::bare();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let run = crate::support::run(
        world
            .command()
            .env("HAPPYFOX_API_KEY", API_KEY)
            .env("HAPPYFOX_AUTH_CODE", "code-0000")
            .args(["--url", &url, "--quiet", "system", "statuses"]),
    );
    let error = run.fails(5);
    assert_eq!(error["type"], "network");
    assert!(error.get("status").is_none());
}

#[test]
fn a_write_whose_answer_never_came_is_outcome_unknown() {
    let world = World::new();
    world.account().plan(PlannedFault::post(
        "/ticket/3/staff_update/",
        FaultKind::DropAfterApplying,
    ));
    let run = world.run(&["tickets", "reply", "3", "--staff", "1", "--text", "maybe"]);
    let error = run.fails(5);
    assert_eq!(error["type"], "network");
    assert_eq!(error["outcome_unknown"], true);
    let gateway = World::new();
    gateway.account().plan(PlannedFault::post(
        "/ticket/3/staff_update/",
        FaultKind::StatusAfterApplying(502),
    ));
    let error = gateway
        .run(&["tickets", "reply", "3", "--staff", "1", "--text", "maybe"])
        .fails(1);
    assert_eq!(
        (error["type"].as_str(), error["status"].as_u64()),
        (Some("api"), Some(502))
    );
    assert_eq!(error["outcome_unknown"], true);
}

#[test]
fn a_long_rate_limit_is_rate_limited_exit_1() {
    let world = World::new();
    world.account().plan(PlannedFault::get(
        "/tickets/",
        FaultKind::RateLimited {
            retry_after: Some(3600),
            body_wait: None,
        },
    ));
    let error = world.run(&["tickets", "list"]).fails(1);
    assert_eq!(error["type"], "rate_limited");
    assert_eq!(error["status"], 429);
}

#[test]
fn an_answer_of_another_shape_is_applied_with_a_warning() {
    let world = World::new();
    world.account().plan(PlannedFault::post(
        "/ticket/3/update_tags/",
        FaultKind::NotJson,
    ));
    let run = world
        .run(&["tickets", "tags", "3", "--staff", "1", "--add", "odd"])
        .ok();
    assert_eq!(run.json()["applied"], true);
    assert!(
        run.stderr.contains("do not send it again"),
        "{}",
        run.stderr
    );
}
