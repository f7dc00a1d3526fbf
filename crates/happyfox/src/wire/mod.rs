//! Hand-written wire quirks that generated models call: timestamps, tags, lenient numbers,
//! string enums, list bodies, error bodies, and the encoders of request payloads.

pub mod enums;
pub mod errors;
pub mod fields;
pub mod lists;
pub mod payload;
pub mod query;
pub mod scalars;
pub mod tags;
pub mod time;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Decodes a JSON body, naming the JSON path of the first mismatch and showing the start of
/// the body.
///
/// The body is checked as UTF-8 once, then decoded without tracking paths (the cost of every
/// good answer; serde_json reading a `&str` does not check each string again); only a body
/// that fails is decoded again, with `serde_path_to_error`, to name where.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    let decoded = match std::str::from_utf8(body) {
        Ok(text) => T::deserialize(&mut serde_json::Deserializer::from_str(text)),
        Err(_) => T::deserialize(&mut serde_json::Deserializer::from_slice(body)),
    };
    decoded.or_else(|_| decode_naming_the_path(body))
}

fn decode_naming_the_path<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Error::Decode {
        path: error.path().to_string(),
        message: error.inner().to_string(),
        body_start: errors::preview(body),
    })
}
