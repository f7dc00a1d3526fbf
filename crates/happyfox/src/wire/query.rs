//! Query strings: the parameters of a GET, percent-encoded the way HappyFox expects.
//!
//! Spaces are sent as `+` (the form the reference shows, e.g. `status:"In+Progress"`), a
//! literal `+` as `%2B`; `:` `,` and `/` stay readable. An encoded `%2B` standing for a space
//! silently matches nothing on HappyFox, so the `q` renderer never produces a `+` for a space.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters encoded in a query value: everything but unreserved characters and `: , /`.
/// The space is handled separately (it becomes `+`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b',')
    .remove(b'/')
    .remove(b' ');

/// Encodes one key or value.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE)
        .to_string()
        .replace(' ', "+")
}

/// Encodes `key=value` pairs joined by `&` (without the leading `?`).
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_become_plus_and_plus_is_escaped() {
        assert_eq!(
            encode(r#"status:"In Progress""#),
            "status:%22In+Progress%22"
        );
        assert_eq!(encode("C++"), "C%2B%2B");
        assert_eq!(encode("a,b/c"), "a,b/c");
        assert_eq!(encode("é"), "%C3%A9");
    }
}
