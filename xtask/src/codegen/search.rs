//! Generates the search-language tables of `crates/happyfox-query` from `spec/search.toml`.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::GeneratedFile;
use super::client::doc;

const OUT: &str = "crates/happyfox-query/src/generated";
const SOURCE: &str = "spec/search.toml";

/// The comparisons a date field's wire name may end with, longest first so that
/// `-on-or-before` is not taken for `-before`.
const COMPARISONS: [&str; 5] = ["on-or-before", "on-or-after", "before", "after", "on"];

/// `spec/search.toml` (its shape is documented at the top of the file).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchSpec {
    field: Vec<FieldSpec>,
    sort: Vec<SortSpec>,
}

/// One `[[field]]`: a system field of the search language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSpec {
    wire: String,
    kind: Kind,
    doc: String,
}

/// One `[[sort]]`: a value of `sort=`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SortSpec {
    wire: String,
    doc: String,
}

/// The value type of a field, named as `happyfox_query::ValueKind` names it.
#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Text,
    Id,
    Date,
    Bool,
    Duedate,
    Keyword,
}

impl Kind {
    /// The `ValueKind` variant.
    fn variant(self) -> &'static str {
        match self {
            Kind::Text => "Text",
            Kind::Id => "Id",
            Kind::Date => "Date",
            Kind::Bool => "Bool",
            Kind::Duedate => "DueDate",
            Kind::Keyword => "Keyword",
        }
    }

    /// The Rust type of one value, as the builder methods take it.
    fn rust_type(self) -> &'static str {
        match self {
            Kind::Text | Kind::Id => "String",
            Kind::Date => "chrono::NaiveDate",
            Kind::Bool => "bool",
            Kind::Duedate => "crate::value::DueDate",
            Kind::Keyword => "crate::value::Keyword",
        }
    }
}

/// Reads and checks `spec/search.toml`.
fn load(root: &Path) -> Result<SearchSpec> {
    let spec: SearchSpec = toml::from_str(&super::read_spec(root, "search.toml")?)
        .context("parsing spec/search.toml")?;
    check(&spec)?;
    Ok(spec)
}

/// The wire names of the sort options (the OpenAPI document lists them for `sort=`).
pub fn sort_names(root: &Path) -> Result<Vec<String>> {
    Ok(load(root)?.sort.into_iter().map(|s| s.wire).collect())
}

/// The files this generator owns.
pub fn files(root: &Path) -> Result<Vec<GeneratedFile>> {
    let spec = load(root)?;
    let file = |name: &str, contents: String| GeneratedFile {
        path: format!("{OUT}/{name}").into(),
        contents,
        source: SOURCE.into(),
    };
    Ok(vec![
        file("mod.rs", module_index()),
        file("fields.rs", fields(&spec.field)?),
        file("builder.rs", builder(&spec.field)),
        file("sort.rs", sort(&spec.sort)),
    ])
}

/// Rejects duplicate names and wire names the derived Rust names cannot come from.
fn check(spec: &SearchSpec) -> Result<()> {
    let wires = spec
        .field
        .iter()
        .map(|f| &f.wire)
        .chain(spec.sort.iter().map(|s| &s.wire));
    for wire in wires {
        if wire.is_empty()
            || !wire
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            bail!("spec/search.toml: `{wire}` is not a lowercase word of [a-z0-9_-]");
        }
    }
    for (what, names) in [
        (
            "field",
            spec.field
                .iter()
                .map(|f| f.wire.as_str())
                .collect::<Vec<_>>(),
        ),
        ("sort", spec.sort.iter().map(|s| s.wire.as_str()).collect()),
    ] {
        for (index, name) in names.iter().enumerate() {
            if names[..index].contains(name) {
                bail!("spec/search.toml: {what} `{name}` is listed twice");
            }
        }
    }
    Ok(())
}

fn module_index() -> String {
    "//! Code generated from `spec/search.toml`: the system fields, their builder methods and \
     the sort options.\n\
     \n\
     mod builder;\n\
     pub mod fields;\n\
     pub mod sort;\n"
        .to_owned()
}

