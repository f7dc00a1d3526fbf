//! `Query`: the search language's parser and an immutable builder (each method returns a new
//! query; the per-field methods are generated from `spec/search.toml`). Its text form
//! (`toString()` / `description`) is the canonical text the client sends.

use std::fmt;
use std::sync::Arc;

use happyfox_query::{Field, SystemField, Term, Value, ValueKind};

use crate::errors::{HappyFoxError, InputRule, Result};

/// A search query (`q=`): terms that must all match. The empty query matches every ticket.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display)]
pub struct Query {
    pub(crate) inner: happyfox::Query,
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

/// A parse error as an `InvalidInput` of `q` with the byte offset.
fn parse_error(error: happyfox_query::ParseError) -> HappyFoxError {
    HappyFoxError::invalid(
        "q",
        InputRule::Query {
            offset: crate::errors::count(error.offset() as u64),
        },
        format!("malformed search query:\n{error}"),
    )
}

fn parsed(
    result: std::result::Result<happyfox::Query, happyfox_query::ParseError>,
) -> Result<Arc<Query>> {
    result
        .map(|inner| Arc::new(Query { inner }))
        .map_err(parse_error)
}

impl Query {
    /// A copy with `term` added; a term the language cannot express is refused at once.
    fn with(&self, term: Term) -> Result<Arc<Self>> {
        let inner = self.inner.clone().term(term);
        match inner.validate() {
            Ok(()) => Ok(Arc::new(Self { inner })),
            Err(error) => Err(HappyFoxError::invalid(
                error.term(),
                InputRule::InvalidQuery,
                error.to_string(),
            )),
        }
    }

    /// A copy with a system-field term of `values`, each read as the field's kind (dates
    /// `yyyy-mm-dd` or `yyyy/mm/dd`; `--none`, `--any` or a name for keywords).
    pub(crate) fn system(&self, field: SystemField, values: Vec<String>) -> Result<Arc<Self>> {
        let kind = field.kind();
        let values = values
            .iter()
            .map(|text| {
                let iso = (kind == ValueKind::Date)
                    .then(|| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
                    .flatten();
                iso.map(Value::Date)
                    .or_else(|| Value::from_wire(kind, text))
                    .ok_or_else(|| {
                        HappyFoxError::invalid(
                            field.wire_name(),
                            InputRule::InvalidQuery,
                            format!(
                                "`{}` takes {}, got {text:?}",
                                field.wire_name(),
                                kind.expected()
                            ),
                        )
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        self.with(Term::Field {
            field: Field::System(field),
            values,
        })
    }

    /// A copy with the flag term `field:value`.
    pub(crate) fn flag(&self, field: SystemField, value: bool) -> Result<Arc<Self>> {
        self.with(Term::Field {
            field: Field::System(field),
            values: vec![Value::Bool(value)],
        })
    }
}

#[uniffi::export]
impl Query {
    /// The empty query (matches every ticket).
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            inner: happyfox::Query::new(),
        })
    }

    /// Parses decoded query text (`+` is a literal `+`).
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>> {
        parsed(happyfox::Query::parse(&text))
    }

    /// Parses the reference's URL form, where `+` stands for a space.
    #[uniffi::constructor]
    pub fn parse_url_form(text: String) -> Result<Arc<Self>> {
        parsed(happyfox::Query::parse_url_form(&text))
    }

    /// Parses text as the client reads a raw `q` string: decoded text or the URL form,
    /// refusing a `+` that could be either (`InvalidInput` with rule `Query { offset }`).
    #[uniffi::constructor]
    pub fn parse_raw(text: String) -> Result<Arc<Self>> {
        parsed(happyfox::Query::parse_raw(&text))
    }

    /// Adds `"name":"a","b"` for a ticket or contact custom field (any value matches).
    pub fn custom(&self, name: String, values: Vec<String>) -> Result<Arc<Self>> {
        self.with(Term::Field {
            field: Field::Custom(name),
            values: values.into_iter().map(Value::Text).collect(),
        })
    }

    /// Adds free text, matched against the subject and the messages.
    pub fn free_text(&self, text: String) -> Result<Arc<Self>> {
        self.with(Term::FreeText(text))
    }

    /// Whether the query has no term.
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}
