//! The Rust side of the Kotlin and Swift bindings (`bindings/uniffi/src/generated/`): a
//! record per answer model (unknown fields as JSON text in `extra`), an enum per answer enum
//! (with `Unknown` carrying the wire value), an enum per union, the externals' shapes, a
//! record with defaults per request and parameter set, a page record, a pager object and an
//! `Applied` enum per answer, and the client's method per operation.

use std::fmt::Write;

use anyhow::{Context, Result, bail};

use super::types::{
    Argument, answer_field, answer_item_fn, argument, argument_type, generated_external,
    search_argument, shape_field,
};
use super::{item_name, paged_items};
use crate::codegen::client::doc;
use crate::codegen::conversion::Conversion;
use crate::codegen::model::{
    AnswerShape, Api, Body, ExternalShape, Field, Operation, Presence, Request, Type, VariantShape,
    camel,
};

/// The generated modules that import each other.
const SIBLINGS: [&str; 5] = ["externals", "models", "pages", "requests", "unions"];

/// The imports every generated module may use (`own` is the module itself).
fn prelude(own: &str) -> String {
    let mut out = String::from(
        "#[allow(unused_imports)]\nuse std::sync::Arc;\n\n\
         #[allow(unused_imports)]\nuse crate::convert;\n#[allow(unused_imports)]\nuse crate::errors::{HappyFoxError, Result};\n",
    );
    for sibling in SIBLINGS.iter().filter(|s| **s != own) {
        let _ = writeln!(out, "#[allow(unused_imports)]\nuse super::{sibling}::*;");
    }
    out.push('\n');
    out
}

/// `mod.rs`: the generated modules.
pub fn module() -> String {
    "//! Code generated from `spec/` for the Kotlin and Swift bindings.\n\n\
     pub mod endpoints;\npub mod externals;\npub mod input_rules;\npub mod models;\npub mod pages;\npub mod query_fields;\n\
     pub mod requests;\npub mod unions;\n"
        .to_owned()
}

/// `models.rs`: answer enums and answer models, each with its conversion from the core's.
pub fn models(api: &Api) -> Result<String> {
    let mut out = format!(
        "//! Answer models as records (ids as `i64`, timestamps as `SystemTime`, dates as \
         `yyyy-mm-dd`, JSON as text, fields the spec does not know as the JSON object text \
         `extra`) and answer enums (`Unknown` keeps a value this version does not know).\n\n{}",
        prelude("models")
    );
    for e in &api.enums {
        if e.variants.iter().any(|v| v.name == "Unknown") {
            bail!("enum {}: a variant named `Unknown` is reserved", e.name);
        }
        doc(&mut out, &e.doc);
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]\npub enum {} {{",
            e.name
        );
        for v in &e.variants {
            doc(&mut out, &format!("`{}`: {}", v.wire, v.doc));
            let _ = writeln!(out, "{},", v.name);
        }
        out.push_str(
            "/// A value this version does not know, as sent.\nUnknown {\n/// The wire value.\nvalue: String,\n},\n}\n\n",
        );
        let arms: String = e
            .variants
            .iter()
            .map(|v| format!("happyfox::{}::{} => Self::{},\n", e.name, v.name, v.name))
            .collect();
        let _ = writeln!(
            out,
            "impl From<happyfox::{0}> for {0} {{\nfn from(value: happyfox::{0}) -> Self {{\nmatch value {{\n{arms}happyfox::{0}::Unknown(value) => Self::Unknown {{ value }},\n}}\n}}\n}}\n",
            e.name
        );
    }
    let reachable = super::reachable_models(api);
    for model in api.models.iter().filter(|m| reachable.contains(&m.name)) {
        doc(&mut out, &model.doc);
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq, uniffi::Record)]\npub struct {} {{",
            model.name
        );
        let mut fills = String::new();
        for field in &model.fields {
            let mapped = answer_field(field, &format!("model.{}", field.ident))
                .with_context(|| format!("model {}.{}", model.name, field.wire))?;
            doc(&mut out, &field.doc);
            let _ = writeln!(out, "pub {}: {},", field.ident, mapped.ty);
            let _ = writeln!(fills, "{}: {},", field.ident, mapped.expr);
        }
        out.push_str(
            "/// Fields the server sent that the spec does not know: the text of a JSON object.\npub extra: String,\n}\n\n",
        );
        let _ = writeln!(
            out,
            "impl {0} {{\n/// The record of the core's model (an id over `i64::MAX` fails as a decoding error).\npub(crate) fn from_core(model: happyfox::{0}) -> Result<Self> {{\nOk(Self {{\n{fills}extra: convert::extra_out(model.extra),\n}})\n}}\n}}\n",
            model.name
        );
    }
    Ok(out)
}

