//! Files that are written whole or not at all: an output written as `FILE.part` and renamed
//! when complete, and a small file replaced atomically (a temporary file in the same
//! directory, synced, then renamed over it).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::failure::Failure;
use crate::output::{Format, Output};

/// Where a streaming command writes: with `out`, an [`Output`] into `FILE.part` and the
/// [`PartFile`] to complete once it is written; without, nothing (the session's stdout).
pub fn file_output(
    out: Option<&Path>,
    format: Format,
) -> Result<(Option<PartFile>, Option<Output>), Failure> {
    match out {
        Some(path) => {
            let (part_file, writer) = PartFile::create(path)?;
            Ok((Some(part_file), Some(Output::new(format, writer, None))))
        }
        None => Ok((None, None)),
    }
}

/// An output file under construction: `FILE.part` until [`PartFile::complete`].
pub struct PartFile {
    part: PathBuf,
    path: PathBuf,
    file: File,
}

impl PartFile {
    /// Creates `FILE.part` beside `path`; the writer to give the output.
    pub fn create(path: &Path) -> Result<(Self, Box<dyn Write>), Failure> {
        let part = suffixed(path, ".part");
        let file = File::create(&part)
            .map_err(|error| Failure::usage(format!("cannot write {}: {error}", part.display())))?;
        let writer = Box::new(BufWriter::new(file.try_clone()?));
        let part_file = PartFile {
            part,
            path: path.to_owned(),
            file,
        };
        Ok((part_file, writer))
    }

    /// Once the output is written and flushed: syncs it to disk and renames it to `FILE`.
    pub fn complete(self) -> io::Result<()> {
        self.file.sync_all()?;
        std::fs::rename(&self.part, &self.path)
    }
}

/// Replaces `path` with `contents` so that a reader (or a crash) sees the old file or the new
/// one, never a mix: `.FILE.tmp` in the same directory, synced, then renamed over `path`.
pub fn replace_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_os_string();
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    let temporary = suffixed(&path.with_file_name(hidden), ".tmp");
    let mut file = File::create(&temporary)?;
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    if let Err(error) = written {
        drop(std::fs::remove_file(&temporary));
        return Err(error);
    }
    std::fs::rename(&temporary, path)
}

/// `path` with `suffix` added to its file name.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}
