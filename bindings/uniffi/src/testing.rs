//! `HappyFoxEmulator`: the HappyFox emulator started in this process on a free loopback
//! port, with seeded data, for tests of Kotlin and Swift code; `close()` (or `shutdown()`)
//! stops it.

use std::sync::{Arc, Mutex, PoisonError};

use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

use crate::client::HappyFoxClient;
use crate::convert::id_in;
use crate::errors::{HappyFoxError, Result};

/// An in-process HappyFox emulator with `tickets` generated tickets (`seed` makes them
/// reproducible).
#[derive(uniffi::Object)]
pub struct HappyFoxEmulator {
    handle: Mutex<Option<EmulatorHandle>>,
    url: String,
    api_key: String,
    auth_code: String,
}

/// An emulator failure (not HappyFox's) as an error of the bindings.
fn failure(what: &str) -> HappyFoxError {
    HappyFoxError::Other {
        description: format!("emulator: {what}"),
        outcome_unknown: false,
    }
}

impl HappyFoxEmulator {
    fn start(config: EmulatorConfig) -> Result<Arc<Self>> {
        let handle = Emulator::start(config).map_err(|error| failure(&error.to_string()))?;
        Ok(Arc::new(Self {
            url: handle.url(),
            api_key: handle.api_key().to_owned(),
            auth_code: handle.auth_code().to_owned(),
            handle: Mutex::new(Some(handle)),
        }))
    }
}

#[uniffi::export]
impl HappyFoxEmulator {
    /// Starts the emulator on a free loopback port with generated data.
    #[uniffi::constructor(default(tickets = 25, seed = 7))]
    pub fn new(tickets: i64, seed: i64) -> Result<Arc<Self>> {
        let count = usize::try_from(id_in(tickets, "tickets")?).unwrap_or(usize::MAX);
        Self::start(
            EmulatorConfig::new()
                .tickets(count)
                .seed(id_in(seed, "seed")?),
        )
    }

    /// Starts the emulator with the data of a JSON fixture (as `dump` writes it).
    #[uniffi::constructor]
    pub fn from_fixture(path: String) -> Result<Arc<Self>> {
        Self::start(EmulatorConfig::new().data(path))
    }

    /// The base URL, e.g. `http://127.0.0.1:54321`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The API key it accepts.
    pub fn api_key(&self) -> String {
        self.api_key.clone()
    }

    /// The auth code it accepts.
    pub fn auth_code(&self) -> String {
        self.auth_code.clone()
    }

    /// A client for this emulator, with its credentials.
    pub fn client(&self) -> Result<Arc<HappyFoxClient>> {
        HappyFoxClient::new(self.url(), self.api_key(), self.auth_code())
    }

    /// Writes the current data to `path` as a JSON fixture that `fromFixture` loads.
    pub fn dump(&self, path: String) -> Result<()> {
        let guard = self.handle.lock().unwrap_or_else(PoisonError::into_inner);
        let handle = guard
            .as_ref()
            .ok_or_else(|| failure("the emulator is stopped"))?;
        handle
            .dump(&path)
            .map_err(|error| failure(&error.to_string()))
    }

    /// Stops the emulator; idempotent.
    pub fn shutdown(&self) {
        let handle = self
            .handle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(handle) = handle {
            handle.shutdown();
        }
    }
}
