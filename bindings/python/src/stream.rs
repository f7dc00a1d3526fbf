//! A core iterator of tickets behind a mutex, for the frozen Python classes that wrap one
//! (`TicketExport`, `TicketSync`): the next ticket with the interpreter released and Ctrl-C
//! honoured, and the iterator's own methods under the lock.

use std::sync::Mutex;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::to_py;
use crate::generated::models::PyTicket;

/// A core ticket iterator shared by the calls of one Python object.
pub struct TicketStream<I>(Mutex<I>);

impl<I: Iterator<Item = happyfox::Result<happyfox::Ticket>> + Send> TicketStream<I> {
    /// Wraps `tickets`.
    pub fn new(tickets: I) -> Self {
        Self(Mutex::new(tickets))
    }

    /// Runs `read` on the iterator; an error if a panic poisoned it.
    pub fn with<T>(&self, read: impl FnOnce(&mut I) -> T) -> PyResult<T> {
        let mut tickets = self
            .0
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the iterator was poisoned by a panic"))?;
        Ok(read(&mut tickets))
    }

    /// The next ticket (`None` at the end), fetched without holding the interpreter.
    pub fn next(&self, py: Python<'_>) -> PyResult<Option<PyTicket>> {
        py.check_signals()?;
        match py.detach(|| self.with(Iterator::next))? {
            None => Ok(None),
            Some(ticket) => ticket.map(|t| Some(PyTicket(t))).map_err(to_py),
        }
    }
}
