//! Every write against the emulated account, checked by reading the ticket back.

use happyfox::GetTicket;
use serde_json::Value;

use crate::support::{CREATE_BULK_STDIN, World, assert_text, create_args, redactions};

fn ticket(world: &World, id: u64) -> happyfox::Ticket {
    world
        .account()
        .client()
        .get_ticket(id, &GetTicket::new())
        .expect("the ticket reads")
}

/// The newest update of a ticket read back.
fn last_update(ticket: &happyfox::Ticket) -> &happyfox::Update {
    ticket.updates.last().expect("an update")
}

#[test]
fn create_takes_names_fields_tags_and_files() {
    let world = World::new();
    let file = world.path("df.txt");
    std::fs::write(&file, "/dev/sda1 93% /var\n").expect("write");
    let run = world
        .run(&[
            "tickets",
            "create",
            "--subject",
            "Disk full on db-1",
            "--text",
            "Alert at 03:12",
            "--category",
            "Support",
            "--name",
            "Ops Bot",
            "--email",
            "ops@example.com",
            "--priority",
            "high",
            "--assignee",
            "jane@emulator.test",
            "--tags",
            "alert,disk",
            "--cc",
            "a@example.com",
            "--due-date",
            "2030-01-31",
            "--cf",
            "Order Number=ORD-7",
            "--cf",
            "Product=Live Chat",
            "--cf",
            "Affected Components=Web,API",
            "--attach",
            file.to_str().expect("utf-8"),
        ])
        .ok();
    let created = run.json();
    let id = created["id"].as_u64().expect("id");
    let stored = ticket(&world, id);
    assert_eq!(
        stored.priority.and_then(|p| p.name).as_deref(),
        Some("High")
    );
    assert_eq!(
        stored.assigned_to.and_then(|s| s.email).as_deref(),
        Some("jane@emulator.test")
    );
    assert_eq!(stored.tags, ["alert", "disk"]);
    assert_eq!(stored.attachments_count, Some(1));
    let value = |name: &str| {
        stored
            .custom_fields
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
            .and_then(|f| f.value.clone())
    };
    assert_eq!(value("Order Number"), Some(Value::from("ORD-7")));
    assert_eq!(value("Product"), Some(Value::from("Live Chat")));
    let settings = redactions();
    let _guard = settings.bind_to_scope();
    insta::assert_snapshot!(
        "create_table",
        world
            .run(&["tickets", "get", &id.to_string(), "--format", "table"])
            .ok()
            .stdout
    );
}

#[test]
fn create_for_an_existing_contact_by_email_or_name() {
    let world = World::new();
    let contact = world.run(&["contacts", "list", "--size", "1"]).ok().json()["data"][0].clone();
    for key in ["email", "name"] {
        let who = contact[key].as_str().expect("a contact field");
        let created = world
            .run(&[
                "tickets",
                "create",
                "--subject",
                "Again",
                "--text",
                "x",
                "--category",
                "4",
                "--contact",
                who,
            ])
            .ok()
            .json();
        assert_eq!(created["user"]["id"], contact["id"], "by {key}");
    }
    let error = world
        .run(&create_args("4", &["--contact", "nobody@nowhere.example"]))
        .fails(4);
    assert_eq!(error["type"], "not_found");
}

#[test]
fn create_bulk_reports_each_ticket_and_fails_when_one_was_not_created() {
    let world = World::new();
    let lines = concat!(
        r#"{"subject": "Nightly check 1", "text": "failed", "category": "Support", "name": "Cron", "email": "cron@example.com", "tags": ["nightly"]}"#,
        "\n",
        r#"{"subject": "Nightly check 2", "text": "failed", "category": 3, "email": "cron@example.com"}"#,
        "\n",
        r#"{"subject": "Nightly check 3", "html": "<b>failed</b>", "category": "Billing", "email": "cron@example.com", "priority": "Critical", "cf": {"Invoice Number": "N-3"}}"#,
        "\n",
    );
    let run = world.run_with_stdin(&CREATE_BULK_STDIN, lines);
    let error = run.fails(1);
    assert_eq!(error["type"], "api");
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("1 of 3"),
        "{error}"
    );
    let rows = run.ndjson();
    let outcomes: Vec<&str> = rows
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["created", "rejected", "created"]);
    let third = ticket(&world, rows[2]["id"].as_u64().expect("id"));
    assert_eq!(
        third.priority.and_then(|p| p.name).as_deref(),
        Some("Critical")
    );

    let file = world.path("bulk.json");
    std::fs::write(
        &file,
        r#"[{"subject": "A", "text": "a", "category": 1, "name": "A", "email": "a@example.com"}]"#,
    )
    .expect("write");
    let ok = world
        .run(&[
            "tickets",
            "create-bulk",
            "--file",
            file.to_str().expect("utf-8"),
        ])
        .ok()
        .json();
    assert_eq!(ok[0]["outcome"], "created");

    let bad = world.run_with_stdin(
        &["tickets", "create-bulk", "--file", "-"],
        "{\"subject\": 1}\n",
    );
    assert_eq!(bad.fails(3)["type"], "usage");
}

