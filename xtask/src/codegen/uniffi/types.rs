//! The UniFFI backend's one table of types: how each type of the lowered model is read from
//! a core model into a record field (type, conversion) and taken as an argument (type,
//! conversion into what the core's setter takes). Ids (`u64`) cross as `i64` with checked
//! conversions, timestamps as `SystemTime`, dates as ISO text, JSON as text. The spec's
//! unions become generated enums, but for the named types [`hand_form`] lists, which
//! map to hand-written conversions in `bindings/uniffi/src/convert.rs` here, and nowhere
//! else.

use anyhow::{Result, bail};

use crate::codegen::conversion::Conversion;

use crate::codegen::model::{ExternalShape, Field, NamedKind, Presence, Scalar, Type};

/// Named types whose binding form or conversion is written by hand: the Rust type in the
/// bindings, and the conversion into the core's type.
pub fn hand_form(name: &str) -> Option<(&'static str, Conversion)> {
    Some(match name {
        // A union whose `Query` variant would shadow the `Query` class inside the generated
        // Kotlin sealed class: the bindings take the query object (`Query.parseRaw` reads raw
        // text, with the same errors).
        "QueryInput" => (
            "std::sync::Arc<crate::query::Query>",
            Conversion::call("convert::query_input"),
        ),
        "Sort" => ("Sort", Conversion::try_call("convert::sort")),
        "UploadFile" => ("UploadFile", Conversion::call("convert::upload")),
        _ => return None,
    })
}

/// Externals written by hand as objects of the bindings (`bindings/uniffi/src/query.rs`).
pub const HAND_OBJECTS: &[&str] = &["Query"];

/// The bindings' type of an item of an answer, and its conversion from the core's.
fn answer_item(ty: &Type) -> Result<(String, Conversion)> {
    Ok(match ty {
        Type::Scalar(Scalar::String) => ("String".to_owned(), Conversion::Identity),
        Type::Scalar(Scalar::Bool) => ("bool".to_owned(), Conversion::Identity),
        Type::Scalar(Scalar::I64) => ("i64".to_owned(), Conversion::Identity),
        Type::Scalar(Scalar::F64) => ("f64".to_owned(), Conversion::Identity),
        ty if ty.is_id() => ("i64".to_owned(), Conversion::try_call("convert::id_out")),
        Type::Scalar(Scalar::Json) => ("String".to_owned(), Conversion::call("convert::json_out")),
        Type::Scalar(Scalar::Timestamp) => (
            "std::time::SystemTime".to_owned(),
            Conversion::call("std::time::SystemTime::from"),
        ),
        Type::Scalar(Scalar::Date) => ("String".to_owned(), Conversion::call("convert::date_out")),
        Type::Named(named) if named.kind == NamedKind::Model => (
            named.name.clone(),
            Conversion::try_call(format!("{}::from_core", named.name)),
        ),
        Type::Named(named) if named.kind == NamedKind::Enum => (
            named.name.clone(),
            Conversion::call(format!("{}::from", named.name)),
        ),
        other => bail!("answers of {other:?} have no UniFFI form"),
    })
}

/// A record field of an answer model: its type and the expression filling it from `value`
/// (the core's field, stored as the core's models store it).
pub struct AnswerField {
    /// The field's Rust type in the bindings.
    pub ty: String,
    /// The expression (may use `?`).
    pub expr: String,
}

/// How a model field crosses: lists stay lists, timestamps, dates and lenient numbers are
/// always optional in the core, other fields optional unless required.
pub fn answer_field(field: &Field, value: &str) -> Result<AnswerField> {
    let (item_ty, conv) = match &field.ty {
        Type::List(item) => answer_item(item)?,
        other => answer_item(other)?,
    };
    let list = matches!(field.ty, Type::List(_));
    let optional = !list
        && (field.presence != Presence::Required
            || matches!(field.ty, Type::Scalar(Scalar::Timestamp | Scalar::Date))
            || field.encoding == crate::codegen::model::Encoding::Lenient);
    let (ty, conversion) = match conv {
        Conversion::Identity if list => (format!("Vec<{item_ty}>"), Conversion::Identity),
        Conversion::Identity if optional => (format!("Option<{item_ty}>"), Conversion::Identity),
        item if list => (format!("Vec<{item_ty}>"), Conversion::each(item)),
        item if optional => (format!("Option<{item_ty}>"), Conversion::optional(item)),
        item => (item_ty, item),
    };
    Ok(AnswerField {
        ty,
        expr: conversion.render(value),
    })
}

