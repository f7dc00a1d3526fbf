//! `HappyFoxClient`: construction (URL, account and region, network options). Every operation of the spec is a
//! method generated into `generated/endpoints.rs`; bulk create is in `bulk.rs`.

use std::sync::Arc;

use crate::errors::Result;

/// Where a hosted account lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Region {
    /// `<account>.happyfox.com`
    Us,
    /// `<account>.happyfox.net`
    Eu,
}

/// How a client reaches HappyFox on a network with its own rules. Every field is optional.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ClientOptions {
    /// A PEM file of certificate authorities trusted on top of the bundled roots and the OS
    /// trust store (default: `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`).
    #[uniffi(default = None)]
    pub ca_bundle: Option<String>,
    /// An `http://` or `https://` proxy URL (default: `HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY`, with `NO_PROXY`; never for an account on this machine).
    #[uniffi(default = None)]
    pub proxy: Option<String>,
}

/// A HappyFox client. Cheap to share between threads: every method may be called from
/// several threads at once; calls block until HappyFox answers.
#[derive(uniffi::Object)]
pub struct HappyFoxClient {
    pub(crate) inner: happyfox::Client,
}

#[uniffi::export]
impl HappyFoxClient {
    /// A client for `url` (e.g. `https://acme.happyfox.com`; the API root is added).
    #[uniffi::constructor]
    pub fn new(url: String, api_key: String, auth_code: String) -> Result<Arc<Self>> {
        let inner = happyfox::Client::new(&url, api_key, auth_code)?;
        Ok(Arc::new(Self { inner }))
    }

    /// A client for `url` with network options (CA bundle, proxy). An unusable CA bundle
    /// or proxy URL is an `InvalidInput` error (rule `Trust` or `Proxy`).
    #[uniffi::constructor]
    pub fn with_options(
        url: String,
        api_key: String,
        auth_code: String,
        options: ClientOptions,
    ) -> Result<Arc<Self>> {
        let mut builder = happyfox::Client::builder()
            .base_url(url)
            .credentials(api_key, auth_code);
        if let Some(path) = options.ca_bundle {
            builder = builder.ca_bundle(path);
        }
        if let Some(proxy) = options.proxy {
            builder = builder.proxy(proxy);
        }
        Ok(Arc::new(Self {
            inner: builder.build()?,
        }))
    }

    /// A client for the hosted account `account` in `region`.
    #[uniffi::constructor]
    pub fn for_account(
        account: String,
        region: Region,
        api_key: String,
        auth_code: String,
    ) -> Result<Arc<Self>> {
        let region = match region {
            Region::Us => happyfox::Region::Us,
            Region::Eu => happyfox::Region::Eu,
        };
        let inner = happyfox::Client::builder()
            .account(&account, region)?
            .credentials(api_key, auth_code)
            .build()?;
        Ok(Arc::new(Self { inner }))
    }

    /// The API root every call goes to.
    pub fn url(&self) -> String {
        self.inner.config().base_url.clone()
    }
}
