//! The Rust `log` records (the client's request lines on `happyfox.request`, retries on
//! `happyfox.retry`, ureq's own on `ureq.*`) into Python's `logging`, through `pyo3-log`,
//! and `happyfox.reset_logging()` for levels changed after the first records.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3_log::{Caching, Logger, ResetHandle};

/// The handle that clears the cached logger levels (none when another logger was
/// installed in the process first).
static RESET: OnceLock<Option<ResetHandle>> = OnceLock::new();

/// Installs the bridge (once per process) and adds `reset_logging` to the module.
///
/// Levels are cached on the Rust side, so a record that no Python logger would take never
/// waits for the GIL; the records come from threads that released the GIL, and take it
/// only to hand a record to `logging`.
pub fn install(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    if RESET.get().is_none() {
        let logger = Logger::new(py, Caching::LoggersAndLevels)?.filter(log::LevelFilter::Trace);
        let _ = RESET.set(logger.install().ok());
    }
    module.add_function(wrap_pyfunction!(reset_logging, module)?)
}

/// Forgets the logging levels seen so far: call it after changing a logger's level (or
/// its handlers) once requests were made, so the next records follow the new levels.
#[pyfunction]
fn reset_logging() {
    if let Some(Some(handle)) = RESET.get() {
        handle.reset();
    }
}
