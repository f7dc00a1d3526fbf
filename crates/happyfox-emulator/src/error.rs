//! Errors of starting, loading and dumping an emulator (request errors are HTTP answers, see
//! `reply.rs`).

use std::path::PathBuf;

/// Why an emulator could not start, load or dump its data.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// Binding the listener or starting the runtime failed.
    #[error("cannot start the emulator: {0}")]
    Start(#[source] std::io::Error),
    /// A data fixture could not be read or written.
    #[error("data file {path}: {source}")]
    File {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A data fixture is not valid emulator data.
    #[error("invalid emulator data: {0}")]
    Data(#[from] serde_json::Error),
}
