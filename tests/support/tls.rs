//! A certificate authority made by the test (rcgen): its PEM for the client to trust, the
//! rustls configuration of a loopback server whose certificate it signed, and such a server
//! answering as HappyFox does.

use std::path::PathBuf;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::capture::{Canned, CaptureServer};

/// A statuses answer as HappyFox sends it (tests/fixtures/samples).
const STATUSES: &str = include_str!("../fixtures/samples/hfox_kb360_statuses.json");

/// A throwaway certificate authority.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl TestCa {
    /// A new CA named `name` (its key lives in memory only).
    pub fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let key = KeyPair::generate().expect("CA key");
        Self {
            issuer: CertifiedIssuer::self_signed(params, key).expect("CA certificate"),
        }
    }

    /// The CA certificate, PEM.
    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// Writes `pem` to a file of this process's temporary directory named `name`.
    pub fn write_file(name: &str, pem: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("happyfox-{}-{name}", std::process::id()));
        std::fs::write(&path, pem).expect("write PEM");
        path
    }

    /// A loopback TLS server with a certificate for `hosts`, answering every request with
    /// HappyFox's statuses list.
    pub fn statuses_server(&self, hosts: &[&str]) -> CaptureServer {
        CaptureServer::start_tls(Canned::json(STATUSES), self.server_config(hosts))
    }

    /// A server configuration presenting a certificate for `hosts` (names or IP
    /// addresses) signed by this CA.
    pub fn server_config(&self, hosts: &[&str]) -> Arc<rustls::ServerConfig> {
        let names: Vec<String> = hosts.iter().map(|h| (*h).to_owned()).collect();
        let key = KeyPair::generate().expect("server key");
        let certificate = CertificateParams::new(names)
            .expect("server params")
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        let chain = vec![CertificateDer::from(certificate.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server config");
        Arc::new(config)
    }
}
