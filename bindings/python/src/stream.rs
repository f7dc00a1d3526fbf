//! A core iterator ([`happyfox::Resumable`]) behind a mutex, for the frozen Python classes
//! that wrap one (the generated pagers, `TicketExport`, `TicketSync`, `TicketSnapshot`): the
//! next item with the interpreter released and Ctrl-C honoured, `failed` and `resume` for
//! every one of them, and the iterator's own methods under the lock.

use std::sync::Mutex;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::to_py;

/// A core iterator of results shared by the calls of one Python object.
pub struct Stream<I>(Mutex<I>);

impl<T, I: happyfox::Resumable<Item = happyfox::Result<T>> + Send> Stream<I> {
    /// Wraps `items`.
    pub fn new(items: I) -> Self {
        Self(Mutex::new(items))
    }

    /// Runs `read` on the iterator; an error if a panic poisoned it.
    pub fn with<R>(&self, read: impl FnOnce(&mut I) -> R) -> PyResult<R> {
        let mut items = self
            .0
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the iterator was poisoned by a panic"))?;
        Ok(read(&mut items))
    }

    /// Whether the last request failed: nothing more is yielded until `resume`.
    pub fn failed(&self) -> PyResult<bool> {
        self.with(|items| items.failed())
    }

    /// After a failure: the next item repeats the request that failed.
    pub fn resume(&self) -> PyResult<()> {
        self.with(|items| items.resume())
    }

    /// The next item as `wrap` makes it for Python (`None` at the end), fetched without
    /// holding the interpreter. After an error the iterator yields nothing until it is
    /// resumed.
    pub fn next<W>(&self, py: Python<'_>, wrap: impl FnOnce(T) -> W) -> PyResult<Option<W>>
    where
        T: Send,
    {
        py.check_signals()?;
        match py.detach(|| self.with(Iterator::next))? {
            None => Ok(None),
            Some(item) => item.map(|x| Some(wrap(x))).map_err(to_py),
        }
    }
}

/// The iterator protocol of a class wrapping a [`Stream`] of tickets (`TicketExport`,
/// `TicketSync`, `TicketSnapshot`), with `failed` and `resume`: one more `#[pymethods]`
/// block beside the class's own.
macro_rules! ticket_stream_methods {
    ($class:ident) => {
        #[pymethods]
        impl $class {
            fn __iter__(slf: Py<Self>) -> Py<Self> {
                slf
            }

            fn __next__(
                &self,
                py: Python<'_>,
            ) -> PyResult<Option<crate::generated::models::PyTicket>> {
                self.0.next(py, crate::generated::models::PyTicket)
            }

            /// Whether the last request failed: nothing more is yielded until `resume()`.
            #[getter]
            fn failed(&self) -> PyResult<bool> {
                self.0.failed()
            }

            /// After a failure: the next item repeats the request that failed (nothing is
            /// skipped or repeated).
            fn resume(&self) -> PyResult<()> {
                self.0.resume()
            }
        }
    };
}

pub(crate) use ticket_stream_methods;
