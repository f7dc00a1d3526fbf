//! What happens to every request before and after routing: attachment downloads go straight
//! through; API requests are authenticated, counted, meet planned faults, rate limits and
//! random faults, have their body read (refused over the size limit from `Content-Length`,
//! bounded in time), wait the configured latency (a staff update while marked in flight),
//! are routed in their own task (so a client that hangs up never cancels a write half-way),
//! and may then have their answer dropped, cut short, delayed or replaced.
//!
//! Dropped connections: the hyper service returns an error, on which hyper closes the
//! connection without writing a response. Truncated bodies: the response keeps its full
//! `Content-Length` but its body yields half the bytes and then an error, so hyper closes
//! the connection mid-body.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, HttpBody};
use axum::http::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body::Frame;
use http_body_util::{BodyExt, Limited};
use serde_json::json;
use tower::ServiceExt;

use crate::app::App;
use crate::attachments::ATTACHMENTS_PREFIX;
use crate::auth::is_authorized;
use crate::faults::Fault;
use crate::plan::FaultKind;
use crate::reply::ApiError;
use crate::routes::API_PREFIX;
use crate::stats::Event;

/// The error a request fails with when its connection is to be dropped.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
pub struct Dropped;

/// The body of an injected non-JSON answer: what a proxy's maintenance page looks like.
pub const NOT_JSON_BODY: &str = "<html><head><title>Maintenance</title></head><body><h1>Down for maintenance</h1></body></html>";

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
    let Some(api_path) = path
        .strip_prefix(API_PREFIX)
        .filter(|_| !path.starts_with(ATTACHMENTS_PREFIX))
        .map(str::to_owned)
    else {
        return Ok(route(router, request).await);
    };
    if !is_authorized(request.headers(), &app.api_key, &app.auth_code) {
        return Ok(ApiError::Unauthorized.into_response());
    }
    let is_post = request.method() == Method::POST;
    let key = format!("{} {api_path}", request.method());
    app.stats.count(&key, Event::Received);
    let planned = app.faults.take_planned(is_post, &api_path);
    if let Some(kind) = planned {
        app.stats.count(&key, Event::Faulted);
        match kind {
            FaultKind::DropBeforeApplying => return Err(Dropped),
            FaultKind::Status(status) => return Ok(injected_status(status, false)),
            FaultKind::RateLimited {
                retry_after,
                body_wait,
            } => return Ok(injected_rate_limit(retry_after, body_wait)),
            // These act on the answer, after the request was handled (below).
            FaultKind::DropAfterApplying
            | FaultKind::StatusAfterApplying(_)
            | FaultKind::Truncate
            | FaultKind::NotJson
            | FaultKind::SlowAnswer(_)
            | FaultKind::AnnounceLength(_) => {}
        }
    } else if let Some(wait) = app.faults.throttle(is_post, app.clock.now()) {
        app.stats.count(&key, Event::Throttled);
        return Ok(ApiError::Throttled(wait).into_response());
    }
    let random = match planned {
        Some(_) => Fault::None,
        None => app.faults.roll(),
    };
    if random != Fault::None {
        app.stats.count(&key, Event::Faulted);
    }
    match random {
        Fault::Drop => return Err(Dropped),
        Fault::ServerError(status) => return Ok(injected_status(status, false)),
        Fault::None | Fault::Truncate => {}
    }
    let request = match read_body(&app, request).await {
        Ok(request) => request,
        Err(refusal) => return Ok(*refusal),
    };
    let task = tokio::spawn(process(
        Arc::clone(&app),
        router,
        request,
        api_path,
        is_post,
    ));
    let response = match task.await {
        Ok(response) => response,
        Err(_) => ApiError::Message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The emulator failed while handling this request (a bug in the emulator).".into(),
        )
        .into_response(),
    };
    if response.status().is_success() {
        app.stats.count(&key, Event::Applied);
    }
    if random == Fault::Truncate {
        return Ok(truncate(response).await);
    }
    let Some(kind) = planned else {
        return Ok(response);
    };
    Ok(match kind {
        FaultKind::DropAfterApplying => return Err(Dropped),
        FaultKind::StatusAfterApplying(status) => injected_status(status, true),
        FaultKind::Truncate => truncate(response).await,
        FaultKind::NotJson => (
            StatusCode::OK,
            [(CONTENT_TYPE, "text/html; charset=utf-8")],
            NOT_JSON_BODY,
        )
            .into_response(),
        FaultKind::SlowAnswer(delay) => {
            tokio::time::sleep(delay).await;
            response
        }
        FaultKind::AnnounceLength(length) => announce_length(response, length).await,
        // These answered before the request was handled (above), so never get here.
        FaultKind::DropBeforeApplying | FaultKind::Status(_) | FaultKind::RateLimited { .. } => {
            response
        }
    })
}

