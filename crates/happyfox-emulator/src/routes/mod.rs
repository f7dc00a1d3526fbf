//! The URL map: every documented path (with its trailing `/`, except
//! `/ticket-inline-attachment`) under `/api/1.1/json`, attachment downloads, and 404
//! "Cannot find the requested object" for anything else.

mod listing;
mod lookups;
mod tickets;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::app::App;
use crate::attachments;
use crate::reply::ApiError;

/// Where the API lives.
pub const API_PREFIX: &str = "/api/1.1/json";
/// Where attachment downloads live.
pub const ATTACHMENTS_PREFIX: &str = "/attachments/";
/// Largest request body: a little over the 25 MB upload limit, so an oversized upload gets
/// the documented validation error rather than a cut connection.
pub const BODY_LIMIT: usize = 30 * 1024 * 1024;

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
        .route("/ticket/{id}/staff_update/", post(tickets::staff_update))
        .route("/ticket/{id}/staff_pvtnote/", post(tickets::staff_pvtnote))
        .route("/ticket/{id}/user_reply/", post(tickets::user_reply))
        .route(
            "/ticket/{id}/update_custom_fields/",
            post(tickets::update_custom_fields),
        )
        .route("/ticket/{id}/update_tags/", post(tickets::update_tags))
        .route("/ticket/{id}/subscribe/", post(tickets::subscribe))
        .route("/ticket/{id}/unsubscribe/", post(tickets::unsubscribe))
        .route("/ticket/{id}/forward/", post(tickets::forward))
        .route("/ticket/{id}/move/", post(tickets::move_ticket))
        .route("/ticket/{id}/delete/", post(tickets::delete))
        .route("/categories/", get(lookups::categories))
        .route("/statuses/", get(lookups::statuses))
        .route("/priorities/", get(lookups::priorities))
        .route("/staff/", get(lookups::staff))
        .route("/ticket_custom_fields/", get(lookups::ticket_custom_fields))
        .route("/user_custom_fields/", get(lookups::contact_custom_fields))
        .route("/users/", get(lookups::contacts))
        .route("/user/{key}/", get(lookups::contact))
        .route("/contact_groups/", get(lookups::contact_groups))
        .route("/contact_group/{id}/", get(lookups::contact_group));
    Router::new()
        .nest(API_PREFIX, api)
        .route(
            &format!("{ATTACHMENTS_PREFIX}{{id}}/{{token}}/{{filename}}"),
            get(attachments::download),
        )
        .fallback(|| async { ApiError::NotFound })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app)
}

/// A ticket number from the path, or 404.
fn ticket_number(text: &str) -> Result<u64, ApiError> {
    text.parse().map_err(|_| ApiError::NotFound)
}
