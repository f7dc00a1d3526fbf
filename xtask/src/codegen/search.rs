//! Generates the search-language tables of `crates/happyfox-query` from `spec/search.toml`.

use std::path::Path;

use anyhow::Result;

use super::GeneratedFile;

/// The files this generator owns.
pub fn files(_root: &Path) -> Result<Vec<GeneratedFile>> {
    Ok(Vec::new())
}
