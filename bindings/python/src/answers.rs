//! What writes and bulk creates hand back besides models: the raw answer of a write that
//! HappyFox accepted in another shape than documented, and one outcome per bulk payload.

use pyo3::BoundObject;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::to_py;

/// A 2xx answer to a write that is not the documented shape: the write happened.
#[pyclass(frozen, eq, module = "happyfox", name = "RawAnswer")]
#[derive(Clone, PartialEq)]
pub struct PyRawAnswer {
    inner: happyfox::RawAnswer,
}

impl From<happyfox::RawAnswer> for PyRawAnswer {
    fn from(inner: happyfox::RawAnswer) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl PyRawAnswer {
    /// The HTTP status (2xx).
    #[getter]
    fn status(&self) -> u16 {
        self.inner.status
    }

    /// The body, byte for byte.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.body)
    }

    /// Why it is not the documented shape.
    #[getter]
    fn problem(&self) -> &str {
        &self.inner.problem
    }

    /// The body as text.
    fn text(&self) -> String {
        self.inner.text()
    }

    /// The body as JSON, or `None` when it is not JSON.
    fn json<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .json()
            .map(|value| crate::convert::json_to_py(py, &value))
            .transpose()
    }

    fn __repr__(&self) -> String {
        format!(
            "happyfox.RawAnswer(status={}, body={:?})",
            self.inner.status,
            self.inner.text()
        )
    }
}

/// The documented answer of a write as its Python model, or the raw answer.
pub fn applied<'py, T, P>(
    py: Python<'py>,
    result: happyfox::Result<happyfox::Applied<T>>,
    model: impl FnOnce(T) -> P,
) -> PyResult<Bound<'py, PyAny>>
where
    P: IntoPyObject<'py>,
    PyErr: From<P::Error>,
{
    match result.map_err(to_py)? {
        happyfox::Applied::Answer(answer) => {
            Ok(model(answer).into_pyobject(py)?.into_any().into_bound())
        }
        happyfox::Applied::Unrecognized(raw) => {
            Ok(Bound::new(py, PyRawAnswer::from(raw))?.into_any())
        }
    }
}

/// What became of one payload of `tickets.create_many`.
#[pyclass(frozen, module = "happyfox", name = "BulkOutcome")]
pub struct PyBulkOutcome {
    inner: happyfox::BulkOutcome,
}

impl From<happyfox::BulkOutcome> for PyBulkOutcome {
    fn from(inner: happyfox::BulkOutcome) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl PyBulkOutcome {
    /// `"created"`, `"rejected"`, `"unconfirmed"` (HappyFox accepted the request but did
    /// not say what became of this payload: look it up before creating it again) or
    /// `"failed"` (the request failed as a whole; the ticket may or may not exist).
    #[getter]
    fn kind(&self) -> &'static str {
        match &self.inner {
            happyfox::BulkOutcome::Created { .. } => "created",
            happyfox::BulkOutcome::Rejected { .. } => "rejected",
            happyfox::BulkOutcome::Unconfirmed { .. } => "unconfirmed",
            _ => "failed",
        }
    }

    /// The ticket number, when created.
    #[getter]
    fn id(&self) -> Option<u64> {
        self.inner.id().map(u64::from)
    }

    /// The display id, when created.
    #[getter]
    fn display_id(&self) -> Option<String> {
        match &self.inner {
            happyfox::BulkOutcome::Created { display_id, .. } => display_id.clone(),
            _ => None,
        }
    }

    /// The field errors, when rejected.
    #[getter]
    fn errors<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let happyfox::BulkOutcome::Rejected { errors } = &self.inner else {
            return Ok(Vec::new());
        };
        let field_error = py.import("happyfox._errors")?.getattr("FieldError")?;
        errors
            .iter()
            .map(|e| field_error.call1((e.field.clone(), e.messages.clone())))
            .collect()
    }

    /// The exception of the failed request, or the problem with an unconfirmed answer.
    #[getter]
    fn error(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        match &self.inner {
            happyfox::BulkOutcome::RequestFailed { error } => {
                Some(to_py(error.clone()).into_value(py).into_any())
            }
            happyfox::BulkOutcome::Unconfirmed { problem, .. } => {
                Some(problem.clone().into_pyobject(py).ok()?.into_any().unbind())
            }
            _ => None,
        }
    }

    fn __repr__(&self) -> String {
        match self.inner.id() {
            Some(id) => format!("happyfox.BulkOutcome(kind='created', id={id})"),
            None => format!("happyfox.BulkOutcome(kind={:?})", self.kind()),
        }
    }
}
