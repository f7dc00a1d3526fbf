//! What an emulator is started with: address, credentials, data size or fixture, faults,
//! and the limits that keep a hostile client from holding it (timeouts, connections, body
//! size).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::plan::PlannedFault;

/// The API key used when none is configured.
pub const DEMO_API_KEY: &str = "demo-api-key";
/// The auth code used when none is configured.
pub const DEMO_AUTH_CODE: &str = "demo-auth-code";
/// How many tickets are generated when the config says nothing.
pub const DEFAULT_TICKETS: usize = 50;
/// How long attachment URLs stay valid, as on HappyFox.
pub const DEFAULT_ATTACHMENT_TTL: Duration = Duration::from_secs(5 * 60);
/// Requests per minute allowed by [`RateLimit::happyfox`] (HappyFox KB 1148).
pub const HAPPYFOX_GET_PER_MIN: u32 = 500;
/// POST requests per minute allowed by [`RateLimit::happyfox`].
pub const HAPPYFOX_POST_PER_MIN: u32 = 300;

/// Default time a client has to send a request's headers (also how long an idle
/// keep-alive connection stays open).
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time a client has to send a request's body.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Default number of connections served at once.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;
/// Default largest request body: a little over the 25 MB upload limit, so an oversized
/// upload gets the documented validation error rather than a refusal.
pub const DEFAULT_MAX_BODY_BYTES: usize = 30 * 1024 * 1024;

/// What the server tolerates from a client before giving up on it. Past a limit the
/// client gets a 4xx with a message (413 for a body over `max_body_bytes`, refused from its
/// `Content-Length` before reading; 408 for a body slower than `body_read_timeout`), or,
/// for headers slower than `header_read_timeout`, a closed connection; a connection over
/// `max_connections` gets 503 and is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Time allowed to send a request's headers, and to keep an idle connection.
    pub header_read_timeout: Duration,
    /// Time allowed to send a request's body.
    pub body_read_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Largest request body read.
    pub max_body_bytes: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// Everything an emulator starts with. `EmulatorConfig::default()` serves 50 seeded tickets
/// on a free loopback port with the demo credentials and no faults.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Address to listen on; port 0 picks a free port (default `127.0.0.1:0`).
    pub addr: SocketAddr,
    /// API key (Basic-auth user name); [`DEMO_API_KEY`] by default.
    pub api_key: String,
    /// Auth code (Basic-auth password); [`DEMO_AUTH_CODE`] by default.
    pub auth_code: String,
    /// Number of tickets to generate (ignored when `data` is given).
    pub tickets: usize,
    /// Seed of the generated data and of the fault decisions: same seed, same data and faults.
    pub seed: u64,
    /// "Now" of the generated data: timestamps are spread over the months before it.
    /// `None` means the start of the current UTC day (so a seed gives the same data all day).
    pub data_anchor: Option<DateTime<Utc>>,
    /// A JSON fixture (as written by [`crate::EmulatorHandle::dump`]) to load instead of
    /// generating data.
    pub data: Option<PathBuf>,
    /// Fault injection (latency, rate limits, errors, dropped connections, truncated bodies).
    pub faults: FaultConfig,
    /// Lifetime of attachment URLs (5 minutes by default, as on HappyFox).
    pub attachment_ttl: Duration,
    /// Timeouts, connection and body limits.
    pub limits: ServerLimits,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            api_key: DEMO_API_KEY.to_owned(),
            auth_code: DEMO_AUTH_CODE.to_owned(),
            tickets: DEFAULT_TICKETS,
            seed: 0,
            data_anchor: None,
            data: None,
            faults: FaultConfig::default(),
            attachment_ttl: DEFAULT_ATTACHMENT_TTL,
            limits: ServerLimits::default(),
        }
    }
}

impl EmulatorConfig {
    /// The default config (see [`EmulatorConfig`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the listen address.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Sets the credentials.
    pub fn credentials(mut self, api_key: impl Into<String>, auth_code: impl Into<String>) -> Self {
        self.api_key = api_key.into();
        self.auth_code = auth_code.into();
        self
    }

