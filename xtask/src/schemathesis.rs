//! The schema fuzz of `cargo xtask test`: schemathesis (from the venv the Python step makes)
//! generates requests from `spec/openapi.json` against the emulator for a bounded time, and
//! fails on any 5xx answer (the emulator must answer malformed input with a clear 4xx).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::project_root;

/// The longest the fuzz may run.
const MAX_SECONDS: &str = "60";
/// Examples per operation (the time bound usually ends the run first).
const MAX_EXAMPLES: &str = "25";
/// A fixed seed: every run sends the same requests, so a failure reproduces.
const SEED: &str = "1";

/// Runs schemathesis against a freshly started emulator.
pub fn run() -> Result<()> {
    let root = project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "--quiet", "--package", "happyfox-cli"])
        .current_dir(&root)
        .status()
        .context("building the happyfox command")?;
    if !built.success() {
        bail!("building the happyfox command failed ({built})");
    }
    let st = crate::target_dir().join("python-venv/bin/st");
    if !st.exists() {
        bail!("schemathesis is missing from target/python-venv (the Python step installs it)");
    }
    let mut emulator = Command::new(crate::target_dir().join("debug/happyfox"))
        .args(["emulator", "serve", "--addr", "127.0.0.1:0"])
        .args(["--tickets", "50", "--seed", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the emulator")?;
    // The first line is the URL; the rest is drained, so the emulator never writes to a
    // closed pipe (which would stop it).
    let url = emulator.stdout.take().and_then(|out| {
        let mut lines = BufReader::new(out).lines();
        let first = lines.next()?.ok()?;
        std::thread::spawn(move || lines.for_each(drop));
        first.strip_prefix("listening on ").map(str::to_owned)
    });
    let outcome = match url {
        Some(url) => Command::new(&st)
            .args(["run", "spec/openapi.json", "--url"])
            .arg(format!("{url}/api/1.1/json"))
            .args(["--auth", "demo-api-key:demo-auth-code"])
            .args(["--checks", "not_a_server_error", "--phases", "fuzzing"])
            .args([
                "--max-examples",
                MAX_EXAMPLES,
                "--max-time",
                MAX_SECONDS,
                "--seed",
                SEED,
            ])
            .current_dir(&root)
            .status()
            .context("running schemathesis"),
        None => Err(anyhow::anyhow!("the emulator did not announce its URL")),
    };
    let _ = emulator.kill();
    let _ = emulator.wait();
    let status = outcome?;
    if !status.success() {
        bail!("schemathesis found answers that break the schema's promises ({status})");
    }
    Ok(())
}