/// The handling proper, in its own task: the staff-update collision check, latency, the
/// route.
async fn process(
    app: Arc<App>,
    router: Router,
    request: Request<Body>,
    api_path: String,
    is_post: bool,
) -> Response {
    let _handling = app.stats.enter();
    let _in_flight = match staff_update_target(&api_path).filter(|_| is_post) {
        Some(ticket) => match app.begin_staff_update(ticket) {
            Some(guard) => Some(guard),
            None => {
                return ApiError::Message(
                    StatusCode::CONFLICT,
                    format!("Another staff update of ticket {ticket} is in progress; retry it after that one completes."),
                )
                .into_response();
            }
        },
        None => None,
    };
    let latency = app.faults.config().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    route(router, request).await
}

/// Reads the whole body, at most [`crate::ServerLimits::max_body_bytes`] of it (a larger
/// `Content-Length` is refused before reading) within `body_read_timeout`; else the
/// answer to give (413, 408, 400), which closes the connection.
async fn read_body(app: &App, request: Request<Body>) -> Result<Request<Body>, Box<Response>> {
    let limits = app.limits;
    let (parts, body) = request.into_parts();
    let announced = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let too_large = |size: String| {
        Err(Box::new(closing(ApiError::Message(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "The request body is {size}; the emulator reads at most {} bytes (HappyFox takes at most 25 MB of attachments per request).",
                limits.max_body_bytes
            ),
        ))))
    };
    if let Some(length) = announced.filter(|n| *n > limits.max_body_bytes as u64) {
        return too_large(format!("{length} bytes (Content-Length)"));
    }
    let read = Limited::new(body, limits.max_body_bytes).collect();
    match tokio::time::timeout(limits.body_read_timeout, read).await {
        Err(_) => Err(Box::new(closing(ApiError::Message(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "The request body did not arrive within {} ms{}.",
                limits.body_read_timeout.as_millis(),
                announced
                    .map(|n| format!(" ({n} bytes announced in Content-Length)"))
                    .unwrap_or_default()
            ),
        )))),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            too_large("over the limit".into())
        }
        Ok(Err(error)) => Err(Box::new(closing(ApiError::bad_request(format!(
            "The request body could not be read: {error}."
        ))))),
        Ok(Ok(collected)) => Ok(Request::from_parts(parts, Body::from(collected.to_bytes()))),
    }
}

/// An error answer after which the connection is closed (the rest of the body is not read).
fn closing(error: ApiError) -> Response {
    let mut response = error.into_response();
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// An injected error status, with a JSON body saying so.
fn injected_status(status: u16, applied: bool) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = if applied {
        "Injected error, after the request was applied."
    } else {
        "Injected error: the request was not handled."
    };
    (status, axum::Json(json!({ "error": message }))).into_response()
}

/// An injected 429 with either or both wait forms.
fn injected_rate_limit(retry_after: Option<u64>, body_wait: Option<u64>) -> Response {
    let body = match body_wait {
        Some(seconds) => crate::reply::throttled_text(seconds),
        None => "Throttled.".to_owned(),
    };
    let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

async fn route(router: Router, request: Request<Body>) -> Response {
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The ticket number of a `/ticket/<n>/staff_update/` path (below the API root).
fn staff_update_target(path: &str) -> Option<u64> {
    path.strip_prefix("/ticket/")?
        .strip_suffix("/staff_update/")?
        .parse()
        .ok()
}

/// The response with its full `Content-Length` but only half of its body.
async fn truncate(response: Response) -> Response {
    cut(response, |bytes| {
        (bytes.len() as u64, bytes.slice(..bytes.len() / 2))
    })
    .await
}

/// The response announcing `length` bytes, then closing after its real body.
async fn announce_length(response: Response, length: u64) -> Response {
    cut(response, |bytes| (length, bytes)).await
}

/// The response's body read whole, then sent as `shape` says: the `Content-Length` it
/// announces and the bytes it sends before closing.
async fn cut(response: Response, shape: impl FnOnce(Bytes) -> (u64, Bytes)) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let (announced, sent) = shape(bytes);
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(announced));
    Response::from_parts(parts, Body::new(CutBody::new(sent)))
}

/// A body that yields its bytes, waits a moment (so hyper flushes them and the head: a
/// body that failed at once would make hyper close before anything was written), then
/// fails, so hyper closes the connection mid-body.
struct CutBody {
    data: Option<Bytes>,
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl CutBody {
    fn new(data: Bytes) -> Self {
        Self {
            data: Some(data),
            pause: Some(Box::pin(tokio::time::sleep(
                std::time::Duration::from_millis(20),
            ))),
        }
    }
}

impl HttpBody for CutBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Some(data) = self.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        if let Some(pause) = self.pause.as_mut() {
            std::task::ready!(pause.as_mut().poll(cx));
            self.pause = None;
        }
        Poll::Ready(Some(Err(std::io::Error::other(
            "body cut short by fault injection",
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_staff_update_targets() {
        assert_eq!(staff_update_target("/ticket/12/staff_update/"), Some(12));
        assert_eq!(staff_update_target("/ticket/12/staff_pvtnote/"), None);
    }
}
