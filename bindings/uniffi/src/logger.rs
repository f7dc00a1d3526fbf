//! Request logs for Kotlin and Swift: the app implements `HappyFoxLogger` and installs it
//! with `setLogger(logger, level)`; a `log::Log` here forwards the core's records to it
//! (`happyfox::request` one line per attempt, `happyfox::retry`, ...; credentials are
//! already scrubbed by the core).

use std::sync::{Arc, OnceLock, PoisonError, RwLock};

/// How important a record is (the `log` crate's levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LogLevel {
    /// Something failed.
    Error,
    /// A retry, a write not retried because it may have been applied.
    Warn,
    /// One line per request attempt (`happyfox::request`).
    Info,
    /// Redirects, trust store details, the HTTP library's connections.
    Debug,
    /// Request and answer bodies (only with `ClientOptions(logBodies = true)`).
    Trace,
}

impl From<log::Level> for LogLevel {
    fn from(level: log::Level) -> Self {
        match level {
            log::Level::Error => Self::Error,
            log::Level::Warn => Self::Warn,
            log::Level::Info => Self::Info,
            log::Level::Debug => Self::Debug,
            log::Level::Trace => Self::Trace,
        }
    }
}

impl From<LogLevel> for log::LevelFilter {
    fn from(level: LogLevel) -> Self {
        match level {
            LogLevel::Error => Self::Error,
            LogLevel::Warn => Self::Warn,
            LogLevel::Info => Self::Info,
            LogLevel::Debug => Self::Debug,
            LogLevel::Trace => Self::Trace,
        }
    }
}

/// Where the app wants the client's log records. Called on the thread that logs (a worker
/// of an export or a bulk create, too), so it must be thread-safe; it must not throw.
#[uniffi::export(foreign)]
pub trait HappyFoxLogger: Send + Sync {
    /// One record: its level, its target (e.g. `happyfox::request`) and its message.
    fn log(&self, level: LogLevel, target: String, message: String);
}

/// The logger installed, read by every record.
type Installed = RwLock<Option<Arc<dyn HappyFoxLogger>>>;

/// The `log::Log` of this library: forwards each record to the installed logger.
struct Forwarder(Installed);

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        // ureq-proto traces every 16 bytes it parses: never useful to an app, and costly.
        !metadata.target().starts_with("ureq_proto")
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let logger = self
            .0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(logger) = logger {
            logger.log(
                record.level().into(),
                record.target().to_owned(),
                record.args().to_string(),
            );
        }
    }

    fn flush(&self) {}
}

/// The forwarder, registered with `log` the first time a logger is set.
fn forwarder() -> &'static Forwarder {
    static FORWARDER: OnceLock<&'static Forwarder> = OnceLock::new();
    FORWARDER.get_or_init(|| {
        let forwarder: &'static Forwarder = Box::leak(Box::new(Forwarder(RwLock::new(None))));
        // Fails only if another `log` logger was set in this library first; none is.
        let _ = log::set_logger(forwarder);
        forwarder
    })
}

/// Sends the client's log records at `level` and above to `logger` (replacing the one set
/// before). `happyfox::request` logs one line per request attempt at `Info`.
#[uniffi::export]
pub fn set_logger(logger: Arc<dyn HappyFoxLogger>, level: LogLevel) {
    let forwarder = forwarder();
    *forwarder.0.write().unwrap_or_else(PoisonError::into_inner) = Some(logger);
    log::set_max_level(level.into());
}

/// Stops sending log records (to the logger `setLogger` installed).
#[uniffi::export]
pub fn clear_logger() {
    log::set_max_level(log::LevelFilter::Off);
    *forwarder()
        .0
        .write()
        .unwrap_or_else(PoisonError::into_inner) = None;
}
