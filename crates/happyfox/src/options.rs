//! Every setting of a client in one value ([`ClientOptions`]), which [`ClientBuilder`] and
//! each binding's constructor fill, and the settings one call may change
//! ([`RequestOptions`], through [`Client::with_options`]).
//!
//! [`ClientBuilder`]: crate::ClientBuilder

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::client::{Client, Inner};
use crate::config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};
use crate::pacing::Pacing;
use crate::retry::RetryPolicy;

/// Every setting of a client but where it talks to and with which credentials: the one
/// description of the client's options that the builder and every binding use.
///
/// ```
/// use std::time::Duration;
/// use happyfox::{ClientOptions, Pacing, RetryPolicy};
///
/// let mut options = ClientOptions::default();
/// options.timeout = Duration::from_secs(20);
/// options.retry = RetryPolicy::standard().max_retries(5).deadline(Some(Duration::from_secs(120)));
/// options.pacing = Some(Pacing::per_minute(100, 60)); // a key with limits of its own
/// let builder = happyfox::Client::builder().options(options);
/// # drop(builder);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClientOptions {
    /// Time allowed for one request, answer included (default 60 s); each retry gets its own.
    pub timeout: Duration,
    /// Time allowed to open a connection (default 10 s).
    pub connect_timeout: Duration,
    /// How failed calls are retried: count, backoff and its cap, the longest rate-limit wait,
    /// and the deadline of a whole call (default [`RetryPolicy::standard`]).
    pub retry: RetryPolicy,
    /// How many requests the client sends per window (default [`Pacing::happyfox`]: 500 GET
    /// and 300 POST a minute); `None` turns pacing off.
    pub pacing: Option<Pacing>,
    /// The User-Agent header (`None`: `happyfox-rust/<version>`, or the binding's own).
    pub user_agent: Option<String>,
    /// The largest answer read, in bytes (default 32 MiB).
    pub max_response_bytes: u64,
    /// Dry-run mode: reads are sent, writes are not (each fails with
    /// [`Error::DryRun`](crate::Error::DryRun) holding the request it would have sent).
    pub dry_run: bool,
    /// A PEM file of certificate authorities trusted on top of the bundled roots and the OS
    /// trust store (default: `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`).
    pub ca_bundle: Option<PathBuf>,
    /// An `http://` or `https://` proxy URL (default: the environment's).
    pub proxy: Option<String>,
    /// Uses no proxy, whatever the environment says (cannot be combined with `proxy`).
    pub no_proxy: bool,
    /// Whether request and answer bodies are logged at trace level.
    pub log_bodies: bool,
    /// Whether iterators fetch the next page while the caller works on the current one
    /// (default on; at most one page ahead, so memory stays one page). Off: each page is
    /// fetched when the caller reaches it, as a plain loop would.
    pub read_ahead: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::standard(),
            pacing: Some(Pacing::happyfox()),
            user_agent: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            dry_run: false,
            ca_bundle: None,
            proxy: None,
            no_proxy: false,
            log_bodies: false,
            read_ahead: true,
        }
    }
}

/// Settings one call (or a group of calls) makes differently from its client, through
/// [`Client::with_options`]. Unset fields keep the client's.
///
/// ```no_run
/// # fn main() -> happyfox::Result<()> {
/// # let client: happyfox::Client = unimplemented!();
/// use std::time::Duration;
/// use happyfox::RequestOptions;
///
/// // One quick look, no retries, five seconds at most.
/// let quick = client.with_options(&RequestOptions::new().timeout(Duration::from_secs(5)).max_retries(0));
/// let ticket = quick.get_ticket(42, &happyfox::GetTicket::new())?;
/// # drop(ticket);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Time allowed for one request, answer included.
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (0: none); the rest of the retry policy is kept.
    pub max_retries: Option<u32>,
    /// Dry-run mode for these calls.
    pub dry_run: Option<bool>,
}

impl RequestOptions {
    /// No change: every setting is the client's.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`RequestOptions::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets [`RequestOptions::max_retries`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Sets [`RequestOptions::dry_run`].
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = Some(dry_run);
        self
    }
}

impl Client {
    /// Whether this client's iterators fetch one page ahead ([`ClientOptions::read_ahead`]).
    pub(crate) fn reads_ahead(&self) -> bool {
        self.inner.config.read_ahead
    }

    /// A client that makes its calls with `options` instead of this client's settings. It
    /// shares everything else with this client: the connection pool, the pacing (so both
    /// together keep to the account's limits), the per-ticket write order and the lookup
    /// cache.
    pub fn with_options(&self, options: &RequestOptions) -> Client {
        let inner = &self.inner;
        let mut config = inner.config.clone();
        if let Some(timeout) = options.timeout {
            config.timeout = timeout;
        }
        if let Some(retries) = options.max_retries {
            config.retry = config.retry.max_retries(retries);
        }
        if let Some(dry_run) = options.dry_run {
            config.dry_run = dry_run;
        }
        Client {
            inner: Arc::new(Inner {
                config,
                agent: inner.agent.clone(),
                authorization: inner.authorization.clone(),
                pacer: Arc::clone(&inner.pacer),
                tickets: Arc::clone(&inner.tickets),
                scrubber: inner.scrubber.clone(),
                #[cfg(not(happyfox_fixture))]
                lookups: Arc::clone(&inner.lookups),
            }),
        }
    }
}
