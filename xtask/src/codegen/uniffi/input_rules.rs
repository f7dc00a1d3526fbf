//! `input_rules.rs` of the bindings: the UniFFI `InputRule` of `spec/errors.toml`, plus
//! `Other`, and its conversion from the core's.

use std::fmt::Write;

use crate::codegen::client::input_rules::variants;
use crate::codegen::model::{InputRule, InputRuleField, InputRuleType};

/// The type of a rule's datum in the bindings: counts as Kotlin's and Swift's 64-bit `Long`
/// / `Int64`.
fn binding_type(ty: InputRuleType) -> &'static str {
    match ty {
        InputRuleType::U64 | InputRuleType::Usize => "i64",
        InputRuleType::Strings => "Vec<String>",
    }
}

/// The field's initializer in the bindings' variant, from the core's datum bound to its name
/// (counts saturate, see `errors::count`).
fn converted(field: &InputRuleField) -> String {
    let name = &field.name;
    match field.ty {
        InputRuleType::U64 => format!("{name}: crate::errors::count({name})"),
        InputRuleType::Usize => format!("{name}: crate::errors::count({name} as u64)"),
        InputRuleType::Strings => name.clone(),
    }
}

/// The file: the enum, then `From<happyfox::InputRule>`.
pub fn input_rules(rules: &[InputRule]) -> String {
    let mut out = String::from(
        "//! The rules an input can break before anything is sent, from `spec/errors.toml`: the \
         bindings' `InputRule` and its conversion from the core's.\n\n\
         /// The rule an `InvalidInput` broke: the core's `InputRule`, plus `Other`.\n\
         #[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]\n\
         pub enum InputRule {\n",
    );
    variants(&mut out, rules, binding_type);
    out.push_str(
        "/// A rule this version of the bindings does not know (the core's `InputRule` is\n\
         /// `#[non_exhaustive]`); also a sort option the core does not take.\n\
         Other,\n}\n\n\
         impl From<happyfox::InputRule> for InputRule {\n\
         fn from(rule: happyfox::InputRule) -> Self {\n\
         use happyfox::InputRule as Core;\n\
         match rule {\n",
    );
    for rule in rules {
        if rule.fields.is_empty() {
            let _ = writeln!(out, "Core::{0} => Self::{0},", rule.name);
            continue;
        }
        let names: Vec<&str> = rule.fields.iter().map(|f| f.name.as_str()).collect();
        let values: Vec<String> = rule.fields.iter().map(converted).collect();
        let _ = writeln!(
            out,
            "Core::{0} {{ {1} }} => Self::{0} {{ {2} }},",
            rule.name,
            names.join(", "),
            values.join(", ")
        );
    }
    out.push_str(
        "// The core's `InputRule` is `#[non_exhaustive]` (another crate's), so Rust needs\n\
         // this arm; the error is still its own `InvalidInput` case, only the rule is\n\
         // unnamed until the bindings learn it.\n\
         _ => Self::Other,\n}\n}\n}\n",
    );
    out
}
