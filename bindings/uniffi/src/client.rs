//! `HappyFoxClient`: construction (URL, account and region). Every operation of the spec is a
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
