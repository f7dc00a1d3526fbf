//! Which certificate authorities the client trusts: the bundled Mozilla (webpki) roots, the
//! operating system's trust store, and an optional CA bundle (a PEM file).

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use ureq::tls::{Certificate, PemItem, RootCerts};

use crate::error::{Error, InputRule, Result};

/// The environment variable naming a CA bundle; read first.
pub const CA_BUNDLE_ENV: &str = "HAPPYFOX_CA_BUNDLE";
/// The conventional (OpenSSL's) variable naming a CA bundle; read when
/// [`CA_BUNDLE_ENV`] is not set.
pub const SSL_CERT_FILE_ENV: &str = "SSL_CERT_FILE";

/// Certificate authorities trusted on top of the bundled roots and the OS trust store,
/// e.g. a corporate proxy's CA that re-signs TLS. Read from a PEM file holding one or
/// more `-----BEGIN CERTIFICATE-----` blocks; anything else in the file (a private key, a
/// comment) is ignored and never shown.
#[derive(Clone)]
pub struct CaBundle {
    path: Option<PathBuf>,
    certificates: Arc<Vec<Certificate<'static>>>,
}

impl fmt::Debug for CaBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaBundle")
            .field("path", &self.path)
            .field("certificates", &self.certificates.len())
            .finish()
    }
}

impl CaBundle {
    /// Reads a PEM file. Fails with [`Error::InvalidInput`] ([`InputRule::Trust`]) when
    /// the file cannot be read, holds no certificate, or holds one that is not a valid
    /// X.509 certificate.
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self> {
        Self::read(path.as_ref(), "ca_bundle")
    }

    /// Certificates from PEM text (the same checks as [`CaBundle::from_pem_file`]).
    pub fn from_pem(pem: &[u8]) -> Result<Self> {
        let certificates = parse(pem, "the CA bundle", "ca_bundle")?;
        Ok(Self {
            path: None,
            certificates: Arc::new(certificates),
        })
    }

    /// The bundle named by `HAPPYFOX_CA_BUNDLE`, else by `SSL_CERT_FILE`; `None` when
    /// neither is set (or both are blank). A variable naming a bad file is an error that
    /// names the variable, never a silent fallback.
    pub fn from_env() -> Result<Option<Self>> {
        for name in [CA_BUNDLE_ENV, SSL_CERT_FILE_ENV] {
            if let Some(path) = std::env::var_os(name).filter(|v| !v.is_empty()) {
                return Self::read(Path::new(&path), name).map(Some);
            }
        }
        Ok(None)
    }

    /// The file it was read from (`None` for [`CaBundle::from_pem`]).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// How many certificates it holds (at least one).
    pub fn certificate_count(&self) -> usize {
        self.certificates.len()
    }

    fn read(path: &Path, field: &str) -> Result<Self> {
        let shown = format!("CA bundle {}", path.display());
        let pem = std::fs::read(path)
            .map_err(|error| refusal(field, format!("{shown} could not be read: {error}")))?;
        Ok(Self {
            path: Some(path.to_owned()),
            certificates: Arc::new(parse(&pem, &shown, field)?),
        })
    }
}

/// The certificates of a PEM text, each checked to be a usable trust anchor.
fn parse(pem: &[u8], shown: &str, field: &str) -> Result<Vec<Certificate<'static>>> {
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(pem) {
        match item {
            Ok(PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(error) => return Err(refusal(field, format!("{shown} is not valid PEM: {error}"))),
        }
    }
    if certificates.is_empty() {
        return Err(refusal(
            field,
            format!(
                "{shown} holds no certificate (expected PEM `-----BEGIN CERTIFICATE-----` blocks)"
            ),
        ));
    }
    let mut store = RootCertStore::empty();
    for (index, certificate) in certificates.iter().enumerate() {
        store
            .add(CertificateDer::from(certificate.der()))
            .map_err(|error| {
                refusal(
                    field,
                    format!(
                        "{shown}: certificate {} of {} is not a usable CA certificate: {error}",
                        index + 1,
                        certificates.len()
                    ),
                )
            })?;
    }
    Ok(certificates)
}

fn refusal(field: &str, message: String) -> Error {
    Error::invalid(Some(field), InputRule::Trust, message)
}

/// The roots an agent trusts: the bundled webpki roots, the OS trust store, and `bundle`.
pub(crate) fn root_certs(bundle: Option<&CaBundle>) -> RootCerts {
    let base = base_roots();
    match bundle {
        None => RootCerts::Specific(Arc::clone(base)),
        Some(bundle) => {
            let mut all = Vec::with_capacity(base.len() + bundle.certificates.len());
            all.extend(base.iter().cloned());
            all.extend(bundle.certificates.iter().cloned());
            RootCerts::Specific(Arc::new(all))
        }
    }
}

/// The webpki roots and the OS trust store, without duplicates, read once per process.
fn base_roots() -> &'static Arc<Vec<Certificate<'static>>> {
    static ROOTS: OnceLock<Arc<Vec<Certificate<'static>>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut seen = HashSet::new();
        let mut roots = Vec::new();
        let bundled = webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .map(|der| Certificate::from_der(der.as_ref()));
        for certificate in bundled.chain(os_roots()) {
            if seen.insert(certificate.der().to_vec()) {
                roots.push(certificate);
            }
        }
        Arc::new(roots)
    })
}

/// The operating system's trust store (on Linux and BSDs the OpenSSL locations, which
/// `SSL_CERT_FILE` and `SSL_CERT_DIR` replace). A store that cannot be read is logged at
/// debug level and leaves the bundled roots.
fn os_roots() -> Vec<Certificate<'static>> {
    let loaded = rustls_native_certs::load_native_certs();
    for error in &loaded.errors {
        log::debug!(target: "happyfox::trust", "reading the OS trust store: {error}");
    }
    log::debug!(
        target: "happyfox::trust",
        "{} certificates from the OS trust store",
        loaded.certs.len()
    );
    loaded
        .certs
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_a_certificate_is_refused() {
        for pem in [
            &b""[..],
            b"hello",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        ] {
            let error = CaBundle::from_pem(pem).unwrap_err();
            let refusal = error.invalid_input().expect("an input refusal");
            assert_eq!(refusal.rule, InputRule::Trust);
            assert!(refusal.message.contains("no certificate"), "{refusal}");
        }
    }

    #[test]
    fn a_certificate_that_does_not_parse_is_refused() {
        let pem = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let error = CaBundle::from_pem(pem).unwrap_err().to_string();
        assert!(error.contains("certificate 1 of 1"), "{error}");
    }

    #[test]
    fn a_missing_file_names_the_path() {
        let error = CaBundle::from_pem_file("/nonexistent/ca.pem").unwrap_err();
        let refusal = error.invalid_input().expect("an input refusal");
        assert_eq!(refusal.field.as_deref(), Some("ca_bundle"));
        assert!(refusal.message.contains("/nonexistent/ca.pem"), "{refusal}");
    }

    #[test]
    fn the_bundled_roots_are_always_trusted() {
        let RootCerts::Specific(roots) = root_certs(None) else {
            panic!("specific roots expected");
        };
        assert!(roots.len() >= webpki_root_certs::TLS_SERVER_ROOT_CERTS.len());
    }
}
