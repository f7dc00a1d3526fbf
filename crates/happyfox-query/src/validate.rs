//! The rules that make every accepted term render to text that parses back to it.

use crate::ast::{Field, Term};
use crate::error::{BuildError, Problem};
use crate::generated::fields::SystemField;
use crate::value::{Keyword, Value, date_in_range};

/// Checks one term: non-empty strings without `"`, at least one value, values of the field's
/// kind, dates with a four-digit year, no custom field named like a system field, no
/// keyword spelled as a name.
pub(crate) fn check_term(term: &Term) -> Result<(), BuildError> {
    match term {
        Term::FreeText(text) => check_text("free text", text),
        Term::Field { field, values } => {
            let name = field.name();
            if let Field::Custom(custom) = field {
                check_text(name, custom)?;
                if SystemField::from_name(custom).is_some() {
                    return Err(BuildError::new(name, Problem::SystemFieldName));
                }
            }
            if values.is_empty() {
                return Err(BuildError::new(name, Problem::NoValues));
            }
            values
                .iter()
                .try_for_each(|value| check_value(name, field, value))
        }
    }
}

fn check_value(name: &str, field: &Field, value: &Value) -> Result<(), BuildError> {
    if !field.kind().accepts(value) {
        return Err(BuildError::new(name, Problem::WrongKind(field.kind())));
    }
    match value {
        Value::Text(text) => check_text(name, text),
        Value::Keyword(Keyword::Name(text)) => {
            check_text(name, text)?;
            match Keyword::from_wire(text) {
                Keyword::Name(_) => Ok(()),
                Keyword::None | Keyword::Any => Err(BuildError::new(name, Problem::KeywordAsName)),
            }
        }
        Value::Date(date) if !date_in_range(*date) => {
            Err(BuildError::new(name, Problem::DateOutOfRange))
        }
        Value::Date(_) | Value::Bool(_) | Value::DueDate(_) | Value::Keyword(_) => Ok(()),
    }
}

fn check_text(term: &str, text: &str) -> Result<(), BuildError> {
    if text.is_empty() {
        Err(BuildError::new(term, Problem::Empty))
    } else if text.contains('"') {
        Err(BuildError::new(term, Problem::DoubleQuote(text.to_owned())))
    } else {
        Ok(())
    }
}
