//! TLS against a loopback server whose certificate a CA made by the test signed: trusted
//! when the CA is given with `ClientBuilder::ca_bundle` (one or several certificates in the
//! file), refused with a clear, unretried error without it, and unusable bundles refused at
//! build time. (The environment variables are tested in `e2e_tls_env.rs`.)

use std::path::Path;

use happyfox::{CaBundle, Client, Error, InputRule};
use happyfox_tests::capture::CaptureServer;
use happyfox_tests::tls::TestCa;

/// A client of `server` trusting the CAs of the PEM file `bundle`.
fn trusting(server: &CaptureServer, bundle: &Path) -> Client {
    Client::builder()
        .base_url(server.url())
        .credentials("key", "code")
        .ca_bundle(bundle)
        .build()
        .expect("client")
}

fn tls_server(ca: &TestCa) -> CaptureServer {
    ca.statuses_server(&["127.0.0.1", "localhost"])
}

#[test]
fn a_ca_given_by_setting_is_trusted() {
    let ca = TestCa::new("happyfox test CA");
    let server = tls_server(&ca);
    let client = trusting(&server, &TestCa::write_file("setting-ca.pem", &ca.pem()));
    let statuses = client.list_statuses().expect("trusted over TLS");
    assert!(!statuses.is_empty());
    assert_eq!(server.take_one().target, "/api/1.1/json/statuses/");
    let shown = format!("{:?}", client.config());
    assert!(shown.contains("setting-ca.pem"), "{shown}");
}

#[test]
fn a_bundle_of_several_certificates_trusts_each() {
    let ca = TestCa::new("happyfox test CA");
    let other = TestCa::new("another CA");
    let server = tls_server(&ca);
    let pem = format!("# a corporate bundle\n{}\n{}", other.pem(), ca.pem());
    let bundle = TestCa::write_file("two-cas.pem", &pem);
    assert_eq!(
        CaBundle::from_pem_file(&bundle)
            .expect("bundle")
            .certificate_count(),
        2
    );
    trusting(&server, &bundle)
        .list_statuses()
        .expect("the second CA signed it");
}

#[test]
fn without_the_ca_the_handshake_is_refused_and_not_retried() {
    let ca = TestCa::new("happyfox test CA");
    let server = tls_server(&ca);
    let other = TestCa::new("not the server's CA");
    let wrong = TestCa::write_file("wrong-ca.pem", &other.pem());
    for builder in [Client::builder(), Client::builder().ca_bundle(&wrong)] {
        let client = builder
            .base_url(server.url())
            .credentials("key", "code")
            .build()
            .expect("client");
        let error = client.list_statuses().unwrap_err();
        assert!(matches!(error, Error::Transport { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("TLS handshake refused"), "{message}");
        assert!(message.contains("HAPPYFOX_CA_BUNDLE"), "{message}");
    }
    assert!(server.take().is_empty(), "no request got through");
}

#[test]
fn unusable_bundles_are_refused_at_build() {
    let no_certificate = TestCa::write_file("no-cert.pem", "just text, no PEM block\n");
    let missing = std::env::temp_dir().join("happyfox-no-such-dir/ca.pem");
    for (path, expected) in [
        (missing.clone(), "could not be read"),
        (no_certificate, "holds no certificate"),
    ] {
        let error = Client::builder()
            .base_url("https://acme.happyfox.com")
            .credentials("key", "code")
            .ca_bundle(&path)
            .build()
            .unwrap_err();
        let Error::InvalidInput(refusal) = error else {
            panic!("expected an input refusal, got {error:?}");
        };
        assert_eq!(refusal.rule, InputRule::Trust);
        assert_eq!(refusal.field.as_deref(), Some("ca_bundle"));
        assert!(refusal.message.contains(expected), "{refusal}");
        assert!(
            refusal.message.contains(&path.display().to_string()),
            "{refusal}"
        );
    }
}
