//! The CLI archive: `happyfox-<version>-<host>.tar.gz` holding one folder with the release
//! binary, shell completions (bash, zsh, fish), the man page, the README, the changelog and
//! the license files.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use super::{Release, copy, dist_dir, work_dir};
use crate::project_root;
use crate::python::run;

/// The archive's top folder (and file stem).
pub fn stem(release: &Release) -> String {
    format!("happyfox-{}-{}", release.version, release.host)
}

/// The archive's path in `<target>/dist/`.
pub fn archive(release: &Release) -> PathBuf {
    dist_dir().join(format!("{}.tar.gz", stem(release)))
}

/// The binary's file name on this platform.
pub fn binary_name() -> String {
    format!("happyfox{}", std::env::consts::EXE_SUFFIX)
}

/// Where each generated file goes in the archive, and the `happyfox` arguments printing it.
const GENERATED: &[(&str, &[&str])] = &[
    ("completions/happyfox.bash", &["completions", "bash"]),
    ("completions/_happyfox", &["completions", "zsh"]),
    ("completions/happyfox.fish", &["completions", "fish"]),
    ("man/man1/happyfox.1", &["man"]),
];

/// The repository files the archive carries.
const DOCS: &[&str] = &["README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"];

/// Builds the release binary and writes the archive.
pub fn build(release: &Release) -> Result<()> {
    let built = super::native::build("happyfox-cli")?;
    let work = work_dir("cli")?;
    let folder = work.join(stem(release));
    std::fs::create_dir_all(&folder)?;
    let binary = built.join(binary_name());
    copy(&binary, &folder.join(binary_name()))?;
    super::strip_symbols(&folder.join(binary_name()))?;
    for (path, args) in GENERATED {
        let output = Command::new(&binary)
            .args(*args)
            .output()
            .with_context(|| format!("running happyfox {}", args.join(" ")))?;
        if !output.status.success() {
            anyhow::bail!("happyfox {} failed ({})", args.join(" "), output.status);
        }
        let to = folder.join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&to, output.stdout)?;
    }
    for doc in DOCS {
        copy(&project_root().join(doc), &folder.join(doc))?;
    }
    run(
        Command::new("tar")
            .arg("-czf")
            .arg(archive(release))
            .arg("-C")
            .arg(&work)
            .arg(stem(release)),
        "tar -czf (the CLI archive)",
    )
}
