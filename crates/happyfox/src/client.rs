//! The blocking client: construction and the public entry points; `transport.rs` holds
//! the one path every call takes to the network.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::applied::{Applied, RawAnswer};
use crate::call::{Body, Call};
use crate::config::{Config, Region, account_url, default_user_agent, normalize_base_url};
use crate::error::{Error, InputRule, Result};
#[cfg(not(happyfox_fixture))]
use crate::lookups::LookupCache;
use crate::options::ClientOptions;
use crate::pacing::{Pacer, Pacing};
use crate::proxy::ProxyChoice;
use crate::retry::RetryPolicy;
use crate::secret::{Scrubber, Secret};
use crate::serial::TicketLocks;
use crate::trust::{CaBundle, root_certs};
use crate::wire::decode;

/// A blocking HappyFox client. Cheap to clone: clones share one connection pool, one pacing
/// limiter and one set of per-ticket write locks.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// What the clones of one client share.
pub(crate) struct Inner {
    pub config: Config,
    pub agent: ureq::Agent,
    pub authorization: Secret,
    pub pacer: Arc<Pacer>,
    pub tickets: Arc<TicketLocks>,
    pub scrubber: Scrubber,
    #[cfg(not(happyfox_fixture))]
    pub lookups: Arc<LookupCache>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HappyFox client for {}", self.inner.config)
    }
}

