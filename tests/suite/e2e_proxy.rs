//! Proxies set explicitly with `ClientBuilder::proxy`: https and plain http accounts go
//! through a loopback proxy written in the test (which counts its tunnels), proxy
//! credentials are sent to the proxy and shown nowhere, and a proxy that cannot be used
//! is a clear error. (The environment's proxies are tested in `e2e_proxy_env.rs`.)

use happyfox::{Client, Error, InputRule};
use happyfox_emulator::{Emulator, EmulatorConfig};
use happyfox_tests::proxy::CountingProxy;
use happyfox_tests::tls::TestCa;

const PROXY_PASSWORD: &str = "PROXY-PASS-7c1e";

#[test]
fn an_https_account_is_reached_through_the_proxy() {
    let ca = TestCa::new("proxy test CA");
    let server = ca.statuses_server(&["127.0.0.1"]);
    let proxy = CountingProxy::start(format!("127.0.0.1:{}", server.port()).parse().unwrap());
    let client = Client::builder()
        .base_url(server.url())
        .credentials("key", "code")
        .ca_bundle(TestCa::write_file("proxy-ca.pem", &ca.pem()))
        .proxy(format!(
            "http://proxy-user:{PROXY_PASSWORD}@{}",
            proxy.addr()
        ))
        .build()
        .expect("client");
    client.list_statuses().expect("through the proxy");
    let tunnels = proxy.tunnels();
    assert_eq!(tunnels.len(), 1, "{tunnels:?}");
    assert_eq!(tunnels[0].target, format!("127.0.0.1:{}", server.port()));
    // base64("proxy-user:PROXY-PASS-7c1e")
    assert_eq!(
        tunnels[0].authorization.as_deref(),
        Some("Basic cHJveHktdXNlcjpQUk9YWS1QQVNTLTdjMWU=")
    );
    assert_eq!(server.take_one().target, "/api/1.1/json/statuses/");
    for shown in [
        format!("{client:?}"),
        format!("{:?}", client.config()),
        client.config().proxy.as_ref().expect("a proxy").to_string(),
    ] {
        assert!(!shown.contains(PROXY_PASSWORD), "{shown}");
    }
}

#[test]
fn a_plain_http_account_is_tunnelled_too() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(2)).expect("emulator");
    let proxy = CountingProxy::start(emulator.addr());
    let client = emulator
        .client_builder()
        .proxy(proxy.url())
        .build()
        .expect("client");
    client.list_statuses().expect("through the proxy");
    assert_eq!(proxy.tunnels().len(), 1);
}

#[test]
fn unusable_proxies_are_clear_errors_that_show_no_password() {
    let refused = Client::builder()
        .base_url("https://acme.happyfox.com")
        .credentials("key", "code")
        .proxy(format!("socks5://u:{PROXY_PASSWORD}@127.0.0.1:1080"))
        .build()
        .unwrap_err();
    let Error::InvalidInput(refusal) = &refused else {
        panic!("expected an input refusal, got {refused:?}");
    };
    assert_eq!(refusal.rule, InputRule::Proxy);
    assert_eq!(refusal.field.as_deref(), Some("proxy"));
    assert!(
        refusal.message.contains("only http:// and https://"),
        "{refusal}"
    );

    // A proxy that is down: nothing was sent, and the error says so.
    let down = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let error = Client::builder()
        .base_url("https://acme.happyfox.com")
        .credentials("key", "code")
        .no_retries()
        .proxy(format!("http://u:{PROXY_PASSWORD}@{down}"))
        .build()
        .expect("client")
        .list_statuses()
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    for shown in [&refused, &error] {
        for text in [shown.to_string(), format!("{shown:?}")] {
            assert!(!text.contains(PROXY_PASSWORD), "{text}");
        }
    }
}
