//! `tags`: one comma-separated string on the wire (`"tag1,tag2"`), a list in Rust.
//!
//! Reading also accepts a JSON list and null; empty items are dropped and whitespace around
//! each tag is trimmed. Writing joins with `,`.

use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

/// Splits a comma-separated tag string.
pub fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Writes the tags as one comma-separated string.
pub fn serialize<S: Serializer>(tags: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&tags.join(","))
}

/// Reads a comma-separated string, a list of strings, or null.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(split(&s)),
        Value::Array(items) => Ok(items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.trim().to_owned()),
                Value::Null => None,
                other => Some(other.to_string()),
            })
            .filter(|t| !t.is_empty())
            .collect()),
        other => Err(serde::de::Error::custom(format!(
            "invalid tags {other}, expected a comma-separated string"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_trims() {
        assert_eq!(split("tag1, tag2,,"), vec!["tag1", "tag2"]);
        assert!(split("").is_empty());
        assert_eq!(split("test tag"), vec!["test tag"]);
    }
}