/// The name of a union variant's carried value.
const VALUE: &str = "value";

/// `unions.rs`: each union the bindings do not take by hand, as an enum converting into the
/// core's.
pub fn unions(api: &Api) -> Result<String> {
    let mut out = format!(
        "//! Values of one of several shapes, as enums: a constant case, or a case carrying \
         `value`.\n\n{}",
        prelude("unions")
    );
    for union in &api.unions {
        if super::types::hand_form(&union.name).is_some() {
            continue;
        }
        doc(&mut out, &union.doc);
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq, uniffi::Enum)]\npub enum {} {{",
            union.name
        );
        let mut arms = String::new();
        for variant in &union.variants {
            doc(&mut out, &variant.doc);
            match &variant.shape {
                VariantShape::Constant(wire) => {
                    let _ = writeln!(out, "{},", variant.name);
                    let _ = writeln!(
                        arms,
                        "Self::{0} => happyfox::{1}::{0}, // `{wire}`",
                        variant.name, union.name
                    );
                }
                VariantShape::Value(ty) => {
                    let Argument { ty: rust, convert } =
                        argument_type(ty, &format!("{}.{}", union.name, variant.name))
                            .with_context(|| format!("union {}.{}", union.name, variant.name))?;
                    let _ = writeln!(
                        out,
                        "{} {{\n/// The value.\n{VALUE}: {rust},\n}},",
                        variant.name
                    );
                    let _ = writeln!(
                        arms,
                        "Self::{0} {{ {VALUE} }} => happyfox::{1}::{0}({2}),",
                        variant.name,
                        union.name,
                        convert.render(VALUE)
                    );
                }
            }
        }
        let _ = writeln!(
            out,
            "}}\n\nimpl {0} {{\n/// The core's value (ids are checked).\npub(crate) fn into_core(self) -> Result<happyfox::{0}> {{\nOk(match self {{\n{arms}}})\n}}\n}}\n",
            union.name
        );
    }
    Ok(out)
}

/// `externals.rs`: the externals generated from their shapes: a text with listed values as an
/// enum (with its wire name), a record shape as a record.
pub fn externals(api: &Api) -> Result<String> {
    let mut out = format!(
        "//! Types the spec declares outside itself, from their declared shapes (the query is the \
         hand-written `Query` object).\n\n{}",
        prelude("externals")
    );
    for external in &api.externals {
        if !generated_external(&external.shape, &external.name)? {
            continue;
        }
        doc(&mut out, &external.doc);
        match &external.shape {
            ExternalShape::Text { values } => {
                let _ = writeln!(
                    out,
                    "#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]\npub enum {} {{",
                    external.name
                );
                for value in values {
                    let _ = writeln!(out, "/// `{}`\n{},", value.wire, value.name);
                }
                let arms: String = values
                    .iter()
                    .map(|value| format!("Self::{} => {:?},\n", value.name, value.wire))
                    .collect();
                let _ = writeln!(
                    out,
                    "}}\n\nimpl {} {{\n/// The name on the wire.\npub(crate) fn wire(self) -> &'static str {{\nmatch self {{\n{arms}}}\n}}\n}}\n",
                    external.name
                );
            }
            ExternalShape::Record(fields) => {
                let _ = writeln!(
                    out,
                    "#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]\npub struct {} {{",
                    external.name
                );
                for field in fields {
                    doc(&mut out, &field.doc);
                    let _ = writeln!(out, "pub {}: {},", field.ident, shape_field(field)?);
                }
                out.push_str("}\n\n");
            }
        }
    }
    Ok(out)
}

