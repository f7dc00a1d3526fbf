//! `HappyFoxEmulator`: the HappyFox emulator started in this process on a free loopback
//! port, with seeded data, for tests of Kotlin and Swift code: random faults at start
//! (`withFaults`), planned faults (`planFault`), server-side request counts (`stats`),
//! its clock (`advanceClock`) and fixtures (`dump`, `fromFixture`); `close()` (or
//! `shutdown()`) stops it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, RateLimit};

use crate::client::{ClientOptions, HappyFoxClient};
use crate::convert::{count_in, id_in};
use crate::errors::{HappyFoxError, InputRule, Result, count};

/// Random faults an emulator injects from its start (decided by its seed, so a sequence of
/// requests meets the same faults on every run). Probabilities are in `0.0..=1.0`.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct EmulatorFaults {
    /// Added to every API request before it is handled.
    #[uniffi(default = None)]
    pub latency: Option<Duration>,
    /// Requests a minute past which the emulator answers 429, as HappyFox does (null: no
    /// limit).
    #[uniffi(default = None)]
    pub rate_limit: Option<EmulatorRateLimit>,
    /// Probability of answering a 5xx instead of handling the request.
    #[uniffi(default = 0.0)]
    pub error_rate: f64,
    /// Probability of closing the connection without answering.
    #[uniffi(default = 0.0)]
    pub drop_rate: f64,
    /// Probability of sending only the first half of the body.
    #[uniffi(default = 0.0)]
    pub truncate_rate: f64,
}

/// The emulator's request limits, counted per method in a window of a minute of its clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct EmulatorRateLimit {
    /// GET requests a minute.
    pub get_per_minute: i32,
    /// POST requests a minute.
    pub post_per_minute: i32,
}

/// The method a planned fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FaultMethod {
    /// GET requests only.
    Get,
    /// POST requests only.
    Post,
}

/// What a planned fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FaultKind {
    /// Close the connection without handling the request: nothing is applied.
    DropBeforeApplying,
    /// Handle the request (a write is applied), then close the connection without answering.
    DropAfterApplying,
    /// Answer this status (e.g. 500, 503) without handling the request.
    Status {
        /// The HTTP status.
        status: i32,
    },
    /// Handle the request (a write is applied), then answer this status instead.
    StatusAfterApplying {
        /// The HTTP status.
        status: i32,
    },
    /// Answer 429 without handling, with `Retry-After` and/or the body's "wait N seconds".
    RateLimited {
        /// The `Retry-After` header in seconds, if any.
        retry_after: Option<i64>,
        /// The body's "wait N seconds", if any.
        body_wait: Option<i64>,
    },
    /// Handle the request, then send only half of the body and close the connection.
    Truncate,
    /// Handle the request, then answer 200 with an HTML page instead of its JSON.
    NotJson,
    /// Handle the request, then wait `delay` before answering.
    SlowAnswer {
        /// How long the answer waits.
        delay: Duration,
    },
    /// Handle the request, then announce this `Content-Length` (an answer claiming to be
    /// huge) and close the connection after the real body.
    AnnounceLength {
        /// The length announced, in bytes.
        length: i64,
    },
}

/// The next `times` API requests matching `method` and `path` meet `kind`, before any random
/// fault and before the rate limit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlannedFault {
    /// The path below the API root (`/tickets/`, `/ticket/3/staff_update/`); a trailing `*`
    /// matches every path starting with what comes before it.
    pub path: String,
    /// What it does.
    pub kind: FaultKind,
    /// The method it applies to (null: any).
    #[uniffi(default = None)]
    pub method: Option<FaultMethod>,
    /// How many requests meet it (at least 1).
    #[uniffi(default = 1)]
    pub times: i32,
}

/// The counts of one method and path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct RequestCounts {
    /// Requests that arrived with valid credentials.
    pub received: i64,
    /// Requests handled with a 2xx answer (for a write: applied), whether or not the client
    /// got that answer.
    pub applied: i64,
    /// Requests that met an injected fault (planned or random).
    pub faulted: i64,
    /// Requests answered 429 by the rate limit.
    pub throttled: i64,
}

/// An emulator's request counts so far.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmulatorStats {
    /// Counts by `"METHOD /path/"`, e.g. `"POST /tickets/"`.
    pub requests: HashMap<String, RequestCounts>,
    /// The most API requests handled at the same moment.
    pub peak_in_flight: i64,
}

#[uniffi::export]
impl EmulatorStats {
    /// The counts of `method` (`GET`, `POST`) and `path` (below the API root); zeros when
    /// no such request came.
    pub fn of(&self, method: String, path: String) -> RequestCounts {
        self.requests
            .get(&format!("{method} {path}"))
            .copied()
            .unwrap_or_default()
    }
}

impl From<happyfox_emulator::RequestCounts> for RequestCounts {
    fn from(counts: happyfox_emulator::RequestCounts) -> Self {
        Self {
            received: count(counts.received),
            applied: count(counts.applied),
            faulted: count(counts.faulted),
            throttled: count(counts.throttled),
        }
    }
}

/// A status given to a planned fault.
fn status_in(status: i32) -> Result<u16> {
    u16::try_from(status)
        .ok()
        .filter(|code| (100..=599).contains(code))
        .ok_or_else(|| {
            HappyFoxError::invalid(
                "status",
                InputRule::OutOfRange { min: 100, max: 599 },
                format!("an HTTP status is between 100 and 599, got {status}"),
            )
        })
}

