//! The digest of a ticket's state that tells two states of one second apart: a hash of its
//! JSON, leaving out the download URLs, which change with every read.

use serde_json::Value;

use crate::generated::models::Ticket;

/// The key of every value that differs between two reads of an unchanged ticket: attachment
/// download URLs carry their expiry.
const VOLATILE_KEY: &str = "url";

/// A 64-bit FNV-1a hash of the ticket's JSON without its URLs, as 16 hex digits. Stable
/// across runs, platforms and releases as long as the ticket model is.
pub(crate) fn state_digest(ticket: &Ticket) -> String {
    let mut json = serde_json::to_value(ticket).expect("a ticket is plain data");
    drop_volatile(&mut json);
    let bytes = serde_json::to_vec(&json).expect("a value is plain data");
    format!("{:016x}", fnv1a(&bytes))
}

/// Removes every `url` entry of every object in `value`.
fn drop_volatile(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove(VOLATILE_KEY);
            map.values_mut().for_each(drop_volatile);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_volatile),
        _ => {}
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn urls_are_left_out_at_any_depth() {
        let mut value = serde_json::json!({"url": 1, "a": [{"url": 2, "b": 3}]});
        drop_volatile(&mut value);
        assert_eq!(value, serde_json::json!({"a": [{"b": 3}]}));
    }
}
