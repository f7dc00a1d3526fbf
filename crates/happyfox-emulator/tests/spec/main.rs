//! The emulator held to the spec: it routes every operation of `happyfox::OPERATIONS`
//! (generated from `spec/*.toml`), and its answers have the keys and JSON types of real
//! HappyFox bodies and of the reference's examples.

mod answers;
mod requests;
mod routes;
mod shape;
mod wire;

use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

/// An emulator with enough seeded tickets for every operation to have one of its own.
fn start() -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(60).seed(22)).expect("the emulator starts")
}

/// A client of `emulator` that describes its writes instead of sending them.
fn preview(emulator: &EmulatorHandle) -> happyfox::Client {
    emulator
        .client_builder()
        .dry_run(true)
        .build()
        .expect("a client of the emulator")
}
