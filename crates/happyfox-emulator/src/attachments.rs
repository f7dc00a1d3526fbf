//! Stored files: saving uploads, expiring signed download URLs
//! (`/attachments/<id>/<expires>-<signature>/<filename>`, no auth needed, 410 Gone once
//! expired, 403 when tampered with), and the inline-image upload endpoint.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use axum::extract::{Path, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::json;

use crate::app::App;
use crate::payload::{Body, Upload};
use crate::reply::{ApiError, FieldErrors, REQUIRED};
use crate::routes::ATTACHMENTS_PREFIX;
use crate::state::{AttachmentRecord, NextIds, State};

/// Total upload size allowed per request (25 MB).
pub const MAX_UPLOAD_BYTES: usize = 25 * 1024 * 1024;

/// Characters escaped in the file-name segment of a URL.
const FILENAME: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'-').remove(b'_');

/// The download URL of `file`, valid until `expires`.
pub fn signed_url(
    base: &str,
    file: &AttachmentRecord,
    expires: DateTime<Utc>,
    secret: u64,
) -> String {
    let expires = expires.timestamp();
    format!(
        "{base}{ATTACHMENTS_PREFIX}{}/{expires}-{:016x}/{}",
        file.id,
        signature(secret, file.id, expires),
        utf8_percent_encode(&file.filename, FILENAME)
    )
}

fn signature(secret: u64, id: u64, expires: i64) -> u64 {
    let mut hasher = DefaultHasher::new();
    (secret, id, expires).hash(&mut hasher);
    hasher.finish()
}

/// Checks the upload size limit of a write (field `attachments`).
pub fn check_size(files: &[Upload], errors: &mut FieldErrors) {
    if files.iter().map(|f| f.bytes.len()).sum::<usize>() > MAX_UPLOAD_BYTES {
        errors.add(
            "attachments",
            "The total size of all the files combined should not exceed 25 MB.",
        );
    }
}

/// Stores the files uploaded under `attachments`; their ids, in order.
pub fn store(state: &mut State, files: &[Upload]) -> Vec<u64> {
    files
        .iter()
        .filter(|f| f.field == "attachments")
        .map(|f| store_one(state, f))
        .collect()
}

fn store_one(state: &mut State, file: &Upload) -> u64 {
    let id = NextIds::take(&mut state.next_ids.attachment);
    state.attachments.insert(
        id,
        AttachmentRecord {
            id,
            filename: file.filename.clone(),
            content_type: file.content_type.clone(),
            bytes: file.bytes.to_vec(),
        },
    );
    id
}

/// `GET /attachments/<id>/<token>/<filename>`: the file, if the token is valid and current.
pub async fn download(
    Shared(app): Shared<Arc<App>>,
    Path((id, token, _filename)): Path<(u64, String, String)>,
) -> Response {
    let Some((expires, sig)) = token.split_once('-') else {
        return forbidden();
    };
    let (Ok(expires), Ok(sig)) = (expires.parse::<i64>(), u64::from_str_radix(sig, 16)) else {
        return forbidden();
    };
    if signature(app.secret, id, expires) != sig {
        return forbidden();
    }
    if app.clock.now().timestamp() > expires {
        return (
            StatusCode::GONE,
            "This attachment link has expired; fetch the ticket again for a fresh one.",
        )
            .into_response();
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

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "Invalid attachment link.").into_response()
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
    let id = store.apply(None, |state| store_one(state, file));
    let expires =
        app.clock.now() + TimeDelta::from_std(app.attachment_ttl).unwrap_or(TimeDelta::minutes(5));
    let url = store
        .state()
        .attachments
        .get(&id)
        .map(|record| signed_url(&app.base_url, record, expires, app.secret))
        .unwrap_or_default();
    Ok(axum::Json(json!({ "url": url })).into_response())
}
