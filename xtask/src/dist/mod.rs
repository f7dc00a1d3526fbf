//! `cargo xtask dist`: every artifact of a release, built for this machine into
//! `<target>/dist/`: the Python wheel and sdist, the JVM jar (with its pom and sources jar),
//! the CLI archive and the publishable crates. `cargo xtask dist --check` then proves each
//! one as its users meet it (see [`check`]).

mod check;
mod cli_archive;
mod crates;
mod jar;
mod native;
mod wheel;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::project_root;

/// One artifact kind of `cargo xtask dist`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Artifact {
    Wheel,
    Jar,
    Cli,
    Crates,
}

impl Artifact {
    const ALL: [Artifact; 4] = [
        Artifact::Wheel,
        Artifact::Jar,
        Artifact::Cli,
        Artifact::Crates,
    ];

    fn parse(name: &str) -> Result<Artifact> {
        Ok(match name {
            "wheel" | "python" => Artifact::Wheel,
            "jar" | "jvm" => Artifact::Jar,
            "cli" => Artifact::Cli,
            "crates" => Artifact::Crates,
            other => bail!("unknown artifact `{other}`: wheel, jar, cli or crates"),
        })
    }

    fn name(self) -> &'static str {
        match self {
            Artifact::Wheel => "wheel and sdist",
            Artifact::Jar => "JVM jar",
            Artifact::Cli => "CLI archive",
            Artifact::Crates => "crates",
        }
    }
}

/// What `cargo xtask dist` was asked for.
struct Request {
    artifacts: Vec<Artifact>,
    /// A folder of other platforms' native libraries (`<os>-<arch>/<library>`) for the jar.
    jna_libs: Option<PathBuf>,
    /// Prove the artifacts after building them.
    check: bool,
}

fn parse(args: &[&str]) -> Result<Request> {
    let mut request = Request {
        artifacts: Vec::new(),
        jna_libs: None,
        check: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--check" => request.check = true,
            "--jna-libs" => {
                let dir = args.next().context("--jna-libs needs a folder")?;
                request.jna_libs = Some(PathBuf::from(dir));
            }
            name => request.artifacts.push(Artifact::parse(name)?),
        }
    }
    if request.artifacts.is_empty() {
        request.artifacts = Artifact::ALL.to_vec();
    }
    Ok(request)
}

/// Builds the asked artifacts (all by default) into `<target>/dist/`, prints each file's
/// size and the time taken, and with `--check` proves them.
pub fn run(args: &[&str]) -> Result<()> {
    let request = parse(args)?;
    let started = Instant::now();
    let dist = dist_dir();
    std::fs::create_dir_all(&dist).with_context(|| format!("creating {}", dist.display()))?;
    let release = Release::read()?;
    for artifact in &request.artifacts {
        let step = Instant::now();
        eprintln!("\n==> dist: {}", artifact.name());
        match artifact {
            Artifact::Wheel => wheel::build(&release)?,
            Artifact::Jar => jar::build(&release, request.jna_libs.as_deref())?,
            Artifact::Cli => cli_archive::build(&release)?,
            Artifact::Crates => crates::build(&release)?,
        }
        eprintln!("built the {} in {:.0?}", artifact.name(), step.elapsed());
    }
    report(&dist)?;
    eprintln!("cargo xtask dist took {:.0?} (build)", started.elapsed());
    if request.check {
        for artifact in &request.artifacts {
            eprintln!("\n==> dist check: {}", artifact.name());
            match artifact {
                Artifact::Wheel => check::wheel(&release)?,
                Artifact::Jar => check::jar(&release)?,
                Artifact::Cli => check::cli(&release)?,
                Artifact::Crates => check::crates(&release)?,
            }
        }
        eprintln!(
            "\nevery artifact checked in {:.0?} in all",
            started.elapsed()
        );
    }
    Ok(())
}

/// Where the artifacts go: `<target>/dist/`.
pub fn dist_dir() -> PathBuf {
    crate::target_dir().join("dist")
}

/// A scratch folder of the dist step `name`, emptied first: `<target>/dist-work/<name>`.
fn work_dir(name: &str) -> Result<PathBuf> {
    let dir = crate::target_dir().join("dist-work").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// The version every artifact carries (the workspace's) and the host it is built for.
pub struct Release {
    pub version: String,
    /// The Rust target triple of this machine (`rustc -vV`'s `host`).
    pub host: String,
}

impl Release {
    fn read() -> Result<Release> {
        let metadata = command_output(
            cargo().args(["metadata", "--format-version", "1", "--no-deps"]),
            "cargo metadata",
        )?;
        let metadata: serde_json::Value = serde_json::from_str(&metadata)?;
        let version = metadata["packages"]
            .as_array()
            .and_then(|packages| packages.iter().find(|p| p["name"] == "happyfox"))
            .and_then(|package| package["version"].as_str())
            .context("cargo metadata names no version of the `happyfox` package")?
            .to_owned();
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        let verbose = command_output(Command::new(rustc).arg("-vV"), "rustc -vV")?;
        let host = verbose
            .lines()
            .find_map(|line| line.strip_prefix("host: "))
            .context("rustc -vV names no host")?
            .to_owned();
        Ok(Release { version, host })
    }
}

/// Prints every file of `dist` with its size.
fn report(dist: &Path) -> Result<()> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dist)?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let size = entry.metadata().ok()?.len();
            Some((entry.file_name().to_string_lossy().into_owned(), size))
        })
        .collect();
    files.sort();
    eprintln!("\n{}:", dist.display());
    for (name, size) in files {
        eprintln!("  {:>8.1} MiB  {name}", size as f64 / (1024.0 * 1024.0));
    }
    Ok(())
}

/// `cargo` as the running xtask was started with.
fn cargo() -> Command {
    let mut command = crate::bindings::cargo();
    command.current_dir(project_root());
    command
}

/// Runs `command` and answers its stdout, failing with `what` named (and its stderr).
fn command_output(command: &mut Command, what: &str) -> Result<String> {
    let output = command
        .output()
        .with_context(|| format!("starting {what}"))?;
    if !output.status.success() {
        bail!(
            "{what} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Copies `from` to `to`, naming both when it fails.
fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(|_| ())
        .with_context(|| format!("copying {} to {}", from.display(), to.display()))
}

/// Drops the symbol table of a shipped copy of a binary or library (`strip
/// --strip-unneeded`: a library keeps the dynamic symbols it is called through), where this
/// machine has binutils' `strip`; elsewhere the copy ships as built.
fn strip_symbols(path: &Path) -> Result<()> {
    if cfg!(target_os = "linux") && Command::new("strip").arg("--version").output().is_ok() {
        crate::python::run(
            Command::new("strip").arg("--strip-unneeded").arg(path),
            &format!("strip {}", path.display()),
        )?;
    }
    Ok(())
}
