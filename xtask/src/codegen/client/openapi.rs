//! The OpenAPI tables: paths, parameters and request schemas come from the spec here; the
//! response schemas come from the models' `schemars::JsonSchema` at run time
//! (`happyfox::openapi::document`).

use std::collections::BTreeMap;
use std::fmt::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};

use crate::codegen::model::{
    AnswerShape, Api, Body, Encoding, ExternalShape, Field, NamedKind, Operation, Request, Scalar,
    Type, VariantShape,
};

/// `openapi.rs`: the document skeleton as JSON text and the schema registration function.
pub fn tables(spec: &Api) -> Result<String> {
    let document = skeleton(spec);
    let text = serde_json::to_string_pretty(&document)?;
    let mut out = String::from(
        "//! OpenAPI tables derived from the spec; `crate::openapi::document` completes them with the models' schemas.\n\n\
         #[allow(unused_imports)]\nuse super::models::*;\n\n\
         /// The OpenAPI 3.1 document without the response models' schemas.\n",
    );
    let _ = writeln!(out, "pub const SKELETON: &str = r##\"{text}\"##;\n");
    out.push_str("/// Registers every response model with `generator`, so its schema lands in the definitions.\npub fn register_models(generator: &mut schemars::SchemaGenerator) {\n");
    for model in &spec.models {
        let _ = writeln!(out, "generator.subschema_for::<{}>();", model.name);
    }
    out.push_str("}\n");
    Ok(out)
}

