//! Custom-field values in the form a write takes (`custom_fields={id: value}`):
//! `CustomFieldValue.typed_value()` reads one back by the field's type (the core's
//! `typed_value`), and [`field_value_to_py`] gives any core `FieldValue` to Python.

use pyo3::prelude::*;

use crate::generated::models::PyCustomFieldValue;

#[pymethods]
impl PyCustomFieldValue {
    /// The value as a write takes it: `str` for text, `float` for numbers, `int` for a
    /// dropdown's option id, `list[int]` for multiple choice, `datetime.date` for dates; None
    /// when the field is empty, of a type this client does not know, or the value does not
    /// fit its type (`value` and `value_id` stay readable).
    fn typed_value<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .typed_value()
            .map(|value| field_value_to_py(py, value))
            .transpose()
    }
}

/// A core `FieldValue` as Python writes take it: `str`, `float`, `int` (an option id),
/// `list[int]`, `datetime.date`.
pub fn field_value_to_py(
    py: Python<'_>,
    value: happyfox::FieldValue,
) -> PyResult<Bound<'_, PyAny>> {
    use happyfox::FieldValue;
    Ok(match value {
        FieldValue::Text(text) => text.into_pyobject(py)?.into_any(),
        FieldValue::Number(number) => number.into_pyobject(py)?.into_any(),
        FieldValue::Choice(id) => id.into_pyobject(py)?.into_any(),
        FieldValue::Choices(ids) => ids.into_pyobject(py)?.into_any(),
        FieldValue::Date(date) => date.into_pyobject(py)?.into_any(),
    })
}