#[test]
fn inline_attachment_answers_a_url() {
    let world = World::new();
    let image = world.path("logo.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\nfake").expect("write");
    let answer = world
        .run(&[
            "tickets",
            "inline-attachment",
            image.to_str().expect("utf-8"),
        ])
        .ok()
        .json();
    assert_text(&answer, "url", |u| u.starts_with("http"));
}

#[test]
fn reply_and_note_change_the_ticket() {
    let world = World::new();
    let reply = world.run_with_stdin(
        &[
            "tickets",
            "reply",
            "4",
            "--staff",
            "Jane Agent",
            "--text-file",
            "-",
            "--status",
            "in progress",
            "--priority",
            "2",
            "--tags",
            "followed",
            "--time-spent",
            "5",
        ],
        "Looking into it\nfrom a file",
    );
    let replied = reply.ok().json();
    assert_eq!(replied["status"]["name"], "In Progress");
    let stored = ticket(&world, 4);
    let last = last_update(&stored).message.clone().expect("a message");
    assert_eq!(last.text.as_deref(), Some("Looking into it\nfrom a file"));
    assert_eq!(stored.tags, ["followed"]);

    let note = world
        .command()
        .env("HAPPYFOX_STAFF", "priya@emulator.test")
        .args([
            "tickets",
            "note",
            "4",
            "--html",
            "<p>internal</p>",
            "--alert",
            "subscribers",
            "--assignee",
            "none",
        ])
        .output()
        .expect("runs");
    assert!(note.status.success(), "{note:?}");
    let stored = ticket(&world, 4);
    assert!(stored.assigned_to.is_none());
    let by = last_update(&stored).by.clone().expect("an author");
    assert_eq!(by.email.as_deref(), Some("priya@emulator.test"));
}

#[test]
fn user_reply_is_the_tickets_contact_by_default() {
    let world = World::new();
    let before = ticket(&world, 6);
    let answer = world
        .run(&["tickets", "user-reply", "6", "--text", "Still broken"])
        .ok()
        .json();
    assert_eq!(answer["id"], 6);
    let after = ticket(&world, 6);
    let by = last_update(&after).by.clone().expect("an author");
    assert_eq!(by.id, before.user.map(|u| u.id.get()));
    let error = world.run(&["tickets", "user-reply", "6"]).fails(3);
    assert_eq!(error["type"], "usage");
}

#[test]
fn update_cf_and_tags() {
    let world = World::new();
    // `tickets update-cf 7 --staff 1` with a `--cf` for each value.
    let update_cf = |values: &[&'static str]| {
        let mut args = vec!["tickets", "update-cf", "7", "--staff", "1"];
        for value in values {
            args.extend(["--cf", value]);
        }
        world.run(&args)
    };
    update_cf(&["Estimated Hours=7.5", "5=2024-05-06"]).ok();
    let stored = ticket(&world, 7);
    let hours = stored
        .custom_fields
        .iter()
        .find(|f| f.id == 4)
        .and_then(|f| f.value.clone());
    assert_eq!(hours, Some(Value::from(7.5)));
    let bad = update_cf(&["Estimated Hours=lots"]);
    assert_eq!(bad.fails(3)["type"], "usage");

    world
        .run(&["tickets", "tags", "7", "--staff", "1", "--add", "x,y"])
        .ok();
    let tagged = world
        .run(&["tickets", "tags", "7", "--staff", "1", "--remove", "x"])
        .ok()
        .json();
    let tags = tagged["tags"].as_str().unwrap_or_default();
    assert!(
        tags.contains('y') && !tags.split(',').any(|t| t.trim() == "x"),
        "{tags}"
    );
}

