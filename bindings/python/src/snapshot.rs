//! `client.tickets.snapshot(...)`: the tickets of a listing as they match now, for loops that
//! change them: every id is read first, then the tickets are fetched in batches, each
//! visited exactly once (the core's `snapshot_tickets`).

use pyo3::prelude::*;

use crate::generated::resources::{PyTicketsResource, list_tickets_method};
use crate::stream::Stream;

list_tickets_method! {
    PyTicketsResource,
    /// Every ticket of the listing `iter` would walk (same keywords), each exactly once, even
    /// when the loop changes them (assigning while listing unassigned tickets, closing while
    /// listing "New"): the matching ids are read first (ids only), then the tickets 50 at a
    /// time, in the listing's order, as they are when their batch is fetched. Tickets deleted
    /// meanwhile are skipped and counted (`missing`); after a failed request, `resume()`.
    fn snapshot(&self, params) -> PyResult<PyTicketSnapshot> {
        Ok(PyTicketSnapshot(Stream::new(
            self.client.snapshot_tickets(&params),
        )))
    }
}

/// The tickets of `tickets.snapshot(...)`, each once, in the listing's order.
#[pyclass(frozen, module = "happyfox", name = "TicketSnapshot")]
pub struct PyTicketSnapshot(Stream<happyfox::SnapshotIter>);

crate::stream::ticket_stream_methods!(PyTicketSnapshot);

#[pymethods]
impl PyTicketSnapshot {
    /// How many tickets of the snapshot were skipped so far because they no longer existed.
    #[getter]
    fn missing(&self) -> PyResult<usize> {
        self.0.with(|tickets| tickets.missing())
    }

    /// The ids of the tickets `missing` counts, in the snapshot's order.
    #[getter]
    fn missing_ids(&self) -> PyResult<Vec<u64>> {
        self.0
            .with(|tickets| tickets.missing_ids().iter().map(|id| id.get()).collect())
    }

    fn __repr__(&self) -> PyResult<String> {
        self.0.with(|tickets| {
            format!(
                "happyfox.TicketSnapshot(missing={}, failed={})",
                tickets.missing(),
                tickets.failed()
            )
        })
    }
}
