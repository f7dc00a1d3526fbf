//! `cargo xtask bench`: builds the benchmark and the Python package in release, sets up
//! `target/bench-venv` (our package, `requests`, and `hfox` when it installs), then runs
//! `happyfox-bench run`, which measures every way of exporting tickets and writes the report
//! into BENCHMARKS.md (`--quick`: into `target/bench/BENCHMARKS-quick.md`). `--mcp`
//! measures `happyfox mcp` instead (`crates/happyfox-mcp/bench/measure.py`, driven by the
//! Python MCP SDK) and writes its section of BENCHMARKS.md.

use std::process::Command;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::project_root;
use crate::python::{install_package, pip_install, run, venv_python_in};

/// The Python tools of the bench venv, pinned.
const TOOLS: &[&str] = &["maturin==1.16.0", "requests==2.34.2"];

/// The MCP SDK the `--mcp` measurement drives the server with, pinned as in the suite.
const MCP_SDK: &str = "mcp==2.3.0";
/// Where `--mcp` writes its table in BENCHMARKS.md.
const MCP_BEGIN: &str = "<!-- bench-mcp:begin (written by `cargo xtask bench --mcp`) -->";
const MCP_END: &str = "<!-- bench-mcp:end -->";

/// Runs the benchmark; `args` are what followed `bench` on the command line.
pub fn run_bench(args: &[&str]) -> Result<()> {
    if args == ["--mcp"] {
        return run_mcp_bench();
    }
    let started = Instant::now();
    let quick = args.contains(&"--quick");
    let tickets = match args {
        [] | ["--quick"] => None,
        ["--tickets", n] | ["--tickets", n, "--quick"] | ["--quick", "--tickets", n] => {
            Some(n.to_string())
        }
        other => bail!("bench takes [--tickets N] [--quick] or --mcp, not {other:?}"),
    };
    let root = project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let venv = crate::target_dir().join("bench-venv");
    let python = venv_python_in(&venv)?;
    pip_install(
        &python,
        TOOLS,
        "maturin and requests into target/bench-venv",
    )?;
    // Built together with the Python package, the bench's dependencies get the package's
    // features (pyo3 turns on a few more in shared crates), so the wheel's build below
    // reuses them instead of compiling the whole release graph a second time.
    run(
        Command::new(&cargo)
            .args(["build", "--release", "--quiet"])
            .args(["-p", "happyfox-bench", "-p", "happyfox-python"])
            .env("PYO3_PYTHON", &python)
            .current_dir(&root),
        "building happyfox-bench",
    )?;
    // hfox may not install (or not exist); its row then says so.
    if let Err(error) = pip_install(&python, &["hfox"], "hfox") {
        eprintln!("{error:#}: its row will say so");
    }
    install_package(&venv, "release")?;

    let out = if quick {
        std::fs::create_dir_all(crate::target_dir().join("bench"))?;
        crate::target_dir().join("bench/BENCHMARKS-quick.md")
    } else {
        root.join("BENCHMARKS.md")
    };
    let mut bench = Command::new(crate::target_dir().join("release/happyfox-bench"));
    bench
        .args(["run", "--python"])
        .arg(&python)
        .arg("--out")
        .arg(&out)
        .args([
            "--command",
            format!("cargo xtask bench {}", args.join(" ")).trim_end(),
        ]);
    if let Some(tickets) = &tickets {
        bench.args(["--tickets", tickets]);
    }
    if quick {
        bench.arg("--quick");
    }
    run(bench.current_dir(&root), "happyfox-bench run")?;
    eprintln!(
        "cargo xtask bench took {:.0} s, builds included",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `cargo xtask bench --mcp`: the release `happyfox` measured as an MCP server over stdio
/// against `happyfox emulator serve`; the table goes between its markers in BENCHMARKS.md.
fn run_mcp_bench() -> Result<()> {
    let root = project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let python = venv_python_in(&crate::target_dir().join("bench-venv"))?;
    pip_install(&python, &[MCP_SDK], "the MCP SDK into target/bench-venv")?;
    run(
        Command::new(&cargo)
            .args(["build", "--release", "--quiet", "-p", "happyfox-cli"])
            .current_dir(&root),
        "building happyfox in release",
    )?;
    let binary =
        crate::target_dir().join(format!("release/happyfox{}", std::env::consts::EXE_SUFFIX));
    let output = Command::new(&python)
        .arg(root.join("crates/happyfox-mcp/bench/measure.py"))
        .arg(&binary)
        .output()?;
    if !output.status.success() {
        bail!(
            "measure.py failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let table = String::from_utf8(output.stdout)?;
    let path = root.join("BENCHMARKS.md");
    let text = std::fs::read_to_string(&path)?;
    let (Some(begin), Some(end)) = (text.find(MCP_BEGIN), text.find(MCP_END)) else {
        bail!("BENCHMARKS.md lacks the markers {MCP_BEGIN} and {MCP_END}");
    };
    let updated = format!("{}{MCP_BEGIN}\n\n{table}\n{}", &text[..begin], &text[end..]);
    std::fs::write(&path, updated)?;
    print!("{table}");
    Ok(())
}
