//! Write payloads (`new(required...)` plus setters) and GET parameter structs.

use std::fmt::Write;

use anyhow::{Result, bail};

use super::{doc, lit};
use crate::codegen::api_spec::{ApiSpec, CustomFieldsDef, FieldDef, ParamsDef, RequestDef};

/// How a request field is typed, taken, stored and written.
struct RequestType {
    /// Stored type of a required field.
    stored: &'static str,
    /// Parameter type of the setter / `new` argument.
    param: &'static str,
    /// Expression turning the parameter `value` into the stored type.
    convert: &'static str,
    /// Whether the field is a list (empty = unset).
    list: bool,
}

fn request_type(ty: &str) -> Result<RequestType> {
    let t = |stored, param, convert, list| RequestType {
        stored,
        param,
        convert,
        list,
    };
    Ok(match ty {
        "string" => t("String", "impl Into<String>", "value.into()", false),
        "u64" => t("u64", "u64", "value", false),
        "bool" => t("bool", "bool", "value", false),
        "date_in" => t("chrono::NaiveDate", "chrono::NaiveDate", "value", false),
        "datetime_in" => t(
            "chrono::DateTime<chrono::Utc>",
            "chrono::DateTime<chrono::Utc>",
            "value",
            false,
        ),
        "note_alert" => t("crate::NoteAlert", "crate::NoteAlert", "value", false),
        "csv" => t(
            "Vec<String>",
            "impl IntoIterator<Item = impl Into<String>>",
            "value.into_iter().map(Into::into).collect()",
            true,
        ),
        "ids" => t(
            "Vec<u64>",
            "impl IntoIterator<Item = u64>",
            "value.into_iter().collect()",
            true,
        ),
        other => bail!("unknown request type `{other}`"),
    })
}

/// `requests.rs`: every write payload.
pub fn requests(spec: &ApiSpec) -> Result<String> {
    let mut out = String::from(
        "//! Write payloads: `new(required...)` plus a setter per optional field.\n\n\
         use crate::custom_fields::{CustomFields, FieldValue};\n\
         use crate::request::Payload;\n\
         use crate::upload::UploadFile;\n\
         use crate::wire::payload::PayloadBuilder;\n\n",
    );
    for request in spec.requests() {
        request_struct(&mut out, request)?;
    }
    Ok(out)
}

