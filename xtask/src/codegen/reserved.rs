//! The names the core's root already gives to hand-written items (`happyfox::Page`,
//! `happyfox::Error`, ...), read from `crates/happyfox/src/lib.rs`: the root glob-re-exports
//! the generated modules beside them, so a spec type of the same name would be silently
//! hidden, and the lowering refuses it.

use std::collections::BTreeSet;

use anyhow::{Context, Result};

use crate::project_root;

/// The core's `lib.rs`, relative to the project root.
const CORE_LIB: &str = "crates/happyfox/src/lib.rs";

/// Every name a hand-written `pub use` of the core's `lib.rs` puts at the root.
pub fn core_root_names() -> Result<BTreeSet<String>> {
    let path = project_root().join(CORE_LIB);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(root_names(&text))
}

/// The names the `pub use` items of `lib_rs` export (items starting a line; doc text is
/// not read), leaving out the generated modules' globs (`pub use generated::models::*;`).
fn root_names(lib_rs: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut lines = lib_rs.lines();
    while let Some(line) = lines.next() {
        let Some(first) = line.strip_prefix("pub use ") else {
            continue;
        };
        let mut path = first.to_owned();
        while !path.contains(';') {
            let Some(next) = lines.next() else { break };
            path.push_str(next);
        }
        let path = path.split(';').next().unwrap_or_default();
        if path.trim_start().starts_with("generated::") {
            continue;
        }
        let leaves = match (path.find('{'), path.rfind('}')) {
            (Some(open), Some(close)) if open < close => &path[open + 1..close],
            _ => path.rsplit("::").next().unwrap_or_default(),
        };
        for leaf in leaves.split(',') {
            let name = leaf.rsplit(" as ").next().unwrap_or_default();
            let name = name.rsplit("::").next().unwrap_or_default().trim();
            if !name.is_empty() && name != "*" && name != "self" {
                names.insert(name.to_owned());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names_skip_the_generated_globs() {
        let lib = "pub use error::{Error, Result};\npub use generated::models::*;\n\
                   pub use happyfox_query::{\n    Query,\n    Sort as Order,\n};\npub use secret::Secret;\n";
        let names: Vec<String> = root_names(lib).into_iter().collect();
        assert_eq!(names, ["Error", "Order", "Query", "Result", "Secret"]);
    }

    #[test]
    fn the_core_reserves_its_hand_written_types() {
        let names = core_root_names().expect("lib.rs");
        for name in [
            "Client", "Error", "Page", "Proxy", "Query", "Secret", "Config",
        ] {
            assert!(names.contains(name), "{name} is not reserved: {names:?}");
        }
    }
}
