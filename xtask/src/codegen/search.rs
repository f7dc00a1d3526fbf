//! Generates the search-language tables of `crates/happyfox-query` (value kinds, system
//! fields, builder methods, sort options) from the lowered model's [`Search`].

use std::fmt::Write;

use super::GeneratedFile;
use super::client::doc;
use super::model::{DeclaredKind, Search, SearchField, SearchKind, SortOption, camel};

const OUT: &str = "crates/happyfox-query/src/generated";

/// The `ValueKind` variant of a kind.
fn variant(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Text => "Text",
        SearchKind::Id => "Id",
        SearchKind::Date => "Date",
        SearchKind::Bool => "Bool",
        SearchKind::DueDate => "DueDate",
        SearchKind::Keyword => "Keyword",
    }
}

/// The Rust type of one value, as the builder methods take it.
fn rust_type(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Text | SearchKind::Id => "String",
        SearchKind::Date => "chrono::NaiveDate",
        SearchKind::Bool => "bool",
        SearchKind::DueDate => "crate::value::DueDate",
        SearchKind::Keyword => "crate::value::Keyword",
    }
}

/// The files this generator owns.
pub fn files(search: &Search) -> Vec<GeneratedFile> {
    let file = |name: &str, contents: String| GeneratedFile {
        path: format!("{OUT}/{name}").into(),
        contents,
    };
    vec![
        file("mod.rs", module_index()),
        file("kinds.rs", kinds(&search.kinds)),
        file("fields.rs", fields(&search.fields)),
        file("builder.rs", builder(&search.fields)),
        file("sort.rs", sort(&search.sorts)),
    ]
}

fn module_index() -> String {
    "//! Code generated from `spec/search.toml`: the kinds of values, the system fields, their \
     builder methods and the sort options.\n\
     \n\
     mod builder;\n\
     pub mod fields;\n\
     pub mod kinds;\n\
     pub mod sort;\n"
        .to_owned()
}

/// `kinds.rs`: the `ValueKind` enum, one variant a `[[kind]]` (what values each takes is
/// hand-written beside it, in `value.rs`).
fn kinds(kinds: &[DeclaredKind]) -> String {
    let mut out = String::from(
        "//! The kinds of values of the search language (`ValueKind`), from `spec/search.toml`.\n\n\
         /// The type of a field's values (custom fields always take [`ValueKind::Text`]).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n\
         pub enum ValueKind {\n",
    );
    for declared in kinds {
        doc(&mut out, &declared.doc);
        let _ = writeln!(out, "{},", variant(declared.kind));
    }
    out.push_str("}\n");
    out
}

/// `fields.rs`: the `SystemField` enum with its wire names, value kinds and date conditions.
fn fields(fields: &[SearchField]) -> String {
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
            variant(field.kind)
        );
    }
    out.push_str(
        "}\n}\n\n/// For a date field, which moment of the ticket it tests and how; `None` for the \
         other fields.\npub const fn date_condition(self) -> Option<DateCondition> {\nmatch self {\n",
    );
    for field in fields {
        let Some((moment, comparison)) = &field.date else {
            continue;
        };
        let _ = writeln!(
            out,
            "SystemField::{} => Some(DateCondition {{ moment: DateMoment::{}, comparison: DateComparison::{} }}),",
            camel(&field.wire),
            camel(moment),
            camel(comparison)
        );
    }
    if fields.iter().any(|f| f.date.is_none()) {
        out.push_str("_ => None,\n");
    }
    out.push_str("}\n}\n}\n");
    out
}

/// `builder.rs`: one `Query` method per system field.
fn builder(fields: &[SearchField]) -> String {
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
            rust_type(field.kind),
            camel(&field.wire)
        );
    }
    out.push_str("}\n");
    out
}

/// `sort.rs`: the `Sort` enum.
fn sort(options: &[SortOption]) -> String {
    let mut out = String::from(
        "//! The ticket list's sort options (`sort=`), from `spec/search.toml`.\n\n\
         /// How the ticket list is sorted (`sort=`). Without one, the server sorts by last \
         update, descending (by relevance, then last update, when searching).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         pub enum Sort {\n",
    );
    for option in options {
        doc(
            &mut out,
            &format!("{}\n\nWire name: `{}`.", option.doc, option.wire),
        );
        let _ = writeln!(out, "{},", option.name);
    }
    let _ = writeln!(
        out,
        "}}\n\nimpl Sort {{\n/// Every documented sort option, in the reference's order.\n\
         pub const ALL: [Sort; {}] = [",
        options.len()
    );
    for option in options {
        let _ = writeln!(out, "Sort::{},", option.name);
    }
    out.push_str("];\n\n/// The option's name on the wire (e.g. `createa`).\npub const fn as_str(self) -> &'static str {\nmatch self {\n");
    for option in options {
        let _ = writeln!(out, "Sort::{} => {:?},", option.name, option.wire);
    }
    out.push_str("}\n}\n}\n");
    out
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
}
