//! Which HTTP(S) proxy the client goes through: one set explicitly, or the environment's
//! (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, and their lower-case forms).

use std::fmt;

use base64::Engine;

use crate::config::is_loopback_host;
use crate::error::{Error, InputRule, Result};

/// The variables naming the proxy of an `https` account, in the order read.
pub const HTTPS_PROXY_ENV: [&str; 4] = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];
/// The variables naming the proxy of an `http` account, in the order read.
pub const HTTP_PROXY_ENV: [&str; 4] = ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];
/// The variables listing the hosts reached without a proxy, in the order read.
pub const NO_PROXY_ENV: [&str; 2] = ["NO_PROXY", "no_proxy"];

/// An HTTP or HTTPS proxy (`http://[user:password@]host[:port]`; requests to `https`
/// accounts go through it with `CONNECT`). A user name and password in the URL are
/// credentials: Debug and Display show the URL with `***` for them, and they never appear
/// in an error or a log line.
#[derive(Clone)]
pub struct Proxy {
    agent_proxy: ureq::Proxy,
    shown: String,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Proxy").field(&self.shown).finish()
    }
}

impl fmt::Display for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl Proxy {
    /// A proxy from its URL (`http://` when no scheme is given). Fails with
    /// [`Error::InvalidInput`] ([`InputRule::Proxy`]) on another scheme (SOCKS is not
    /// supported) or a URL without a host; the message never shows a password.
    pub fn new(url: &str) -> Result<Self> {
        Self::parse(url, "proxy")
    }

    /// The URL with the user name and password (if any) shown as `***`.
    pub fn url(&self) -> &str {
        &self.shown
    }

    /// The proxy `ureq` uses.
    pub(crate) fn agent_proxy(&self) -> ureq::Proxy {
        self.agent_proxy.clone()
    }

    /// The texts to keep out of errors and logs: the password, and the
    /// `Proxy-Authorization` token made from the user name and password.
    pub(crate) fn secrets(&self) -> Vec<String> {
        let user = self.agent_proxy.username().unwrap_or_default();
        let password = self.agent_proxy.password().unwrap_or_default();
        if user.is_empty() && password.is_empty() {
            return Vec::new();
        }
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        vec![password.to_owned(), token]
    }

    fn parse(url: &str, field: &str) -> Result<Self> {
        let url = url.trim();
        let shown = hide_userinfo(url);
        let bad = |why: &str| {
            Error::invalid(
                Some(field),
                InputRule::Proxy,
                format!("invalid proxy URL {shown:?}: {why}"),
            )
        };
        let agent_proxy = ureq::Proxy::new(url).map_err(|e| bad(&e.to_string()))?;
        match agent_proxy.protocol() {
            ureq::ProxyProtocol::Http | ureq::ProxyProtocol::Https => {}
            other => {
                return Err(bad(&format!(
                    "{other} proxies are not supported, only http:// and https://"
                )));
            }
        }
        if agent_proxy.host().is_empty() {
            return Err(bad("no host"));
        }
        Ok(Self { agent_proxy, shown })
    }
}

/// How a client picks its proxy.
#[derive(Clone, Default)]
pub(crate) enum ProxyChoice {
    /// The environment's, for the account's scheme (the default).
    #[default]
    FromEnvironment,
    /// This URL.
    Explicit(String),
    /// None, whatever the environment says.
    Off,
}

impl fmt::Debug for ProxyChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyChoice::FromEnvironment => f.write_str("FromEnvironment"),
            ProxyChoice::Explicit(url) => f
                .debug_tuple("Explicit")
                .field(&hide_userinfo(url))
                .finish(),
            ProxyChoice::Off => f.write_str("Off"),
        }
    }
}

impl ProxyChoice {
    /// The proxy a client of `base_url` uses: `None` when turned off, when `NO_PROXY`
    /// lists the account's host, and (for a proxy from the environment) when the account
    /// is on this machine, so a local emulator stays reachable.
    pub fn resolve(&self, base_url: &str) -> Result<Option<Proxy>> {
        let (scheme, host) = scheme_and_host(base_url);
        let proxy = match self {
            ProxyChoice::Off => return Ok(None),
            ProxyChoice::Explicit(url) => Proxy::parse(url, "proxy")?,
            ProxyChoice::FromEnvironment => {
                if is_loopback_host(&host) {
                    return Ok(None);
                }
                let names = if scheme == "http" {
                    HTTP_PROXY_ENV
                } else {
                    HTTPS_PROXY_ENV
                };
                let Some((name, url)) = first_set(&names) else {
                    return Ok(None);
                };
                Proxy::parse(&url, name)?
            }
        };
        let bypassed =
            first_set(&NO_PROXY_ENV).is_some_and(|(_, list)| no_proxy_lists(&list, &host));
        Ok((!bypassed).then_some(proxy))
    }
}

