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
//!
//! # The API at a glance
//!
//! - **Client**: [`Client`] (every operation), built by [`ClientBuilder`] into a [`Config`]
//!   ([`Region`], [`Secret`] credentials, [`RetryPolicy`], [`Pacing`]). [`Lookups`]
//!   ([`Client::lookups`]) finds statuses, priorities, categories, staff and custom fields by
//!   name or email.
//! - **Writes** (`new(required...)` plus setters, sent by the method of the same name):
//!   [`CreateTicket`], [`StaffUpdate`], [`StaffPrivateNote`], [`ContactReply`],
//!   [`UpdateCustomFields`], [`UpdateTags`], [`Subscribe`], [`Unsubscribe`],
//!   [`ForwardTicket`], [`MoveTicket`], [`DeleteTicket`]; their values [`FieldValue`] /
//!   [`CustomFields`], [`NoteAlert`], [`UploadFile`].
//! - **Reads**: [`ListTickets`] (with [`Query`], [`Sort`], [`StatusFilter`], [`QueryInput`]),
//!   [`GetTicket`], [`ListContacts`], [`ContactKey`].
//! - **Ids**, one type per kind so they cannot be swapped, each built from a `u64` or from the
//!   model it identifies (`StaffUpdate::new(&bot).assignee(&agent)`): [`TicketId`],
//!   [`StaffId`], [`ContactId`], [`StatusId`], [`PriorityId`], [`CategoryId`],
//!   [`CustomFieldId`].
//! - **Models** (unknown fields kept in `extra`): [`Ticket`] (and [`PartialTicket`] for
//!   `fields=` answers), its [`Update`]s with their [`Message`], [`Actor`], [`Attachment`]s
//!   and changes ([`IdChange`], [`DueDateChange`], [`CustomFieldChange`]), [`CustomFieldValue`];
//!   [`Contact`] ([`Phone`], [`ContactGroup`]); [`Staff`] ([`Role`]), [`Subscriber`];
//!   [`Status`], [`Priority`], [`Category`]; [`TicketCustomField`], [`ContactCustomField`]
//!   ([`CustomFieldChoice`], [`CustomFieldCategory`]); [`InlineAttachment`],
//!   [`DeletedTicket`], [`MessageResponse`]. Enums keep unknown values: [`CustomFieldType`],
//!   [`StatusBehavior`], [`MessageType`], [`ActorType`].
//! - **Answers**: [`Applied`] / [`RawAnswer`] for writes, [`BulkOutcome`] (and
//!   [`BulkCreateItem`], [`BulkOptions`]) for bulk create, [`Page`] / [`PageInfo`] /
//!   [`PageIter`] for listings, [`SnapshotIter`] and [`TicketExport`] ([`ExportOptions`])
//!   for reading many tickets, [`SyncIter`] ([`Client::sync_tickets`]) and its
//!   [`SyncCheckpoint`] for what changed since the last run.
//! - **Errors**: [`Error`] ([`Result`]), with [`InvalidInput`] / [`InputRule`] for input
//!   refused before sending and [`FieldError`] for HappyFox's validation answers.
//! - **Operations as data**: [`OPERATIONS`], one [`Operation`] (name, [`Method`], path
//!   template) per endpoint of the spec, for tools that must cover every one (the
//!   emulator's tests check it routes them all).
//! - **Emulator**: the `happyfox-emulator` crate serves all of this on loopback for tests;
//!   its `EmulatorHandle::client_builder()` is a [`ClientBuilder`] preset for it.
//!
//! Models keep unknown fields in `extra`; enums keep unknown values as `Unknown(String)`.
//! Every write returns [`Applied`]: once HappyFox answered 2xx the write happened, so an
//! answer of another shape is handed back raw ([`RawAnswer`]), never as an error.

