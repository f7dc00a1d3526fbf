//! What generated request and parameter types implement, so one transport path serves all.

use serde_json::{Map, Value};

use crate::error::{InputRule, Result};
use crate::upload::UploadFile;

/// The payload of a write (POST).
pub(crate) trait Payload {
    /// Checks what can be checked before sending (required groups, ranges, numbers).
    fn validate(&self) -> Result<()>;
    /// The JSON object sent (or flattened into multipart fields).
    fn payload(&self) -> Map<String, Value>;
    /// Files to attach; a non-empty list makes the request multipart/form-data.
    fn attachments(&self) -> &[UploadFile] {
        &[]
    }
}

/// Query-string parameters of a read (GET).
pub(crate) trait QueryParams {
    /// The `(key, value)` pairs, validated (ranges, search-string syntax).
    fn query_pairs(&self) -> Result<Vec<(String, String)>>;
}

/// Parameters of a paginated listing.
pub(crate) trait Paged: QueryParams + Clone {
    /// The requested page, if set.
    fn page_number(&self) -> Option<u64>;
    /// The requested page size, if set.
    fn page_size(&self) -> Option<u64>;
    /// A copy asking for `page`.
    fn at_page(&self, page: u64) -> Self;
    /// A copy asking for `size` items a page.
    fn sized(&self, size: u64) -> Self;
}

/// Checks an optional number against a range, naming the parameter.
pub(crate) fn check_range(name: &str, value: Option<u64>, min: u64, max: u64) -> Result<()> {
    match value {
        Some(v) if v < min || v > max => Err(crate::Error::invalid(
            Some(name),
            InputRule::OutOfRange { min, max },
            format!("`{name}` must be between {min} and {max}, got {v}"),
        )),
        _ => Ok(()),
    }
}

/// Checks that at least one of a group of fields is set.
pub(crate) fn check_one_of(request: &str, names: &[&str], set: &[bool]) -> Result<()> {
    if set.iter().any(|s| *s) {
        return Ok(());
    }
    Err(crate::Error::invalid(
        None,
        InputRule::OneOf {
            fields: names.iter().map(|&n| n.to_owned()).collect(),
        },
        format!(
            "{request} needs one of: {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}
