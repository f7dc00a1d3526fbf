//! What a cell may carry: no terminal control characters and no bidi overrides (which can
//! make a table lie about its contents), and in CSV no text a spreadsheet would run as a
//! formula.
//!
//! - Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are removed.
//! - In tables, a newline, carriage return or tab becomes a space; every other C0 or C1
//!   control character (and DEL) becomes `�` (U+FFFD), so an escape sequence shows as text.
//! - In CSV, newlines, carriage returns and tabs stay (quoting carries them); other controls
//!   become `�`. A cell that then starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//!   gets a leading `'`, so a spreadsheet shows it as text instead of running it.

/// Whether `c` is a bidi control character.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A cell for a table on a terminal.
pub fn table_cell(text: &str) -> String {
    text.chars()
        .filter(|c| !is_bidi(*c))
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A CSV cell (before quoting).
pub fn csv_cell(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !is_bidi(*c))
        .map(|c| match c {
            '\n' | '\r' | '\t' => c,
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect();
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{clean}")
    } else {
        clean
    }
}

/// Whether JSON text should carry `c` escaped (`\uXXXX`) rather than raw: C1 controls, DEL,
/// bidi controls and the line and paragraph separators. serde_json escapes C0 itself.
pub fn escape_in_json(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}') || is_bidi(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_show_controls_as_placeholders_and_drop_bidi() {
        assert_eq!(
            table_cell("a\u{1b}[31mred\u{202E}txt\nnext\u{9b}"),
            "a\u{FFFD}[31mredtxt next\u{FFFD}"
        );
    }

    #[test]
    fn csv_neutralises_formulas_after_cleaning() {
        for (input, expected) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\u{202E}=cmd", "'=cmd"),
            ("two\nlines", "two\nlines"),
            ("plain", "plain"),
            ("a\u{7}b", "a\u{FFFD}b"),
        ] {
            assert_eq!(csv_cell(input), expected, "{input:?}");
        }
    }
}
