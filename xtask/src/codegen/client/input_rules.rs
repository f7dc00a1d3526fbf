//! `input_rules.rs` of the core: the `InputRule` enum of `spec/errors.toml` and its names.

use std::fmt::Write;

use super::doc;
use crate::codegen::model::{InputRule, InputRuleType, snake};

/// The Rust type of a rule's datum in the core.
fn rust_type(ty: InputRuleType) -> &'static str {
    match ty {
        InputRuleType::U64 => "u64",
        InputRuleType::Usize => "usize",
        InputRuleType::Strings => "Vec<String>",
    }
}

/// The enum's variants, documented, their data typed by `ty` (the core's types, or a
/// binding's).
pub(in crate::codegen) fn variants(
    out: &mut String,
    rules: &[InputRule],
    ty: fn(InputRuleType) -> &'static str,
) {
    for rule in rules {
        doc(out, &rule.doc);
        if rule.fields.is_empty() {
            let _ = writeln!(out, "{},", rule.name);
            continue;
        }
        let _ = writeln!(out, "{} {{", rule.name);
        for field in &rule.fields {
            doc(out, &field.doc);
            let _ = writeln!(out, "{}: {},", field.name, ty(field.ty));
        }
        out.push_str("},\n");
    }
}

/// The file: the enum (non-exhaustive: a rule added later is not a breaking change) and
/// `InputRule::name`.
pub fn input_rules(rules: &[InputRule]) -> String {
    let mut out = String::from(
        "//! The rules an input can break before anything is sent (`InputRule`), from \
         `spec/errors.toml`.\n\n\
         /// The rule an [`InvalidInput`](crate::InvalidInput) broke.\n\
         #[derive(Debug, Clone, PartialEq, Eq)]\n\
         #[non_exhaustive]\n\
         pub enum InputRule {\n",
    );
    variants(&mut out, rules, rust_type);
    out.push_str(
        "}\n\nimpl InputRule {\n\
         /// The rule's name in snake case (`out_of_range`): the Python binding's \
         `InvalidRequestError.rule`.\n\
         pub const fn name(&self) -> &'static str {\nmatch self {\n",
    );
    for rule in rules {
        let pattern = if rule.fields.is_empty() {
            ""
        } else {
            " { .. }"
        };
        let _ = writeln!(
            out,
            "InputRule::{}{pattern} => {:?},",
            rule.name,
            snake(&rule.name)
        );
    }
    out.push_str("}\n}\n}\n");
    out
}
