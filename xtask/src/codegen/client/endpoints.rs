//! Endpoint methods on `Client`: one per spec endpoint, plus lazy iterators for listings.

use std::fmt::Write;

use anyhow::{Result, bail};

use super::{doc, lit};
use crate::codegen::api_spec::{ApiSpec, EndpointDef, inner_type};

/// `endpoints.rs`: `impl Client` with every endpoint.
pub fn endpoints(spec: &ApiSpec) -> Result<String> {
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
    for endpoint in spec.endpoints() {
        method(&mut out, spec, endpoint)?;
    }
    out.push_str("}\n");
    Ok(out)
}

fn method(out: &mut String, spec: &ApiSpec, e: &EndpointDef) -> Result<()> {
    let mut args = Vec::new();
    let mut path_args = Vec::new();
    let mut path = e.path.clone();
    for p in &e.path_params {
        let ident = p.ident();
        let (param, value) = match p.ty.as_str() {
            "u64" => ("u64".to_owned(), format!("segment({ident})")),
            "contact_key" => (
                "impl Into<crate::ContactKey>".to_owned(),
                format!("segment({ident}.into())"),
            ),
            other => bail!("{}: unknown path parameter type `{other}`", e.name),
        };
        args.push(format!("{ident}: {param}"));
        path_args.push(value);
        path = path.replace(&format!("{{{}}}", p.name), "{}");
    }
    if let Some(params) = &e.params {
        args.push(format!("params: &{params}"));
    }
    for extra in &e.extra_query {
        if extra.ty != "csv" {
            bail!("{}: extra_query supports csv only", e.name);
        }
        args.push(format!(
            "{}: impl IntoIterator<Item = impl Into<String>>",
            extra.ident()
        ));
    }
    match (&e.body, &e.file_field) {
        (Some(body), None) if body.starts_with("list<") => {
            args.push(format!("requests: &[{}]", inner_type(body)));
        }
        (Some(body), None) => args.push(format!("request: &{body}")),
        (None, Some(_)) => args.push("file: &crate::UploadFile".to_owned()),
        (None, None) => {}
        (Some(_), Some(_)) => bail!("{}: body and file_field are exclusive", e.name),
    }
    let (ret, decode) = response(&e.response, e.method == "POST");
    let mut text = e.doc.clone();
    let _ = write!(
        text,
        "\n\n`{} {}` (reference: {}).",
        e.method, e.path, e.reference
    );
    for p in &e.path_params {
        let _ = write!(text, "\n\n`{}`: {}", p.ident(), p.doc);
    }
    for extra in &e.extra_query {
        let _ = write!(text, "\n\n`{}`: {}", extra.ident(), extra.doc);
    }
    doc(out, &text);
    let vis = match e.visibility.as_deref() {
        None => "pub",
        Some("crate") => "pub(crate)",
        Some(other) => bail!("{}: unknown visibility `{other}`", e.name),
    };
    let _ = writeln!(
        out,
        "{vis} fn {}(&self, {}) -> Result<{ret}> {{",
        e.name,
        args.join(", ")
    );
    for extra in &e.extra_query {
        let ident = extra.ident();
        let _ = writeln!(
            out,
            "let {ident}: Vec<String> = {ident}.into_iter().map(Into::into).collect();\n\
             if {ident}.is_empty() {{ return Err(crate::Error::invalid(Some({}), crate::InputRule::Required, {})); }}",
            lit(&extra.name),
            lit(&format!(
                "{}: give at least one of `{}`",
                e.name, extra.name
            ))
        );
    }
    let path_expr = if path_args.is_empty() {
        lit(&path)
    } else {
        format!("format!({}, {})", lit(&path), path_args.join(", "))
    };
    let ctor = if e.method == "GET" { "get" } else { "post" };
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
            lit(&extra.name),
            extra.ident()
        );
    }
    match (&e.body, &e.file_field) {
        (Some(body), _) if body.starts_with("list<") => out.push_str(".payload_list(requests)?"),
        (Some(_), _) => out.push_str(".payload(request)?"),
        (None, Some(field)) => {
            let _ = write!(out, ".file({}, file)?", lit(field));
        }
        (None, None) => {}
    }
    out.push_str(";\n");
    let _ = writeln!(out, "{decode}\n}}\n");

    if let Some(iterate) = &e.iterate {
        let Some(params) = &e.params else {
            bail!("{}: iterate needs params", e.name);
        };
        if spec.params_named(params).is_none() || !e.response.starts_with("page<") {
            bail!(
                "{}: iterate needs a page<...> response and known params",
                e.name
            );
        }
        let item = inner_type(&e.response);
        let mut iter_args = args.clone();
        iter_args.retain(|a| !a.starts_with("params:"));
        let call_args: Vec<String> = e
            .path_params
            .iter()
            .map(|p| p.ident())
            .chain(std::iter::once("&params.at_page(page)".to_owned()))
            .collect();
        doc(
            out,
            &format!(
                "Every item of [`Client::{}`], fetched lazily page by page from `params.page` (or 1); only one page is held in memory.",
                e.name
            ),
        );
        iter_args.push(format!("params: &{params}"));
        let _ = writeln!(
            out,
            "pub fn {iterate}(&self, {}) -> PageIter<'_, {item}> {{\n\
             let params = params.clone();\n\
             let size = params.page_size().unwrap_or(crate::pagination::DEFAULT_PAGE_SIZE);\n\
             PageIter::new(params.page_number().unwrap_or(1), size, move |page| self.{}({}))\n}}\n",
            iter_args.join(", "),
            e.name,
            call_args.join(", ")
        );
    }
    Ok(())
}

/// The return type and decoding statement of a response spec. A write answers
/// `happyfox::Applied`: after a 2xx the write has happened, so an answer that is not
/// the documented shape is handed back raw, never as an error.
fn response(ty: &str, write: bool) -> (String, String) {
    let item = inner_type(ty);
    let (execute, wrap): (&str, fn(String) -> String) = if write {
        ("execute_write", |ty| format!("crate::Applied<{ty}>"))
    } else {
        ("execute", |ty| ty)
    };
    if ty.starts_with("list<") {
        let map = if write {
            "|applied| applied.map(ListBody::into_vec)"
        } else {
            "ListBody::into_vec"
        };
        (
            wrap(format!("Vec<{item}>")),
            format!("self.{execute}::<ListBody<{item}>>(call).map({map})"),
        )
    } else if ty.starts_with("page<") {
        (
            wrap(format!("Page<{item}>")),
            format!("self.{execute}(call)"),
        )
    } else {
        (wrap(ty.to_owned()), format!("self.{execute}(call)"))
    }
}
