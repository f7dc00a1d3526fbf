//! The Rust side of the Python package (`bindings/python/src/generated/`): a pyclass per
//! model with typed getters, a page and an iterator class per listing, a namespace class per
//! resource with one method per operation, the request builders, and the query builder's
//! per-field methods.

use std::fmt::Write;

use anyhow::{Result, bail};

use super::types::{Argument, argument, class_name, getter, id_reader, py_name, wrapper};
use super::{Resource, resources};
use crate::codegen::client::doc;
use crate::codegen::model::{
    AnswerShape, Api, Body, Field, Model, Operation, Presence, Request, Scalar, Type, camel, snake,
};

/// `models.rs`: one pyclass per answer model.
pub fn models(api: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Python classes of the answer models: typed read-only attributes converted on access, \
         `extra` for fields the spec does not know, `to_dict()`, `==`, `repr` and pickling.\n\n\
         use pyo3::prelude::*;\nuse pyo3::types::{PyDict, PyType};\n\n\
         use crate::convert;\n#[allow(unused_imports)]\nuse crate::convert::{from_json, json_to_py, map_to_py, to_dict, to_json};\n\n",
    );
    for model in &api.models {
        model_class(&mut out, model)?;
    }
    Ok(out)
}

fn model_class(out: &mut String, model: &Model) -> Result<()> {
    let class = wrapper(&model.name);
    doc(out, &model.doc);
    let _ = writeln!(
        out,
        "#[pyclass(frozen, eq, module = \"happyfox\", name = {:?})]\n#[derive(Clone, PartialEq)]\npub struct {class}(pub happyfox::{});\n",
        model.name, model.name
    );
    let _ = writeln!(out, "#[pymethods]\nimpl {class} {{");
    let names: Vec<String> = model
        .fields
        .iter()
        .map(|f| format!("({:?}, {:?})", py_name(&f.wire), f.wire))
        .collect();
    let _ = writeln!(
        out,
        "/// The model from keyword arguments named as its attributes (nested models, lists, dates and datetimes as Python values), checked as an answer is.\n\
         #[new]\n#[pyo3(signature = (**fields))]\nfn new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {{\n\
         convert::model_from_keywords(fields, &[{}], {:?}).map(Self)\n}}\n",
        names.join(", "),
        model.name
    );
    for field in &model.fields {
        let g =
            getter(field).map_err(|e| e.context(format!("model {}.{}", model.name, field.wire)))?;
        doc(out, &field.doc);
        let (lifetime, python) = if g.rust.contains("'py") {
            ("<'py>", "Python<'py>")
        } else {
            ("", "Python<'_>")
        };
        let py = if g.expr.contains("(py, ") {
            "py"
        } else {
            "_py"
        };
        let _ = writeln!(
            out,
            "#[getter]\n#[pyo3(name = {:?})]\nfn get_{}{lifetime}(&self, {py}: {python}) -> PyResult<{}> {{\n{}\n}}\n",
            py_name(&field.wire),
            field.ident,
            g.rust,
            if g.fallible {
                g.expr
            } else {
                format!("Ok({})", g.expr)
            }
        );
    }
    out.push_str(
        "/// Fields the server sent that the spec does not know, as they came.\n\
         #[getter]\nfn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {\nmap_to_py(py, &self.0.extra)\n}\n\n\
         /// The JSON-shaped dict of the model, as HappyFox sent it (unknown fields included).\n\
         fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {\nto_dict(py, &self.0)\n}\n\n\
         /// Rebuilds the model from `to_dict`'s JSON text (used by pickling).\n\
         #[classmethod]\nfn _from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {\nfrom_json(text).map(Self)\n}\n\n\
         /// The model from JSON text shaped as HappyFox sends it (`to_json()`'s), checked as an answer is: a \
         value of the wrong type raises `DecodeError` naming its path.\n\
         #[classmethod]\nfn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {\nconvert::decode(text.as_bytes()).map(Self)\n}\n\n\
         /// The model from a dict shaped as HappyFox sends it (`to_dict()`'s), checked as an answer is.\n\
         #[classmethod]\nfn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {\nconvert::model_from_py(data).map(Self)\n}\n\n\
         /// The model as JSON text, as HappyFox sends it (unknown fields included).\n\
         #[pyo3(name = \"to_json\")]\nfn to_json_text(&self) -> PyResult<String> {\nto_json(&self.0)\n}\n\n\
         fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {\n\
         Ok((py.get_type::<Self>().getattr(\"_from_json\")?, (to_json(&self.0)?,)))\n}\n\n",
    );
    let shown: Vec<&Field> = model
        .fields
        .iter()
        .filter(|f| f.ty.is_id() || matches!(f.ty, Type::Scalar(Scalar::String | Scalar::Bool)))
        .take(3)
        .collect();
    let names: Vec<String> = shown
        .iter()
        .map(|f| format!("{}={{}}", py_name(&f.wire)))
        .collect();
    let values: Vec<String> = shown
        .iter()
        .map(|f| format!("slf.getattr({:?})?.repr()?", py_name(&f.wire)))
        .collect();
    let _ = writeln!(
        out,
        "fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {{\nOk(format!(\"{{}}({})\", slf.get_type().name()?{}))\n}}\n}}\n",
        names.join(", "),
        values.iter().map(|v| format!(", {v}")).collect::<String>()
    );
    Ok(())
}

