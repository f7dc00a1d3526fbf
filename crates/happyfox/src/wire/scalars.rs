//! Lenient scalars: ids that arrive as numbers or numeric strings, and null lists.

use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

/// Serde for an optional id (`Option<u64>` or a kind of id) that also reads `"9"`
/// (custom-field change ids are strings).
pub mod lenient_id {
    use super::*;

    /// Writes the number, or null.
    pub fn serialize<S: Serializer, T: Copy + Into<u64>>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(n) => serializer.serialize_u64((*n).into()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a number, a numeric string, an empty string or null.
    pub fn deserialize<'de, D: Deserializer<'de>, T: From<u64>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(None),
            Value::Number(n) => n
                .as_u64()
                .map(|n| Some(T::from(n)))
                .ok_or_else(|| serde::de::Error::custom(format!("invalid id {n}"))),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => s
                .trim()
                .parse::<u64>()
                .map(|n| Some(T::from(n)))
                .map_err(|_| serde::de::Error::custom(format!("invalid id {s:?}"))),
            other => Err(serde::de::Error::custom(format!("invalid id {other}"))),
        }
    }
}

/// Reads null as the type's default (an empty list), anything else as usual.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
