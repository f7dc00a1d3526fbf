//! Hostile ticket data: no cell carries a terminal control or bidi character, no CSV cell
//! runs as a spreadsheet formula, and JSON keeps the data but escapes what a terminal
//! would act on.

use happyfox::CreateTicket;

use crate::support::{World, csv, redactions};

const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed\r\u{1b}[2J\u{1b}]0;owned\u{7}cleared",
    "invoice \u{202E}fdp.exe\u{202C} \u{2066}x\u{2069}\u{200F}\u{061C}\u{9b}31m",
];

/// An account whose tickets 1 to 6 carry the hostile subjects.
fn hostile_world() -> World {
    let world = World::with(happyfox_emulator::EmulatorConfig::new().tickets(0));
    let client = world.account().client();
    for subject in HOSTILE {
        let created = client
            .create_ticket(
                &CreateTicket::new(1, subject)
                    .text("x")
                    .name("Mallory")
                    .email("mallory@example.com"),
            )
            .expect("created");
        assert!(created.as_answer().is_some());
    }
    world
}

fn assert_clean(text: &str) {
    for c in text.chars() {
        let control = c.is_control() && c != '\n';
        let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!control && !bidi, "{c:?} in {text:?}");
    }
}

#[test]
fn tables_show_no_controls_or_bidi() {
    let world = hostile_world();
    let run = world
        .run(&["tickets", "list", "--sort", "ticketa", "--format", "table"])
        .ok();
    assert_clean(&run.stdout);
    assert_eq!(run.stdout.lines().count(), 7);
    let settings = redactions();
    let _guard = settings.bind_to_scope();
    insta::assert_snapshot!("hostile_table", run.stdout);
}

#[test]
fn csv_cells_are_cleaned_and_formulas_neutralised() {
    let world = hostile_world();
    let run = world
        .run(&["tickets", "list", "--sort", "ticketa", "--format", "csv"])
        .ok();
    let text = run.stdout.replace(['\t', '\r'], "");
    assert_clean(&text);
    let records = csv(&run.stdout);
    let subjects: Vec<&str> = records[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        subjects,
        [
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "'+1+cmd|' /C calc'!A0",
            "'-2+3",
            "'@SUM(A1:A9)",
            "'\tTabbed\r\u{FFFD}[2J\u{FFFD}]0;owned\u{FFFD}cleared",
            "invoice fdp.exe x\u{FFFD}31m",
        ]
    );
    let exported = world.run(&["tickets", "export", "--format", "csv"]).ok();
    assert_eq!(
        csv(&exported.stdout)[1..]
            .iter()
            .map(|r| r[2].clone())
            .collect::<Vec<_>>(),
        subjects
    );
}

#[test]
fn json_keeps_the_data_and_escapes_what_a_terminal_acts_on() {
    let world = hostile_world();
    for args in [
        vec!["tickets", "list", "--sort", "ticketa"],
        vec!["tickets", "export"],
    ] {
        let run = world.run(&args).ok();
        assert_clean(&run.stdout);
        let subjects: Vec<String> = if args[1] == "export" {
            run.ndjson()
                .iter()
                .map(|t| t["subject"].as_str().expect("subject").to_owned())
                .collect()
        } else {
            run.json()["data"]
                .as_array()
                .expect("data")
                .iter()
                .map(|t| t["subject"].as_str().expect("subject").to_owned())
                .collect()
        };
        assert_eq!(subjects, HOSTILE, "{args:?}");
    }
}
