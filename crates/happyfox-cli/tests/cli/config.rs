//! Where the URL and credentials come from: `--url` > HAPPYFOX_URL > config file for the URL,
//! environment > config file for the secrets; `config init` (mode 0600, no overwrite
//! without --force, secrets from stdin) and `config show` (secrets masked).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::{API_KEY, AUTH_CODE, World, assert_text};

/// A URL where nothing listens (a port the emulator was on, closed again).
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    url
}

fn write_config(path: &Path, url: &str, key: &str, code: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(
        path,
        format!("url = \"{url}\"\napi_key = \"{key}\"\nauth_code = \"{code}\"\n"),
    )
    .expect("write");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

#[test]
fn the_config_file_alone_is_enough() {
    let world = World::new();
    let path = world.path(".config/happyfox/config.toml");
    write_config(&path, &world.account().url(), API_KEY, AUTH_CODE);
    let bare = || {
        let mut command = world.command();
        command
            .env_remove("HAPPYFOX_URL")
            .env_remove("HAPPYFOX_API_KEY")
            .env_remove("HAPPYFOX_AUTH_CODE");
        command
    };
    let run = crate::support::run(bare().args(["tickets", "get", "1"])).ok();
    assert_eq!(run.json()["id"], 1);
    let shown = crate::support::run(bare().args(["config", "show"]))
        .ok()
        .json();
    assert_eq!(shown["path"], path.display().to_string());
    assert_eq!(shown["file_found"], true);
    for key in ["url", "api_key", "auth_code"] {
        assert_eq!(shown[key]["source"], "file", "{key}");
    }
    assert_eq!(shown["api_key"]["value"], "***");
}

#[test]
fn environment_beats_the_file_and_the_flag_beats_both_for_the_url() {
    let world = World::new();
    write_config(
        &world.path(".config/happyfox/config.toml"),
        &dead_url(),
        "wrong-key-1234",
        "wrong-code-5678",
    );
    // HAPPYFOX_* are set by the world: they win over the file's wrong values.
    let run = world.run(&["tickets", "get", "1"]).ok();
    assert_eq!(run.json()["id"], 1);
    let shown = world.run(&["config", "show"]).ok().json();
    for key in ["url", "api_key", "auth_code"] {
        assert_eq!(shown[key]["source"], "env", "{key}");
    }
    // --url wins over HAPPYFOX_URL.
    let flagged = world
        .command()
        .env("HAPPYFOX_URL", dead_url())
        .args(["--url", &world.account().url(), "tickets", "get", "1"])
        .output()
        .expect("runs");
    assert!(flagged.status.success(), "{flagged:?}");
    let shown = world
        .run(&["--url", "https://acme.happyfox.com", "config", "show"])
        .ok()
        .json();
    assert_eq!(shown["url"]["source"], "flag");
    assert_eq!(shown["url"]["value"], "https://acme.happyfox.com");
}

#[test]
fn the_config_path_follows_happyfox_config_then_xdg_then_home() {
    let world = World::bare();
    let home = world.run(&["config", "show"]).ok().json();
    assert_eq!(
        home["path"],
        world
            .path(".config/happyfox/config.toml")
            .display()
            .to_string()
    );
    assert_eq!(home["file_found"], false);
    assert!(home["url"].is_null());
    let xdg = world.path("xdg");
    let shown = crate::support::run(
        world
            .command()
            .env("XDG_CONFIG_HOME", &xdg)
            .args(["config", "show"]),
    )
    .ok()
    .json();
    assert_eq!(
        shown["path"],
        xdg.join("happyfox/config.toml").display().to_string()
    );
    let explicit = world.path("elsewhere.toml");
    let shown = crate::support::run(
        world
            .command()
            .env("XDG_CONFIG_HOME", &xdg)
            .env("HAPPYFOX_CONFIG", &explicit)
            .args(["config", "show"]),
    )
    .ok()
    .json();
    assert_eq!(shown["path"], explicit.display().to_string());
}

#[test]
fn missing_settings_are_a_config_error() {
    let world = World::bare();
    let error = world.run(&["tickets", "list"]).fails(3);
    assert_eq!(error["type"], "config");
    assert_text(&error, "message", |m| m.contains("HAPPYFOX_URL"));
    let error = world
        .run(&["--url", "https://acme.happyfox.com", "tickets", "list"])
        .fails(3);
    assert_text(&error, "message", |m| m.contains("HAPPYFOX_API_KEY"));
    let broken = world.path(".config/happyfox/config.toml");
    std::fs::create_dir_all(broken.parent().expect("folder")).expect("mkdir");
    std::fs::write(&broken, format!("api_key = {API_KEY}\n")).expect("write");
    let error = world.run(&["tickets", "list"]).fails(3);
    assert_eq!(error["type"], "config");
    assert_text(&error, "message", |m| m.contains("not valid"));
}

#[test]
fn init_writes_a_private_file_from_stdin_and_keeps_an_existing_one() {
    let world = World::new();
    let url = world.account().url();
    let answers = format!("{API_KEY}\n{AUTH_CODE}\n");
    let run = world
        .run_with_stdin(&["--url", &url, "config", "init"], &answers)
        .ok();
    let path = world.path(".config/happyfox/config.toml");
    assert_eq!(run.json()["path"], path.display().to_string());
    let mode = std::fs::metadata(&path)
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir_mode = std::fs::metadata(path.parent().expect("folder"))
        .expect("folder")
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o077, 0, "the folder is private too");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(API_KEY) && text.contains(AUTH_CODE));
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("folder"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");

    let again = world
        .run_with_stdin(&["--url", &url, "config", "init"], &answers)
        .fails(3);
    assert!(
        again["message"]
            .as_str()
            .expect("message")
            .contains("--force")
    );
    let url_from_stdin = format!("{url}\nother-key-0000\nother-code-0000\n");
    world
        .run_with_stdin(&["config", "init", "--force"], &url_from_stdin)
        .ok();
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("other-key-0000")
    );

    let short = world.run_with_stdin(
        &["--url", &url, "config", "init", "--force"],
        "only-a-key\n",
    );
    let message = short.fails(3)["message"]
        .as_str()
        .expect("message")
        .to_lowercase();
    assert!(message.contains("auth code"), "{message}");
}

#[test]
fn a_config_file_others_can_read_is_warned_about() {
    let world = World::new();
    let path = world.path(".config/happyfox/config.toml");
    write_config(&path, &world.account().url(), API_KEY, AUTH_CODE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = world.run(&["system", "priorities"]).ok();
    assert!(run.stderr.contains("chmod 600"), "{}", run.stderr);
    let quiet = world.run(&["system", "priorities", "--quiet"]).ok();
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}
