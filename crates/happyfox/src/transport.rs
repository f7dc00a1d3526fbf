//! The one path every call takes to the network: the per-ticket write lock, pacing, the
//! request, redirects, the size-capped read of the answer, the retry loop, and what a
//! failed write is reported as.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::Client;
use crate::call::{Body, Call, Method};
use crate::config::is_loopback_host;
use crate::dry_run::PreparedRequest;
use crate::error::{Error, InputRule, Result};
use crate::multipart;
use crate::retry::{Failure, Reached};
use crate::serial::ticket_of;
use crate::wire::errors::from_status;

/// Redirects a read follows within its own scheme, host and port.
pub const MAX_REDIRECTS: usize = 5;

/// A 2xx answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body (for a write whose answer could not be read whole, what arrived).
    pub body: Vec<u8>,
    /// For a write: why the body is not the whole answer (cut short, too large). The write
    /// was applied all the same (the status said so).
    pub incomplete: Option<String>,
}

/// An encoded request body: its content type (none for an empty body) and bytes.
struct Encoded {
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Client {
    /// Sends a call, retried as the [`RetryPolicy`](crate::RetryPolicy) allows, and returns
    /// its 2xx answer. Every error that leaves here has the credentials scrubbed from it.
    pub(crate) fn send(&self, call: &Call) -> Result<Answer> {
        self.send_unscrubbed(call)
            .map_err(|error| self.inner.scrubber.error(error))
    }

    fn send_unscrubbed(&self, call: &Call) -> Result<Answer> {
        let inner = &self.inner;
        let policy = inner.config.retry;
        // A deadline too far to express as an instant is no deadline.
        let deadline = policy
            .deadline
            .and_then(|d| Some((Instant::now().checked_add(d)?, d)));
        let deadline_at = deadline.map(|(at, _)| at);
        let url = self.url(call);
        if call.method == Method::Post {
            refuse_insecure_write(&url)?;
            if inner.config.dry_run {
                return Err(Error::DryRun(Box::new(PreparedRequest::new(call, url))));
            }
        }
        let body = self.encode_body(&call.body)?;
        self.log_body(call, "request body", &body.bytes);
        // Only a deadline makes a wait fail.
        let passed = |last: Option<Error>| Error::DeadlineExceeded {
            deadline: deadline.map_or(Duration::ZERO, |(_, d)| d),
            last: last.map(Box::new),
        };
        let _ticket = match (call.method, ticket_of(&call.path)) {
            (Method::Post, Some(ticket)) => Some(
                inner
                    .tickets
                    .hold(ticket, deadline_at)
                    .map_err(|_| passed(None))?,
            ),
            _ => None,
        };
        let mut attempt = 0;
        loop {
            let permit = inner
                .pacer
                .acquire(call.method, &call.path, deadline_at)
                .map_err(|_| passed(None))?;
            let timeout = match deadline_at {
                Some(at) => inner
                    .config
                    .timeout
                    .min(at.saturating_duration_since(Instant::now())),
                None => inner.config.timeout,
            };
            if deadline_at.is_some() && timeout.is_zero() {
                return Err(passed(None));
            }
            let started = Instant::now();
            let outcome = self.attempt(call, &url, &body, timeout);
            drop(permit);
            self.log_attempt(call, attempt, started.elapsed(), &outcome);
            let failure = match outcome {
                Ok(answer) => {
                    self.log_body(call, "answer body", &answer.body);
                    return Ok(answer);
                }
                Err(failure) => failure,
            };
            let described = inner.scrubber.scrub(&failure.error.to_string());
            let Some(wait) = policy.wait_before_retry(call.method, attempt, &failure) else {
                return Err(self.final_error(call, failure, &described));
            };
            if deadline_at.is_some_and(|at| Instant::now().checked_add(wait).is_none_or(|t| t > at))
            {
                log::warn!(
                    target: "happyfox::retry",
                    "{} {}: {described}; not retried: the call's deadline would pass first",
                    call.method.as_str(),
                    call.path
                );
                return Err(passed(Some(failure.error)));
            }
            attempt += 1;
            log::warn!(
                target: "happyfox::retry",
                "{} {}: {described}; retry {attempt} of {} in {}ms",
                call.method.as_str(),
                call.path,
                policy.max_retries,
                wait.as_millis()
            );
            if matches!(failure.error, Error::RateLimited { .. }) {
                inner.pacer.pause(wait);
            }
            std::thread::sleep(wait);
        }
    }

    /// What a failure that is not retried is reported as: a write that may have been
    /// applied is [`Error::OutcomeUnknown`], anything else the error itself.
    fn final_error(&self, call: &Call, failure: Failure, described: &str) -> Error {
        if call.method == Method::Post && failure.write_may_have_applied() {
            log::warn!(
                target: "happyfox::retry",
                "POST {}: {described}; the write may or may not have been applied, not retried",
                call.path
            );
            return Error::OutcomeUnknown {
                path: call.path.clone(),
                cause: Box::new(failure.error),
            };
        }
        failure.error
    }

    /// One attempt: the request, the redirects a read may follow, and the answer.
    fn attempt(
        &self,
        call: &Call,
        url: &str,
        body: &Encoded,
        timeout: Duration,
    ) -> Result<Answer, Failure> {
        let started = Instant::now();
        let mut url = url.to_owned();
        let mut hops = 0;
        loop {
            let left = timeout.saturating_sub(started.elapsed());
            let response = self
                .request(call.method, &url, body, left)
                .map_err(transport_failure)?;
            let status = response.status().as_u16();
            if !(300..400).contains(&status) {
                return self.read_answer(call, status, response);
            }
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(|location| resolve(&url, location));
            let redirect = |hint: Option<String>| {
                Failure::answered(
                    Error::Redirect {
                        status,
                        location: location.clone().unwrap_or_default(),
                        hint,
                    },
                    status,
                )
            };
            let Some(next) = location.as_deref() else {
                return Err(redirect(None));
            };
            let followable = call.method == Method::Get && same_origin(&url, next);
            if !followable {
                return Err(redirect(redirect_hint(&url, next, call.method)));
            }
            if hops == MAX_REDIRECTS {
                return Err(redirect(Some(format!(
                    "more than {MAX_REDIRECTS} redirects in a row"
                ))));
            }
            hops += 1;
            log::debug!(
                target: "happyfox::redirect",
                "GET {}: HTTP {status}, following to {next}",
                call.path
            );
            url = next.to_owned();
        }
    }

    /// Sends one request (no redirect is followed by the agent).
    fn request(
        &self,
        method: Method,
        url: &str,
        body: &Encoded,
        timeout: Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let auth = self.inner.authorization.expose();
        match method {
            Method::Get => self
                .inner
                .agent
                .get(url)
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .config()
                .timeout_global(Some(timeout))
                .build()
                .call(),
            Method::Post => {
                let request = self
                    .inner
                    .agent
                    .post(url)
                    .header("Authorization", auth)
                    .header("Accept", "application/json")
                    .config()
                    .timeout_global(Some(timeout))
                    .build();
                match &body.content_type {
                    Some(content_type) => request
                        .header("Content-Type", content_type)
                        .send(&body.bytes[..]),
                    None => request.send_empty(),
                }
            }
        }
    }

    /// Reads an answer, at most [`Config::max_response_bytes`](crate::Config) of it.
    fn read_answer(
        &self,
        call: &Call,
        status: u16,
        mut response: ureq::http::Response<ureq::Body>,
    ) -> Result<Answer, Failure> {
        let limit = self.inner.config.max_response_bytes;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header("retry-after");
        let announced = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
        let success = (200..300).contains(&status);
        let error_answer = |body: &[u8]| {
            Failure::answered(
                from_status(status, retry_after.as_deref(), &call.path, body),
                status,
            )
        };
        let too_large = |announced| {
            let error = Error::ResponseTooLarge { limit, announced };
            match call.method {
                Method::Get => Err(Failure::answered(error, status)),
                Method::Post => Ok(Answer {
                    status,
                    body: Vec::new(),
                    incomplete: Some(format!(
                        "{error}; HappyFox answered HTTP {status}, so the write was applied"
                    )),
                }),
            }
        };
        if let Some(length) = announced.filter(|length| *length > limit) {
            // Refused from the header: nothing of the body is read.
            return if success {
                too_large(Some(length))
            } else {
                Err(error_answer(
                    format!("(a body of {length} bytes, over the client's limit, was not read)")
                        .as_bytes(),
                ))
            };
        }
        let mut body = Vec::new();
        let read = response
            .body_mut()
            .as_reader()
            .take(limit.saturating_add(1))
            .read_to_end(&mut body);
        if body.len() as u64 > limit {
            return if success {
                too_large(None)
            } else {
                body.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
                Err(error_answer(&body))
            };
        }
        match read {
            Ok(_) if success => Ok(Answer {
                status,
                body,
                incomplete: None,
            }),
            Ok(_) => Err(error_answer(&body)),
            Err(cut) if success => {
                let of = announced.map(|n| format!(" of {n}")).unwrap_or_default();
                let message = format!(
                    "the answer (HTTP {status}) was cut short after {}{of} bytes: {cut}",
                    body.len()
                );
                match call.method {
                    Method::Get => Err(Failure {
                        error: Error::Transport {
                            message,
                            source: Some(Arc::new(cut)),
                        },
                        reached: Reached::Answered,
                        transient: true,
                    }),
                    Method::Post => Ok(Answer {
                        status,
                        body,
                        incomplete: Some(format!(
                            "{message}; HappyFox answered HTTP {status}, so the write was applied"
                        )),
                    }),
                }
            }
            // An error answer cut short is still that error: the status says what happened.
            Err(_) => Err(error_answer(&body)),
        }
    }

    fn url(&self, call: &Call) -> String {
        format!("{}{}", self.inner.config.base_url, call.path_and_query())
    }

    fn encode_body(&self, body: &Body) -> Result<Encoded> {
        Ok(match body {
            Body::Empty => Encoded {
                content_type: None,
                bytes: Vec::new(),
            },
            Body::Json(value) => Encoded {
                content_type: Some("application/json".into()),
                bytes: value.to_string().into_bytes(),
            },
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
                Encoded {
                    content_type: Some(encoded.content_type),
                    bytes: encoded.bytes,
                }
            }
        })
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

/// A failed request: whether it may have reached the server, and whether trying again may
/// help.
fn transport_failure(error: ureq::Error) -> Failure {
    use ureq::Error as E;
    use ureq::Timeout as T;
    let (reached, transient) = match &error {
        // Nothing left this machine: no address, no connection.
        E::HostNotFound | E::ConnectionFailed | E::Timeout(T::Resolve | T::Connect) => {
            (Reached::No, true)
        }
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => (Reached::No, true),
        E::Io(io) if tls_handshake_refused(io) => (Reached::No, false),
        // Refused by the client itself before connecting.
        E::BadUri(_)
        | E::Http(_)
        | E::Tls(_)
        | E::Rustls(_)
        | E::Pem(_)
        | E::RequireHttpsOnly(_)
        | E::InvalidProxyUrl
        | E::ConnectProxyFailed(_)
        | E::TlsRequired => (Reached::No, false),
        // Sent, in part or whole: the server may have it.
        E::Io(_) | E::Timeout(_) | E::Protocol(_) => (Reached::Maybe, true),
        _ => (Reached::Maybe, false),
    };
    let message = match &error {
        E::Io(io) if tls_handshake_refused(io) => format!(
            "TLS handshake refused (the server's certificate is checked against the bundled \
             webpki roots, the OS trust store and the CA bundle if one is given: \
             ClientBuilder::ca_bundle, HAPPYFOX_CA_BUNDLE or SSL_CERT_FILE): {error}"
        ),
        E::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("the connection closed before the answer arrived ({error})")
        }
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            format!("connection refused, nothing was sent ({error})")
        }
        E::HostNotFound => format!("the host name did not resolve, nothing was sent ({error})"),
        E::Timeout(T::Connect) => format!("timed out connecting, nothing was sent ({error})"),
        _ => error.to_string(),
    };
    Failure {
        error: Error::Transport {
            message,
            source: Some(Arc::new(error)),
        },
        reached,
        transient,
    }
}

