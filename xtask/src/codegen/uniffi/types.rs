//! The UniFFI backend's one table of types: how each type of the lowered model is read from
//! a core model into a record field (type, conversion) and taken as an argument (type,
//! conversion into what the core's setter takes). Ids (`u64`) cross as `i64` with checked
//! conversions, timestamps as `SystemTime`, dates as ISO text, JSON as text. The spec's
//! unions become generated enums, but for the named types listed in [`HAND_FORMS`], which
//! map to hand-written conversions in `bindings/uniffi/src/convert.rs` here, and nowhere
//! else.

use anyhow::{Result, bail};

use crate::codegen::model::{ExternalShape, Field, NamedKind, Presence, Scalar, Type};

/// Named types whose binding form or conversion is written by hand: (name, the Rust type in
/// the bindings, the conversion of `$v` into the core's type).
const HAND_FORMS: &[(&str, &str, &str)] = &[
    // A union whose `Query` variant would shadow the `Query` class inside the generated
    // Kotlin sealed class: the bindings take the query object (`Query.parseRaw` reads raw
    // text, with the same errors).
    (
        "QueryInput",
        "std::sync::Arc<crate::query::Query>",
        "convert::query_input($v)",
    ),
    ("Sort", "Sort", "convert::sort($v)?"),
    ("UploadFile", "UploadFile", "convert::upload($v)"),
];

/// Externals written by hand as objects of the bindings (`bindings/uniffi/src/query.rs`).
pub const HAND_OBJECTS: &[&str] = &["Query"];

/// The hand form of a named type, if it has one.
pub fn hand_form(name: &str) -> Option<(&'static str, &'static str)> {
    HAND_FORMS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, ty, convert)| (*ty, *convert))
}

/// How a value is converted: not at all, by a function, or by a function that can fail.
#[derive(Clone, PartialEq, Eq)]
enum Conv {
    Identity,
    Call(String),
    TryCall(String),
}

/// The bindings' type of an item of an answer, and its conversion from the core's.
fn answer_item(ty: &Type) -> Result<(String, Conv)> {
    let call = |path: &str| Conv::Call(path.to_owned());
    Ok(match ty {
        Type::Scalar(Scalar::String) => ("String".to_owned(), Conv::Identity),
        Type::Scalar(Scalar::Bool) => ("bool".to_owned(), Conv::Identity),
        Type::Scalar(Scalar::I64) => ("i64".to_owned(), Conv::Identity),
        Type::Scalar(Scalar::F64) => ("f64".to_owned(), Conv::Identity),
        ty if ty.is_id() => ("i64".to_owned(), Conv::TryCall("convert::id_out".into())),
        Type::Scalar(Scalar::Json) => ("String".to_owned(), call("convert::json_out")),
        Type::Scalar(Scalar::Timestamp) => (
            "std::time::SystemTime".to_owned(),
            call("std::time::SystemTime::from"),
        ),
        Type::Scalar(Scalar::Date) => ("String".to_owned(), call("convert::date_out")),
        Type::Named(named) if named.kind == NamedKind::Model => (
            named.name.clone(),
            Conv::TryCall(format!("{}::from_core", named.name)),
        ),
        Type::Named(named) if named.kind == NamedKind::Enum => {
            (named.name.clone(), call(&format!("{}::from", named.name)))
        }
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
    let (ty, expr) = match (list, optional, conv) {
        (_, _, Conv::Identity) if list => (format!("Vec<{item_ty}>"), value.to_owned()),
        (_, _, Conv::Identity) if optional => (format!("Option<{item_ty}>"), value.to_owned()),
        (_, _, Conv::Identity) => (item_ty, value.to_owned()),
        (true, _, Conv::Call(path)) => (
            format!("Vec<{item_ty}>"),
            format!("{value}.into_iter().map({path}).collect()"),
        ),
        (true, _, Conv::TryCall(path)) => (
            format!("Vec<{item_ty}>"),
            format!("{value}.into_iter().map({path}).collect::<Result<_>>()?"),
        ),
        (false, true, Conv::Call(path)) => {
            (format!("Option<{item_ty}>"), format!("{value}.map({path})"))
        }
        (false, true, Conv::TryCall(path)) => (
            format!("Option<{item_ty}>"),
            format!("{value}.map({path}).transpose()?"),
        ),
        (false, false, Conv::Call(path)) => (item_ty, format!("{path}({value})")),
        (false, false, Conv::TryCall(path)) => (item_ty, format!("{path}({value})?")),
    };
    Ok(AnswerField { ty, expr })
}

/// The bindings' type of an answer item (pages, lists, writes) and the function converting
/// the core's, which can fail.
pub fn answer_item_fn(ty: &Type) -> Result<(String, String)> {
    let (rust, conv) = answer_item(ty)?;
    match conv {
        Conv::TryCall(path) => Ok((rust, path)),
        _ => bail!("answer items of {ty:?} are models or ids"),
    }
}

/// How an argument is taken: the bindings' type and the conversion of `$v` into what the
/// core's setter or method takes (may use `?`; `field` names the argument in refusals).
pub struct Argument {
    /// The Rust type in the bindings (before `Option<...>` for optional arguments).
    pub ty: String,
    /// The conversion template, with `$v` for the value.
    pub convert: String,
}

/// The argument form of a value of `ty` named `field` on the wire.
pub fn argument_type(ty: &Type, field: &str) -> Result<Argument> {
    let arg = |ty: &str, convert: String| Argument {
        ty: ty.to_owned(),
        convert,
    };
    Ok(match ty {
        Type::Scalar(Scalar::String) => arg("String", "$v".into()),
        Type::Scalar(Scalar::Bool) => arg("bool", "$v".into()),
        Type::Scalar(Scalar::I64) => arg("i64", "$v".into()),
        Type::Scalar(Scalar::F64) => arg("f64", "$v".into()),
        Type::Scalar(Scalar::Bytes) => arg("Vec<u8>", "$v".into()),
        Type::Named(named) if named.kind == NamedKind::Id => arg(
            "i64",
            format!(
                "happyfox::{}::from(convert::id_in($v, {field:?})?)",
                named.name
            ),
        ),
        Type::Scalar(Scalar::U64) => arg("i64", format!("convert::id_in($v, {field:?})?")),
        Type::Scalar(Scalar::Date) => arg("String", format!("convert::date_in(&$v, {field:?})?")),
        Type::Scalar(Scalar::Timestamp) => {
            arg("std::time::SystemTime", "convert::timestamp_in($v)".into())
        }
        Type::List(item) if **item == Type::Scalar(Scalar::String) => {
            arg("Vec<String>", "$v".into())
        }
        ty if ty.is_id_list() => arg("Vec<i64>", format!("convert::ids_in($v, {field:?})?")),
        Type::Named(named) => match (hand_form(&named.name), named.kind) {
            (Some((ty, convert)), _) => arg(ty, convert.to_owned()),
            (None, NamedKind::Union) => arg(&named.name, "$v.into_core()?".into()),
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
            convert: format!("convert::assignee($v, {:?})?", field.wire),
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
