//! The MCP server's tools, from the lowered model: one tool per public operation of a
//! resource, named `<resource>_<action>`, with the operation's documentation, honest hints
//! (read-only, destructive, idempotent), a JSON Schema of its arguments, and the dispatch
//! that reads them (names where ids go, through the client's lookups) into the same typed
//! requests and parameters the client takes. Written to
//! `crates/happyfox-mcp/src/generated.rs`.
//!
//! The schemas come from the spec, not from `schemars` over the request types: an argument
//! that is an id also takes a name or an email (resolved by the server), which the request
//! types cannot say.

use std::fmt::Write;

use anyhow::{Result, bail};
use serde_json::{Value, json};

use super::GeneratedFile;
use super::model::{
    AnswerShape, Api, Availability, Body, Field, NamedKind, Operation, Presence, Scalar, Type,
};

const OUT: &str = "crates/happyfox-mcp/src/generated.rs";
/// The tools' list for people (linked from the README).
const LIST: &str = "crates/happyfox-mcp/TOOLS.md";

/// How the server takes a value of one type: the `Args` method reading it and its schema.
struct Input {
    read: &'static str,
    schema: Value,
}

/// An id that names resolve: the method reading it, and what a name may be.
const NAMED_IDS: &[(&str, &str, &str)] = &[
    ("StatusId", "status", "a status id or name"),
    ("PriorityId", "priority", "a priority id or name"),
    ("CategoryId", "category", "a category id or name"),
    ("StaffId", "staff", "a staff id, name or email"),
    ("ContactId", "contact", "a contact id or email"),
    (
        "TicketId",
        "ticket",
        "a ticket number or display id (e.g. `#SUP00000012`)",
    ),
];

fn id_or_name(what: &str) -> Value {
    json!({ "anyOf": [{ "type": "integer", "minimum": 0 }, { "type": "string" }], "description": what })
}

fn input(api: &Api, ty: &Type) -> Result<Input> {
    let plain = |read, schema| Input { read, schema };
    Ok(match ty {
        Type::Scalar(Scalar::String) => plain("text", json!({ "type": "string" })),
        Type::Scalar(Scalar::Bool) => plain("flag", json!({ "type": "boolean" })),
        Type::Scalar(Scalar::U64) => plain("number", json!({ "type": "integer", "minimum": 0 })),
        Type::Scalar(Scalar::Date) => plain("date", json!({ "type": "string", "format": "date" })),
        Type::Scalar(Scalar::Timestamp) => plain(
            "timestamp",
            json!({ "type": "string", "format": "date-time" }),
        ),
        Type::List(item) if **item == Type::Scalar(Scalar::String) => plain(
            "texts",
            json!({ "type": "array", "items": { "type": "string" } }),
        ),
        Type::List(item) if **item == Type::Scalar(Scalar::U64) => plain(
            "numbers",
            json!({ "type": "array", "items": { "type": "integer", "minimum": 0 } }),
        ),
        Type::List(item) if matches!(item.as_ref(), Type::Named(n) if n.name == "StaffId") => {
            plain(
                "staff_list",
                json!({ "type": "array", "items": id_or_name("a staff id, name or email") }),
            )
        }
        Type::List(item) if item.is_id() => plain(
            "numbers",
            json!({ "type": "array", "items": { "type": "integer", "minimum": 0 } }),
        ),
        Type::Named(named) if named.kind == NamedKind::Id => {
            match NAMED_IDS.iter().find(|(name, _, _)| *name == named.name) {
                Some((_, read, what)) => plain(read, id_or_name(what)),
                None => plain("number", json!({ "type": "integer", "minimum": 0 })),
            }
        }
        Type::Named(named) => match named.name.as_str() {
            "StatusFilter" => plain(
                "status_filter",
                json!({ "anyOf": [{ "type": "integer", "minimum": 0 }, { "type": "string" }],
                        "description": "`_all` (default), `_pending`, or one status by id or name" }),
            ),
            "NoteAlert" => plain(
                "note_alert",
                id_or_name(
                    "`subscribers`, `category` (its agents), or one staff member by id, name or email",
                ),
            ),
            "ContactKey" => plain("contact_key", id_or_name("a contact id or email")),
            "QueryInput" => plain(
                "query",
                json!({ "type": "string", "description": "a search string in HappyFox's form, e.g. `status:\"New\" tag:\"disk\"`" }),
            ),
            "Sort" => {
                let values: Vec<&str> = api.search.sorts.iter().map(|s| s.wire.as_str()).collect();
                plain("sort", json!({ "type": "string", "enum": values }))
            }
            other => bail!(
                "the MCP backend has no argument form for `{other}`: add it to xtask/src/codegen/mcp.rs"
            ),
        },
        other => bail!("the MCP backend has no argument form for {other:?}"),
    })
}

/// One argument of a tool: its schema entry and the statement reading it.
struct Argument {
    name: String,
    schema: Value,
    required: bool,
}

