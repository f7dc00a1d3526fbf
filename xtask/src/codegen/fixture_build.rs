//! The generator's Rust output compiled, not only pinned as text: the small fixture spec's
//! client, in place of the real spec's `generated/`, built with the core crate's runtime
//! (progenitor's `tests/output` is the model). `--cfg happyfox_fixture` leaves out the
//! hand-written HappyFox domain, which is written over the real spec's models, and
//! `xtask/fixtures/harness/support.rs` stands in for the hand-written types the fixture's
//! unions map to. So an emitter change that writes code which does not compile fails here,
//! whether or not the real spec uses what changed. Warnings fail too, except dead code (the
//! runtime's parts that only the domain uses, such as the export's worker pool).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::{Target, finish, lower};
use crate::project_root;

/// The fixture spec compiled, and the core crate it is compiled into.
const SPEC: &str = "xtask/fixtures/specs/small";
const CORE: &str = "crates/happyfox";
/// Stand-ins for the hand-written types the fixture's unions and setters name.
const SUPPORT: &str = "xtask/fixtures/harness/support.rs";

/// Writes the fixture crate under `<target>/codegen-fixture/` and builds its library with
/// the workspace's target directory (the dependencies' builds are reused).
pub fn check() -> Result<()> {
    let root = project_root();
    let mut api = lower::load(&root.join(SPEC))?;
    // The runtime names every input rule (`InputRule::Required`...): they are the real
    // spec's, whatever the fixture's API.
    api.input_rules = lower::load(&root.join("spec"))?.input_rules;
    let dir = crate::target_dir().join("codegen-fixture");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    let core = dir.join("happyfox");
    copy_tree(&root.join(CORE).join("src"), &core.join("src"))?;
    let generated = core.join("src/generated");
    for file in super::files(Target::Client, &api)? {
        let name = file
            .path
            .file_name()
            .context("a generated file without a name")?;
        std::fs::write(generated.join(name), finish(Target::Client, &file)?)?;
    }
    std::fs::copy(root.join(SUPPORT), core.join("src/fixture_support.rs"))?;
    let lib = core.join("src/lib.rs");
    let mut text = std::fs::read_to_string(&lib)?;
    text.push_str(
        "\n#[cfg(happyfox_fixture)]\nmod fixture_support;\n#[cfg(happyfox_fixture)]\npub use fixture_support::*;\n",
    );
    std::fs::write(&lib, text)?;
    std::fs::write(core.join("Cargo.toml"), crate_manifest(&root)?)?;
    std::fs::write(dir.join("Cargo.toml"), workspace_manifest(&root)?)?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["rustc", "--lib", "--quiet", "--manifest-path"])
        .arg(core.join("Cargo.toml"))
        .args([
            "--",
            "--cfg",
            "happyfox_fixture",
            "-D",
            "warnings",
            "-A",
            "dead_code",
        ])
        .env("CARGO_TARGET_DIR", crate::target_dir())
        .current_dir(&dir)
        .status()
        .context("starting cargo rustc for the fixture crate")?;
    if !status.success() {
        bail!(
            "the Rust client generated from {SPEC} does not compile ({status}); the crate is in {}",
            dir.display()
        );
    }
    eprintln!("the Rust client generated from {SPEC} compiles");
    Ok(())
}

/// The core crate's manifest without what the fixture crate does not carry (its tests,
/// examples and benches, and their dev-dependencies).
fn crate_manifest(root: &Path) -> Result<String> {
    let path = root.join(CORE).join("Cargo.toml");
    let mut manifest: toml::Table = toml::from_str(&std::fs::read_to_string(&path)?)
        .with_context(|| format!("reading {}", path.display()))?;
    for table in ["dev-dependencies", "example", "test", "bench"] {
        manifest.remove(table);
    }
    Ok(toml::to_string(&manifest)?)
}

/// A workspace of the one crate with the root's package fields, dependencies (paths made
/// absolute) and profiles.
fn workspace_manifest(root: &Path) -> Result<String> {
    let path = root.join("Cargo.toml");
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(&path)?)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut workspace = manifest
        .get("workspace")
        .and_then(toml::Value::as_table)
        .cloned()
        .context("the root Cargo.toml has no [workspace]")?;
    workspace.insert(
        "members".into(),
        toml::Value::Array(vec!["happyfox".into()]),
    );
    if let Some(toml::Value::Table(dependencies)) = workspace.get_mut("dependencies") {
        for (_, dependency) in dependencies.iter_mut() {
            if let Some(path) = dependency.get_mut("path")
                && let Some(relative) = path.as_str()
            {
                *path = toml::Value::String(root.join(relative).to_string_lossy().into_owned());
            }
        }
    }
    let mut out = toml::Table::new();
    out.insert("workspace".into(), toml::Value::Table(workspace));
    if let Some(profile) = manifest.get("profile") {
        out.insert("profile".into(), profile.clone());
    }
    Ok(toml::to_string(&out)?)
}

/// Copies the directory `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let path: PathBuf = entry?.path();
        let Some(name) = path.file_name() else {
            continue;
        };
        if path.is_dir() {
            copy_tree(&path, &to.join(name))?;
        } else {
            std::fs::copy(&path, to.join(name))
                .with_context(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}
