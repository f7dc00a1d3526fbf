//! `-v`/`--verbose`: request lines (and, with more `v`s, debug and trace records and
//! bodies) on stderr, never a credential, with the JSON error object still the last line;
//! the CA bundle and proxy settings of the config file, and `config show` listing them
//! without a password.

use std::os::unix::fs::PermissionsExt;

use crate::support::{API_KEY, AUTH_CODE, World, assert_text};

const PROXY_PASSWORD: &str = "cli-proxy-pass-77d1";

/// The stderr lines of `target` (`LEVEL target: message`).
fn lines_of<'a>(stderr: &'a str, target: &str) -> Vec<&'a str> {
    let marker = format!(" {target}: ");
    stderr.lines().filter(|l| l.contains(&marker)).collect()
}

#[test]
fn one_v_logs_each_request_and_nothing_without_it() {
    let world = World::new();
    let quiet = world.run(&["system", "statuses"]).ok();
    assert!(
        lines_of(&quiet.stderr, "happyfox::request").is_empty(),
        "{quiet:?}"
    );

    let run = world.run(&["-v", "system", "statuses"]).ok();
    assert!(run.json().as_array().is_some_and(|a| !a.is_empty()));
    let requests = lines_of(&run.stderr, "happyfox::request");
    assert_eq!(requests.len(), 1, "{run:?}");
    let line = requests[0];
    assert!(
        line.starts_with("INFO happyfox::request: GET /statuses/ -> HTTP 200 in ")
            && line.ends_with(" ms, retry 0"),
        "{line}"
    );
    assert!(
        !run.stderr.contains("DEBUG "),
        "-v shows no debug records: {run:?}"
    );
}

#[test]
fn the_error_object_stays_the_last_line() {
    let world = World::new();
    let run = world.run(&["--verbose", "tickets", "get", "999"]);
    let error = run.fails(4);
    assert_eq!(error["type"], "not_found");
    let requests = lines_of(&run.stderr, "happyfox::request");
    assert!(
        requests[0].contains("GET /ticket/999/ -> HTTP 404"),
        "{run:?}"
    );
}

#[test]
fn more_vs_show_debug_records_and_then_bodies() {
    let world = World::new();
    let debug = world.run(&["-vv", "system", "statuses"]).ok();
    assert!(
        debug.stderr.lines().any(|l| l.starts_with("DEBUG ureq")),
        "{debug:?}"
    );
    assert!(lines_of(&debug.stderr, "happyfox::request::body").is_empty());
    let trace = world.run(&["-vvv", "system", "statuses"]).ok();
    let bodies = lines_of(&trace.stderr, "happyfox::request::body");
    assert_eq!(bodies.len(), 1, "{trace:?}");
    assert!(bodies[0].starts_with("TRACE happyfox::request::body: GET /statuses/ answer body ("));
}

#[test]
fn the_config_file_sets_the_ca_bundle_and_proxy_and_show_hides_the_password() {
    let world = World::new();
    let dead_proxy = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.local_addr().expect("addr")
    };
    let path = world.path(".config/happyfox/config.toml");
    let write = |extra: &str| {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(
            &path,
            format!(
                "url = \"{}\"\napi_key = \"{API_KEY}\"\nauth_code = \"{AUTH_CODE}\"\n{extra}",
                world.account().url()
            ),
        )
        .expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    };
    let bare = || {
        let mut command = world.command();
        command.env_remove("HAPPYFOX_URL");
        command
    };

    write(&format!(
        "proxy = \"http://proxy-user:{PROXY_PASSWORD}@{dead_proxy}\"\n"
    ));
    let shown = crate::support::run(bare().args(["config", "show"])).ok();
    assert!(!shown.stdout.contains(PROXY_PASSWORD), "{shown:?}");
    let shown = shown.json();
    assert_eq!(shown["proxy"]["source"], "file");
    assert_eq!(shown["proxy"]["value"], format!("http://***@{dead_proxy}"));
    assert_eq!(shown["ca_bundle"], serde_json::Value::Null);
    // The file's proxy is used (an explicit proxy applies to loopback too): it is down.
    let run = crate::support::run(bare().args(["-v", "system", "statuses"]));
    let error = run.fails(5);
    assert_eq!(error["type"], "network");
    assert!(!run.stderr.contains(PROXY_PASSWORD), "{run:?}");
    // The environment's proxy comes first.
    let env_first = crate::support::run(
        bare()
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .args(["config", "show"]),
    )
    .ok()
    .json();
    assert_eq!(env_first["proxy"]["source"], "env");

    let missing = world.path("no-such-ca.pem");
    write(&format!("ca_bundle = \"{}\"\n", missing.display()));
    let shown = crate::support::run(bare().args(["config", "show"]))
        .ok()
        .json();
    assert_eq!(shown["ca_bundle"]["source"], "file");
    assert_eq!(shown["ca_bundle"]["value"], missing.display().to_string());
    let error = crate::support::run(bare().args(["system", "statuses"])).fails(3);
    assert_eq!(error["type"], "config");
    assert_text(&error, "message", |m| m.contains("no-such-ca.pem"));
}