/// The item types of every paged answer, each once, in spec order, and whether an iterator
/// walks it.
pub fn paged_items(api: &Api) -> Vec<(Type, bool)> {
    let mut items: Vec<(Type, bool)> = Vec::new();
    for op in api
        .operations
        .iter()
        .filter(|op| op.answer_shape == AnswerShape::Page)
    {
        let iterated = op.iterator.is_some() && op.grouping.is_some();
        match items.iter_mut().find(|(ty, _)| *ty == op.answer) {
            Some(entry) => entry.1 |= iterated,
            None => items.push((op.answer.clone(), iterated)),
        }
    }
    items
}

/// The Rust type of an item, and the pyclass wrapping it for Python (none for ids).
fn item(ty: &Type) -> (String, Option<String>) {
    match ty {
        Type::Named(named) => (
            format!("happyfox::{}", named.name),
            Some(wrapper(&named.name)),
        ),
        _ => ("u64".to_owned(), None),
    }
}

/// `pages.rs`: a page class per paged item type, an iterator class per iterated one.
pub fn pages(api: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Pages of listings (`.data`, `.page_info`, `.total`) and the lazy iterators over \
         every page: the GIL is released while a page is fetched, and Ctrl-C is honoured between \
         items.\n\n\
         use pyo3::prelude::*;\n\n\
         use crate::stream::Stream;\n#[allow(unused_imports)]\nuse super::models::*;\n\n",
    );
    if !paged_items(api).is_empty() && !api.models.iter().any(|m| m.name == "PageInfo") {
        bail!("paged answers need a model `PageInfo`");
    }
    for (ty, iterated) in paged_items(api) {
        let name = class_name(&ty);
        let (rust, wrap) = item(&ty);
        let (data, data_expr, wrap_item) = match &wrap {
            Some(class) => (
                format!("Vec<{class}>"),
                format!("self.0.data.iter().cloned().map({class}).collect()"),
                class.clone(),
            ),
            None => (
                "Vec<u64>".to_owned(),
                "self.0.data.clone()".to_owned(),
                "std::convert::identity".to_owned(),
            ),
        };
        let _ = writeln!(
            out,
            "/// One page of a listing of {name}.\n\
             #[pyclass(frozen, module = \"happyfox\", name = \"{name}Page\")]\n\
             pub struct Py{name}Page(pub happyfox::Page<{rust}>);\n\n\
             #[pymethods]\nimpl Py{name}Page {{\n\
             /// The items of this page.\n#[getter]\nfn data(&self) -> {data} {{\n{data_expr}\n}}\n\n\
             /// Where this page sits, when the server said.\n#[getter]\nfn page_info(&self) -> Option<PyPageInfo> {{\nself.0.page_info.clone().map(PyPageInfo)\n}}\n\n\
             /// The number of items of the whole listing, when the server said.\n#[getter]\nfn total(&self) -> Option<u64> {{\nself.0.total()\n}}\n\n\
             fn __len__(&self) -> usize {{\nself.0.data.len()\n}}\n\n\
             fn __repr__(&self) -> String {{\nformat!(\"{name}Page(items={{}}, total={{}})\", self.0.data.len(), self.0.total().map_or(\"None\".to_owned(), |n| n.to_string()))\n}}\n}}\n"
        );
        if iterated {
            let yielded = if rust == "u64" {
                "u64".to_owned()
            } else {
                wrapper(&name)
            };
            let _ = writeln!(
                out,
                "/// Every {name} of a listing, fetched page by page as it is consumed. After a page \
                 fails, `failed` is true and `resume()` makes the next item fetch that page again.\n\
                 #[pyclass(frozen, module = \"happyfox\", name = \"{name}Iterator\")]\n\
                 pub struct Py{name}Iterator(pub Stream<happyfox::PageIter<'static, {rust}>>);\n\n\
                 #[pymethods]\nimpl Py{name}Iterator {{\n\
                 fn __iter__(slf: Py<Self>) -> Py<Self> {{\nslf\n}}\n\n\
                 fn __next__(&self, py: Python<'_>) -> PyResult<Option<{yielded}>> {{\nself.0.next(py, {wrap_item})\n}}\n\n\
                 /// Whether the last page failed: nothing more is yielded until `resume()`.\n\
                 #[getter]\nfn failed(&self) -> PyResult<bool> {{\nself.0.failed()\n}}\n\n\
                 /// After a failed page: the next item fetches that page again (nothing is skipped or repeated).\n\
                 fn resume(&self) -> PyResult<()> {{\nself.0.resume()\n}}\n\n\
                 /// The page the next fetch asks for (after a failure, the page that failed); None once the listing is over.\n\
                 #[getter]\nfn next_page(&self) -> PyResult<Option<u64>> {{\nself.0.with(|pages| pages.next_page())\n}}\n}}\n"
            );
        }
    }
    Ok(out)
}

