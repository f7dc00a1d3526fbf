//! `cargo xtask codegen [TARGET...] [--check]`: every file derived from `spec/`, written or
//! checked for staleness.
//!
//! The spec is first lowered ([`lower`]) into one validated, language-neutral [`model::Api`];
//! each target's emitters read that model only and return the files they own; this module
//! adds the one-line header, formats Rust with rustfmt, and either writes the files or
//! reports the stale ones (the model is rust-analyzer's `ensure_file_contents`).

mod client;
mod conversion;
pub mod fixture_build;
mod lower;
mod mcp;
mod model;
mod parity;
mod python;
mod reserved;
mod search;
mod spec_toml;
mod uniffi;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::project_root;

pub use model::{Availability, Surface};

/// Every capability of the spec (endpoints and `spec/capabilities.toml`) with its name in
/// each surface.
pub fn capabilities_of_spec() -> Result<Vec<model::Capability>> {
    parity::capabilities(&lower::load(&project_root().join("spec"))?)
}

/// Whether to write generated files or only verify they are fresh.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Write every stale file.
    Write,
    /// Fail, naming the fix, when any file is stale.
    Check,
}

/// A group of generated files, regenerated together.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Target {
    /// `crates/happyfox-query/src/generated/`: search fields, builder methods, sort options.
    Query,
    /// `crates/happyfox/src/generated/`: models, enums, requests, parameters, endpoints, the
    /// operations table and the OpenAPI tables.
    Client,
    /// `bindings/python/src/generated/` and the native module's stubs
    /// (`bindings/python/python/happyfox/_happyfox.pyi`).
    Python,
    /// `bindings/uniffi/src/generated/` and the pagers' Kotlin and Swift extensions
    /// (`bindings/uniffi/kotlin/`, `bindings/uniffi/swift/`).
    Uniffi,
    /// `crates/happyfox-mcp/src/generated.rs`: the MCP server's tools.
    Mcp,
    /// `SURFACES.md` (every capability in every surface) and the lists the Python and
    /// Kotlin suites check themselves against.
    Parity,
    /// `spec/openapi.json`, from the compiled client (so it builds the crate).
    Openapi,
}

impl Target {
    /// Every target, in the order they must run (the OpenAPI document needs fresh client
    /// sources).
    pub const ALL: [Target; 7] = [
        Target::Query,
        Target::Client,
        Target::Python,
        Target::Uniffi,
        Target::Mcp,
        Target::Parity,
        Target::Openapi,
    ];

    /// The target's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Query => "query",
            Target::Client => "client",
            Target::Python => "python",
            Target::Uniffi => "uniffi",
            Target::Mcp => "mcp",
            Target::Parity => "parity",
            Target::Openapi => "openapi",
        }
    }

    /// The target named `name`.
    pub fn parse(name: &str) -> Result<Target> {
        Target::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .with_context(|| {
                let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
                format!(
                    "unknown codegen target `{name}` (known: {})",
                    names.join(", ")
                )
            })
    }
}

/// One generated file, relative to the workspace root.
pub struct GeneratedFile {
    /// Path relative to the workspace root.
    pub path: PathBuf,
    /// Full contents (Rust is formatted later by [`finish`]).
    pub contents: String,
}

/// Runs the given targets (all when empty) in `mode`.
pub fn run(targets: &[Target], mode: Mode) -> Result<()> {
    let targets: Vec<Target> = Target::ALL
        .into_iter()
        .filter(|t| targets.is_empty() || targets.contains(t))
        .collect();
    let root = project_root();
    let mut stale = Vec::new();
    let from_sources: Vec<Target> = targets
        .iter()
        .copied()
        .filter(|t| *t != Target::Openapi)
        .collect();
    if !from_sources.is_empty() {
        let api = lower::load(&root.join("spec"))?;
        for target in from_sources {
            stale.extend(ensure(target, files(target, &api)?, mode)?);
        }
    }
    if targets.contains(&Target::Openapi) {
        stale.extend(openapi(mode)?);
    }
    report(stale)
}

/// The files a target generates from a lowered spec (the OpenAPI target has none: it runs
/// the compiled client).
fn files(target: Target, api: &model::Api) -> Result<Vec<GeneratedFile>> {
    match target {
        Target::Query => Ok(search::files(&api.search)),
        Target::Client => client::files(api),
        Target::Python => {
            let read = |relative: &str| {
                let path = project_root().join(relative);
                std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))
            };
            python::files(
                api,
                &read(python::RUNTIME_STUB)?,
                &read(python::ASYNC_TEMPLATE)?,
            )
        }
        Target::Uniffi => uniffi::files(api),
        Target::Mcp => mcp::files(api),
        Target::Parity => parity::files(api),
        Target::Openapi => Ok(Vec::new()),
    }
}

fn report(stale: Vec<String>) -> Result<()> {
    if !stale.is_empty() {
        bail!(
            "generated files are stale: {}\nrun `cargo xtask codegen` and commit the result",
            stale.join(", ")
        );
    }
    Ok(())
}

/// `spec/openapi.json` holds the schemas of the compiled models, so it is produced by running
/// the core crate's `openapi` example after the Rust files are up to date.
fn openapi(mode: Mode) -> Result<Vec<String>> {
    let root = project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "run",
            "--quiet",
            "--package",
            "happyfox",
            "--example",
            "openapi",
            "--features",
            "openapi",
        ])
        .current_dir(&root)
        .stderr(Stdio::inherit())
        .output()
        .context("running the openapi example")?;
    if !output.status.success() {
        bail!("the openapi example failed ({})", output.status);
    }
    let document = String::from_utf8(output.stdout)?;
    let target = root.join("spec/openapi.json");
    let current = std::fs::read_to_string(&target).unwrap_or_default();
    if current == document {
        return Ok(Vec::new());
    }
    match mode {
        Mode::Write => {
            std::fs::write(&target, document)?;
            eprintln!("updated spec/openapi.json");
            Ok(Vec::new())
        }
        Mode::Check => Ok(vec!["spec/openapi.json".into()]),
    }
}

/// Writes (or, in check mode, lists) the files whose contents differ.
fn ensure(target: Target, files: Vec<GeneratedFile>, mode: Mode) -> Result<Vec<String>> {
    let root = project_root();
    let mut stale = Vec::new();
    for file in files {
        let contents = finish(target, &file)?;
        let path = root.join(&file.path);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if normalize(&current) == normalize(&contents) {
            continue;
        }
        match mode {
            Mode::Write => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&path, contents)
                    .with_context(|| format!("writing {}", path.display()))?;
                eprintln!("updated {}", file.path.display());
            }
            Mode::Check => stale.push(file.path.display().to_string()),
        }
    }
    Ok(stale)
}

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Adds the one-line header naming the command that wrote the file, and formats Rust.
fn finish(target: Target, file: &GeneratedFile) -> Result<String> {
    let is_rust = file.path.extension().is_some_and(|e| e == "rs");
    if !is_rust {
        return Ok(file.contents.clone());
    }
    let header = format!(
        "// @generated by `cargo xtask codegen {}` from spec/: do not edit by hand.\n",
        target.name()
    );
    rustfmt(&format!("{header}{}", file.contents))
}

fn rustfmt(source: &str) -> Result<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running rustfmt (install it with `rustup component add rustfmt`)")?;
    child
        .stdin
        .take()
        .context("rustfmt stdin")?
        .write_all(source.as_bytes())?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!(
            "rustfmt rejected generated code:\n{}\n--- source ---\n{source}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8(output.stdout)?)
}

#[cfg(test)]
mod tests;
