//! Shared test support: a loopback HTTP listener that records raw requests, and raw POSTs
//! for payloads the client would refuse to send, and unwrapping writes' answers.

pub mod applied;
pub mod capture;
pub mod raw;
