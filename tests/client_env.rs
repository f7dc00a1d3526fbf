//! `Client::from_env` (its own test binary: it changes the process environment).

use happyfox::{Client, Error, InputRule};
use happyfox_tests::capture::{Canned, CaptureServer};

#[test]
fn from_env_reads_url_key_and_code_and_names_what_is_missing() {
    let server = CaptureServer::start(Canned::json("[]"));
    // SAFETY: this test binary holds this one test, so no other thread reads the environment.
    unsafe {
        std::env::remove_var("HAPPYFOX_URL");
        std::env::set_var("HAPPYFOX_API_KEY", "env-key");
        std::env::set_var("HAPPYFOX_AUTH_CODE", "env-code");
    }
    match Client::from_env() {
        Err(Error::InvalidInput(refusal)) => {
            assert!(refusal.message.contains("HAPPYFOX_URL"), "{refusal}");
            assert_eq!(refusal.field.as_deref(), Some("HAPPYFOX_URL"));
            assert_eq!(refusal.rule, InputRule::Environment);
        }
        other => panic!("expected a missing-variable error, got {other:?}"),
    }
    // SAFETY: as above.
    unsafe { std::env::set_var("HAPPYFOX_URL", server.url()) };
    let client = Client::from_env().expect("client");
    client.list_staff().expect("staff");
    // base64("env-key:env-code")
    assert_eq!(
        server.take_one().header("authorization"),
        Some("Basic ZW52LWtleTplbnYtY29kZQ==")
    );
}
