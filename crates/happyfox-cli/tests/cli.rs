//! The `happyfox` binary as users run it: query checks, the emulator command, the demo.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn happyfox() -> Command {
    Command::new(env!("CARGO_BIN_EXE_happyfox"))
}

#[test]
fn query_check_prints_the_canonical_form() {
    let output = happyfox()
        .args([
            "query",
            "check",
            r#"Status:"New","In Progress" contact: "james@example.com""#,
        ])
        .output()
        .expect("run");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "status:\"New\",\"In Progress\" contact:\"james@example.com\"\n"
    );
}

#[test]
fn query_check_points_at_the_error_and_fails() {
    let output = happyfox()
        .args(["query", "check", r#"status:"New"#])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("status:\"New") && stderr.contains('^'),
        "{stderr}"
    );
}

#[test]
fn query_check_reads_the_url_form_when_only_it_parses() {
    let query = r#"tag:"routine_checks"+status:"In+Progress","New""#;
    for args in [
        vec!["query", "check", query],
        vec!["query", "check", "--url-form", query],
    ] {
        let output = happyfox().args(&args).output().expect("run");
        assert!(output.status.success(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "tag:\"routine_checks\" status:\"In Progress\",\"New\"\n"
        );
    }
}

#[test]
fn query_check_refuses_an_ambiguous_plus_and_reads_it_on_request() {
    let query = r#"status:"In+Progress""#;
    let plain = happyfox()
        .args(["query", "check", query])
        .output()
        .expect("run");
    assert_eq!(plain.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(
        stderr.contains(r#"help: write `status:"In Progress"`"#),
        "{stderr}"
    );
    assert!(
        stderr.contains("--url-form") && stderr.contains("--decoded"),
        "{stderr}"
    );
    for (flag, expected) in [
        ("--url-form", "status:\"In Progress\"\n"),
        ("--decoded", "status:\"In+Progress\"\n"),
    ] {
        let output = happyfox()
            .args(["query", "check", flag, query])
            .output()
            .expect("run");
        assert!(output.status.success(), "{flag}");
        assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
    }
}

#[test]
fn emulator_serve_announces_its_url_first_and_stops_on_ctrl_c() {
    let mut child = happyfox()
        .args([
            "emulator",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--tickets",
            "12",
            "--seed",
            "7",
        ])
        .args(["--api-key", "K", "--auth-code", "C"])
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
    let output = happyfox()
        .args([
            "emulator",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--error-rate",
            "1.5",
        ])
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--error-rate"));
}

#[test]
fn demo_walks_through_the_api() {
    let output = happyfox()
        .args(["demo", "--tickets", "40"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
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
        assert!(stdout.contains(step), "missing {step:?} in:\n{stdout}");
    }
}
