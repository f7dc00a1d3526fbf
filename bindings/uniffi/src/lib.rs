//! `happyfox_uniffi`: Kotlin and Swift bindings (UniFFI, proc-macros, synchronous calls) over
//! the Rust client. Hand-written here: the runtime (client construction and options, errors
//! with dry-run requests, conversions, the query parser, bulk create, lookups, snapshots, the
//! parallel export, incremental sync, typed custom-field values, request logs, the emulator);
//! `generated/` holds the records, enums, pages, pagers and endpoint methods that
//! `cargo xtask codegen uniffi` writes from `spec/`.
//!
//! Kotlin gets the package `happyfox`, Swift the module `HappyFox` (`uniffi.toml`);
//! `cargo xtask bindings` writes both into `target/bindings/`.

uniffi::setup_scaffolding!("happyfox");

mod answers;
mod bulk;
mod client;
mod convert;
mod dry_run;
mod errors;
mod export;
mod generated;
mod logger;
mod lookups;
mod pager;
mod query;
mod snapshot;
mod stream;
mod surface;
mod sync;
#[cfg(feature = "emulator")]
mod testing;
mod text_inputs;
mod typed_value;
mod upload;

pub use answers::RawAnswer;
pub use bulk::BulkOutcome;
pub use client::{ClientOptions, HappyFoxClient, Pacing, Region, RequestOptions};
pub use convert::Assignee;
pub use dry_run::{Header, PreparedBody, PreparedField, PreparedFile, PreparedRequest};
pub use errors::{FieldError, HappyFoxError, InputRule};
pub use export::TicketExport;
pub use generated::externals::*;
pub use generated::models::*;
pub use generated::pages::*;
pub use generated::requests::*;
pub use generated::unions::*;
pub use logger::{HappyFoxLogger, LogLevel, clear_logger, set_logger};
pub use lookups::Lookups;
pub use query::Query;
pub use snapshot::TicketSnapshot;
pub use sync::TicketSync;
#[cfg(feature = "emulator")]
pub use testing::{
    EmulatorFaults, EmulatorRateLimit, EmulatorStats, FaultKind, FaultMethod, HappyFoxEmulator,
    PlannedFault, RequestCounts,
};
pub use upload::upload_file_from_path;
