//! `client.tickets.sync(checkpoint)`: the tickets changed since a checkpoint (a JSON string),
//! each once, and the next checkpoint once the iterator is exhausted without an error.

use pyo3::prelude::*;

use crate::errors::to_py;
use crate::generated::resources::{PyTicketsResource, list_tickets_from_keywords};
use crate::stream::Stream;

#[pymethods]
impl PyTicketsResource {
    /// Every ticket modified since `checkpoint` (all tickets when it is None), each once;
    /// `status`, `category` and `q` narrow the sync as they narrow `iter`. The checkpoint is
    /// the JSON string a finished `TicketSync.checkpoint` gave.
    #[pyo3(signature = (checkpoint = None, *, status = None, category = None, q = None))]
    fn sync(
        &self,
        checkpoint: Option<&str>,
        status: Option<Bound<'_, PyAny>>,
        category: Option<Bound<'_, PyAny>>,
        q: Option<Bound<'_, PyAny>>,
    ) -> PyResult<PyTicketSync> {
        let checkpoint = checkpoint
            .map(happyfox::SyncCheckpoint::from_json)
            .transpose()
            .map_err(to_py)?;
        let listing = list_tickets_from_keywords(status, category, q, None, None, None)?;
        let run = self
            .client
            .sync_tickets_matching(checkpoint.as_ref(), &listing);
        Ok(PyTicketSync(Stream::new(run)))
    }
}

/// One sync run: iterate it for the changed tickets, then read `checkpoint`.
#[pyclass(frozen, module = "happyfox", name = "TicketSync")]
pub struct PyTicketSync(Stream<happyfox::SyncIter>);

impl PyTicketSync {
    fn with<R>(&self, use_it: impl FnOnce(&mut happyfox::SyncIter) -> R) -> PyResult<R> {
        self.0.with(use_it)
    }
}

crate::stream::ticket_stream_methods!(PyTicketSync);

#[pymethods]
impl PyTicketSync {
    /// The next checkpoint as a JSON string, once the iterator is exhausted without an
    /// error; None while the run goes or after an error.
    #[getter]
    fn checkpoint(&self) -> PyResult<Option<String>> {
        self.with(|run| run.checkpoint().map(|c| c.to_json()))
    }

    fn __repr__(&self) -> PyResult<String> {
        self.with(|run| {
            format!(
                "TicketSync(failed={}, finished={})",
                run.failed(),
                run.checkpoint().is_some()
            )
        })
    }
}
