//! Plain iteration (issue 21): `for ticket in iter()` with no size set, as a new user writes
//! it, in Rust and Python beside the `requests` loop at size 50; at 0 and 50 ms, and with
//! 1 ms of work per ticket, read-ahead on and off. Its rows, targets and table.

use std::fmt::Write;

use crate::report::{Cost, Target, precise, times, write_targets};

/// Who walks the tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walker {
    /// `Client::iter_tickets(&ListTickets::new())`.
    Rust,
    /// `for ticket in client.tickets.iter()`.
    Python,
    /// One `requests.Session`, page after page of 50, `.json()` on each.
    Requests,
}

/// One way of walking every ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    /// Who walks.
    pub walker: Walker,
    /// Whether the loop spends [`WORK_PER_TICKET_US`] on each ticket.
    pub work: bool,
    /// Whether the client reads the next page ahead (the default; ignored for `requests`).
    pub read_ahead: bool,
}

/// The work a working loop spends on each ticket, in microseconds (spinning on the clock).
pub const WORK_PER_TICKET_US: u64 = 1_000;

/// The latency of the working loops' rows, in milliseconds.
pub const WORK_LATENCY_MS: u64 = 50;

impl Walk {
    const fn new(walker: Walker, work: bool, read_ahead: bool) -> Self {
        Self {
            walker,
            work,
            read_ahead,
        }
    }

    /// The walks measured at every latency: nothing done per ticket.
    pub const PLAIN: [Walk; 3] = [
        Walk::new(Walker::Rust, false, true),
        Walk::new(Walker::Python, false, true),
        Walk::new(Walker::Requests, false, false),
    ];

    /// The walks measured at [`WORK_LATENCY_MS`]: 1 ms of work per ticket.
    pub const WORKING: [Walk; 5] = [
        Walk::new(Walker::Rust, true, true),
        Walk::new(Walker::Rust, true, false),
        Walk::new(Walker::Python, true, true),
        Walk::new(Walker::Python, true, false),
        Walk::new(Walker::Requests, true, false),
    ];

    /// Its name in the report.
    pub fn label(self) -> String {
        let read_ahead = if self.read_ahead {
            "read-ahead on"
        } else {
            "read-ahead off"
        };
        match self.walker {
            Walker::Rust => format!("Rust `iter_tickets(&ListTickets::new())`, {read_ahead}"),
            Walker::Python => format!("Python `tickets.iter()`, {read_ahead}"),
            Walker::Requests => "baseline: `requests`, size 50".to_owned(),
        }
    }
}

/// One walk measured (or why it was not).
#[derive(Debug, Clone, PartialEq)]
pub struct WalkRow {
    /// How.
    pub walk: Walk,
    /// Latency the emulator added to every request, in milliseconds.
    pub latency_ms: u64,
    /// What it cost and the listing requests the emulator received, or why there is none.
    pub figures: Result<(Cost, u64), String>,
}

/// The walks of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Walks {
    /// Tickets each walk reads.
    pub tickets: usize,
    /// The rows.
    pub rows: Vec<WalkRow>,
}

impl Walks {
    fn figures(&self, walk: Walk, latency_ms: u64) -> Option<(Cost, u64)> {
        self.rows
            .iter()
            .find(|row| row.walk == walk && row.latency_ms == latency_ms)
            .and_then(|row| row.figures.as_ref().ok().copied())
    }

    /// The baseline a row compares with: `requests` with the same work, at the same latency.
    fn baseline(&self, row: &WalkRow) -> Option<Cost> {
        let baseline = Walk::new(Walker::Requests, row.walk.work, false);
        self.figures(baseline, row.latency_ms).map(|(cost, _)| cost)
    }

    /// Wall of `walk` ÷ wall of its baseline.
    fn ratio(&self, walk: Walk, latency_ms: u64) -> Option<f64> {
        let row = self
            .rows
            .iter()
            .find(|row| row.walk == walk && row.latency_ms == latency_ms)?;
        let (cost, _) = row.figures.as_ref().ok()?;
        Some(cost.wall.as_secs_f64() / self.baseline(row)?.wall.as_secs_f64())
    }

    /// The pages of 50 the listing has.
    fn pages(&self) -> u64 {
        (self.tickets as u64).div_ceil(50).max(1)
    }

    fn targets(&self) -> Vec<Target> {
        let at_most = |ratio: Option<f64>, limit: f64| ratio.map(|r| (precise(r), r <= limit));
        let most_requests = self
            .rows
            .iter()
            .filter(|row| row.walk.walker != Walker::Requests)
            .filter_map(|row| row.figures.as_ref().ok().map(|(_, requests)| *requests))
            .max();
        vec![
            Target {
                name: "Python `tickets.iter()` wall ÷ `requests` at size 50, 50 ms",
                limit: "<= 1.00x",
                measured: at_most(self.ratio(Walk::new(Walker::Python, false, true), 50), 1.0),
            },
            Target {
                name: "the same, 1 ms of work per ticket, read-ahead on",
                limit: "<= 0.80x",
                measured: at_most(
                    self.ratio(Walk::new(Walker::Python, true, true), WORK_LATENCY_MS),
                    0.8,
                ),
            },
            Target {
                name: "listing requests of any default-size walk",
                limit: "<= pages of 50",
                measured: most_requests.map(|requests| {
                    (
                        format!("{requests} (pages: {})", self.pages()),
                        requests <= self.pages(),
                    )
                }),
            },
        ]
    }

    /// The section: targets, then every row.
    pub fn write(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "### Plain iteration, no size set (issue 21): {} tickets\n",
            self.tickets
        );
        write_targets(out, self.targets());
        let _ = writeln!(
            out,
            "| walk | latency | work per ticket | wall s | CPU s | listing requests | wall ÷ baseline |\n|---|--:|--:|--:|--:|--:|--:|"
        );
        for row in &self.rows {
            let work = if row.walk.work {
                format!("{} ms", WORK_PER_TICKET_US as f64 / 1000.0)
            } else {
                "none".to_owned()
            };
            let head = format!("| {} | {} ms | {work} |", row.walk.label(), row.latency_ms);
            match &row.figures {
                Ok((cost, requests)) => {
                    let ratio = self
                        .ratio(row.walk, row.latency_ms)
                        .map_or("-".to_owned(), times);
                    let _ = writeln!(
                        out,
                        "{head} {:.2} | {:.2} | {requests} | {ratio} |",
                        cost.wall.as_secs_f64(),
                        cost.cpu.as_secs_f64(),
                    );
                }
                Err(why) => {
                    let _ = writeln!(out, "{head} {why} | | | |");
                }
            }
        }
        out.push('\n');
    }
}