/// The bindings' type of an answer item (pages, lists, writes) and the function converting
/// the core's, which can fail.
pub fn answer_item_fn(ty: &Type) -> Result<(String, String)> {
    match answer_item(ty)? {
        (
            rust,
            Conversion::Call {
                function,
                fallible: true,
                ..
            },
        ) => Ok((rust, function)),
        _ => bail!("answer items of {ty:?} are models or ids"),
    }
}

/// How an argument is taken: the bindings' type and its conversion into what the core's
/// setter or method takes (may fail; `field` names the argument in refusals).
pub struct Argument {
    /// The Rust type in the bindings (before `Option<...>` for optional arguments).
    pub ty: String,
    /// The conversion.
    pub convert: Conversion,
}

/// The argument form of a value of `ty` named `field` on the wire.
pub fn argument_type(ty: &Type, field: &str) -> Result<Argument> {
    let arg = |ty: &str, convert: Conversion| Argument {
        ty: ty.to_owned(),
        convert,
    };
    Ok(match ty {
        Type::Scalar(Scalar::String) => arg("String", Conversion::Identity),
        Type::Scalar(Scalar::Bool) => arg("bool", Conversion::Identity),
        Type::Scalar(Scalar::I64) => arg("i64", Conversion::Identity),
        Type::Scalar(Scalar::F64) => arg("f64", Conversion::Identity),
        Type::Scalar(Scalar::Bytes) => arg("Vec<u8>", Conversion::Identity),
        Type::Named(named) if named.kind == NamedKind::Id => arg(
            "i64",
            Conversion::try_call_naming("convert::id_in", false, field)
                .then(Conversion::call(format!("happyfox::{}::from", named.name))),
        ),
        Type::Scalar(Scalar::U64) => arg(
            "i64",
            Conversion::try_call_naming("convert::id_in", false, field),
        ),
        Type::Scalar(Scalar::Date) => arg(
            "String",
            Conversion::try_call_naming("convert::date_in", true, field),
        ),
        Type::Scalar(Scalar::Timestamp) => arg(
            "std::time::SystemTime",
            Conversion::call("convert::timestamp_in"),
        ),
        Type::List(item) if **item == Type::Scalar(Scalar::String) => {
            arg("Vec<String>", Conversion::Identity)
        }
        ty if ty.is_id_list() => arg(
            "Vec<i64>",
            Conversion::try_call_naming("convert::ids_in", false, field),
        ),
        Type::Named(named) => match (hand_form(&named.name), named.kind) {
            (Some((ty, convert)), _) => arg(ty, convert),
            (None, NamedKind::Union) => arg(
                &named.name,
                Conversion::Method {
                    name: "into_core".into(),
                    fallible: true,
                },
            ),
            (None, _) => bail!(
                "the UniFFI backend has no argument form for `{}`: add it to HAND_FORMS in xtask/src/codegen/uniffi/types.rs",
                named.name
            ),
        },
        other => bail!("arguments of {other:?} have no UniFFI form"),
    })
}

/// The argument form of a field: a nullable id is the `Assignee` enum (unassign or a staff
/// id), told apart from "not given" (null).
pub fn argument(field: &Field) -> Result<Argument> {
    if field.presence == Presence::Nullable {
        if !field.ty.is_id() {
            bail!("nullable arguments are ids only, not {:?}", field.ty);
        }
        return Ok(Argument {
            ty: "crate::convert::Assignee".into(),
            convert: Conversion::try_call_naming("convert::assignee", false, &field.wire),
        });
    }
    argument_type(&field.ty, &field.wire)
}

/// The Rust type of a field of an external's record shape (what the bindings carry).
pub fn shape_field(field: &Field) -> Result<String> {
    let ty = argument_type(&field.ty, &field.wire)?.ty;
    Ok(if field.presence == Presence::Required {
        ty
    } else {
        format!("Option<{ty}>")
    })
}

/// Whether an external is generated from its shape (else it is a hand-written object).
pub fn generated_external(shape: &ExternalShape, name: &str) -> Result<bool> {
    match shape {
        ExternalShape::Text { values } if values.is_empty() => {
            if HAND_OBJECTS.contains(&name) {
                Ok(false)
            } else {
                bail!(
                    "the UniFFI backend has no form for the text external `{name}`: add it to HAND_OBJECTS in xtask/src/codegen/uniffi/types.rs"
                )
            }
        }
        _ => Ok(true),
    }
}

/// The parameter type of a query builder method for a search field of `kind`, and the
/// runtime method it calls: flags take one `bool`, other kinds a list of strings.
pub fn search_argument(kind: crate::codegen::model::SearchKind) -> (&'static str, &'static str) {
    match kind {
        crate::codegen::model::SearchKind::Bool => ("value: bool", "flag"),
        _ => ("values: Vec<String>", "system"),
    }
}
