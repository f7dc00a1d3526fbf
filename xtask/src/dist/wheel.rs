//! The Python artifacts: an abi3 wheel (CPython >= 3.10) that any current Linux's pip takes
//! (maturin links with zig against glibc 2.17, tag `manylinux2014`), and the sdist.

use std::process::Command;

use anyhow::{Result, bail};

use super::{Release, dist_dir};
use crate::project_root;
use crate::python::{pip_install, run, venv_python, with_venv_on_path};

/// The build tools, pinned: maturin builds, ziglang links against an old glibc.
pub const TOOLS: &[&str] = &["maturin==1.16.0", "ziglang==0.17.1"];

/// `maturin build --release --zig --compatibility manylinux2014` and `maturin sdist`, both
/// into `<target>/dist/`, replacing older Python artifacts of this version there.
pub fn build(release: &Release) -> Result<()> {
    let python = venv_python()?;
    pip_install(
        &python,
        TOOLS,
        "maturin and ziglang into target/python-venv",
    )?;
    let dist = dist_dir();
    for stale in super::check::python_artifacts(release)? {
        std::fs::remove_file(&stale)?;
    }
    let manifest = project_root().join("bindings/python/Cargo.toml");
    let maturin = |args: &[&str]| {
        let mut command = Command::new(&python);
        command
            .args(["-m", "maturin"])
            .args(args)
            .arg("--manifest-path")
            .arg(&manifest)
            .arg("--out")
            .arg(&dist)
            // maturin finds zig as `python3 -m ziglang`: the venv's interpreter first.
            .env(
                "PATH",
                with_venv_on_path(&crate::target_dir().join("python-venv")),
            )
            .current_dir(project_root());
        command
    };
    run(
        &mut maturin(&[
            "build",
            "--release",
            "--zig",
            "--compatibility",
            "manylinux2014",
            "--strip",
            "--quiet",
        ]),
        "maturin build --release --zig (the wheel)",
    )?;
    run(&mut maturin(&["sdist"]), "maturin sdist")?;
    let built = super::check::python_artifacts(release)?;
    if built.len() != 2 {
        bail!(
            "expected one wheel and one sdist in {}, found {built:?}",
            dist.display()
        );
    }
    Ok(())
}
