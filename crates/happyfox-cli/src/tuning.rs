//! How the client sends requests: the timeout of each request, how many times a failed one
//! is retried, and the pacing (requests a minute) for a key whose limits differ from
//! HappyFox's 500 GET / 300 POST. Each from its flag (`--timeout`, `--max-retries`,
//! `--pacing`), else the environment (`HAPPYFOX_TIMEOUT`, `HAPPYFOX_MAX_RETRIES`,
//! `HAPPYFOX_PACING`), else the config file (`timeout`, `max_retries`, `pacing`), else the
//! core's default. With `--emulator` the config file is not read (it describes an account).
//!
//! A bad value is refused with a message naming the flag, the variable or the file's key.

use std::path::Path;
use std::time::Duration;

use happyfox::{ClientBuilder, Pacing, RetryPolicy};
use serde_json::{Value, json};

use crate::cli::GlobalArgs;
use crate::failure::Failure;
use crate::settings::{FileConfig, Source, Sourced};

/// The environment variable of the timeout.
pub const TIMEOUT_ENV: &str = "HAPPYFOX_TIMEOUT";
/// The environment variable of the retry count.
pub const MAX_RETRIES_ENV: &str = "HAPPYFOX_MAX_RETRIES";
/// The environment variable of the pacing.
pub const PACING_ENV: &str = "HAPPYFOX_PACING";

/// The longest timeout taken: a day.
const MAX_TIMEOUT_SECONDS: f64 = 86_400.0;

/// A pacing setting: limits, or `off` (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacingChoice(pub Option<Pacing>);

impl std::fmt::Display for PacingChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(pacing) = self.0 else {
            return f.write_str("off");
        };
        write!(f, "{},{}", pacing.get_per_window, pacing.post_per_window)?;
        if pacing.window != Duration::from_secs(60) {
            write!(f, "/{}", pacing.window.as_secs_f64())?;
        }
        Ok(())
    }
}

/// A number of seconds, positive, decimals allowed, at most a day.
fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite())
        .ok_or("expected a number of seconds, e.g. 30 or 2.5")?;
    if seconds <= 0.0 {
        return Err("expected a positive number of seconds, e.g. 30 or 2.5".to_owned());
    }
    if seconds > MAX_TIMEOUT_SECONDS {
        return Err(format!("at most {MAX_TIMEOUT_SECONDS} seconds (a day)"));
    }
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| "expected a positive number of seconds, e.g. 30 or 2.5".to_owned())
}

/// `--timeout`: seconds a request may take, answer included (positive, decimals allowed).
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    parse_seconds(text)
}

/// `--max-retries`: a whole number, 0 or more (0 turns retries off).
pub fn parse_max_retries(text: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| "expected a whole number of retries, 0 or more (0 turns retries off)".into())
}

/// `--pacing`: `GET,POST` requests a minute (each at least 1), optionally `/SECONDS` for
/// another window than a minute, or `off`.
pub fn parse_pacing(text: &str) -> Result<PacingChoice, String> {
    const EXPECTED: &str = "expected GET,POST requests a minute (e.g. 100,60), optionally /SECONDS for another window (e.g. 10,5/10), or `off`";
    let text = text.trim();
    if text.eq_ignore_ascii_case("off") {
        return Ok(PacingChoice(None));
    }
    let (counts, window) = match text.split_once('/') {
        Some((counts, window)) => (counts, Some(window)),
        None => (text, None),
    };
    let (get, post) = counts.split_once(',').ok_or(EXPECTED)?;
    let count = |s: &str| match s.trim().parse::<u32>() {
        Ok(0) => {
            Err("GET and POST must each be at least 1 request (`off` turns pacing off)".to_owned())
        }
        Ok(n) => Ok(n),
        Err(_) => Err(EXPECTED.to_owned()),
    };
    let mut pacing = Pacing::per_minute(count(get)?, count(post)?);
    if let Some(window) = window {
        let window =
            parse_seconds(window).map_err(|reason| format!("the window after `/`: {reason}"))?;
        pacing = pacing.window(window);
    }
    Ok(PacingChoice(Some(pacing)))
}

/// The request settings of a run, each with its source (`None`: the core's default).
pub struct Tuning {
    /// Time allowed for one request.
    pub timeout: Option<Sourced<Duration>>,
    /// Retries of a failed request.
    pub max_retries: Option<Sourced<u32>>,
    /// Requests per window, or off.
    pub pacing: Option<Sourced<PacingChoice>>,
}

