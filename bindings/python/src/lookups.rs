//! `client.lookups()`: the account's statuses, priorities, categories, staff and custom
//! fields, found by name, email or id (the core's `Lookups`, fetched once per client).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::custom_fields::field_value_to_py;
use crate::errors::to_py;
use crate::generated::ids;
use crate::generated::models::{
    PyCategory, PyContactCustomField, PyPriority, PyStaff, PyStatus, PyTicketCustomField,
};

/// Every lookup of the account. Each finder takes a name, an id (as digits or an int) or,
/// for staff, an email: an exact match wins, then one ignoring case and surrounding spaces;
/// several matches raise `AmbiguousNameError`, none `UnknownNameError` (with every name).
#[pyclass(frozen, module = "happyfox", name = "Lookups")]
pub struct PyLookups(pub Arc<happyfox::Lookups>);

/// A core reader of a custom field's value from text.
type ReadField = fn(
    &happyfox::Lookups,
    &str,
    &str,
) -> happyfox::Result<(happyfox::CustomFieldId, happyfox::FieldValue)>;

impl PyLookups {
    /// `(field id, value)` as `read` finds the field `field` names and reads `value`.
    fn field_input<'py>(
        &self,
        py: Python<'py>,
        read: ReadField,
        field: &Bound<'_, PyAny>,
        value: &str,
    ) -> PyResult<(u64, Bound<'py, PyAny>)> {
        let (id, typed) = read(&self.0, &key(field)?, value).map_err(to_py)?;
        Ok((id.get(), field_value_to_py(py, typed)?))
    }
}

/// The text a finder looks for: a name or email as given, an id as its digits.
fn key(name: &Bound<'_, PyAny>) -> PyResult<String> {
    match name.cast::<PyString>() {
        Ok(text) => Ok(text.to_str()?.to_owned()),
        Err(_) => Ok(name.extract::<u64>()?.to_string()),
    }
}

#[pymethods]
impl PyLookups {
    /// The status named `name` (or with that id).
    fn status(&self, name: &Bound<'_, PyAny>) -> PyResult<PyStatus> {
        let found = self.0.status(&key(name)?).map_err(to_py)?;
        Ok(PyStatus(found.clone()))
    }

    /// The priority named `name` (or with that id).
    fn priority(&self, name: &Bound<'_, PyAny>) -> PyResult<PyPriority> {
        let found = self.0.priority(&key(name)?).map_err(to_py)?;
        Ok(PyPriority(found.clone()))
    }

    /// The category named `name` (or with that id); its `time_spent_mandatory` says whether
    /// staff updates in it must carry `time_spent`.
    fn category(&self, name: &Bound<'_, PyAny>) -> PyResult<PyCategory> {
        let found = self.0.category(&key(name)?).map_err(to_py)?;
        Ok(PyCategory(found.clone()))
    }

    /// The staff member with that email, name or id.
    fn staff(&self, name_or_email: &Bound<'_, PyAny>) -> PyResult<PyStaff> {
        let found = self.0.staff(&key(name_or_email)?).map_err(to_py)?;
        Ok(PyStaff(found.clone()))
    }

    /// The ticket custom field named `name` (or with that id).
    fn ticket_custom_field(&self, name: &Bound<'_, PyAny>) -> PyResult<PyTicketCustomField> {
        let found = self.0.ticket_custom_field(&key(name)?).map_err(to_py)?;
        Ok(PyTicketCustomField(found.clone()))
    }

    /// The contact custom field named `name` (or with that id).
    fn contact_custom_field(&self, name: &Bound<'_, PyAny>) -> PyResult<PyContactCustomField> {
        let found = self.0.contact_custom_field(&key(name)?).map_err(to_py)?;
        Ok(PyContactCustomField(found.clone()))
    }

    /// `(field id, value)` for `custom_fields={...}`: the ticket custom field named `field`
    /// (or with that id) and `value` (text) read by its type: a number, a date
    /// (`yyyy-mm-dd`), a dropdown's option by its text or id, options comma-separated.
    fn ticket_field_value<'py>(
        &self,
        py: Python<'py>,
        field: &Bound<'_, PyAny>,
        value: &str,
    ) -> PyResult<(u64, Bound<'py, PyAny>)> {
        self.field_input(py, happyfox::Lookups::ticket_field_value, field, value)
    }

    /// `(field id, value)` for `contact_custom_fields={...}`, as `ticket_field_value`.
    fn contact_field_value<'py>(
        &self,
        py: Python<'py>,
        field: &Bound<'_, PyAny>,
        value: &str,
    ) -> PyResult<(u64, Bound<'py, PyAny>)> {
        self.field_input(py, happyfox::Lookups::contact_field_value, field, value)
    }

    /// Whether staff updates and private notes of a ticket in `category` (a name, an id or a
    /// `Category`) must carry `time_spent` (HappyFox answers 400 otherwise); False for an
    /// unknown category id.
    fn requires_time_spent(&self, category: &Bound<'_, PyAny>) -> PyResult<bool> {
        let id = match category.cast::<PyString>() {
            Ok(name) => self.0.category(name.to_str()?).map_err(to_py)?.id.get(),
            Err(_) => ids::category_id(category, "category")?,
        };
        Ok(self.0.requires_time_spent(id))
    }

    /// The ticket statuses.
    #[getter]
    fn statuses(&self) -> Vec<PyStatus> {
        self.0.statuses().iter().cloned().map(PyStatus).collect()
    }

    /// The ticket priorities.
    #[getter]
    fn priorities(&self) -> Vec<PyPriority> {
        self.0
            .priorities()
            .iter()
            .cloned()
            .map(PyPriority)
            .collect()
    }

    /// The ticket categories.
    #[getter]
    fn categories(&self) -> Vec<PyCategory> {
        self.0
            .categories()
            .iter()
            .cloned()
            .map(PyCategory)
            .collect()
    }

    /// The staff members.
    #[getter]
    fn staff_members(&self) -> Vec<PyStaff> {
        self.0
            .staff_members()
            .iter()
            .cloned()
            .map(PyStaff)
            .collect()
    }

    /// The ticket custom fields.
    #[getter]
    fn ticket_custom_fields(&self) -> Vec<PyTicketCustomField> {
        let fields = self.0.ticket_custom_fields().iter().cloned();
        fields.map(PyTicketCustomField).collect()
    }

    /// The contact custom fields.
    #[getter]
    fn contact_custom_fields(&self) -> Vec<PyContactCustomField> {
        let fields = self.0.contact_custom_fields().iter().cloned();
        fields.map(PyContactCustomField).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "happyfox.Lookups(statuses={}, priorities={}, categories={}, staff={})",
            self.0.statuses().len(),
            self.0.priorities().len(),
            self.0.categories().len(),
            self.0.staff_members().len()
        )
    }
}
