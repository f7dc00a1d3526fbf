//! One HTTP call to make: method, path, query and body, built by generated endpoint methods.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::error::{Error, InputRule, Result};
use crate::request::{Payload, QueryParams};
use crate::upload::{UploadFile, check_total_size};
use crate::wire::payload::form_fields;
use crate::wire::query::encode_pairs;

pub(crate) use crate::operation::Method;

/// The body of a call.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// No body.
    Empty,
    /// A JSON document.
    Json(Value),
    /// multipart/form-data: text fields, then files under `file_field`.
    Multipart {
        /// Text fields, in order.
        fields: Vec<(String, String)>,
        /// The form field name of the files.
        file_field: &'static str,
        /// The files.
        files: Vec<UploadFile>,
    },
}

/// A call about to be made.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// Method.
    pub method: Method,
    /// Path below the API root, e.g. `/ticket/12/staff_update/`.
    pub path: String,
    /// Query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Body.
    pub body: Body,
}

impl Call {
    /// A GET of `path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    /// A POST to `path`.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::Post, path)
    }

    fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Body::Empty,
        }
    }

    /// The path below the API root, with its encoded query.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, encode_pairs(&self.query))
        }
    }

    /// Adds validated query parameters.
    pub fn params(mut self, params: &impl QueryParams) -> Result<Self> {
        self.query.extend(params.query_pairs()?);
        Ok(self)
    }

    /// Adds one query pair.
    pub fn query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_owned(), value.into()));
        self
    }

    /// Sets a validated payload: JSON, or multipart when it carries attachments.
    pub fn payload(mut self, payload: &impl Payload) -> Result<Self> {
        payload.validate()?;
        let files = payload.attachments();
        self.body = if files.is_empty() {
            Body::Json(Value::Object(payload.payload()))
        } else {
            check_total_size("attachments", files)?;
            Body::Multipart {
                fields: form_fields(&payload.payload())?,
                file_field: "attachments",
                files: files.to_vec(),
            }
        };
        Ok(self)
    }

    /// Sets a JSON array of validated payloads (bulk create); attachments are refused.
    pub fn payload_list<P: Payload>(mut self, payloads: &[P]) -> Result<Self> {
        let mut items = Vec::with_capacity(payloads.len());
        for (index, payload) in payloads.iter().enumerate() {
            payload.validate()?;
            if !payload.attachments().is_empty() {
                return Err(Error::invalid(
                    Some("attachments"),
                    InputRule::BulkAttachments,
                    format!(
                        "item {index}: bulk create cannot carry attachments; create that ticket on its own"
                    ),
                ));
            }
            items.push(Value::Object(payload.payload()));
        }
        self.body = Body::Json(Value::Array(items));
        Ok(self)
    }

    /// Sets a multipart body holding one file under `field`.
    pub fn file(mut self, field: &'static str, file: &UploadFile) -> Result<Self> {
        check_total_size(field, std::slice::from_ref(file))?;
        self.body = Body::Multipart {
            fields: Vec::new(),
            file_field: field,
            files: vec![file.clone()],
        };
        Ok(self)
    }
}

/// Characters escaped in a path segment (everything but unreserved characters and `@`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// Percent-encodes one path segment (e.g. a contact's email address).
pub fn segment(value: impl std::fmt::Display) -> String {
    utf8_percent_encode(&value.to_string(), SEGMENT).to_string()
}