/// Builds a [`Client`]: where (base URL, account + region, or custom domain), credentials,
/// and the [`ClientOptions`] (timeouts, retries, pacing, the answer-size limit, trust, proxy,
/// body logs), set one by one or all at once with [`ClientBuilder::options`].
#[derive(Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    api_key: Option<Secret>,
    auth_code: Option<Secret>,
    multipart_boundary: Option<String>,
    options: ClientOptions,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A base URL is shown only when it carries no `user:password@` (which build refuses).
        let base_url = self.base_url.as_deref().map(|url| {
            if url.contains('@') {
                "<hidden: holds credentials>"
            } else {
                url
            }
        });
        let proxy = self
            .options
            .proxy
            .as_deref()
            .map(crate::proxy::hide_userinfo);
        f.debug_struct("ClientBuilder")
            .field("base_url", &base_url)
            .field("api_key", &self.api_key)
            .field("auth_code", &self.auth_code)
            .field("connect_timeout", &self.options.connect_timeout)
            .field("timeout", &self.options.timeout)
            .field("retry", &self.options.retry)
            .field("pacing", &self.options.pacing)
            .field("max_response_bytes", &self.options.max_response_bytes)
            .field("dry_run", &self.options.dry_run)
            .field("ca_bundle", &self.options.ca_bundle)
            .field("proxy", &proxy)
            .field("no_proxy", &self.options.no_proxy)
            .field("log_bodies", &self.options.log_bodies)
            .field("read_ahead", &self.options.read_ahead)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The account URL or API root, e.g. `https://acme.happyfox.com`. A URL carrying
    /// `user:password@` is refused by [`ClientBuilder::build`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// A hosted account by name: `us` is `<account>.happyfox.com`, `eu` `<account>.happyfox.net`.
    pub fn account(mut self, account: &str, region: Region) -> Result<Self> {
        self.base_url = Some(account_url(account, region)?);
        Ok(self)
    }

    /// An account on a custom domain (HappyFox then answers on that domain only).
    pub fn custom_domain(mut self, domain: &str) -> Self {
        self.base_url = Some(format!("https://{}", domain.trim_end_matches('/')));
        self
    }

    /// The API key and auth code (Settings > Integrations > API in HappyFox).
    pub fn credentials(mut self, api_key: impl Into<Secret>, auth_code: impl Into<Secret>) -> Self {
        self.api_key = Some(api_key.into());
        self.auth_code = Some(auth_code.into());
        self
    }

    /// Every option at once, replacing those set so far.
    pub fn options(mut self, options: ClientOptions) -> Self {
        self.options = options;
        self
    }

    /// The options set so far.
    pub fn current_options(&self) -> &ClientOptions {
        &self.options
    }

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.options.connect_timeout = timeout;
        self
    }

    /// Time allowed for one request, answer included (default 60 s); each retry gets its
    /// own. [`RetryPolicy::deadline`] bounds a call with all its retries.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = timeout;
        self
    }

    /// Replaces the User-Agent (default `happyfox-rust/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.options.user_agent = Some(user_agent.into());
        self
    }

    /// How failed calls are retried (default [`RetryPolicy::standard`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = policy;
        self
    }

    /// Turns retries off (same as `.retry(RetryPolicy::none())`).
    pub fn no_retries(self) -> Self {
        self.retry(RetryPolicy::none())
    }

    /// How many requests the client sends per window (default [`Pacing::happyfox`]: 500 GET
    /// and 300 POST per minute), shared by every clone and thread.
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.options.pacing = Some(pacing);
        self
    }

    /// Turns pacing off: requests go as fast as they are made.
    pub fn no_pacing(mut self) -> Self {
        self.options.pacing = None;
        self
    }

    /// The largest answer read, in bytes (default 32 MiB,
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::DEFAULT_MAX_RESPONSE_BYTES)).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.options.max_response_bytes = limit;
        self
    }

    /// Dry-run mode (default off): reads (GET) are sent as usual, writes (POST) are not:
    /// each returns [`Error::DryRun`] holding the [`PreparedRequest`](crate::PreparedRequest)
    /// it would have sent (method, URL, content type, body; file names and sizes, never
    /// their contents or the credentials). A dry-run write is never retried, takes no
    /// pacing permit, and is not an unknown outcome.
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.options.dry_run = dry_run;
        self
    }

    /// Trusts the certificate authorities of this PEM file (one or more certificates) on
    /// top of the bundled webpki roots and the OS trust store, e.g. the CA of a proxy that
    /// re-signs TLS. Replaces `HAPPYFOX_CA_BUNDLE` and `SSL_CERT_FILE`, which are read when
    /// this is not given. A file that cannot be read or holds no valid certificate fails
    /// [`ClientBuilder::build`] with [`Error::InvalidInput`].
    pub fn ca_bundle(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.ca_bundle = Some(path.into());
        self
    }

    /// Sends every request through this HTTP(S) proxy
    /// (`http://[user:password@]host:port`), the account's host included, unless
    /// `NO_PROXY` lists it. Without this, the proxy comes from the environment
    /// (`HTTPS_PROXY` for an https account, `HTTP_PROXY` for http, then `ALL_PROXY`;
    /// upper case first, then lower case), and never applies to an account on this
    /// machine (loopback). A URL that is not usable fails [`ClientBuilder::build`].
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.options.proxy = Some(url.into());
        self.options.no_proxy = false;
        self
    }

    /// Uses no proxy, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.options.proxy = None;
        self.options.no_proxy = true;
        self
    }

    /// Logs request and answer bodies (default off) at trace level on
    /// [`REQUEST_BODY_TARGET`](crate::REQUEST_BODY_TARGET), each cut at
    /// [`MAX_LOGGED_BODY_BYTES`](crate::MAX_LOGGED_BODY_BYTES) and scrubbed of the
    /// credentials. Bodies hold customer data: turn this on to debug, not in production.
    pub fn log_bodies(mut self, log_bodies: bool) -> Self {
        self.options.log_bodies = log_bodies;
        self
    }

    /// Whether iterators fetch the next page while the caller works on the current one
    /// (default on; see [`ClientOptions::read_ahead`]).
    pub fn read_ahead(mut self, read_ahead: bool) -> Self {
        self.options.read_ahead = read_ahead;
        self
    }

    /// Uses a fixed multipart boundary instead of a random one (for reproducible tests).
    pub fn multipart_boundary(mut self, boundary: impl Into<String>) -> Self {
        self.multipart_boundary = Some(boundary.into());
        self
    }

    /// Builds the client; fails on a missing or invalid URL (one carrying credentials
    /// included), missing credentials, a zero timeout, pacing of 0 requests per window, a
    /// CA bundle that cannot be used, a proxy URL that cannot be used (from the environment
    /// included), or both a proxy and `no_proxy`.
    pub fn build(self) -> Result<Client> {
        let base_url = self.base_url.ok_or_else(|| {
            Error::invalid(
                Some("base_url"),
                InputRule::Required,
                "no base URL: give base_url, account or custom_domain",
            )
        })?;
        let (Some(api_key), Some(auth_code)) = (self.api_key, self.auth_code) else {
            return Err(Error::invalid(
                Some("credentials"),
                InputRule::Required,
                "no credentials: give the API key and auth code",
            ));
        };
        let options = self.options;
        check_options(&options)?;
        let base_url = normalize_base_url(&base_url)?;
        let ca_bundle = match &options.ca_bundle {
            Some(path) => Some(CaBundle::from_pem_file(path)?),
            None => CaBundle::from_env()?,
        };
        let proxy = match (&options.proxy, options.no_proxy) {
            (Some(url), _) => ProxyChoice::Explicit(url.clone()),
            (None, true) => ProxyChoice::Off,
            (None, false) => ProxyChoice::FromEnvironment,
        };
        let proxy = proxy.resolve(&base_url)?;
        let config = Config {
            base_url,
            api_key,
            auth_code,
            connect_timeout: options.connect_timeout,
            timeout: options.timeout,
            user_agent: options.user_agent.unwrap_or_else(default_user_agent),
            multipart_boundary: self.multipart_boundary,
            retry: options.retry,
            pacing: options.pacing,
            max_response_bytes: options.max_response_bytes,
            dry_run: options.dry_run,
            ca_bundle,
            proxy,
            log_bodies: options.log_bodies,
            read_ahead: options.read_ahead,
        };
        Ok(Client::from_config(config))
    }
}

