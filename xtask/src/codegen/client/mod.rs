//! Generates `crates/happyfox/src/generated/` (enums, models, requests, params, endpoint
//! methods, the operations table, the OpenAPI tables) from the API module files of `spec/`,
//! and the input rules from `spec/errors.toml`.

mod endpoints;
pub(in crate::codegen) mod input_rules;
mod models;
mod openapi;
mod operations;
mod requests;
mod rust_types;

use std::fmt::Write;

use anyhow::Result;

use super::GeneratedFile;
use super::model::Api;

const OUT: &str = "crates/happyfox/src/generated";

/// The files this generator owns.
pub fn files(spec: &Api) -> Result<Vec<GeneratedFile>> {
    let file = |name: &str, contents: String| GeneratedFile {
        path: format!("{OUT}/{name}").into(),
        contents,
    };
    Ok(vec![
        file("mod.rs", module_index()),
        file("enums.rs", models::enums(spec)),
        file("ids.rs", models::ids(spec)),
        file("models.rs", models::models(spec)?),
        file("requests.rs", requests::requests(spec)?),
        file("params.rs", requests::params(spec)?),
        file("endpoints.rs", endpoints::endpoints(spec)?),
        file("openapi.rs", openapi::tables(spec)?),
        file("operations.rs", operations::table(spec)),
        file(
            "input_rules.rs",
            input_rules::input_rules(&spec.input_rules),
        ),
    ])
}

fn module_index() -> String {
    "//! Code generated from `spec/`: models, requests, parameters, endpoint methods, the\n\
     //! operations table and the input rules.\n\
     \n\
     pub mod endpoints;\n\
     pub mod enums;\n\
     pub mod ids;\n\
     pub mod input_rules;\n\
     pub mod models;\n\
     #[cfg(feature = \"openapi\")]\n\
     pub mod openapi;\n\
     pub mod operations;\n\
     pub mod params;\n\
     pub mod requests;\n"
        .to_owned()
}

/// A `///` doc comment of `text`, one line per line.
pub(in crate::codegen) fn doc(out: &mut String, text: &str) {
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            let _ = writeln!(out, "/// {line}");
        }
    }
}

/// A Rust string literal of `text`.
pub(in crate::codegen) fn lit(text: &str) -> String {
    format!("{text:?}")
}