/// One field of a request or parameter record.
struct RecordField {
    /// The field's name.
    name: String,
    /// Its Rust type in the bindings.
    ty: String,
    /// Its `#[uniffi(...)]` default, when it has one.
    default: Option<&'static str>,
    /// What `into_core` does with it.
    apply: Apply,
}

/// How `into_core` uses a field.
enum Apply {
    /// A `new(...)` argument, converted.
    New(Conversion),
    /// A setter call (setter name, conversion), when set.
    Setter(String, Conversion),
    /// A nullable id: its setter, the setter sending null, the conversion (to an `Option`).
    Nullable(String, String, Conversion),
    /// Custom-field values of a kind, with the key prefix naming them in refusals.
    CustomFields(String, String),
    /// Files to attach.
    Attachments,
}

/// The fields of a request: its own, then custom fields per kind, then files.
fn request_fields(r: &Request) -> Result<Vec<RecordField>> {
    let mut fields = Vec::new();
    for field in &r.fields {
        fields.push(record_field(field)?);
    }
    for cf in &r.custom_fields {
        let value = match &cf.value {
            Type::Named(named) => named.name.clone(),
            other => bail!("custom field values of {other:?} have no UniFFI form"),
        };
        fields.push(RecordField {
            name: format!("{}_custom_fields", cf.kind),
            ty: format!("std::collections::HashMap<i64, {value}>"),
            default: Some("default"),
            apply: Apply::CustomFields(
                cf.kind.clone(),
                cf.key_prefixes.first().cloned().unwrap_or_default(),
            ),
        });
    }
    if r.attachments {
        fields.push(RecordField {
            name: "attachments".into(),
            ty: "Vec<UploadFile>".into(),
            default: Some("default"),
            apply: Apply::Attachments,
        });
    }
    Ok(fields)
}

fn record_field(field: &Field) -> Result<RecordField> {
    let Argument { ty, convert } = argument(field)?;
    Ok(if field.presence == Presence::Required {
        RecordField {
            name: field.ident.clone(),
            ty,
            default: None,
            apply: Apply::New(convert),
        }
    } else {
        RecordField {
            name: field.ident.clone(),
            ty: format!("Option<{ty}>"),
            default: Some("default = None"),
            apply: match &field.null_setter {
                Some(unset) => Apply::Nullable(field.ident.clone(), unset.clone(), convert),
                None => Apply::Setter(field.ident.clone(), convert),
            },
        }
    })
}

/// A record declaration with its `into_core` building the core's `ty`.
fn record(out: &mut String, name: &str, doc_text: &str, docs: &[String], fields: &[RecordField]) {
    doc(out, doc_text);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, uniffi::Record)]\npub struct {name} {{"
    );
    for (field, text) in fields.iter().zip(docs) {
        doc(out, text);
        if let Some(default) = field.default {
            let _ = writeln!(out, "#[uniffi({default})]");
        }
        let _ = writeln!(out, "pub {}: {},", field.name, field.ty);
    }
    out.push_str("}\n\n");
    let new_args: Vec<String> = fields
        .iter()
        .filter_map(|f| match &f.apply {
            Apply::New(convert) => Some(convert.render(&format!("self.{}", f.name))),
            _ => None,
        })
        .collect();
    let built = format!("happyfox::{name}::new({})", new_args.join(", "));
    let changes: Vec<String> = fields
        .iter()
        .filter_map(|f| {
            let n = &f.name;
            match &f.apply {
                Apply::New(_) => None,
                Apply::Setter(setter, convert) => Some(format!(
                    "if let Some(value) = self.{n} {{ built = built.{setter}({}); }}",
                    convert.render("value")
                )),
                Apply::Nullable(setter, unset, convert) => Some(format!(
                    "if let Some(value) = self.{n} {{ built = match {} {{ Some(id) => built.{setter}(id), None => built.{unset}() }}; }}",
                    convert.render("value")
                )),
                Apply::CustomFields(kind, prefix) => Some(format!(
                    "for (id, value) in self.{n} {{ built = built.{kind}_custom_field(convert::id_in(id, {prefix:?})?, value.into_core()?); }}"
                )),
                Apply::Attachments => Some(format!(
                    "for file in self.{n} {{ built = built.attach(convert::upload(file)); }}"
                )),
            }
        })
        .collect();
    let body = if changes.is_empty() {
        format!("Ok({built})")
    } else {
        format!(
            "let mut built = {built};\n{}\nOk(built)",
            changes.join("\n")
        )
    };
    let _ = writeln!(
        out,
        "impl {name} {{\n/// The core's value, each field converted (ids checked, dates read).\npub(crate) fn into_core(self) -> Result<happyfox::{name}> {{\n{body}\n}}\n}}\n"
    );
}

