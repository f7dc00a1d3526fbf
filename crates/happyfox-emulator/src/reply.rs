//! Every error answer of the emulator, in HappyFox's shapes: 404 text, the list and map
//! validation shapes, `{"error": "message"}`, and 429 with `Retry-After`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// The body of every 404.
pub const NOT_FOUND_BODY: &str = "Cannot find the requested object";

/// An error answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// 404 "Cannot find the requested object".
    NotFound,
    /// 401: missing or wrong credentials.
    Unauthorized,
    /// 400 `{"error": [{"field", "errors": [..]}]}` (create, bulk items, most writes).
    Fields(FieldErrors),
    /// 400 `{"error": {"t-cf-2": "message"}}` (compulsory fields on completion).
    FieldMap(Vec<(String, String)>),
    /// `{"error": "message"}` with any status (400 "Nothing to update", 403, 409, 413...).
    Message(StatusCode, String),
    /// 429 with `Retry-After: N` and "Throttled, wait N seconds.".
    Throttled(u64),
}

impl ApiError {
    /// 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::Message(StatusCode::BAD_REQUEST, message.into())
    }

    /// 400 in the list shape for one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        ApiError::Fields(errors)
    }

    /// A rejected body (too large, malformed multipart) keeps its status.
    pub fn from_body_error(status: StatusCode, text: String) -> Self {
        ApiError::Message(status, text)
    }

    /// The JSON body of a validation error, as bulk-create items carry it.
    pub fn error_value(&self) -> Value {
        match self {
            ApiError::Fields(errors) => errors.to_value(),
            ApiError::FieldMap(pairs) => Value::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                    .collect(),
            ),
            ApiError::Message(_, message) => Value::from(message.clone()),
            ApiError::NotFound => Value::from(NOT_FOUND_BODY),
            ApiError::Unauthorized => Value::from("Authentication failed"),
            ApiError::Throttled(seconds) => Value::from(throttled_text(*seconds)),
        }
    }
}

/// "Throttled, wait N seconds."
pub fn throttled_text(seconds: u64) -> String {
    format!("Throttled, wait {seconds} seconds.")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::NotFound => (StatusCode::NOT_FOUND, NOT_FOUND_BODY).into_response(),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Basic realm=\"HappyFox API\"")],
                "Authentication failed: check the API key and auth code.",
            )
                .into_response(),
            ApiError::Throttled(seconds) => {
                let mut response =
                    (StatusCode::TOO_MANY_REQUESTS, throttled_text(seconds)).into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                response
            }
            ApiError::Message(status, _) => {
                (status, axum::Json(json!({ "error": self.error_value() }))).into_response()
            }
            ApiError::Fields(_) | ApiError::FieldMap(_) => (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({ "error": self.error_value() })),
            )
                .into_response(),
        }
    }
}

/// Accumulated field errors, in the order found; one entry per field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(Vec<(String, Vec<String>)>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a message for `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        let message = message.into();
        match self.0.iter_mut().find(|(f, _)| f == field) {
            Some((_, messages)) => messages.push(message),
            None => self.0.push((field.to_owned(), vec![message])),
        }
    }

    /// The value of a check, or `None` after recording its error under `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| self.add(field, message)).ok()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when empty, else the 400 answer.
    pub fn into_result(self) -> Result<(), ApiError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Fields(self))
        }
    }

    fn to_value(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(field, errors)| json!({ "field": field, "errors": errors }))
                .collect(),
        )
    }
}

/// "This field is required."
pub const REQUIRED: &str = "This field is required.";
