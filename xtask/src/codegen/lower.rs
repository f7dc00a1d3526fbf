//! Lowering: reads every file of a spec folder, checks it, and resolves it into the
//! language-neutral [`Api`] model. A mistake stops here, naming the spec file and the entry
//! (`spec/tickets.toml: endpoint `get_ticket`: ...`), never later as a rustc error in
//! generated code.

use std::collections::HashMap;
use std::fmt::Display;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::model::{
    AnswerShape, Api, Availability, Body, Capability, CustomFieldGroup, DeclaredKind, Encoding,
    Enum, EnumVariant, External, ExternalShape, Field, Grouping, IdKind, InputRule, InputRuleField,
    InputRuleType, Method, Model, Named, NamedKind, Operation, Params, Presence, Range, Request,
    Scalar, Search, SearchField, SearchKind, Segment, SortOption, Surface, TextValue, Type, Union,
    UnionVariant, VariantShape,
};
use super::spec_toml::{
    CapabilitiesDef, EndpointDef, ErrorsDef, ExternalDef, FieldDef, Module, RequestDef, SearchDef,
    UnionDef,
};

/// The search language's file; every `.toml` of the folder but it, the capabilities and the
/// errors is an API module.
const SEARCH_FILE: &str = "search.toml";
/// The capabilities the core adds by hand, and their names in each surface.
const CAPABILITIES_FILE: &str = "capabilities.toml";
/// The rules an input can break before anything is sent.
const ERRORS_FILE: &str = "errors.toml";

/// The comparisons a date field's wire name may end with, longest first so that
/// `-on-or-before` is not taken for `-before`.
const COMPARISONS: [&str; 5] = ["on-or-before", "on-or-after", "before", "after", "on"];

/// The name of the union every custom-field value has (it must be declared).
const FIELD_VALUE: &str = "FieldValue";
/// The name of the external type of an attached file (declared when a request takes files).
const UPLOAD: &str = "UploadFile";

/// Reads, checks and lowers every spec file of `dir` (named `spec/<file>` in errors).
pub fn load(dir: &Path) -> Result<Api> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    let mut modules = Vec::new();
    let mut search = None;
    let mut capabilities = Vec::new();
    let mut input_rules = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        if name == CAPABILITIES_FILE {
            let def: CapabilitiesDef =
                toml::from_str(&text).map_err(|e| anyhow!("spec/{name}: {e}"))?;
            capabilities = lower_capabilities(&def)?;
        } else if name == ERRORS_FILE {
            let def: ErrorsDef = toml::from_str(&text).map_err(|e| anyhow!("spec/{name}: {e}"))?;
            input_rules = lower_input_rules(&def)?;
        } else if name == SEARCH_FILE {
            let def: SearchDef = toml::from_str(&text).map_err(|e| anyhow!("spec/{name}: {e}"))?;
            search = Some(def);
        } else {
            let module: Module = toml::from_str(&text).map_err(|e| anyhow!("spec/{name}: {e}"))?;
            modules.push((name, module));
        }
    }
    let search = match search {
        Some(def) => lower_search(&def)?,
        None => Search::default(),
    };
    let mut api = Lowering::new(&modules)?.lower(&modules, search)?;
    api.capabilities = capabilities;
    api.input_rules = input_rules;
    Ok(api)
}

