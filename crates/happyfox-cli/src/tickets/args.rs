//! Options shared by several ticket commands: the ticket, the message body, recipients,
//! property changes, custom fields and attachments.

use std::io::Read;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use happyfox::{Client, UploadFile};

use crate::failure::Failure;
use crate::resolve::{self, FieldArg};

/// A ticket: its number (`12`) or display id (`#SUP00000012`, `SUP00000012`).
pub fn parse_ticket(text: &str) -> Result<u64, String> {
    let digits = text
        .trim()
        .trim_start_matches('#')
        .trim_start_matches(|c: char| c.is_ascii_alphabetic());
    digits
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            format!("{text:?} is not a ticket number or display id (e.g. 12 or #SUP00000012)")
        })
}

/// A date as `yyyy-mm-dd`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date (yyyy-mm-dd)"))
}

/// The message: `--text`, `--html`, or `--text-file` (`-` for stdin).
#[derive(Args, Debug, Default)]
pub struct MessageArgs {
    /// The message in plain text.
    #[arg(long, conflicts_with = "text_file")]
    pub text: Option<String>,
    /// The message in plain text, read from a file (`-`: stdin).
    #[arg(long, value_name = "PATH")]
    pub text_file: Option<PathBuf>,
    /// The message in HTML.
    #[arg(long)]
    pub html: Option<String>,
}

impl MessageArgs {
    /// The plain text, from `--text` or the file.
    pub fn text(&self) -> Result<Option<String>, Failure> {
        match (&self.text, &self.text_file) {
            (Some(text), _) => Ok(Some(text.clone())),
            (None, Some(path)) => read_text(path).map(Some),
            (None, None) => Ok(None),
        }
    }
}

/// The contents of `path`, or of stdin for `-`.
pub fn read_text(path: &PathBuf) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|contents| text = contents)
    };
    read.map_err(|error| Failure::usage(format!("cannot read {}: {error}", path.display())))?;
    Ok(text)
}

/// `--cc` and `--bcc` (repeated, or comma-separated).
#[derive(Args, Debug, Default)]
pub struct RecipientArgs {
    /// CC email addresses.
    #[arg(long, value_delimiter = ',')]
    pub cc: Vec<String>,
    /// BCC email addresses.
    #[arg(long, value_delimiter = ',')]
    pub bcc: Vec<String>,
}

/// Changes a staff reply or private note can carry.
#[derive(Args, Debug, Default)]
pub struct ChangeArgs {
    /// New status (name or id).
    #[arg(long)]
    pub status: Option<String>,
    /// New priority (name or id).
    #[arg(long)]
    pub priority: Option<String>,
    /// New assignee (name, email or id; `none` to unassign).
    #[arg(long)]
    pub assignee: Option<String>,
    /// New due date (yyyy-mm-dd).
    #[arg(long, value_parser = parse_date)]
    pub due_date: Option<NaiveDate>,
    /// Replace the tags (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Minutes of time spent to add (required by some categories).
    #[arg(long)]
    pub time_spent: Option<u64>,
}

/// The ids a [`ChangeArgs`] names, resolved.
pub struct Changes {
    /// Status id.
    pub status: Option<happyfox::StatusId>,
    /// Priority id.
    pub priority: Option<happyfox::PriorityId>,
    /// Assignee: `Some(None)` unassigns.
    pub assignee: Option<Option<happyfox::StaffId>>,
}

impl ChangeArgs {
    /// Resolves the names to ids.
    pub fn resolve(&self, client: &Client) -> Result<Changes, Failure> {
        Ok(Changes {
            status: self
                .status
                .as_deref()
                .map(|s| resolve::status(client, s))
                .transpose()?,
            priority: self
                .priority
                .as_deref()
                .map(|p| resolve::priority(client, p))
                .transpose()?,
            assignee: self
                .assignee
                .as_deref()
                .map(|a| resolve::assignee(client, a))
                .transpose()?,
        })
    }
}

/// Custom fields and attachments.
#[derive(Args, Debug, Default)]
pub struct ExtraArgs {
    /// A ticket custom field: `FIELD=VALUE`, the field by name or id; choices by option
    /// text or id, several comma-separated. Repeat for more.
    #[arg(long = "cf", value_name = "FIELD=VALUE")]
    pub ticket_fields: Vec<FieldArg>,
    /// A contact custom field, as --cf.
    #[arg(long = "ccf", value_name = "FIELD=VALUE")]
    pub contact_fields: Vec<FieldArg>,
    /// A file to attach (at most 25 MB in all). Repeat for more.
    #[arg(long = "attach", value_name = "PATH")]
    pub attach: Vec<PathBuf>,
}

impl ExtraArgs {
    /// The files to attach.
    pub fn files(&self) -> Result<Vec<UploadFile>, Failure> {
        files(&self.attach)
    }
}

/// The files at `paths`, checked to exist.
pub fn files(paths: &[PathBuf]) -> Result<Vec<UploadFile>, Failure> {
    paths
        .iter()
        .map(|path| UploadFile::from_path(path).map_err(Failure::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_are_numbers_or_display_ids() {
        assert_eq!(parse_ticket("12"), Ok(12));
        assert_eq!(parse_ticket("#SUP00000012"), Ok(12));
        assert_eq!(parse_ticket("IT00000345"), Ok(345));
        assert!(parse_ticket("#SUP").is_err());
        assert!(parse_ticket("0").is_err());
        assert!(parse_ticket("12a").is_err());
    }
}
