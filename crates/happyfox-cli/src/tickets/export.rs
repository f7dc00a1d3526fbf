//! `tickets export`: every matching ticket once, streamed as NDJSON or CSV to stdout or a
//! file, with a progress bar on a terminal.
//!
//! Strategy: by default the core's parallel export ([`happyfox::Client::export_tickets_with`]):
//! pages of 50 fetched by `--workers` threads (8 by default), written in page order; a
//! ticket is never written twice, but one that moves between pages while the export runs
//! can be missed. With `--snapshot`, the core's snapshot
//! ([`happyfox::Client::snapshot_tickets`]): every matching id first (ids-only pages of 50),
//! then the tickets 50 at a time, one request at a time, so tickets that change or move
//! between pages are neither skipped nor repeated. Sorted by ticket number ascending unless
//! `--sort` says otherwise (tickets do not change their number, so few move). Reads are
//! retried by the client's policy, the only one (transient failures, rate limits, paced
//! under HappyFox's limits; `--max-retries`). The progress total is the
//! listing's `page_info.last_index`. A file is written as `<FILE>.part` and renamed when
//! complete, so a failed export never looks finished.

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
    /// Pages fetched at once (1 to 32).
    #[arg(long, value_name = "N",
          default_value_t = happyfox::ExportOptions::DEFAULT_WORKERS as u16,
          value_parser = clap::value_parser!(u16).range(1..=32))]
    workers: u16,
    /// Read every matching id first, then the tickets, one request at a time: exactly the
    /// tickets that matched when the export began, even while they change (slower).
    #[arg(long, conflicts_with = "workers")]
    snapshot: bool,
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
    let out = file_output.as_mut().unwrap_or(&mut session.out);
    let mut rows = out.rows(RowKind::Ticket);
    let write = |ticket: happyfox::Ticket| Ok(rows.push(&ticket)?);
    let written = if args.snapshot {
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
        let written = drain(&mut tickets, Some(&progress), write);
        if tickets.missing() > 0 {
            session.ui.warn(&format!(
                "{} tickets were deleted during the export: {:?}",
                tickets.missing(),
                tickets.missing_ids()
            ));
        }
        written
    } else {
        let options = happyfox::ExportOptions::default().workers(usize::from(args.workers));
        let mut tickets = session.client.export_tickets_with(&params, options);
        drain(&mut tickets, Some(&progress), write)
    };
    progress.finish();
    let count = written.map_err(|mut failure| {
        failure
            .message
            .push_str("; export again to finish (an export is not resumed across runs)");
        failure
    })?;
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
