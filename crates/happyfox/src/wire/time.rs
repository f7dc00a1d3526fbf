//! Timestamps (`YYYY-MM-DD HH:MM:SS`, UTC, no offset) and dates (`YYYY-MM-DD`).
//!
//! Reading is tolerant: seconds may be missing (`2022-02-08 15:59`), a `T` may separate date
//! and time, fractions and a trailing `Z` or `+00:00` are accepted. Writing always uses the
//! documented form.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// The documented timestamp format.
pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// The documented date format.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// Parses a timestamp in any of the accepted forms, as UTC.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Some(documented) = parse_documented_timestamp(text) {
        return Some(documented);
    }
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

/// The documented form, `YYYY-MM-DD HH:MM:SS`, read digit by digit: what nearly every
/// timestamp of an answer is, so the general parsers run only for the other forms.
fn parse_documented_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let separators = [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')];
    if bytes.len() != 19 || separators.iter().any(|&(at, c)| bytes[at] != c) {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes[from..to].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?
        .and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)
        .map(|naive| naive.and_utc())
}

/// Parses a date (`YYYY-MM-DD`, or the date part of a timestamp).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, DATE_FORMAT)
        .ok()
        .or_else(|| parse_timestamp(text).map(|t| t.date_naive()))
}

/// Reads an optional string with `parse`; null or an empty string is `None`. The text is
/// borrowed from the input when it can be (no allocation for the usual unescaped value).
fn read_optional<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
    what: &'static str,
    expected: &'static str,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(OptionalText {
        parse,
        what,
        expected,
    })
}

/// The visitor of [`read_optional`]: null, or a string that `parse` reads.
struct OptionalText<T> {
    parse: fn(&str) -> Option<T>,
    what: &'static str,
    expected: &'static str,
}

impl<'de, T> Visitor<'de> for OptionalText<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a {} string ({}) or null", self.what, self.expected)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_str(self)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<T>, E> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        (self.parse)(text).map(Some).ok_or_else(|| {
            E::custom(format!(
                "invalid {} {text:?}, expected {}",
                self.what, self.expected
            ))
        })
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
    fn the_documented_form_reads_as_chrono_reads_it() {
        let general = |text: &str| {
            NaiveDateTime::parse_from_str(text, TIMESTAMP_FORMAT)
                .ok()
                .map(|naive| naive.and_utc())
        };
        for text in [
            "2022-02-08 15:59:41",
            "1999-12-31 23:59:59",
            "2024-02-29 00:00:00",
            "2023-02-29 00:00:00",
            "2022-13-01 00:00:00",
            "2022-02-08 24:00:00",
            "2022-02-08 15:60:00",
            "2022-0a-08 15:59:41",
            "+022-02-08 15:59:41",
        ] {
            if let Some(fast) = parse_documented_timestamp(text) {
                assert_eq!(Some(fast), general(text), "{text}");
            }
            assert_eq!(parse_timestamp(text), general(text), "{text}");
        }
    }

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