/// One Python argument of an operation.
#[derive(Clone)]
struct Arg {
    /// The Python name.
    name: String,
    /// The PyO3 parameter type.
    rust: String,
    /// Whether it must be given.
    required: bool,
    /// How the builder uses it (`v` is the value).
    apply: Apply,
}

/// What the builder does with an argument.
#[derive(Clone)]
enum Apply {
    /// A `new(...)` argument, converted.
    New(String),
    /// A setter call, converted.
    Setter(String, String),
    /// A nullable id: its setter, the setter sending null, the conversion (to an `Option`).
    Nullable(String, String, String),
    /// Custom-field values of a kind.
    CustomFields(String),
    /// Files to attach.
    Attachments,
}

/// The Python name of a custom-field group's argument.
fn custom_fields_arg(kind: &str) -> String {
    if kind == "ticket" {
        "custom_fields".to_owned()
    } else {
        format!("{kind}_custom_fields")
    }
}

fn field_arg(api: &Api, field: &Field, required: bool) -> Result<Arg> {
    let Argument { rust, convert, .. } = argument(api, field)?;
    Ok(Arg {
        name: py_name(&field.wire),
        rust,
        required,
        apply: match (required, &field.null_setter) {
            (true, _) => Apply::New(convert),
            (false, Some(unset)) => Apply::Nullable(field.ident.clone(), unset.clone(), convert),
            (false, None) => Apply::Setter(field.ident.clone(), convert),
        },
    })
}

/// The arguments of a request, in the order of its fields, then custom fields and files.
fn request_args(api: &Api, r: &Request) -> Result<Vec<Arg>> {
    let mut args = Vec::new();
    for field in &r.fields {
        args.push(field_arg(api, field, field.presence == Presence::Required)?);
    }
    for cf in &r.custom_fields {
        args.push(Arg {
            name: custom_fields_arg(&cf.kind),
            rust: "Bound<'_, PyAny>".into(),
            required: false,
            apply: Apply::CustomFields(cf.kind.clone()),
        });
    }
    if r.attachments {
        args.push(Arg {
            name: "attachments".into(),
            rust: "Bound<'_, PyAny>".into(),
            required: false,
            apply: Apply::Attachments,
        });
    }
    Ok(args)
}

fn param_type(arg: &Arg, lifetime: &str) -> String {
    let rust = arg.rust.replace("'_", lifetime);
    if arg.required {
        rust
    } else {
        format!("Option<{rust}>")
    }
}