//!
//! Failures are one [`Error`] (cheap to clone). Input refused before anything is sent is
//! [`Error::InvalidInput`], carrying an [`InvalidInput`]: the `field`, the [`InputRule`] it
//! broke (e.g. `OutOfRange { min, max }`, or `Query { offset }` for a malformed search string)
//! and the readable `message`.
//!
//! # Reliability
//!
//! What the client does when the network or HappyFox misbehaves (RELIABILITY.md at the
//! repository root has the rules, the limits and the fault matrix that tests them):
//!
//! - **Retries are on by default** ([`RetryPolicy::standard`]: 3 retries, backoff from
//!   500 ms doubling to at most 30 s with jitter, rate-limit waits of up to 60 s; set another
//!   with [`ClientBuilder::retry`], turn off with [`ClientBuilder::no_retries`]). Reads retry
//!   connection errors, timeouts, answers cut short and HTTP 408, 429, 500, 502, 503, 504.
//!   Writes retry only when the request provably never left (connection refused, DNS
//!   failure, connect timeout) or on 429. A 429 waits the longer of `Retry-After` and the
//!   body's "wait N seconds", when that is at most [`RetryPolicy::max_wait`].
//!   [`RetryPolicy::deadline`] bounds a call with all its retries. Each retry is logged
//!   through the `log` facade (target `happyfox::retry`, level warn), credentials scrubbed.
//! - **Outcome unknown**: a write that fails after it may have reached HappyFox (a timeout
//!   or reset after sending, a 5xx) is [`Error::OutcomeUnknown`]
//!   ([`Error::outcome_unknown`] is `true`), never retried and never a plain failure: look it
//!   up before sending it again. A write answered 2xx is applied even when its answer was
//!   cut short or too large: that comes back as [`Applied::Unrecognized`].
//! - **Pacing** ([`Pacing`], on by default at HappyFox's 500 GET and 300 POST per minute):
//!   at most N requests in any window, shared by every clone of a client and every thread,
//!   so long jobs slow down instead of tripping a lockout; a job of fewer than N requests
//!   runs at full speed. [`ClientBuilder::no_pacing`] turns it off.
//! - **One write at a time per ticket**: within one client, writes to the same ticket wait
//!   for each other; different tickets go in parallel.
//! - **Limits**: an answer over [`ClientBuilder::max_response_bytes`] (default 32 MiB,
//!   [`DEFAULT_MAX_RESPONSE_BYTES`]) is refused from its `Content-Length` before reading
//!   ([`Error::ResponseTooLarge`]); JSON nested deeper than serde_json's recursion limit of
//!   128 ([`MAX_JSON_DEPTH`]) fails with [`Error::Decode`], never a stack overflow.
//! - **Transport**: TLS certificates are verified (rustls, against the bundled webpki roots,
//!   the OS trust store and an optional [`CaBundle`]; the client has no setting to turn that
//!   off); requests go through a [`Proxy`] set with [`ClientBuilder::proxy`] or taken from
//!   the environment (never for a loopback account). The agent follows no redirect: a
//!   write is never re-sent on a 3xx, a read follows at most [`MAX_REDIRECTS`] within its
//!   own scheme, host and port, and anything else is [`Error::Redirect`] naming the new
//!   location (with a hint for http -> https and custom domains). A base URL holding
//!   `user:password@` is refused.
//! - **Secrets**: the API key and auth code (and a proxy's password) never appear in
//!   `Debug`/`Display`, errors or log lines; text from the server is scrubbed of them (and of
//!   the Basic token) before it reaches an error.
//! - **Logs**: one `info` line per attempt on [`REQUEST_TARGET`] (method, path with query,
//!   status, duration, retry number); bodies at `trace` on [`REQUEST_BODY_TARGET`] only with
//!   [`ClientBuilder::log_bodies`].
//! - **Dry run**: [`ClientBuilder::dry_run`] sends reads as usual but no write: each write
//!   returns [`Error::DryRun`] with the [`PreparedRequest`] it would have sent (method, full
//!   URL, content type, the JSON body or the multipart fields with each file's name, type
//!   and size; never file contents or credentials). It is never retried, and
//!   [`Error::outcome_unknown`] is `false` for it; a bulk create yields
//!   [`BulkOutcome::RequestFailed`] with it for every payload of each chunk.
//! - **Pagination**: a [`PageIter`] that meets an error can be resumed at the page that
//!   failed ([`PageIter::resume`], [`PageIter::next_page`]).
//! - **Parallel export**: [`Client::export_tickets`] fetches a listing's pages with a
//!   bounded pool of workers ([`ExportOptions`], 8 by default) over the keep-alive pool and
//!   under the pacing, and yields the tickets in page order ([`TicketExport`]; at most twice
//!   the workers' pages held). It is the fast way to read many tickets; what it promises
//!   when tickets change meanwhile is on [`Client::export_tickets_with`].
//!
//! # Iterating while writing
//!
//! [`Client::iter_tickets`] reads its listing page by page as the loop goes, so a loop that
//! changes the tickets it walks (assigning each ticket of `unassigned:true`, closing each of
//! `status:"New"`, any write under the default last-updated sort) moves tickets between
//! pages and silently skips some. When the loop writes, iterate a snapshot instead:
//! [`Client::snapshot_tickets`] reads every matching id first, then fetches the tickets in
//! batches of 50, so each ticket is visited exactly once, in its current state; tickets
//! deleted meanwhile are skipped and counted ([`SnapshotIter`] has the details).
//!
//! ```no_run
//! use happyfox::{Client, ListTickets, Query, StaffId, StaffUpdate};
//!
//! # fn triage(client: &Client, agent: StaffId) -> happyfox::Result<()> {
//! let unassigned = ListTickets::new().q(Query::new().unassigned(true));
//! for ticket in client.snapshot_tickets(&unassigned) {
//!     let ticket = ticket?;
//!     // Applied either way (`Answer` or `Unrecognized`): the ticket is assigned.
//!     drop(client.staff_update(ticket.id, &StaffUpdate::new(agent).assignee(agent))?);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Incremental sync
//!
//! [`Client::sync_tickets`] yields every ticket modified since a [`SyncCheckpoint`] (every
//! ticket without one), each once even while tickets keep changing, and gives the next
//! checkpoint ([`SyncIter::checkpoint`]) only once it was consumed to the end without an
//! error; the checkpoint is versioned JSON of server timestamps ([`SyncIter`] says what the
//! search offers and what the sync promises).
//!
//! Everything a caller uses is at the crate root. [`codec`] holds the wire format's decoding
//! rules, shared with the emulator and the test suites. The `openapi` feature (off by default)
//! adds the `openapi` module, which builds the OpenAPI document, and `schemars::JsonSchema` on
//! every model.

