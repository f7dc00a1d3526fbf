//! The cross-crate tests as modules of one binary: wire-format snapshots, reference and
//! sample parsing, decoding properties, and the end-to-end tests through the emulator.
//! Tests that set environment variables or install a global logger are binaries of their
//! own (`client_env`, `e2e_tls_env`, `e2e_proxy_env`, `retry_log`, `request_log`).

mod client_behaviour;
mod decode_never_panics;
mod e2e_bulk_work;
mod e2e_decisions;
mod e2e_dry_run;
mod e2e_errors;
mod e2e_faults;
mod e2e_listing;
mod e2e_lookups;
mod e2e_options;
mod e2e_proxy;
mod e2e_snapshot;
mod e2e_sync;
mod e2e_tickets;
mod e2e_tls;
mod emulator_hostile;
mod fault_matrix;
mod model_decoding;
mod reference_samples;
mod wire_format;
mod write_answers;
