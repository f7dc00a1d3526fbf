//! Shared test support: a loopback HTTP(S) listener that records raw requests, a test CA,
//! a counting loopback proxy, a capturing logger, raw POSTs for payloads the client would
//! refuse to send, unwrapping writes' answers, and the README blocks the examples compile.

pub mod applied;
pub mod capture;
pub mod logs;
pub mod proxy;
pub mod raw;
pub mod readme;
pub mod tls;
