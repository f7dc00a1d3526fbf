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