fn skeleton(spec: &Api) -> Value {
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut groups: BTreeMap<(String, String), Vec<&Operation>> = BTreeMap::new();
    for e in &spec.operations {
        groups
            .entry((e.path.clone(), e.method.as_str().to_ascii_lowercase()))
            .or_default()
            .push(e);
    }
    for ((path, method), endpoints) in groups {
        paths
            .entry(path)
            .or_default()
            .insert(method, operation(spec, &endpoints));
    }
    let mut schemas = Map::new();
    for request in &spec.requests {
        schemas.insert(request.name.clone(), request_schema(spec, request));
    }
    for union in &spec.unions {
        schemas.insert(union.name.clone(), union_schema(spec, &union.name));
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

fn operation(spec: &Api, endpoints: &[&Operation]) -> Value {
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
        parameters.push(json!({"name": p.wire, "in": "path", "required": true, "description": p.doc, "schema": field_value_schema(spec, p)}));
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
            if !seen.contains(&f.wire) {
                seen.push(f.wire.clone());
                parameters.push(json!({"name": f.wire, "in": "query", "required": false, "description": f.doc, "schema": bounded(field_value_schema(spec, f), f)}));
            }
        }
        for (key, value) in &e.fixed_query {
            if !seen.contains(key) {
                seen.push(key.clone());
                parameters.push(json!({"name": key, "in": "query", "required": false, "description": format!("`{value}` for `{}`", e.name), "schema": {"type": "string"}}));
            }
        }
    }
    let responses: Vec<Value> = endpoints.iter().map(|e| response_schema(e)).collect();
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

fn request_body(spec: &Api, endpoints: &[&Operation]) -> Option<Value> {
    let mut json_schemas = Vec::new();
    let mut multipart = None;
    let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    for e in endpoints {
        match &e.body {
            Body::RequestList(name) => {
                json_schemas
                    .push(json!({"type": "array", "maxItems": 100, "items": reference(name)}));
            }
            Body::Request(name) => {
                json_schemas.push(reference(name));
                if spec.request_named(name).is_some_and(|r| r.attachments) {
                    multipart = Some(
                        json!({"allOf": [reference(name), {"type": "object", "properties": {"attachments": {"type": "array", "items": {"type": "string", "format": "binary"}}}}]}),
                    );
                }
            }
            Body::File(field) => {
                multipart = Some(
                    json!({"type": "object", "required": [field], "properties": {field: {"type": "string", "format": "binary"}}}),
                );
            }
            Body::None => {}
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

fn response_schema(e: &Operation) -> Value {
    let item_schema = match &e.answer {
        Type::Named(named) => json!({"$ref": format!("#/components/schemas/{}", named.name)}),
        _ => json!({"type": "integer", "minimum": 0}),
    };
    match e.answer_shape {
        AnswerShape::List => json!({"type": "array", "items": item_schema}),
        AnswerShape::Page => {
            json!({"type": "object", "properties": {"page_info": {"$ref": "#/components/schemas/PageInfo"}, "data": {"type": "array", "items": item_schema}}})
        }
        AnswerShape::One => item_schema,
    }
}

fn request_schema(spec: &Api, r: &Request) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in &r.fields {
        properties.insert(f.wire.clone(), field_schema(spec, f));
        if f.presence == crate::codegen::model::Presence::Required {
            required.push(f.wire.clone());
        }
    }
    let mut patterns = Map::new();
    for cf in &r.custom_fields {
        for key in &cf.key_prefixes {
            let mut value = type_schema(spec, &cf.value);
            value["description"] = Value::String(format!(
                "{} custom field by id: text, number, choice id, list of choice ids, or yyyy-mm-dd date{}",
                cf.kind,
                cf.doc
                    .as_deref()
                    .map_or_else(String::new, |note| format!(". {note}"))
            ));
            patterns.insert(format!("^{}[0-9]+$", key.replace('-', "\\-")), value);
        }
    }
    let mut schema = json!({"type": "object", "description": r.doc, "properties": properties, "required": required});
    if !patterns.is_empty() {
        schema["patternProperties"] = Value::Object(patterns);
    }
    schema
}

/// Adds the spec's `min` / `max` to a schema.
fn bounded(mut schema: Value, f: &Field) -> Value {
    if let Some(range) = f.range {
        if range.min > 0 {
            schema["minimum"] = json!(range.min);
        }
        if let Some(max) = range.max {
            schema["maximum"] = json!(max);
        }
    }
    schema
}

fn field_schema(spec: &Api, f: &Field) -> Value {
    let mut schema = field_value_schema(spec, f);
    if f.presence == crate::codegen::model::Presence::Nullable {
        schema = json!({"anyOf": [schema, {"type": "null"}]});
    }
    schema["description"] = Value::String(f.doc.clone());
    schema
}

/// The schema of a field's value, from its type and encoding.
fn field_value_schema(spec: &Api, f: &Field) -> Value {
    match (&f.ty, f.encoding) {
        (Type::List(_), Encoding::Csv) => {
            json!({"type": "string", "description": "comma-separated"})
        }
        (Type::Scalar(Scalar::Timestamp), Encoding::Iso) => {
            json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"})
        }
        (ty, _) => type_schema(spec, ty),
    }
}

/// The schema of a value of a type written plainly; unions and externals from their
/// declared shapes.
fn type_schema(spec: &Api, ty: &Type) -> Value {
    match ty {
        Type::Scalar(Scalar::U64) => json!({"type": "integer", "minimum": 0, "maximum": u64::MAX}),
        Type::Scalar(Scalar::I64) => json!({"type": "integer"}),
        Type::Scalar(Scalar::F64) => json!({"type": "number"}),
        Type::Scalar(Scalar::Bool) => json!({"type": "boolean"}),
        Type::Scalar(Scalar::Date) => json!({"type": "string", "format": "date"}),
        Type::Scalar(Scalar::Json) => json!({}),
        Type::Scalar(Scalar::Timestamp | Scalar::String | Scalar::Bytes) => {
            json!({"type": "string"})
        }
        Type::List(item) => json!({"type": "array", "items": item_schema(spec, item)}),
        Type::Named(named) => match named.kind {
            NamedKind::Model | NamedKind::Enum | NamedKind::Union => {
                json!({"$ref": format!("#/components/schemas/{}", named.name)})
            }
            NamedKind::External => external_schema(spec, &named.name),
            NamedKind::Id => type_schema(spec, &Type::Scalar(Scalar::U64)),
        },
    }
}

/// Items of an array: ids without the `maximum` noise.
fn item_schema(spec: &Api, ty: &Type) -> Value {
    match ty {
        ty if ty.is_id() => json!({"type": "integer", "minimum": 0}),
        other => type_schema(spec, other),
    }
}

/// A union: its constants as one string enum, then each carried value's schema.
fn union_schema(spec: &Api, name: &str) -> Value {
    let Some(union) = spec.union_named(name) else {
        return json!({});
    };
    let constants: Vec<&str> = union
        .variants
        .iter()
        .filter_map(|v| match &v.shape {
            VariantShape::Constant(text) => Some(text.as_str()),
            VariantShape::Value(_) => None,
        })
        .collect();
    let mut options = Vec::new();
    if !constants.is_empty() {
        options.push(json!({"type": "string", "enum": constants}));
    }
    for v in &union.variants {
        if let VariantShape::Value(ty) = &v.shape {
            // The union's description says what each option is.
            let mut option = item_schema(spec, ty);
            if let Some(object) = option.as_object_mut() {
                object.remove("description");
            }
            if !options.contains(&option) {
                options.push(option);
            }
        }
    }
    let mut schema = alternatives("anyOf", options);
    let mut description = union.doc.clone();
    for v in &union.variants {
        let shape = match &v.shape {
            VariantShape::Constant(text) => format!("`{text}`"),
            VariantShape::Value(_) => "a value".to_owned(),
        };
        let _ = write!(description, "\n- {} ({shape}): {}", v.name, v.doc);
    }
    schema["description"] = Value::String(description);
    schema
}

/// An external: a string (listing its values when known) or a record (a file part).
fn external_schema(spec: &Api, name: &str) -> Value {
    let Some(external) = spec.externals.iter().find(|x| x.name == name) else {
        return json!({});
    };
    let mut schema = match &external.shape {
        ExternalShape::Text { values } if !values.is_empty() => {
            json!({"type": "string", "enum": values.iter().map(|v| &v.wire).collect::<Vec<_>>()})
        }
        ExternalShape::Text { .. } => json!({"type": "string"}),
        ExternalShape::Record(fields) => {
            let parts: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
            json!({"type": "string", "format": "binary", "x-parts": parts})
        }
    };
    schema["description"] = Value::String(external.doc.clone());
    schema
}
