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
        // ureq-proto traces every 16 bytes of every body as a record of its own (some 17,000
        // for a page of 50 tickets); each record that reaches the bridge costs a level
        // lookup, which doubled the CPU of a Python export. So TRACE records are not made
        // at all until a client asks for bodies (`trace_bodies`), and ureq-proto's stay out.
        let logger = Logger::new(py, Caching::LoggersAndLevels)?
            .filter(log::LevelFilter::Trace)
            .filter_target("ureq_proto".to_owned(), log::LevelFilter::Debug);
        let installed = logger.install().ok();
        if installed.is_some() {
            log::set_max_level(log::LevelFilter::Debug);
        }
        let _ = RESET.set(installed);
    }
    module.add_function(wrap_pyfunction!(reset_logging, module)?)
}

/// Lets TRACE records through from now on: a client was made with `log_bodies=True`, and
/// bodies are logged at TRACE (`happyfox.request.body`).
pub fn trace_bodies() {
    if let Some(Some(_)) = RESET.get() {
        log::set_max_level(log::LevelFilter::Trace);
    }
}

/// Forgets the logging levels seen so far: call it after changing a logger's level (or
/// its handlers) once requests were made, so the next records follow the new levels.
#[pyfunction]
fn reset_logging() {
    if let Some(Some(handle)) = RESET.get() {
        handle.reset();
    }
}
