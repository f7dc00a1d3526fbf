//! Endpoint methods on `Client`: one per spec endpoint, plus lazy iterators for listings.

use std::collections::BTreeSet;
use std::fmt::Write;

use anyhow::{Result, bail};

use super::rust_types::rust_type;
use super::{doc, lit};
use crate::codegen::model::{
    AnswerShape, Api, Body, NamedKind, Operation, Presence, Segment, Type,
};

/// `endpoints.rs`: `impl Client` with every endpoint.
pub fn endpoints(spec: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Endpoint methods: one per operation of the spec, each a thin call into the transport.\n\n\
         #[allow(unused_imports)]\nuse super::models::*;\n\
         #[allow(unused_imports)]\nuse super::params::*;\n\
         #[allow(unused_imports)]\nuse super::requests::*;\n\
         use crate::call::{Call, segment};\n\
         use crate::pagination::{Page, PageIter};\n\
         use crate::request::Paged;\n\
         use crate::wire::lists::ListBody;\n\
         use crate::{Client, Result};\n\n\
         impl Client {\n",
    );
    for operation in &spec.operations {
        method(&mut out, spec, operation)?;
    }
    out.push_str("}\n");
    page_items(&mut out, spec)?;
    Ok(out)
}

/// `impl PageItem` for every model an iterator walks: the iterators tell pages apart by the
/// items' ids, so such a model needs a required `id` of an id type.
fn page_items(out: &mut String, spec: &Api) -> Result<()> {
    let walked: BTreeSet<&str> = spec
        .operations
        .iter()
        .filter(|e| e.iterator.is_some())
        .filter_map(|e| match &e.answer {
            Type::Named(named) if named.kind == NamedKind::Model => Some(named.name.as_str()),
            _ => None,
        })
        .collect();
    for name in walked {
        let Some(model) = spec.models.iter().find(|m| m.name == name) else {
            bail!("model `{name}` is walked by an iterator but not declared");
        };
        let Some(id) = model
            .fields
            .iter()
            .find(|f| f.wire == "id" && f.presence == Presence::Required && f.ty.is_id())
        else {
            bail!(
                "model `{name}` is walked by an iterator, so it needs a required `id` field of an id type (the iterators tell pages apart by it)"
            );
        };
        let key = match id.ty {
            Type::Scalar(_) => format!("self.{}", id.ident),
            _ => format!("self.{}.get()", id.ident),
        };
        let _ = writeln!(
            out,
            "\nimpl crate::pagination::PageItem for {name} {{\nfn page_key(&self) -> u64 {{\n{key}\n}}\n}}"
        );
    }
    Ok(())
}

