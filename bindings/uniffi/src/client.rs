//! `HappyFoxClient`: construction (URL, or account and region, with `ClientOptions`), the
//! per-call options (`withRequestOptions`) and the raw escape hatch (`rawGet`, `rawPost`).
//! Every operation of the spec is a method generated into `generated/endpoints.rs`; bulk
//! create is in `bulk.rs`, lookups in `lookups.rs`, iterations in `snapshot.rs`,
//! `export.rs` and `sync.rs`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::convert::count_in;
use crate::errors::{HappyFoxError, InputRule, Result};

/// Where a hosted account lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Region {
    /// `<account>.happyfox.com`
    Us,
    /// `<account>.happyfox.net`
    Eu,
}

/// Requests a minute the client sends at most (pacing), for a key whose limits differ from
/// HappyFox's defaults (500 GET and 300 POST a minute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Pacing {
    /// GET requests a minute (at least 1).
    pub get_per_minute: i32,
    /// POST requests a minute (at least 1).
    pub post_per_minute: i32,
}

/// Every setting of a client. Each field has a default (null or false: the client's own),
/// so name only what you change: `ClientOptions(timeout = Duration.ofSeconds(20))`.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ClientOptions {
    /// Time allowed for one request, answer included (default 60 s); each retry gets its own.
    #[uniffi(default = None)]
    pub timeout: Option<Duration>,
    /// Time allowed to open a connection (default 10 s).
    #[uniffi(default = None)]
    pub connect_timeout: Option<Duration>,
    /// Retries after a failed attempt (default 3; 0: none). Writes that may have been
    /// applied are never retried.
    #[uniffi(default = None)]
    pub max_retries: Option<i32>,
    /// The longest wait between two retries (default 30 s; backoff doubles up to it).
    #[uniffi(default = None)]
    pub backoff_cap: Option<Duration>,
    /// The most a whole call may take, retries and waits included (default: none). Past it
    /// the call throws `Timeout` with `deadline` set.
    #[uniffi(default = None)]
    pub deadline: Option<Duration>,
    /// Requests a minute (default null: HappyFox's 500 GET and 300 POST).
    #[uniffi(default = None)]
    pub pacing: Option<Pacing>,
    /// Sends without pacing (cannot be combined with `pacing`).
    #[uniffi(default = false)]
    pub pacing_off: bool,
    /// The User-Agent header (default `happyfox-kotlin/<version>` in a JVM, else
    /// `happyfox-swift/<version>`).
    #[uniffi(default = None)]
    pub user_agent: Option<String>,
    /// The largest answer read, in bytes (default 32 MiB); a larger one throws
    /// `ResponseTooLarge`.
    #[uniffi(default = None)]
    pub max_response_bytes: Option<i64>,
    /// Dry-run mode: reads are sent, every write throws `DryRun` with the request it would
    /// have sent.
    #[uniffi(default = false)]
    pub dry_run: bool,
    /// A PEM file of certificate authorities trusted on top of the bundled roots and the OS
    /// trust store (default: `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`).
    #[uniffi(default = None)]
    pub ca_bundle: Option<String>,
    /// An `http://` or `https://` proxy URL (default: `HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY`, with `NO_PROXY`; never for an account on this machine).
    #[uniffi(default = None)]
    pub proxy: Option<String>,
    /// Uses no proxy, whatever the environment says (cannot be combined with `proxy`).
    #[uniffi(default = false)]
    pub no_proxy: bool,
    /// Logs request and answer bodies (at trace level, to the logger of `setLogger`).
    #[uniffi(default = false)]
    pub log_bodies: bool,
    /// Pagers fetch the next page while the caller works on the current one (at most one
    /// page ahead; null: yes); false: each page when the caller reaches it.
    #[uniffi(default = None)]
    pub read_ahead: Option<bool>,
}

impl ClientOptions {
    /// The core's options: each setting given replaces the core's default.
    fn into_core(self) -> Result<happyfox::ClientOptions> {
        let mut options = happyfox::ClientOptions::default();
        if let Some(timeout) = self.timeout {
            options.timeout = timeout;
        }
        if let Some(timeout) = self.connect_timeout {
            options.connect_timeout = timeout;
        }
        if let Some(retries) = self.max_retries {
            options.retry.max_retries = count_in(retries, "max_retries")?;
        }
        if let Some(cap) = self.backoff_cap {
            options.retry.max_backoff = cap;
        }
        options.retry.deadline = self.deadline;
        options.pacing = match (self.pacing, self.pacing_off) {
            (Some(_), true) => {
                return Err(HappyFoxError::invalid(
                    "pacing",
                    InputRule::Format,
                    "give pacing or pacingOff, not both".to_owned(),
                ));
            }
            (None, true) => None,
            (Some(pacing), false) => Some(happyfox::Pacing::per_minute(
                count_in(pacing.get_per_minute, "pacing")?,
                count_in(pacing.post_per_minute, "pacing")?,
            )),
            (None, false) => options.pacing,
        };
        options.user_agent = Some(self.user_agent.unwrap_or_else(crate::surface::user_agent));
        if let Some(limit) = self.max_response_bytes {
            options.max_response_bytes = crate::convert::id_in(limit, "max_response_bytes")?;
        }
        options.dry_run = self.dry_run;
        options.ca_bundle = self.ca_bundle.map(Into::into);
        options.proxy = self.proxy;
        options.no_proxy = self.no_proxy;
        options.log_bodies = self.log_bodies;
        if let Some(read_ahead) = self.read_ahead {
            options.read_ahead = read_ahead;
        }
        Ok(options)
    }
}

