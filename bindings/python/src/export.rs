//! `client.tickets.export(...)`: the core's parallel export, as an iterator of tickets that
//! releases the interpreter while pages arrive.

use pyo3::prelude::*;

use crate::generated::resources::{PyTicketsResource, list_tickets_method};
use crate::stream::Stream;

list_tickets_method! {
    PyTicketsResource,
    /// Every ticket of the listing `list` describes, its pages fetched by `workers` threads
    /// at once (default 8, at most 32) and yielded in the listing's order; an unset `size`
    /// is 50. A page that fails after the retries raises, after every ticket of the pages
    /// before it; `resume()` then goes on from that page. Tickets that change while it runs
    /// can be missed, never yielded twice: when the set must be exactly what matched at the
    /// start, or the loop writes, read the ids first.
    fn export(&self, params, workers: Option<usize>) -> PyResult<PyTicketExport> {
        let mut options = happyfox::ExportOptions::default();
        if let Some(workers) = workers {
            options = options.workers(workers);
        }
        Ok(PyTicketExport(Stream::new(
            self.client.export_tickets_with(&params, options),
        )))
    }
}

/// The tickets of `tickets.export(...)`, in the listing's order.
#[pyclass(frozen, module = "happyfox", name = "TicketExport")]
pub struct PyTicketExport(Stream<happyfox::TicketExport>);

impl PyTicketExport {
    fn with<T>(&self, read: impl FnOnce(&mut happyfox::TicketExport) -> T) -> PyResult<T> {
        self.0.with(read)
    }
}

crate::stream::ticket_stream_methods!(PyTicketExport);

#[pymethods]
impl PyTicketExport {
    /// The number of tickets the listing held when its first page was read (`None` before).
    #[getter]
    fn total(&self) -> PyResult<Option<u64>> {
        self.with(|export| export.total())
    }

    /// How many tickets were met again on a later page and not yielded twice.
    #[getter]
    fn repeated(&self) -> PyResult<u64> {
        self.with(|export| export.repeated())
    }

    fn __repr__(&self) -> PyResult<String> {
        self.with(|export| match export.total() {
            Some(total) => format!("happyfox.TicketExport(total={total})"),
            None => "happyfox.TicketExport(not started)".to_owned(),
        })
    }
}
