//! `cargo xtask test`: every check and test of every language, as CI runs them.

use std::process::Command;

use anyhow::{Result, bail};

use crate::{codegen, project_root};

/// Runs the codegen check, the fixture spec's generated client compiled, rustfmt, clippy, the docs (broken links fail), the whole
/// workspace's tests, the Python package's suite, the Kotlin tests, the Swift checks, a
/// bounded schemathesis run against the emulator, the workflow lint, and every release
/// artifact built and proved as its users meet it (`cargo xtask dist --check`).
pub fn run() -> Result<()> {
    step("codegen is fresh", || {
        codegen::run(&[], codegen::Mode::Check)
    })?;
    step(
        "the client generated from the small fixture spec compiles",
        codegen::fixture_build::check,
    )?;
    cargo("formatting", &["fmt", "--all", "--", "--check"], &[])?;
    let clippy = [
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ];
    cargo("clippy", &clippy, &[])?;
    let docs = ["doc", "--workspace", "--no-deps", "--quiet"];
    cargo("docs", &docs, &[("RUSTDOCFLAGS", "-D warnings")])?;
    cargo("workspace tests", &["test", "--workspace"], &[])?;
    step("python package", crate::python::test)?;
    step(
        "MCP server (the Python mcp SDK over stdio and HTTP)",
        crate::python::mcp_test,
    )?;
    step("kotlin and swift bindings", crate::bindings::build)?;
    step("readme's kotlin example", crate::bindings::readme_kotlin)?;
    step("kotlin tests", crate::bindings::kotlin_test)?;
    step("swift checks", crate::bindings::swift_check)?;
    step(
        "parity of the Swift sources and the CLI",
        crate::parity::check,
    )?;
    step(
        "schema fuzz of the emulator (schemathesis)",
        crate::schemathesis::run,
    )?;
    step(
        "GitHub Actions workflows (actionlint)",
        crate::actionlint::check,
    )?;
    step("release artifacts (cargo xtask dist --check)", || {
        crate::dist::run(&["--check"])
    })?;
    eprintln!("\nall checks passed");
    Ok(())
}

fn step(name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    eprintln!("\n==> {name}");
    f().map_err(|e| e.context(format!("step failed: {name}")))
}

fn cargo(name: &str, args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    step(name, || {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(args)
            .envs(env.iter().copied())
            .current_dir(project_root())
            .env("CI", std::env::var("CI").unwrap_or_else(|_| "true".into()))
            .status()?;
        if !status.success() {
            bail!("`cargo {}` failed ({status})", args.join(" "));
        }
        Ok(())
    })
}