/// The first of `names` set to a non-blank value, with that value.
fn first_set<'a>(names: &[&'a str]) -> Option<(&'a str, String)> {
    names.iter().find_map(|name| {
        let value = std::env::var(name).ok()?;
        (!value.trim().is_empty()).then_some((*name, value))
    })
}

/// Whether a `NO_PROXY` list names `host`: `*` names every host, `example.com`,
/// `.example.com` and `*.example.com` name example.com and its subdomains, an IP address
/// names itself; a `:port` after an entry is ignored. Case-insensitive.
pub(crate) fn no_proxy_lists(list: &str, host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    list.split([',', ' ']).any(|entry| {
        let entry = entry.trim().to_ascii_lowercase();
        let entry = strip_port(&entry);
        let domain = entry.trim_start_matches('*').trim_start_matches('.');
        entry == "*"
            || (!domain.is_empty()
                && (host == domain
                    || host
                        .strip_suffix(domain)
                        .is_some_and(|sub| sub.ends_with('.'))))
    })
}

/// An entry without its `:port` (and an IPv6 address without its brackets).
fn strip_port(entry: &str) -> &str {
    if let Some(bracketed) = entry.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or_default();
    }
    match entry.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            host
        }
        _ => entry,
    }
}

/// The scheme and host of a normalized base URL.
fn scheme_and_host(url: &str) -> (String, String) {
    let parsed: Option<ureq::http::Uri> = url.parse().ok();
    let scheme = parsed
        .as_ref()
        .and_then(|u| u.scheme_str())
        .unwrap_or("https")
        .to_ascii_lowercase();
    let host = parsed
        .as_ref()
        .and_then(|u| u.host())
        .unwrap_or_default()
        .to_owned();
    (scheme, host)
}

/// `url` with the user name and password of its authority replaced by `***`.
pub(crate) fn hide_userinfo(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((_, host)) => format!("{scheme}***@{host}{}", &rest[authority_end..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_lists_hosts_domains_and_everything() {
        let list = "localhost, .corp.example,*.internal:8443,10.1.2.3,[::1]:80,Acme.Test";
        for host in [
            "localhost",
            "corp.example",
            "a.corp.example",
            "x.internal",
            "10.1.2.3",
            "[::1]",
            "acme.test",
            "sub.acme.test",
        ] {
            assert!(no_proxy_lists(list, host), "{host}");
        }
        for host in [
            "notcorp.example",
            "internal.evil",
            "10.1.2.30",
            "acme.test.evil",
        ] {
            assert!(!no_proxy_lists(list, host), "{host}");
        }
        assert!(no_proxy_lists("*", "anything.example"));
        assert!(!no_proxy_lists("", "anything.example"));
    }

    #[test]
    fn proxy_passwords_are_never_shown() {
        let proxy = Proxy::new("http://user:s3cr3t-pass@proxy.example:3128").expect("proxy");
        for text in [
            format!("{proxy:?}"),
            proxy.to_string(),
            proxy.url().to_owned(),
        ] {
            assert!(
                !text.contains("s3cr3t-pass") && !text.contains("user:"),
                "{text}"
            );
            assert!(text.contains("***@proxy.example:3128"), "{text}");
        }
        assert!(proxy.secrets().contains(&"s3cr3t-pass".to_owned()));
        let refused = Proxy::new("socks5://user:s3cr3t-pass@proxy.example:1080")
            .unwrap_err()
            .to_string();
        assert!(refused.contains("only http:// and https://"), "{refused}");
        assert!(!refused.contains("s3cr3t-pass"), "{refused}");
    }

    #[test]
    fn a_url_without_a_scheme_is_an_http_proxy() {
        let proxy = Proxy::new("proxy.example:3128").expect("proxy");
        assert_eq!(proxy.agent_proxy().protocol(), ureq::ProxyProtocol::Http);
        assert_eq!(proxy.agent_proxy().port(), 3128);
    }
}
