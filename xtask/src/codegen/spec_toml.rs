//! The files of `spec/` as they are written (TOML), before lowering: `spec/README.md`
//! documents them for humans. Only [`super::lower`] reads these types.

use serde::Deserialize;

/// One API module file, `spec/<module>.toml` (every file but `search.toml`,
/// `capabilities.toml` and `errors.toml`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Module {
    #[serde(default, rename = "enum")]
    pub enums: Vec<EnumDef>,
    #[serde(default, rename = "model")]
    pub models: Vec<ModelDef>,
    #[serde(default, rename = "union")]
    pub unions: Vec<UnionDef>,
    #[serde(default, rename = "external")]
    pub externals: Vec<ExternalDef>,
    #[serde(default, rename = "id")]
    pub ids: Vec<IdDef>,
    #[serde(default, rename = "request")]
    pub requests: Vec<RequestDef>,
    #[serde(default)]
    pub params: Vec<ParamsDef>,
    #[serde(default, rename = "endpoint")]
    pub endpoints: Vec<EndpointDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub name: String,
    pub doc: String,
    pub variants: Vec<VariantDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantDef {
    pub wire: String,
    pub name: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDef {
    pub name: String,
    pub doc: String,
    #[serde(default)]
    pub partial: Option<String>,
    pub fields: Vec<FieldDef>,
}

/// `[[id]]`: a kind of id, its own type in code; `identifies` names the models it is the
/// `id` of.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdDef {
    pub name: String,
    pub doc: String,
    #[serde(default)]
    pub identifies: Vec<String>,
}

/// `[[union]]`: each variant is a constant (`wire`) or carries a value (`type`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnionDef {
    pub name: String,
    pub doc: String,
    pub variants: Vec<UnionVariantDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnionVariantDef {
    pub name: String,
    #[serde(default)]
    pub wire: Option<String>,
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    pub doc: String,
}

/// `[[external]]`: a type of hand-written code, with `shape = "text"` (and optional
/// `values`, or `values_from = "search.sort"`) or `fields`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalDef {
    pub name: String,
    pub doc: String,
    #[serde(default)]
    pub shape: Option<String>,
    #[serde(default)]
    pub values_from: Option<String>,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
}

/// A field of a model, request, params block, external record or path.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub name: String,
    #[serde(default)]
    pub rust: Option<String>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub encoding: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub null_setter: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub default: Option<String>,
    #[serde(default)]
    pub min: Option<u64>,
    #[serde(default)]
    pub max: Option<u64>,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestDef {
    pub name: String,
    pub doc: String,
    #[serde(default)]
    pub attachments: bool,
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldsDef>,
    #[serde(default)]
    pub one_of: Vec<Vec<String>>,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldsDef {
    pub kind: String,
    pub keys: Vec<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamsDef {
    pub name: String,
    pub doc: String,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointDef {
    pub name: String,
    #[serde(default)]
    pub resource: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub path_params: Vec<FieldDef>,
    #[serde(default)]
    pub params: Option<String>,
    #[serde(default)]
    pub fixed_query: Vec<(String, String)>,
    #[serde(default)]
    pub extra_query: Vec<FieldDef>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub file_field: Option<String>,
    pub response: String,
    #[serde(default)]
    pub iterate: Option<String>,
    #[serde(default)]
    pub visibility: Option<String>,
    /// The CLI command of the operation (`tickets list`), or `cli_out`: why it has none.
    #[serde(default)]
    pub cli: Option<String>,
    #[serde(default)]
    pub cli_out: Option<String>,
    /// A write that destroys or moves away what it touches (delete, move, forward): the MCP
    /// server offers it only with `--allow-destructive`.
    #[serde(default)]
    pub destructive: bool,
    /// A write that repeated with the same arguments changes nothing more (tags, custom
    /// fields, subscriptions).
    #[serde(default)]
    pub idempotent: bool,
    pub reference: String,
    pub doc: String,
}

/// `spec/capabilities.toml`: the capabilities the core adds by hand and their names in each
/// surface.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilitiesDef {
    pub capability: Vec<CapabilityDef>,
}

/// One `[[capability]]`: a name per surface, or under `out` the reason a surface has none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityDef {
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub rust: Option<String>,
    #[serde(default)]
    pub python: Option<String>,
    #[serde(default)]
    pub kotlin: Option<String>,
    #[serde(default)]
    pub swift: Option<String>,
    #[serde(default)]
    pub cli: Option<String>,
    #[serde(default)]
    pub mcp: Option<String>,
    #[serde(default)]
    pub out: std::collections::BTreeMap<String, String>,
}

/// `spec/errors.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorsDef {
    pub input_rule: Vec<InputRuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputRuleDef {
    pub name: String,
    pub doc: String,
    #[serde(default)]
    pub field: Vec<InputRuleFieldDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputRuleFieldDef {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub doc: String,
}

/// `spec/search.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchDef {
    pub kind: Vec<SearchKindDef>,
    pub field: Vec<SearchFieldDef>,
    pub sort: Vec<SortDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchKindDef {
    pub name: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchFieldDef {
    pub wire: String,
    pub kind: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SortDef {
    pub wire: String,
    pub name: String,
    pub doc: String,
}
