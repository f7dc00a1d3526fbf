//! The Rust backend's one table of types: how each type of the lowered model is spelled in
//! the client (stored, taken by a setter, converted, written into a query string, decoded
//! from an answer). The named types the spec declares but Rust writes by hand (unions and
//! externals) map to their hand-written paths here, and nowhere else.

use anyhow::{Result, bail};

use crate::codegen::conversion::Conversion;
use crate::codegen::model::{Encoding, Field, NamedKind, Scalar, Type};

/// How Rust spells a type in a payload or parameter struct.
pub struct RustType {
    /// The stored type.
    pub stored: String,
    /// The type a setter or `new` takes.
    pub param: String,
    /// How a parameter becomes the stored type.
    pub convert: Conversion,
}

/// A hand-written type a spec union or external maps to.
struct HandWritten {
    name: &'static str,
    path: &'static str,
    /// Whether setters take `impl Into<...>` (the type has `From` conversions).
    takes_into: bool,
    /// The method of a value (a reference) writing it in a query string (`as_str` is
    /// followed by `to_owned`), and whether that can fail.
    query_text: Option<(&'static str, bool)>,
}

/// The spec's unions and externals, as the Rust client writes them.
const HAND_WRITTEN: &[HandWritten] = &[
    HandWritten {
        name: "StatusFilter",
        path: "crate::StatusFilter",
        takes_into: true,
        query_text: Some(("to_string", false)),
    },
    HandWritten {
        name: "NoteAlert",
        path: "crate::NoteAlert",
        takes_into: true,
        query_text: None,
    },
    HandWritten {
        name: "ContactKey",
        path: "crate::ContactKey",
        takes_into: true,
        query_text: Some(("to_string", false)),
    },
    HandWritten {
        name: "FieldValue",
        path: "crate::FieldValue",
        takes_into: true,
        query_text: None,
    },
    HandWritten {
        name: "QueryInput",
        path: "crate::QueryInput",
        takes_into: true,
        query_text: Some(("render", true)),
    },
    HandWritten {
        name: "Query",
        path: "happyfox_query::Query",
        takes_into: false,
        query_text: Some(("to_string", false)),
    },
    HandWritten {
        name: "Sort",
        path: "happyfox_query::Sort",
        takes_into: false,
        query_text: Some(("as_str", false)),
    },
    HandWritten {
        name: "UploadFile",
        path: "crate::UploadFile",
        takes_into: false,
        query_text: None,
    },
];

fn hand_written(name: &str) -> Result<&'static HandWritten> {
    match HAND_WRITTEN.iter().find(|h| h.name == name) {
        Some(entry) => Ok(entry),
        None => bail!(
            "the Rust backend has no type for `{name}`: add it to HAND_WRITTEN in xtask/src/codegen/client/rust_types.rs"
        ),
    }
}

/// The Rust name of a scalar.
fn scalar(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "String",
        Scalar::Bool => "bool",
        Scalar::U64 => "u64",
        Scalar::I64 => "i64",
        Scalar::F64 => "f64",
        Scalar::Json => "serde_json::Value",
        Scalar::Timestamp => "chrono::DateTime<chrono::Utc>",
        Scalar::Date => "chrono::NaiveDate",
        Scalar::Bytes => "Vec<u8>",
    }
}

/// How a type is stored, taken and converted.
pub fn rust_type(ty: &Type) -> Result<RustType> {
    let plain = |name: &str| RustType {
        stored: name.to_owned(),
        param: name.to_owned(),
        convert: Conversion::Identity,
    };
    Ok(match ty {
        Type::Scalar(Scalar::String) => RustType {
            stored: "String".into(),
            param: "impl Into<String>".into(),
            convert: Conversion::method("into"),
        },
        Type::Scalar(s) => plain(scalar(*s)),
        Type::List(item) if **item == Type::Scalar(Scalar::String) => RustType {
            stored: "Vec<String>".into(),
            param: "impl IntoIterator<Item = impl Into<String>>".into(),
            convert: Conversion::each(Conversion::method("into")),
        },
        Type::List(item) if item.holds_id_kind() => {
            let item = rust_type(item)?.stored;
            RustType {
                stored: format!("Vec<{item}>"),
                param: format!("impl IntoIterator<Item = impl Into<{item}>>"),
                convert: Conversion::each(Conversion::method("into")),
            }
        }
        Type::List(item) => {
            let item = rust_type(item)?.stored;
            RustType {
                stored: format!("Vec<{item}>"),
                param: format!("impl IntoIterator<Item = {item}>"),
                convert: Conversion::each(Conversion::Identity),
            }
        }
        Type::Named(named) => match named.kind {
            NamedKind::Model | NamedKind::Enum => plain(&named.name),
            NamedKind::Id => {
                let path = format!("crate::{}", named.name);
                RustType {
                    param: format!("impl Into<{path}>"),
                    convert: Conversion::call(format!("Into::<{path}>::into")),
                    stored: path,
                }
            }
            NamedKind::Union | NamedKind::External => {
                let entry = hand_written(&named.name)?;
                if entry.takes_into {
                    RustType {
                        stored: entry.path.into(),
                        param: format!("impl Into<{}>", entry.path),
                        convert: Conversion::method("into"),
                    }
                } else {
                    plain(entry.path)
                }
            }
        },
    })
}

