//! The request settings every command takes: `--timeout`, `--max-retries` and `--pacing`,
//! each also from HAPPYFOX_TIMEOUT / HAPPYFOX_MAX_RETRIES / HAPPYFOX_PACING and the config
//! file (flag > environment > file > default), shown by `config show`; bad values refused
//! with a message naming the flag, variable or key; pacing at a key's own limits keeps an
//! export clear of the account's 429s.

use std::path::Path;
use std::time::Duration;

use happyfox_emulator::{EmulatorConfig, FaultConfig, FaultKind, PlannedFault, RateLimit};
use serde_json::Value;

use crate::support::{World, assert_text, run};

/// Writes a config file of the account's URL and credentials plus `extra` lines.
fn write_config(world: &World, extra: &str) -> std::path::PathBuf {
    let path = world.path(".config/happyfox/config.toml");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(&path, extra).expect("write");
    set_private(&path);
    path
}

fn set_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// `config show`'s entry for `key` with `env` set (and `args` before the command).
fn shown(world: &World, env: &[(&str, &str)], args: &[&str], key: &str) -> Value {
    let mut command = world.command();
    for (name, value) in env {
        command.env(name, value);
    }
    let shown = run(command.args(args).args(["config", "show"])).ok().json();
    shown[key].clone()
}

#[test]
fn pacing_comes_from_the_flag_then_the_environment_then_the_file() {
    let world = World::new();
    let value = |v: &str, source: &str| serde_json::json!({"value": v, "source": source});
    assert_eq!(
        shown(&world, &[], &[], "pacing"),
        value("500,300", "default")
    );
    write_config(&world, "pacing = \"50,20\"\n");
    assert_eq!(shown(&world, &[], &[], "pacing"), value("50,20", "file"));
    let env = [("HAPPYFOX_PACING", "off")];
    assert_eq!(shown(&world, &env, &[], "pacing"), value("off", "env"));
    assert_eq!(
        shown(&world, &env, &["--pacing", " 100 , 60 "], "pacing"),
        value("100,60", "flag")
    );
    assert_eq!(
        shown(&world, &env, &["--pacing", "OFF"], "pacing"),
        value("off", "flag")
    );
    assert_eq!(
        shown(&world, &[], &["--pacing", "10,5/2.5"], "pacing"),
        value("10,5/2.5", "flag")
    );

    // Each source, in a real run (the file's pacing with a file that holds only it).
    for (env, args) in [
        (vec![], vec!["--pacing", "100,60"]),
        (vec![], vec!["--pacing", "off"]),
        (vec![("HAPPYFOX_PACING", "100,60")], vec![]),
        (vec![("HAPPYFOX_PACING", "off")], vec![]),
        (vec![], vec![]),
    ] {
        let mut command = world.command();
        for (name, value) in &env {
            command.env(name, value);
        }
        let got = run(command.args(&args).args(["tickets", "get", "1"])).ok();
        assert_eq!(got.json()["id"], 1, "{env:?} {args:?}");
    }
    let emulated = world
        .run(&[
            "--emulator",
            "--pacing",
            "100,60",
            "-q",
            "tickets",
            "get",
            "1",
        ])
        .ok();
    assert_eq!(emulated.json()["id"], 1);
}