/// The input rules: names UpperCamelCase and unique, their data's names snake case and
/// unique, of a known type.
fn lower_input_rules(def: &ErrorsDef) -> Result<Vec<InputRule>> {
    let mut rules: Vec<InputRule> = Vec::new();
    for rule in &def.input_rule {
        let entry = format!("input_rule `{}`", rule.name);
        if !rule.name.starts_with(|c: char| c.is_ascii_uppercase())
            || !rule.name.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(fail(ERRORS_FILE, entry, "the name is not UpperCamelCase"));
        }
        if rules.iter().any(|r| r.name == rule.name) {
            return Err(fail(ERRORS_FILE, entry, "declared twice"));
        }
        let mut fields: Vec<InputRuleField> = Vec::new();
        for field in &rule.field {
            let entry = format!("{entry}: field `{}`", field.name);
            if field.name.is_empty()
                || !field
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(fail(ERRORS_FILE, entry, "the name is not snake_case"));
            }
            if fields.iter().any(|f| f.name == field.name) {
                return Err(fail(ERRORS_FILE, entry, "declared twice"));
            }
            let ty = match field.ty.as_str() {
                "u64" => InputRuleType::U64,
                "usize" => InputRuleType::Usize,
                "strings" => InputRuleType::Strings,
                other => {
                    return Err(fail(
                        ERRORS_FILE,
                        entry,
                        format!("unknown type `{other}` (u64, usize or strings)"),
                    ));
                }
            };
            fields.push(InputRuleField {
                name: field.name.clone(),
                ty,
                doc: field.doc.clone(),
            });
        }
        rules.push(InputRule {
            name: rule.name.clone(),
            doc: rule.doc.clone(),
            fields,
        });
    }
    Ok(rules)
}

/// The declared capabilities: each surface named or out of scope with a reason, never both
/// and never neither; names unique.
fn lower_capabilities(def: &CapabilitiesDef) -> Result<Vec<Capability>> {
    let mut seen = std::collections::HashSet::new();
    def.capability
        .iter()
        .map(|c| {
            let entry = format!("capability `{}`", c.name);
            if !seen.insert(c.name.as_str()) {
                return Err(fail(CAPABILITIES_FILE, entry, "declared twice"));
            }
            if let Some(unknown) = c
                .out
                .keys()
                .find(|k| !Surface::ALL.iter().any(|s| s.key() == k.as_str()))
            {
                return Err(fail(
                    CAPABILITIES_FILE,
                    entry,
                    format!("`out.{unknown}` names no surface (known: rust, python, kotlin, swift, cli, mcp)"),
                ));
            }
            let surfaces = Surface::ALL
                .into_iter()
                .map(|surface| {
                    let named = match surface {
                        Surface::Rust => &c.rust,
                        Surface::Python => &c.python,
                        Surface::Kotlin => &c.kotlin,
                        Surface::Swift => &c.swift,
                        Surface::Cli => &c.cli,
                        Surface::Mcp => &c.mcp,
                    };
                    let presence = match (named, c.out.get(surface.key())) {
                        (Some(name), None) => Availability::Named(name.clone()),
                        (None, Some(reason)) => Availability::Out(reason.clone()),
                        (Some(_), Some(_)) => {
                            return Err(fail(
                                CAPABILITIES_FILE,
                                entry.clone(),
                                format!("`{0}` and `out.{0}` both given", surface.key()),
                            ));
                        }
                        (None, None) => {
                            return Err(fail(
                                CAPABILITIES_FILE,
                                entry.clone(),
                                format!(
                                    "no `{0}` name: give it, or `out.{0}` with why the surface goes without",
                                    surface.key()
                                ),
                            ));
                        }
                    };
                    Ok((surface, presence))
                })
                .collect::<Result<_>>()?;
            Ok(Capability {
                name: c.name.clone(),
                summary: c.summary.clone(),
                surfaces,
            })
        })
        .collect()
}

