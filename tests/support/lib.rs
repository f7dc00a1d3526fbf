//! Shared test support: a loopback HTTP listener that records raw requests, and raw POSTs
//! for payloads the client would refuse to send, unwrapping writes' answers, and the README
//! blocks the examples compile.

pub mod applied;
pub mod capture;
pub mod raw;
pub mod readme;
