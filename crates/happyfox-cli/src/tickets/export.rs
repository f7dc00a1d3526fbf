//! `tickets export`: every matching ticket once, streamed as NDJSON or CSV to stdout or a
//! file, with a progress bar on a terminal.
//!
//! Strategy: the core's snapshot ([`happyfox::Client::snapshot_tickets`]): every matching
//! id first (ids-only pages of 50), then the tickets 50 at a time, so tickets that change or
//! move between pages while the export runs are neither skipped nor repeated. Sorted by
//! ticket number ascending unless `--sort` says otherwise. Reads are retried by the client
//! (transient failures, rate limits, paced under HappyFox's limits) and a request that still
//! fails is made again (see `walk`). The progress total is the first ids page's
//! `page_info.last_index`. A file is written as `<FILE>.part` and renamed when complete, so
//! a failed export never looks finished.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use happyfox::Sort;

use super::files::file_output;
use super::read::FilterArgs;
use super::walk::drain;
use crate::failure::Failure;
use crate::output::{Format, RowKind};
use crate::progress::Progress;
use crate::session::Session;

/// Options of `tickets export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Write to this file instead of stdout (as FILE.part until complete).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Runs `tickets export`.
pub fn export(session: &mut Session, args: &ExportArgs) -> Result<(), Failure> {
    let format = session.out.format();
    if !matches!(format, Format::Ndjson | Format::Csv) {
        return Err(Failure::usage(
            "tickets export writes --format ndjson (the default) or csv",
        ));
    }
    let mut params = args.filter.params(&session.client)?;
    if params.sort.is_none() {
        params.sort = "ticketa".parse::<Sort>().ok();
    }
    params.size = Some(happyfox::MAX_PAGE_SIZE);
    let (part_file, mut file_output) = file_output(args.out.as_deref(), format)?;
    let started = Instant::now();
    let progress = Progress::new(session.ui);
    let mut first = params.clone();
    first.size = Some(1);
    // Only for the bar: when this read fails, the snapshot's own first read reports why.
    if let Some(total) = session
        .client
        .list_ticket_ids(&first)
        .ok()
        .and_then(|p| p.total())
    {
        progress.total(total);
    }
    let mut tickets = session.client.snapshot_tickets(&params);
    let out = file_output.as_mut().unwrap_or(&mut session.out);
    let mut rows = out.rows(RowKind::Ticket);
    let written = drain(&mut tickets, session.ui, |ticket| {
        rows.push(&ticket)?;
        progress.advance();
        Ok(())
    });
    progress.finish();
    let count = written.map_err(|mut failure| {
        failure
            .message
            .push_str("; export again to finish (a snapshot is not resumed across runs)");
        failure
    })?;
    if tickets.missing() > 0 {
        session.ui.warn(&format!(
            "{} tickets were deleted during the export: {:?}",
            tickets.missing(),
            tickets.missing_ids()
        ));
    }
    rows.finish()?;
    if let Some(part_file) = part_file {
        part_file.complete()?;
    }
    let seconds = started.elapsed().as_secs_f64();
    session.ui.status(&format!(
        "exported {count} tickets{} in {seconds:.1}s",
        args.out
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default()
    ));
    Ok(())
}
