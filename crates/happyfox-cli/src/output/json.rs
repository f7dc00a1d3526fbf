//! JSON writing that never puts raw C1 controls, DEL, bidi controls or line separators on a
//! terminal: serde_json's pretty or compact layout, with those characters written as
//! `\uXXXX` escapes (the same JSON value, safe to print).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::sanitize::escape_in_json;

/// Writes `value` pretty-printed (no trailing newline).
pub fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    write_with(out, value, PrettyFormatter::new())
}

/// Writes `value` on one line (no trailing newline).
pub fn write_compact(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    write_with(out, value, CompactFormatter)
}

/// `value` on one line, as a string.
pub fn compact_string(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    // Writing to memory fails only for a value that cannot be JSON, which ours never are.
    let _ = write_compact(&mut bytes, value);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn write_with<F: Formatter>(
    out: &mut dyn Write,
    value: &impl Serialize,
    formatter: F,
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Safe(formatter));
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// A formatter that escapes what [`escape_in_json`] names and otherwise lays out as `F`.
struct Safe<F>(F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (index, c) in fragment.char_indices() {
            if escape_in_json(c) {
                writer.write_all(&fragment.as_bytes()[start..index])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = index + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_characters_are_escaped_and_the_value_is_unchanged() {
        let value = serde_json::json!({"subject": "a\u{202E}b\u{9b}c\u{1b}d é"});
        let text = compact_string(&value);
        assert_eq!(text, r#"{"subject":"a\u202eb\u009bc\u001bd é"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
        let mut pretty = Vec::new();
        write_pretty(&mut pretty, &value).expect("write");
        assert_eq!(
            String::from_utf8(pretty).expect("utf-8"),
            "{\n  \"subject\": \"a\\u202eb\\u009bc\\u001bd é\"\n}"
        );
    }
}
