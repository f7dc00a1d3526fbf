//! The Kotlin and Swift bindings' generated code: the UniFFI records, enums, pages, pagers
//! and endpoint methods of `bindings/uniffi/src/generated/` ([`rust`]), and the small Kotlin
//! and Swift files that make each pager a `Sequence` ([`foreign`]), from the lowered model.
//! Types map in one table ([`types`]). The input rules of `spec/errors.toml` get their
//! own file ([`input_rules`]).

mod foreign;
mod input_rules;
mod rust;
mod types;

use anyhow::Result;

use super::GeneratedFile;
use super::model::{AnswerShape, Api, Type};

const OUT: &str = "bindings/uniffi/src/generated";
/// The Kotlin extensions shipped with the generated Kotlin.
const KOTLIN: &str = "bindings/uniffi/kotlin/happyfox/Pagers.kt";
/// The Swift extensions shipped with the generated Swift.
const SWIFT: &str = "bindings/uniffi/swift/Sources/HappyFox/Pagers.swift";

/// The name of a page, pager or list item: the model's, or `Id` for ids.
pub fn item_name(ty: &Type) -> String {
    match ty {
        Type::Named(named) => named.name.clone(),
        _ => "Id".to_owned(),
    }
}

/// The item types of every public paged answer, each once, in spec order, and whether an
/// iterator walks it.
pub fn paged_items(api: &Api) -> Vec<(Type, bool)> {
    let mut items: Vec<(Type, bool)> = Vec::new();
    for op in api
        .operations
        .iter()
        .filter(|op| op.public && op.answer_shape == AnswerShape::Page)
    {
        let iterated = op.iterator.is_some();
        match items.iter_mut().find(|(ty, _)| *ty == op.answer) {
            Some(entry) => entry.1 |= iterated,
            None => items.push((op.answer.clone(), iterated)),
        }
    }
    items
}

/// The names of the models a public operation can answer (directly, in a page or nested in
/// another model), so a model only crate-internal operations answer gets no record.
pub fn reachable_models(api: &Api) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut pending: Vec<Type> = api
        .operations
        .iter()
        .filter(|op| op.public)
        .map(|op| op.answer.clone())
        .collect();
    if !paged_items(api).is_empty() {
        pending.push(Type::Named(super::model::Named {
            name: "PageInfo".into(),
            kind: super::model::NamedKind::Model,
        }));
    }
    while let Some(ty) = pending.pop() {
        match ty {
            Type::List(item) => pending.push(*item),
            Type::Named(named) if !names.contains(&named.name) => {
                if let Some(model) = api.models.iter().find(|m| m.name == named.name) {
                    names.push(named.name);
                    pending.extend(model.fields.iter().map(|f| f.ty.clone()));
                }
            }
            _ => {}
        }
    }
    names
}

/// The files of the UniFFI target.
pub fn files(api: &Api) -> Result<Vec<GeneratedFile>> {
    let file = |name: &str, contents: String| GeneratedFile {
        path: format!("{OUT}/{name}").into(),
        contents,
    };
    Ok(vec![
        file("mod.rs", rust::module()),
        file("models.rs", rust::models(api)?),
        file("unions.rs", rust::unions(api)?),
        file("externals.rs", rust::externals(api)?),
        file("requests.rs", rust::requests(api)?),
        file("pages.rs", rust::pages(api)?),
        file("endpoints.rs", rust::endpoints(api)?),
        file("query_fields.rs", rust::query_fields(api)),
        file("input_rules.rs", input_rules::input_rules(&api.input_rules)),
        GeneratedFile {
            path: KOTLIN.into(),
            contents: foreign::kotlin(api),
        },
        GeneratedFile {
            path: SWIFT.into(),
            contents: foreign::swift(api),
        },
    ])
}
