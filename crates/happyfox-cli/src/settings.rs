//! Where the URL and credentials come from, and in which order: the URL from `--url`, else
//! `HAPPYFOX_URL`, else the config file; the API key and auth code from `HAPPYFOX_API_KEY` /
//! `HAPPYFOX_AUTH_CODE`, else the config file (never from flags: shell history keeps them).
//!
//! The network settings: the CA bundle from `HAPPYFOX_CA_BUNDLE`, else the config file's
//! `ca_bundle`, else `SSL_CERT_FILE`; the proxy from the environment (`HTTPS_PROXY` for an
//! https account, `HTTP_PROXY` for http, then `ALL_PROXY`), else the config file's `proxy`.
//!
//! The request settings (`--timeout`, `--max-retries`, `--pacing`, their variables and
//! keys) are read by [`crate::tuning`].
//!
//! The config file is TOML (`url`, `api_key`, `auth_code`, optional `ca_bundle`, `proxy`,
//! `timeout`, `max_retries` and `pacing`) at `$HAPPYFOX_CONFIG`, else
//! `$XDG_CONFIG_HOME/happyfox/config.toml`, else `~/.config/happyfox/config.toml`.

use std::path::{Path, PathBuf};

use happyfox::Secret;
use serde::{Deserialize, Serialize};

use crate::cli::GlobalArgs;
use crate::failure::Failure;
use crate::tuning::Tuning;

/// The config file's contents.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The account URL.
    pub url: Option<String>,
    /// The API key.
    pub api_key: Option<String>,
    /// The auth code.
    pub auth_code: Option<String>,
    /// A PEM file of extra trusted certificate authorities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_bundle: Option<PathBuf>,
    /// The proxy URL (may hold a password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<String>,
    /// Seconds a request may take (a number, or a string of one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<toml::Value>,
    /// Retries of a failed request (0: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<toml::Value>,
    /// Requests a minute, `"GET,POST"` (e.g. `"100,60"`), or `"off"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pacing: Option<toml::Value>,
}

/// Where a setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A flag (`--url`, `--timeout`...).
    Flag,
    /// An environment variable.
    Env,
    /// The config file.
    File,
}

/// A setting and where it came from.
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Its source.
    pub source: Source,
}

/// The settings of this run, before they are checked for completeness.
pub struct Settings {
    /// The config file's path (whether or not it exists), when one can be named.
    pub path: Option<PathBuf>,
    /// Whether the config file exists.
    pub file_found: bool,
    /// The account URL.
    pub url: Option<Sourced<String>>,
    /// The API key.
    pub api_key: Option<Sourced<Secret>>,
    /// The auth code.
    pub auth_code: Option<Sourced<Secret>>,
    /// The CA bundle's path.
    pub ca_bundle: Option<Sourced<PathBuf>>,
    /// The proxy URL (may hold a password: show it through [`happyfox::Proxy::url`]).
    pub proxy: Option<Sourced<String>>,
    /// The timeout, retries and pacing.
    pub tuning: Tuning,
    /// Warnings to show (a config file others can read).
    pub warnings: Vec<String>,
}

/// An environment variable, when set to something other than blanks.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The config file's path (see the module docs); `None` when there is no home to put it in.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = env("HAPPYFOX_CONFIG") {
        return Some(PathBuf::from(path));
    }
    let base = env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(base.join("happyfox").join("config.toml"))
}

/// Reads the config file at `path`; a missing file is an empty config.
pub fn read_file(path: &Path) -> Result<Option<FileConfig>, Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(Failure::config(format!(
                "cannot read the config file {}: {error}",
                path.display()
            )));
        }
    };
    // toml's messages quote the offending line, which may hold a secret: name the place only.
    toml::from_str(&text).map(Some).map_err(|error| {
        let place = error
            .span()
            .map(|span| format!(" at byte {}", span.start))
            .unwrap_or_default();
        Failure::config(format!(
            "the config file {} is not valid{place}: expected `url`, `api_key`, `auth_code` and optionally `ca_bundle`, `proxy`, `timeout`, `max_retries` and `pacing`",
            path.display()
        ))
    })
}