/// The statements building `request` of type `ty` from the arguments.
fn build(ty: &str, args: &[Arg]) -> String {
    let mut out = String::new();
    let new_args: Vec<String> = args
        .iter()
        .filter_map(|a| match &a.apply {
            Apply::New(convert) if convert == "v" => Some(a.name.clone()),
            Apply::New(convert) => Some(format!("{{ let v = {}; {convert} }}", a.name)),
            _ => None,
        })
        .collect();
    let changes = args.iter().any(|a| !matches!(a.apply, Apply::New(_)));
    let binding = if changes {
        "let mut request"
    } else {
        "let request"
    };
    let _ = writeln!(
        out,
        "{binding} = happyfox::{ty}::new({});",
        new_args.join(", ")
    );
    for a in args {
        let name = &a.name;
        match &a.apply {
            Apply::New(_) => {}
            Apply::Setter(setter, convert) => {
                let _ = writeln!(
                    out,
                    "if let Some(v) = {name} {{ request = request.{setter}({convert}); }}"
                );
            }
            Apply::Nullable(setter, unset, convert) => {
                let _ = writeln!(
                    out,
                    "if let Some(v) = {name} {{ request = match {convert} {{ Some(id) => request.{setter}(id), None => request.{unset}() }}; }}"
                );
            }
            Apply::CustomFields(kind) => {
                let _ = writeln!(
                    out,
                    "if let Some(v) = {name} {{ for (id, value) in convert::custom_fields(&v)? {{ request = request.{kind}_custom_field(id, value); }} }}"
                );
            }
            Apply::Attachments => {
                let _ = writeln!(
                    out,
                    "if let Some(v) = {name} {{ for file in convert::uploads(&v)? {{ request = request.attach(file); }} }}"
                );
            }
        }
    }
    out
}

