//! The OpenAPI tables: paths, parameters and request schemas come from the spec here; the
//! response schemas come from the models' `schemars::JsonSchema` at run time
//! (`happyfox::openapi::document`).

use std::collections::BTreeMap;
use std::fmt::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};

use crate::codegen::api_spec::{ApiSpec, EndpointDef, FieldDef, RequestDef, inner_type};

/// `openapi.rs`: the document skeleton as JSON text and the schema registration function.
pub fn tables(spec: &ApiSpec, sorts: &[String]) -> Result<String> {
    let document = skeleton(spec, sorts);
    let text = serde_json::to_string_pretty(&document)?;
    let mut out = String::from(
        "//! OpenAPI tables derived from the spec; `crate::openapi::document` completes them with the models' schemas.\n\n\
         #[allow(unused_imports)]\nuse super::models::*;\n\n\
         /// The OpenAPI 3.1 document without the response models' schemas.\n",
    );
    let _ = writeln!(out, "pub const SKELETON: &str = r##\"{text}\"##;\n");
    out.push_str("/// Registers every response model with `generator`, so its schema lands in the definitions.\npub fn register_models(generator: &mut schemars::SchemaGenerator) {\n");
    for model in spec.models() {
        let _ = writeln!(out, "generator.subschema_for::<{}>();", model.name);
        if let Some(partial) = &model.partial {
            let _ = writeln!(out, "generator.subschema_for::<{partial}>();");
        }
    }
    out.push_str("}\n");
    Ok(out)
}

fn skeleton(spec: &ApiSpec, sorts: &[String]) -> Value {
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut groups: BTreeMap<(String, String), Vec<&EndpointDef>> = BTreeMap::new();
    for e in spec.endpoints() {
        groups
            .entry((e.path.clone(), e.method.to_ascii_lowercase()))
            .or_default()
            .push(e);
    }
    for ((path, method), endpoints) in groups {
        paths
            .entry(path)
            .or_default()
            .insert(method, operation(spec, sorts, &endpoints));
    }
    let mut schemas = Map::new();
    for request in spec.requests() {
        schemas.insert(request.name.clone(), request_schema(request));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "HappyFox help desk API (v1.1)",
            "version": "1.1",
            "description": "Generated from spec/ by `cargo xtask codegen`. Tickets reference: https://support.happyfox.com/kb/article/1039-tickets-endpoint/"
        },
        "servers": [{
            "url": "https://{account}.happyfox.com/api/1.1/json",
            "variables": {"account": {"default": "acme", "description": "Account name; EU accounts use happyfox.net, custom domains their own host."}}
        }],
        "security": [{"basicAuth": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic", "description": "API key as user name, auth code as password."}},
            "schemas": schemas
        }
    })
}

fn operation(spec: &ApiSpec, sorts: &[String], endpoints: &[&EndpointDef]) -> Value {
    let first = endpoints[0];
    let mut description = String::new();
    for e in endpoints {
        let _ = writeln!(
            description,
            "`{}`: {} (reference: {})",
            e.name, e.doc, e.reference
        );
    }
    let mut parameters = Vec::new();
    for p in &first.path_params {
        parameters.push(json!({"name": p.name, "in": "path", "required": true, "description": p.doc, "schema": wire_schema(&p.ty)}));
    }
    let mut seen = Vec::new();
    for e in endpoints {
        let params = e.params.as_deref().and_then(|n| spec.params_named(n));
        let fields = params
            .map(|p| p.fields.iter())
            .into_iter()
            .flatten()
            .chain(&e.extra_query);
        for f in fields {
            if !seen.contains(&f.name) {
                seen.push(f.name.clone());
                parameters.push(json!({"name": f.name, "in": "query", "required": false, "description": f.doc, "schema": bounded(param_schema(&f.ty, sorts), f)}));
            }
        }
        for (key, value) in &e.fixed_query {
            if !seen.contains(key) {
                seen.push(key.clone());
                parameters.push(json!({"name": key, "in": "query", "required": false, "description": format!("`{value}` for `{}`", e.name), "schema": {"type": "string"}}));
            }
        }
    }
    let responses: Vec<Value> = endpoints
        .iter()
        .map(|e| response_schema(&e.response))
        .collect();
    let mut op = json!({
        "operationId": first.name,
        "summary": first.doc,
        "description": description.trim_end(),
        "parameters": parameters,
        "responses": {
            "200": {"description": "Success", "content": {"application/json": {"schema": alternatives("anyOf", responses)}}},
            "400": {"description": "Validation errors: `{\"error\": [{\"field\", \"errors\"}]}` or `{\"error\": {field: message}}`"},
            "401": {"description": "Wrong or missing credentials"},
            "403": {"description": "Not allowed, e.g. the agent lacks the permission to move or delete"},
            "404": {"description": "No such object"},
            "409": {"description": "Conflict: another change of the same ticket is in progress"},
            "429": {"description": "Rate limited; see Retry-After"}
        }
    });
    if let Some(body) = request_body(spec, endpoints) {
        op["requestBody"] = body;
    }
    op
}

