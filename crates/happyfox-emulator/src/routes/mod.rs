//! The URL map: every documented path (with its trailing `/`, except
//! `/ticket-inline-attachment`) under `/api/1.1/json`, attachment downloads, 404
//! "Cannot find the requested object" for anything else, and 405 with a message naming the
//! method to use.

mod attachments;
mod listing;
mod lookups;
mod tickets;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, Uri};
use axum::routing::{get, post};

use crate::app::App;
use crate::attachments::ATTACHMENTS_PREFIX;
use crate::reply::ApiError;
use crate::writes::{self, StaffWriteKind};

/// Where the API lives.
pub const API_PREFIX: &str = "/api/1.1/json";
/// The router of one emulator.
pub fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route(
            "/tickets/",
            get(listing::list_tickets).post(tickets::create),
        )
        .route("/ticket/{id}/", get(tickets::detail))
        .route(
            "/ticket-inline-attachment",
            post(attachments::upload_inline),
        )
        .route(
            "/ticket/{id}/staff_update/",
            post(tickets::ticket_write(|state, call| {
                writes::staff_write(state, call, StaffWriteKind::Update)
            })),
        )
        .route(
            "/ticket/{id}/staff_pvtnote/",
            post(tickets::ticket_write(|state, call| {
                writes::staff_write(state, call, StaffWriteKind::PrivateNote)
            })),
        )
        .route(
            "/ticket/{id}/user_reply/",
            post(tickets::ticket_write(writes::contact_reply)),
        )
        .route(
            "/ticket/{id}/update_custom_fields/",
            post(tickets::ticket_write(writes::update_custom_fields)),
        )
        .route(
            "/ticket/{id}/update_tags/",
            post(tickets::ticket_write(writes::update_tags)),
        )
        .route(
            "/ticket/{id}/subscribe/",
            post(tickets::action(writes::subscribe)),
        )
        .route(
            "/ticket/{id}/unsubscribe/",
            post(tickets::action(writes::unsubscribe)),
        )
        .route(
            "/ticket/{id}/forward/",
            post(tickets::action(writes::forward)),
        )
        .route(
            "/ticket/{id}/move/",
            post(tickets::action(writes::move_ticket)),
        )
        .route(
            "/ticket/{id}/delete/",
            post(tickets::action(writes::delete)),
        )
        .route("/categories/", get(lookups::categories))
        .route("/statuses/", get(lookups::statuses))
        .route("/priorities/", get(lookups::priorities))
        .route("/staff/", get(lookups::staff))
        .route("/ticket_custom_fields/", get(lookups::ticket_custom_fields))
        .route("/user_custom_fields/", get(lookups::contact_custom_fields))
        .route("/users/", get(lookups::contacts))
        .route("/user/{key}/", get(lookups::contact))
        .route("/contact_groups/", get(lookups::contact_groups))
        .route("/contact_group/{id}/", get(lookups::contact_group))
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest(API_PREFIX, api)
        .route(
            &format!("{ATTACHMENTS_PREFIX}{{id}}/{{token}}/{{filename}}"),
            get(attachments::download),
        )
        .fallback(|| async { ApiError::NotFound })
        .layer(DefaultBodyLimit::max(app.limits.max_body_bytes))
        .with_state(app)
}

/// 405 with a message: reads are GET, writes POST (`/tickets/` takes both).
async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    let takes = match method {
        Method::GET => "this endpoint is a write: use POST",
        Method::POST => "this endpoint is a read: use GET",
        _ => "HappyFox's API takes GET for reads and POST for writes",
    };
    ApiError::Message(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method {method} is not allowed on {}: {takes}.", uri.path()),
    )
}

/// A ticket number from the path, or 404.
fn ticket_number(text: &str) -> Result<u64, ApiError> {
    text.parse().map_err(|_| ApiError::NotFound)
}
