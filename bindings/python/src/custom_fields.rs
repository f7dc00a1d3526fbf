//! `CustomFieldValue.typed_value()`: a custom-field value read back in the form a write takes
//! (`custom_fields={id: value}`), by the field's type (the core's `typed_value`).

use pyo3::prelude::*;

use crate::generated::models::PyCustomFieldValue;

#[pymethods]
impl PyCustomFieldValue {
    /// The value as a write takes it: `str` for text, `float` for numbers, `int` for a
    /// dropdown's option id, `list[int]` for multiple choice, `datetime.date` for dates; None
    /// when the field is empty, of a type this client does not know, or the value does not
    /// fit its type (`value` and `value_id` stay readable).
    fn typed_value<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        use happyfox::FieldValue;
        let Some(value) = self.0.typed_value() else {
            return Ok(None);
        };
        let object = match value {
            FieldValue::Text(text) => text.into_pyobject(py)?.into_any(),
            FieldValue::Number(number) => number.into_pyobject(py)?.into_any(),
            FieldValue::Choice(id) => id.into_pyobject(py)?.into_any(),
            FieldValue::Choices(ids) => ids.into_pyobject(py)?.into_any(),
            FieldValue::Date(date) => date.into_pyobject(py)?.into_any(),
        };
        Ok(Some(object))
    }
}
