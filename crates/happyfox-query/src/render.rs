//! The canonical text of a query, in the form the reference's own examples use: quotes where
//! the reference writes them (names of statuses, priorities, tags, contacts, dates, custom
//! field names and values, assignee and group names), bare words where it does not
//! (booleans, ticket ids, `--none` / `--any`, due-date keywords, system field names).

use std::fmt::{self, Write};

use crate::ast::{Field, Query, Term};
use crate::value::{Keyword, Value, ValueKind};

impl fmt::Display for Query {
    /// The canonical form. A refused query (see [`Query::validate`]) has none: it is written
    /// as an unterminated quote holding the error, text that never parses and, if sent
    /// anyway, searches for a phrase no ticket holds rather than widening the search.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(error) = &self.refused {
            return write!(
                f,
                "\"invalid query: {}",
                error.to_string().replace('"', "'")
            );
        }
        for (index, term) in self.terms.iter().enumerate() {
            if index > 0 {
                f.write_char(' ')?;
            }
            write_term(f, term)?;
        }
        Ok(())
    }
}

fn write_term(f: &mut fmt::Formatter<'_>, term: &Term) -> fmt::Result {
    match term {
        Term::FreeText(text) => write_word(f, text, !is_bare_word(text)),
        Term::Field { field, values } => {
            // The reference's prose says a one-word custom field name goes unquoted, but its
            // examples quote one-word names (`"Country"`, `"Field2"`, `"field_name"`) and its
            // rules say "name and value should be enclosed in quotes separately": custom
            // names are always quoted, which HappyFox reads in both cases.
            write_word(f, field.name(), matches!(field, Field::Custom(_)))?;
            f.write_char(':')?;
            for (index, value) in values.iter().enumerate() {
                if index > 0 {
                    f.write_char(',')?;
                }
                let text = value.wire_text();
                let quoted = needs_quotes(field.kind(), value) || !is_bare_word(&text);
                write_word(f, &text, quoted)?;
            }
            Ok(())
        }
    }
}

/// Whether the reference writes a value of this kind in quotes even when it is one word.
fn needs_quotes(kind: ValueKind, value: &Value) -> bool {
    match value {
        Value::Text(_) => kind != ValueKind::Id,
        Value::Date(_) | Value::Keyword(Keyword::Name(_)) => true,
        Value::Bool(_) | Value::DueDate(_) | Value::Keyword(Keyword::None | Keyword::Any) => false,
    }
}

fn write_word(f: &mut fmt::Formatter<'_>, text: &str, quoted: bool) -> fmt::Result {
    if quoted {
        write!(f, "\"{text}\"")
    } else {
        f.write_str(text)
    }
}

/// Whether a word reads back the same without quotes: the parser's bare word (no
/// whitespace, `"`, `,` or `:`), limited to printable ASCII.
fn is_bare_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | ',' | ':'))
}