#[test]
fn bad_pacing_is_refused_naming_the_flag_the_variable_or_the_key() {
    let world = World::new();
    for bad in [
        "0,60", "100,0", "100", "fast", "-1,5", "100,60,5", "10,5/0", "10,5/x",
    ] {
        let error = world
            .run(&["--pacing", bad, "tickets", "get", "1"])
            .fails(3);
        assert_eq!(error["type"], "usage", "{bad}");
        assert_text(&error, "message", |m| m.contains("--pacing"));
    }
    let zero = world
        .run(&["--pacing", "0,60", "tickets", "get", "1"])
        .fails(3);
    assert!(
        zero["message"].as_str().expect("message").contains("`off`"),
        "{zero}"
    );

    for with_emulator in [false, true] {
        let mut command = world.command();
        command.env("HAPPYFOX_PACING", "100;60");
        if with_emulator {
            command.arg("--emulator");
        }
        let error = run(command.args(["tickets", "get", "1"])).fails(3);
        assert_eq!(error["type"], "config");
        let message = error["message"].as_str().expect("message");
        assert!(
            message.contains("HAPPYFOX_PACING") && message.contains("100;60"),
            "{message}"
        );
    }

    let path = write_config(&world, "pacing = \"lots\"\n");
    for args in [&["tickets", "get", "1"][..], &["config", "show"][..]] {
        let error = world.run(args).fails(3);
        assert_eq!(error["type"], "config");
        let message = error["message"].as_str().expect("message");
        assert!(
            message.contains("`pacing`") && message.contains(&path.display().to_string()),
            "{message}"
        );
    }
    write_config(&world, "pacing = 100\n");
    assert_eq!(world.run(&["config", "show"]).fails(3)["type"], "config");
    // The flag wins over a bad file value: the file's value is not read.
    let over = world
        .run(&["--pacing", "100,60", "tickets", "get", "1"])
        .ok();
    assert_eq!(over.json()["id"], 1);
}

#[test]
fn timeouts_must_be_positive_seconds() {
    let world = World::new();
    for bad in ["0", "-1", "abc", "0.0", "inf", "1e9"] {
        let error = world
            .run(&["--timeout", bad, "tickets", "get", "1"])
            .fails(3);
        assert_eq!(error["type"], "usage", "{bad}");
        assert_text(&error, "message", |m| m.contains("--timeout"));
    }
    let equals = world.run(&["--timeout=-1", "tickets", "get", "1"]).fails(3);
    assert_eq!(equals["type"], "usage");

    let mut command = world.command();
    command.env("HAPPYFOX_TIMEOUT", "0");
    let error = run(command.args(["tickets", "get", "1"])).fails(3);
    assert_eq!(error["type"], "config");
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("HAPPYFOX_TIMEOUT"),
        "{error}"
    );

    let ok = world.run(&["tickets", "get", "1", "--timeout", "2.5"]).ok();
    assert_eq!(ok.json()["id"], 1);
    let value = |v: f64, source: &str| serde_json::json!({"value": v, "source": source});
    assert_eq!(
        shown(&world, &[], &[], "timeout"),
        value(happyfox::DEFAULT_TIMEOUT.as_secs_f64(), "default")
    );
    assert_eq!(
        shown(&world, &[], &["--timeout", "2.5"], "timeout"),
        value(2.5, "flag")
    );
    assert_eq!(
        shown(&world, &[("HAPPYFOX_TIMEOUT", "7")], &[], "timeout"),
        value(7.0, "env")
    );
    write_config(&world, "timeout = 30\n");
    assert_eq!(shown(&world, &[], &[], "timeout"), value(30.0, "file"));
    write_config(&world, "timeout = 0.5\n");
    assert_eq!(shown(&world, &[], &[], "timeout"), value(0.5, "file"));
    write_config(&world, "timeout = -3\n");
    let error = world.run(&["config", "show"]).fails(3);
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("`timeout`"),
        "{error}"
    );
}

#[test]
fn a_short_timeout_is_a_timeout_error() {
    let world = World::with(EmulatorConfig::new().tickets(5).faults(FaultConfig {
        latency: Duration::from_millis(1500),
        ..FaultConfig::none()
    }));
    let error = world
        .run(&[
            "--timeout",
            "0.2",
            "--max-retries",
            "0",
            "tickets",
            "get",
            "1",
        ])
        .fails(5);
    assert_eq!(error["type"], "timeout", "{error}");
}