/// `requests.rs`: a record per request and per parameter set, every optional field with a
/// default (Kotlin named arguments, a default-valued Swift initializer).
pub fn requests(api: &Api) -> Result<String> {
    let mut out = format!(
        "//! Write payloads and read parameters as records with defaults: required fields first \
         (in spec order), every optional one null unless given; `assignee` is an `Assignee` \
         (unassign or a staff id) or null (unchanged).\n\n{}",
        prelude("requests")
    );
    for r in &api.requests {
        let fields = request_fields(r).with_context(|| format!("request {}", r.name))?;
        let mut docs: Vec<String> = r.fields.iter().map(|f| f.doc.clone()).collect();
        for cf in &r.custom_fields {
            docs.push(format!(
                "{} custom-field values by field id (sent as `{}<id>`).{}",
                camel(&cf.kind),
                cf.key_prefixes.join("<id>`, `"),
                cf.doc.as_ref().map(|d| format!(" {d}")).unwrap_or_default()
            ));
        }
        if r.attachments {
            docs.push(
                "Files to attach (at most 25 MB in total); any file makes the request multipart."
                    .into(),
            );
        }
        record(&mut out, &r.name, &r.doc, &docs, &fields);
    }
    for p in &api.params {
        let fields = p
            .fields
            .iter()
            .map(record_field)
            .collect::<Result<Vec<_>>>()
            .with_context(|| format!("params {}", p.name))?;
        let docs: Vec<String> = p.fields.iter().map(|f| f.doc.clone()).collect();
        record(&mut out, &p.name, &p.doc, &docs, &fields);
    }
    Ok(out)
}

/// The answer types of every public write, each once, in spec order.
fn written_items(api: &Api) -> Vec<Type> {
    let mut items: Vec<Type> = Vec::new();
    for op in api
        .operations
        .iter()
        .filter(|op| op.public && op.is_write())
    {
        if !items.contains(&op.answer) {
            items.push(op.answer.clone());
        }
    }
    items
}

