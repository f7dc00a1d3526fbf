//! Timestamps (`YYYY-MM-DD HH:MM:SS`, UTC, no offset) and dates (`YYYY-MM-DD`).
//!
//! Reading is tolerant: seconds may be missing (`2022-02-08 15:59`), a `T` may separate date
//! and time, fractions and a trailing `Z` or `+00:00` are accepted. Writing always uses the
//! documented form.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// The documented timestamp format.
pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// The documented date format.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// Parses a timestamp in any of the accepted forms, as UTC.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset.with_timezone(&Utc));
    }
    let text = text.trim_end_matches('Z');
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, DATE_FORMAT)
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .map(|naive| naive.and_utc())
}

/// Parses a date (`YYYY-MM-DD`, or the date part of a timestamp).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, DATE_FORMAT)
        .ok()
        .or_else(|| parse_timestamp(text).map(|t| t.date_naive()))
}

/// Reads an optional string with `parse`; null or an empty string is `None`.
fn read_optional<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
    what: &str,
    expected: &str,
) -> Result<Option<T>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => parse(&s).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid {what} {s:?}, expected {expected}"))
        }),
    }
}

/// Serde for `Option<DateTime<Utc>>` in the wire's timestamp form.
pub mod timestamp {
    use super::*;

    /// Writes `YYYY-MM-DD HH:MM:SS` or null.
    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(t) => serializer.collect_str(&t.format(TIMESTAMP_FORMAT)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads any accepted timestamp form; null or an empty string is `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        read_optional(
            deserializer,
            parse_timestamp,
            "timestamp",
            "YYYY-MM-DD HH:MM:SS",
        )
    }
}

/// Serde for `Option<NaiveDate>` in the wire's date form.
pub mod date {
    use super::*;

    /// Writes `YYYY-MM-DD` or null.
    pub fn serialize<S: Serializer>(
        value: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.collect_str(&d.format(DATE_FORMAT)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD` (or a timestamp's date); null or an empty string is `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        read_optional(deserializer, parse_date, "date", "YYYY-MM-DD")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_observed_form() {
        let expected = NaiveDate::from_ymd_opt(2022, 2, 8)
            .and_then(|d| d.and_hms_opt(15, 59, 41))
            .map(|n| n.and_utc());
        for text in [
            "2022-02-08 15:59:41",
            "2022-02-08T15:59:41",
            "2022-02-08T15:59:41Z",
            "2022-02-08T15:59:41+00:00",
            "2022-02-08 15:59:41.000",
        ] {
            assert_eq!(parse_timestamp(text), expected, "{text}");
        }
        assert!(parse_timestamp("2022-02-08 15:59").is_some());
        assert!(parse_timestamp("yesterday").is_none());
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        let t = parse_timestamp("2022-02-08T17:00:00+02:00").unwrap();
        assert_eq!(
            t.format(TIMESTAMP_FORMAT).to_string(),
            "2022-02-08 15:00:00"
        );
    }
}