/// Whether an I/O error is rustls refusing the handshake (a certificate it does not trust,
/// a protocol it does not speak): errors that happen before anything is sent.
fn tls_handshake_refused(error: &std::io::Error) -> bool {
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|tls| {
            matches!(
                tls,
                rustls::Error::InvalidCertificate(_)
                    | rustls::Error::NoCertificatesPresented
                    | rustls::Error::PeerIncompatible(_)
                    | rustls::Error::InappropriateHandshakeMessage { .. }
            )
        })
}

/// `scheme://host[:port]` of a URL, lower-cased, with the default port made explicit.
fn origin(url: &str) -> Option<(String, String, u16)> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let host = uri.host()?.to_ascii_lowercase();
    let port = uri
        .port_u16()
        .unwrap_or(if scheme == "https" { 443 } else { 80 });
    Some((scheme, host, port))
}

fn same_origin(a: &str, b: &str) -> bool {
    origin(a).is_some_and(|a| origin(b) == Some(a))
}

/// A `Location` resolved against the URL it answered: absolute, scheme-relative (`//host`),
/// absolute-path (`/x`) or relative to the request's directory.
fn resolve(base: &str, location: &str) -> String {
    let location = location.trim();
    if location.contains("://") {
        return location.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(authority_and_path) = location.strip_prefix("//") {
        return format!("{scheme}://{authority_and_path}");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let path = rest[authority.len()..]
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let directory = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    format!("{scheme}://{authority}{directory}/{location}")
}

/// What to change after a redirect the client did not follow, when it can tell.
fn redirect_hint(from: &str, to: &str, method: Method) -> Option<String> {
    let (from_scheme, from_host, _) = origin(from)?;
    let (to_scheme, to_host, to_port) = origin(to)?;
    let root = |scheme: &str, host: &str| {
        let default = if scheme == "https" { 443 } else { 80 };
        if to_port == default {
            format!("{scheme}://{host}")
        } else {
            format!("{scheme}://{host}:{to_port}")
        }
    };
    if from_host == to_host && from_scheme == "http" && to_scheme == "https" {
        return Some(format!(
            "the account answers on https: use {} as the base URL",
            root(&to_scheme, &to_host)
        ));
    }
    if from_host != to_host {
        return Some(format!(
            "the account now answers on {to_host} (HappyFox sends accounts with a custom domain \
             there): use .custom_domain(\"{to_host}\") or the base URL {}",
            root(&to_scheme, &to_host)
        ));
    }
    (method == Method::Post).then(|| {
        "a write is never re-sent to another address: send it there yourself once you have \
         checked the address"
            .to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_request() {
        let base = "https://acme.happyfox.com/api/1.1/json/tickets/?page=2";
        assert_eq!(resolve(base, "https://x.example/y"), "https://x.example/y");
        assert_eq!(resolve(base, "//x.example/y"), "https://x.example/y");
        assert_eq!(
            resolve(base, "/api/1.1/json/tickets"),
            "https://acme.happyfox.com/api/1.1/json/tickets"
        );
        assert_eq!(
            resolve(base, "other/"),
            "https://acme.happyfox.com/api/1.1/json/tickets/other/"
        );
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert!(same_origin(
            "https://acme.happyfox.com/a",
            "https://ACME.happyfox.com:443/b"
        ));
        assert!(!same_origin(
            "http://acme.happyfox.com/a",
            "https://acme.happyfox.com/a"
        ));
        assert!(!same_origin(
            "https://acme.happyfox.com/a",
            "https://evil.example/a"
        ));
        assert!(!same_origin(
            "http://127.0.0.1:80/a",
            "http://127.0.0.1:81/a"
        ));
    }

    #[test]
    fn hints_name_https_and_custom_domains() {
        let https = redirect_hint(
            "http://acme.happyfox.com/api/1.1/json/tickets/",
            "https://acme.happyfox.com/api/1.1/json/tickets/",
            Method::Get,
        );
        assert_eq!(
            https.as_deref(),
            Some("the account answers on https: use https://acme.happyfox.com as the base URL")
        );
        let domain = redirect_hint(
            "https://acme.happyfox.com/api/1.1/json/tickets/",
            "https://support.acme.com/api/1.1/json/tickets/",
            Method::Post,
        )
        .expect("a hint");
        assert!(
            domain.contains(".custom_domain(\"support.acme.com\")"),
            "{domain}"
        );
    }

    #[test]
    fn what_never_left_is_told_apart_from_what_may_have() {
        use std::io::{Error as Io, ErrorKind};
        let never = [
            ureq::Error::HostNotFound,
            ureq::Error::Timeout(ureq::Timeout::Connect),
            ureq::Error::Timeout(ureq::Timeout::Resolve),
            ureq::Error::Io(Io::from(ErrorKind::ConnectionRefused)),
            ureq::Error::ConnectionFailed,
        ];
        for error in never {
            let failure = transport_failure(error);
            assert_eq!((failure.reached, failure.transient), (Reached::No, true));
        }
        let maybe = [
            ureq::Error::Timeout(ureq::Timeout::Global),
            ureq::Error::Timeout(ureq::Timeout::RecvResponse),
            ureq::Error::Timeout(ureq::Timeout::SendBody),
            ureq::Error::Io(Io::from(ErrorKind::ConnectionReset)),
            ureq::Error::Io(Io::from(ErrorKind::UnexpectedEof)),
        ];
        for error in maybe {
            let failure = transport_failure(error);
            assert_eq!((failure.reached, failure.transient), (Reached::Maybe, true));
            assert!(failure.write_may_have_applied());
        }
        let certificate = Io::new(
            ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        let failure = transport_failure(ureq::Error::Io(certificate));
        assert_eq!((failure.reached, failure.transient), (Reached::No, false));
        assert!(
            failure.error.to_string().contains("TLS handshake refused"),
            "{}",
            failure.error
        );
    }
}