/// `pages.rs`: a page record per paged item type, a pager object per iterated one, an
/// `Applied` enum per write answer.
pub fn pages(api: &Api) -> Result<String> {
    let mut out = format!(
        "//! Pages of listings, pagers over every page (`next()` gives the next item, null at \
         the end), and what writes answer (`Applied<Model>`: the documented answer, or the raw \
         answer when HappyFox sent another shape: the write happened either way).\n\n{}",
        prelude("pages")
    );
    let items = paged_items(api);
    if !items.is_empty() && !api.models.iter().any(|m| m.name == "PageInfo") {
        bail!("paged answers need a model `PageInfo`");
    }
    for (ty, iterated) in items {
        let name = item_name(&ty);
        let (rust, convert) = answer_item_fn(&ty)?;
        let core = core_type(&ty);
        let _ = writeln!(
            out,
            "/// One page of a listing of {name}.\n#[derive(Debug, Clone, PartialEq, uniffi::Record)]\npub struct {name}Page {{\n\
             /// The items of this page.\npub data: Vec<{rust}>,\n\
             /// Where this page sits, when the server said.\npub page_info: Option<PageInfo>,\n\
             /// The number of items of the whole listing, when the server said.\npub total: Option<i64>,\n}}\n\n\
             impl {name}Page {{\n/// The record of the core's page.\npub(crate) fn from_core(page: happyfox::Page<{core}>) -> Result<Self> {{\n\
             let total = page.total().map(convert::id_out).transpose()?;\n\
             Ok(Self {{\ndata: page.data.into_iter().map({convert}).collect::<Result<_>>()?,\n\
             page_info: page.page_info.map(PageInfo::from_core).transpose()?,\ntotal,\n}})\n}}\n}}\n"
        );
        if iterated {
            let _ = writeln!(
                out,
                "/// Every {name} of a listing, fetched page by page as `next()` is called (one page in memory).\n\
                 #[derive(uniffi::Object)]\npub struct {name}Pager(crate::pager::Pager<{core}>);\n\n\
                 impl {name}Pager {{\npub(crate) fn new(items: happyfox::PageIter<'static, {core}>) -> Arc<Self> {{\nArc::new(Self(crate::pager::Pager::new(items)))\n}}\n}}\n\n\
                 #[uniffi::export]\nimpl {name}Pager {{\n\
                 /// The next item, or null once the listing is over. A page that fails throws; the pager then keeps its place: `resume()` fetches that page again.\n\
                 pub fn next(&self) -> Result<Option<{rust}>> {{\nself.0.next()?.map({convert}).transpose()\n}}\n\n\
                 /// The page the next fetch asks for (after an error, the page that failed); null once the listing is over.\n\
                 pub fn next_page(&self) -> Option<i64> {{\nself.0.next_page()\n}}\n\n\
                 /// After an error, makes the next `next()` fetch the page that failed again.\n\
                 pub fn resume(&self) {{\nself.0.resume();\n}}\n}}\n"
            );
        }
    }
    for ty in written_items(api) {
        let name = item_name(&ty);
        let (rust, convert) = answer_item_fn(&ty)?;
        let _ = writeln!(
            out,
            "/// What a write answering {name} hands back once HappyFox accepted it: do not send it again either way.\n\
             #[derive(Debug, Clone, PartialEq, uniffi::Enum)]\n\
             // UniFFI enums carry their values inline (no `Box`): the answer is the big case.\n\
             #[allow(clippy::large_enum_variant)]\npub enum Applied{name} {{\n\
             /// The documented answer.\nAnswer {{\n/// The answer.\nvalue: {rust},\n}},\n\
             /// A 2xx answer of another shape, kept whole.\nUnrecognized {{\n/// The answer as received.\nraw: crate::answers::RawAnswer,\n}},\n}}\n\n\
             impl Applied{name} {{\n/// The enum of the core's outcome.\npub(crate) fn from_core(applied: happyfox::Applied<{core}>) -> Result<Self> {{\n\
             Ok(match applied {{\nhappyfox::Applied::Answer(value) => Self::Answer {{ value: {convert}(value)? }},\n\
             happyfox::Applied::Unrecognized(raw) => Self::Unrecognized {{ raw: raw.into() }},\n}})\n}}\n}}\n",
            core = core_type(&ty)
        );
    }
    Ok(out)
}

/// The core's type of an answer item.
fn core_type(ty: &Type) -> String {
    match ty {
        Type::Named(named) => format!("happyfox::{}", named.name),
        _ => "u64".to_owned(),
    }
}

/// `endpoints.rs`: the client's method per public operation.
pub fn endpoints(api: &Api) -> Result<String> {
    let mut out = format!(
        "//! The client's methods, one per operation of the spec (named as in the core), and \
         one `iter_...` pager per paged listing. Arguments: path parameters, extra query \
         fields, then the request or the parameters (which default to none set).\n\n\
         use crate::client::HappyFoxClient;\n{}#[uniffi::export]\nimpl HappyFoxClient {{\n",
        prelude("endpoints")
    );
    for op in api.operations.iter().filter(|op| op.public) {
        operation(&mut out, api, op).with_context(|| format!("operation {}", op.name))?;
    }
    out.push_str("}\n");
    Ok(out)
}