/// `fields.rs`: the `SystemField` enum with its wire names, value kinds and date conditions.
fn fields(fields: &[FieldSpec]) -> Result<String> {
    let mut out = String::from(
        "//! The system fields of the search language (`SystemField`), from `spec/search.toml`.\n\n\
         use crate::value::{DateComparison, DateCondition, DateMoment, ValueKind};\n\n\
         /// A field the search language knows by name; any other name is a custom field.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         pub enum SystemField {\n",
    );
    for field in fields {
        doc(&mut out, &field.doc);
        let _ = writeln!(out, "{},", camel(&field.wire));
    }
    out.push_str("}\n\nimpl SystemField {\n");
    let _ = writeln!(
        out,
        "/// Every system field, in the reference's order.\npub const ALL: [SystemField; {}] = [",
        fields.len()
    );
    for field in fields {
        let _ = writeln!(out, "SystemField::{},", camel(&field.wire));
    }
    out.push_str(
        "];\n\n/// The field's name in a query (e.g. `created-on-or-after`).\n\
         pub const fn wire_name(self) -> &'static str {\nmatch self {\n",
    );
    for field in fields {
        let _ = writeln!(
            out,
            "SystemField::{} => {:?},",
            camel(&field.wire),
            field.wire
        );
    }
    out.push_str("}\n}\n\n/// The type of the field's values.\npub const fn kind(self) -> ValueKind {\nmatch self {\n");
    for field in fields {
        let _ = writeln!(
            out,
            "SystemField::{} => ValueKind::{},",
            camel(&field.wire),
            field.kind.variant()
        );
    }
    out.push_str(
        "}\n}\n\n/// For a date field, which moment of the ticket it tests and how; `None` for the \
         other fields.\npub const fn date_condition(self) -> Option<DateCondition> {\nmatch self {\n",
    );
    for field in fields.iter().filter(|f| f.kind == Kind::Date) {
        let (moment, comparison) = date_parts(&field.wire)?;
        let _ = writeln!(
            out,
            "SystemField::{} => Some(DateCondition {{ moment: DateMoment::{}, comparison: DateComparison::{} }}),",
            camel(&field.wire),
            camel(moment),
            camel(comparison)
        );
    }
    if fields.iter().any(|f| f.kind != Kind::Date) {
        out.push_str("_ => None,\n");
    }
    out.push_str("}\n}\n}\n");
    Ok(out)
}

/// Splits a date field's wire name into its moment and comparison.
fn date_parts(wire: &str) -> Result<(&str, &str)> {
    COMPARISONS
        .iter()
        .find_map(|comparison| {
            let moment = wire.strip_suffix(comparison)?.strip_suffix('-')?;
            (!moment.is_empty()).then_some((moment, *comparison))
        })
        .with_context(|| {
            format!(
                "spec/search.toml: date field `{wire}` must be named `<moment>-<comparison>`, \
                 comparison one of {}",
                COMPARISONS.join(", ")
            )
        })
}

/// `builder.rs`: one `Query` method per system field.
fn builder(fields: &[FieldSpec]) -> String {
    let mut out = String::from(
        "//! One `Query` builder method per system field, from `spec/search.toml`.\n\n\
         use crate::Query;\n\
         use crate::builder::OneOrMany;\n\
         use crate::generated::fields::SystemField;\n\n\
         /// Methods adding one system-field term; several values in one call are ORed.\n\
         impl Query {\n",
    );
    for field in fields {
        doc(&mut out, &field.doc);
        let _ = writeln!(out, "///\n/// Adds the term `{}:…`.", field.wire);
        let _ = writeln!(
            out,
            "pub fn {}(self, values: impl OneOrMany<{}>) -> Self {{\n\
             self.system(SystemField::{}, values.into_many())\n}}\n",
            field.wire.replace('-', "_"),
            field.kind.rust_type(),
            camel(&field.wire)
        );
    }
    out.push_str("}\n");
    out
}

/// `sort.rs`: the `Sort` enum.
fn sort(options: &[SortSpec]) -> String {
    let mut out = String::from(
        "//! The ticket list's sort options (`sort=`), from `spec/search.toml`.\n\n\
         /// How the ticket list is sorted (`sort=`). Without one, the server sorts by last \
         update, descending (by relevance, then last update, when searching).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         pub enum Sort {\n",
    );
    for option in options {
        doc(&mut out, &option.doc);
        let _ = writeln!(out, "{},", camel(&option.wire));
    }
    let _ = writeln!(
        out,
        "}}\n\nimpl Sort {{\n/// Every documented sort option, in the reference's order.\n\
         pub const ALL: [Sort; {}] = [",
        options.len()
    );
    for option in options {
        let _ = writeln!(out, "Sort::{},", camel(&option.wire));
    }
    out.push_str("];\n\n/// The option's name on the wire (e.g. `createa`).\npub const fn as_str(self) -> &'static str {\nmatch self {\n");
    for option in options {
        let _ = writeln!(out, "Sort::{} => {:?},", camel(&option.wire), option.wire);
    }
    out.push_str("}\n}\n}\n");
    out
}

/// UpperCamelCase of the words of `wire` separated by `-` or `_`.
fn camel(wire: &str) -> String {
    wire.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_derive_from_wire_names() {
        assert_eq!(camel("created-on-or-after"), "CreatedOnOrAfter");
        assert_eq!(camel("last_modified_a"), "LastModifiedA");
        assert_eq!(camel("has_attachments"), "HasAttachments");
    }

    #[test]
    fn date_names_split_on_the_longest_comparison() {
        assert_eq!(
            date_parts("created-on-or-before").ok(),
            Some(("created", "on-or-before"))
        );
        assert_eq!(
            date_parts("last-staff-replied-on").ok(),
            Some(("last-staff-replied", "on"))
        );
        assert_eq!(
            date_parts("last-closed-after").ok(),
            Some(("last-closed", "after"))
        );
        assert!(date_parts("duedate").is_err());
        assert!(date_parts("-on").is_err());
    }
}