impl Settings {
    /// The settings of this run: `global`'s flags, the environment, the file.
    pub fn load(global: &GlobalArgs) -> Result<Self, Failure> {
        let flag_url = global.url.as_deref();
        let path = config_path();
        let file = match &path {
            Some(path) => read_file(path)?,
            None => None,
        };
        let mut warnings = Vec::new();
        if let (Some(path), Some(_)) = (&path, &file)
            && let Some(warning) = permission_warning(path)
        {
            warnings.push(warning);
        }
        let file_found = file.is_some();
        let file = file.unwrap_or_default();
        let tuning = Tuning::load(global, path.as_deref().map(|path| (path, &file)))?;
        let pick = |var: &str, from_file: Option<String>| {
            env(var)
                .map(|value| Sourced {
                    value,
                    source: Source::Env,
                })
                .or(from_file.map(|value| Sourced {
                    value,
                    source: Source::File,
                }))
        };
        let secret = |sourced: Sourced<String>| Sourced {
            value: Secret::new(sourced.value),
            source: sourced.source,
        };
        let url = match flag_url {
            Some(url) => Some(Sourced {
                value: url.to_owned(),
                source: Source::Flag,
            }),
            None => pick("HAPPYFOX_URL", file.url),
        };
        let from_env = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| env(name))
                .map(|value| Sourced {
                    value,
                    source: Source::Env,
                })
        };
        let in_file = |value: Option<String>| {
            value.map(|value| Sourced {
                value,
                source: Source::File,
            })
        };
        let ca_bundle = from_env(&[happyfox::CA_BUNDLE_ENV])
            .or(in_file(file.ca_bundle.map(|p| p.display().to_string())))
            .or(from_env(&[happyfox::SSL_CERT_FILE_ENV]))
            .map(|s| Sourced {
                value: PathBuf::from(s.value),
                source: s.source,
            });
        let plain_http = url.as_ref().is_some_and(|u| u.value.starts_with("http://"));
        let proxy_vars = if plain_http {
            happyfox::HTTP_PROXY_ENV
        } else {
            happyfox::HTTPS_PROXY_ENV
        };
        let proxy = from_env(&proxy_vars).or(in_file(file.proxy));
        Ok(Self {
            path,
            file_found,
            url,
            api_key: pick("HAPPYFOX_API_KEY", file.api_key).map(secret),
            auth_code: pick("HAPPYFOX_AUTH_CODE", file.auth_code).map(secret),
            ca_bundle,
            proxy,
            tuning,
            warnings,
        })
    }

    /// `builder` with the config file's CA bundle and proxy (the environment's are read by
    /// the client itself, and come first), and the timeout, retries and pacing.
    pub fn network(&self, builder: happyfox::ClientBuilder) -> happyfox::ClientBuilder {
        let mut builder = self.tuning.apply(builder);
        if let Some(path) = self.ca_bundle.as_ref().filter(|s| s.source == Source::File) {
            builder = builder.ca_bundle(&path.value);
        }
        if let Some(url) = self.proxy.as_ref().filter(|s| s.source == Source::File) {
            builder = builder.proxy(&url.value);
        }
        builder
    }

    /// The URL and credentials, or a config error naming what is missing and where to set it.
    pub fn require(&self) -> Result<(&str, &Secret, &Secret), Failure> {
        let missing = |what: &str, var: &str| {
            Failure::config(format!(
                "no {what}: set {var}{}, or run `happyfox config init`",
                if what == "URL" { " or pass --url" } else { "" }
            ))
        };
        let url = self
            .url
            .as_ref()
            .ok_or_else(|| missing("URL", "HAPPYFOX_URL"))?;
        let key = self
            .api_key
            .as_ref()
            .ok_or_else(|| missing("API key", "HAPPYFOX_API_KEY"))?;
        let code = self
            .auth_code
            .as_ref()
            .ok_or_else(|| missing("auth code", "HAPPYFOX_AUTH_CODE"))?;
        Ok((&url.value, &key.value, &code.value))
    }
}

/// A warning when the config file can be read by others than its owner.
#[cfg(unix)]
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "the config file {} holds credentials but is readable by others (mode {:o}): run `chmod 600` on it",
            path.display(),
            mode & 0o777
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_path: &Path) -> Option<String> {
    None
}
