//! The shape of the API module files in `spec/` (everything but `search.toml`), as read by
//! the client generator. `spec/README.md` documents it for humans.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// All module files, merged in file-name order.
#[derive(Debug, Default)]
pub struct ApiSpec {
    /// Module files in name order.
    pub modules: Vec<Module>,
}

/// One `spec/<module>.toml`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// File name, filled in after reading.
    #[serde(skip)]
    pub file: String,
    #[serde(default, rename = "enum")]
    pub enums: Vec<EnumDef>,
    #[serde(default, rename = "model")]
    pub models: Vec<ModelDef>,
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

/// A field of a model, request or params block.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Wire name.
    pub name: String,
    /// Rust name when the wire name is not one (`type`).
    #[serde(default)]
    pub rust: Option<String>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub nullable: bool,
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

impl FieldDef {
    /// The Rust identifier of the field.
    pub fn ident(&self) -> String {
        self.rust.clone().unwrap_or_else(|| self.name.clone())
    }
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
    /// `ticket` or `contact`.
    pub kind: String,
    /// Wire key prefixes, each value is sent under every one.
    pub keys: Vec<String>,
    #[serde(default)]
    pub required: bool,
    /// More to say about the keys (added to the generated docs).
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
    pub reference: String,
    pub doc: String,
}

impl ApiSpec {
    /// Reads every module file of `spec/`.
    pub fn load(root: &Path) -> Result<Self> {
        let dir = root.join("spec");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && n != "search.toml")
            .collect();
        names.sort();
        let mut modules = Vec::new();
        for name in names {
            let text = super::read_spec(root, &name)?;
            let mut module: Module =
                toml::from_str(&text).with_context(|| format!("parsing spec/{name}"))?;
            module.file = name;
            modules.push(module);
        }
        let spec = Self { modules };
        spec.check()?;
        Ok(spec)
    }

    /// Every model, enum, request and params block, with the endpoints' references resolved.
    fn check(&self) -> Result<()> {
        for module in &self.modules {
            for endpoint in &module.endpoints {
                if !matches!(endpoint.method.as_str(), "GET" | "POST") {
                    bail!(
                        "spec/{}: {}: method must be GET or POST",
                        module.file,
                        endpoint.name
                    );
                }
                let inner = inner_type(&endpoint.response);
                if inner != "u64" && !self.is_model(inner) {
                    bail!(
                        "spec/{}: {}: unknown response model {inner}",
                        module.file,
                        endpoint.name
                    );
                }
                if let Some(body) = &endpoint.body
                    && !self
                        .modules
                        .iter()
                        .any(|m| m.requests.iter().any(|r| r.name == inner_type(body)))
                {
                    bail!(
                        "spec/{}: {}: unknown request {body}",
                        module.file,
                        endpoint.name
                    );
                }
            }
        }
        Ok(())
    }

    /// Whether `name` is a model (or a partial model).
    pub fn is_model(&self, name: &str) -> bool {
        self.models()
            .any(|m| m.name == name || m.partial.as_deref() == Some(name))
    }

    /// Whether `name` is an enum.
    pub fn is_enum(&self, name: &str) -> bool {
        self.modules
            .iter()
            .any(|m| m.enums.iter().any(|e| e.name == name))
    }

    /// Every model in order.
    pub fn models(&self) -> impl Iterator<Item = &ModelDef> {
        self.modules.iter().flat_map(|m| m.models.iter())
    }

    /// Every request in order.
    pub fn requests(&self) -> impl Iterator<Item = &RequestDef> {
        self.modules.iter().flat_map(|m| m.requests.iter())
    }

    /// Every params block in order.
    pub fn params(&self) -> impl Iterator<Item = &ParamsDef> {
        self.modules.iter().flat_map(|m| m.params.iter())
    }

    /// Every endpoint in order.
    pub fn endpoints(&self) -> impl Iterator<Item = &EndpointDef> {
        self.modules.iter().flat_map(|m| m.endpoints.iter())
    }

    /// Every enum in order.
    pub fn enums(&self) -> impl Iterator<Item = &EnumDef> {
        self.modules.iter().flat_map(|m| m.enums.iter())
    }

    /// The params block called `name`.
    pub fn params_named(&self, name: &str) -> Option<&ParamsDef> {
        self.params().find(|p| p.name == name)
    }
}

/// `list<X>` / `page<X>` -> `X`; anything else unchanged.
pub fn inner_type(ty: &str) -> &str {
    ty.strip_prefix("list<")
        .or_else(|| ty.strip_prefix("page<"))
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(ty)
}