/// `requests.rs`: a builder per request (Python arguments to the client's payload), and a
/// `from_dict` for the requests that bulk operations take.
pub fn requests(api: &Api) -> Result<String> {
    let mut out = String::from(
        "//! Request builders: Python arguments to the Rust client's payloads, each argument \
         converted once (lists or comma-separated strings, unions, custom fields, files).\n\n\
         #![allow(clippy::too_many_arguments)]\n\n\
         use pyo3::prelude::*;\n#[allow(unused_imports)]\nuse pyo3::types::PyDict;\n\n\
         #[allow(unused_imports)]\nuse crate::convert;\n\n",
    );
    let bulk: Vec<&str> = api
        .operations
        .iter()
        .filter_map(|op| match &op.body {
            Body::RequestList(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let used: Vec<&str> = api
        .operations
        .iter()
        .filter(|op| op.grouping.is_some())
        .filter_map(|op| match &op.body {
            Body::Request(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    for r in &api.requests {
        if !used.contains(&r.name.as_str()) && !bulk.contains(&r.name.as_str()) {
            continue;
        }
        let args = request_args(api, r)?;
        let params: Vec<String> = args
            .iter()
            .map(|a| format!("{}: {}", a.name, param_type(a, "'py")))
            .collect();
        let lifetime = if params.iter().any(|p| p.contains("'py")) {
            "<'py>"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "/// A `{0}` from its Python arguments.\npub(crate) fn build_{1}{lifetime}({2}) -> PyResult<happyfox::{0}> {{\n{3}Ok(request)\n}}\n",
            r.name,
            snake(&r.name),
            params.join(", "),
            build(&r.name, &args)
        );
        if bulk.contains(&r.name.as_str()) {
            let known: Vec<String> = args.iter().map(|a| format!("{:?}", a.name)).collect();
            let values: Vec<String> = args
                .iter()
                .map(|a| {
                    let item = format!("convert::item(d, {:?})?", a.name);
                    let is_any = a.rust.starts_with("Bound");
                    match (a.required, is_any) {
                        (true, true) => {
                            format!("convert::need({item}, {:?}, {:?})?", r.name, a.name)
                        }
                        (true, false) => format!(
                            "convert::need({item}, {:?}, {:?})?.extract()?",
                            r.name, a.name
                        ),
                        (false, true) => item,
                        (false, false) => format!("{item}.map(|v| v.extract()).transpose()?"),
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "/// A `{0}` from a dict of the same arguments (bulk operations).\npub(crate) fn {1}_from_dict<'py>(d: &Bound<'py, PyDict>) -> PyResult<happyfox::{0}> {{\n\
                 convert::check_keys(d, {0:?}, &[{2}])?;\nbuild_{1}({3})\n}}\n",
                r.name,
                snake(&r.name),
                known.join(", "),
                values.join(", ")
            );
        }
    }
    Ok(out)
}

/// `resources.rs`: a namespace class per resource with its operations, and the client's
/// properties that reach them.
pub fn resources_file(api: &Api) -> Result<String> {
    let mut out = String::from(
        "//! The resource namespaces (`client.tickets`, `client.staff`...): one method per \
         operation of the spec. Arguments are converted while the GIL is held, the call runs \
         with the GIL released, the answer is converted after.\n\n\
         #![allow(clippy::too_many_arguments)]\n\n\
         use pyo3::prelude::*;\n\n\
         #[allow(unused_imports)]\nuse crate::convert;\nuse crate::errors::to_py;\n\
         #[allow(unused_imports)]\nuse super::models::*;\n#[allow(unused_imports)]\nuse super::pages::*;\n\
         #[allow(unused_imports)]\nuse super::requests::*;\n\n",
    );
    let groups = resources(api);
    let _ = writeln!(out, "#[pymethods]\nimpl crate::client::PyClient {{");
    for group in &groups {
        let _ = writeln!(
            out,
            "/// {}\n#[getter]\nfn {}(&self) -> Py{} {{\nPy{} {{ client: self.inner.clone() }}\n}}\n",
            group.doc(),
            group.name,
            group.class,
            group.class
        );
    }
    out.push_str("}\n\n");
    for group in &groups {
        let _ = writeln!(
            out,
            "/// {}\n#[pyclass(frozen, module = \"happyfox\", name = {:?})]\npub struct Py{} {{\npub(crate) client: happyfox::Client,\n}}\n\n#[pymethods]\nimpl Py{} {{",
            group.doc(),
            group.class,
            group.class,
            group.class
        );
        let mut readers = Readers::default();
        for op in &group.operations {
            operation(&mut out, api, op, &mut readers)?;
        }
        let _ = writeln!(
            out,
            "fn __repr__(&self) -> &'static str {{\n\"happyfox.{}\"\n}}\n}}\n",
            group.class
        );
        out.push_str(&readers.code);
    }
    Ok(out)
}

/// The Python arguments of an operation: path parameters (positional), then keyword-only
/// parameters, extra query fields, request fields or the file.
fn operation_args(api: &Api, op: &Operation) -> Result<(Vec<Arg>, Vec<Arg>)> {
    let mut positional = Vec::new();
    for p in &op.path_params {
        positional.push(field_arg(api, p, true)?);
    }
    let mut keywords = Vec::new();
    if let Some(name) = &op.params {
        let Some(params) = api.params_named(name) else {
            bail!("{}: unknown params {name}", op.name);
        };
        for field in &params.fields {
            keywords.push(field_arg(api, field, false)?);
        }
    }
    for extra in &op.extra_query {
        keywords.push(field_arg(api, extra, true)?);
    }
    match &op.body {
        Body::Request(name) => {
            let Some(request) = api.request_named(name) else {
                bail!("{}: unknown request {name}", op.name);
            };
            keywords.extend(request_args(api, request)?);
        }
        Body::File(_) => positional.push(Arg {
            name: "file".into(),
            rust: "Bound<'_, PyAny>".into(),
            required: true,
            apply: Apply::New("convert::upload(&v)?".into()),
        }),
        Body::RequestList(_) | Body::None => {}
    }
    Ok((positional, keywords))
}

/// The PyO3 signature of the arguments.
fn signature(positional: &[Arg], keywords: &[Arg]) -> String {
    let mut parts: Vec<String> = positional.iter().map(|a| a.name.clone()).collect();
    if !keywords.is_empty() {
        parts.push("*".into());
        for a in keywords {
            parts.push(if a.required {
                a.name.clone()
            } else {
                format!("{} = None", a.name)
            });
        }
    }
    parts.join(", ")
}

/// The functions that build an operation's params from its keyword arguments, one per
/// params type, written after the class (hand-written readers taking the same arguments, such as
/// `tickets.export`, call them too).
#[derive(Default)]
struct Readers {
    written: std::collections::BTreeSet<String>,
    code: String,
}

impl Readers {
    /// The name of the function building `params` from `keywords` (every one optional),
    /// written the first time it is asked for.
    fn reader(&mut self, params: &str, action: &str, keywords: &[Arg]) -> String {
        let reader = format!("{}_from_keywords", snake(params));
        if self.written.insert(reader.clone()) {
            let arguments: Vec<String> = keywords
                .iter()
                .map(|a| format!("{}: {}", a.name, param_type(a, "'_")))
                .collect();
            let built = build(params, keywords);
            let _ = writeln!(
                self.code,
                "/// The `{params}` of the keyword arguments of `{action}` (and of the other readers taking the same ones).\npub(crate) fn {reader}({}) -> PyResult<happyfox::{params}> {{\n{built}Ok(request)\n}}\n",
                arguments.join(", ")
            );
            if EXTENDED_READERS.contains(&params) {
                self.code
                    .push_str(&method_macro(params, action, &reader, keywords));
            }
        }
        reader
    }
}

/// The params whose keywords hand-written methods take too (`tickets.snapshot` and
/// `tickets.export` in `bindings/python/src`), declared through a generated macro so the
/// keywords are written once, here.
const EXTENDED_READERS: &[&str] = &["ListTickets"];

/// `<params>_method!`: declares a method of a class taking the keywords of `action` (built
/// into one `happyfox::<params>` by `reader`), then extra keywords that default to None.
fn method_macro(params: &str, action: &str, reader: &str, keywords: &[Arg]) -> String {
    let name = format!("{}_method", snake(params));
    let signature: Vec<String> = keywords
        .iter()
        .map(|a| format!("{} = None", a.name))
        .collect();
    let arguments: Vec<String> = keywords
        .iter()
        .map(|a| format!("{}: {}", a.name, param_type(a, "'_")))
        .collect();
    let names: Vec<&str> = keywords.iter().map(|a| a.name.as_str()).collect();
    format!(
        "/// Declares a `#[pymethods]` method of `$class` taking the keyword arguments of `{action}`\n\
         /// (built into the `happyfox::{params}` named `$params`), then `$extra` keywords (None by\n\
         /// default); the caller writes the doc and the body.\n\
         macro_rules! {name} {{\n\
         ($class:ty, $(#[$meta:meta])* fn $name:ident(&$this:ident, $params:ident $(, $extra:ident: $extra_ty:ty)*) -> $ret:ty $body:block) => {{\n\
         #[pymethods]\nimpl $class {{\n$(#[$meta])*\n\
         #[pyo3(signature = (*, {} $(, $extra = None)*))]\n\
         #[allow(clippy::too_many_arguments)]\n\
         fn $name(&$this, {} $(, $extra: $extra_ty)*) -> $ret {{\n\
         let $params = $crate::generated::resources::{reader}({})?;\n$body\n}}\n}}\n}};\n}}\n\
         pub(crate) use {name};\n\n",
        signature.join(", "),
        arguments.join(", "),
        names.join(", ")
    )
}

fn operation(out: &mut String, api: &Api, op: &Operation, readers: &mut Readers) -> Result<()> {
    let Some(grouping) = &op.grouping else {
        return Ok(());
    };
    let (positional, keywords) = operation_args(api, op)?;
    let all: Vec<&Arg> = positional.iter().chain(&keywords).collect();
    let params: Vec<String> = all
        .iter()
        .map(|a| format!("{}: {}", a.name, param_type(a, "'_")))
        .collect();
    // Convert every argument while attached to the interpreter.
    let mut prepare = String::new();
    let mut call_args: Vec<String> = Vec::new();
    for a in &positional {
        match &a.apply {
            Apply::New(convert) if convert == "v" => {}
            Apply::New(convert) => {
                let _ = writeln!(prepare, "let {0} = {{ let v = {0}; {convert} }};", a.name);
            }
            _ => {}
        }
        call_args.push(a.name.clone());
    }
    if let Body::File(_) = op.body
        && let Some(last) = call_args.last_mut()
    {
        *last = "&file".into();
    }
    match (&op.body, &op.params) {
        (Body::Request(name), _) => {
            let Some(request) = api.request_named(name) else {
                bail!("{}: unknown request {name}", op.name);
            };
            let names: Vec<String> = request_args(api, request)?
                .into_iter()
                .map(|a| a.name)
                .collect();
            let _ = writeln!(
                prepare,
                "let request = build_{}({})?;",
                snake(name),
                names.join(", ")
            );
            call_args.push("&request".into());
        }
        (_, Some(params)) => {
            let optional: Vec<Arg> = keywords.iter().filter(|a| !a.required).cloned().collect();
            let reader = readers.reader(params, &grouping.action, &optional);
            let names: Vec<&str> = optional.iter().map(|a| a.name.as_str()).collect();
            let _ = writeln!(prepare, "let params = {reader}({})?;", names.join(", "));
            call_args.push("&params".into());
        }
        _ => {}
    }
    for extra in &op.extra_query {
        let a = field_arg(api, extra, true)?;
        if let Apply::New(convert) = &a.apply {
            let _ = writeln!(prepare, "let {0} = {{ let v = {0}; {convert} }};", a.name);
        }
        call_args.push(a.name.clone());
    }
    let iterator = op.iterator.as_ref().map(|name| {
        let action = grouping.action.strip_prefix("list").map_or_else(
            || format!("iter_{}", grouping.action),
            |rest| format!("iter{rest}"),
        );
        (name.clone(), action)
    });
    let item = class_name(&op.answer);
    let (ret, convert_answer) = match (op.is_write(), op.answer_shape) {
        (true, _) => (
            "Bound<'py, PyAny>".to_owned(),
            format!("crate::answers::applied(py, result, {})", wrapper(&item)),
        ),
        (false, AnswerShape::One) => (
            wrapper(&item),
            format!("result.map({}).map_err(to_py)", wrapper(&item)),
        ),
        (false, AnswerShape::List) => (
            format!("Vec<{}>", wrapper(&item)),
            format!(
                "result.map(|items| items.into_iter().map({}).collect()).map_err(to_py)",
                wrapper(&item)
            ),
        ),
        (false, AnswerShape::Page) => (
            format!("Py{item}Page"),
            format!("result.map(Py{item}Page).map_err(to_py)"),
        ),
    };
    doc(out, &op.doc_with_route());
    let _ = writeln!(
        out,
        "#[pyo3(name = {:?}, signature = ({}))]\nfn op_{}<'py>(&self, py: Python<'py>, {}) -> PyResult<{ret}> {{\n{prepare}let client = self.client.clone();\nlet result = py.detach(move || client.{}({}));\n{convert_answer}\n}}\n",
        grouping.action,
        signature(&positional, &keywords),
        grouping.action,
        params.join(", "),
        op.name,
        call_args.join(", ")
    );
    if let Some((iter_name, action)) = iterator {
        doc(
            out,
            &format!(
                "Every item of `{}`, fetched lazily page by page (from `page`, or 1) as the iterator is consumed: `size` items a page, 50 when unset (not HappyFox's default of 10: a fifth of the requests). The next page is fetched while the loop works on this one (at most one page ahead) unless the client has `read_ahead=False`.",
                grouping.action
            ),
        );
        let kw_params: Vec<String> = keywords
            .iter()
            .map(|a| format!("{}: {}", a.name, param_type(a, "'_")))
            .collect();
        let Some(params) = &op.params else {
            bail!("{}: an iterator needs params", op.name);
        };
        let reader = readers.reader(params, &action, &keywords);
        let names: Vec<&str> = keywords.iter().map(|a| a.name.as_str()).collect();
        let _ = writeln!(
            out,
            "#[pyo3(name = {action:?}, signature = ({}))]\nfn op_{action}(&self, {}) -> PyResult<Py{item}Iterator> {{\nlet params = {reader}({})?;\nOk(Py{item}Iterator(crate::stream::Stream::new(self.client.{iter_name}(&params))))\n}}\n",
            signature(&[], &keywords),
            kw_params.join(", "),
            names.join(", ")
        );
    }
    Ok(())
}

/// `query_fields.rs`: the query builder's method per system field.
pub fn query_fields(api: &Api) -> String {
    let mut out = String::from(
        "//! The query builder's methods per system field, from `spec/search.toml`: each returns \
         a new query with the term added (several values match any of them).\n\n\
         use pyo3::prelude::*;\n\n#[pymethods]\nimpl crate::query::PyQuery {\n",
    );
    for field in &api.search.fields {
        doc(&mut out, &field.doc);
        let _ = writeln!(
            out,
            "#[pyo3(name = {:?}, signature = (*values))]\nfn field_{}(&self, values: Vec<Bound<'_, PyAny>>) -> PyResult<Self> {{\nself.system(happyfox_query::SystemField::{}, &values)\n}}\n",
            py_name(&field.wire.replace('-', "_")),
            field.wire.replace('-', "_"),
            camel(&field.wire)
        );
    }
    out.push_str("}\n");
    out
}

/// `mod.rs`: the modules and the registration of every generated class.
pub fn module(api: &Api) -> String {
    let mut out = String::from(
        "//! Code generated from `spec/` for the Python package.\n\n\
         pub mod ids;\npub mod models;\npub mod pages;\npub mod query_fields;\npub mod requests;\npub mod resources;\n\n\
         use pyo3::prelude::*;\n\n\
         /// Adds every generated class to the module.\npub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {\n",
    );
    for model in &api.models {
        let _ = writeln!(out, "m.add_class::<models::{}>()?;", wrapper(&model.name));
    }
    for (ty, iterated) in paged_items(api) {
        let name = class_name(&ty);
        let _ = writeln!(out, "m.add_class::<pages::Py{name}Page>()?;");
        if iterated {
            let _ = writeln!(out, "m.add_class::<pages::Py{name}Iterator>()?;");
        }
    }
    for group in resources(api) {
        let _ = writeln!(out, "m.add_class::<resources::Py{}>()?;", group.class);
    }
    out.push_str("Ok(())\n}\n");
    out
}

impl Resource<'_> {
    /// The namespace's one-line documentation.
    pub fn doc(&self) -> String {
        format!("The `{}` operations.", self.name)
    }
}

/// `ids.rs`: one reader per kind of id, taking an int or a model the kind identifies (its
/// `id`), so `staff=agent` works where `staff=agent.id` does.
pub fn ids(api: &Api) -> String {
    let mut out = String::from(
        "//! The kinds of id as Python arguments: an int, or the model the id identifies \
         (`staff=agent`, `status=lookups.status(\"Closed\")`).\n\n\
         use pyo3::prelude::*;\n\n#[allow(unused_imports)]\nuse super::models::*;\n\n",
    );
    for kind in api
        .ids
        .iter()
        .filter(|kind| taken_as_argument(api, &kind.name))
    {
        let checks: Vec<String> = kind
            .identifies
            .iter()
            .map(|model| format!("value.is_instance_of::<{}>()", wrapper(model)))
            .collect();
        let check = if checks.is_empty() {
            "false".to_owned()
        } else {
            checks.join(" || ")
        };
        let _ = writeln!(
            out,
            "/// A `{0}` argument named `name`: an int, or a {1}.\n\
             pub fn {2}(value: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {{\n\
             crate::convert::id(value, name, {check}, {1:?})\n}}\n",
            kind.name,
            kind.identifies.join(" or "),
            id_reader(kind)
        );
    }
    out
}

/// Whether some argument takes the kind of id `name`: a field of a payload, of query
/// parameters or of a path, or a value of a union (hand-written conversions read those).
fn taken_as_argument(api: &Api, name: &str) -> bool {
    let names = |ty: &Type| match ty {
        Type::Named(named) => named.name == name,
        Type::List(item) => matches!(item.as_ref(), Type::Named(named) if named.name == name),
        Type::Scalar(_) => false,
    };
    let fields = api
        .requests
        .iter()
        .flat_map(|r| &r.fields)
        .chain(api.params.iter().flat_map(|p| &p.fields))
        .chain(
            api.operations
                .iter()
                .flat_map(|op| op.path_params.iter().chain(&op.extra_query)),
        );
    let unions = api.unions.iter().flat_map(|u| &u.variants);
    fields.map(|f| &f.ty).any(names)
        || unions
            .filter_map(|v| match &v.shape {
                crate::codegen::model::VariantShape::Value(ty) => Some(ty),
                crate::codegen::model::VariantShape::Constant(_) => None,
            })
            .any(names)
}