fn request_body(spec: &ApiSpec, endpoints: &[&EndpointDef]) -> Option<Value> {
    let mut json_schemas = Vec::new();
    let mut multipart = None;
    for e in endpoints {
        if let Some(body) = &e.body {
            let reference = json!({"$ref": format!("#/components/schemas/{}", inner_type(body))});
            if body.starts_with("list<") {
                json_schemas.push(json!({"type": "array", "maxItems": 100, "items": reference}));
            } else {
                json_schemas.push(reference.clone());
                let takes_files = spec.requests().any(|r| r.name == *body && r.attachments);
                if takes_files {
                    multipart = Some(
                        json!({"allOf": [reference, {"type": "object", "properties": {"attachments": {"type": "array", "items": {"type": "string", "format": "binary"}}}}]}),
                    );
                }
            }
        }
        if let Some(field) = &e.file_field {
            multipart = Some(
                json!({"type": "object", "required": [field], "properties": {field: {"type": "string", "format": "binary"}}}),
            );
        }
    }
    let mut content = Map::new();
    if !json_schemas.is_empty() {
        content.insert(
            "application/json".into(),
            json!({"schema": alternatives("oneOf", json_schemas)}),
        );
    }
    if let Some(schema) = multipart {
        content.insert("multipart/form-data".into(), json!({"schema": schema}));
    }
    (!content.is_empty()).then(|| json!({"required": true, "content": content}))
}

/// One schema, or `{keyword: [...]}` (`oneOf` / `anyOf`) of several.
fn alternatives(keyword: &str, mut schemas: Vec<Value>) -> Value {
    schemas.dedup();
    if schemas.len() == 1 {
        schemas.remove(0)
    } else {
        json!({ keyword: schemas })
    }
}

fn response_schema(ty: &str) -> Value {
    let item = inner_type(ty);
    let item_schema = if item == "u64" {
        json!({"type": "integer", "minimum": 0})
    } else {
        json!({"$ref": format!("#/components/schemas/{item}")})
    };
    if ty.starts_with("list<") {
        json!({"type": "array", "items": item_schema})
    } else if ty.starts_with("page<") {
        json!({"type": "object", "properties": {"page_info": {"$ref": "#/components/schemas/PageInfo"}, "data": {"type": "array", "items": item_schema}}})
    } else {
        item_schema
    }
}

fn request_schema(r: &RequestDef) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in &r.fields {
        properties.insert(f.name.clone(), field_schema(f));
        if f.required {
            required.push(f.name.clone());
        }
    }
    let mut patterns = Map::new();
    for cf in &r.custom_fields {
        for key in &cf.keys {
            patterns.insert(
                format!("^{}[0-9]+$", key.replace('-', "\\-")),
                json!({"description": format!(
                    "{} custom field by id: text, number, choice id, list of choice ids, or yyyy-mm-dd date{}",
                    cf.kind,
                    cf.doc.as_deref().map_or_else(String::new, |note| format!(". {note}"))
                )}),
            );
        }
    }
    let mut schema = json!({"type": "object", "description": r.doc, "properties": properties, "required": required});
    if !patterns.is_empty() {
        schema["patternProperties"] = Value::Object(patterns);
    }
    schema
}

/// The schema of a query parameter: `sort` lists the documented options.
fn param_schema(ty: &str, sorts: &[String]) -> Value {
    match ty {
        "sort" => json!({"type": "string", "enum": sorts}),
        other => wire_schema(other),
    }
}

/// Adds the spec's `min` / `max` to a schema.
fn bounded(mut schema: Value, f: &FieldDef) -> Value {
    if let Some(min) = f.min {
        schema["minimum"] = json!(min);
    }
    if let Some(max) = f.max {
        schema["maximum"] = json!(max);
    }
    schema
}

fn field_schema(f: &FieldDef) -> Value {
    let mut schema = wire_schema(&f.ty);
    if f.nullable {
        schema = json!({"anyOf": [schema, {"type": "null"}]});
    }
    schema["description"] = Value::String(f.doc.clone());
    schema
}

fn wire_schema(ty: &str) -> Value {
    match ty {
        "u64" => json!({"type": "integer", "minimum": 0, "maximum": u64::MAX}),
        "bool" => json!({"type": "boolean"}),
        "csv" => json!({"type": "string", "description": "comma-separated"}),
        "ids" => json!({"type": "array", "items": {"type": "integer", "minimum": 0}}),
        "date_in" => json!({"type": "string", "format": "date"}),
        "datetime_in" => {
            json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"})
        }
        "note_alert" => {
            json!({"oneOf": [{"type": "string", "enum": ["s", "c"]}, {"type": "integer", "minimum": 0}]})
        }
        "status_filter" => {
            json!({"anyOf": [{"type": "string", "enum": ["_all", "_pending"]}, {"type": "string", "pattern": "^[0-9]+$"}], "description": "`_all`, `_pending` or a status id"})
        }
        _ => json!({"type": "string"}),
    }
}