/// Refuses options no client can work with.
fn check_options(options: &ClientOptions) -> Result<()> {
    for (field, value) in [
        ("timeout", options.timeout),
        ("connect_timeout", options.connect_timeout),
    ] {
        if value.is_zero() {
            return Err(Error::invalid(
                Some(field),
                InputRule::OutOfRange {
                    min: 1,
                    max: u64::MAX,
                },
                format!("`{field}` must be longer than zero"),
            ));
        }
    }
    if let Some(pacing) = options.pacing
        && (pacing.get_per_window == 0 || pacing.post_per_window == 0)
    {
        return Err(Error::invalid(
            Some("pacing"),
            InputRule::OutOfRange {
                min: 1,
                max: u64::from(u32::MAX),
            },
            "pacing must allow at least 1 request per window; use no_pacing() to turn it off",
        ));
    }
    if options.proxy.is_some() && options.no_proxy {
        return Err(Error::invalid(
            Some("proxy"),
            InputRule::Proxy,
            "give a proxy URL or no_proxy, not both",
        ));
    }
    Ok(())
}

impl Client {
    /// A client for `base_url` (e.g. `https://acme.happyfox.com`) with the given credentials.
    pub fn new(
        base_url: &str,
        api_key: impl Into<Secret>,
        auth_code: impl Into<Secret>,
    ) -> Result<Self> {
        Self::builder()
            .base_url(base_url)
            .credentials(api_key, auth_code)
            .build()
    }