/// What some calls do differently from their client (`client.withRequestOptions(...)`);
/// null keeps the client's setting.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct RequestOptions {
    /// Time allowed for one request, answer included.
    #[uniffi(default = None)]
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (0: none).
    #[uniffi(default = None)]
    pub max_retries: Option<i32>,
    /// Dry-run mode for these calls.
    #[uniffi(default = None)]
    pub dry_run: Option<bool>,
}

/// A HappyFox client. Cheap to share between threads: every method may be called from
/// several threads at once; calls block until HappyFox answers.
#[derive(uniffi::Object)]
pub struct HappyFoxClient {
    pub(crate) inner: happyfox::Client,
}

impl HappyFoxClient {
    /// A client from a builder that knows where to go, with `options` and the credentials.
    fn build(
        builder: happyfox::ClientBuilder,
        api_key: String,
        auth_code: String,
        options: ClientOptions,
    ) -> Result<Arc<Self>> {
        let inner = builder
            .credentials(api_key, auth_code)
            .options(options.into_core()?)
            .build()?;
        Ok(Arc::new(Self { inner }))
    }
}

#[uniffi::export]
impl HappyFoxClient {
    /// A client for `url` (e.g. `https://acme.happyfox.com`; the API root is added) with
    /// the default options.
    #[uniffi::constructor]
    pub fn new(url: String, api_key: String, auth_code: String) -> Result<Arc<Self>> {
        Self::with_options(url, api_key, auth_code, ClientOptions::default())
    }

    /// A client for `url` with `options`. Unusable options (a CA bundle that cannot be read,
    /// a proxy URL, pacing below 1 a minute...) throw `InvalidInput`.
    #[uniffi::constructor]
    pub fn with_options(
        url: String,
        api_key: String,
        auth_code: String,
        options: ClientOptions,
    ) -> Result<Arc<Self>> {
        Self::build(
            happyfox::Client::builder().base_url(url),
            api_key,
            auth_code,
            options,
        )
    }

    /// A client for the hosted account `account` in `region`.
    #[uniffi::constructor(default(options))]
    pub fn for_account(
        account: String,
        region: Region,
        api_key: String,
        auth_code: String,
        options: ClientOptions,
    ) -> Result<Arc<Self>> {
        let region = match region {
            Region::Us => happyfox::Region::Us,
            Region::Eu => happyfox::Region::Eu,
        };
        Self::build(
            happyfox::Client::builder().account(&account, region)?,
            api_key,
            auth_code,
            options,
        )
    }

    /// A client whose calls use `options` instead of this client's settings. It shares
    /// everything else with this one: connections, pacing (both keep to the account's
    /// limits together), the per-ticket write order and the cached lookups.
    pub fn with_request_options(&self, options: RequestOptions) -> Result<Arc<Self>> {
        let mut core = happyfox::RequestOptions::new();
        core.timeout = options.timeout;
        core.max_retries = options
            .max_retries
            .map(|retries| count_in(retries, "max_retries"))
            .transpose()?;
        core.dry_run = options.dry_run;
        Ok(Arc::new(Self {
            inner: self.inner.with_options(&core),
        }))
    }

    /// The API root every call goes to.
    pub fn url(&self) -> String {
        self.inner.config().base_url.clone()
    }

    /// Escape hatch: a GET of any path below the API root (e.g. `/ticket/3/`) with `query`
    /// parameters; the answer as JSON text. Retries and pacing apply as to any read.
    #[uniffi::method(default(query))]
    pub fn raw_get(&self, path: String, query: HashMap<String, String>) -> Result<String> {
        let mut pairs: Vec<(&str, &str)> = query
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .collect();
        pairs.sort_unstable();
        Ok(self.inner.raw_get(&path, &pairs)?.to_string())
    }

    /// Escape hatch: a POST of `body_json` (JSON text) to any path below the API root; the
    /// answer as JSON text, or as HappyFox sent it when it was not JSON (the write was
    /// applied either way). Invalid JSON throws `InvalidInput` (rule `Format`).
    pub fn raw_post(&self, path: String, body_json: String) -> Result<String> {
        let body: serde_json::Value = serde_json::from_str(&body_json).map_err(|error| {
            HappyFoxError::invalid(
                "body_json",
                InputRule::Format,
                format!("`body_json` is not JSON: {error}"),
            )
        })?;
        Ok(match self.inner.raw_post(&path, &body)? {
            happyfox::Applied::Answer(value) => value.to_string(),
            happyfox::Applied::Unrecognized(raw) => raw.text(),
        })
    }
}
