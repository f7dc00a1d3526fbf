//! The chainable builder: methods of [`Query`] that add terms (one per system field is
//! generated from the spec), refusing inputs the language cannot express.

use crate::ast::{Field, Query, Term};
use crate::generated::fields::SystemField;
use crate::validate::check_term;
use crate::value::Value;

/// One value or several, as builder methods take them: `"New"`, `["New", "In Progress"]`,
/// `vec![date]`, `Keyword::None`...
pub trait OneOrMany<T> {
    /// The values, in order.
    fn into_many(self) -> Vec<T>;
}

impl<T> OneOrMany<T> for T {
    fn into_many(self) -> Vec<T> {
        vec![self]
    }
}

impl<T, const N: usize> OneOrMany<T> for [T; N] {
    fn into_many(self) -> Vec<T> {
        self.into()
    }
}

impl<T> OneOrMany<T> for Vec<T> {
    fn into_many(self) -> Vec<T> {
        self
    }
}

impl<T: Clone> OneOrMany<T> for &[T] {
    fn into_many(self) -> Vec<T> {
        self.to_vec()
    }
}

impl OneOrMany<String> for &str {
    fn into_many(self) -> Vec<String> {
        vec![self.to_owned()]
    }
}

impl OneOrMany<String> for &String {
    fn into_many(self) -> Vec<String> {
        vec![self.clone()]
    }
}

impl<const N: usize> OneOrMany<String> for [&str; N] {
    fn into_many(self) -> Vec<String> {
        self.as_slice().into_many()
    }
}

impl OneOrMany<String> for Vec<&str> {
    fn into_many(self) -> Vec<String> {
        self.as_slice().into_many()
    }
}

impl OneOrMany<String> for &[&str] {
    fn into_many(self) -> Vec<String> {
        self.iter().map(|text| (*text).to_owned()).collect()
    }
}

impl Query {
    /// Adds a term. If the language cannot express it (see [`crate::Problem`]), the term is
    /// left out and the query is refused: [`Query::build`] reports the first refusal.
    pub fn term(mut self, term: Term) -> Self {
        match check_term(&term) {
            Ok(()) => self.terms.push(term),
            Err(error) => {
                self.refused.get_or_insert(error);
            }
        }
        self
    }

    /// Adds `name:"value"` for a ticket or contact custom field.
    pub fn custom(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.custom_any(name, value.into())
    }

    /// Adds `name:"a","b"` for a custom field: any of the values matches (for a multiple
    /// choice field, the option labels).
    pub fn custom_any(self, name: impl Into<String>, values: impl OneOrMany<String>) -> Self {
        self.field(Field::Custom(name.into()), values.into_many())
    }

    /// Adds free text, matched against the ticket's subject and messages.
    pub fn free_text(self, text: impl Into<String>) -> Self {
        self.term(Term::FreeText(text.into()))
    }

    /// Adds a system-field term (the generated per-field methods call this).
    pub(crate) fn system<T: Into<Value>>(self, field: SystemField, values: Vec<T>) -> Self {
        self.field(Field::System(field), values)
    }

    fn field<T: Into<Value>>(self, field: Field, values: Vec<T>) -> Self {
        let values = values.into_iter().map(Into::into).collect();
        self.term(Term::Field { field, values })
    }
}
