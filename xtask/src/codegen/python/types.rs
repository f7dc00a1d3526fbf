//! The Python backend's one table of types: how each type of the lowered model is read from
//! a model (getter type, expression, stub annotation) and taken as an argument (PyO3
//! parameter type, conversion to the Rust client's type, stub annotation). The spec's
//! unions and externals map to hand-written conversions in `bindings/python/src/convert.rs`
//! here, and nowhere else.

use anyhow::{Result, bail};

use crate::codegen::conversion::{Arg, Conversion, Dialect};

use crate::codegen::model::{
    Api, Encoding, ExternalShape, Field, IdKind, NamedKind, Presence, Scalar, Type, VariantShape,
    snake,
};

/// Python's keywords and the names a class body must not shadow: such a name gets a `_`.
const RESERVED: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The Python name of a wire or Rust name.
pub fn py_name(name: &str) -> String {
    if RESERVED.contains(&name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

/// The Python class of a model, page or iterator item.
pub fn class_name(ty: &Type) -> String {
    match ty {
        Type::Named(named) => named.name.clone(),
        _ => "Id".to_owned(),
    }
}

/// The Rust pyclass wrapping a model.
pub fn wrapper(model: &str) -> String {
    format!("Py{model}")
}

/// How a model field is read from Python.
pub struct Getter {
    /// The getter's Rust return type (may borrow `'py`).
    pub rust: String,
    /// The expression computing it from `self.0`.
    pub expr: String,
    /// Whether the expression is already a `PyResult`.
    pub fallible: bool,
    /// The stub annotation.
    pub stub: String,
}

/// How a getter's expression is spelled: fields are read through `&self` (walked by
/// reference), and a failure is the getter's `PyResult` itself.
const GETTER: Dialect = Dialect {
    iterate: "iter()",
    result: "PyResult",
    propagate: false,
};

/// A JSON value (by reference) as a Python object, which can fail.
fn json_to_py() -> Conversion {
    Conversion::try_call_with("json_to_py", vec![Arg::Code("py".into()), Arg::Value])
}

/// The getter of a model field (stored as the Rust client's `answer_field` stores it).
pub fn getter(field: &Field) -> Result<Getter> {
    let access = format!("self.0.{}", field.ident);
    let g = |rust: &str, read: Conversion, stub: &str| Getter {
        rust: rust.to_owned(),
        expr: read.render_in(GETTER, &access),
        fallible: read.fallible(),
        stub: stub.to_owned(),
    };
    // Kinds of id are ints in Python: the getter of the `u64` field, reading the number.
    if field.ty.holds_id_kind() {
        let number = Field {
            ty: field.ty.ids_as_u64(),
            ..field.clone()
        };
        let as_number = getter(&number)?;
        let read = match (&field.ty, field.presence, field.encoding) {
            (Type::List(_), _, _) => Conversion::each(Conversion::method("get")),
            (_, Presence::Required, Encoding::Plain) => Conversion::method("get"),
            _ => Conversion::optional(Conversion::call("u64::from")),
        };
        return Ok(g(&as_number.rust, read, &as_number.stub));
    }
    let clone = || Conversion::method("clone");
    let required = field.presence == Presence::Required;
    Ok(match (&field.ty, field.encoding) {
        (Type::List(item), _) => match item.as_ref() {
            Type::Scalar(Scalar::String) => g("Vec<String>", clone(), "list[str]"),
            Type::Scalar(Scalar::U64) => g("Vec<u64>", clone(), "list[int]"),
            Type::Scalar(Scalar::Json) => g(
                "Vec<Bound<'py, PyAny>>",
                Conversion::each(json_to_py()),
                "list[Any]",
            ),
            Type::Named(named) if named.kind == NamedKind::Model => {
                let class = wrapper(&named.name);
                g(
                    &format!("Vec<{class}>"),
                    Conversion::each(Conversion::method("clone").then(Conversion::call(&class))),
                    &format!("list[{}]", named.name),
                )
            }
            other => bail!("model lists of {other:?} have no Python getter"),
        },
        (Type::Scalar(Scalar::Timestamp), _) => g(
            "Option<chrono::DateTime<chrono::Utc>>",
            Conversion::Identity,
            "datetime.datetime | None",
        ),
        (Type::Scalar(Scalar::Date), _) => g(
            "Option<chrono::NaiveDate>",
            Conversion::Identity,
            "datetime.date | None",
        ),
        (Type::Scalar(Scalar::U64), Encoding::Lenient) => {
            g("Option<u64>", Conversion::Identity, "int | None")
        }
        (Type::Scalar(Scalar::Json), _) => g(
            "Option<Bound<'py, PyAny>>",
            Conversion::method("as_ref").then(Conversion::optional(json_to_py())),
            "Any",
        ),
        (Type::Scalar(scalar), _) => {
            let (rust, stub, copy) = match scalar {
                Scalar::String => ("String", "str", false),
                Scalar::Bool => ("bool", "bool", true),
                Scalar::U64 => ("u64", "int", true),
                Scalar::I64 => ("i64", "int", true),
                Scalar::F64 => ("f64", "float", true),
                other => bail!("model fields of {other:?} have no Python getter"),
            };
            let read = if copy { Conversion::Identity } else { clone() };
            if required {
                g(rust, read, stub)
            } else {
                g(&format!("Option<{rust}>"), read, &format!("{stub} | None"))
            }
        }
        (Type::Named(named), _) => match named.kind {
            NamedKind::Model => {
                let class = wrapper(&named.name);
                g(
                    &format!("Option<{class}>"),
                    clone().then(Conversion::optional(Conversion::call(&class))),
                    &format!("{} | None", named.name),
                )
            }
            NamedKind::Enum => g(
                "Option<String>",
                Conversion::method("as_ref").then(Conversion::optional(Conversion::call(
                    "ToString::to_string",
                ))),
                "str | None",
            ),
            _ => bail!("model fields of `{}` have no Python getter", named.name),
        },
    })
}

/// How an argument is taken from Python.
pub struct Argument {
    /// The PyO3 parameter type (before `Option<...>` for optional arguments).
    pub rust: String,
    /// The expression turning the parameter `v` into what the Rust setter takes (may use
    /// `?`).
    pub convert: String,
    /// The stub annotation (before `| None` for optional arguments).
    pub stub: String,
}

/// The hand-written conversion of each spec union and external: (name, conversion function
/// in `convert.rs`). Their stub annotations are their names, defined in `happyfox.types`.
const HAND_WRITTEN: &[(&str, &str)] = &[
    ("StatusFilter", "status_filter"),
    ("NoteAlert", "note_alert"),
    ("ContactKey", "contact_key"),
    ("QueryInput", "query_input"),
    ("Sort", "sort"),
    ("UploadFile", "upload"),
];

/// Externals whose Python form is not derived from their shape: (name, annotation).
const EXTERNAL_FORMS: &[(&str, &str)] =
    &[("UploadFile", "str | os.PathLike[str] | tuple[str, bytes]")];

/// The kind of id `ty` is, if it is one.
fn id_kind<'a>(api: &'a Api, ty: &Type) -> Result<Option<&'a IdKind>> {
    let Type::Named(named) = ty else {
        return Ok(None);
    };
    if named.kind != NamedKind::Id {
        return Ok(None);
    }
    match api.ids.iter().find(|kind| kind.name == named.name) {
        Some(kind) => Ok(Some(kind)),
        None => bail!("unknown kind of id `{}`", named.name),
    }
}