#[test]
fn subscribe_unsubscribe_forward_move_delete() {
    let world = World::new();
    let subscribed = world
        .run(&[
            "tickets",
            "subscribe",
            "8",
            "--staff",
            "admin@emulator.test",
            "--also",
            "Jane Agent,Priya Sharma",
        ])
        .ok()
        .json();
    assert!(subscribed["message"].is_string(), "{subscribed}");
    let ids: Vec<u64> = ticket(&world, 8)
        .subscribers
        .iter()
        .map(|s| s.id.get())
        .collect();
    assert!([1, 2, 4].iter().all(|id| ids.contains(id)), "{ids:?}");
    world
        .run(&["tickets", "unsubscribe", "8", "--staff", "Jane Agent"])
        .ok();
    assert!(!ticket(&world, 8).subscribers.iter().any(|s| s.id == 2));

    let forwarded = world
        .run(&[
            "tickets",
            "forward",
            "8",
            "--staff",
            "1",
            "--to",
            "x@example.com,y@example.com",
            "--subject",
            "FYI",
            "--text",
            "see below",
            "--private-notes",
        ])
        .ok()
        .json();
    assert_text(&forwarded, "message", |m| m.contains("forwarded"));

    let moved = world
        .run(&[
            "tickets",
            "move",
            "8",
            "--staff",
            "admin@emulator.test",
            "--category",
            "Sales",
            "--note",
            "sales owns it",
            "--assignee",
            "Priya Sharma",
            "--format",
            "table",
        ])
        .ok();
    assert!(moved.stdout.starts_with("message"), "{}", moved.stdout);
    let stored = ticket(&world, 8);
    assert_eq!(
        stored.category.and_then(|c| c.name).as_deref(),
        Some("Sales")
    );

    let deleted = world
        .run(&["tickets", "delete", "8", "--staff", "1", "--yes"])
        .ok()
        .json();
    assert!(deleted["deleted_ticket"].is_string(), "{deleted}");
    assert_eq!(world.run(&["tickets", "get", "8"]).fails(4)["status"], 404);
}

#[test]
fn delete_refuses_without_a_terminal_or_yes() {
    let world = World::new();
    let error = world
        .run(&["tickets", "delete", "9", "--staff", "1"])
        .fails(3);
    assert_eq!(error["type"], "usage");
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("--yes")
    );
    assert_eq!(
        world
            .account()
            .stats()
            .of("POST", "/ticket/9/delete/")
            .received,
        0
    );
    world.run(&["tickets", "get", "9"]).ok();
}

/// `count` bulk lines, each its own subject.
fn bulk_lines(count: usize) -> String {
    (0..count)
        .map(|n| {
            format!(
                "{{\"subject\": \"Bulk {n}\", \"text\": \"x\", \"category\": \"Support\", \"name\": \"Bulk\", \"email\": \"bulk@example.com\"}}\n"
            )
        })
        .collect()
}

#[test]
fn create_bulk_with_two_workers_creates_every_ticket_and_reports_in_input_order() {
    let world = World::new();
    let run = world
        .run_with_stdin(
            &[
                "tickets",
                "create-bulk",
                "--file",
                "-",
                "--workers",
                "2",
                "--format",
                "ndjson",
            ],
            &bulk_lines(250),
        )
        .ok();
    let rows = run.ndjson();
    assert_eq!(rows.len(), 250);
    let mut ids = std::collections::BTreeSet::new();
    for (index, row) in rows.iter().enumerate() {
        assert_eq!(row["index"], index, "{row}");
        assert_eq!(row["outcome"], "created", "{row}");
        assert!(ids.insert(row["id"].as_u64().expect("id")), "{row}");
    }
    let stats = world.account().stats().of("POST", "/tickets/");
    assert_eq!(stats.applied, 3, "three chunks of at most 100");
    for (index, row) in rows.iter().enumerate().step_by(60) {
        let created = ticket(&world, row["id"].as_u64().expect("id"));
        assert_eq!(
            created.subject.as_deref(),
            Some(format!("Bulk {index}").as_str())
        );
    }
}

#[test]
fn create_bulk_refuses_a_worker_count_out_of_range() {
    let world = World::new();
    for workers in ["0", "33", "-1", "two"] {
        let run = world.run_with_stdin(
            &[
                "tickets",
                "create-bulk",
                "--file",
                "-",
                "--workers",
                workers,
            ],
            &bulk_lines(1),
        );
        let error = run.fails(3);
        assert_eq!(error["type"], "usage", "{workers}");
        assert_text(&error, "message", |m| m.contains("--workers"));
        assert_eq!(run.stdout, "", "nothing created");
    }
    assert_eq!(
        world.account().stats().of("POST", "/tickets/").received,
        0,
        "nothing sent"
    );
    let help = world.run(&["tickets", "create-bulk", "--help"]).ok();
    assert!(help.stdout.contains("--workers <N>"), "{}", help.stdout);
    let default = format!("[default: {}]", happyfox::BulkOptions::DEFAULT_WORKERS);
    assert!(help.stdout.contains(&default), "{}", help.stdout);
}
