//! A multipart/form-data encoder (RFC 7578): text fields, then files.
//!
//! Written here rather than taken from ureq's `unversioned` multipart module, so the wire
//! format (and the boundary, for snapshot tests) stays under our control.

use crate::error::Result;
use crate::upload::UploadFile;

/// An encoded multipart body and its content type.
pub struct MultipartBody {
    /// `multipart/form-data; boundary=...`
    pub content_type: String,
    /// The bytes to send.
    pub bytes: Vec<u8>,
}

/// Encodes text fields and files (each under `file_field`) with `boundary`.
pub fn encode(
    boundary: &str,
    fields: &[(String, String)],
    file_field: &str,
    files: &[UploadFile],
) -> Result<MultipartBody> {
    let mut bytes = Vec::new();
    for (name, value) in fields {
        bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        bytes.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                quote(name)
            )
            .as_bytes(),
        );
        bytes.extend_from_slice(value.as_bytes());
        bytes.extend_from_slice(b"\r\n");
    }
    for file in files {
        bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        bytes.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                quote(file_field),
                quote(file.filename()),
                file.content_type()
            )
            .as_bytes(),
        );
        bytes.extend_from_slice(&file.read()?);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok(MultipartBody {
        content_type: format!("multipart/form-data; boundary={boundary}"),
        bytes,
    })
}

/// Escapes a name for a quoted header parameter (RFC 7578 §4.2: percent-encode `"`, CR, LF).
fn quote(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A random boundary that cannot plausibly occur in the content.
pub fn random_boundary() -> String {
    let n: u128 = rand::random();
    format!("happyfox-{n:032x}")
}
