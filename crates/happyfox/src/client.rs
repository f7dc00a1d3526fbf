//! The blocking client: construction, and the one path every call takes to the network.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::applied::{Applied, RawAnswer};
use crate::call::{Body, Call, Method};
use crate::config::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Region, account_url, default_user_agent,
    is_loopback_host, normalize_base_url,
};
use crate::error::{Error, InputRule, Result};
use crate::multipart;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::wire::decode;
use crate::wire::errors::from_status;
use crate::wire::query::encode_pairs;

/// Largest answer body the client reads (a page of 50 full tickets is far below this).
const MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;

/// A blocking HappyFox client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    agent: ureq::Agent,
    authorization: Secret,
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
/// timeouts.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    api_key: Option<Secret>,
    auth_code: Option<Secret>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    user_agent: Option<String>,
    multipart_boundary: Option<String>,
    retry: RetryPolicy,
}

impl ClientBuilder {
    /// The account URL or API root, e.g. `https://acme.happyfox.com`.
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

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Time allowed for a whole request, answer included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Replaces the User-Agent (default `happyfox-rust/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// How failed calls are retried (default: not at all; see [`RetryPolicy::standard`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Uses a fixed multipart boundary instead of a random one (for reproducible tests).
    pub fn multipart_boundary(mut self, boundary: impl Into<String>) -> Self {
        self.multipart_boundary = Some(boundary.into());
        self
    }

    /// Builds the client; fails on a missing or invalid URL or missing credentials.
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
        let config = Config {
            base_url: normalize_base_url(&base_url)?,
            api_key,
            auth_code,
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            user_agent: self.user_agent.unwrap_or_else(default_user_agent),
            multipart_boundary: self.multipart_boundary,
            retry: self.retry,
        };
        Ok(Client::from_config(config))
    }
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

    /// A client from `HAPPYFOX_URL`, `HAPPYFOX_API_KEY` and `HAPPYFOX_AUTH_CODE`.
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
    pub fn from_config(config: Config) -> Self {
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .user_agent(config.user_agent.as_str())
            .build();
        let token = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            config.api_key.expose(),
            config.auth_code.expose()
        ));
        Self {
            inner: Arc::new(Inner {
                agent: agent_config.into(),
                authorization: Secret::new(format!("Basic {token}")),
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
        let (_, body) = self.send(&call)?;
        decode(&body)
    }

    /// Sends a write and decodes its answer; after a 2xx the write happened, so an answer
    /// that does not decode is returned as [`Applied::Unrecognized`], never as an error.
    pub(crate) fn execute_write<T: DeserializeOwned>(&self, call: Call) -> Result<Applied<T>> {
        let (status, body) = self.send(&call)?;
        Ok(match decode(&body) {
            Ok(answer) => Applied::Answer(answer),
            Err(problem) => Applied::Unrecognized(RawAnswer {
                status,
                body,
                problem: problem.to_string(),
            }),
        })
    }

    /// Sends a call, retried as the [`RetryPolicy`] allows, and returns the status and body
    /// of a successful answer.
    fn send(&self, call: &Call) -> Result<(u16, Vec<u8>)> {
        let policy = self.inner.config.retry;
        let mut attempt = 0;
        loop {
            match self.send_once(call) {
                Err(error) => match policy.wait_before_retry(call.method, attempt, &error) {
                    Some(wait) => {
                        std::thread::sleep(wait);
                        attempt += 1;
                    }
                    None => return Err(error),
                },
                ok => return ok,
            }
        }
    }

    fn send_once(&self, call: &Call) -> Result<(u16, Vec<u8>)> {
        let url = self.url(call);
        if call.method == Method::Post {
            refuse_insecure_write(&url)?;
        }
        let response = match call.method {
            Method::Get => self.with_headers(self.inner.agent.get(&url)).call(),
            Method::Post => {
                let (content_type, bytes) = self.encode_body(&call.body)?;
                let request = self.with_headers(self.inner.agent.post(&url));
                match content_type {
                    Some(ct) => request.header("Content-Type", ct).send(&bytes[..]),
                    None => request.send_empty(),
                }
            }
        };
        let mut response = response.map_err(transport_error)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(transport_error)?;
        if (200..300).contains(&status) {
            Ok((status, body))
        } else {
            Err(from_status(
                status,
                retry_after.as_deref(),
                &call.path,
                &body,
            ))
        }
    }

    fn url(&self, call: &Call) -> String {
        let mut url = format!("{}{}", self.inner.config.base_url, call.path);
        if !call.query.is_empty() {
            url.push('?');
            url.push_str(&encode_pairs(&call.query));
        }
        url
    }

    fn with_headers<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        request
            .header("Authorization", self.inner.authorization.expose())
            .header("Accept", "application/json")
    }

    fn encode_body(&self, body: &Body) -> Result<(Option<String>, Vec<u8>)> {
        match body {
            Body::Empty => Ok((None, Vec::new())),
            Body::Json(value) => Ok((
                Some("application/json".into()),
                value.to_string().into_bytes(),
            )),
            Body::Multipart {
                fields,
                file_field,
                files,
            } => {
                let boundary = self
                    .inner
                    .config
                    .multipart_boundary
                    .clone()
                    .unwrap_or_else(multipart::random_boundary);
                let encoded = multipart::encode(&boundary, fields, file_field, files)?;
                Ok((Some(encoded.content_type), encoded.bytes))
            }
        }
    }
}

/// Refuses a POST over plain http to a host other than this machine.
fn refuse_insecure_write(url: &str) -> Result<()> {
    let parsed: ureq::http::Uri = url
        .parse()
        .map_err(|e| Error::invalid(None, InputRule::Url, format!("invalid URL {url}: {e}")))?;
    let insecure =
        parsed.scheme_str() == Some("http") && !parsed.host().is_some_and(is_loopback_host);
    if insecure {
        return Err(Error::InsecureWrite {
            url: url.to_owned(),
        });
    }
    Ok(())
}

fn transport_error(error: ureq::Error) -> Error {
    Error::Transport {
        message: error.to_string(),
        source: Some(Arc::new(error)),
    }
}
