//! `happyfox_uniffi`: Kotlin and Swift bindings (UniFFI, proc-macros, synchronous calls) over
//! the Rust client. Hand-written here: the runtime (client construction, errors, conversions,
//! the query parser, bulk create, the parallel export, the emulator); `generated/` holds the records, enums,
//! pages, pagers and endpoint methods that `cargo xtask codegen uniffi` writes from `spec/`.
//!
//! Kotlin gets the package `happyfox`, Swift the module `HappyFox` (`uniffi.toml`);
//! `cargo xtask bindings` writes both into `target/bindings/`.

uniffi::setup_scaffolding!("happyfox");

mod answers;
mod bulk;
mod client;
mod convert;
mod errors;
mod export;
mod generated;
mod pager;
mod query;
mod testing;

pub use answers::RawAnswer;
pub use bulk::BulkOutcome;
pub use client::{HappyFoxClient, Region};
pub use convert::Assignee;
pub use errors::{FieldError, HappyFoxError, InputRule};
pub use export::TicketExport;
pub use generated::externals::*;
pub use generated::models::*;
pub use generated::pages::*;
pub use generated::requests::*;
pub use generated::unions::*;
pub use query::Query;
pub use testing::HappyFoxEmulator;