/// The generated function reading a kind of id from Python (`generated/ids.rs`), e.g.
/// `staff_id` for `StaffId`.
pub fn id_reader(kind: &IdKind) -> String {
    snake(&kind.name)
}

/// What a kind of id accepts in Python: an int, or a model it identifies (`int | Staff`).
pub fn id_stub(kind: &IdKind) -> String {
    std::iter::once("int")
        .chain(kind.identifies.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The argument form of a field named `name` (its Python name).
pub fn argument(api: &Api, field: &Field) -> Result<Argument> {
    let name = py_name(&field.wire);
    let any = |convert: String, stub: &str| Argument {
        rust: "Bound<'_, PyAny>".into(),
        convert,
        stub: stub.to_owned(),
    };
    if field.presence == Presence::Nullable {
        let (reader, accepts) = match id_kind(api, &field.ty)? {
            Some(kind) => (format!("super::ids::{}", id_reader(kind)), id_stub(kind)),
            None if field.ty == Type::Scalar(Scalar::U64) => {
                ("convert::plain_id".to_owned(), "int".to_owned())
            }
            None => bail!("nullable arguments are ids only, not {:?}", field.ty),
        };
        let described = accepts.replace(" | ", " or a ");
        return Ok(any(
            format!(
                "convert::nullable(&v, {name:?}, {reader}, {:?})?",
                format!("an id ({described})")
            ),
            &format!("{accepts} | Unassigned"),
        ));
    }
    // Kinds of id take an int or the model they identify.
    if let Some(kind) = id_kind(api, &field.ty)? {
        return Ok(any(
            format!("super::ids::{}(&v, {name:?})?", id_reader(kind)),
            &id_stub(kind),
        ));
    }
    if let Type::List(item) = &field.ty
        && let Some(kind) = id_kind(api, item)?
    {
        return Ok(any(
            format!(
                "convert::id_list(&v, {name:?}, super::ids::{})?",
                id_reader(kind)
            ),
            &format!("Sequence[{}]", id_stub(kind)),
        ));
    }
    let plain = |rust: &str, stub: &str| Argument {
        rust: rust.to_owned(),
        convert: "v".into(),
        stub: stub.to_owned(),
    };
    Ok(match &field.ty {
        Type::Scalar(Scalar::String) => plain("String", "str"),
        Type::Scalar(Scalar::U64) => plain("u64", "int"),
        Type::Scalar(Scalar::I64) => plain("i64", "int"),
        Type::Scalar(Scalar::F64) => plain("f64", "float"),
        Type::Scalar(Scalar::Bool) => plain("bool", "bool"),
        Type::Scalar(Scalar::Date) => plain("chrono::NaiveDate", "datetime.date"),
        Type::Scalar(Scalar::Timestamp) => {
            plain("chrono::DateTime<chrono::Utc>", "datetime.datetime")
        }
        Type::List(item) if **item == Type::Scalar(Scalar::String) => any(
            format!("convert::strings(&v, {name:?})?"),
            "Sequence[str] | str",
        ),
        Type::List(item) if **item == Type::Scalar(Scalar::U64) => {
            any(format!("convert::ids(&v, {name:?})?"), "Sequence[int]")
        }
        Type::Named(named) if matches!(named.kind, NamedKind::Union | NamedKind::External) => {
            match HAND_WRITTEN.iter().find(|(n, _)| *n == named.name) {
                Some((_, function)) => any(format!("convert::{function}(&v)?"), &named.name),
                None => bail!(
                    "the Python backend has no conversion for `{}`: add it to HAND_WRITTEN in xtask/src/codegen/python/types.rs",
                    named.name
                ),
            }
        }
        other => bail!("arguments of {other:?} have no Python form"),
    })
}

/// `happyfox/types.py`: the type aliases of what arguments take, derived from the spec's
/// declared shapes (a union's constants become a `Literal`, its carried values their Python
/// types; a text external with listed values a `Literal`).
pub fn types_module(api: &Api) -> Result<String> {
    let mut out = String::from(
        "# @generated by `cargo xtask codegen python` from spec/: do not edit by hand.\n\
         \"\"\"The types the client's arguments take, from the spec's declared shapes.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         import datetime\nimport os\nfrom collections.abc import Sequence\nfrom typing import BinaryIO, Literal, Union\n\n\
         from ._happyfox import Query\n",
    );
    for model in union_models(api)? {
        out.push_str(&format!("from ._happyfox import {model}\n"));
    }
    out.push('\n');
    for union in &api.unions {
        let mut constants = Vec::new();
        let mut values = Vec::new();
        for variant in &union.variants {
            match &variant.shape {
                VariantShape::Constant(text) => constants.push(format!("{text:?}")),
                VariantShape::Value(ty) => values.extend(value_stubs(api, ty)?),
            }
        }
        let mut parts = Vec::new();
        if !constants.is_empty() {
            parts.push(format!("Literal[{}]", constants.join(", ")));
        }
        parts.extend(values);
        alias(&mut out, &union.name, &parts, &union.doc);
    }
    for external in &api.externals {
        let parts = match (
            &external.shape,
            EXTERNAL_FORMS.iter().find(|(n, _)| *n == external.name),
        ) {
            (_, Some((_, form))) => vec![(*form).to_owned()],
            // One `Literal` per value: a bare multi-value `Literal` is not a `Union` at run
            // time, which stub checkers expect of it.
            (ExternalShape::Text { values }, None) if !values.is_empty() => values
                .iter()
                .map(|v| format!("Literal[{:?}]", v.wire))
                .collect(),
            // A class of its own (e.g. `Query`).
            _ => continue,
        };
        alias(&mut out, &external.name, &parts, &external.doc);
    }
    let quoted: Vec<String> = alias_names(api).iter().map(|n| format!("{n:?}")).collect();
    out.push_str(&format!("__all__ = [{}]\n", quoted.join(", ")));
    Ok(out)
}

/// The names `happyfox.types` defines.
pub fn alias_names(api: &Api) -> Vec<String> {
    let mut names: Vec<String> = api.unions.iter().map(|u| u.name.clone()).collect();
    for external in &api.externals {
        let listed =
            matches!(&external.shape, ExternalShape::Text { values } if !values.is_empty());
        if listed || EXTERNAL_FORMS.iter().any(|(n, _)| *n == external.name) {
            names.push(external.name.clone());
        }
    }
    names
}

/// One alias, as `Union[...]` (runtime-valid on every supported Python) with its docstring.
fn alias(out: &mut String, name: &str, parts: &[String], doc: &str) {
    let value = union(parts);
    out.push_str(&format!(
        "{name} = {value}\n\"\"\"{}\"\"\"\n\n",
        doc.replace('"', "'")
    ));
}

/// The Python types of a value a union carries (a kind of id: an int or its models).
fn value_stubs(api: &Api, ty: &Type) -> Result<Vec<String>> {
    if let Some(kind) = id_kind(api, ty)? {
        return Ok(std::iter::once("int".to_owned())
            .chain(kind.identifies.iter().cloned())
            .collect());
    }
    Ok(vec![match ty {
        Type::Scalar(Scalar::String) => "str".into(),
        Type::Scalar(Scalar::U64 | Scalar::I64) => "int".into(),
        Type::Scalar(Scalar::F64) => "float".into(),
        Type::Scalar(Scalar::Date) => "datetime.date".into(),
        Type::List(item) => format!("Sequence[{}]", union(&value_stubs(api, item)?)),
        Type::Named(named) => named.name.clone(),
        other => bail!("union values of {other:?} have no Python type"),
    }])
}

/// `parts` as one annotation: the only one, or their `Union[...]` (runtime-valid on every
/// supported Python).
fn union(parts: &[String]) -> String {
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("Union[{}]", parts.join(", "))
    }
}

/// The models the unions' kinds of id name, which `happyfox.types` imports.
fn union_models(api: &Api) -> Result<Vec<String>> {
    let mut models = Vec::new();
    for union in &api.unions {
        for variant in &union.variants {
            if let VariantShape::Value(ty) = &variant.shape
                && let Some(kind) = id_kind(api, ty)?
            {
                models.extend(kind.identifies.iter().cloned());
            }
        }
    }
    models.sort();
    models.dedup();
    Ok(models)
}
