//! The one place core errors become Python exceptions. The exception classes are defined in
//! Python (`happyfox/_errors.py`: subclassing exceptions from Rust under abi3 needs Python
//! 3.12) and raised from here with their data.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyList;

pyo3::import_exception!(happyfox._errors, HappyFoxError);
pyo3::import_exception!(happyfox._errors, ValidationError);
pyo3::import_exception!(happyfox._errors, AuthenticationError);
pyo3::import_exception!(happyfox._errors, NotFoundError);
pyo3::import_exception!(happyfox._errors, ConflictError);
pyo3::import_exception!(happyfox._errors, RateLimitError);
pyo3::import_exception!(happyfox._errors, TransportError);
pyo3::import_exception!(happyfox._errors, TimeoutError);
pyo3::import_exception!(happyfox._errors, DecodeError);
pyo3::import_exception!(happyfox._errors, QueryError);
pyo3::import_exception!(happyfox._errors, InvalidRequestError);

/// The Python exception for a core error: its class says what went wrong, its attributes
/// carry the data (`status`, `errors`, `retry_after`, `offset`, `field`, `rule`, and
/// `outcome_unknown` when a write may have been applied without an answer saying so).
pub fn to_py(error: happyfox::Error) -> PyErr {
    Python::attach(|py| match build(py, &error) {
        Ok(exception) => exception,
        Err(failure) => {
            PyRuntimeError::new_err(format!("{error} (and raising it failed: {failure})"))
        }
    })
}

fn build(py: Python<'_>, error: &happyfox::Error) -> PyResult<PyErr> {
    use happyfox::Error;
    let message = error.to_string();
    let status = error.status();
    Ok(match error {
        Error::Validation { errors, .. } => {
            let field_error = py.import("happyfox._errors")?.getattr("FieldError")?;
            let list = PyList::empty(py);
            for e in errors {
                list.append(field_error.call1((e.field.clone(), e.messages.clone()))?)?;
            }
            ValidationError::new_err((message, status, list.unbind()))
        }
        Error::Authentication { .. } => AuthenticationError::new_err((message, status)),
        Error::NotFound { .. } => NotFoundError::new_err((message, status)),
        Error::Conflict { .. } => ConflictError::new_err((message, status)),
        Error::RateLimited { retry_after, .. } => {
            RateLimitError::new_err((message, status, retry_after.as_secs_f64()))
        }
        Error::Transport { .. } if is_timeout(error) => TimeoutError::new_err((message, status)),
        Error::Transport { .. } => TransportError::new_err((message, status)),
        Error::Decode { .. } => DecodeError::new_err((message, status)),
        Error::InvalidInput(input) => match &input.rule {
            happyfox::InputRule::Query { offset } => {
                QueryError::new_err((message, input.field.clone(), *offset))
            }
            rule => InvalidRequestError::new_err((message, input.field.clone(), rule_name(rule))),
        },
        // The cause's class, marked: the write may have been applied although no answer said so.
        Error::OutcomeUnknown { cause, .. } => {
            let exception = build(py, cause)?;
            let value = exception.value(py);
            value.setattr("message", &message)?;
            value.setattr("outcome_unknown", true)?;
            exception
        }
        Error::Io { .. } | Error::InsecureWrite { .. } => {
            InvalidRequestError::new_err((message, None::<String>, "other"))
        }
        _ => HappyFoxError::new_err((message, status)),
    })
}

/// Whether a transport error is a timeout (ureq's own kind, found through the sources; the
/// core keeps its source in an `Arc`, which is itself the error `source()` hands out).
fn is_timeout(error: &happyfox::Error) -> bool {
    type Shared = std::sync::Arc<dyn std::error::Error + Send + Sync>;
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let ureq_error = cause.downcast_ref::<ureq::Error>().or_else(|| {
            cause
                .downcast_ref::<Shared>()
                .and_then(|shared| shared.downcast_ref::<ureq::Error>())
        });
        if let Some(ureq::Error::Timeout(_)) = ureq_error {
            return true;
        }
        source = cause.source();
    }
    false
}

/// The rule's name, as `InvalidRequestError.rule` gives it.
fn rule_name(rule: &happyfox::InputRule) -> &'static str {
    use happyfox::InputRule;
    match rule {
        InputRule::Required => "required",
        InputRule::OneOf { .. } => "one_of",
        InputRule::OutOfRange { .. } => "out_of_range",
        InputRule::Query { .. } => "query",
        InputRule::InvalidQuery => "invalid_query",
        InputRule::NotFinite => "not_finite",
        InputRule::TooLarge { .. } => "too_large",
        InputRule::Multipart => "multipart",
        InputRule::BulkAttachments => "bulk_attachments",
        InputRule::Url => "url",
        InputRule::Environment => "environment",
        InputRule::Trust => "trust",
        InputRule::Proxy => "proxy",
        _ => "other",
    }
}
