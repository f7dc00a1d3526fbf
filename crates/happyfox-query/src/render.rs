//! The canonical text of a query: values always double-quoted, one space between terms,
//! field names quoted only when they are not a bare word of `[A-Za-z0-9_-]`.

use std::fmt::{self, Write};

use crate::ast::{Query, Term};

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
        Term::FreeText(text) => write!(f, "\"{text}\""),
        Term::Field { field, values } => {
            let name = field.name();
            if is_bare_word(name) {
                f.write_str(name)?;
            } else {
                write!(f, "\"{name}\"")?;
            }
            f.write_char(':')?;
            for (index, value) in values.iter().enumerate() {
                if index > 0 {
                    f.write_char(',')?;
                }
                write!(f, "\"{}\"", value.wire_text())?;
            }
            Ok(())
        }
    }
}

/// Whether a field name can be written without quotes.
fn is_bare_word(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