#[test]
fn max_retries_zero_turns_retries_off() {
    let world = World::new();
    let unavailable = || PlannedFault::get("/ticket/1/", FaultKind::Status(503));

    // By default one 503 is retried and the command succeeds.
    world.account().plan(unavailable());
    assert_eq!(world.run(&["tickets", "get", "1"]).ok().json()["id"], 1);

    // With --max-retries 0 the first 503 is the answer.
    world.account().plan(unavailable());
    let error = world
        .run(&["--max-retries", "0", "tickets", "get", "1"])
        .fails(1);
    assert_eq!(error["status"], 503);
    assert_eq!(world.account().planned_left(), 0);
    assert_eq!(
        world
            .run(&["--max-retries", "0", "tickets", "get", "1"])
            .ok()
            .json()["id"],
        1
    );

    // The same from the environment and the file; a bad value names its source.
    world.account().plan(unavailable());
    let mut command = world.command();
    command.env("HAPPYFOX_MAX_RETRIES", "0");
    assert_eq!(
        run(command.args(["tickets", "get", "1"])).fails(1)["status"],
        503
    );
    let value = |v: u32, source: &str| serde_json::json!({"value": v, "source": source});
    assert_eq!(
        shown(&world, &[], &[], "max_retries"),
        value(happyfox::DEFAULT_MAX_RETRIES, "default")
    );
    assert_eq!(
        shown(&world, &[("HAPPYFOX_MAX_RETRIES", "0")], &[], "max_retries"),
        value(0, "env")
    );
    write_config(&world, "max_retries = 5\n");
    assert_eq!(shown(&world, &[], &[], "max_retries"), value(5, "file"));
    assert_eq!(
        shown(&world, &[], &["--max-retries", "0"], "max_retries"),
        value(0, "flag")
    );

    for bad in ["-1", "1.5", "many"] {
        let error = world
            .run(&["--max-retries", bad, "tickets", "get", "1"])
            .fails(3);
        assert!(
            error["message"]
                .as_str()
                .expect("message")
                .contains("--max-retries"),
            "{error}"
        );
        let mut command = world.command();
        command.env("HAPPYFOX_MAX_RETRIES", bad);
        let error = run(command.args(["tickets", "get", "1"])).fails(3);
        assert!(
            error["message"]
                .as_str()
                .expect("message")
                .contains("HAPPYFOX_MAX_RETRIES"),
            "{error}"
        );
    }
}

#[test]
fn an_export_paced_at_the_keys_limits_meets_no_429() {
    // 250 tickets: 5 pages of 50, through an account allowing 2 GET a second.
    let limited = |window: Duration| {
        World::with(EmulatorConfig::new().tickets(250).faults(FaultConfig {
            rate_limit: Some(RateLimit::per_minute(2, 100).window(window)),
            ..FaultConfig::none()
        }))
    };
    let world = limited(Duration::from_secs(1));
    let run = world
        .run(&[
            "tickets",
            "export",
            "--pacing",
            "2,100/1",
            "--max-retries",
            "0",
        ])
        .ok();
    assert_eq!(run.ndjson().len(), 250);
    let stats = world.account().stats();
    assert_eq!(stats.total().throttled, 0, "no 429: {stats:?}");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    // The same export at HappyFox's default pacing trips the key's limit (a minute here).
    let world = limited(Duration::from_secs(60));
    let error = world
        .run(&["tickets", "export", "--max-retries", "0"])
        .fails(1);
    assert_eq!(error["type"], "rate_limited", "{error}");
    assert!(world.account().stats().total().throttled > 0);
}

#[test]
fn requests_name_the_cli_in_their_user_agent() {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("a request");
        let mut reader = BufReader::new(stream.try_clone().expect("a stream"));
        let mut agent = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).expect("a line") == 0 || line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("user-agent")
            {
                agent = value.trim().to_owned();
            }
        }
        let mut stream = stream;
        stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]")
            .expect("an answer");
        agent
    });
    let world = World::bare();
    let out = run(world
        .command()
        .env("HAPPYFOX_URL", &url)
        .env("HAPPYFOX_API_KEY", "key")
        .env("HAPPYFOX_AUTH_CODE", "code")
        .args(["system", "statuses", "--format", "json"]));
    assert_eq!(out.ok().json(), Value::Array(Vec::new()));
    assert_eq!(
        server.join().expect("the server"),
        format!("happyfox-cli/{}", env!("CARGO_PKG_VERSION"))
    );
}
