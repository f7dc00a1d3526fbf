//! `tickets sync --state FILE`: the tickets changed since the last run, streamed as NDJSON or
//! CSV (a progress count on a terminal), then the new checkpoint saved to the state file.
//! `--status`, `--category` and `--query` narrow the sync to one listing; a state file
//! written by a sync of another listing is refused (by the core), with a message saying so.
//!
//! Strategy: the core's sync ([`happyfox::Client::sync_tickets_matching`]) from the
//! checkpoint in the state file (none: the first run, every matching ticket). The output is
//! written and flushed completely (a file as `FILE.part`, synced and renamed), and only then
//! is the state file replaced, atomically (a temporary file beside it, synced, renamed over
//! it). A run that fails anywhere leaves the old state, so the next run repeats its
//! tickets: what a failed run printed comes again, nothing is lost.

use std::io;
use std::path::{Path, PathBuf};

use clap::Args;
use happyfox::{InputRule, Resumable, SyncCheckpoint, SyncIter, Ticket};

use super::files::{file_output, replace_atomically};
use super::read::SelectArgs;
use super::walk::drain;
use crate::failure::Failure;
use crate::output::{Format, RowKind};
use crate::progress::Progress;
use crate::session::Session;

/// Options of `tickets sync`.
#[derive(Args, Debug)]
pub struct SyncArgs {
    /// Which tickets the sync covers (all when none is given). Every run of one state file
    /// must give the same ones: a state file of another listing is refused.
    #[command(flatten)]
    select: SelectArgs,
    /// The state file: where the last run's checkpoint is kept. Missing: the first run,
    /// which writes every ticket. Replaced only after the output is complete.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// Write to this file instead of stdout (as FILE.part until complete).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Runs `tickets sync`.
pub fn sync(session: &mut Session, args: &SyncArgs) -> Result<(), Failure> {
    let format = session.out.format();
    if !matches!(format, Format::Ndjson | Format::Csv) {
        return Err(Failure::usage(
            "tickets sync writes --format ndjson (the default) or csv",
        ));
    }
    let checkpoint = read_state(&args.state)?;
    let listing = args.select.params(&session.client)?;
    let (part_file, mut file_output) = file_output(args.out.as_deref(), format)?;
    let mut changes = Watched {
        inner: session
            .client
            .sync_tickets_matching(checkpoint.as_ref(), &listing),
        refused: None,
    };
    let out = file_output.as_mut().unwrap_or(&mut session.out);
    let mut rows = out.rows(RowKind::Ticket);
    let progress = Progress::new(session.ui);
    let written = drain(&mut changes, Some(&progress), |ticket| {
        Ok(rows.push(&ticket)?)
    });
    progress.finish();
    if let (Err(_), Some(refusal)) = (&written, &changes.refused) {
        return Err(Failure::usage(format!(
            "the state file {} was written by a sync of another listing ({refusal}); give the \
             --status, --category and --query it was written with, or another --state file \
             (a new one syncs every matching ticket); the state file was not changed",
            args.state.display()
        )));
    }
    let changes = changes.inner;
    let count = written.map_err(|mut failure| {
        failure.message.push_str(&format!(
            "; the state file {} was not changed: the next run repeats these tickets",
            args.state.display()
        ));
        failure
    })?;
    rows.finish()?;
    if let Some(part_file) = part_file {
        part_file.complete()?;
    }
    let next = changes
        .checkpoint()
        .ok_or_else(|| Failure::usage("the sync ended without a checkpoint"))?;
    replace_atomically(&args.state, next.to_json().as_bytes()).map_err(|error| {
        Failure::usage(format!(
            "the tickets were written, but the state file {} could not be: {error}; the next \
             run repeats them",
            args.state.display()
        ))
    })?;
    session.ui.status(&format!(
        "synced {count} changed tickets{}; state saved to {}",
        args.out
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default(),
        args.state.display()
    ));
    Ok(())
}

/// The checkpoint in the state file; `None` when there is no such file (the first run).
fn read_state(path: &Path) -> Result<Option<SyncCheckpoint>, Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(Failure::usage(format!(
                "cannot read the state file {}: {error}",
                path.display()
            )));
        }
    };
    SyncCheckpoint::from_json(text.trim())
        .map(Some)
        .map_err(|error| {
            Failure::usage(format!(
                "the state file {} holds no usable checkpoint ({error}); remove it to sync \
                 every ticket again",
                path.display()
            ))
        })
}

/// The sync, noting the core's refusal of a checkpoint made for another listing.
struct Watched {
    inner: SyncIter,
    /// The refusal's message, once the core refused the checkpoint.
    refused: Option<String>,
}

impl Iterator for Watched {
    type Item = happyfox::Result<Ticket>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.inner.next();
        if let Some(Err(happyfox::Error::InvalidInput(refusal))) = &item
            && refusal.rule == InputRule::Checkpoint
        {
            self.refused = Some(refusal.message.clone());
        }
        item
    }
}

impl Resumable for Watched {
    fn failed(&self) -> bool {
        self.inner.failed()
    }

    fn resume(&mut self) {
        self.inner.resume();
    }
}
