//! What the generated model decoders call: the object key they match on, and one wrapper per
//! wire quirk that decodes a single field value the way `crate::wire` reads it.
//!
//! The models decode with a visitor the generator writes (no `#[serde(flatten)]`, which makes
//! serde buffer every object before reading it): each key is matched once, a known field is
//! decoded straight into its type, and only unknown keys become `serde_json::Value`s.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// An object key, borrowed from the input when it has no escapes.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string (for the model's `extra`).
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Stores a field's value, refusing a second one as serde's derive does.
pub fn store<T, E: de::Error>(slot: &mut Option<T>, value: T, wire: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(wire));
    }
    *slot = Some(value);
    Ok(())
}

/// A required field's value, or serde's "missing field" error.
pub fn required<T, E: de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire))
}

/// A `YYYY-MM-DD HH:MM:SS` timestamp ([`crate::wire::time::timestamp`]).
pub struct Timestamp(pub Option<DateTime<Utc>>);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::time::timestamp::deserialize(deserializer).map(Self)
    }
}

/// A `YYYY-MM-DD` date ([`crate::wire::time::date`]).
pub struct Date(pub Option<NaiveDate>);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::time::date::deserialize(deserializer).map(Self)
    }
}

/// Comma-separated tags ([`crate::wire::tags`]).
pub struct Tags(pub Vec<String>);

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::tags::deserialize(deserializer).map(Self)
    }
}

/// An id sent as a number or a numeric string ([`crate::wire::scalars::lenient_id`]).
pub struct LenientId<T>(pub Option<T>);

impl<'de, T: From<u64>> Deserialize<'de> for LenientId<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::scalars::lenient_id::deserialize(deserializer).map(Self)
    }
}

/// A value whose `null` means its default, e.g. an empty list
/// ([`crate::wire::scalars::null_as_default`]).
pub struct NullAsDefault<T>(pub T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for NullAsDefault<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::scalars::null_as_default(deserializer).map(Self)
    }
}
