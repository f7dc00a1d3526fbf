//! The Python package's generated code: the PyO3 classes and methods of
//! `bindings/python/src/generated/` ([`native`]), the `.pyi` stubs of the native module
//! ([`stubs`]) and the asyncio client ([`async_client`]), from the lowered model. Types map in one table ([`types`]).

mod async_client;
mod native;
mod stubs;
mod types;

use anyhow::Result;

use super::GeneratedFile;
use super::model::{Api, Operation, camel};

const OUT: &str = "bindings/python/src/generated";
/// The stub of the native module.
const STUB: &str = "bindings/python/python/happyfox/_happyfox.pyi";
/// The argument types module.
const TYPES: &str = "bindings/python/python/happyfox/types.py";
/// The hand-written stubs of the runtime classes, which the generated stub completes.
pub const RUNTIME_STUB: &str = "bindings/python/stubs/runtime.pyi";

/// The operations of one resource namespace (`client.tickets`), in spec order.
pub struct Resource<'a> {
    /// The attribute name, e.g. `tickets`.
    pub name: String,
    /// The class name, e.g. `TicketsResource` (models take the plain names: `Staff`).
    pub class: String,
    /// Its operations.
    pub operations: Vec<&'a Operation>,
}

/// The resources, in the order their first operation appears in the spec.
pub fn resources(api: &Api) -> Vec<Resource<'_>> {
    let mut groups: Vec<Resource<'_>> = Vec::new();
    for op in &api.operations {
        let Some(grouping) = &op.grouping else {
            continue;
        };
        match groups.iter_mut().find(|g| g.name == grouping.resource) {
            Some(group) => group.operations.push(op),
            None => groups.push(Resource {
                name: grouping.resource.clone(),
                class: format!("{}Resource", camel(&grouping.resource)),
                operations: vec![op],
            }),
        }
    }
    groups
}

pub use async_client::TEMPLATE as ASYNC_TEMPLATE;

/// The files of the Python target; `runtime_stub` is the hand-written stub text,
/// `async_template` the hand-written part of the asyncio client.
pub fn files(api: &Api, runtime_stub: &str, async_template: &str) -> Result<Vec<GeneratedFile>> {
    let file = |name: &str, contents: String| GeneratedFile {
        path: format!("{OUT}/{name}").into(),
        contents,
    };
    Ok(vec![
        file("mod.rs", native::module(api)),
        file("ids.rs", native::ids(api)),
        file("models.rs", native::models(api)?),
        file("pages.rs", native::pages(api)?),
        file("requests.rs", native::requests(api)?),
        file("resources.rs", native::resources_file(api)?),
        file("query_fields.rs", native::query_fields(api)),
        GeneratedFile {
            path: STUB.into(),
            contents: stubs::stub(api, runtime_stub)?,
        },
        GeneratedFile {
            path: TYPES.into(),
            contents: types::types_module(api)?,
        },
        GeneratedFile {
            path: async_client::OUT.into(),
            contents: async_client::module(api, async_template, runtime_stub)?,
        },
    ])
}
