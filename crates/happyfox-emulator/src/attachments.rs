//! Stored files: saving uploads (within the size limit), and the expiring signed links they
//! are downloaded by (`/attachments/<id>/<expires>-<signature>/<filename>`), made and
//! checked.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::payload::Upload;
use crate::reply::FieldErrors;
use crate::state::{AttachmentRecord, NextIds, State};

/// Where attachment downloads live.
pub const ATTACHMENTS_PREFIX: &str = "/attachments/";

/// Total upload size allowed per request (25 MB).
pub const MAX_UPLOAD_BYTES: usize = 25 * 1024 * 1024;

/// Characters escaped in the file-name segment of a URL.
const FILENAME: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'-').remove(b'_');

/// How download links are made and checked.
#[derive(Debug, Clone)]
pub struct Links {
    /// `http://127.0.0.1:PORT`, the server's base URL and the links' prefix.
    pub base_url: String,
    /// How long a link stays valid.
    pub ttl: Duration,
    /// Key of the links' signatures.
    pub secret: u64,
}

/// Why a download link is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadLink {
    /// Its token is not one the emulator made (tampered with).
    Invalid,
    /// Its time is up.
    Expired,
}

impl Links {
    /// The download URL of `file`, made at `now`.
    pub fn url(&self, file: &AttachmentRecord, now: DateTime<Utc>) -> String {
        let expires =
            (now + TimeDelta::from_std(self.ttl).unwrap_or(TimeDelta::minutes(5))).timestamp();
        format!(
            "{}{ATTACHMENTS_PREFIX}{}/{expires}-{:016x}/{}",
            self.base_url,
            file.id,
            self.signature(file.id, expires),
            utf8_percent_encode(&file.filename, FILENAME)
        )
    }

    /// Checks the `<expires>-<signature>` token of a link to file `id` at `now`.
    pub fn check(&self, id: u64, token: &str, now: DateTime<Utc>) -> Result<(), BadLink> {
        let (expires, sig) = token.split_once('-').ok_or(BadLink::Invalid)?;
        let (Ok(expires), Ok(sig)) = (expires.parse::<i64>(), u64::from_str_radix(sig, 16)) else {
            return Err(BadLink::Invalid);
        };
        if self.signature(id, expires) != sig {
            return Err(BadLink::Invalid);
        }
        if now.timestamp() > expires {
            return Err(BadLink::Expired);
        }
        Ok(())
    }

    fn signature(&self, id: u64, expires: i64) -> u64 {
        let mut hasher = DefaultHasher::new();
        (self.secret, id, expires).hash(&mut hasher);
        hasher.finish()
    }
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

/// Stores one uploaded file; its id.
pub fn store_one(state: &mut State, file: &Upload) -> u64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_good_until_it_expires_and_only_as_made() {
        let links = Links {
            base_url: "http://127.0.0.1:1".to_owned(),
            ttl: Duration::from_secs(300),
            secret: 7,
        };
        let file = AttachmentRecord {
            id: 12,
            filename: "a b.png".to_owned(),
            content_type: "image/png".to_owned(),
            bytes: Vec::new(),
        };
        let made = DateTime::from_timestamp(1_700_000_000, 0).expect("a time");
        let url = links.url(&file, made);
        let rest = url
            .strip_prefix("http://127.0.0.1:1/attachments/12/")
            .expect("prefix and id");
        let (token, filename) = rest.split_once('/').expect("token and name");
        assert_eq!(filename, "a%20b.png");
        assert!(token.starts_with("1700000300-"), "{token}");

        assert_eq!(
            links.check(12, token, made + TimeDelta::seconds(300)),
            Ok(())
        );
        assert_eq!(
            links.check(12, token, made + TimeDelta::seconds(301)),
            Err(BadLink::Expired)
        );
        assert_eq!(links.check(13, token, made), Err(BadLink::Invalid));
        let later = token.replacen("1700000300", "1700000900", 1);
        assert_eq!(links.check(12, &later, made), Err(BadLink::Invalid));
        let other_key = Links {
            secret: 8,
            ..links.clone()
        };
        assert_eq!(other_key.check(12, token, made), Err(BadLink::Invalid));
        for garbage in ["", "1700000300", "x-1", "1700000300-zz"] {
            assert_eq!(links.check(12, garbage, made), Err(BadLink::Invalid));
        }
    }
}
