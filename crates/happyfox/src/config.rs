//! Where the client talks to and how: base URL, credentials, timeouts, user agent, retries,
//! pacing, the answer-size limit, trust, proxy, request logs.

use std::fmt;
use std::time::Duration;

use crate::error::{Error, InputRule, Result};
use crate::pacing::Pacing;
use crate::proxy::Proxy;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::trust::CaBundle;

/// The API path below an account's URL.
pub const API_ROOT: &str = "/api/1.1/json";
/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole request, answer included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default largest answer the client reads: 32 MiB (a page of 50 full tickets is a few
/// hundred KB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;
/// How deep JSON answers may nest: serde_json's recursion limit, which the client keeps. A
/// deeper answer fails with [`Error::Decode`] ("recursion limit exceeded"), never a stack
/// overflow.
pub const MAX_JSON_DEPTH: usize = 128;

/// Where a HappyFox account is hosted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// `<account>.happyfox.com`
    Us,
    /// `<account>.happyfox.net`
    Eu,
}

/// Everything the client needs to reach an account. Debug and Display never show the
/// credentials.
#[derive(Clone)]
pub struct Config {
    /// The API root, e.g. `https://acme.happyfox.com/api/1.1/json` (no trailing slash).
    pub base_url: String,
    /// The API key (Basic-auth user name).
    pub api_key: Secret,
    /// The auth code (Basic-auth password).
    pub auth_code: Secret,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request.
    pub timeout: Duration,
    /// The User-Agent header.
    pub user_agent: String,
    /// A fixed multipart boundary (tests only; random per request when `None`).
    pub multipart_boundary: Option<String>,
    /// How failed calls are retried.
    pub retry: RetryPolicy,
    /// How many requests per window the client sends (`None`: no pacing).
    pub pacing: Option<Pacing>,
    /// The largest answer read, in bytes: a larger `Content-Length` is refused before
    /// reading, a longer body once this many bytes arrived ([`Error::ResponseTooLarge`]).
    pub max_response_bytes: u64,
    /// Dry-run mode: reads are sent, writes are not (each returns [`Error::DryRun`] with
    /// the request it would have sent).
    pub dry_run: bool,
    /// Certificate authorities trusted on top of the bundled webpki roots and the OS trust
    /// store.
    pub ca_bundle: Option<CaBundle>,
    /// The proxy requests go through (`None`: straight to the account).
    pub proxy: Option<Proxy>,
    /// Whether request and answer bodies are logged (at trace level, capped; see
    /// [`ClientBuilder::log_bodies`](crate::ClientBuilder::log_bodies)).
    pub log_bodies: bool,
    /// Whether iterators fetch one page ahead on another thread.
    pub read_ahead: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key)
            .field("auth_code", &self.auth_code)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("pacing", &self.pacing)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("dry_run", &self.dry_run)
            .field("ca_bundle", &self.ca_bundle)
            .field("proxy", &self.proxy)
            .field("log_bodies", &self.log_bodies)
            .field("read_ahead", &self.read_ahead)
            .finish()
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (credentials hidden)", self.base_url)
    }
}

/// The default User-Agent: crate name and version.
pub fn default_user_agent() -> String {
    format!("happyfox-rust/{}", env!("CARGO_PKG_VERSION"))
}

/// Normalizes what a user gives as the account URL: a bare host, an account URL or the full
/// API root, with or without trailing slash, all become `<scheme>://<host>/api/1.1/json`.
pub fn normalize_base_url(url: &str) -> Result<String> {
    let url = url.trim();
    let with_scheme = if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    // Checked before anything else, and never echoed: the message must not carry the
    // password.
    if has_userinfo(&with_scheme) {
        return Err(bad_base_url(
            "invalid base URL: it carries a user name or password (`user:password@`); the \
             client refuses credentials in URLs, pass the API key and auth code with \
             `credentials` instead"
                .into(),
        ));
    }
    let parsed: ureq::http::Uri = with_scheme
        .parse()
        .map_err(|e| bad_base_url(format!("invalid base URL {url:?}: {e}")))?;
    match parsed.scheme_str() {
        Some("http" | "https") => {}
        _ => {
            return Err(bad_base_url(format!(
                "invalid base URL {url:?}: the scheme must be http or https"
            )));
        }
    }
    if parsed.host().is_none_or(str::is_empty) {
        return Err(bad_base_url(format!("invalid base URL {url:?}: no host")));
    }
    if parsed.query().is_some() {
        return Err(bad_base_url(format!(
            "invalid base URL {url:?}: it has a query string"
        )));
    }
    let trimmed = with_scheme.trim_end_matches('/');
    let root = if trimmed.ends_with(API_ROOT) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}{API_ROOT}")
    };
    Ok(root)
}

