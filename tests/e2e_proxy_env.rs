//! Proxies from the environment (its own test binary: it changes the process
//! environment): `HTTPS_PROXY`/`https_proxy`/`ALL_PROXY` for an https account, `NO_PROXY`
//! honoured (for an explicit proxy too), loopback accounts never sent to an environment
//! proxy, `no_proxy()` above all, and a bad proxy variable named in the error.
//!
//! The account `happyfox.test` is reached only through the loopback proxy (which tunnels
//! every CONNECT to the test's TLS server): the client never resolves that name.

use happyfox::{Client, Error, InputRule};
use happyfox_tests::proxy::CountingProxy;
use happyfox_tests::tls::TestCa;

const VARIABLES: [&str; 8] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Sets exactly these proxy variables, clearing the others.
fn only(vars: &[(&str, &str)]) {
    // SAFETY: this test binary holds one test, so no other thread reads the environment.
    unsafe {
        for name in VARIABLES {
            std::env::remove_var(name);
        }
        for (name, value) in vars {
            std::env::set_var(name, value);
        }
    }
}

#[test]
fn proxies_come_from_the_environment() {
    let ca = TestCa::new("proxy env CA");
    let server = ca.statuses_server(&["happyfox.test", "127.0.0.1"]);
    let proxy = CountingProxy::start(format!("127.0.0.1:{}", server.port()).parse().unwrap());
    let bundle = TestCa::write_file("proxy-env-ca.pem", &ca.pem());
    let remote = format!("https://happyfox.test:{}", server.port());
    let builder = |url: &str| {
        Client::builder()
            .base_url(url)
            .credentials("key", "code")
            .ca_bundle(&bundle)
    };
    let tunnels = || proxy.tunnels().len();

    for name in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        only(&[(name, &proxy.url()), ("NO_PROXY", "other.example")]);
        let before = tunnels();
        builder(&remote)
            .build()
            .expect("client")
            .list_statuses()
            .unwrap_or_else(|e| panic!("through the proxy of {name}: {e}"));
        assert_eq!(tunnels(), before + 1, "{name}");
        assert_eq!(
            proxy.tunnels().last().expect("a tunnel").target,
            format!("happyfox.test:{}", server.port())
        );
    }

    // An http proxy variable is not used for an https account.
    only(&[("HTTP_PROXY", &proxy.url())]);
    assert!(
        builder(&remote)
            .build()
            .expect("client")
            .config()
            .proxy
            .is_none()
    );

    // NO_PROXY names the account (checked without a request: the name does not resolve).
    for list in ["happyfox.test", ".test", "*.test", "*", "HAPPYFOX.TEST:443"] {
        only(&[("HTTPS_PROXY", &proxy.url()), ("no_proxy", list)]);
        let client = builder(&remote).build().expect("client");
        assert!(client.config().proxy.is_none(), "NO_PROXY={list}");
    }

    // A loopback account never goes through a proxy of the environment...
    only(&[("HTTPS_PROXY", &proxy.url())]);
    let before = tunnels();
    builder(&server.url())
        .build()
        .expect("client")
        .list_statuses()
        .expect("straight to loopback");
    assert_eq!(tunnels(), before);

    // ...but through an explicit one, unless NO_PROXY names it; no_proxy() wins over all.
    only(&[("NO_PROXY", "other.example")]);
    builder(&server.url())
        .proxy(proxy.url())
        .build()
        .expect("client")
        .list_statuses()
        .expect("through the explicit proxy");
    assert_eq!(tunnels(), before + 1);
    only(&[("NO_PROXY", "localhost,127.0.0.1")]);
    builder(&server.url())
        .proxy(proxy.url())
        .build()
        .expect("client")
        .list_statuses()
        .expect("NO_PROXY sends it straight");
    assert_eq!(tunnels(), before + 1);
    only(&[("HTTPS_PROXY", &proxy.url())]);
    let off = builder(&remote).no_proxy().build().expect("client");
    assert!(off.config().proxy.is_none());

    // A proxy variable that cannot be used is named, its password hidden.
    only(&[("HTTPS_PROXY", "socks5://u:ENV-PROXY-PASS@127.0.0.1:1080")]);
    match builder(&remote).build() {
        Err(Error::InvalidInput(refusal)) => {
            assert_eq!(refusal.field.as_deref(), Some("HTTPS_PROXY"));
            assert_eq!(refusal.rule, InputRule::Proxy);
            assert!(!refusal.message.contains("ENV-PROXY-PASS"), "{refusal}");
        }
        other => panic!("expected a refusal naming HTTPS_PROXY, got {other:?}"),
    }
    only(&[]);
}
