//! Response models and string enums.

use std::fmt::Write;

use anyhow::Result;

use super::rust_types::answer_field;
use super::{doc, lit};
use crate::codegen::model::{Api, Model, Presence};

/// `enums.rs`: one enum per spec enum, with `Unknown(String)`.
pub fn enums(spec: &Api) -> String {
    let mut out =
        String::from("//! String enums of the API; unknown wire values are kept as `Unknown`.\n\n");
    out.push_str("use crate::wire::enums::WireEnum;\n\n");
    for e in &spec.enums {
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

/// `ids.rs`: one newtype per kind of id (`crate::ids::id_kind!` writes its conversions).
pub fn ids(spec: &Api) -> String {
    let mut out = String::from(
        "//! Kinds of id: each its own type, so a staff id cannot be passed as a status id.\n\n",
    );
    for id in &spec.ids {
        out.push_str("crate::ids::id_kind! {\n");
        doc(&mut out, &id.doc);
        let _ = writeln!(
            out,
            "{} identifies [{}]\n}}\n",
            id.name,
            id.identifies.join(", ")
        );
    }
    out
}

/// `models.rs`: one struct per spec model (and per partial model).
pub fn models(spec: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Response models. Unknown fields are kept in `extra`; absent optional fields are `None`.\n\n\
         #[allow(unused_imports)]\nuse super::enums::*;\n#[allow(unused_imports)]\nuse super::ids::*;\n\n",
    );
    for model in &spec.models {
        model_struct(&mut out, model)?;
    }
    Ok(out)
}

fn model_struct(out: &mut String, model: &Model) -> Result<()> {
    doc(out, &model.doc);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n#[cfg_attr(feature = \"openapi\", derive(schemars::JsonSchema))]\npub struct {} {{",
        model.name
    );
    for field in &model.fields {
        let answer = answer_field(field, field.presence == Presence::Required)
            .map_err(|e| e.context(format!("model {}.{}", model.name, field.wire)))?;
        doc(out, &field.doc);
        let mut serde_attrs = answer.serde;
        if field.ident != field.wire {
            serde_attrs.insert(0, format!("rename = {}", lit(&field.wire)));
        }
        for alias in &field.aliases {
            serde_attrs.push(format!("alias = {}", lit(alias)));
        }
        if !serde_attrs.is_empty() {
            let _ = writeln!(out, "#[serde({})]", serde_attrs.join(", "));
        }
        if let Some(schema) = answer.schema {
            let _ = writeln!(
                out,
                "#[cfg_attr(feature = \"openapi\", schemars(with = {}))]",
                lit(&schema)
            );
        }
        let _ = writeln!(out, "pub {}: {},", field.ident, answer.ty);
    }
    out.push_str(
        "/// Fields this version of the client does not know, kept as they came.\n\
         #[serde(flatten)]\npub extra: serde_json::Map<String, serde_json::Value>,\n}\n\n",
    );
    Ok(())
}
