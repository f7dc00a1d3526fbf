//! Release builds of the binaries the artifacts carry. On Linux they link against glibc 2.17
//! (`cargo zigbuild`, zig from the `ziglang` wheel, as maturin does for the wheel), so the
//! CLI and the jar's library run on any current Linux, not only on this machine's glibc;
//! elsewhere a plain `cargo build --release`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::python::{pip_install, run, venv_python, with_venv_on_path};

/// The oldest glibc the Linux binaries need (manylinux2014's).
pub const GLIBC: (u32, u32) = (2, 17);
/// The build tools, pinned.
const TOOLS: &[&str] = &["cargo-zigbuild==0.24.1", "ziglang==0.17.1"];

/// Builds `package` in release and answers the folder its artifacts are in.
pub fn build(package: &str) -> Result<PathBuf> {
    let target = crate::target_dir();
    if !cfg!(target_os = "linux") {
        run(
            super::cargo().args(["build", "--release", "--quiet", "--package", package]),
            &format!("cargo build --release -p {package}"),
        )?;
        return Ok(target.join("release"));
    }
    let python = venv_python()?;
    pip_install(
        &python,
        TOOLS,
        "cargo-zigbuild and ziglang into target/python-venv",
    )?;
    let triple = format!("{}-unknown-linux-gnu", std::env::consts::ARCH);
    let venv = crate::target_dir().join("python-venv");
    run(
        Command::new(venv.join("bin/cargo-zigbuild"))
            .args([
                "zigbuild",
                "--release",
                "--quiet",
                "--package",
                package,
                "--target",
            ])
            .arg(format!("{triple}.{}.{}", GLIBC.0, GLIBC.1))
            // cargo-zigbuild runs zig as `python3 -m ziglang`: the venv's interpreter.
            .env("PATH", with_venv_on_path(&venv))
            .current_dir(crate::project_root()),
        &format!(
            "cargo zigbuild --release -p {package} (glibc {}.{})",
            GLIBC.0, GLIBC.1
        ),
    )?;
    Ok(target.join(triple).join("release"))
}

/// The newest glibc symbol version `file` needs (`objdump -T`), `None` without objdump or
/// outside Linux.
pub fn glibc_needed(file: &Path) -> Result<Option<(u32, u32)>> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    let Ok(output) = Command::new("objdump").arg("-T").arg(file).output() else {
        return Ok(None);
    };
    if !output.status.success() {
        bail!("objdump -T {} failed", file.display());
    }
    Ok(newest_glibc(&String::from_utf8_lossy(&output.stdout)))
}

/// The newest `GLIBC_x.y` version named in `objdump -T` output.
fn newest_glibc(text: &str) -> Option<(u32, u32)> {
    text.split("GLIBC_")
        .skip(1)
        .filter_map(|rest| {
            let version: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let mut parts = version.split('.').map(str::parse::<u32>);
            Some((
                parts.next()?.ok()?,
                parts.next().and_then(Result::ok).unwrap_or(0),
            ))
        })
        .max()
}

/// Fails when `file` needs a newer glibc than [`GLIBC`].
pub fn check_glibc(file: &Path) -> Result<()> {
    match glibc_needed(file).with_context(|| format!("reading {}", file.display()))? {
        Some(needed) if needed > GLIBC => bail!(
            "{} needs glibc {}.{}, newer than {}.{}",
            file.display(),
            needed.0,
            needed.1,
            GLIBC.0,
            GLIBC.1
        ),
        Some(needed) => {
            eprintln!("{}: needs glibc {}.{}", file.display(), needed.0, needed.1);
            Ok(())
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_glibc_version_is_compared_numerically() {
        let objdump = "0000 DF *UND* 0000 (GLIBC_2.2.5) memcpy\n0000 DF *UND* 0000 (GLIBC_2.17) clock_gettime\n0000 DF *UND* 0000 (GLIBC_2.9) pipe2\n";
        assert_eq!(newest_glibc(objdump), Some((2, 17)));
        assert_eq!(newest_glibc("no versions"), None);
    }
}
