//! Write payloads (`new(required...)` plus setters) and GET parameter structs.

use std::fmt::Write;

use anyhow::{Result, bail};

use super::rust_types::{RustType, query_text, rust_type};
use super::{doc, lit};
use crate::codegen::model::{
    Api, CustomFieldGroup, Encoding, Field, Params, Presence, Request, Scalar, Type,
};

/// Whether a payload field is a list (stored as a `Vec`, empty meaning unset).
fn is_list(f: &Field) -> bool {
    matches!(f.ty, Type::List(_))
}

/// `requests.rs`: every write payload.
pub fn requests(spec: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Write payloads: `new(required...)` plus a setter per optional field.\n\n\
         use crate::custom_fields::{CustomFields, FieldValue};\n\
         use crate::request::Payload;\n\
         use crate::upload::UploadFile;\n\
         use crate::wire::payload::PayloadBuilder;\n\n",
    );
    for request in &spec.requests {
        request_struct(&mut out, request)?;
    }
    Ok(out)
}

fn request_struct(out: &mut String, r: &Request) -> Result<()> {
    let types: Vec<RustType> = r
        .fields
        .iter()
        .map(|f| rust_type(&f.ty))
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
        let _ = writeln!(out, "pub {}: {stored},", f.ident);
    }
    for cf in &r.custom_fields {
        let keys = cf
            .key_prefixes
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
    let required: Vec<(&Field, &RustType)> = r
        .fields
        .iter()
        .zip(&types)
        .filter(|(f, _)| f.presence == Presence::Required)
        .collect();
    let args: Vec<String> = required
        .iter()
        .map(|(f, t)| format!("{}: {}", f.ident, t.param))
        .collect();
    let _ = writeln!(
        out,
        "/// A payload with its required fields.\npub fn new({}) -> Self {{\nSelf {{",
        args.join(", ")
    );
    for (f, t) in r.fields.iter().zip(&types) {
        let value = if f.presence == Presence::Required {
            t.convert.render(&f.ident)
        } else if is_list(f) {
            "Vec::new()".to_owned()
        } else {
            "None".to_owned()
        };
        if value == f.ident {
            let _ = writeln!(out, "{value},");
        } else {
            let _ = writeln!(out, "{}: {value},", f.ident);
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
        if f.presence == Presence::Required {
            continue;
        }
        doc(out, &f.doc);
        let ident = &f.ident;
        if f.presence == Presence::Nullable {
            let unset = f.null_setter.as_deref().unwrap_or("unset");
            let _ = writeln!(
                out,
                "pub fn {ident}(mut self, value: {}) -> Self {{\nself.{ident} = Some(Some({}));\nself\n}}\n",
                t.param,
                t.convert.render("value")
            );
            let _ = writeln!(
                out,
                "/// Sends `{}` as `null` (see [`Self::{ident}`]).\npub fn {unset}(mut self) -> Self {{\nself.{ident} = Some(None);\nself\n}}\n",
                f.wire
            );
        } else if is_list(f) {
            let _ = writeln!(
                out,
                "pub fn {ident}(mut self, value: {}) -> Self {{\nself.{ident} = {};\nself\n}}\n",
                t.param,
                t.convert.render("value")
            );
        } else {
            let _ = writeln!(
                out,
                "pub fn {ident}(mut self, value: {}) -> Self {{\nself.{ident} = Some({});\nself\n}}\n",
                t.param,
                t.convert.render("value")
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
            "pub fn {kind}_custom_field(mut self, id: impl Into<crate::CustomFieldId>, value: impl Into<FieldValue>) -> Self {{\n\
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
    for f in &r.fields {
        let required = f.presence == Presence::Required;
        if required && f.ty == Type::Scalar(Scalar::String) {
            let _ = writeln!(
                out,
                "if self.{0}.trim().is_empty() {{ return Err(crate::Error::invalid(Some({1}), crate::InputRule::Required, {2})); }}",
                f.ident,
                lit(&f.wire),
                lit(&format!("{}: `{}` must not be empty", r.name, f.wire))
            );
        }
        if required && is_list(f) {
            let _ = writeln!(
                out,
                "if self.{0}.is_empty() {{ return Err(crate::Error::invalid(Some({1}), crate::InputRule::Required, {2})); }}",
                f.ident,
                lit(&f.wire),
                lit(&format!(
                    "{}: `{}` needs at least one value",
                    r.name, f.wire
                ))
            );
        }
    }
    for group in &r.one_of {
        let mut set = Vec::new();
        // Lowering checked that every name is an optional field of the request.
        for f in group
            .iter()
            .filter_map(|name| r.fields.iter().find(|f| &f.wire == name))
        {
            set.push(if is_list(f) {
                format!("!self.{}.is_empty()", f.ident)
            } else {
                format!("self.{}.is_some()", f.ident)
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
            lit(cf.key_prefixes.first().map_or("", String::as_str))
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
        let key = lit(&f.wire);
        let ident = &f.ident;
        let required = f.presence == Presence::Required;
        let line = match (is_list(f), f.encoding, f.presence) {
            (true, Encoding::Csv, _) => {
                format!("payload.put_csv({key}, &self.{ident}, {required});")
            }
            (true, _, _) if f.ty.is_id_list() => {
                format!("payload.put_ids({key}, &self.{ident}, {required});")
            }
            (true, _, _) => bail!(
                "{}.{}: payload lists are list<u64> or csv-encoded",
                r.name,
                f.wire
            ),
            _ if f.ty == Type::Scalar(Scalar::Timestamp) && f.encoding != Encoding::Iso => {
                bail!(
                    "{}.{}: payloads send timestamps `encoding = \"iso\"` only",
                    r.name,
                    f.wire
                )
            }
            (false, _, Presence::Required) => format!("payload.put({key}, &self.{ident});"),
            (false, _, Presence::Nullable) => {
                format!("payload.put_nullable({key}, &self.{ident});")
            }
            (false, _, Presence::Optional) => format!("payload.put_opt({key}, &self.{ident});"),
        };
        let _ = writeln!(out, "{line}");
    }
    for cf in &r.custom_fields {
        let keys: Vec<String> = cf.key_prefixes.iter().map(|k| lit(k)).collect();
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
fn cf_note(cf: &CustomFieldGroup) -> String {
    cf.doc
        .as_deref()
        .map_or_else(String::new, |note| format!(" {note}"))
}

fn stored_type(f: &Field, t: &RustType) -> String {
    match f.presence {
        _ if is_list(f) => t.stored.clone(),
        Presence::Required => t.stored.clone(),
        Presence::Nullable => format!("Option<Option<{}>>", t.stored),
        Presence::Optional => format!("Option<{}>", t.stored),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `params.rs`: every GET parameter struct.
pub fn params(spec: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Query-string parameters of GET endpoints: all optional, set with chained setters.\n\n\
         use crate::request::QueryParams;\n\n",
    );
    for p in &spec.params {
        params_struct(&mut out, p)?;
    }
    Ok(out)
}

fn params_struct(out: &mut String, p: &Params) -> Result<()> {
    let types: Vec<RustType> = p
        .fields
        .iter()
        .map(|f| rust_type(&f.ty))
        .collect::<Result<_>>()?;
    doc(out, &p.doc);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Default, PartialEq)]\npub struct {} {{",
        p.name
    );
    for (f, t) in p.fields.iter().zip(&types) {
        doc(out, &f.doc);
        let _ = writeln!(out, "pub {}: Option<{}>,", f.ident, t.stored);
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
            f.ident,
            t.param,
            t.convert.render("value")
        );
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "impl QueryParams for {} {{\nfn query_pairs(&self) -> crate::Result<Vec<(String, String)>> {{\nlet mut pairs = Vec::new();",
        p.name
    );
    for f in &p.fields {
        let ident = &f.ident;
        if let Some(range) = f.range {
            let _ = writeln!(
                out,
                "crate::request::check_range({}, self.{ident}, {}, {})?;",
                lit(&f.wire),
                range.min,
                range.max.map_or("u64::MAX".to_owned(), |m| m.to_string())
            );
        }
        let render = query_text(&f.ty)?.render("value");
        match &f.default {
            Some(default) => {
                let _ = writeln!(
                    out,
                    "let rendered = match &self.{ident} {{ Some(value) => {render}, None => {}.to_owned() }};\npairs.push(({}.to_owned(), rendered));",
                    lit(default),
                    lit(&f.wire)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "if let Some(value) = &self.{ident} {{\npairs.push(({}.to_owned(), {render}));\n}}",
                    lit(&f.wire)
                );
            }
        }
    }
    out.push_str("Ok(pairs)\n}\n}\n\n");
    if p.paged {
        let _ = writeln!(
            out,
            "impl crate::request::Paged for {} {{\n\
             fn page_number(&self) -> Option<u64> {{\nself.page\n}}\n\
             fn page_size(&self) -> Option<u64> {{\nself.size\n}}\n\
             fn at_page(&self, page: u64) -> Self {{\nSelf {{ page: Some(page), ..self.clone() }}\n}}\n\
             fn sized(&self, size: u64) -> Self {{\nSelf {{ size: Some(size), ..self.clone() }}\n}}\n}}\n",
            p.name
        );
    }
    Ok(())
}