fn request_struct(out: &mut String, r: &RequestDef) -> Result<()> {
    let types: Vec<RequestType> = r
        .fields
        .iter()
        .map(|f| request_type(&f.ty))
        .collect::<Result<_>>()?;
    doc(out, &r.doc);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq)]\npub struct {} {{",
        r.name
    );
    for (f, t) in r.fields.iter().zip(&types) {
        doc(out, &f.doc);
        let stored = stored_type(f, t);
        let _ = writeln!(out, "pub {}: {stored},", f.ident());
    }
    for cf in &r.custom_fields {
        let keys = cf
            .keys
            .iter()
            .map(|k| format!("`{k}<id>`"))
            .collect::<Vec<_>>()
            .join(" and ");
        doc(
            out,
            &format!(
                "{} custom-field values by field id, sent as {keys}.{}",
                capitalize(&cf.kind),
                cf_note(cf)
            ),
        );
        let _ = writeln!(out, "pub {}_custom_fields: CustomFields,", cf.kind);
    }
    if r.attachments {
        out.push_str("/// Files to attach (at most 25 MB in total); any file makes the request multipart.\npub attachments: Vec<UploadFile>,\n");
    }
    out.push_str("}\n\n");

    // new() and setters
    let _ = writeln!(out, "impl {} {{", r.name);
    let required: Vec<(&FieldDef, &RequestType)> = r
        .fields
        .iter()
        .zip(&types)
        .filter(|(f, _)| f.required)
        .collect();
    let args: Vec<String> = required
        .iter()
        .map(|(f, t)| format!("{}: {}", f.ident(), t.param))
        .collect();
    let _ = writeln!(
        out,
        "/// A payload with its required fields.\npub fn new({}) -> Self {{\nSelf {{",
        args.join(", ")
    );
    for (f, t) in r.fields.iter().zip(&types) {
        let value = if f.required {
            t.convert.replace("value", &f.ident())
        } else if t.list {
            "Vec::new()".to_owned()
        } else {
            "None".to_owned()
        };
        if value == f.ident() {
            let _ = writeln!(out, "{value},");
        } else {
            let _ = writeln!(out, "{}: {value},", f.ident());
        }
    }
    for cf in &r.custom_fields {
        let _ = writeln!(out, "{}_custom_fields: CustomFields::default(),", cf.kind);
    }
    if r.attachments {
        out.push_str("attachments: Vec::new(),\n");
    }
    out.push_str("}\n}\n\n");
    for (f, t) in r.fields.iter().zip(&types) {
        if f.required {
            continue;
        }
        doc(out, &f.doc);
        let ident = f.ident();
        if f.nullable {
            let _ = writeln!(
                out,
                "pub fn {ident}(mut self, value: impl Into<Option<{}>>) -> Self {{\nself.{ident} = Some(value.into());\nself\n}}\n",
                t.stored
            );
        } else if t.list {
            let _ = writeln!(
                out,
                "pub fn {ident}(mut self, value: {}) -> Self {{\nself.{ident} = {};\nself\n}}\n",
                t.param, t.convert
            );
        } else {
            let _ = writeln!(
                out,
                "pub fn {ident}(mut self, value: {}) -> Self {{\nself.{ident} = Some({});\nself\n}}\n",
                t.param, t.convert
            );
        }
    }
    for cf in &r.custom_fields {
        doc(
            out,
            &format!(
                "Sets {kind} custom field `id` (ids come from the {kind} custom-field list).{}",
                cf_note(cf),
                kind = cf.kind
            ),
        );
        let _ = writeln!(
            out,
            "pub fn {kind}_custom_field(mut self, id: u64, value: impl Into<FieldValue>) -> Self {{\n\
             self.{kind}_custom_fields.set(id, value.into());\nself\n}}\n",
            kind = cf.kind
        );
    }
    if r.attachments {
        out.push_str("/// Attaches a file.\npub fn attach(mut self, file: UploadFile) -> Self {\nself.attachments.push(file);\nself\n}\n");
    }
    out.push_str("}\n\n");

    // Payload
    let _ = writeln!(
        out,
        "impl Payload for {} {{\nfn validate(&self) -> crate::Result<()> {{",
        r.name
    );
    for (f, t) in r.fields.iter().zip(&types) {
        if f.required && f.ty == "string" {
            let _ = writeln!(
                out,
                "if self.{0}.trim().is_empty() {{ return Err(crate::Error::invalid(Some({1}), crate::InputRule::Required, {2})); }}",
                f.ident(),
                lit(&f.name),
                lit(&format!("{}: `{}` must not be empty", r.name, f.name))
            );
        }
        if f.required && t.list {
            let _ = writeln!(
                out,
                "if self.{0}.is_empty() {{ return Err(crate::Error::invalid(Some({1}), crate::InputRule::Required, {2})); }}",
                f.ident(),
                lit(&f.name),
                lit(&format!(
                    "{}: `{}` needs at least one value",
                    r.name, f.name
                ))
            );
        }
    }
    for group in &r.one_of {
        let mut set = Vec::new();
        for name in group {
            let Some((f, t)) = r.fields.iter().zip(&types).find(|(f, _)| &f.name == name) else {
                bail!("{}: one_of names unknown field `{name}`", r.name);
            };
            set.push(if t.list {
                format!("!self.{}.is_empty()", f.ident())
            } else {
                format!("self.{}.is_some()", f.ident())
            });
        }
        let names: Vec<String> = group.iter().map(|n| lit(n)).collect();
        let _ = writeln!(
            out,
            "crate::request::check_one_of({}, &[{}], &[{}])?;",
            lit(&r.name),
            names.join(", "),
            set.join(", ")
        );
    }
    for cf in &r.custom_fields {
        let _ = writeln!(
            out,
            "self.{}_custom_fields.validate({}, {})?;",
            cf.kind,
            lit(&cf.kind),
            lit(cf.keys.first().map_or("", String::as_str))
        );
        if cf.required {
            let _ = writeln!(
                out,
                "if self.{}_custom_fields.is_empty() {{ return Err(crate::Error::invalid(None, crate::InputRule::Required, {})); }}",
                cf.kind,
                lit(&format!(
                    "{}: set at least one {} custom field",
                    r.name, cf.kind
                ))
            );
        }
    }
    out.push_str("Ok(())\n}\n\nfn payload(&self) -> serde_json::Map<String, serde_json::Value> {\nlet mut payload = PayloadBuilder::new();\n");
    for f in &r.fields {
        let key = lit(&f.name);
        let ident = f.ident();
        let line = match (f.ty.as_str(), f.required, f.nullable) {
            ("csv", required, _) => format!("payload.put_csv({key}, &self.{ident}, {required});"),
            ("ids", required, _) => format!("payload.put_ids({key}, &self.{ident}, {required});"),
            (_, true, _) => format!("payload.put({key}, &self.{ident});"),
            (_, false, true) => format!("payload.put_nullable({key}, &self.{ident});"),
            (_, false, false) => format!("payload.put_opt({key}, &self.{ident});"),
        };
        let _ = writeln!(out, "{line}");
    }
    for cf in &r.custom_fields {
        let keys: Vec<String> = cf.keys.iter().map(|k| lit(k)).collect();
        let _ = writeln!(
            out,
            "payload.put_custom_fields(&[{}], &self.{}_custom_fields);",
            keys.join(", "),
            cf.kind
        );
    }
    out.push_str("payload.finish()\n}\n");
    if r.attachments {
        out.push_str("\nfn attachments(&self) -> &[UploadFile] {\n&self.attachments\n}\n");
    }
    out.push_str("}\n\n");
    Ok(())
}

