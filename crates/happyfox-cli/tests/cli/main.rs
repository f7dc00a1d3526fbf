//! The `happyfox` binary as users run it, against emulated accounts: one test program,
//! one module per area.

mod basics;
mod client_options;
mod config;
mod contact_groups;
mod dry_run;
mod errors;
mod export;
mod names;
mod output_safety;
mod read;
mod support;
mod sync;
mod verbose;
mod write;
