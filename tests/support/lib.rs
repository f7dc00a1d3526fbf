//! Shared test support: a loopback HTTP listener that records raw requests.

pub mod capture;
