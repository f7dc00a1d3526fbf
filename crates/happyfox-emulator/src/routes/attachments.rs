//! The attachment endpoints: downloads by signed link (no auth needed, 410 Gone once
//! expired, 403 when tampered with) and the inline-image upload.

use std::sync::Arc;

use axum::extract::{Path, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::App;
use crate::attachments::{self, BadLink, MAX_UPLOAD_BYTES};
use crate::payload::Body;
use crate::reply::{ApiError, REQUIRED};

/// `GET /attachments/<id>/<token>/<filename>`: the file, if the token is valid and current.
pub async fn download(
    Shared(app): Shared<Arc<App>>,
    Path((id, token, _filename)): Path<(u64, String, String)>,
) -> Response {
    match app.links.check(id, &token, app.clock.now()) {
        Err(BadLink::Invalid) => {
            return (StatusCode::FORBIDDEN, "Invalid attachment link.").into_response();
        }
        Err(BadLink::Expired) => {
            return (
                StatusCode::GONE,
                "This attachment link has expired; fetch the ticket again for a fresh one.",
            )
                .into_response();
        }
        Ok(()) => {}
    }
    let store = app.read();
    match store.state().attachments.get(&id) {
        Some(file) => (
            [(header::CONTENT_TYPE, file.content_type.clone())],
            file.bytes.clone(),
        )
            .into_response(),
        None => ApiError::NotFound.into_response(),
    }
}

/// `POST /ticket-inline-attachment`: stores one image (field `file`) and answers its
/// temporary URL.
pub async fn upload_inline(
    Shared(app): Shared<Arc<App>>,
    body: Body,
) -> Result<Response, ApiError> {
    let fields = body.into_fields()?;
    let Some(file) = fields.files.iter().find(|f| f.field == "file") else {
        return Err(ApiError::field("file", REQUIRED));
    };
    if file.bytes.len() > MAX_UPLOAD_BYTES {
        return Err(ApiError::field("file", "The file should not exceed 25 MB."));
    }
    if !file.content_type.starts_with("image/") {
        return Err(ApiError::field("file", "Upload a valid image."));
    }
    let mut store = app.write();
    let id = store.apply(None, |state| attachments::store_one(state, file));
    let url = store
        .state()
        .attachments
        .get(&id)
        .map(|record| app.links.url(record, app.clock.now()))
        .unwrap_or_default();
    Ok(axum::Json(json!({ "url": url })).into_response())
}
