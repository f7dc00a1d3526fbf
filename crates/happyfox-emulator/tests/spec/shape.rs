//! The shape of a JSON body (its types, an object's keys, an array's items merged) and the
//! differences between two shapes: keys one lacks or adds, and values of other types.
//! `null` matches any type (a field that is empty in one body and set in the other).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

/// The JSON types a value was seen with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// Every type, key and item type seen at one place of a body.
#[derive(Debug, Default)]
pub struct Shape {
    kinds: BTreeSet<Kind>,
    keys: BTreeMap<String, Shape>,
    items: Option<Box<Shape>>,
}

impl Shape {
    /// The shape of `value` (an array's items merged into one shape).
    pub fn of(value: &Value) -> Shape {
        let mut shape = Shape::default();
        shape.add(value);
        shape
    }

    fn add(&mut self, value: &Value) {
        let kind = match value {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(items) => {
                let shape = self.items.get_or_insert_with(Box::default);
                items.iter().for_each(|item| shape.add(item));
                Kind::Array
            }
            Value::Object(object) => {
                for (key, value) in object {
                    self.keys.entry(key.clone()).or_default().add(value);
                }
                Kind::Object
            }
        };
        self.kinds.insert(kind);
    }

    fn types(&self) -> BTreeSet<Kind> {
        self.kinds
            .iter()
            .copied()
            .filter(|k| *k != Kind::Null)
            .collect()
    }
}

/// How much of the body an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// A whole body: keys the emulator adds are differences too.
    Whole,
    /// Part of one (the reference shows a few keys): only keys it lacks and types count.
    Fragment,
}

/// One way the emulator's body differs from the real one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// A key the real body has and the emulator's lacks.
    Lacks(String),
    /// A key the emulator's body has and the real one does not.
    Adds(String),
    /// A value of other types: the path, the real types, the emulator's.
    Types(String, String, String),
}

impl Difference {
    /// Its path, with the verb: `lacks data[].due_by`, `adds page_info`, `types of id`: what
    /// an allow-list names.
    pub fn key(&self) -> String {
        match self {
            Difference::Lacks(path) => format!("lacks {path}"),
            Difference::Adds(path) => format!("adds {path}"),
            Difference::Types(path, ..) => format!("types of {path}"),
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Types(path, real, emulated) => {
                write!(f, "types of {path}: real {real}, emulator {emulated}")
            }
            other => f.write_str(&other.key()),
        }
    }
}

/// How `emulated` differs from `real`, read with `coverage`.
pub fn differences(real: &Shape, emulated: &Shape, coverage: Coverage) -> Vec<Difference> {
    let mut out = Vec::new();
    compare(real, emulated, coverage, "", &mut out);
    out
}

fn compare(
    real: &Shape,
    emulated: &Shape,
    coverage: Coverage,
    path: &str,
    out: &mut Vec<Difference>,
) {
    let (real_types, emulated_types) = (real.types(), emulated.types());
    if !real_types.is_empty() && !emulated_types.is_empty() && real_types != emulated_types {
        out.push(Difference::Types(
            display(path),
            names(&real_types),
            names(&emulated_types),
        ));
    }
    let child = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    if real.kinds.contains(&Kind::Object) && emulated.kinds.contains(&Kind::Object) {
        for (key, shape) in &real.keys {
            match emulated.keys.get(key) {
                Some(other) => compare(shape, other, coverage, &child(key), out),
                None => out.push(Difference::Lacks(child(key))),
            }
        }
        if coverage == Coverage::Whole {
            out.extend(
                emulated
                    .keys
                    .keys()
                    .filter(|key| !real.keys.contains_key(*key))
                    .map(|key| Difference::Adds(child(key))),
            );
        }
    }
    if let (Some(real_items), Some(emulated_items)) = (&real.items, &emulated.items) {
        compare(
            real_items,
            emulated_items,
            coverage,
            &format!("{path}[]"),
            out,
        );
    }
}

fn display(path: &str) -> String {
    if path.is_empty() {
        "the body".to_owned()
    } else {
        path.to_owned()
    }
}

fn names(kinds: &BTreeSet<Kind>) -> String {
    let names: Vec<String> = kinds
        .iter()
        .map(|k| format!("{k:?}").to_lowercase())
        .collect();
    names.join("|")
}
