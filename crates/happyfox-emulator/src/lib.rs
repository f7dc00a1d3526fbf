//! A faithful, stateful, in-memory HappyFox help-desk API (v1.1) over real HTTP on
//! loopback: for end-to-end tests, demos, benchmarks and your own integration tests.
//!
//! ```
//! use happyfox::ListTickets;
//! use happyfox_emulator::{Emulator, EmulatorConfig};
//!
//! let emulator = Emulator::start(EmulatorConfig::new().tickets(25).seed(7)).unwrap();
//! let client = emulator.client(); // a happyfox::Client with the demo credentials
//! let page = client.list_tickets(&ListTickets::new().size(10)).unwrap();
//! assert_eq!(page.data.len(), 10);
//! assert_eq!(page.total(), Some(25));
//! emulator.shutdown(); // or just drop it
//! ```
//!
//! # What it serves
//! Every endpoint of HappyFox's tickets reference and the lookups, under
//! `<url>/api/1.1/json/`, with HTTP Basic auth (401 otherwise) and the documented bodies:
//! ticket writes answer the full ticket, the actions their messages, unknown paths 404
//! "Cannot find the requested object". Data is generated from a seed ([`EmulatorConfig::seed`],
//! same seed and anchor => same data) or loaded from a JSON fixture
//! ([`EmulatorConfig::data`], written by [`EmulatorHandle::dump`] / [`State::to_json`]).
//!
//! Write bodies are read as JSON, multipart/form-data (lists as repeated fields) or a plain
//! urlencoded form, all into the same fields.
//!
//! # Decisions where the reference is silent
//! - `size` above 50 is clamped to 50; `size`/`page` of 0 or not a number answer 400.
//! - `minify_response=true` answers `{"page_info": {...}, "data": [ids]}` (with `page_info`,
//!   so pagination works the same as the full listing); `fields=` likewise keeps `page_info`.
//! - An unknown `sort` answers 400 `{"error": "..."}`. A `q` that does not parse matches no
//!   ticket (200, empty list), as HappyFox answers e.g. terms joined by an encoded `%2B`.
//! - A `staff_update` arriving while another for the same ticket is in flight answers
//!   409 Conflict `{"error": "..."}`; so does a `last_staff_message` that is not the ticket's
//!   last staff message. The ticket is never half-updated.
//! - `staff_update` with nothing changing answers 400 `{"error": "Nothing to update"}`.
//! - Moving needs the `move_tickets` permission, deleting `delete_tickets`: else 403
//!   `{"error": "..."}`. Staff 3 ("Bob Limited") of the generated data has neither.
//! - Ticket create with the `email` of an existing contact (compared ignoring case) and no
//!   `client` files the ticket under that contact, so `name` is needed only for a new email
//!   (the reference: "required for new contacts only"); a `name` sent along does not rename
//!   the existing contact.
//! - `staff_update` / `staff_pvtnote` read contact custom fields as `ccf-<id>` (their
//!   parameter tables) and as `c-cf-<id>` (the staff-update example); when both name one
//!   field, the first in the body wins.
//! - `tags` in `staff_update` / `staff_pvtnote` replaces the tag list; `update_tags` adds
//!   and removes.
//! - A contact reply to a completed ticket moves it back to the default status.
//! - Attachment URLs are `<url>/attachments/<id>/<expires>-<signature>/<filename>`, need no
//!   auth, and answer 410 Gone after [`EmulatorConfig::attachment_ttl`] (5 minutes; the
//!   clock can be moved with [`EmulatorHandle::advance_clock`]) and 403 when tampered with.
//! - Faults ([`FaultConfig`]): latency, rate limits (429 with `Retry-After` and
//!   "Throttled, wait N seconds."), injected 5xx, dropped connections (closed without an
//!   answer) and truncated bodies, drawn from a generator seeded with the config's seed.
//!   Attachment downloads never meet faults.
//! - Planned faults ([`PlannedFault`], [`EmulatorHandle::plan`]): deterministic, "the next N
//!   requests to path P meet fault F", before the request is handled (drop, a status, a 429
//!   in either wait form: nothing applied) or after it (a write applied, then its answer
//!   dropped, replaced by a status, cut short, replaced by HTML, delayed, or announced as
//!   huge). Requests are handled in their own task, so a client that hangs up never cancels
//!   a write half-way. [`EmulatorHandle::stats`] counts, per method and path, the requests
//!   received, applied (handled with a 2xx), faulted and throttled: what tests compare with
//!   what the client reported.
//! - Hostile clients ([`ServerLimits`]): headers must arrive within 10 s (an idle
//!   keep-alive connection is closed after as long), a body within 30 s (else 408); a body
//!   over 30 MB is refused from its `Content-Length` before reading (413); at most 256
//!   connections are served at once (others get 503). Malformed requests get a 4xx with a
//!   JSON `{"error": "..."}` message, never a 5xx: bad JSON names the parse error, a value
//!   of the wrong type names the type received, 405 names the method to use, and the 400,
//!   414 and 431 that hyper answers by itself carry a message too. The Basic scheme name is
//!   case-insensitive.
//!
//! # Speed
//! Fast enough to measure clients against: the emulator keeps every ticket's sort keys and
//! filterable facts in an index, with one kept-sorted view per `sort=` key that writes keep
//! up to date, so a page costs about the same with 100 or 100,000 stored tickets (a page of
//! 50 full tickets in a few milliseconds over loopback, a ticket in a fraction of one).
//! Free text is tested once per distinct text. Answers holding tickets are serialized
//! straight from the models to bytes, outside the data lock; reads share a read-write lock.
//! Measure it with the `serve_timing` example:
//!
//! ```sh
//! cargo run --release -p happyfox-emulator --example serve_timing -- --tickets 100000 --requests 50
//! ```
//!
//! # How the code is laid out
//! The modules depend on each other one way (`tests/module_graph.rs` fails naming any import
//! cycle): each uses only modules of the steps before its own, from the data up to the
//! requests.
//! 1. Leaves, which use no other module: `error`, `reply` (error answers), `plan`, `clock`,
//!    `stats`, `auth`, `ticket_json`, `hyper_answers`; then `config` (planned faults in it)
//!    and `faults` (drawn from the config).
//! 2. `payload`: write bodies read into fields.
//! 3. `state`: the data, and what identifies a ticket (its display id). Custom-field
//!    definitions read values as `payload` does (its date spellings), so `payload` comes first.
//! 4. `attachments`: stored files and their signed download links.
//! 5. `index` (every ticket's sort keys and facts), then `sort` and `store` (the data with its
//!    index).
//! 6. `search` (free text and `q`), then `select` (a listing's tickets, through `store`).
//! 7. `render` (answers from the records, attachment links made by `attachments`) and
//!    `writes` (validated changes to the data), then `seed` (generated data, made through
//!    `writes`).
//! 8. `app`: what every handler shares (the store, clock, faults, counts, links).
//! 9. `routes`: the URL map and its axum handlers, attachment downloads included.
//! 10. `pipeline` (auth, faults and counts around the router), then `server`.
//!
//! The test-only `reference` (plain re-implementations of listing and answers) and
//! `listing_tests` (which compares the two) sit on top.

