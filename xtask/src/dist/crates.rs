//! The publishable crates: `cargo package` for `happyfox-query`, `happyfox`,
//! `happyfox-emulator`, `happyfox-mcp` and `happyfox-cli` together (each verified by
//! building it from its packaged form against the others'), copied into `<target>/dist/`.

use anyhow::Result;

use super::{Release, copy, dist_dir};
use crate::python::run;

/// The crates the release publishes, in publishing order.
pub const PUBLISHED: &[&str] = &[
    "happyfox-query",
    "happyfox",
    "happyfox-emulator",
    "happyfox-mcp",
    "happyfox-cli",
];

/// The `.crate` file of `name` in `<target>/package/`.
pub fn packaged(name: &str, release: &Release) -> std::path::PathBuf {
    crate::target_dir()
        .join("package")
        .join(format!("{name}-{}.crate", release.version))
}

/// `cargo package` for the published crates (`--allow-dirty`: a working tree with changes
/// packages what is on disk, as the release pipeline's clean checkout does).
pub fn build(release: &Release) -> Result<()> {
    forget_unpacked(release)?;
    let mut cargo = super::cargo();
    cargo.args(["package", "--allow-dirty", "--quiet"]);
    for name in PUBLISHED {
        cargo.args(["--package", name]);
    }
    run(&mut cargo, "cargo package")?;
    for name in PUBLISHED {
        let file = packaged(name, release);
        copy(
            &file,
            &dist_dir().join(file.file_name().unwrap_or_default()),
        )?;
    }
    Ok(())
}

/// Removes the copies of the published crates an earlier `cargo package` unpacked into
/// `$CARGO_HOME/registry/src/` from its temporary registry: cargo reuses an unpacked
/// `name-version` instead of unpacking it again, so a crate changed since (same version)
/// would be verified against its old sources. None of them comes from elsewhere.
fn forget_unpacked(release: &Release) -> Result<()> {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo"))
        });
    let Some(sources) = home.map(|home| home.join("registry/src")) else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(());
    };
    for registry in registries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        for name in PUBLISHED {
            let unpacked = registry.join(format!("{name}-{}", release.version));
            if unpacked.is_dir() {
                std::fs::remove_dir_all(&unpacked)?;
            }
        }
    }
    Ok(())
}
