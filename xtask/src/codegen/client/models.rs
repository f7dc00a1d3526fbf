//! Response models and string enums.

use std::fmt::Write;

use anyhow::Result;

use super::rust_types::{AnswerField, answer_field};
use super::{doc, lit};
use crate::codegen::model::{Api, Field, Model, Presence};

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

/// Names the generated decoder uses for itself, which no field may take.
const RESERVED_BY_DECODER: &[&str] = &["map", "key", "extra"];

fn model_struct(out: &mut String, model: &Model) -> Result<()> {
    doc(out, &model.doc);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, serde::Serialize)]\n#[cfg_attr(feature = \"openapi\", derive(schemars::JsonSchema))]\npub struct {} {{",
        model.name
    );
    let mut decoded = Vec::new();
    for field in &model.fields {
        if RESERVED_BY_DECODER.contains(&field.ident.as_str()) {
            anyhow::bail!(
                "model {}.{}: the Rust name `{}` is taken by the generated decoder; rename the field",
                model.name,
                field.wire,
                field.ident
            );
        }
        let answer = answer_field(field, field.presence == Presence::Required)
            .map_err(|e| e.context(format!("model {}.{}", model.name, field.wire)))?;
        doc(out, &field.doc);
        let mut serde_attrs = answer.serde.clone();
        if field.ident != field.wire {
            serde_attrs.insert(0, format!("rename = {}", lit(&field.wire)));
        }
        for alias in &field.aliases {
            serde_attrs.push(format!("alias = {}", lit(alias)));
        }
        if !serde_attrs.is_empty() {
            let _ = writeln!(out, "#[serde({})]", serde_attrs.join(", "));
        }
        if let Some(schema) = &answer.schema {
            let _ = writeln!(
                out,
                "#[cfg_attr(feature = \"openapi\", schemars(with = {}))]",
                lit(schema)
            );
        }
        let _ = writeln!(out, "pub {}: {},", field.ident, answer.ty);
        decoded.push((field, answer));
    }
    out.push_str(
        "/// Fields this version of the client does not know, kept as they came.\n\
         #[serde(flatten)]\npub extra: serde_json::Map<String, serde_json::Value>,\n}\n\n",
    );
    decoder(out, model, &decoded);
    Ok(())
}

/// The model's `Deserialize`: one pass over the object's keys, known fields decoded straight
/// into their types, unknown ones kept in `extra` (what `#[serde(flatten)]` did, without
/// buffering the object first).
fn decoder(out: &mut String, model: &Model, fields: &[(&Field, AnswerField)]) {
    let name = &model.name;
    let _ = writeln!(
        out,
        "impl<'de> serde::Deserialize<'de> for {name} {{\n\
         fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n\
         struct ModelVisitor;\n\
         impl<'de> serde::de::Visitor<'de> for ModelVisitor {{\n\
         type Value = {name};\n\
         fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {{\n\
         f.write_str({})\n}}\n\
         fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<{name}, A::Error> {{",
        lit(&format!("struct {name}"))
    );
    for (field, answer) in fields {
        let _ = writeln!(
            out,
            "let mut {}: Option<{}> = None;",
            field.ident, answer.ty
        );
    }
    out.push_str(
        "let mut extra = serde_json::Map::new();\n\
         while let Some(key) = map.next_key::<crate::wire::fields::Key<'de>>()? {\n\
         match key.as_str() {\n",
    );
    for (field, answer) in fields {
        let mut keys = vec![lit(&field.wire)];
        keys.extend(field.aliases.iter().map(|alias| lit(alias)));
        let value = match &answer.decode_as {
            Some(wrapper) => format!("map.next_value::<{wrapper}>()?.0"),
            None => "map.next_value()?".to_owned(),
        };
        let _ = writeln!(
            out,
            "{} => crate::wire::fields::store(&mut {}, {value}, {})?,",
            keys.join(" | "),
            field.ident,
            lit(&field.wire)
        );
    }
    out.push_str(
        "_ => {\nlet value = map.next_value()?;\nextra.insert(key.into_owned(), value);\n}\n}\n}\n",
    );
    let _ = writeln!(out, "Ok({name} {{");
    for (field, answer) in fields {
        if answer.required() {
            let _ = writeln!(
                out,
                "{0}: crate::wire::fields::required({0}, {1})?,",
                field.ident,
                lit(&field.wire)
            );
        } else {
            let _ = writeln!(out, "{0}: {0}.unwrap_or_default(),", field.ident);
        }
    }
    let _ = writeln!(
        out,
        "extra,\n}})\n}}\n}}\ndeserializer.deserialize_map(ModelVisitor)\n}}\n}}\n"
    );
}