/// An error about one entry of one spec file.
/// Checks that every model an `[[id]]` `identifies` exists and has an `id` field of that kind.
fn check_identified(api: &Api, types: &HashMap<String, (NamedKind, String)>) -> Result<()> {
    for id in &api.ids {
        let file = types.get(&id.name).map_or("?", |(_, file)| file.as_str());
        for model in &id.identifies {
            let field = api
                .models
                .iter()
                .find(|m| &m.name == model)
                .ok_or_else(|| {
                    fail(
                        file,
                        format!("id `{}`", id.name),
                        format!("`identifies` names `{model}`, which is not a model"),
                    )
                })?
                .fields
                .iter()
                .find(|f| f.wire == "id");
            let of_kind =
                field.is_some_and(|f| matches!(&f.ty, Type::Named(named) if named.name == id.name));
            if !of_kind {
                return Err(fail(
                    file,
                    format!("id `{}`", id.name),
                    format!(
                        "`identifies` names `{model}`, whose `id` field is not a `{}`",
                        id.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn fail(file: &str, entry: impl Display, message: impl Display) -> anyhow::Error {
    anyhow!("spec/{file}: {entry}: {message}")
}

/// The names every module declares, so types can be resolved across files.
struct Lowering {
    /// Every declared type name, with its kind and file.
    types: HashMap<String, (NamedKind, String)>,
    /// Request names, with their file.
    requests: HashMap<String, String>,
    /// Parameter set names, with whether they are paged.
    params: HashMap<String, bool>,
}

impl Lowering {
    /// Collects every name, refusing one declared twice.
    fn new(modules: &[(String, Module)]) -> Result<Self> {
        let reserved = super::reserved::core_root_names()?;
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut declare = |file: &str, what: &str, name: &str| -> Result<()> {
            // Unions and externals declare the hand-written types themselves.
            let generated = !matches!(what, "union" | "external");
            if generated && reserved.contains(name) {
                return Err(fail(
                    file,
                    format!("{what} `{name}`"),
                    format!(
                        "the name is the hand-written `happyfox::{name}` (crates/happyfox/src/lib.rs): the root's glob re-export would hide it; choose another name"
                    ),
                ));
            }
            if let Some(first) = seen.insert(name.to_owned(), file.to_owned()) {
                return Err(fail(
                    file,
                    format!("{what} `{name}`"),
                    format!("the name is already declared in spec/{first}"),
                ));
            }
            Ok(())
        };
        let mut types = HashMap::new();
        let mut requests = HashMap::new();
        let mut params = HashMap::new();
        for (file, module) in modules {
            for e in &module.enums {
                declare(file, "enum", &e.name)?;
                types.insert(e.name.clone(), (NamedKind::Enum, file.clone()));
            }
            for m in &module.models {
                declare(file, "model", &m.name)?;
                types.insert(m.name.clone(), (NamedKind::Model, file.clone()));
                if let Some(partial) = &m.partial {
                    declare(file, "model", partial)?;
                    types.insert(partial.clone(), (NamedKind::Model, file.clone()));
                }
            }
            for u in &module.unions {
                declare(file, "union", &u.name)?;
                types.insert(u.name.clone(), (NamedKind::Union, file.clone()));
            }
            for x in &module.externals {
                declare(file, "external", &x.name)?;
                types.insert(x.name.clone(), (NamedKind::External, file.clone()));
            }
            for id in &module.ids {
                declare(file, "id", &id.name)?;
                types.insert(id.name.clone(), (NamedKind::Id, file.clone()));
            }
            for r in &module.requests {
                declare(file, "request", &r.name)?;
                requests.insert(r.name.clone(), file.clone());
            }
            for p in &module.params {
                declare(file, "params", &p.name)?;
                let has = |name: &str| p.fields.iter().any(|f| f.name == name && f.ty == "u64");
                params.insert(p.name.clone(), has("page") && has("size"));
            }
        }
        let mut operations: HashMap<&str, &str> = HashMap::new();
        for (file, module) in modules {
            for e in &module.endpoints {
                if let Some(first) = operations.insert(&e.name, file) {
                    return Err(fail(
                        file,
                        format!("endpoint `{}`", e.name),
                        format!("the name is already declared in spec/{first}"),
                    ));
                }
            }
        }
        let mut groupings: HashMap<(&str, &str), &str> = HashMap::new();
        for (file, module) in modules {
            for e in &module.endpoints {
                if let (Some(resource), Some(action)) = (&e.resource, &e.action)
                    && let Some(first) = groupings.insert((resource, action), &e.name)
                {
                    return Err(fail(
                        file,
                        format!("endpoint `{}`", e.name),
                        format!("`{resource}.{action}` is already endpoint `{first}`"),
                    ));
                }
            }
        }
        Ok(Self {
            types,
            requests,
            params,
        })
    }

    fn lower(&self, modules: &[(String, Module)], search: Search) -> Result<Api> {
        let mut api = Api {
            search,
            ..Api::default()
        };
        for (file, module) in modules {
            for e in &module.enums {
                api.enums.push(Enum {
                    name: e.name.clone(),
                    doc: e.doc.clone(),
                    variants: e
                        .variants
                        .iter()
                        .map(|v| EnumVariant {
                            wire: v.wire.clone(),
                            name: v.name.clone(),
                            doc: v.doc.clone(),
                        })
                        .collect(),
                });
            }
            for m in &module.models {
                let entry = format!("model `{}`", m.name);
                let fields = self.fields(file, &entry, &m.fields)?;
                api.models.push(Model {
                    name: m.name.clone(),
                    doc: m.doc.clone(),
                    fields: fields.clone(),
                });
                if let Some(partial) = &m.partial {
                    api.models.push(Model {
                        name: partial.clone(),
                        doc: format!(
                            "{}\n\nEvery field is optional: the answer of a `fields=` projection holds only the fields asked for.",
                            m.doc
                        ),
                        fields: fields
                            .into_iter()
                            .map(|f| Field {
                                presence: Presence::Optional,
                                null_setter: None,
                                ..f
                            })
                            .collect(),
                    });
                }
            }
            for u in &module.unions {
                api.unions.push(self.union(file, u)?);
            }
            for x in &module.externals {
                api.externals.push(self.external(file, x, &api.search)?);
            }
            for id in &module.ids {
                api.ids.push(IdKind {
                    name: id.name.clone(),
                    doc: id.doc.clone(),
                    identifies: id.identifies.clone(),
                });
            }
            for r in &module.requests {
                api.requests.push(self.request(file, r)?);
            }
            for p in &module.params {
                let entry = format!("params `{}`", p.name);
                let fields = self.fields(file, &entry, &p.fields)?;
                if let Some(f) = fields.iter().find(|f| f.presence != Presence::Optional) {
                    return Err(fail(
                        file,
                        &entry,
                        format!("field `{}`: parameters are always optional", f.wire),
                    ));
                }
                api.params.push(Params {
                    name: p.name.clone(),
                    doc: p.doc.clone(),
                    paged: self.params[&p.name],
                    fields,
                });
            }
            for e in &module.endpoints {
                api.operations.push(self.operation(file, e)?);
            }
        }
        check_identified(&api, &self.types)?;
        if api.requests.iter().any(|r| !r.custom_fields.is_empty())
            && api.union_named(FIELD_VALUE).is_none()
        {
            bail!(
                "spec: requests take custom fields, but no union `{FIELD_VALUE}` declares their values"
            );
        }
        Ok(api)
    }

    /// Resolves a type written in the spec: a scalar, `list<T>`, or a declared name.
    fn ty(&self, text: &str) -> std::result::Result<Type, String> {
        if let Some(item) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
            return Ok(Type::List(Box::new(self.ty(item)?)));
        }
        let scalar = match text {
            "string" => Scalar::String,
            "bool" => Scalar::Bool,
            "u64" => Scalar::U64,
            "i64" => Scalar::I64,
            "f64" => Scalar::F64,
            "json" => Scalar::Json,
            "timestamp" => Scalar::Timestamp,
            "date" => Scalar::Date,
            "bytes" => Scalar::Bytes,
            name => {
                return match self.types.get(name) {
                    Some((kind, _)) => Ok(Type::Named(Named {
                        name: name.to_owned(),
                        kind: *kind,
                    })),
                    None => Err(format!("unknown type `{name}`")),
                };
            }
        };
        Ok(Type::Scalar(scalar))
    }

    fn fields(&self, file: &str, entry: &str, defs: &[FieldDef]) -> Result<Vec<Field>> {
        let mut fields: Vec<Field> = Vec::new();
        for def in defs {
            if fields.iter().any(|f| f.wire == def.name) {
                return Err(fail(
                    file,
                    entry,
                    format!("field `{}` is listed twice", def.name),
                ));
            }
            fields.push(self.field(file, entry, def)?);
        }
        Ok(fields)
    }

    fn field(&self, file: &str, entry: &str, def: &FieldDef) -> Result<Field> {
        let here = |message: String| fail(file, entry, format!("field `{}`: {message}", def.name));
        let ty = self.ty(&def.ty).map_err(here)?;
        let encoding = match def.encoding.as_deref() {
            None => Encoding::Plain,
            Some("csv") if matches!(&ty, Type::List(item) if **item == Type::Scalar(Scalar::String)) => {
                Encoding::Csv
            }
            Some("lenient") if ty.is_id() => Encoding::Lenient,
            Some("iso") if ty == Type::Scalar(Scalar::Timestamp) => Encoding::Iso,
            Some(other) => {
                return Err(here(format!(
                    "encoding `{other}` does not apply to `{}` (csv: list<string>; lenient: u64 or an id; iso: timestamp)",
                    def.ty
                )));
            }
        };
        let presence = match (def.required, def.nullable) {
            (true, true) => return Err(here("a required field cannot be nullable".into())),
            (true, false) => Presence::Required,
            (false, true) => Presence::Nullable,
            (false, false) => Presence::Optional,
        };
        let null_setter = match (presence, &def.null_setter) {
            (Presence::Nullable, Some(name)) => Some(name.clone()),
            (Presence::Nullable, None) => {
                return Err(here(
                    "a nullable field needs `null_setter`, the name of the setter that sends null (e.g. `unassign`)".into(),
                ));
            }
            (_, Some(_)) => {
                return Err(here("`null_setter` applies to nullable fields only".into()));
            }
            (_, None) => None,
        };
        let range = match (def.min, def.max) {
            (None, None) => None,
            (min, max) if ty == Type::Scalar(Scalar::U64) => Some(Range {
                min: min.unwrap_or(0),
                max,
            }),
            _ => return Err(here("`min` / `max` apply to u64 fields only".into())),
        };
        Ok(Field {
            wire: def.name.clone(),
            ident: def.rust.clone().unwrap_or_else(|| def.name.clone()),
            ty,
            encoding,
            presence,
            null_setter,
            aliases: def.aliases.clone(),
            default: def.default.clone(),
            range,
            doc: def.doc.clone(),
        })
    }

    fn union(&self, file: &str, def: &UnionDef) -> Result<Union> {
        let entry = format!("union `{}`", def.name);
        let mut variants: Vec<UnionVariant> = Vec::new();
        for v in &def.variants {
            if variants.iter().any(|known| known.name == v.name) {
                return Err(fail(
                    file,
                    &entry,
                    format!("variant `{}` is listed twice", v.name),
                ));
            }
            let shape = match (&v.wire, &v.ty) {
                (Some(wire), None) => VariantShape::Constant(wire.clone()),
                (None, Some(ty)) => VariantShape::Value(
                    self.ty(ty)
                        .map_err(|m| fail(file, &entry, format!("variant `{}`: {m}", v.name)))?,
                ),
                _ => {
                    return Err(fail(
                        file,
                        &entry,
                        format!(
                            "variant `{}` needs exactly one of `wire` (a constant) or `type` (a value)",
                            v.name
                        ),
                    ));
                }
            };
            variants.push(UnionVariant {
                name: v.name.clone(),
                doc: v.doc.clone(),
                shape,
            });
        }
        Ok(Union {
            name: def.name.clone(),
            doc: def.doc.clone(),
            variants,
        })
    }

    fn external(&self, file: &str, def: &ExternalDef, search: &Search) -> Result<External> {
        let entry = format!("external `{}`", def.name);
        let shape = match (def.shape.as_deref(), def.fields.is_empty()) {
            (Some("text"), true) => ExternalShape::Text {
                values: match def.values_from.as_deref() {
                    None => Vec::new(),
                    Some("search.sort") => search
                        .sorts
                        .iter()
                        .map(|s| TextValue {
                            wire: s.wire.clone(),
                            name: s.name.clone(),
                        })
                        .collect(),
                    Some(other) => {
                        return Err(fail(
                            file,
                            &entry,
                            format!("unknown `values_from` `{other}` (known: search.sort)"),
                        ));
                    }
                },
            },
            (None, false) => ExternalShape::Record(self.fields(file, &entry, &def.fields)?),
            _ => {
                return Err(fail(
                    file,
                    &entry,
                    "give either `shape = \"text\"` or the record's `fields`",
                ));
            }
        };
        Ok(External {
            name: def.name.clone(),
            doc: def.doc.clone(),
            shape,
        })
    }

    fn request(&self, file: &str, def: &RequestDef) -> Result<Request> {
        let entry = format!("request `{}`", def.name);
        let fields = self.fields(file, &entry, &def.fields)?;
        for group in &def.one_of {
            if group.len() < 2 {
                return Err(fail(
                    file,
                    &entry,
                    "a one_of group needs at least two fields",
                ));
            }
            for name in group {
                match fields.iter().find(|f| &f.wire == name) {
                    None => {
                        return Err(fail(
                            file,
                            &entry,
                            format!("one_of names the unknown field `{name}`"),
                        ));
                    }
                    Some(f) if f.presence == Presence::Required => {
                        return Err(fail(
                            file,
                            &entry,
                            format!("one_of names `{name}`, which is required anyway"),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        let mut custom_fields: Vec<CustomFieldGroup> = Vec::new();
        for cf in &def.custom_fields {
            if !matches!(cf.kind.as_str(), "ticket" | "contact") {
                return Err(fail(
                    file,
                    &entry,
                    format!("custom field kind `{}` is not ticket or contact", cf.kind),
                ));
            }
            if custom_fields.iter().any(|known| known.kind == cf.kind) || cf.keys.is_empty() {
                return Err(fail(
                    file,
                    &entry,
                    format!(
                        "custom fields `{}`: one group per kind, with at least one key",
                        cf.kind
                    ),
                ));
            }
            custom_fields.push(CustomFieldGroup {
                kind: cf.kind.clone(),
                key_prefixes: cf.keys.clone(),
                value: Type::Named(Named {
                    name: FIELD_VALUE.to_owned(),
                    kind: NamedKind::Union,
                }),
                required: cf.required,
                doc: cf.doc.clone(),
            });
        }
        if def.attachments && !self.types.contains_key(UPLOAD) {
            return Err(fail(
                file,
                &entry,
                format!("takes attachments, but no external `{UPLOAD}` is declared"),
            ));
        }
        Ok(Request {
            name: def.name.clone(),
            doc: def.doc.clone(),
            fields,
            custom_fields,
            one_of: def.one_of.clone(),
            attachments: def.attachments,
        })
    }

    fn operation(&self, file: &str, def: &EndpointDef) -> Result<Operation> {
        let entry = format!("endpoint `{}`", def.name);
        let err = |message: String| fail(file, &entry, message);
        let method = match def.method.as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            other => return Err(err(format!("method `{other}` is not GET or POST"))),
        };
        let segments = path_segments(&def.path).map_err(&err)?;
        let mut path_params = Vec::new();
        for segment in &segments {
            if let Segment::Param(name) = segment {
                let def = def
                    .path_params
                    .iter()
                    .find(|p| &p.name == name)
                    .ok_or_else(|| {
                        err(format!(
                            "path `{}` has `{{{name}}}`, which path_params does not declare",
                            def.path
                        ))
                    })?;
                let field = self.field(file, &entry, def)?;
                path_params.push(field);
            }
        }
        if let Some(extra) = def
            .path_params
            .iter()
            .find(|p| !segments.contains(&Segment::Param(p.name.clone())))
        {
            return Err(err(format!(
                "path parameter `{}` is missing from the path `{}`",
                extra.name, def.path
            )));
        }
        if let Some(params) = &def.params
            && !self.params.contains_key(params)
        {
            return Err(err(format!("unknown params `{params}`")));
        }
        let extra_query = self.fields(file, &entry, &def.extra_query)?;
        let body = match (&def.body, &def.file_field) {
            (Some(_), Some(_)) => return Err(err("`body` and `file_field` are exclusive".into())),
            (None, None) => Body::None,
            (None, Some(field)) => Body::File(field.clone()),
            (Some(body), None) => {
                let (name, list) =
                    match body.strip_prefix("list<").and_then(|b| b.strip_suffix('>')) {
                        Some(item) => (item, true),
                        None => (body.as_str(), false),
                    };
                if !self.requests.contains_key(name) {
                    return Err(err(format!("unknown request `{name}`")));
                }
                if list {
                    Body::RequestList(name.to_owned())
                } else {
                    Body::Request(name.to_owned())
                }
            }
        };
        if method == Method::Get && body != Body::None {
            return Err(err("a GET has no body".into()));
        }
        if method == Method::Post && def.params.is_some() {
            return Err(err("a POST takes a body, not params".into()));
        }
        let (shape, item) = if let Some(item) = def
            .response
            .strip_prefix("page<")
            .and_then(|t| t.strip_suffix('>'))
        {
            (AnswerShape::Page, item)
        } else if let Some(item) = def
            .response
            .strip_prefix("list<")
            .and_then(|t| t.strip_suffix('>'))
        {
            (AnswerShape::List, item)
        } else {
            (AnswerShape::One, def.response.as_str())
        };
        let answer = self.ty(item).map_err(|m| err(format!("response: {m}")))?;
        let answer_ok = matches!(
            &answer,
            Type::Named(Named {
                kind: NamedKind::Model,
                ..
            })
        ) || answer == Type::Scalar(Scalar::U64) && shape != AnswerShape::One;
        if !answer_ok {
            return Err(err(format!(
                "response `{}` must be a model, list<model>, page<model> or page<u64>",
                def.response
            )));
        }
        if def.iterate.is_some() {
            let paged = def.params.as_ref().is_some_and(|p| self.params[p]);
            if shape != AnswerShape::Page || !paged {
                return Err(err(
                    "`iterate` needs a page<...> response and params with page and size".into(),
                ));
            }
        }
        let word = |text: &str| {
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        let public = match def.visibility.as_deref() {
            None => true,
            Some("crate") => false,
            Some(other) => return Err(err(format!("unknown visibility `{other}` (known: crate)"))),
        };
        let grouping = match (&def.resource, &def.action) {
            (None, None) if public => {
                return Err(err(
                    "a public endpoint needs `resource` and `action` (its place in the Python package and the CLI); `visibility = \"crate\"` keeps it inside the core".into(),
                ));
            }
            (None, None) => None,
            (Some(resource), Some(action)) if word(resource) && word(action) => Some(Grouping {
                resource: resource.clone(),
                action: action.clone(),
            }),
            _ => {
                return Err(err(
                    "`resource` and `action` go together, each a lowercase word of [a-z0-9_]"
                        .into(),
                ));
            }
        };
        let cli = match (&def.cli, &def.cli_out) {
            (Some(_), Some(_)) => return Err(err("give `cli` or `cli_out`, not both".into())),
            (Some(name), None) => Some(Availability::Named(name.clone())),
            (None, Some(reason)) => Some(Availability::Out(reason.clone())),
            (None, None) => None,
        };
        Ok(Operation {
            name: def.name.clone(),
            grouping,
            method,
            path: def.path.clone(),
            segments,
            path_params,
            params: def.params.clone(),
            fixed_query: def.fixed_query.clone(),
            extra_query,
            body,
            answer,
            answer_shape: shape,
            iterator: def.iterate.clone(),
            public,
            destructive: def.destructive,
            idempotent: def.idempotent || method == Method::Get,
            cli,
            reference: def.reference.clone(),
            doc: def.doc.clone(),
        })
    }
}

/// Splits a path template into literals and `{param}`s.
fn path_segments(path: &str) -> std::result::Result<Vec<Segment>, String> {
    if !path.starts_with('/') {
        return Err(format!("path `{path}` must start with `/`"));
    }
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| format!("path `{path}` has an unclosed `{{`"))?;
        if open > 0 {
            segments.push(Segment::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        if name.is_empty() || segments.contains(&Segment::Param(name.to_owned())) {
            return Err(format!("path `{path}` has an empty or repeated parameter"));
        }
        segments.push(Segment::Param(name.to_owned()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_owned()));
    }
    Ok(segments)
}

/// Lowers `spec/search.toml`: kinds resolved, date fields split, names checked.
fn lower_search(def: &SearchDef) -> Result<Search> {
    let file = SEARCH_FILE;
    let wires = def
        .field
        .iter()
        .map(|f| ("field", &f.wire))
        .chain(def.sort.iter().map(|s| ("sort", &s.wire)));
    let mut seen: Vec<(&str, &String)> = Vec::new();
    for (what, wire) in wires {
        if wire.is_empty()
            || !wire
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(fail(
                file,
                format!("{what} `{wire}`"),
                "not a lowercase word of [a-z0-9_-]",
            ));
        }
        if seen.contains(&(what, wire)) {
            return Err(fail(file, format!("{what} `{wire}`"), "listed twice"));
        }
        seen.push((what, wire));
    }
    let mut kinds: Vec<DeclaredKind> = Vec::new();
    for k in &def.kind {
        let entry = format!("kind `{}`", k.name);
        let kind = SearchKind::from_name(&k.name).ok_or_else(|| {
            fail(
                file,
                &entry,
                "unknown to the generator (text, id, date, bool, duedate, keyword)",
            )
        })?;
        if kinds.iter().any(|known| known.kind == kind) {
            return Err(fail(file, entry, "listed twice"));
        }
        kinds.push(DeclaredKind {
            kind,
            doc: k.doc.clone(),
        });
    }
    let mut fields = Vec::new();
    for f in &def.field {
        let entry = format!("field `{}`", f.wire);
        let kind = def
            .kind
            .iter()
            .zip(&kinds)
            .find(|(k, _)| k.name == f.kind)
            .map(|(_, declared)| declared.kind)
            .ok_or_else(|| fail(file, &entry, format!("kind `{}` is not a [[kind]]", f.kind)))?;
        let date = if kind == SearchKind::Date {
            Some(date_parts(&f.wire).ok_or_else(|| {
                fail(
                    file,
                    &entry,
                    format!(
                        "a date field must be named `<moment>-<comparison>`, comparison one of {}",
                        COMPARISONS.join(", ")
                    ),
                )
            })?)
        } else {
            None
        };
        fields.push(SearchField {
            wire: f.wire.clone(),
            kind,
            date,
            doc: f.doc.clone(),
        });
    }
    let sorts = def
        .sort
        .iter()
        .map(|s| SortOption {
            wire: s.wire.clone(),
            name: s.name.clone(),
            doc: s.doc.clone(),
        })
        .collect();
    Ok(Search {
        kinds,
        fields,
        sorts,
    })
}

/// Splits a date field's wire name into its moment and comparison.
fn date_parts(wire: &str) -> Option<(String, String)> {
    COMPARISONS.iter().find_map(|comparison| {
        let moment = wire.strip_suffix(comparison)?.strip_suffix('-')?;
        (!moment.is_empty()).then(|| (moment.to_owned(), (*comparison).to_owned()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_names_split_on_the_longest_comparison() {
        let parts = |wire| date_parts(wire).map(|(m, c)| format!("{m}|{c}"));
        assert_eq!(
            parts("created-on-or-before").as_deref(),
            Some("created|on-or-before")
        );
        assert_eq!(
            parts("last-staff-replied-on").as_deref(),
            Some("last-staff-replied|on")
        );
        assert_eq!(
            parts("last-closed-after").as_deref(),
            Some("last-closed|after")
        );
        assert_eq!(parts("duedate"), None);
        assert_eq!(parts("-on"), None);
    }

    #[test]
    fn paths_split_into_literals_and_parameters() {
        assert_eq!(
            path_segments("/ticket/{ticket}/staff_update/"),
            Ok(vec![
                Segment::Literal("/ticket/".into()),
                Segment::Param("ticket".into()),
                Segment::Literal("/staff_update/".into()),
            ])
        );
        assert!(path_segments("/ticket/{ticket").is_err());
        assert!(path_segments("/a/{x}/{x}/").is_err());
        assert!(path_segments("ticket/").is_err());
    }
}