#![warn(missing_docs)]

mod applied;
mod call;
mod client;
pub mod codec;
mod config;
mod custom_fields;
mod dry_run;
mod error;
mod error_kind;
mod generated;
mod ids;
mod multipart;
#[cfg(feature = "openapi")]
pub mod openapi;
mod operation;
mod options;
mod ordered_pool;
mod pacing;
mod pagination;
mod proxy;
mod request;
mod request_log;
mod resumable;
mod retry;
mod secret;
mod serial;
mod transport;
mod trust;
mod upload;
mod wire;

pub use applied::{Applied, RawAnswer};
pub use client::{Client, ClientBuilder};
pub use config::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, MAX_JSON_DEPTH,
    Region,
};
pub use custom_fields::{CustomFields, FieldValue};
pub use dry_run::{PreparedBody, PreparedField, PreparedFile, PreparedRequest};
pub use error::{Error, FieldError, InputRule, InvalidInput, Result};
pub use error_kind::ErrorKind;
/// Every model HappyFox answers with, and the enums of their fields (generated from
/// `spec/`). Each is also at the crate root: `happyfox::models::Ticket` is `happyfox::Ticket`.
///
/// ```
/// fn subject(ticket: &happyfox::models::Ticket) -> &str {
///     ticket.subject.as_deref().unwrap_or_default()
/// }
/// # let _ = subject;
/// ```
pub mod models {
    pub use crate::generated::enums::*;
    pub use crate::generated::models::*;
}

