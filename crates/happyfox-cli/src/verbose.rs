//! `-v`/`--verbose`: the client's log records on stderr, one `LEVEL target: message` line
//! each. `-v` shows the request lines (`happyfox::request`, one per attempt) and retries;
//! `-vv` adds debug records of every crate (ureq's connections included); `-vvv` adds trace
//! records and the request and answer bodies. Credentials never appear: the client scrubs
//! its lines, and ureq does not log the Authorization header.

use log::{LevelFilter, Log, Metadata, Record};

/// Writes records to stderr.
struct StderrLogger {
    /// The most detailed level shown for the client's own targets (`happyfox::*`).
    client: LevelFilter,
    /// The most detailed level shown for every other target.
    others: LevelFilter,
}

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        let own = metadata.target().starts_with("happyfox");
        metadata.level() <= if own { self.client } else { self.others }
    }

    fn log(&self, record: &Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("{} {}: {}", record.level(), record.target(), record.args());
        }
    }

    fn flush(&self) {}
}

/// Whether `count` `-v` flags ask for bodies (`-vvv`).
pub fn wants_bodies(count: u8) -> bool {
    count >= 3
}

/// Installs the stderr logger for `count` `-v` flags (none for 0).
pub fn install(count: u8) {
    let (client, others) = match count {
        0 => return,
        1 => (LevelFilter::Info, LevelFilter::Warn),
        2 => (LevelFilter::Debug, LevelFilter::Debug),
        _ => (LevelFilter::Trace, LevelFilter::Trace),
    };
    let logger = Box::new(StderrLogger { client, others });
    if log::set_boxed_logger(logger).is_ok() {
        log::set_max_level(client.max(others));
    }
}
