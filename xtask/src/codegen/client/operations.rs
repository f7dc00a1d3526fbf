//! The operations table: one `happyfox::Operation` per endpoint of the spec (name, method,
//! path template, path parameters, fixed query), so tools outside the client (the
//! emulator's routing test) can cover every operation and learn of new ones.

use std::fmt::Write;

use super::lit;
use crate::codegen::model::{Api, Method, Segment};

/// `operations.rs`: `pub const OPERATIONS`, in spec order.
pub fn table(spec: &Api) -> String {
    let mut out = String::from(
        "//! Every operation of the spec, as data: what a tool must cover to cover the API.\n\n\
         use crate::operation::{Method, Operation};\n\n\
         /// Every operation of `spec/*.toml`, in spec order: one per endpoint, each a method of\n\
         /// [`Client`](crate::Client) (or, when not [`Operation::public`], called by one).\n\
         pub const OPERATIONS: &[Operation] = &[\n",
    );
    for operation in &spec.operations {
        let method = match operation.method {
            Method::Get => "Get",
            Method::Post => "Post",
        };
        let params: Vec<String> = operation
            .segments
            .iter()
            .filter_map(|segment| match segment {
                Segment::Param(name) => Some(lit(name)),
                Segment::Literal(_) => None,
            })
            .collect();
        let query: Vec<String> = operation
            .fixed_query
            .iter()
            .map(|(key, value)| format!("({}, {})", lit(key), lit(value)))
            .collect();
        let _ = writeln!(
            out,
            "Operation {{ name: {}, method: Method::{method}, path: {}, path_params: &[{}], \
             fixed_query: &[{}], public: {}, reference: {} }},",
            lit(&operation.name),
            lit(&operation.path),
            params.join(", "),
            query.join(", "),
            operation.public,
            lit(&operation.reference),
        );
    }
    out.push_str("];\n");
    out
}