fn method(out: &mut String, spec: &Api, e: &Operation) -> Result<()> {
    let mut args = Vec::new();
    let mut path_args = Vec::new();
    for p in &e.path_params {
        let t = rust_type(&p.ty)?;
        args.push(format!("{}: {}", p.ident, t.param));
        path_args.push(format!("segment({})", t.convert.render(&p.ident)));
    }
    let path: String = e
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => text.as_str(),
            Segment::Param(_) => "{}",
        })
        .collect();
    if let Some(params) = &e.params {
        args.push(format!("params: &{params}"));
    }
    for extra in &e.extra_query {
        if extra.ty
            != Type::List(Box::new(Type::Scalar(
                crate::codegen::model::Scalar::String,
            )))
        {
            bail!("{}: extra_query supports list<string> only", e.name);
        }
        args.push(format!(
            "{}: impl IntoIterator<Item = impl Into<String>>",
            extra.ident
        ));
    }
    match &e.body {
        Body::RequestList(name) => args.push(format!("requests: &[{name}]")),
        Body::Request(name) => args.push(format!("request: &{name}")),
        Body::File(_) => args.push("file: &crate::UploadFile".to_owned()),
        Body::None => {}
    }
    let (ret, decode) = response(e)?;
    let mut text = e.doc.clone();
    let _ = write!(
        text,
        "\n\n`{} {}` (reference: {}).",
        e.method.as_str(),
        e.path,
        e.reference
    );
    for p in &e.path_params {
        let _ = write!(text, "\n\n`{}`: {}", p.ident, p.doc);
    }
    for extra in &e.extra_query {
        let _ = write!(text, "\n\n`{}`: {}", extra.ident, extra.doc);
    }
    doc(out, &text);
    let vis = if e.public { "pub" } else { "pub(crate)" };
    let _ = writeln!(
        out,
        "{vis} fn {}(&self, {}) -> Result<{ret}> {{",
        e.name,
        args.join(", ")
    );
    for extra in &e.extra_query {
        let ident = &extra.ident;
        let _ = writeln!(
            out,
            "let {ident}: Vec<String> = {ident}.into_iter().map(Into::into).collect();\n\
             if {ident}.is_empty() {{ return Err(crate::Error::invalid(Some({}), crate::InputRule::Required, {})); }}",
            lit(&extra.wire),
            lit(&format!(
                "{}: give at least one of `{}`",
                e.name, extra.wire
            ))
        );
    }
    let path_expr = if path_args.is_empty() {
        lit(&path)
    } else {
        format!("format!({}, {})", lit(&path), path_args.join(", "))
    };
    let ctor = if e.is_write() { "post" } else { "get" };
    let _ = write!(out, "let call = Call::{ctor}({path_expr})");
    if e.params.is_some() {
        out.push_str(".params(params)?");
    }
    for (key, value) in &e.fixed_query {
        let _ = write!(out, ".query({}, {})", lit(key), lit(value));
    }
    for extra in &e.extra_query {
        let _ = write!(
            out,
            ".query({}, {}.join(\",\"))",
            lit(&extra.wire),
            extra.ident
        );
    }
    match &e.body {
        Body::RequestList(_) => out.push_str(".payload_list(requests)?"),
        Body::Request(_) => out.push_str(".payload(request)?"),
        Body::File(field) => {
            let _ = write!(out, ".file({}, file)?", lit(field));
        }
        Body::None => {}
    }
    out.push_str(";\n");
    let _ = writeln!(out, "{decode}\n}}\n");

    if let Some(iterate) = &e.iterator {
        let Some(params) = e.params.as_ref().and_then(|name| spec.params_named(name)) else {
            bail!("{}: iterate needs params", e.name);
        };
        let params = &params.name;
        let item = rust_type(&e.answer)?.stored;
        let mut iter_args = args.clone();
        iter_args.retain(|a| !a.starts_with("params:"));
        let call_args: Vec<String> = e
            .path_params
            .iter()
            .map(|p| p.ident.clone())
            .chain(std::iter::once("&params.at_page(page)".to_owned()))
            .collect();
        doc(
            out,
            &format!(
                "Every item of [`Client::{}`], fetched lazily page by page from `params.page` (or 1), `params.size` a page or, unset, [`ITER_PAGE_SIZE`](crate::ITER_PAGE_SIZE) (50, not HappyFox's 10: a fifth of the requests). The next page is fetched while the caller works on the current one, unless [`ClientOptions::read_ahead`](crate::ClientOptions::read_ahead) is off; at most one page beyond the current one is held. The iterator owns a clone of the client, so it can outlive this borrow and move to another thread.",
                e.name
            ),
        );
        iter_args.push(format!("params: &{params}"));
        let _ = writeln!(
            out,
            "pub fn {iterate}(&self, {}) -> PageIter<'static, {item}> {{\n\
             let size = params.page_size().unwrap_or(crate::pagination::ITER_PAGE_SIZE);\n\
             let params = params.sized(size);\n\
             let client = self.clone();\n\
             PageIter::new(params.page_number().unwrap_or(1), size, move |page| client.{}({}))\n\
             .read_ahead(self.reads_ahead())\n}}\n",
            iter_args.join(", "),
            e.name,
            call_args.join(", ")
        );
    }
    Ok(())
}

/// The return type and decoding statement of an operation. A write answers
/// `happyfox::Applied`: after a 2xx the write has happened, so an answer that is not the
/// documented shape is handed back raw, never as an error.
fn response(e: &Operation) -> Result<(String, String)> {
    let item = rust_type(&e.answer)?.stored;
    let write = e.is_write();
    let (execute, wrap): (&str, fn(String) -> String) = if write {
        ("execute_write", |ty| format!("crate::Applied<{ty}>"))
    } else {
        ("execute", |ty| ty)
    };
    Ok(match e.answer_shape {
        AnswerShape::List => {
            let map = if write {
                "|applied| applied.map(ListBody::into_vec)"
            } else {
                "ListBody::into_vec"
            };
            (
                wrap(format!("Vec<{item}>")),
                format!("self.{execute}::<ListBody<{item}>>(call).map({map})"),
            )
        }
        AnswerShape::Page => (
            wrap(format!("Page<{item}>")),
            format!("self.{execute}(call)"),
        ),
        AnswerShape::One => (wrap(item), format!("self.{execute}(call)")),
    })
}