fn operation(out: &mut String, api: &Api, op: &Operation) -> Result<()> {
    let mut params = Vec::new();
    let mut prepare = String::new();
    let mut call = Vec::new();
    for p in op.path_params.iter().chain(&op.extra_query) {
        let Argument { ty, convert } = argument(p)?;
        params.push(format!("{}: {ty}", p.ident));
        call.push(convert.render(&p.ident));
    }
    let mut default = None;
    let mut takes = |name: &str, ty: &str, by_ref: &str| {
        params.push(format!("{name}: {ty}"));
        let _ = writeln!(prepare, "let {name} = {by_ref};");
        call.insert(op.path_params.len(), format!("&{name}"));
    };
    match (&op.body, &op.params) {
        (Body::Request(name), _) => takes("request", name, "request.into_core()?"),
        (Body::File(_), _) => takes("file", "UploadFile", "convert::upload(file)"),
        (Body::None, Some(name)) => {
            if api.params_named(name).is_none() {
                bail!("unknown params {name}");
            }
            takes("params", name, "params.into_core()?");
            default = Some("params");
        }
        (Body::None, None) => {}
        (Body::RequestList(_), _) => bail!("bulk operations are written by hand"),
    }
    let signature = params.join(", ");
    let call = call.join(", ");
    let item = item_name(&op.answer);
    let result = format!("self.inner.{}({call})?", op.name);
    let (ret, body) = match (op.is_write(), op.answer_shape) {
        (true, _) => (
            format!("Applied{item}"),
            format!("Applied{item}::from_core({result})"),
        ),
        (false, AnswerShape::One) => (item.clone(), format!("{item}::from_core({result})")),
        (false, AnswerShape::List) => (
            format!("Vec<{item}>"),
            format!("{result}.into_iter().map({item}::from_core).collect()"),
        ),
        (false, AnswerShape::Page) => (
            format!("{item}Page"),
            format!("{item}Page::from_core({result})"),
        ),
    };
    doc(out, &op.doc_with_route());
    if let Some(name) = default {
        let _ = writeln!(out, "#[uniffi::method(default({name}))]");
    }
    let _ = writeln!(
        out,
        "pub fn {}(&self, {signature}) -> Result<{ret}> {{\n{prepare}{body}\n}}\n",
        op.name
    );
    if let Some(iterator) = &op.iterator {
        let _ = writeln!(
            out,
            "/// Every item of `{0}`, fetched lazily page by page (from `params.page`, or 1) as the pager's `next()` is called:\n\
             /// `params.size` items a page, 50 when unset (not HappyFox's default of 10: a fifth of the requests). The next page\n\
             /// is fetched while the caller works on this one (at most one page ahead) unless `ClientOptions.readAhead` is false.\n\
             #[uniffi::method(default(params))]\npub fn {iterator}(&self, params: {1}) -> Result<Arc<{item}Pager>> {{\nOk({item}Pager::new(self.inner.{iterator}(&params.into_core()?)))\n}}\n",
            op.name,
            op.params.as_deref().unwrap_or_default()
        );
    }
    Ok(())
}

/// `query_fields.rs`: the query builder's method per system field.
pub fn query_fields(api: &Api) -> String {
    let mut out = String::from(
        "//! The query builder's methods per system field, from `spec/search.toml`: each returns \
         a new query with the term added (several values match any of them); a value the field \
         does not take throws `InvalidInput`.\n\n\
         use std::sync::Arc;\n\nuse happyfox_query::SystemField;\n\n\
         use crate::errors::Result;\nuse crate::query::Query;\n\n#[uniffi::export]\nimpl Query {\n",
    );
    for field in &api.search.fields {
        let (param, method) = search_argument(field.kind);
        let arg = param.split(':').next().unwrap_or_default();
        doc(&mut out, &field.doc);
        let _ = writeln!(
            out,
            "pub fn {}(&self, {param}) -> Result<Arc<Self>> {{\nself.{method}(SystemField::{}, {arg})\n}}\n",
            field.wire.replace('-', "_"),
            camel(&field.wire)
        );
    }
    out.push_str("}\n");
    out
}
