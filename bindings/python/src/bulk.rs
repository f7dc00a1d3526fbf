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
    /// chunks of 100 sent by `workers` threads at once (default 3; 1 keeps ticket numbers in
    /// input order); one outcome per input, in input order.
    #[pyo3(signature = (tickets, *, workers = None))]
    fn create_many(
        &self,
        py: Python<'_>,
        tickets: Vec<Bound<'_, PyDict>>,
        workers: Option<usize>,
    ) -> PyResult<Vec<PyBulkOutcome>> {
        let requests = tickets
            .iter()
            .map(create_ticket_from_dict)
            .collect::<PyResult<Vec<_>>>()?;
        let client = self.client.clone();
        let mut options = happyfox::BulkOptions::default();
        if let Some(workers) = workers {
            options = options.workers(workers);
        }
        let outcomes = py.detach(move || client.create_tickets_with(&requests, options));
        Ok(outcomes.into_iter().map(PyBulkOutcome::from).collect())
    }
}
