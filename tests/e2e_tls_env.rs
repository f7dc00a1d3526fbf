//! The CA bundle from the environment (its own test binary: it changes the process
//! environment): `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`; a variable naming a bad file
//! is an error naming the variable, never a silent fallback.

use happyfox::{Client, Error, InputRule};
use happyfox_tests::capture::CaptureServer;
use happyfox_tests::tls::TestCa;

fn set(name: &str, value: Option<&std::path::Path>) {
    // SAFETY: this test binary holds one test, so no other thread reads the environment.
    unsafe {
        match value {
            Some(value) => std::env::set_var(name, value),
            None => std::env::remove_var(name),
        }
    }
}

fn client(server: &CaptureServer) -> happyfox::Result<Client> {
    Client::builder()
        .base_url(server.url())
        .credentials("key", "code")
        .build()
}

#[test]
fn the_ca_bundle_variables_are_read_in_order() {
    let ca = TestCa::new("happyfox env CA");
    let server = ca.statuses_server(&["127.0.0.1"]);
    let good = TestCa::write_file("env-ca.pem", &ca.pem());
    let missing = std::env::temp_dir().join("happyfox-missing-env-ca.pem");

    // First (the OS trust store is read once per process, here without the test CA).
    set("HAPPYFOX_CA_BUNDLE", None);
    set("SSL_CERT_FILE", None);
    let error = client(&server)
        .expect("client")
        .list_statuses()
        .unwrap_err();
    assert!(
        error.to_string().contains("TLS handshake refused"),
        "{error}"
    );

    set("SSL_CERT_FILE", Some(&good));
    client(&server)
        .expect("client")
        .list_statuses()
        .expect("SSL_CERT_FILE is trusted");

    set("HAPPYFOX_CA_BUNDLE", Some(&good));
    set("SSL_CERT_FILE", Some(&missing));
    client(&server)
        .expect("HAPPYFOX_CA_BUNDLE comes first: SSL_CERT_FILE is not read")
        .list_statuses()
        .expect("HAPPYFOX_CA_BUNDLE is trusted");

    set("HAPPYFOX_CA_BUNDLE", Some(&missing));
    match client(&server) {
        Err(Error::InvalidInput(refusal)) => {
            assert_eq!(refusal.field.as_deref(), Some("HAPPYFOX_CA_BUNDLE"));
            assert_eq!(refusal.rule, InputRule::Trust);
            assert!(refusal.message.contains("could not be read"), "{refusal}");
        }
        other => panic!("expected a refusal naming the variable, got {other:?}"),
    }

    assert_eq!(server.take().len(), 2, "only the two trusted calls arrived");
}
