//! The syntax tree of a query: what the parser produces, the builder assembles, the renderer
//! writes and an emulator evaluates.

use std::str::FromStr;

use crate::error::{BuildError, ParseError};
use crate::generated::fields::SystemField;
use crate::value::{Value, ValueKind};

/// A search query: terms that must all match (AND). The empty query matches every ticket.
///
/// A `Query` is also its own builder (see the methods adding terms); an input the language
/// cannot express makes the query *refused*: [`Query::build`] and [`Query::validate`] report
/// it, and [`Query::terms`] holds only the accepted terms. Every query that is not refused
/// renders (`Display`) to text that parses back to the same query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub(crate) terms: Vec<Term>,
    /// The first builder input the language could not express.
    pub(crate) refused: Option<BuildError>,
}

/// One condition of a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// `field:"a","b"`: the field matches any of the values (OR).
    Field {
        /// The field tested.
        field: Field,
        /// At least one value, each of the field's [`Field::kind`].
        values: Vec<Value>,
    },
    /// Free text, matched against the ticket's subject and messages.
    FreeText(String),
}

/// The field of a term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// A field of the language.
    System(SystemField),
    /// A ticket or contact custom field, by name (the language does not tell them apart;
    /// HappyFox ignores the name's case). Never the name of a system field.
    Custom(String),
}

impl Field {
    /// The system field named `name` (ignoring ASCII case), else a custom field.
    pub fn from_name(name: &str) -> Field {
        SystemField::from_name(name).map_or_else(|| Field::Custom(name.to_owned()), Field::System)
    }

    /// The field's name as written in a query.
    pub fn name(&self) -> &str {
        match self {
            Field::System(field) => field.wire_name(),
            Field::Custom(name) => name,
        }
    }

    /// The type of the field's values (text for custom fields: a custom date field takes the
    /// portal's date format, e.g. `08/23/2019`, so it is not typed).
    pub fn kind(&self) -> ValueKind {
        match self {
            Field::System(field) => field.kind(),
            Field::Custom(_) => ValueKind::Text,
        }
    }
}

impl SystemField {
    /// The system field named `name`, ignoring ASCII case.
    pub fn from_name(name: &str) -> Option<SystemField> {
        SystemField::ALL
            .into_iter()
            .find(|field| field.wire_name().eq_ignore_ascii_case(name))
    }
}

impl Query {
    /// The empty query (matches every ticket); add terms with the builder methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses the decoded text of `q=`: a `+` is an ordinary character. See the crate docs
    /// for the grammar; [`Query::parse_url_form`] reads the reference's `+`-joined form.
    pub fn parse(text: &str) -> Result<Query, ParseError> {
        crate::parse::parse(text, text)
    }

    /// Parses `q=` as the reference writes it in URLs, where `+` stands for a space
    /// (`tag:"routine_checks"+status:"In+Progress","New"`): every `+` becomes a space, then
    /// [`Query::parse`] applies. No percent-decoding is done. Errors point into `text`.
    pub fn parse_url_form(text: &str) -> Result<Query, ParseError> {
        crate::parse::parse(&text.replace('+', " "), text)
    }

    /// Parses a search string as people paste it (the client's raw `q` uses this): the
    /// decoded text, or the reference's URL form, whichever the text is, refusing what could
    /// be either. The rule:
    ///
    /// - text without `+` is decoded text ([`Query::parse`]);
    /// - text with `+` that parses only in the URL form (`+` joining terms, as in
    ///   `tag:"a"+status:"In+Progress"`) is the URL form ([`Query::parse_url_form`]);
    /// - text with `+` that parses only as decoded text is decoded text;
    /// - text with `+` that parses both ways to different queries (`status:"In+Progress"`,
    ///   `contact:"ann+ops@example.com"`, `C++`) is refused: the error points at the first
    ///   `+`, and its [`ParseError::help`] gives the text to write for a space and says how to
    ///   search for a literal `+` ([`Query::parse`] or the builder);
    /// - percent-encoded text (`status:%22New%22`) is refused, with the decoded text as help:
    ///   sent as it is, it would be encoded once more and match nothing.
    pub fn parse_raw(text: &str) -> Result<Query, ParseError> {
        crate::raw::parse_raw(text)
    }

    /// A query of the given terms, checked: the error names the first term the language
    /// cannot express (see [`crate::Problem`]).
    pub fn from_terms(terms: Vec<Term>) -> Result<Query, BuildError> {
        terms.iter().try_for_each(crate::validate::check_term)?;
        Ok(Query {
            terms,
            refused: None,
        })
    }

    /// The terms, all of which must match.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The terms, by value.
    pub fn into_terms(self) -> Vec<Term> {
        self.terms
    }

    /// Whether the query has no term (and so matches every ticket); a refused query is not
    /// empty.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.refused.is_none()
    }

    /// `Ok` unless a builder input was refused; then the first refusal.
    pub fn validate(&self) -> Result<(), BuildError> {
        self.refused.clone().map_or(Ok(()), Err)
    }

    /// The query, or the first builder input that was refused.
    pub fn build(self) -> Result<Query, BuildError> {
        self.validate().map(|()| self)
    }

    /// The canonical text, or the first refused builder input (then `Display` would write
    /// text that never parses: see the crate docs).
    pub fn render(&self) -> Result<String, BuildError> {
        self.validate().map(|()| self.to_string())
    }
}

impl FromStr for Query {
    type Err = ParseError;

    /// [`Query::parse`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Query::parse(text)
    }
}