    /// A builder for every option.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `HAPPYFOX_URL`, `HAPPYFOX_API_KEY` and `HAPPYFOX_AUTH_CODE` (and, as
    /// every builder does, the CA bundle and proxy variables).
    pub fn from_env() -> Result<Self> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| {
                    Error::invalid(
                        Some(name),
                        InputRule::Environment,
                        format!("environment variable {name} is not set"),
                    )
                })
        };
        Self::new(
            &var("HAPPYFOX_URL")?,
            var("HAPPYFOX_API_KEY")?,
            var("HAPPYFOX_AUTH_CODE")?,
        )
    }

    /// A client from a complete configuration.
    ///
    /// The agent verifies TLS certificates (rustls, against the bundled webpki roots, the
    /// OS trust store and [`Config::ca_bundle`]; there is no setting to turn that off),
    /// goes through [`Config::proxy`] only (never a proxy of the environment by itself)
    /// and follows no redirect by itself: the client handles 3xx answers (see
    /// [`Error::Redirect`]).
    pub fn from_config(config: Config) -> Self {
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(root_certs(config.ca_bundle.as_ref()))
            .build();
        let agent_config = ureq::Agent::config_builder()
            .tls_config(tls)
            .proxy(config.proxy.as_ref().map(|proxy| proxy.agent_proxy()))
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .user_agent(config.user_agent.as_str())
            // Keep a connection per export worker alive (ureq keeps 3 per host by default).
            .max_idle_connections_per_host(crate::MAX_EXPORT_WORKERS)
            .max_idle_connections(crate::MAX_EXPORT_WORKERS)
            .build();
        let token = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            config.api_key.expose(),
            config.auth_code.expose()
        ));
        let proxy_secrets = config.proxy.iter().flat_map(|proxy| proxy.secrets());
        let scrubber = Scrubber::new(
            [
                token.clone(),
                config.api_key.expose().to_owned(),
                config.auth_code.expose().to_owned(),
            ]
            .into_iter()
            .chain(proxy_secrets),
        );
        Self {
            inner: Arc::new(Inner {
                agent: agent_config.into(),
                authorization: Secret::new(format!("Basic {token}")),
                pacer: Arc::new(Pacer::new(config.pacing)),
                tickets: Arc::default(),
                scrubber,
                #[cfg(not(happyfox_fixture))]
                lookups: Arc::default(),
                config,
            }),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Escape hatch: a GET of any path below the API root (e.g. `/contact_groups/`), returning
    /// the raw JSON.
    pub fn raw_get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value> {
        let mut call = Call::get(path);
        for (key, value) in query {
            call = call.query(key, *value);
        }
        self.execute(call)
    }

    /// Escape hatch: a POST of a JSON body to any path below the API root, returning the
    /// JSON answer ([`Applied::Unrecognized`] when a 2xx answer is not JSON: the write
    /// happened all the same).
    pub fn raw_post(&self, path: &str, body: &Value) -> Result<Applied<Value>> {
        let mut call = Call::post(path);
        call.body = Body::Json(body.clone());
        self.execute_write(call)
    }

    /// Sends a call and decodes its answer.
    pub(crate) fn execute<T: DeserializeOwned>(&self, call: Call) -> Result<T> {
        let answer = self.send(&call)?;
        decode(&answer.body).map_err(|error| self.inner.scrubber.error(error))
    }

    /// Sends a write and decodes its answer; after a 2xx the write happened, so an answer
    /// that does not decode (or was cut short, or was too large to read) is returned as
    /// [`Applied::Unrecognized`], never as an error.
    pub(crate) fn execute_write<T: DeserializeOwned>(&self, call: Call) -> Result<Applied<T>> {
        let answer = self.send(&call)?;
        if let Some(problem) = answer.incomplete {
            return Ok(Applied::Unrecognized(RawAnswer {
                status: answer.status,
                body: answer.body,
                problem,
            }));
        }
        Ok(match decode(&answer.body) {
            Ok(answer) => Applied::Answer(answer),
            Err(problem) => Applied::Unrecognized(RawAnswer {
                status: answer.status,
                body: answer.body,
                problem: self.inner.scrubber.scrub(&problem.to_string()),
            }),
        })
    }
}
