//! `--dry-run`: each write prints the exact request (method, URL, body, attachment names
//! and sizes) and nothing reaches the account; reads (lookups) still go out.

use crate::support::{CREATE_BULK_STDIN, World, redactions};

/// POST requests the account received.
fn posts(world: &World) -> u64 {
    let stats = world.account().stats();
    stats
        .requests
        .iter()
        .filter(|(key, _)| key.starts_with("POST "))
        .map(|(_, counts)| counts.received)
        .sum()
}

#[test]
fn every_write_is_shown_and_not_sent() {
    let world = World::new();
    let file = world.path("report.txt");
    std::fs::write(&file, "twelve bytes").expect("write");
    let file = file.to_str().expect("utf-8");
    let settings = redactions();
    let _guard = settings.bind_to_scope();
    let create = [
        "tickets",
        "create",
        "--subject",
        "Dry",
        "--text",
        "run",
        "--category",
        "Support",
        "--email",
        "d@example.com",
    ];
    let writes: [(&str, Vec<&str>); 12] = [
        (
            "create_json",
            [
                &create[..],
                &["--priority", "Low", "--cf", "Order Number=1"],
            ]
            .concat(),
        ),
        (
            "create_multipart",
            [&create[..], &["--attach", file]].concat(),
        ),
        (
            "inline_attachment",
            vec!["tickets", "inline-attachment", file],
        ),
        (
            "reply",
            vec![
                "tickets",
                "reply",
                "2",
                "--staff",
                "Jane Agent",
                "--text",
                "hi",
                "--status",
                "Closed",
                "--assignee",
                "none",
            ],
        ),
        (
            "note",
            vec![
                "tickets",
                "note",
                "2",
                "--staff",
                "1",
                "--text",
                "pvt",
                "--alert",
                "Jane Agent",
            ],
        ),
        (
            "user_reply",
            vec![
                "tickets",
                "user-reply",
                "2",
                "--text",
                "thanks",
                "--attach",
                file,
            ],
        ),
        (
            "update_cf",
            vec![
                "tickets",
                "update-cf",
                "2",
                "--staff",
                "1",
                "--cf",
                "Product=Helpdesk",
            ],
        ),
        (
            "tags",
            vec![
                "tickets", "tags", "2", "--staff", "1", "--add", "a", "--remove", "b",
            ],
        ),
        (
            "subscribe",
            vec!["tickets", "subscribe", "2", "--staff", "1", "--also", "2"],
        ),
        (
            "forward",
            vec![
                "tickets",
                "forward",
                "2",
                "--staff",
                "1",
                "--to",
                "x@example.com",
                "--subject",
                "s",
                "--text",
                "m",
            ],
        ),
        (
            "move",
            vec![
                "tickets",
                "move",
                "2",
                "--staff",
                "1",
                "--category",
                "Billing",
            ],
        ),
        ("delete", vec!["tickets", "delete", "2", "--staff", "1"]),
    ];
    for (name, args) in writes {
        let run = world.run(&[&["--dry-run"], args.as_slice()].concat()).ok();
        let request = run.json();
        assert_eq!(request["method"], "POST", "{name}");
        assert!(
            run.stderr.contains("was not sent"),
            "{name}: {}",
            run.stderr
        );
        insta::assert_snapshot!(format!("dry_run_{name}"), run.stdout);
    }
    let unsubscribe = world
        .run(&["tickets", "unsubscribe", "2", "--staff", "1", "--dry-run"])
        .ok();
    assert!(
        unsubscribe.json()["url"]
            .as_str()
            .expect("url")
            .ends_with("/ticket/2/unsubscribe/")
    );
    assert_eq!(posts(&world), 0, "a dry run sent a write");
    let unchanged = world.run(&["tickets", "get", "2"]).ok().json();
    assert_ne!(unchanged["status"]["name"], "Closed");
}

#[test]
fn a_bulk_dry_run_prints_each_chunks_request_once() {
    let world = World::new();
    let lines: String = (0..150)
        .map(|n| format!("{{\"subject\": \"Bulk {n}\", \"text\": \"x\", \"category\": 1, \"name\": \"B\", \"email\": \"b@example.com\"}}\n"))
        .collect();
    let run = world.run_with_stdin(&[&["--dry-run"][..], &CREATE_BULK_STDIN].concat(), &lines);
    let rows = run.ok().ndjson();
    assert_eq!(rows.len(), 150);
    assert!(rows.iter().all(|r| r["outcome"] == "dry_run"));
    let with_request: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.get("request").is_some())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(with_request, [0, 100]);
    let sizes: Vec<usize> = with_request
        .iter()
        .map(|&i| rows[i]["request"]["body"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [100, 50]);
    assert_eq!(posts(&world), 0);
}