fn describe(schema: &mut Value, doc: &str) {
    if let Some(object) = schema.as_object_mut() {
        let text = match object.get("description").and_then(Value::as_str) {
            Some(kind) => format!("{doc} ({kind})"),
            None => doc.to_owned(),
        };
        object.insert("description".into(), Value::String(text));
    }
}

fn argument(api: &Api, field: &Field, required: bool) -> Result<(Argument, Input)> {
    let input = input(api, &field.ty)?;
    let mut schema = input.schema.clone();
    describe(&mut schema, &field.doc);
    if field.presence == Presence::Nullable {
        schema = json!({ "anyOf": [schema, { "type": "null" }], "description": format!("{} Null unsets it.", field.doc) });
    }
    Ok((
        Argument {
            name: field.wire.clone(),
            schema,
            required,
        },
        input,
    ))
}

/// Whether the server offers an operation: public, of a resource, and taking no files.
fn offered(op: &Operation) -> bool {
    op.public && op.grouping.is_some() && !matches!(op.body, Body::File(_) | Body::RequestList(_))
}

/// The operation's tool in the parity table, or why the server has none.
pub fn availability(op: &Operation) -> Availability {
    match (&op.body, tool_name(op)) {
        (Body::File(_), _) => Availability::Out(
            "takes a file path: offered, it would let an agent upload any file the server's user can read; attach with the CLI or a library".into(),
        ),
        (Body::RequestList(_), _) => Availability::Out(
            "a batch for programs: an agent creates one ticket a call (`tickets_create`)".into(),
        ),
        (_, Some(name)) if offered(op) => Availability::Named(name),
        _ => Availability::Out("not a public operation of a resource".into()),
    }
}

/// The argument naming the agent a write acts as (its required staff id, filled from
/// `--staff` when a call names none).
fn acting_staff(api: &Api, op: &Operation) -> Option<String> {
    if !op.is_write() {
        return None;
    }
    let is_staff = |field: &&Field| {
        field.presence == Presence::Required
            && matches!(&field.ty, Type::Named(named) if named.name == "StaffId")
    };
    let request = match &op.body {
        Body::Request(name) => api.request_named(name).map(|r| r.fields.as_slice()),
        _ => None,
    };
    request
        .unwrap_or_default()
        .iter()
        .chain(&op.extra_query)
        .find(is_staff)
        .map(|field| field.wire.clone())
}

/// The tool's name.
fn tool_name(op: &Operation) -> Option<String> {
    op.grouping
        .as_ref()
        .map(|g| format!("{}_{}", g.resource, g.action))
}

/// The generated file.
pub fn files(api: &Api) -> Result<Vec<GeneratedFile>> {
    let mut table = String::new();
    let mut dispatch = String::new();
    let mut list = String::from(
        "<!-- @generated by `cargo xtask codegen mcp` from spec/: do not edit by hand. -->\n# The tools of `happyfox mcp`\n\n\
         One per operation of the spec, plus `tickets_thread` (one ticket's messages as text). Read tools are always offered; \
         write tools with `--allow-writes`; destructive ones with `--allow-destructive` too.\n\n\
         | tool | access | what it does |\n| --- | --- | --- |\n",
    );
    for op in api.operations.iter().filter(|op| offered(op)) {
        let Some(name) = tool_name(op) else { continue };
        let (schema, body) = tool(api, op).map_err(|e| e.context(format!("tool {name}")))?;
        let acting = acting_staff(api, op);
        let access = match (op.is_write(), op.destructive) {
            (false, _) => "Access::Read",
            (true, false) => "Access::Write",
            (true, true) => "Access::Destructive",
        };
        let _ = writeln!(
            table,
            "Tool {{\nname: {name:?},\noperation: {:?},\ndescription: {:?},\naccess: {access},\nidempotent: {},\npage: {},\nacting_staff: {acting:?},\narguments: &{:?},\nschema: r#\"{}\"#,\n}},",
            op.name,
            op.doc_with_route(),
            op.idempotent,
            op.answer_shape == AnswerShape::Page,
            schema["properties"]
                .as_object()
                .map(|properties| properties.keys().collect::<Vec<_>>())
                .unwrap_or_default(),
            serde_json::to_string(&schema)?
        );
        let _ = writeln!(dispatch, "{name:?} => {{\n{body}}}");
        let _ = writeln!(
            list,
            "| `{name}` | {} | {} |",
            &access["Access::".len()..].to_lowercase(),
            op.doc
                .lines()
                .next()
                .unwrap_or_default()
                .replace('|', "\\|")
        );
    }
    let contents = format!(
        "//! The tools of the MCP server, one per public operation of the spec (`cargo xtask codegen mcp`).\n\n\
         use crate::args::Args;\nuse crate::tools::{{Access, Answer, CallError, Tool}};\n\n\
         /// Every tool, in the spec's order.\npub const TOOLS: &[Tool] = &[\n{table}];\n\n\
         /// Runs the tool `name` with the arguments `a` through `c` (a client for this call).\n\
         pub fn call(name: &str, a: &Args<'_>, c: &happyfox::Client) -> Result<Answer, CallError> {{\n\
         match name {{\n{dispatch}_ => Err(CallError::UnknownTool(name.to_owned())),\n}}\n}}\n"
    );
    list.push_str("| `tickets_thread` | read | One ticket's messages (replies and private notes), newest first, as plain text. |\n");
    Ok(vec![
        GeneratedFile {
            path: OUT.into(),
            contents,
        },
        GeneratedFile {
            path: LIST.into(),
            contents: list,
        },
    ])
}

