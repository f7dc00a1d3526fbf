//! Reads: tickets, contacts and lookups in every format, pinned by snapshots; pages and
//! `--all`.

use crate::support::{SYSTEM_COMMANDS, World, csv, redactions};

#[test]
fn ticket_list_in_each_format() {
    let world = World::new();
    let settings = redactions();
    let _guard = settings.bind_to_scope();
    let json = world.run(&["tickets", "list", "--size", "2"]).ok();
    let page = json.json();
    assert_eq!(page["page_info"]["last_index"], 20);
    assert_eq!(page["data"].as_array().map(Vec::len), Some(2));
    insta::assert_snapshot!("tickets_list_json", json.stdout);
    let table = world
        .run(&["tickets", "list", "--size", "5", "--format", "table"])
        .ok();
    insta::assert_snapshot!("tickets_list_table", table.stdout);
    let narrow = world
        .command()
        .env("COLUMNS", "70")
        .args(["tickets", "list", "--size", "5", "--format", "table"])
        .output()
        .expect("runs");
    let narrow = String::from_utf8(narrow.stdout).expect("utf-8");
    assert!(narrow.lines().all(|l| l.chars().count() <= 70), "{narrow}");
    assert!(narrow.contains('…'), "{narrow}");
    insta::assert_snapshot!("tickets_list_table_70_columns", narrow);
    let ndjson = world
        .run(&["tickets", "list", "--size", "3", "--format", "ndjson"])
        .ok();
    assert_eq!(ndjson.ndjson().len(), 3);
    let as_csv = world
        .run(&["tickets", "list", "--size", "5", "--format", "csv"])
        .ok();
    let records = csv(&as_csv.stdout);
    assert_eq!(records.len(), 6);
    assert_eq!(records[0][..3], ["id", "display_id", "subject"]);
    insta::assert_snapshot!("tickets_list_csv", as_csv.stdout);
}

#[test]
fn ticket_list_filters_sorts_and_pages() {
    let world = World::new();
    let sorted = world
        .run(&[
            "tickets", "list", "--sort", "ticketa", "--size", "3", "--page", "2",
        ])
        .ok()
        .json();
    let ids: Vec<u64> = sorted["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|t| t["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids, [4, 5, 6]);
    let new = world
        .run(&["tickets", "list", "--status", "new", "--size", "50"])
        .ok()
        .json();
    let statuses: Vec<&str> = new["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|t| t["status"]["name"].as_str().expect("status"))
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| *s == "New"),
        "{statuses:?}"
    );
    let billing = world
        .run(&[
            "tickets",
            "list",
            "--category",
            "Billing",
            "--query",
            r#"status:"New","In Progress""#,
            "--size",
            "50",
        ])
        .ok()
        .json();
    for ticket in billing["data"].as_array().expect("data") {
        assert_eq!(ticket["category"]["name"], "Billing");
    }
    let error = world
        .run(&["tickets", "list", "--sort", "sideways"])
        .fails(3);
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("ticketa"),
        "{error}"
    );
}

#[test]
fn list_all_streams_every_ticket_as_ndjson() {
    let world = World::new();
    let all = world
        .run(&["tickets", "list", "--all", "--size", "7"])
        .ok()
        .ndjson();
    let mut ids: Vec<u64> = all.iter().map(|t| t["id"].as_u64().expect("id")).collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=20).collect::<Vec<_>>());
    let as_json = world
        .run(&["tickets", "list", "--all", "--format", "json"])
        .ok()
        .json();
    assert_eq!(as_json.as_array().map(Vec::len), Some(20));
    let contacts = world.run(&["contacts", "list", "--all"]).ok().ndjson();
    let total = world.run(&["contacts", "list"]).ok().json()["page_info"]["last_index"].clone();
    assert_eq!(Some(contacts.len() as u64), total.as_u64());
}

#[test]
fn list_all_asks_for_pages_of_50_unless_told() {
    let world = World::with(happyfox_emulator::EmulatorConfig::new().tickets(120));
    let listings = || world.account().stats().of("GET", "/tickets/").received;
    world.account().reset_stats();
    let all = world.run(&["tickets", "list", "--all"]).ok().ndjson();
    assert_eq!((all.len(), listings()), (120, 3));
    world.account().reset_stats();
    let sized = world
        .run(&["tickets", "list", "--all", "--size", "25"])
        .ok()
        .ndjson();
    assert_eq!((sized.len(), listings()), (120, 5), "--size is kept");
    world.account().reset_stats();
    let page = world.run(&["tickets", "list"]).ok().json();
    assert_eq!(
        (page["data"].as_array().map(Vec::len), listings()),
        (Some(10), 1),
        "one page keeps HappyFox's default"
    );
}

#[test]
fn ticket_get_by_number_or_display_id() {
    let world = World::new();
    let settings = redactions();
    let _guard = settings.bind_to_scope();
    let by_number = world.run(&["tickets", "get", "3"]).ok();
    let display_id = by_number.json()["display_id"]
        .as_str()
        .expect("display id")
        .to_owned();
    let by_display = world.run(&["tickets", "get", &display_id]).ok();
    assert_eq!(by_number.json()["id"], by_display.json()["id"]);
    insta::assert_snapshot!("tickets_get_json", by_number.stdout);
    let table = world
        .run(&["tickets", "get", "3", "--format", "table"])
        .ok();
    insta::assert_snapshot!("tickets_get_table", table.stdout);
    let changes = world
        .run(&["tickets", "get", "3", "--show-cf-changes"])
        .ok()
        .json();
    assert_eq!(changes["id"], 3);
}

#[test]
fn contacts_by_id_and_email() {
    let world = World::new();
    let page = world.run(&["contacts", "list", "--size", "3"]).ok();
    let first = page.json()["data"][0].clone();
    let email = first["email"].as_str().expect("email");
    let by_email = world.run(&["contacts", "get", email]).ok().json();
    let id = first["id"].to_string();
    let by_id = world.run(&["contacts", "get", &id]).ok().json();
    assert_eq!(by_email["id"], first["id"]);
    assert_eq!(by_id["email"], first["email"]);
    let settings = redactions();
    let _guard = settings.bind_to_scope();
    let table = world
        .run(&["contacts", "list", "--size", "4", "--format", "table"])
        .ok();
    insta::assert_snapshot!("contacts_list_table", table.stdout);
    let as_csv = world
        .run(&["contacts", "list", "--size", "4", "--format", "csv"])
        .ok();
    insta::assert_snapshot!("contacts_list_csv", as_csv.stdout);
    let searched = world
        .run(&["contacts", "list", "--query", email])
        .ok()
        .json();
    assert_eq!(searched["data"][0]["email"].as_str(), Some(email));
}

#[test]
fn lookups_in_json_and_tables() {
    let world = World::new();
    for lookup in SYSTEM_COMMANDS {
        let json = world.run(&["system", lookup]).ok().json();
        assert!(json.as_array().is_some_and(|a| !a.is_empty()), "{lookup}");
        let table = world.run(&["system", lookup, "--format", "table"]).ok();
        insta::assert_snapshot!(format!("system_{lookup}_table"), table.stdout);
    }
    let staff_csv = world.run(&["system", "staff", "--format", "csv"]).ok();
    insta::assert_snapshot!("system_staff_csv", staff_csv.stdout);
}
