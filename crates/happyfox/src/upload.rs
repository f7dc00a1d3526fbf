//! Files to attach to a write, from a path or from bytes, and the 25 MB per-request limit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, InputRule, Result};

/// The most HappyFox accepts in attachments per request: 25 MB.
pub const MAX_ATTACHMENT_BYTES: u64 = 25 * 1024 * 1024;

/// A file to upload. Files given by path are read when the request is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadFile {
    filename: String,
    content_type: String,
    source: Source,
}

#[derive(Debug, Clone, PartialEq)]
enum Source {
    Bytes(Arc<[u8]>),
    Path { path: PathBuf, len: u64 },
}

impl UploadFile {
    /// A file on disk; its name and content type come from the path. Fails when the file
    /// cannot be read.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let metadata = std::fs::metadata(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source: Arc::new(source),
        })?;
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        Ok(Self {
            content_type: guess_content_type(&filename),
            filename,
            source: Source::Path {
                path: path.to_path_buf(),
                len: metadata.len(),
            },
        })
    }

    /// Bytes in memory, uploaded under `filename` (the content type is guessed from it).
    pub fn from_bytes(filename: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        let filename = filename.into();
        Self {
            content_type: guess_content_type(&filename),
            filename,
            source: Source::Bytes(Arc::from(bytes.into())),
        }
    }

    /// Overrides the guessed content type.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The file name sent.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The content type sent.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// Size in bytes (for a path, as it was when the file was added).
    pub fn len(&self) -> u64 {
        match &self.source {
            Source::Bytes(bytes) => bytes.len() as u64,
            Source::Path { len, .. } => *len,
        }
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The contents.
    pub fn read(&self) -> Result<Vec<u8>> {
        match &self.source {
            Source::Bytes(bytes) => Ok(bytes.to_vec()),
            Source::Path { path, .. } => std::fs::read(path).map_err(|source| Error::Io {
                path: path.display().to_string(),
                source: Arc::new(source),
            }),
        }
    }
}

fn guess_content_type(filename: &str) -> String {
    mime_guess::from_path(filename)
        .first_or_octet_stream()
        .essence_str()
        .to_owned()
}

/// Refuses a set of files over [`MAX_ATTACHMENT_BYTES`] in total (sent as form field
/// `field`), naming each size.
pub(crate) fn check_total_size(field: &str, files: &[UploadFile]) -> Result<()> {
    let total: u64 = files.iter().map(UploadFile::len).sum();
    if total <= MAX_ATTACHMENT_BYTES {
        return Ok(());
    }
    let sizes = files
        .iter()
        .map(|f| format!("{} ({} bytes)", f.filename, f.len()))
        .collect::<Vec<_>>()
        .join(", ");
    Err(Error::invalid(
        Some(field),
        InputRule::TooLarge {
            limit: MAX_ATTACHMENT_BYTES,
            total,
        },
        format!(
            "attachments total {total} bytes, over HappyFox's limit of {MAX_ATTACHMENT_BYTES} bytes (25 MB) per request: {sizes}"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_25_mb_is_refused_with_sizes() {
        let big = UploadFile::from_bytes("a.bin", vec![0u8; 20 * 1024 * 1024]);
        let more = UploadFile::from_bytes("b.bin", vec![0u8; 6 * 1024 * 1024]);
        let error = check_total_size("attachments", &[big.clone(), more]).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("a.bin (20971520 bytes)"), "{message}");
        assert!(message.contains("b.bin (6291456 bytes)"), "{message}");
        let refusal = error.invalid_input().expect("an InvalidInput");
        assert_eq!(refusal.field.as_deref(), Some("attachments"));
        assert_eq!(
            refusal.rule,
            InputRule::TooLarge {
                limit: MAX_ATTACHMENT_BYTES,
                total: 26 * 1024 * 1024
            }
        );
        assert!(check_total_size("attachments", &[big]).is_ok());
    }

    #[test]
    fn content_type_is_guessed() {
        assert_eq!(
            UploadFile::from_bytes("x.png", vec![]).content_type(),
            "image/png"
        );
        assert_eq!(
            UploadFile::from_bytes("x.unknownext", vec![]).content_type(),
            "application/octet-stream"
        );
    }
}