/// A required argument passed to the client method on its own (a path parameter or an
/// extra query parameter): the statement reading it, and its place in the call.
fn positional(
    api: &Api,
    field: &Field,
    body: &mut String,
    call: &mut Vec<String>,
) -> Result<Argument> {
    let (arg, input) = argument(api, field, true)?;
    let _ = writeln!(
        body,
        "let {} = a.need({:?}, Args::{})?;",
        field.ident, arg.name, input.read
    );
    call.push(field.ident.clone());
    Ok(arg)
}

/// The schema of one tool's arguments and the statements of its dispatch.
fn tool(api: &Api, op: &Operation) -> Result<(Value, String)> {
    let mut arguments = Vec::new();
    let mut body = String::new();
    let mut call = Vec::new();
    for p in &op.path_params {
        arguments.push(positional(api, p, &mut body, &mut call)?);
    }
    match (&op.body, &op.params) {
        (Body::Request(name), _) => {
            let Some(request) = api.request_named(name) else {
                bail!("unknown request {name}");
            };
            let mut news = Vec::new();
            let mut sets = String::new();
            for field in &request.fields {
                let required = field.presence == Presence::Required;
                let (arg, input) = argument(api, field, required)?;
                let wire = &arg.name;
                match field.presence {
                    Presence::Required => {
                        news.push(format!("a.need({wire:?}, Args::{})?", input.read))
                    }
                    Presence::Nullable => {
                        let unset = field.null_setter.as_deref().unwrap_or("unset");
                        let _ = writeln!(
                            sets,
                            "match a.nullable({wire:?}, Args::{})? {{\nSome(Some(v)) => r = r.{}(v),\nSome(None) => r = r.{unset}(),\nNone => {{}}\n}}",
                            input.read, field.ident
                        );
                    }
                    Presence::Optional => {
                        let _ = writeln!(
                            sets,
                            "if let Some(v) = a.{}({wire:?})? {{\nr = r.{}(v);\n}}",
                            input.read, field.ident
                        );
                    }
                }
                arguments.push(arg);
            }
            for cf in &request.custom_fields {
                let wire = if cf.kind == "ticket" {
                    "custom_fields".to_owned()
                } else {
                    format!("{}_custom_fields", cf.kind)
                };
                arguments.push(Argument {
                    name: wire.clone(),
                    schema: json!({
                        "type": "object",
                        "additionalProperties": { "type": ["string", "number", "array"] },
                        "description": format!("{} custom fields by name (or id): the value as text (a choice by its name, a date as yyyy-mm-dd)", cf.kind),
                    }),
                    required: false,
                });
                let _ = writeln!(
                    sets,
                    "for (id, value) in a.custom_fields({wire:?}, crate::args::FieldKind::{})? {{\nr = r.{}_custom_field(id, value);\n}}",
                    if cf.kind == "ticket" {
                        "Ticket"
                    } else {
                        "Contact"
                    },
                    cf.kind
                );
            }
            let _ = writeln!(
                body,
                "let mut r = happyfox::{name}::new({});\n{sets}",
                news.join(", ")
            );
            body = body.replace(
                "let mut r =",
                if sets.is_empty() {
                    "let r ="
                } else {
                    "let mut r ="
                },
            );
            call.push("&r".into());
        }
        (Body::None, Some(name)) => {
            let Some(params) = api.params_named(name) else {
                bail!("unknown params {name}");
            };
            let mut sets = String::new();
            for field in &params.fields {
                let (arg, input) = argument(api, field, false)?;
                let _ = writeln!(
                    sets,
                    "if let Some(v) = a.{}({:?})? {{\np = p.{}(v);\n}}",
                    input.read, arg.name, field.ident
                );
                arguments.push(arg);
            }
            let binding = if sets.is_empty() {
                "let p"
            } else {
                "let mut p"
            };
            let _ = writeln!(body, "{binding} = happyfox::{name}::new();\n{sets}");
            call.push("&p".into());
        }
        (Body::None, None) => {}
        (other, _) => bail!("bodies like {other:?} are not offered"),
    }
    for extra in &op.extra_query {
        arguments.push(positional(api, extra, &mut body, &mut call)?);
    }
    let answer = if op.is_write() {
        "Answer::write"
    } else {
        "Answer::read"
    };
    let _ = writeln!(body, "{answer}(c.{}({}))", op.name, call.join(", "));
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for arg in arguments {
        if arg.required {
            required.push(Value::String(arg.name.clone()));
        }
        properties.insert(arg.name, arg.schema);
    }
    if op.is_write() {
        properties.insert(
            "dry_run".into(),
            json!({ "type": "boolean", "description": "Answer the exact request without sending it" }),
        );
    }
    Ok((
        json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false }),
        body,
    ))
}
