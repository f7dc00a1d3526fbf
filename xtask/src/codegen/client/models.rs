//! Response models and string enums.

use std::fmt::Write;

use anyhow::{Result, bail};

use super::{doc, lit};
use crate::codegen::api_spec::{ApiSpec, FieldDef, ModelDef};

/// `enums.rs`: one enum per spec enum, with `Unknown(String)`.
pub fn enums(spec: &ApiSpec) -> String {
    let mut out =
        String::from("//! String enums of the API; unknown wire values are kept as `Unknown`.\n\n");
    out.push_str("use crate::wire::enums::WireEnum;\n\n");
    for e in spec.enums() {
        doc(&mut out, &e.doc);
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq, Eq, Hash)]\npub enum {} {{",
            e.name
        );
        for v in &e.variants {
            doc(&mut out, &format!("`{}`: {}", v.wire, v.doc));
            let _ = writeln!(out, "{},", v.name);
        }
        out.push_str("/// A value this version of the client does not know, kept as sent.\nUnknown(String),\n}\n\n");
        let _ = writeln!(out, "impl WireEnum for {} {{", e.name);
        let known: Vec<String> = e.variants.iter().map(|v| lit(&v.wire)).collect();
        let _ = writeln!(
            out,
            "const KNOWN: &'static [&'static str] = &[{}];",
            known.join(", ")
        );
        out.push_str("fn as_str(&self) -> &str {\nmatch self {\n");
        for v in &e.variants {
            let _ = writeln!(out, "Self::{} => {},", v.name, lit(&v.wire));
        }
        out.push_str("Self::Unknown(value) => value,\n}\n}\n");
        out.push_str("fn from_wire(value: &str) -> Self {\nmatch value {\n");
        for v in &e.variants {
            let _ = writeln!(out, "{} => Self::{},", lit(&v.wire), v.name);
        }
        out.push_str("other => Self::Unknown(other.to_owned()),\n}\n}\n}\n\n");
        let _ = writeln!(out, "crate::wire_enum_impls!({});\n", e.name);
    }
    out
}

/// `models.rs`: one struct per spec model (and per partial model).
pub fn models(spec: &ApiSpec) -> Result<String> {
    let mut out = String::from(
        "//! Response models. Unknown fields are kept in `extra`; absent optional fields are `None`.\n\n\
         #[allow(unused_imports)]\nuse super::enums::*;\n\n",
    );
    for model in spec.models() {
        model_struct(&mut out, spec, model, &model.name, &model.doc, false)?;
        if let Some(partial) = &model.partial {
            let text = format!(
                "{}\n\nEvery field is optional: the answer of a `fields=` projection holds only the fields asked for.",
                model.doc
            );
            model_struct(&mut out, spec, model, partial, &text, true)?;
        }
    }
    Ok(out)
}

fn model_struct(
    out: &mut String,
    spec: &ApiSpec,
    model: &ModelDef,
    name: &str,
    text: &str,
    partial: bool,
) -> Result<()> {
    doc(out, text);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n#[cfg_attr(feature = \"openapi\", derive(schemars::JsonSchema))]\npub struct {name} {{"
    );
    for field in &model.fields {
        let required = field.required && !partial;
        let (ty, attrs) = field_type(spec, field, required)
            .map_err(|e| e.context(format!("model {}.{}", model.name, field.name)))?;
        doc(out, &field.doc);
        let mut serde_attrs = attrs.serde;
        if field.rust.is_some() {
            serde_attrs.insert(0, format!("rename = {}", lit(&field.name)));
        }
        for alias in &field.aliases {
            serde_attrs.push(format!("alias = {}", lit(alias)));
        }
        if !serde_attrs.is_empty() {
            let _ = writeln!(out, "#[serde({})]", serde_attrs.join(", "));
        }
        if let Some(schema) = attrs.schema {
            let _ = writeln!(
                out,
                "#[cfg_attr(feature = \"openapi\", schemars(with = {}))]",
                lit(&schema)
            );
        }
        let _ = writeln!(out, "pub {}: {ty},", field.ident());
    }
    out.push_str(
        "/// Fields this version of the client does not know, kept as they came.\n\
         #[serde(flatten)]\npub extra: serde_json::Map<String, serde_json::Value>,\n}\n\n",
    );
    Ok(())
}

struct Attrs {
    serde: Vec<String>,
    schema: Option<String>,
}

/// The Rust type and attributes of a response field.
fn field_type(spec: &ApiSpec, field: &FieldDef, required: bool) -> Result<(String, Attrs)> {
    let attrs = |serde: &[&str], schema: Option<&str>| Attrs {
        serde: serde.iter().map(|s| s.to_string()).collect(),
        schema: schema.map(str::to_owned),
    };
    let ty = field.ty.as_str();
    if let Some(item) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        let item = scalar(spec, item)?;
        // The wire may send null for an empty list (`custom_field_change`); the schema says so.
        let schema = format!("Option<Vec<{item}>>");
        return Ok((
            format!("Vec<{item}>"),
            attrs(
                &[
                    "default",
                    "deserialize_with = \"crate::wire::scalars::null_as_default\"",
                ],
                Some(&schema),
            ),
        ));
    }
    let special = match ty {
        "timestamp" => Some((
            "Option<chrono::DateTime<chrono::Utc>>",
            "crate::wire::time::timestamp",
            "Option<String>",
        )),
        "date" => Some((
            "Option<chrono::NaiveDate>",
            "crate::wire::time::date",
            "Option<String>",
        )),
        "lenient_u64" => Some((
            "Option<u64>",
            "crate::wire::scalars::lenient_u64",
            "Option<u64>",
        )),
        "tags" => Some(("Vec<String>", "crate::wire::tags", "String")),
        _ => None,
    };
    if let Some((rust, with, schema)) = special {
        return Ok((
            rust.to_owned(),
            Attrs {
                serde: vec!["default".into(), format!("with = {}", lit(with))],
                schema: Some(schema.to_owned()),
            },
        ));
    }
    let rust = scalar(spec, ty)?;
    if required {
        Ok((rust, attrs(&[], None)))
    } else {
        Ok((format!("Option<{rust}>"), attrs(&["default"], None)))
    }
}

fn scalar(spec: &ApiSpec, ty: &str) -> Result<String> {
    Ok(match ty {
        "string" => "String".into(),
        "bool" | "u64" | "i64" | "f64" => ty.into(),
        "json" => "serde_json::Value".into(),
        other if spec.is_model(other) || spec.is_enum(other) => other.into(),
        other => bail!("unknown response type `{other}`"),
    })
}