#![warn(missing_docs)]

mod app;
mod attachments;
mod auth;
mod clock;
mod config;
mod error;
mod faults;
mod hyper_answers;
mod index;
#[cfg(test)]
mod listing_tests;
mod payload;
mod pipeline;
mod plan;
#[cfg(test)]
mod reference;
mod render;
mod reply;
mod routes;
mod search;
mod seed;
mod select;
mod server;
mod sort;
mod state;
mod stats;
mod store;
mod ticket_json;
mod writes;

pub use config::{
    DEFAULT_ATTACHMENT_TTL, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONNECTIONS, DEFAULT_TICKETS, DEMO_API_KEY, DEMO_AUTH_CODE,
    EmulatorConfig, FaultConfig, HAPPYFOX_GET_PER_MIN, HAPPYFOX_POST_PER_MIN, RateLimit,
    ServerLimits,
};
pub use error::EmulatorError;
pub use pipeline::NOT_JSON_BODY;
pub use plan::{FaultKind, FaultMethod, PlannedFault};
pub use server::{Emulator, EmulatorHandle, serve_until_ctrl_c};
pub use state::{
    ActorRef, AttachmentRecord, CategoryDef, CfValue, ContactRecord, MessageRecord, NextIds, State,
    TicketRecord, UpdateRecord,
};
pub use stats::{RequestCounts, Stats};

/// Generates the data an emulator with this seed, ticket count and anchor starts with.
pub fn generate_state(seed: u64, tickets: usize, anchor: chrono::DateTime<chrono::Utc>) -> State {
    seed::generate(seed, tickets, anchor)
}

/// The README's Rust examples (client and emulator) compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

/// The crate's README (the registry's page) compiles and runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctest;