/// The spec's note on a custom-field group, as a sentence to append (or nothing).
fn cf_note(cf: &CustomFieldsDef) -> String {
    cf.doc
        .as_deref()
        .map_or_else(String::new, |note| format!(" {note}"))
}

fn stored_type(f: &FieldDef, t: &RequestType) -> String {
    if f.required || t.list {
        t.stored.to_owned()
    } else if f.nullable {
        format!("Option<Option<{}>>", t.stored)
    } else {
        format!("Option<{}>", t.stored)
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// How a GET parameter is typed and rendered.
struct ParamType {
    stored: &'static str,
    param: &'static str,
    convert: &'static str,
    /// Expression rendering `value` (a reference to the stored value) as a `String`.
    render: &'static str,
    /// Whether rendering can fail (`?` needed).
    fallible: bool,
}

fn param_type(ty: &str) -> Result<ParamType> {
    let t = |stored, param, convert, render, fallible| ParamType {
        stored,
        param,
        convert,
        render,
        fallible,
    };
    Ok(match ty {
        "string" => t(
            "String",
            "impl Into<String>",
            "value.into()",
            "value.clone()",
            false,
        ),
        "u64" => t("u64", "u64", "value", "value.to_string()", false),
        "bool" => t("bool", "bool", "value", "value.to_string()", false),
        "status_filter" => t(
            "crate::StatusFilter",
            "impl Into<crate::StatusFilter>",
            "value.into()",
            "value.to_string()",
            false,
        ),
        "query" => t(
            "crate::QueryInput",
            "impl Into<crate::QueryInput>",
            "value.into()",
            "value.render()",
            true,
        ),
        "sort" => t(
            "happyfox_query::Sort",
            "happyfox_query::Sort",
            "value",
            "value.as_str().to_owned()",
            false,
        ),
        other => bail!("unknown parameter type `{other}`"),
    })
}

/// `params.rs`: every GET parameter struct.
pub fn params(spec: &ApiSpec) -> Result<String> {
    let mut out = String::from(
        "//! Query-string parameters of GET endpoints: all optional, set with chained setters.\n\n\
         use crate::request::QueryParams;\n\n",
    );
    for p in spec.params() {
        params_struct(&mut out, p)?;
    }
    Ok(out)
}

fn params_struct(out: &mut String, p: &ParamsDef) -> Result<()> {
    let types: Vec<ParamType> = p
        .fields
        .iter()
        .map(|f| param_type(&f.ty))
        .collect::<Result<_>>()?;
    doc(out, &p.doc);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Default, PartialEq)]\npub struct {} {{",
        p.name
    );
    for (f, t) in p.fields.iter().zip(&types) {
        doc(out, &f.doc);
        let _ = writeln!(out, "pub {}: Option<{}>,", f.ident(), t.stored);
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "impl {} {{\n/// No parameter set: the server's defaults.\npub fn new() -> Self {{\nSelf::default()\n}}\n",
        p.name
    );
    for (f, t) in p.fields.iter().zip(&types) {
        doc(out, &f.doc);
        let _ = writeln!(
            out,
            "pub fn {0}(mut self, value: {1}) -> Self {{\nself.{0} = Some({2});\nself\n}}\n",
            f.ident(),
            t.param,
            t.convert
        );
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "impl QueryParams for {} {{\nfn query_pairs(&self) -> crate::Result<Vec<(String, String)>> {{\nlet mut pairs = Vec::new();",
        p.name
    );
    for (f, t) in p.fields.iter().zip(&types) {
        let ident = f.ident();
        if f.min.is_some() || f.max.is_some() {
            let _ = writeln!(
                out,
                "crate::request::check_range({}, self.{ident}, {}, {})?;",
                lit(&f.name),
                f.min.unwrap_or(0),
                f.max.map_or("u64::MAX".to_owned(), |m| m.to_string())
            );
        }
        let render = if t.fallible {
            format!("{}?", t.render)
        } else {
            t.render.to_owned()
        };
        match &f.default {
            Some(default) => {
                let _ = writeln!(
                    out,
                    "let rendered = match &self.{ident} {{ Some(value) => {render}, None => {}.to_owned() }};\npairs.push(({}.to_owned(), rendered));",
                    lit(default),
                    lit(&f.name)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "if let Some(value) = &self.{ident} {{\npairs.push(({}.to_owned(), {render}));\n}}",
                    lit(&f.name)
                );
            }
        }
    }
    out.push_str("Ok(pairs)\n}\n}\n\n");
    let has = |name: &str| p.fields.iter().any(|f| f.name == name && f.ty == "u64");
    if has("page") && has("size") {
        let _ = writeln!(
            out,
            "impl crate::request::Paged for {} {{\n\
             fn page_number(&self) -> Option<u64> {{\nself.page\n}}\n\
             fn page_size(&self) -> Option<u64> {{\nself.size\n}}\n\
             fn at_page(&self, page: u64) -> Self {{\nSelf {{ page: Some(page), ..self.clone() }}\n}}\n}}\n",
            p.name
        );
    }
    Ok(())
}
