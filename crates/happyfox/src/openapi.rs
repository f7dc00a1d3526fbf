//! The OpenAPI 3.1 document of every endpoint, with the models' JSON Schemas (schemars).
//! `cargo xtask codegen` writes it to `spec/openapi.json`. Only with the `openapi` feature.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::generated::openapi::{SKELETON, register_models};

/// The complete OpenAPI document.
pub fn document() -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    let mut generator = settings.into_generator();
    register_models(&mut generator);
    let definitions = generator.take_definitions(true);
    let mut document: Value = serde_json::from_str(SKELETON).unwrap_or_else(|error| {
        unreachable!("the generated OpenAPI skeleton is valid JSON: {error}")
    });
    if let Some(Value::Object(schemas)) = document.pointer_mut("/components/schemas") {
        for (name, schema) in definitions {
            schemas.insert(name, schema);
        }
        schemas.sort_keys();
    }
    document
}

/// The document as pretty JSON with a trailing newline, as `spec/openapi.json` holds it.
pub fn document_text() -> String {
    let mut text = serde_json::to_string_pretty(&document())
        .unwrap_or_else(|error| unreachable!("a JSON value always serializes: {error}"));
    text.push('\n');
    text
}
