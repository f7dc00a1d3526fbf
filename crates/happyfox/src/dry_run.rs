//! Dry-run mode: a write described instead of sent ([`PreparedRequest`], returned inside
//! [`Error::DryRun`](crate::Error::DryRun)); reads go out as usual.

use serde::Serialize;
use serde_json::Value;

use crate::call::{Body, Call};

/// A write the client would have sent: method, full URL, content type and body. It never
/// holds credentials (no `Authorization` header) nor file contents: only each file's name,
/// content type and size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreparedRequest {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// The content type of the body: `application/json`, `multipart/form-data` (the boundary
    /// is chosen when sending), or `None` for an empty body.
    pub content_type: Option<String>,
    /// The body.
    pub body: PreparedBody,
}

/// The body of a [`PreparedRequest`]. Serialized untagged: `null`, the JSON document, or
/// `{"fields": [...], "files": [...]}` for multipart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PreparedBody {
    /// No body.
    Empty,
    /// A JSON document, as it would be sent.
    Json(Value),
    /// multipart/form-data: the text fields in order, then the files.
    Multipart {
        /// The text fields.
        fields: Vec<PreparedField>,
        /// The files, described (never their contents).
        files: Vec<PreparedFile>,
    },
}

/// One text field of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreparedField {
    /// The form field name, e.g. `subject` or `t-cf-3`.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// One file of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreparedFile {
    /// The form field it goes under, e.g. `attachments`.
    pub field: String,
    /// The file name sent.
    pub filename: String,
    /// The content type sent.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
}

impl PreparedRequest {
    /// The headers it would carry, but `Authorization` (the credentials, never shown) and
    /// `User-Agent` (the client's): `Accept`, and `Content-Type` when it has a body (for
    /// multipart, without the boundary, which is chosen when sending).
    pub fn headers(&self) -> Vec<(String, String)> {
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if let Some(content_type) = &self.content_type {
            headers.push(("Content-Type".to_owned(), content_type.clone()));
        }
        headers
    }

    /// Describes `call`, to be sent to `url`.
    pub(crate) fn new(call: &Call, url: String) -> Self {
        let (content_type, body) = match &call.body {
            Body::Empty => (None, PreparedBody::Empty),
            Body::Json(value) => (
                Some("application/json".to_owned()),
                PreparedBody::Json(value.clone()),
            ),
            Body::Multipart {
                fields,
                file_field,
                files,
            } => (
                Some("multipart/form-data".to_owned()),
                PreparedBody::Multipart {
                    fields: fields
                        .iter()
                        .map(|(name, value)| PreparedField {
                            name: name.clone(),
                            value: value.clone(),
                        })
                        .collect(),
                    files: files
                        .iter()
                        .map(|file| PreparedFile {
                            field: (*file_field).to_owned(),
                            filename: file.filename().to_owned(),
                            content_type: file.content_type().to_owned(),
                            size: file.len(),
                        })
                        .collect(),
                },
            ),
        };
        Self {
            method: call.method.as_str().to_owned(),
            url,
            content_type,
            body,
        }
    }
}
