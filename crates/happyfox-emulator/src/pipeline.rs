//! What happens to every request before and after routing: attachment downloads go straight
//! through; API requests are authenticated, counted against rate limits, meet injected
//! faults, wait the configured latency (a staff update while marked in flight), are routed,
//! and may have their body cut short.
//!
//! Dropped connections: the hyper service returns an error, on which hyper closes the
//! connection without writing a response. Truncated bodies: the response keeps its full
//! `Content-Length` but its body yields half the bytes and then an error, so hyper closes
//! the connection mid-body.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, HttpBody};
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body::Frame;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::app::App;
use crate::auth::is_authorized;
use crate::faults::Fault;
use crate::reply::ApiError;
use crate::routes::{API_PREFIX, ATTACHMENTS_PREFIX};

/// The error a request fails with when its connection is to be dropped.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
pub struct Dropped;

/// Handles one request, or fails with [`Dropped`].
pub async fn handle<B>(
    app: Arc<App>,
    router: Router,
    request: Request<B>,
) -> Result<Response, Dropped>
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    let request = request.map(Body::new);
    let path = request.uri().path().to_owned();
    if path.starts_with(ATTACHMENTS_PREFIX) || !path.starts_with(API_PREFIX) {
        return Ok(route(router, request).await);
    }
    if !is_authorized(request.headers(), &app.api_key, &app.auth_code) {
        return Ok(ApiError::Unauthorized.into_response());
    }
    let is_post = request.method() == Method::POST;
    if let Some(wait) = app.faults.throttle(is_post, app.clock.now()) {
        return Ok(ApiError::Throttled(wait).into_response());
    }
    let fault = app.faults.roll();
    match fault {
        Fault::Drop => return Err(Dropped),
        Fault::ServerError(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return Ok((status, "Internal Server Error (injected)").into_response());
        }
        Fault::None | Fault::Truncate => {}
    }
    let _in_flight = match staff_update_target(&path).filter(|_| is_post) {
        Some(ticket) => match app.begin_staff_update(ticket) {
            Some(guard) => Some(guard),
            None => {
                return Ok(ApiError::Message(
                    StatusCode::CONFLICT,
                    format!("Another staff update of ticket {ticket} is in progress; retry it after that one completes."),
                )
                .into_response());
            }
        },
        None => None,
    };
    let latency = app.faults.config().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let response = route(router, request).await;
    Ok(if fault == Fault::Truncate {
        truncate(response).await
    } else {
        response
    })
}

async fn route(router: Router, request: Request<Body>) -> Response {
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The ticket number of a `/ticket/<n>/staff_update/` path.
fn staff_update_target(path: &str) -> Option<u64> {
    path.strip_prefix(API_PREFIX)?
        .strip_prefix("/ticket/")?
        .strip_suffix("/staff_update/")?
        .parse()
        .ok()
}

/// The response with its full `Content-Length` but only half of its body.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    Response::from_parts(parts, Body::new(HalfBody { data: Some(half) }))
}

/// A body that yields its bytes, then fails.
struct HalfBody {
    data: Option<Bytes>,
}

impl HttpBody for HalfBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(match self.data.take() {
            Some(data) => Ok(Frame::data(data)),
            None => Err(std::io::Error::other("body truncated by fault injection")),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_staff_update_targets() {
        assert_eq!(
            staff_update_target("/api/1.1/json/ticket/12/staff_update/"),
            Some(12)
        );
        assert_eq!(
            staff_update_target("/api/1.1/json/ticket/12/staff_pvtnote/"),
            None
        );
    }
}
