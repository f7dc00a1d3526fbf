//! A blocking client for the HappyFox help-desk API (v1.1), generated from `spec/`.
//!
//! ```no_run
//! use happyfox::{Applied, Client, CreateTicket, ListTickets, Query, Region, StaffUpdate};
//!
//! # fn main() -> happyfox::Result<()> {
//! let client = Client::builder()
//!     .account("acme", Region::Us)?
//!     .credentials("API_KEY", "AUTH_CODE")
//!     .build()?;
//!
//! // Search: the query is rendered (and checked) by `happyfox-query`.
//! let query = Query::new().status(["New", "In Progress"]).tag("routine_checks");
//! for ticket in client.iter_tickets(&ListTickets::new().q(query).size(50)) {
//!     let ticket = ticket?;
//!     println!("{} {}", ticket.display_id.unwrap_or_default(), ticket.subject.unwrap_or_default());
//! }
//!
//! // Create, then reply and close. A write answers `Applied`: the documented answer, or the
//! // raw answer when HappyFox sent another shape (never an error: the write happened).
//! let created = client.create_ticket(
//!     &CreateTicket::new(1, "Disk full on db-1")
//!         .text("Alert fired at 03:12")
//!         .name("Ops bot")
//!         .email("ops@example.com")
//!         .tags(["alert", "disk"]),
//! )?;
//! if let Applied::Answer(ticket) = created {
//!     let closed = client.staff_update(ticket.id, &StaffUpdate::new(1).plaintext("Cleaned up").status(4))?;
//!     assert!(closed.as_answer().is_some());
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Every operation of HappyFox's tickets reference and the lookups (staff, statuses,
//! priorities, categories, custom fields, contacts, contact groups) is a method of [`Client`].
//! Models keep unknown fields in `extra`; enums keep unknown values as `Unknown(String)`.
//! Every write returns [`Applied`]: once HappyFox answered 2xx the write happened, so an
//! answer of another shape is handed back raw ([`RawAnswer`]), never as an error.

//!
//! Failures are one [`Error`] (cheap to clone). Input refused before anything is sent is
//! [`Error::InvalidInput`], carrying an [`InvalidInput`]: the `field`, the [`InputRule`] it
//! broke (e.g. `OutOfRange { min, max }`, or `Query { offset }` for a malformed search string)
//! and the readable `message`.
//!
//! Everything a caller uses is at the crate root. [`codec`] holds the wire format's decoding
//! rules, shared with the emulator and the test suites. The `openapi` feature (off by default)
//! adds the `openapi` module, which builds the OpenAPI document, and `schemars::JsonSchema` on
//! every model.

#![warn(missing_docs)]

mod applied;
mod bulk;
mod call;
mod client;
pub mod codec;
mod config;
mod custom_fields;
mod error;
mod generated;
mod inputs;
mod multipart;
#[cfg(feature = "openapi")]
pub mod openapi;
mod pacing;
mod pagination;
mod request;
mod retry;
mod secret;
mod serial;
mod transport;
mod upload;
mod wire;

pub use applied::{Applied, RawAnswer};
pub use bulk::{BULK_CHUNK, BulkOutcome};
pub use client::{Client, ClientBuilder};
pub use config::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, MAX_JSON_DEPTH,
    Region,
};
pub use custom_fields::{CustomFields, FieldValue};
pub use error::{Error, FieldError, InputRule, InvalidInput, Result};
pub use generated::enums::*;
pub use generated::models::*;
pub use generated::params::*;
pub use generated::requests::*;
pub use happyfox_query::{Query, Sort};
pub use inputs::{ContactKey, NoteAlert, QueryInput, StatusFilter};
pub use pacing::{HAPPYFOX_GET_PER_MINUTE, HAPPYFOX_POST_PER_MINUTE, Pacing};
pub use pagination::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageItem, PageIter};
pub use retry::{
    DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRIES, DEFAULT_MAX_WAIT, RetryPolicy,
};
pub use secret::Secret;
pub use transport::MAX_REDIRECTS;
pub use upload::{MAX_ATTACHMENT_BYTES, UploadFile};
use wire::enums::wire_enum_impls;