/// How a parameter's value (a reference to the stored value) is written in a query string.
pub fn query_text(ty: &Type) -> Result<Conversion> {
    Ok(match ty {
        Type::Scalar(Scalar::String) => Conversion::method("clone"),
        Type::Scalar(Scalar::Bool | Scalar::U64 | Scalar::I64 | Scalar::F64) => {
            Conversion::method("to_string")
        }
        Type::Named(named) if named.kind == NamedKind::Id => Conversion::method("to_string"),
        Type::Named(named) if matches!(named.kind, NamedKind::Union | NamedKind::External) => {
            match hand_written(&named.name)?.query_text {
                Some(("as_str", _)) => {
                    Conversion::method("as_str").then(Conversion::method("to_owned"))
                }
                Some((name, fallible)) => Conversion::Method {
                    name: name.to_owned(),
                    fallible,
                },
                None => bail!("`{}` cannot be written in a query string", named.name),
            }
        }
        other => bail!("{other:?} cannot be written in a query string"),
    })
}

/// A field of an answer model: its Rust type, serde attributes and, where the schema differs
/// from the Rust type, the type schemars describes instead.
pub struct AnswerField {
    /// The Rust type.
    pub ty: String,
    /// Attributes inside `#[serde(...)]`.
    pub serde: Vec<String>,
    /// The `#[schemars(with = ...)]` type, when needed.
    pub schema: Option<String>,
    /// The `crate::wire::fields` wrapper the generated decoder reads the value as (its `.0`
    /// is the field), when the field has a wire quirk; `None` reads `ty` itself.
    pub decode_as: Option<String>,
}

impl AnswerField {
    /// Whether an absent field is an error (no `default`).
    pub fn required(&self) -> bool {
        !self.serde.iter().any(|attr| attr == "default")
    }
}

/// How an answer field is typed and decoded: lists decode `null` as empty, the wire's
/// special spellings go through `crate::wire`, everything optional but required scalars.
pub fn answer_field(field: &Field, required: bool) -> Result<AnswerField> {
    let with = |ty: &str, with: &str, schema: &str, decode_as: String| AnswerField {
        ty: ty.to_owned(),
        serde: vec!["default".into(), format!("with = {with:?}")],
        schema: Some(schema.to_owned()),
        decode_as: Some(decode_as),
    };
    Ok(match (&field.ty, field.encoding) {
        (Type::List(item), Encoding::Csv) if **item == Type::Scalar(Scalar::String) => with(
            "Vec<String>",
            "crate::wire::tags",
            "String",
            "crate::wire::fields::Tags".into(),
        ),
        (Type::List(item), Encoding::Plain) => {
            let item = rust_type(item)?.stored;
            // The wire may send null for an empty list (`custom_field_change`); the schema
            // says so.
            AnswerField {
                ty: format!("Vec<{item}>"),
                serde: vec![
                    "default".into(),
                    "deserialize_with = \"crate::wire::scalars::null_as_default\"".into(),
                ],
                schema: Some(format!("Option<Vec<{item}>>")),
                decode_as: Some(format!("crate::wire::fields::NullAsDefault<Vec<{item}>>")),
            }
        }
        (Type::Scalar(Scalar::Timestamp), Encoding::Plain) => with(
            "Option<chrono::DateTime<chrono::Utc>>",
            "crate::wire::time::timestamp",
            "Option<String>",
            "crate::wire::fields::Timestamp".into(),
        ),
        (Type::Scalar(Scalar::Date), Encoding::Plain) => with(
            "Option<chrono::NaiveDate>",
            "crate::wire::time::date",
            "Option<String>",
            "crate::wire::fields::Date".into(),
        ),
        (ty, Encoding::Lenient) if ty.is_id() => {
            let stored = rust_type(ty)?.stored;
            with(
                &format!("Option<{stored}>"),
                "crate::wire::scalars::lenient_id",
                "Option<u64>",
                format!("crate::wire::fields::LenientId<{stored}>"),
            )
        }
        (ty @ (Type::Scalar(_) | Type::Named(_)), Encoding::Plain) => {
            let rust = rust_type(ty)?.stored;
            if required {
                AnswerField {
                    ty: rust,
                    serde: Vec::new(),
                    schema: None,
                    decode_as: None,
                }
            } else {
                AnswerField {
                    ty: format!("Option<{rust}>"),
                    serde: vec!["default".into()],
                    schema: None,
                    decode_as: None,
                }
            }
        }
        (ty, encoding) => bail!("answers cannot carry {ty:?} encoded {encoding:?}"),
    })
}
