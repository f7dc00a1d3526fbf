//! The one place core errors become Python exceptions: one class per [`happyfox::ErrorKind`],
//! matched without a catch-all, so a kind the core adds fails to compile here until it has
//! its class. The classes are defined in Python (`happyfox/_errors.py`: subclassing
//! exceptions from Rust under abi3 needs Python 3.12) and raised from here with their data.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

pyo3::import_exception!(happyfox._errors, ValidationError);
pyo3::import_exception!(happyfox._errors, AuthenticationError);
pyo3::import_exception!(happyfox._errors, NotFoundError);
pyo3::import_exception!(happyfox._errors, ConflictError);
pyo3::import_exception!(happyfox._errors, RateLimitError);
pyo3::import_exception!(happyfox._errors, HttpError);
pyo3::import_exception!(happyfox._errors, TimeoutError);
pyo3::import_exception!(happyfox._errors, TransportError);
pyo3::import_exception!(happyfox._errors, DecodeError);
pyo3::import_exception!(happyfox._errors, QueryError);
pyo3::import_exception!(happyfox._errors, InvalidRequestError);
pyo3::import_exception!(happyfox._errors, InsecureWriteError);
pyo3::import_exception!(happyfox._errors, RedirectError);
pyo3::import_exception!(happyfox._errors, ResponseTooLargeError);
pyo3::import_exception!(happyfox._errors, DryRunError);
pyo3::import_exception!(happyfox._errors, UnknownNameError);
pyo3::import_exception!(happyfox._errors, AmbiguousNameError);
pyo3::import_exception!(happyfox._errors, IoError);

/// The Python exception for a core error: its class says what went wrong
/// ([`happyfox::Error::kind`]), its attributes carry the data (`status`, `errors`,
/// `retry_after`, `offset`, `field`, `rule`, `location`, `request`, `candidates`..., and
/// `outcome_unknown` when a write may have been applied without an answer saying so).
pub fn to_py(error: happyfox::Error) -> PyErr {
    Python::attach(|py| match build(py, &error) {
        Ok(exception) => exception,
        Err(failure) => {
            PyRuntimeError::new_err(format!("{error} (and raising it failed: {failure})"))
        }
    })
}

/// A refusal of an argument before anything was sent (bad option values and the like), as
/// `InvalidRequestError` (a `ValueError`) with the argument's name and the rule.
pub fn invalid_argument(field: &str, rule: &str, message: String) -> PyErr {
    InvalidRequestError::new_err((message, field.to_owned(), rule.to_owned()))
}

fn build(py: Python<'_>, error: &happyfox::Error) -> PyResult<PyErr> {
    use happyfox::{Error, ErrorKind};
    let message = error.to_string();
    let status = error.status();
    // The variant holding the data: an unknown outcome's cause.
    let root = error.root();
    let exception = match error.kind() {
        ErrorKind::Validation => {
            let field_error = py.import("happyfox._errors")?.getattr("FieldError")?;
            let list = PyList::empty(py);
            for e in root.field_errors() {
                list.append(field_error.call1((e.field.clone(), e.messages.clone()))?)?;
            }
            ValidationError::new_err((message, status, list.unbind()))
        }
        ErrorKind::Authentication => AuthenticationError::new_err((message, status)),
        ErrorKind::NotFound => NotFoundError::new_err((message, status)),
        ErrorKind::Conflict => ConflictError::new_err((message, status)),
        ErrorKind::RateLimited => {
            let retry_after = if let Error::RateLimited { retry_after, .. } = root {
                retry_after.as_secs_f64()
            } else {
                0.0
            };
            RateLimitError::new_err((message, status, retry_after))
        }
        ErrorKind::Http => HttpError::new_err((message, status)),
        ErrorKind::Timeout => TimeoutError::new_err((message, status)),
        ErrorKind::Transport => TransportError::new_err((message, status)),
        ErrorKind::Decode => DecodeError::new_err((message, status)),
        ErrorKind::InvalidInput => match root.invalid_input() {
            Some(input) => match &input.rule {
                happyfox::InputRule::Query { offset } => {
                    QueryError::new_err((message, input.field.clone(), *offset))
                }
                rule => InvalidRequestError::new_err((message, input.field.clone(), rule.name())),
            },
            None => InvalidRequestError::new_err((message, None::<String>, "other")),
        },
        ErrorKind::InsecureWrite => {
            let url = if let Error::InsecureWrite { url } = root {
                url.clone()
            } else {
                String::new()
            };
            InsecureWriteError::new_err((message, url))
        }
        ErrorKind::Redirect => {
            let (location, hint) = if let Error::Redirect { location, hint, .. } = root {
                (location.clone(), hint.clone())
            } else {
                (String::new(), None)
            };
            RedirectError::new_err((message, status, location, hint))
        }
        ErrorKind::ResponseTooLarge => {
            let (limit, announced) = if let Error::ResponseTooLarge { limit, announced } = root {
                (*limit, *announced)
            } else {
                (0, None)
            };
            ResponseTooLargeError::new_err((message, limit, announced))
        }
        ErrorKind::DryRun => {
            let request = match root.dry_run() {
                Some(prepared) => prepared_request(py, prepared)?.unbind(),
                None => py.None(),
            };
            DryRunError::new_err((message, request))
        }
        ErrorKind::UnknownName => {
            let (kind, name, candidates) = if let Error::UnknownName {
                kind,
                name,
                candidates,
            } = root
            {
                (kind.clone(), name.clone(), candidates.clone())
            } else {
                Default::default()
            };
            UnknownNameError::new_err((message, kind, name, candidates))
        }
        ErrorKind::AmbiguousName => {
            let (kind, name, matches) = if let Error::AmbiguousName {
                kind,
                name,
                matches,
            } = root
            {
                (kind.clone(), name.clone(), matches.clone())
            } else {
                Default::default()
            };
            AmbiguousNameError::new_err((message, kind, name, matches))
        }
        ErrorKind::Io => {
            let path = if let Error::Io { path, .. } = root {
                path.clone()
            } else {
                String::new()
            };
            IoError::new_err((message, path))
        }
    };
    // The cause's class, marked: the write may have been applied although no answer said so.
    if error.outcome_unknown() {
        exception.value(py).setattr("outcome_unknown", true)?;
    }
    Ok(exception)
}

/// `happyfox.PreparedRequest` of a request a dry run did not send.
fn prepared_request<'py>(
    py: Python<'py>,
    prepared: &happyfox::PreparedRequest,
) -> PyResult<Bound<'py, PyAny>> {
    let headers = PyDict::new(py);
    for (name, value) in prepared.headers() {
        headers.set_item(name, value)?;
    }
    let body =
        serde_json::to_value(&prepared.body).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    py.import("happyfox._errors")?
        .getattr("PreparedRequest")?
        .call1((
            prepared.method.clone(),
            prepared.url.clone(),
            headers,
            crate::convert::json_to_py(py, &body)?,
        ))
}
