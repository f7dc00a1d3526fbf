//! `happyfox.Query`: the search language's parser and an immutable builder (each method
//! returns a new query; the per-field methods are generated from `spec/search.toml`).
//! `str(query)` is the canonical form the client sends.

use happyfox_query::{Field, Keyword, Query, SystemField, Term, Value, ValueKind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::errors::{InvalidRequestError, QueryError};

/// A search query (`q=`): terms that must all match.
#[pyclass(frozen, eq, module = "happyfox", name = "Query")]
#[derive(Clone, PartialEq)]
pub struct PyQuery {
    pub(crate) inner: Query,
}

fn parse_error(error: happyfox_query::ParseError) -> PyErr {
    QueryError::new_err((error.to_string(), Some("q"), error.offset()))
}

impl PyQuery {
    /// A copy with `term` added; a term the language cannot express raises at once.
    fn with(&self, term: Term) -> PyResult<Self> {
        let query = self.inner.clone().term(term);
        match query.validate() {
            Ok(()) => Ok(Self { inner: query }),
            Err(error) => Err(InvalidRequestError::new_err((
                error.to_string(),
                Some(error.term().to_owned()),
                "invalid_query",
            ))),
        }
    }

    /// A copy with a system-field term of `values` (the generated methods call this).
    pub(crate) fn system(&self, field: SystemField, values: &[Bound<'_, PyAny>]) -> PyResult<Self> {
        let values = values
            .iter()
            .map(|value| typed_value(field, value))
            .collect::<PyResult<Vec<_>>>()?;
        self.with(Term::Field {
            field: Field::System(field),
            values,
        })
    }
}

/// A Python value as a value of `field`'s kind: dates as `datetime.date` or `yyyy/mm/dd`,
/// booleans as `bool`, ids as int or str, keywords as `"--none"`, `"--any"` or a name.
fn typed_value(field: SystemField, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    let kind = field.kind();
    let wrong =
        || PyTypeError::new_err(format!("`{}` takes {}", field.wire_name(), kind.expected()));
    match kind {
        ValueKind::Bool => value
            .extract::<bool>()
            .map(Value::Bool)
            .map_err(|_| wrong()),
        ValueKind::Date => {
            if let Ok(date) = value.extract::<chrono::NaiveDate>() {
                return Ok(Value::Date(date));
            }
            let text: String = value.extract().map_err(|_| wrong())?;
            Value::from_wire(kind, &text).ok_or_else(wrong)
        }
        ValueKind::Id => {
            if let Ok(id) = value.extract::<u64>() {
                return Ok(Value::Text(id.to_string()));
            }
            let text: String = value.extract().map_err(|_| wrong())?;
            Ok(Value::Text(text))
        }
        ValueKind::Keyword => {
            let text: String = value.extract().map_err(|_| wrong())?;
            Ok(Value::Keyword(Keyword::from_wire(&text)))
        }
        ValueKind::Text | ValueKind::DueDate => {
            let text: String = value.extract().map_err(|_| wrong())?;
            Value::from_wire(kind, &text).ok_or_else(wrong)
        }
    }
}

#[pymethods]
impl PyQuery {
    /// The empty query (matches every ticket).
    #[new]
    fn new() -> Self {
        Self {
            inner: Query::new(),
        }
    }

    /// Parses decoded query text (`+` is a literal `+`).
    #[classmethod]
    fn parse(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Query::parse(text)
            .map(|inner| Self { inner })
            .map_err(parse_error)
    }

    /// Parses the reference's URL form, where `+` stands for a space.
    #[classmethod]
    fn parse_url_form(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Query::parse_url_form(text)
            .map(|inner| Self { inner })
            .map_err(parse_error)
    }

    /// Parses text as the client reads a raw `q` string: decoded text or the URL form,
    /// refusing a `+` that could be either.
    #[classmethod]
    fn parse_raw(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Query::parse_raw(text)
            .map(|inner| Self { inner })
            .map_err(parse_error)
    }

    /// Adds `"name":"a","b"` for a ticket or contact custom field (any value matches).
    #[pyo3(signature = (name, *values))]
    fn custom(&self, name: String, values: Vec<String>) -> PyResult<Self> {
        self.with(Term::Field {
            field: Field::Custom(name),
            values: values.into_iter().map(Value::Text).collect(),
        })
    }

    /// Adds free text, matched against the subject and the messages.
    fn free_text(&self, text: String) -> PyResult<Self> {
        self.with(Term::FreeText(text))
    }

    /// Whether the query has no term.
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("happyfox.Query.parse({:?})", self.inner.to_string())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.inner.terms().hash(&mut hasher);
        hasher.finish()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let parse = py.get_type::<PyQuery>().getattr("parse")?;
        Ok((parse, (self.inner.to_string(),)))
    }
}