impl PlannedFault {
    /// The emulator's planned fault (statuses and sizes are checked).
    fn into_core(self) -> Result<happyfox_emulator::PlannedFault> {
        use happyfox_emulator::FaultKind as Core;
        let seconds = |value: Option<i64>, field: &str| value.map(|v| id_in(v, field)).transpose();
        let kind = match self.kind {
            FaultKind::DropBeforeApplying => Core::DropBeforeApplying,
            FaultKind::DropAfterApplying => Core::DropAfterApplying,
            FaultKind::Status { status } => Core::Status(status_in(status)?),
            FaultKind::StatusAfterApplying { status } => {
                Core::StatusAfterApplying(status_in(status)?)
            }
            FaultKind::RateLimited {
                retry_after,
                body_wait,
            } => Core::RateLimited {
                retry_after: seconds(retry_after, "retry_after")?,
                body_wait: seconds(body_wait, "body_wait")?,
            },
            FaultKind::Truncate => Core::Truncate,
            FaultKind::NotJson => Core::NotJson,
            FaultKind::SlowAnswer { delay } => Core::SlowAnswer(delay),
            FaultKind::AnnounceLength { length } => Core::AnnounceLength(id_in(length, "length")?),
        };
        let fault = match self.method {
            None => happyfox_emulator::PlannedFault::any(self.path, kind),
            Some(FaultMethod::Get) => happyfox_emulator::PlannedFault::get(self.path, kind),
            Some(FaultMethod::Post) => happyfox_emulator::PlannedFault::post(self.path, kind),
        };
        Ok(fault.times(count_in(self.times, "times")?))
    }
}

impl EmulatorFaults {
    /// The emulator's fault configuration (the limits are checked).
    fn into_core(self) -> Result<FaultConfig> {
        let mut config = FaultConfig::none();
        config.latency = self.latency.unwrap_or_default();
        config.rate_limit = self
            .rate_limit
            .map(|limit| {
                Ok::<_, HappyFoxError>(RateLimit::per_minute(
                    count_in(limit.get_per_minute, "rate_limit")?,
                    count_in(limit.post_per_minute, "rate_limit")?,
                ))
            })
            .transpose()?;
        config.error_rate = self.error_rate;
        config.drop_rate = self.drop_rate;
        config.truncate_rate = self.truncate_rate;
        Ok(config)
    }
}

/// An in-process HappyFox emulator with `tickets` generated tickets (`seed` makes them
/// reproducible).
#[derive(uniffi::Object)]
pub struct HappyFoxEmulator {
    handle: Mutex<Option<EmulatorHandle>>,
    url: String,
    api_key: String,
    auth_code: String,
}

/// An emulator failure (not HappyFox's nor the client's) as an error of the bindings.
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

    /// `act` on the running emulator; `Other` once it is stopped.
    fn running<R>(&self, act: impl FnOnce(&EmulatorHandle) -> R) -> Result<R> {
        let guard = self.handle.lock().unwrap_or_else(PoisonError::into_inner);
        let handle = guard
            .as_ref()
            .ok_or_else(|| failure("the emulator is stopped"))?;
        Ok(act(handle))
    }
}

#[uniffi::export]
impl HappyFoxEmulator {
    /// Starts the emulator on a free loopback port with generated data.
    #[uniffi::constructor(default(tickets = 25, seed = 7))]
    pub fn new(tickets: i64, seed: i64) -> Result<Arc<Self>> {
        Self::with_faults(EmulatorFaults::default(), tickets, seed)
    }

    /// Starts the emulator with generated data and random `faults` (decided by `seed`).
    #[uniffi::constructor(default(tickets = 25, seed = 7))]
    pub fn with_faults(faults: EmulatorFaults, tickets: i64, seed: i64) -> Result<Arc<Self>> {
        let count = usize::try_from(id_in(tickets, "tickets")?).unwrap_or(usize::MAX);
        Self::start(
            EmulatorConfig::new()
                .tickets(count)
                .seed(id_in(seed, "seed")?)
                .faults(faults.into_core()?),
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

    /// A client for this emulator, with its credentials and `options`.
    #[uniffi::method(default(options))]
    pub fn client(&self, options: ClientOptions) -> Result<Arc<HappyFoxClient>> {
        HappyFoxClient::with_options(self.url(), self.api_key(), self.auth_code(), options)
    }

    /// Plans a fault for the next matching requests (after those already planned).
    pub fn plan_fault(&self, fault: PlannedFault) -> Result<()> {
        let fault = fault.into_core()?;
        self.running(|handle| handle.plan(fault))
    }

    /// How many requests planned faults are still waiting for (0 once all were met).
    pub fn planned_left(&self) -> Result<i64> {
        self.running(|handle| count(handle.planned_left()))
    }

    /// The request counts so far, per method and path.
    pub fn stats(&self) -> Result<EmulatorStats> {
        self.running(|handle| {
            let stats = handle.stats();
            EmulatorStats {
                requests: stats
                    .requests
                    .into_iter()
                    .map(|(key, counts)| (key, counts.into()))
                    .collect(),
                peak_in_flight: count(stats.peak_in_flight),
            }
        })
    }

    /// Forgets the request counts.
    pub fn reset_stats(&self) -> Result<()> {
        self.running(EmulatorHandle::reset_stats)
    }

    /// Moves the emulator's clock forward (attachment URL expiry, rate-limit windows,
    /// timestamps of new updates) without waiting.
    pub fn advance_clock(&self, by: Duration) -> Result<()> {
        self.running(|handle| handle.advance_clock(by))
    }

    /// Writes the current data to `path` as a JSON fixture that `fromFixture` loads.
    pub fn dump(&self, path: String) -> Result<()> {
        self.running(|handle| handle.dump(&path))?
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
