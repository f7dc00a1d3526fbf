//! `contact-groups list|get`: the account's groups in each format (the table pinned by a
//! snapshot), one group with its members by id or name, and the errors of an unknown one.

use crate::support::{World, csv, redactions};

#[test]
fn contact_groups_list_in_each_format() {
    let world = World::new();
    let expected = world
        .account()
        .client()
        .list_contact_groups()
        .expect("the groups");
    assert!(!expected.is_empty(), "the emulator has groups");

    let listed = world.run(&["contact-groups", "list"]).ok().json();
    let listed = listed.as_array().expect("a JSON array");
    assert_eq!(listed.len(), expected.len());
    for (row, group) in listed.iter().zip(&expected) {
        assert_eq!(row["id"], group.id);
        assert_eq!(row["name"].as_str(), group.name.as_deref());
    }

    let ndjson = world
        .run(&["contact-groups", "list", "--format", "ndjson"])
        .ok()
        .ndjson();
    assert_eq!(ndjson.len(), expected.len());

    let as_csv = world
        .run(&["contact-groups", "list", "--format", "csv"])
        .ok();
    let records = csv(&as_csv.stdout);
    assert_eq!(
        records[0],
        [
            "id",
            "name",
            "description",
            "domains",
            "all_tickets",
            "members"
        ]
    );
    assert_eq!(records.len(), expected.len() + 1);

    let settings = redactions();
    let _guard = settings.bind_to_scope();
    let table = world
        .run(&["contact-groups", "list", "--format", "table"])
        .ok();
    insta::assert_snapshot!("contact_groups_list_table", table.stdout);
}

#[test]
fn contact_groups_get_by_id_or_name_shows_the_members() {
    let world = World::new();
    let client = world.account().client();
    let groups = client.list_contact_groups().expect("the groups");
    let group = groups.last().expect("a group");
    let expected = client.get_contact_group(group.id).expect("the group");

    let by_id = world
        .run(&["contact-groups", "get", &group.id.to_string()])
        .ok()
        .json();
    assert_eq!(by_id["id"], group.id);
    assert_eq!(by_id["name"].as_str(), group.name.as_deref());
    let members = by_id["contacts"].as_array().expect("members");
    assert_eq!(members.len(), expected.contacts.len());
    assert_eq!(
        serde_json::Value::Array(members.clone()),
        serde_json::Value::Array(expected.contacts.clone())
    );

    let name = group.name.as_deref().expect("a name").to_uppercase();
    let by_name = world.run(&["contact-groups", "get", &name]).ok().json();
    assert_eq!(by_name, by_id, "the same group by name, any case");

    let table = world
        .run(&[
            "contact-groups",
            "get",
            &group.id.to_string(),
            "--format",
            "table",
        ])
        .ok();
    for member in &expected.contacts {
        let email = member["email"].as_str().expect("an email");
        assert!(table.stdout.contains(email), "{}", table.stdout);
    }
}

#[test]
fn an_unknown_contact_group_is_not_found() {
    let world = World::new();
    let missing = world.run(&["contact-groups", "get", "9999"]).fails(4);
    assert_eq!(missing["type"], "not_found");
    assert_eq!(missing["status"], 404);

    let unnamed = world
        .run(&["contact-groups", "get", "No Such Group"])
        .fails(4);
    assert_eq!(unnamed["type"], "not_found");
    let candidates = unnamed["candidates"].as_array().expect("candidates");
    assert!(
        candidates
            .iter()
            .any(|c| c.as_str().is_some_and(|c| c.starts_with("VIP"))),
        "{unnamed}"
    );

    let usage = world.run(&["contact-groups", "get"]).fails(3);
    assert_eq!(usage["type"], "usage");
}