/// Whether the authority of `url` (`scheme://authority/...`) holds a `user[:password]@`.
fn has_userinfo(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.contains('@')
}

/// The refusal of a base URL the client cannot use.
fn bad_base_url(message: String) -> Error {
    Error::invalid(Some("base_url"), InputRule::Url, message)
}

/// The account URL of `account` in `region`.
pub fn account_url(account: &str, region: Region) -> Result<String> {
    let valid = !account.is_empty()
        && account
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !valid {
        return Err(Error::invalid(
            Some("account"),
            InputRule::Url,
            format!(
                "invalid account name {account:?}: expected letters, digits and dashes (e.g. `acme`)"
            ),
        ));
    }
    let domain = match region {
        Region::Us => "happyfox.com",
        Region::Eu => "happyfox.net",
    };
    Ok(format!("https://{account}.{domain}"))
}

/// Whether `host` is this machine (writes over plain http are allowed only there).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized() {
        for input in [
            "acme.happyfox.com",
            "https://acme.happyfox.com",
            "https://acme.happyfox.com/",
            "https://acme.happyfox.com/api/1.1/json/",
        ] {
            assert_eq!(
                normalize_base_url(input).unwrap(),
                "https://acme.happyfox.com/api/1.1/json",
                "{input}"
            );
        }
        assert!(normalize_base_url("ftp://x").is_err());
        for with_password in [
            "https://key:code@acme.happyfox.com",
            "ftp://key:hunter2@acme.happyfox.com",
            "key:hunter2@acme.happyfox.com/api/1.1/json",
            "https://key:p@ss@acme.happyfox.com",
        ] {
            let error = normalize_base_url(with_password).unwrap_err().to_string();
            assert!(error.contains("user name or password"), "{error}");
            assert!(
                !error.contains("hunter2") && !error.contains("code@"),
                "{error}"
            );
        }
        assert!(normalize_base_url("https://acme.happyfox.com/a@b").is_ok());
    }

    #[test]
    fn regions_pick_the_domain() {
        assert_eq!(
            account_url("acme", Region::Us).unwrap(),
            "https://acme.happyfox.com"
        );
        assert_eq!(
            account_url("acme", Region::Eu).unwrap(),
            "https://acme.happyfox.net"
        );
        assert!(account_url("acme.evil.com/", Region::Us).is_err());
    }

    #[test]
    fn loopback_hosts() {
        for host in ["localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["acme.happyfox.com", "10.0.0.1", "localhost.evil.com"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn debug_and_display_hide_credentials() {
        let config = Config {
            base_url: "https://acme.happyfox.com/api/1.1/json".into(),
            api_key: Secret::new("KEY-123"),
            auth_code: Secret::new("CODE-456"),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: default_user_agent(),
            multipart_boundary: None,
            retry: RetryPolicy::none(),
            pacing: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            dry_run: false,
            ca_bundle: None,
            proxy: Some(Proxy::new("http://proxy-user:PROXY-789@proxy.example:3128").unwrap()),
            log_bodies: false,
            read_ahead: true,
        };
        for text in [format!("{config:?}"), format!("{config}")] {
            assert!(
                !text.contains("KEY-123")
                    && !text.contains("CODE-456")
                    && !text.contains("PROXY-789"),
                "{text}"
            );
        }
    }
}
