//! The server over streamable HTTP (`happyfox mcp --http ADDR`) at `/mcp`: loopback by
//! default; any other address needs a bearer token every request must carry; a browser's
//! `Origin` is refused unless allowed by name; the `Host` is checked on loopback (against
//! DNS rebinding).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use crate::server::{BoxError, Handler, Settings, runtime};

/// The path the server answers at.
pub const PATH: &str = "/mcp";

/// How the server listens over HTTP.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// The address to listen on (`127.0.0.1:8765`; port 0 picks a free one).
    pub addr: SocketAddr,
    /// The bearer token every request must carry (`Authorization: Bearer <token>`); required
    /// off loopback.
    pub token: Option<String>,
    /// The browser origins allowed to call (`https://app.example.com:443`); a request with
    /// any other `Origin` is refused, one without passes.
    pub allowed_origins: Vec<String>,
}

impl HttpSettings {
    /// Loopback at `addr`, no token, no browser origin.
    pub fn new(addr: SocketAddr) -> Self {
        HttpSettings {
            addr,
            token: None,
            allowed_origins: Vec::new(),
        }
    }

    /// Why these settings may not be served, if they may not.
    pub fn refusal(&self) -> Option<String> {
        let missing_token = self.token.as_deref().is_none_or(str::is_empty);
        (!self.addr.ip().is_loopback() && missing_token).then(|| {
            format!(
                "{} is not a loopback address: serving it needs a bearer token (--http-token or HAPPYFOX_MCP_TOKEN)",
                self.addr
            )
        })
    }
}

/// Serves `client` over streamable HTTP until interrupted (Ctrl-C); `listening` is told the
/// bound address once requests are accepted.
pub fn serve_http(
    client: happyfox::Client,
    settings: Settings,
    http: HttpSettings,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), BoxError> {
    if let Some(why) = http.refusal() {
        return Err(why.into());
    }
    runtime()?.block_on(async move {
        let stop = CancellationToken::new();
        let mut config = StreamableHttpServerConfig::default()
            .with_allowed_origins(http.allowed_origins.clone())
            .enforce_origin_validation()
            .with_cancellation_token(stop.clone());
        if !http.addr.ip().is_loopback() {
            // The token guards a public address; its host names are the deployment's own.
            config = config.disable_allowed_hosts();
        }
        let handler = Handler::new(client, settings);
        let service = StreamableHttpService::new(
            move || Ok(handler.clone()),
            Arc::new(LocalSessionManager::default()),
            config,
        );
        let token: Option<Arc<str>> = http.token.as_deref().map(Arc::from);
        let app = axum::Router::new()
            .route_service(PATH, service)
            .layer(axum::middleware::from_fn_with_state(token, bearer));
        let listener = tokio::net::TcpListener::bind(http.addr).await?;
        listening(listener.local_addr()?);
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = tokio::signal::ctrl_c().await;
                stop.cancel();
            })
            .await?;
        Ok(())
    })
}

/// Refuses a request that does not carry the token (when there is one).
async fn bearer(State(token): State<Option<Arc<str>>>, request: Request, next: Next) -> Response {
    if let Some(token) = token {
        let given = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        if !given.is_some_and(|given| same(given.as_bytes(), token.as_bytes())) {
            return (
                StatusCode::UNAUTHORIZED,
                [(WWW_AUTHENTICATE, "Bearer")],
                "this server needs `Authorization: Bearer <token>` (the --http-token it was started with)\n",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
fn same(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_address_needs_a_token() {
        let public = HttpSettings::new("0.0.0.0:8765".parse().unwrap());
        assert!(public.refusal().unwrap().contains("--http-token"));
        let with_token = HttpSettings {
            token: Some("s3cret".into()),
            ..public
        };
        assert_eq!(with_token.refusal(), None);
        assert_eq!(
            HttpSettings::new("127.0.0.1:0".parse().unwrap()).refusal(),
            None
        );
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"ab", b"abc"));
    }
}
