//! A request as it goes on the wire (method, path, query, JSON or multipart body) and the
//! raw answer the emulator gives it, sent with plain ureq so the answer is seen as is.

use happyfox::{Method, PreparedBody, PreparedRequest};
use happyfox_emulator::EmulatorHandle;
use serde_json::Value;

/// The contents of every file the tests attach (the dry run describes files, never their
/// contents, so the multipart body is rebuilt from these).
pub const FILE_BYTES: &[u8] = b"df -h: /dev/sda1 100%\n";

/// One request to the API.
#[derive(Debug, Clone)]
pub struct Wire {
    /// GET or POST.
    pub method: Method,
    /// The path below the API root, parameters filled.
    pub path: String,
    /// The query pairs.
    pub query: Vec<(String, String)>,
    /// The body, as the client would send it.
    pub body: PreparedBody,
}

/// The emulator's answer.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body as JSON, or as a JSON string when it is not JSON.
    pub body: Value,
}

impl Wire {
    /// A GET of `path` with `query`.
    pub fn get(path: String, query: &[(&str, &str)]) -> Self {
        Self {
            method: Method::Get,
            path,
            query: query
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect(),
            body: PreparedBody::Empty,
        }
    }

    /// The write the client described in a dry run, sent to `path` (which must be the
    /// path the client chose: the table and the client agree).
    pub fn from_prepared(prepared: &PreparedRequest, path: String) -> Self {
        let url_path = prepared
            .url
            .split_once("/api/1.1/json")
            .map(|(_, rest)| rest.split('?').next().unwrap_or(rest))
            .unwrap_or_default();
        assert_eq!(
            url_path, path,
            "the client sends {} elsewhere",
            prepared.url
        );
        assert_eq!(prepared.method, Method::Post.as_str());
        Self {
            method: Method::Post,
            path,
            query: Vec::new(),
            body: prepared.body.clone(),
        }
    }

    /// The same request with `key` taken out of its JSON object body (a request the client
    /// refuses to build, for the error answers).
    pub fn without(mut self, key: &str) -> Self {
        match &mut self.body {
            PreparedBody::Json(Value::Object(object)) => {
                assert!(object.remove(key).is_some(), "the body has no `{key}`");
            }
            other => panic!("not a JSON object body: {other:?}"),
        }
        self
    }

    /// Sends it to `emulator` with its credentials.
    pub fn send(&self, emulator: &EmulatorHandle) -> Answer {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}/api/1.1/json{}", emulator.url(), self.path);
        let auth = format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("{}:{}", emulator.api_key(), emulator.auth_code())
            )
        );
        let query = self.query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let sent = match (&self.method, &self.body) {
            (Method::Get, PreparedBody::Empty) => agent
                .get(&url)
                .header("Authorization", &auth)
                .query_pairs(query)
                .call(),
            (Method::Post, body) => {
                let (content_type, bytes) = encode(body);
                agent
                    .post(&url)
                    .header("Authorization", &auth)
                    .header("Content-Type", &content_type)
                    .query_pairs(query)
                    .send(&bytes[..])
            }
            (Method::Get, body) => panic!("a GET with a body: {body:?}"),
        };
        let mut response = sent.unwrap_or_else(|e| panic!("{self:?}: no answer: {e}"));
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        Answer {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
        }
    }
}

const BOUNDARY: &str = "spec-test-boundary-7f3a";

/// The content type and bytes of a POST body.
fn encode(body: &PreparedBody) -> (String, Vec<u8>) {
    match body {
        PreparedBody::Empty => ("application/json".to_owned(), Vec::new()),
        PreparedBody::Json(value) => ("application/json".to_owned(), value.to_string().into()),
        PreparedBody::Multipart { fields, files } => {
            let mut out = Vec::new();
            for field in fields {
                out.extend(
                    format!(
                        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{}\r\n",
                        field.name, field.value
                    )
                    .into_bytes(),
                );
            }
            for file in files {
                assert_eq!(file.size, FILE_BYTES.len() as u64, "{}", file.filename);
                out.extend(
                    format!(
                        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        file.field, file.filename, file.content_type
                    )
                    .into_bytes(),
                );
                out.extend(FILE_BYTES);
                out.extend(b"\r\n");
            }
            out.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
            (format!("multipart/form-data; boundary={BOUNDARY}"), out)
        }
    }
}
