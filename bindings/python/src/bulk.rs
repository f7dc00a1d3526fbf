//! `client.tickets.create_many`: any number of tickets from dicts of `create`'s arguments,
//! one outcome per input, in input order (the core chunks them by 100).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::answers::PyBulkOutcome;
use crate::generated::requests::create_ticket_from_dict;
use crate::generated::resources::PyTicketsResource;

#[pymethods]
impl PyTicketsResource {
    /// Creates any number of tickets (dicts of `create`'s arguments, without attachments), in
    /// chunks of 100; one outcome per input, in input order.
    fn create_many(
        &self,
        py: Python<'_>,
        tickets: Vec<Bound<'_, PyDict>>,
    ) -> PyResult<Vec<PyBulkOutcome>> {
        let requests = tickets
            .iter()
            .map(create_ticket_from_dict)
            .collect::<PyResult<Vec<_>>>()?;
        let client = self.client.clone();
        let outcomes = py.detach(move || client.create_tickets(&requests));
        Ok(outcomes.into_iter().map(PyBulkOutcome::from).collect())
    }
}
