//! What a write would have sent in dry-run mode, carried by the `DryRun` error case: method,
//! URL, headers without credentials, and the body (JSON text, or multipart fields and the
//! files' names and sizes, never their contents).

use crate::errors::count;

/// A write the client did not send (dry-run mode): what it would have sent.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PreparedRequest {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// The headers, but `Authorization` (never shown) and `User-Agent`.
    pub headers: Vec<Header>,
    /// The content type of the body: `application/json`, `multipart/form-data`, or null
    /// for no body.
    pub content_type: Option<String>,
    /// The body.
    pub body: PreparedBody,
}

/// One header of a [`PreparedRequest`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Header {
    /// Its name, e.g. `Content-Type`.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The body of a [`PreparedRequest`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PreparedBody {
    /// No body.
    Empty,
    /// A JSON document, as it would be sent (JSON text).
    Json {
        /// The document.
        json: String,
    },
    /// multipart/form-data: the text fields in order, then the files.
    Multipart {
        /// The text fields.
        fields: Vec<PreparedField>,
        /// The files, described (never their contents).
        files: Vec<PreparedFile>,
    },
}

/// One text field of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PreparedField {
    /// The form field name, e.g. `subject` or `t-cf-3`.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// One file of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PreparedFile {
    /// The form field it goes under, e.g. `attachments`.
    pub field: String,
    /// The file name sent.
    pub filename: String,
    /// The content type sent.
    pub content_type: String,
    /// Its size in bytes.
    pub size: i64,
}

impl From<&happyfox::PreparedRequest> for PreparedRequest {
    fn from(request: &happyfox::PreparedRequest) -> Self {
        use happyfox::PreparedBody as Core;
        let body = match &request.body {
            Core::Empty => PreparedBody::Empty,
            Core::Json(value) => PreparedBody::Json {
                json: value.to_string(),
            },
            Core::Multipart { fields, files } => PreparedBody::Multipart {
                fields: fields
                    .iter()
                    .map(|field| PreparedField {
                        name: field.name.clone(),
                        value: field.value.clone(),
                    })
                    .collect(),
                files: files
                    .iter()
                    .map(|file| PreparedFile {
                        field: file.field.clone(),
                        filename: file.filename.clone(),
                        content_type: file.content_type.clone(),
                        size: count(file.size),
                    })
                    .collect(),
            },
        };
        Self {
            method: request.method.clone(),
            url: request.url.clone(),
            headers: request
                .headers()
                .into_iter()
                .map(|(name, value)| Header { name, value })
                .collect(),
            content_type: request.content_type.clone(),
            body,
        }
    }
}
