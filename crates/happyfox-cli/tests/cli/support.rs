//! Driving the built `happyfox` binary: an emulated account on loopback (fixed data, its own
//! credentials), an environment isolated from the developer's (HOME, XDG_CONFIG_HOME and
//! every HAPPYFOX_* variable), and the check every run passes through: no output stream
//! carries the API key or auth code.

use std::path::PathBuf;

use assert_cmd::Command;
use base64::Engine;
use chrono::{TimeZone, Utc};
use happyfox_emulator::{DEMO_API_KEY, DEMO_AUTH_CODE, Emulator, EmulatorConfig, EmulatorHandle};
use serde_json::Value;
use tempfile::TempDir;

/// The credentials of the test accounts: long and unusual, so a leak is found.
pub const API_KEY: &str = "cli-test-key-5c1f0d7e";
pub const AUTH_CODE: &str = "cli-test-code-93ab44e2";

/// Everything no run may print: both pairs of credentials, and their Basic tokens.
fn secrets() -> Vec<String> {
    let token = |key: &str, code: &str| {
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:{code}"))
    };
    vec![
        API_KEY.to_owned(),
        AUTH_CODE.to_owned(),
        DEMO_API_KEY.to_owned(),
        DEMO_AUTH_CODE.to_owned(),
        token(API_KEY, AUTH_CODE),
        token(DEMO_API_KEY, DEMO_AUTH_CODE),
    ]
}

/// A test's world: a home folder of its own (for config files) and, optionally, an
/// emulated account the binary is pointed at through HAPPYFOX_* variables.
pub struct World {
    home: TempDir,
    account: Option<EmulatorHandle>,
}

impl World {
    /// An emulated account of 20 tickets with fixed data.
    pub fn new() -> Self {
        Self::with(EmulatorConfig::new().tickets(20))
    }

    /// An emulated account started from `config` (seed 5, a fixed anchor and the test
    /// credentials are set here).
    pub fn with(config: EmulatorConfig) -> Self {
        let anchor = Utc
            .with_ymd_and_hms(2026, 3, 1, 0, 0, 0)
            .single()
            .expect("a date");
        let config = config
            .seed(5)
            .data_anchor(anchor)
            .credentials(API_KEY, AUTH_CODE);
        Self {
            home: TempDir::new().expect("a temporary home"),
            account: Some(Emulator::start(config).expect("the emulator starts")),
        }
    }

    /// No account: only the isolated home.
    pub fn bare() -> Self {
        Self {
            home: TempDir::new().expect("a temporary home"),
            account: None,
        }
    }

    /// The emulated account.
    pub fn account(&self) -> &EmulatorHandle {
        self.account.as_ref().expect("a world with an account")
    }

    /// A file path in the home folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    /// The binary with an isolated environment: HOME is the world's, no XDG_CONFIG_HOME,
    /// no HAPPYFOX_* but the account's URL and credentials (when there is an account).
    pub fn command(&self) -> Command {
        Command::from_std(self.process())
    }

    /// [`World::command`] as a plain process, for a test that sets its streams itself.
    pub fn process(&self) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_happyfox"));
        command.env_clear().env("HOME", self.home.path());
        if let Some(account) = &self.account {
            command
                .env("HAPPYFOX_URL", account.url())
                .env("HAPPYFOX_API_KEY", API_KEY)
                .env("HAPPYFOX_AUTH_CODE", AUTH_CODE);
        }
        command
    }

    /// Runs `args` in this world (see [`World::command`]).
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.command().args(args))
    }

    /// Runs `args` with `stdin` as standard input.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        run(self.command().args(args).write_stdin(stdin))
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `command`, and checks that neither stream carries a credential.
pub fn run(command: &mut Command) -> Run {
    let output = command.output().expect("the binary runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    for secret in secrets() {
        assert!(
            !run.stdout.contains(&secret) && !run.stderr.contains(&secret),
            "a credential was printed: {run:?}"
        );
    }
    run
}

impl Run {
    /// Asserts exit 0 and returns the run.
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success: {self:?}");
        self
    }

    /// Asserts `code` and returns the error object on stderr (its last line).
    pub fn fails(&self, code: i32) -> Value {
        assert_eq!(self.code, code, "expected exit {code}: {self:?}");
        let line = self.stderr.lines().last().unwrap_or_default();
        serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("stderr's last line is not JSON ({e}): {self:?}"))
    }

    /// Standard output as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    /// Standard output as NDJSON, one value a line.
    pub fn ndjson(&self) -> Vec<Value> {
        ndjson(&self.stdout)
    }
}

/// Each line of `text` as JSON.
pub fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}")))
        .collect()
}

/// RFC 4180 records of `text` (quoted fields may hold commas, quotes and newlines); panics
/// on a malformed file.
pub fn csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, '"') => panic!("a quote inside an unquoted field: {text:?}"),
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unclosed quote: {text:?}");
    assert!(
        field.is_empty() && record.is_empty(),
        "no newline at the end: {text:?}"
    );
    records
}

/// Snapshot settings: the emulator's address, timestamps of writes made during the test and
/// attachment URL tokens replaced by placeholders.
pub fn redactions() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"http://127\.0\.0\.1:\d+", "[emulator]");
    settings.add_filter(
        r"/attachments/(\d+)/[0-9a-f-]+/",
        "/attachments/$1/[token]/",
    );
    // The seeded data is older than its anchor (2026-03-01): anything later was written now.
    settings.add_filter(
        r"(2026-(0[3-9]|1[0-2])|202[7-9])-\d\d \d\d:\d\d:\d\d",
        "[now]",
    );
    settings
}

/// Asserts that `value[key]` is a string that `check` accepts.
pub fn assert_text(value: &Value, key: &str, check: impl Fn(&str) -> bool) {
    assert!(value[key].as_str().is_some_and(check), "{key} of {value}");
}

/// The `happyfox system` commands: the account's lookups.
pub const SYSTEM_COMMANDS: [&str; 6] = [
    "staff",
    "statuses",
    "priorities",
    "categories",
    "ticket-custom-fields",
    "contact-custom-fields",
];

/// `tickets create-bulk` reading NDJSON from stdin and writing NDJSON.
pub const CREATE_BULK_STDIN: [&str; 6] = [
    "tickets",
    "create-bulk",
    "--file",
    "-",
    "--format",
    "ndjson",
];

/// `tickets create --subject x --text x --category <category>` and `rest`: the smallest
/// ticket a test creates.
pub fn create_args<'a>(category: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "tickets",
        "create",
        "--subject",
        "x",
        "--text",
        "x",
        "--category",
        category,
    ];
    args.extend_from_slice(rest);
    args
}
