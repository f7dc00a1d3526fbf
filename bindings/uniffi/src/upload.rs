//! `uploadFileFromPath`: a local file read into the `UploadFile` an attachment takes, with
//! the core's name and content type guess; a file that cannot be read throws `Io`.

use crate::errors::Result;
use crate::generated::externals::UploadFile;

/// The file at `path` as an attachment: its name, the content type guessed from it, and its
/// contents. A missing or unreadable file throws `Io` with the path.
#[uniffi::export]
pub fn upload_file_from_path(path: String) -> Result<UploadFile> {
    let file = happyfox::UploadFile::from_path(&path)?;
    Ok(UploadFile {
        data: file.read()?,
        filename: file.filename().to_owned(),
        content_type: file.content_type().to_owned(),
    })
}
