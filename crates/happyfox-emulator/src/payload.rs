//! Request bodies of writes, JSON, multipart/form-data or a urlencoded form (what a plain
//! form post sends), read into one shape: a map of fields (form repeats become lists; every
//! form value is a string) plus files.
//! Accessors accept both the typed JSON and the all-strings multipart spelling.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use crate::reply::{ApiError, FieldErrors};

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The multipart field it came in (`attachments`, `file`).
    pub field: String,
    /// File name as sent.
    pub filename: String,
    /// MIME type as sent (`application/octet-stream` when absent).
    pub content_type: String,
    /// The bytes.
    pub bytes: Bytes,
}

/// A write's body: one object (with files, when multipart) or a list (bulk create).
#[derive(Debug)]
pub enum Body {
    /// A JSON object or a multipart form.
    Object(Fields),
    /// A JSON array.
    List(Vec<Value>),
}

impl Body {
    /// The object (its text and list fields of the right types), or a 400.
    pub fn into_fields(self) -> Result<Fields, ApiError> {
        match self {
            Body::Object(fields) => {
                fields.check_types()?;
                Ok(fields)
            }
            Body::List(_) => Err(ApiError::bad_request(
                "Expected a JSON object; only ticket creation takes a list.",
            )),
        }
    }
}

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if content_type.starts_with("multipart/form-data") {
            let multipart = Multipart::from_request(request, state)
                .await
                .map_err(|e| ApiError::from_body_error(e.status(), e.body_text()))?;
            return Fields::from_multipart(multipart).await.map(Body::Object);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::from_body_error(e.status(), e.body_text()))?;
        // `curl -d '{...}'` labels a JSON body as a form: a body that opens like JSON is JSON.
        let looks_like_json = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'['));
        if content_type.starts_with("application/x-www-form-urlencoded") && !looks_like_json {
            return Ok(Body::Object(Fields::from_urlencoded(&bytes)));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body::Object(Fields::default()));
        }
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => Ok(Body::Object(Fields::from_map(map))),
            Ok(Value::Array(items)) => Ok(Body::List(items)),
            Ok(other) => Err(ApiError::bad_request(format!(
                "Invalid JSON payload: expected an object (or a list of objects for bulk create), got {}.",
                kind_of(&other)
            ))),
            Err(error) => Err(ApiError::bad_request(format!(
                "Invalid JSON payload: {error}."
            ))),
        }
    }
}

/// The fields of one object payload, and its files.
#[derive(Debug, Default)]
pub struct Fields {
    map: Map<String, Value>,
    /// Uploaded files, in order.
    pub files: Vec<Upload>,
}

impl Fields {
    /// Fields of a JSON object.
    pub fn from_map(map: Map<String, Value>) -> Self {
        Self {
            map,
            files: Vec::new(),
        }
    }

    async fn from_multipart(mut multipart: Multipart) -> Result<Self, ApiError> {
        let mut fields = Fields::default();
        let malformed = |e: axum::extract::multipart::MultipartError| {
            ApiError::from_body_error(e.status(), e.body_text())
        };
        while let Some(part) = multipart.next_field().await.map_err(malformed)? {
            let name = part.name().unwrap_or_default().to_owned();
            if let Some(filename) = part.file_name().map(str::to_owned) {
                let content_type = part
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                let bytes = part.bytes().await.map_err(malformed)?;
                fields.files.push(Upload {
                    field: name,
                    filename,
                    content_type,
                    bytes,
                });
            } else {
                let text = part.text().await.map_err(malformed)?;
                fields.push_repeated(name, Value::String(text));
            }
        }
        Ok(fields)
    }

    /// Fields of an `application/x-www-form-urlencoded` body.
    fn from_urlencoded(bytes: &[u8]) -> Self {
        let mut fields = Fields::default();
        for (name, value) in form_urlencoded::parse(bytes) {
            fields.push_repeated(name.into_owned(), Value::String(value.into_owned()));
        }
        fields
    }