/// Every write's request (generated from `spec/`), each also at the crate root:
/// `happyfox::requests::StaffUpdate` is `happyfox::StaffUpdate`.
pub mod requests {
    pub use crate::generated::requests::*;
}

/// Every listing's parameters (generated from `spec/`), each also at the crate root:
/// `happyfox::params::ListTickets` is `happyfox::ListTickets`.
pub mod params {
    pub use crate::generated::params::*;
}

pub use generated::enums::*;
pub use generated::ids::*;
pub use generated::models::*;
pub use generated::operations::OPERATIONS;
pub use generated::params::*;
pub use generated::requests::*;
pub use happyfox_query::{Query, Sort};
pub use operation::{Method, Operation};
pub use options::{ClientOptions, RequestOptions};
pub use ordered_pool::MAX_EXPORT_WORKERS;
pub use pacing::{HAPPYFOX_GET_PER_MINUTE, HAPPYFOX_POST_PER_MINUTE, Pacing};
pub use pagination::{DEFAULT_PAGE_SIZE, ITER_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageItem, PageIter};
pub use proxy::{HTTP_PROXY_ENV, HTTPS_PROXY_ENV, NO_PROXY_ENV, Proxy};
pub use request_log::{MAX_LOGGED_BODY_BYTES, REQUEST_BODY_TARGET, REQUEST_TARGET};
pub use resumable::Resumable;
pub use retry::{
    DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRIES, DEFAULT_MAX_WAIT, RetryPolicy,
};
pub use secret::Secret;
pub use transport::MAX_REDIRECTS;
pub use trust::{CA_BUNDLE_ENV, CaBundle, SSL_CERT_FILE_ENV};
pub use upload::{MAX_ATTACHMENT_BYTES, UploadFile};
use wire::enums::wire_enum_impls;

// The HappyFox domain: written by hand over the real spec's generated models (lookups by
// name, custom field values, typed inputs, bulk create, snapshots, exports, sync). Every
// module above is the runtime that any spec's generated code runs on: the generator's tests
// build it with the small fixture spec's code in place of `generated/` and
// `--cfg happyfox_fixture`, which leaves this block out (`xtask/src/codegen/fixture_build.rs`).
#[cfg(not(happyfox_fixture))]
mod accessors;
#[cfg(not(happyfox_fixture))]
mod bulk;
#[cfg(not(happyfox_fixture))]
mod custom_field_values;
#[cfg(not(happyfox_fixture))]
mod export;
#[cfg(not(happyfox_fixture))]
mod inputs;
#[cfg(not(happyfox_fixture))]
mod lookups;
#[cfg(not(happyfox_fixture))]
mod snapshot;
#[cfg(not(happyfox_fixture))]
mod sync;
#[cfg(not(happyfox_fixture))]
mod text_inputs;
#[cfg(not(happyfox_fixture))]
pub use bulk::{BULK_CHUNK, BulkOptions, BulkOutcome};
#[cfg(not(happyfox_fixture))]
pub use export::{ExportOptions, TicketExport};
#[cfg(not(happyfox_fixture))]
pub use inputs::{ContactKey, NoteAlert, QueryInput, StatusFilter};
#[cfg(not(happyfox_fixture))]
pub use lookups::Lookups;
#[cfg(not(happyfox_fixture))]
pub use snapshot::{SNAPSHOT_BATCH, SnapshotIter};
#[cfg(not(happyfox_fixture))]
pub use sync::{SYNC_CHECKPOINT_VERSION, SYNC_OVERLAP, SyncCheckpoint, SyncIter};
