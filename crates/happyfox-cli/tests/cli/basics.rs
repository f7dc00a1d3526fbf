//! The commands that predate the API commands (query checks, the emulator, the demo), help,
//! completions, global options in either place, and usage errors.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::{SYSTEM_COMMANDS, World};

#[test]
fn query_check_prints_the_canonical_form() {
    let run = World::bare()
        .run(&[
            "query",
            "check",
            r#"Status:"New","In Progress" contact: "james@example.com""#,
        ])
        .ok();
    assert_eq!(
        run.stdout,
        "status:\"New\",\"In Progress\" contact:\"james@example.com\"\n"
    );
}

#[test]
fn query_check_points_at_the_error_and_fails_as_bad_input() {
    let run = World::bare().run(&["query", "check", r#"status:"New"#]);
    let error = run.fails(3);
    assert!(run.stdout.is_empty());
    assert_eq!(error["type"], "validation");
    let message = error["message"].as_str().expect("a message");
    assert!(
        message.contains("status:\"New") && message.contains('^'),
        "{message}"
    );
}

#[test]
fn query_check_reads_the_url_form_when_only_it_parses() {
    let query = r#"tag:"routine_checks"+status:"In+Progress","New""#;
    for args in [
        vec!["query", "check", query],
        vec!["query", "check", "--url-form", query],
    ] {
        let run = World::bare().run(&args).ok();
        assert_eq!(
            run.stdout,
            "tag:\"routine_checks\" status:\"In Progress\",\"New\"\n"
        );
    }
}

#[test]
fn query_check_refuses_an_ambiguous_plus_and_reads_it_on_request() {
    let query = r#"status:"In+Progress""#;
    let world = World::bare();
    let error = world.run(&["query", "check", query]).fails(3);
    let message = error["message"].as_str().expect("a message");
    assert!(
        message.contains(r#"help: write `status:"In Progress"`"#),
        "{message}"
    );
    assert!(
        message.contains("--url-form") && message.contains("--decoded"),
        "{message}"
    );
    for (flag, expected) in [
        ("--url-form", "status:\"In Progress\"\n"),
        ("--decoded", "status:\"In+Progress\"\n"),
    ] {
        assert_eq!(
            world.run(&["query", "check", flag, query]).ok().stdout,
            expected
        );
    }
}

/// The server announces its own credentials on stdout by design (they are the account's,
/// not a client's), so this run alone does not go through the no-credentials check.
#[test]
fn emulator_serve_announces_its_url_first_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_happyfox"))
        .args(["emulator", "serve", "--addr", "127.0.0.1:0"])
        .args([
            "--tickets",
            "12",
            "--seed",
            "7",
            "--api-key",
            "K",
            "--auth-code",
            "C",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let url = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line was {first:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(lines.next().expect("a line").expect("utf-8"), "api key: K");

    let client = happyfox::Client::new(&url, "K", "C").expect("client");
    let page = client
        .list_tickets(&happyfox::ListTickets::new().size(50))
        .expect("list");
    assert_eq!(page.total(), Some(12));

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = child.wait().expect("wait");
    assert!(exit.success(), "clean shutdown on Ctrl-C, got {exit:?}");
}

#[test]
fn emulator_serve_refuses_bad_fault_rates() {
    let run = World::bare().run(&[
        "emulator",
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--error-rate",
        "1.5",
    ]);
    let error = run.fails(3);
    assert!(
        error["message"]
            .as_str()
            .expect("a message")
            .contains("--error-rate")
    );
}

#[test]
fn demo_walks_through_the_api() {
    let run = World::bare().run(&["demo", "--tickets", "40"]).ok();
    for step in [
        "1. Lookups",
        "2. Search",
        "4. Created",
        "5. Staff reply",
        "6. Private note",
        "7. Tags",
        "9. Move",
        "12. Bulk create",
        "13. Deleted",
        "closed: status",
        "Done",
    ] {
        assert!(
            run.stdout.contains(step),
            "missing {step:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn every_command_has_help() {
    let world = World::bare();
    let top = world.run(&["--help"]).ok();
    for text in [
        "tickets",
        "contacts",
        "system",
        "config",
        "completions",
        "man",
        "Exit codes:",
    ] {
        assert!(top.stdout.contains(text), "{text:?} missing from --help");
    }
    let groups: [(&str, &[&str]); 4] = [
        (
            "tickets",
            &[
                "list",
                "get",
                "create",
                "create-bulk",
                "inline-attachment",
                "reply",
                "note",
                "user-reply",
                "update-cf",
                "tags",
                "subscribe",
                "unsubscribe",
                "forward",
                "move",
                "delete",
                "export",
            ],
        ),
        ("contacts", &["list", "get"]),
        ("system", &SYSTEM_COMMANDS),
        ("config", &["init", "show"]),
    ];
    for (group, commands) in groups {
        let help = world.run(&[group, "--help"]).ok();
        for command in commands {
            assert!(
                help.stdout.contains(command),
                "{group} --help lacks {command}"
            );
            let own = world.run(&[group, command, "--help"]).ok();
            assert!(
                own.stdout.contains("Usage: happyfox"),
                "{group} {command} --help"
            );
        }
    }
}

#[test]
fn completions_are_generated_for_each_shell() {
    let world = World::bare();
    for (shell, marker) in [
        ("bash", "_happyfox()"),
        ("zsh", "#compdef happyfox"),
        ("fish", "complete -c happyfox"),
    ] {
        let run = world.run(&["completions", shell]).ok();
        assert!(
            run.stdout.contains(marker),
            "{shell}: {}",
            &run.stdout[..run.stdout.len().min(200)]
        );
        assert!(
            run.stdout.contains("export"),
            "{shell} completes subcommands"
        );
    }
}

/// `happyfox man` prints a roff page naming the command, its version and its subcommands.
#[test]
fn the_man_page_is_roff_with_every_command_group() {
    let world = World::bare();
    let page = world.run(&["man"]).ok().stdout;
    assert!(
        page.contains(".TH happyfox 1"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(
        page.contains(env!("CARGO_PKG_VERSION")),
        "the page names the version"
    );
    for group in ["tickets", "contacts", "system", "completions"] {
        assert!(page.contains(group), "the man page lacks {group}");
    }
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let world = World::new();
    let before = world
        .run(&["--format", "ndjson", "tickets", "list", "--size", "2"])
        .ok();
    let after = world
        .run(&["tickets", "list", "--size", "2", "--format", "ndjson"])
        .ok();
    // The same tickets (not the same bytes: attachment URLs carry a signed expiry time,
    // which moves on when the two runs fall in different seconds).
    let ids = |run: &crate::support::Run| -> Vec<u64> {
        run.ndjson()
            .iter()
            .filter_map(|t| t["id"].as_u64())
            .collect()
    };
    assert_eq!(ids(&before), ids(&after));
    assert_eq!(ids(&before).len(), 2);
}

#[test]
fn usage_errors_exit_3_with_claps_message_in_the_error_object() {
    let world = World::bare();
    for args in [
        vec!["tickets", "list", "--bogus"],
        vec!["tickets", "list", "--size", "99"],
        vec!["tickets", "get", "not-a-ticket"],
        vec!["tickets", "reply", "1"],
        vec!["--format", "xml", "system", "staff"],
    ] {
        let run = world.run(&args);
        let error = run.fails(3);
        assert_eq!(error["type"], "usage", "{args:?}");
        let message = error["message"].as_str().expect("a message");
        assert!(
            message.starts_with("error: ") && message.contains("--help"),
            "{args:?}: {message}"
        );
        assert!(run.stdout.is_empty());
    }
    let missing = world.run(&["tickets"]);
    assert_eq!(missing.code, 3);
    assert!(
        missing.stderr.contains("Usage: happyfox tickets"),
        "{missing:?}"
    );
}

#[test]
fn version_names_the_release_and_the_commit() {
    let world = World::bare();
    let out = world.run(&["--version"]).ok();
    let line = out.stdout.trim();
    let prefix = format!("happyfox {} (commit ", env!("CARGO_PKG_VERSION"));
    let commit = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{line:?}"));
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{line:?}"
    );
}