    /// A form field: the first occurrence is a value, later ones turn it into a list.
    fn push_repeated(&mut self, name: String, value: Value) {
        match self.map.get_mut(&name) {
            None => {
                self.map.insert(name, value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = first.take();
                self.map.insert(name, Value::Array(vec![first, value]));
            }
        }
    }

    /// Refuses values of the wrong JSON type in the fields every write reads as text
    /// ([`TEXT_FIELDS`]) or as lists ([`LIST_FIELDS`]), naming the type received, so
    /// `"subject": [1, 2]` is answered "Expected text (a string), got a list." rather than
    /// "This field is required.".
    pub fn check_types(&self) -> Result<(), ApiError> {
        let mut errors = FieldErrors::new();
        for (key, value) in &self.map {
            let text = TEXT_FIELDS.contains(&key.as_str());
            let list = LIST_FIELDS.contains(&key.as_str());
            match value {
                Value::Null | Value::String(_) | Value::Number(_) if text || list => {}
                Value::Array(items) if list => {
                    if let Some(item) = items.iter().find(|item| !is_scalar(item)) {
                        errors.add(
                            key,
                            format!(
                                "Expected a list of text values or ids, got a list holding {}.",
                                kind_of(item)
                            ),
                        );
                    }
                }
                other if text => errors.add(
                    key,
                    format!("Expected text (a string), got {}.", kind_of(other)),
                ),
                other if list => errors.add(
                    key,
                    format!(
                        "Expected a list (or a comma-separated string), got {}.",
                        kind_of(other)
                    ),
                ),
                _ => {}
            }
        }
        errors.into_result()
    }

    /// The raw value of a field.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// Whether the field was sent at all (even as null).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A non-empty text field (numbers are accepted and written out).
    pub fn text(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A whole number (JSON number or numeric string); absent, null or empty is `None`.
    pub fn u64(&self, key: &str) -> Result<Option<u64>, String> {
        match self.nullable_u64(key)? {
            Some(value) => Ok(value),
            None => Ok(None),
        }
    }

    /// A nullable id: absent is `None`, null (or an empty multipart value) is `Some(None)`.
    pub fn nullable_u64(&self, key: &str) -> Result<Option<Option<u64>>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) if s.trim().is_empty() || s.trim() == "null" => Ok(Some(None)),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(|n| Some(Some(n)))
                .map_err(|_| "A valid integer is required.".to_owned()),
            Some(Value::Number(n)) => n
                .as_u64()
                .map(|n| Some(Some(n)))
                .ok_or_else(|| "A valid integer is required.".to_owned()),
            Some(_) => Err("A valid integer is required.".to_owned()),
        }
    }

    /// A boolean (`true`/`false`, also as strings).
    pub fn bool(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(Some(true)),
                "false" | "0" | "" => Ok(Some(false)),
                _ => Err("Must be true or false.".to_owned()),
            },
            Some(_) => Err("Must be true or false.".to_owned()),
        }
    }

    /// A date in `yyyy-mm-dd` or `dd/mm/yyyy`; null or empty is `Some(None)` (clear).
    pub fn date(&self, key: &str) -> Result<Option<Option<NaiveDate>>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(Some(None)),
            Some(Value::String(s)) => parse_date(s)
                .map(|d| Some(Some(d)))
                .ok_or_else(|| bad_date(s)),
            Some(other) => Err(bad_date(&other.to_string())),
        }
    }

    /// A creation time: `yyyy-mm-ddThh:mm:ss[.ms]` (a space instead of `T` is accepted).
    pub fn datetime(&self, key: &str) -> Result<Option<DateTime<Utc>>, String> {
        match self.text(key) {
            None => Ok(None),
            Some(s) => happyfox::codec::parse_timestamp(&s)
                .map(Some)
                .ok_or_else(|| format!("Enter a valid date/time: {s:?} (yyyy-mm-ddThh:mm:ss).")),
        }
    }

    /// A comma-separated list (a JSON list or repeated multipart field is accepted too).
    pub fn list(&self, key: &str) -> Vec<String> {
        let items: Vec<String> = match self.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        items
            .iter()
            .flat_map(|s| happyfox::codec::split_tags(s))
            .collect()
    }

    /// A list of ids: a JSON list, one id, or a comma-separated string.
    pub fn ids(&self, key: &str) -> Result<Vec<u64>, String> {
        self.list(key)
            .iter()
            .map(|s| s.parse().map_err(|_| format!("{s:?} is not a valid id.")))
            .collect()
    }

    /// Custom-field values sent under any of `prefixes` (`t-cf-`, `c-cf-`, `ccf-`), by id;
    /// the first key seen for an id wins. Keys whose id is not a number are reported.
    pub fn custom_fields(&self, prefixes: &[&str]) -> Vec<(String, Option<u64>, &Value)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (key, value) in &self.map {
            let Some(rest) = prefixes.iter().find_map(|p| key.strip_prefix(p)) else {
                continue;
            };
            let id = rest.parse::<u64>().ok();
            if id.is_some_and(|id| seen.contains(&id)) {
                continue;
            }
            seen.extend(id);
            out.push((key.clone(), id, value));
        }
        out
    }
}

/// Fields every write reads as text.
pub const TEXT_FIELDS: &[&str] = &[
    "subject",
    "text",
    "html",
    "plaintext",
    "name",
    "email",
    "phone",
    "message",
    "move_note",
];

/// Fields every write reads as a list (of text or ids).
pub const LIST_FIELDS: &[&str] = &[
    "tags",
    "cc",
    "bcc",
    "to",
    "add",
    "remove",
    "data",
    "ticket_attachments",
];

fn is_scalar(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_))
}

/// "a list", "an object"... for messages about a value of the wrong type.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `yyyy-mm-dd` or `dd/mm/yyyy`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

fn bad_date(text: &str) -> String {
    format!("Enter a valid date: {text:?} (yyyy-mm-dd or dd/mm/yyyy).")
}