/// An environment variable, when set to something other than blanks.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Tuning {
    /// The settings of `global`'s flags, else the environment, else `file` (the config
    /// file's path and contents, when it is read).
    pub fn load(global: &GlobalArgs, file: Option<(&Path, &FileConfig)>) -> Result<Self, Failure> {
        Ok(Self {
            timeout: pick(
                global.timeout,
                TIMEOUT_ENV,
                file.map(|(path, f)| (path, "timeout", f.timeout.as_ref())),
                parse_timeout,
            )?,
            max_retries: pick(
                global.max_retries,
                MAX_RETRIES_ENV,
                file.map(|(path, f)| (path, "max_retries", f.max_retries.as_ref())),
                parse_max_retries,
            )?,
            pacing: pick(
                global.pacing,
                PACING_ENV,
                file.map(|(path, f)| (path, "pacing", f.pacing.as_ref())),
                parse_pacing,
            )?,
        })
    }

    /// `builder` with these settings (the core's defaults where none is set).
    pub fn apply(&self, mut builder: ClientBuilder) -> ClientBuilder {
        if let Some(timeout) = &self.timeout {
            builder = builder.timeout(timeout.value);
        }
        if let Some(retries) = &self.max_retries {
            builder = builder.retry(RetryPolicy::standard().max_retries(retries.value));
        }
        match self.pacing.as_ref().map(|p| p.value.0) {
            None => builder,
            Some(Some(pacing)) => builder.pacing(pacing),
            Some(None) => builder.no_pacing(),
        }
    }

    /// The settings in force as `config show` prints them: `{"value", "source"}` each, the
    /// core's defaults with source `default`.
    pub fn show(&self) -> [(&'static str, Value); 3] {
        let shown = |value: Value, source: Option<Source>| {
            let source = source.map_or(json!("default"), |s| json!(s));
            json!({"value": value, "source": source})
        };
        [
            (
                "timeout",
                shown(
                    json!(
                        self.timeout
                            .as_ref()
                            .map_or(happyfox::DEFAULT_TIMEOUT, |t| t.value)
                            .as_secs_f64()
                    ),
                    self.timeout.as_ref().map(|t| t.source),
                ),
            ),
            (
                "max_retries",
                shown(
                    json!(
                        self.max_retries
                            .as_ref()
                            .map_or(happyfox::DEFAULT_MAX_RETRIES, |r| r.value)
                    ),
                    self.max_retries.as_ref().map(|r| r.source),
                ),
            ),
            (
                "pacing",
                shown(
                    json!(
                        self.pacing
                            .as_ref()
                            .map_or(PacingChoice(Some(Pacing::happyfox())), |p| p.value)
                            .to_string()
                    ),
                    self.pacing.as_ref().map(|p| p.source),
                ),
            ),
        ]
    }
}

/// One setting: the flag's value, else the environment variable `var`'s, else the config
/// file's key (path, key, value), each read by `parse`.
fn pick<T>(
    flag: Option<T>,
    var: &str,
    file: Option<(&Path, &str, Option<&toml::Value>)>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<Sourced<T>>, Failure> {
    if let Some(value) = flag {
        return Ok(Some(Sourced {
            value,
            source: Source::Flag,
        }));
    }
    if let Some(text) = env(var) {
        let value = parse(&text).map_err(|reason| {
            Failure::config(format!("invalid value {text:?} for {var}: {reason}"))
        })?;
        return Ok(Some(Sourced {
            value,
            source: Source::Env,
        }));
    }
    let Some((path, key, Some(value))) = file else {
        return Ok(None);
    };
    let bad = |reason: &str| {
        Failure::config(format!(
            "the config file {}: invalid value {value} for `{key}`: {reason}",
            path.display()
        ))
    };
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => x.to_string(),
        _ => return Err(bad("expected a string or a number")),
    };
    let value = parse(&text).map_err(|reason| bad(&reason))?;
    Ok(Some(Sourced {
        value,
        source: Source::File,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_positive_seconds() {
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout(" 2.5 "), Ok(Duration::from_millis(2500)));
        for bad in ["0", "-1", "abc", "", "inf", "NaN", "1e-12", "100000"] {
            assert!(parse_timeout(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn retries_are_whole_numbers() {
        assert_eq!(parse_max_retries("0"), Ok(0));
        assert_eq!(parse_max_retries("7"), Ok(7));
        for bad in ["-1", "1.5", "many", ""] {
            assert!(parse_max_retries(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn pacing_is_get_post_a_minute_or_off() {
        assert_eq!(
            parse_pacing("100,60"),
            Ok(PacingChoice(Some(Pacing::per_minute(100, 60))))
        );
        assert_eq!(
            parse_pacing(" 100 , 60 "),
            Ok(PacingChoice(Some(Pacing::per_minute(100, 60))))
        );
        assert_eq!(parse_pacing("OFF"), Ok(PacingChoice(None)));
        assert_eq!(
            parse_pacing("10,5/2.5"),
            Ok(PacingChoice(Some(
                Pacing::per_minute(10, 5).window(Duration::from_millis(2500))
            )))
        );
        for bad in [
            "100", "0,60", "100,0", "-1,5", "a,b", "100,60,5", "", "10,5/0", "10,5/x", "on",
        ] {
            assert!(parse_pacing(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn pacing_is_shown_in_its_own_syntax() {
        for text in ["100,60", "off", "10,5/2.5", "500,300"] {
            assert_eq!(parse_pacing(text).expect(text).to_string(), text);
        }
    }
}