    /// Sets the number of generated tickets.
    pub fn tickets(mut self, tickets: usize) -> Self {
        self.tickets = tickets;
        self
    }

    /// Sets the seed of data and faults.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the "now" the generated data is spread before.
    pub fn data_anchor(mut self, anchor: DateTime<Utc>) -> Self {
        self.data_anchor = Some(anchor);
        self
    }

    /// Loads data from a JSON fixture instead of generating it.
    pub fn data(mut self, path: impl Into<PathBuf>) -> Self {
        self.data = Some(path.into());
        self
    }

    /// Sets the fault injection.
    pub fn faults(mut self, faults: FaultConfig) -> Self {
        self.faults = faults;
        self
    }

    /// Sets the lifetime of attachment URLs.
    pub fn attachment_ttl(mut self, ttl: Duration) -> Self {
        self.attachment_ttl = ttl;
        self
    }

    /// Sets the timeouts, connection and body limits.
    pub fn limits(mut self, limits: ServerLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Adds a planned fault (see [`PlannedFault`]; more can be planned while running with
    /// [`crate::EmulatorHandle::plan`]).
    pub fn plan(mut self, fault: PlannedFault) -> Self {
        self.faults.plan.push(fault);
        self
    }
}

/// Faults to inject. Every probability is in `0.0..=1.0`; decisions come from a generator
/// seeded with [`EmulatorConfig::seed`], so a sequence of requests meets the same faults on
/// every run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultConfig {
    /// Added to every API request before it is handled (for a staff update, while the
    /// ticket is marked in flight, so two overlapping updates collide).
    pub latency: Duration,
    /// Per-minute request limits; `None` means unlimited.
    pub rate_limit: Option<RateLimit>,
    /// Probability of answering a 5xx (500, 502 or 503) instead of handling the request.
    pub error_rate: f64,
    /// Probability of closing the connection without answering.
    pub drop_rate: f64,
    /// Probability of sending only the first half of the body, then closing the connection.
    pub truncate_rate: f64,
    /// Deterministic faults, taken before any random one (see [`PlannedFault`]).
    pub plan: Vec<PlannedFault>,
}

impl FaultConfig {
    /// No faults.
    pub fn none() -> Self {
        Self::default()
    }

    /// Whether any fault is configured.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Requests allowed per window (a minute unless set), counted separately for GET and POST
/// in a fixed window that starts with the first request after the last window ended. Past a
/// limit every request of that method gets 429 with `Retry-After` and "Throttled, wait N
/// seconds." until the window is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// GET requests per window.
    pub get_per_min: u32,
    /// POST requests per window.
    pub post_per_min: u32,
    /// The window: a minute, as on HappyFox (tests use shorter ones). Measured on the
    /// emulator's clock, which [`crate::EmulatorHandle::advance_clock`] moves.
    pub window: Duration,
}

impl RateLimit {
    /// HappyFox's documented limits: 500 GET and 300 POST per minute.
    pub fn happyfox() -> Self {
        Self::per_minute(HAPPYFOX_GET_PER_MIN, HAPPYFOX_POST_PER_MIN)
    }

    /// `get` GET and `post` POST requests per minute.
    pub fn per_minute(get: u32, post: u32) -> Self {
        Self {
            get_per_min: get,
            post_per_min: post,
            window: Duration::from_secs(60),
        }
    }

    /// The same counts over another window.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Parses the CLI form `GET_PER_MIN,POST_PER_MIN` (e.g. `500,300`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let (get, post) = text
            .split_once(',')
            .ok_or_else(|| format!("rate limit {text:?}: expected GET_PER_MIN,POST_PER_MIN"))?;
        let number = |s: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| format!("rate limit {text:?}: {s:?} is not a whole number"))
        };
        Ok(Self::per_minute(number(get)?, number(post)?))
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        Self::happyfox()
    }
}
