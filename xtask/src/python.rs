//! The Python package's part of `cargo xtask test`: a virtual environment of its own under
//! `target/`, the test tools in it, the package installed with pip from `bindings/python`
//! (the debug profile, so it reuses the workspace's build), then the pytest suite (which also
//! runs `mypy.stubtest` against the built module and `mypy --strict` over example scripts).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::project_root;

/// The test tools (schemathesis is for the schema fuzz step), pinned to the versions the
/// suite was written against.
const TOOLS: &[&str] = &[
    "maturin==1.16.0",
    "pytest==9.2.0",
    "mypy==2.4.1",
    "typing_extensions==4.16.0",
    "schemathesis==4.32.5",
    "hypothesis==6.170.27",
    // The independent MCP client the MCP server's tests drive it with.
    "mcp==2.3.0",
];

/// The interpreter of the project's virtual environment (`target/python-venv`), created
/// when missing.
pub fn venv_python() -> Result<PathBuf> {
    venv_python_in(&crate::target_dir().join("python-venv"))
}

/// The interpreter of the virtual environment `venv`, created when missing.
pub fn venv_python_in(venv: &Path) -> Result<PathBuf> {
    let python = venv.join("bin/python");
    if !python.exists() {
        create_venv(venv)?;
    }
    Ok(python)
}

/// `happyfox mcp` driven over stdio by the official Python MCP SDK (in the project venv,
/// with the `happyfox` package whose emulator the tests check the server against).
pub fn mcp_test() -> Result<()> {
    let root = project_root();
    let python = venv_python()?;
    run(
        Command::new(&python)
            .args(["-m", "pytest", "--quiet", "-p", "no:cacheprovider"])
            .arg(root.join("crates/happyfox-mcp/tests"))
            .env(
                "HAPPYFOX_BIN",
                crate::target_dir().join(format!("debug/happyfox{}", std::env::consts::EXE_SUFFIX)),
            )
            .current_dir(&root),
        "the MCP server's tests (Python mcp SDK)",
    )
}

/// Builds, installs and tests the Python package.
pub fn test() -> Result<()> {
    let root = project_root();
    let venv = crate::target_dir().join("python-venv");
    let python = venv_python()?;
    pip_install(
        &python,
        TOOLS,
        "the Python test tools into target/python-venv",
    )?;
    install_package(&venv, "dev")?;
    run(
        Command::new(&python)
            .args(["-m", "pytest", "--quiet", "-p", "no:cacheprovider"])
            .arg(root.join("bindings/python/tests"))
            .current_dir(root.join("bindings/python")),
        "the Python test suite",
    )
}

/// `pip install`s `packages` with the interpreter `python`, failing with `what` named.
pub fn pip_install(python: &Path, packages: &[&str], what: &str) -> Result<()> {
    run(
        Command::new(python)
            .args(["-m", "pip", "install", "--quiet"])
            .args(packages),
        &format!("installing {what}"),
    )
}

/// Builds `bindings/python` with the cargo `profile` and installs it into `venv` (which has
/// maturin).
pub fn install_package(venv: &Path, profile: &str) -> Result<()> {
    let root = project_root();
    let python = venv.join("bin/python");
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-build-isolation",
                "--force-reinstall",
                "--no-deps",
            ])
            .arg(root.join("bindings/python"))
            .env("MATURIN_PEP517_ARGS", format!("--profile {profile}"))
            .env("PYO3_PYTHON", &python)
            .env("PATH", with_venv_on_path(venv))
            .current_dir(&root),
        "pip install ./bindings/python",
    )
}

/// `PATH` with the venv's `bin` first (the build backend runs `maturin` from it).
pub fn with_venv_on_path(venv: &Path) -> std::ffi::OsString {
    let mut paths = vec![venv.join("bin")];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// `python3 -m venv`; on a Debian machine without venv support, installs it first.
fn create_venv(venv: &Path) -> Result<()> {
    let interpreter = interpreter()?;
    let created = Command::new(&interpreter)
        .args(["-m", "venv"])
        .arg(venv)
        .status()
        .with_context(|| format!("running {} -m venv", interpreter.display()))?;
    if created.success() {
        return Ok(());
    }
    eprintln!("python3 -m venv failed: installing Debian's python3-venv");
    run(
        Command::new("apt-get").args(["install", "-y", "python3-venv"]),
        "apt-get install python3-venv",
    )?;
    run(
        Command::new(&interpreter).args(["-m", "venv"]).arg(venv),
        "creating target/python-venv",
    )
}

/// The Python 3.10+ interpreter to build the venv from (`$PYTHON`, else `python3`).
fn interpreter() -> Result<PathBuf> {
    let candidate =
        std::env::var_os("PYTHON").map_or_else(|| PathBuf::from("python3"), PathBuf::from);
    let output = Command::new(&candidate)
        .args(["-c", "import sys; print(sys.version_info >= (3, 10))"])
        .output()
        .with_context(|| {
            format!(
                "the Python tests need Python 3.10 or newer, and `{}` could not be run: install it or set PYTHON",
                candidate.display()
            )
        })?;
    if String::from_utf8_lossy(&output.stdout).trim() != "True" {
        bail!(
            "the Python tests need Python 3.10 or newer; `{}` is older",
            candidate.display()
        );
    }
    Ok(candidate)
}

/// Runs `command`, failing with `what` when it does not succeed.
pub fn run(command: &mut Command, what: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("starting {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}
