//! The figures of one benchmark run and their report: tables of figures and ratios, the
//! targets of issue 13 with met or missed, the machine and the command, as Markdown.

use std::fmt::Write;
use std::time::Duration;

use crate::machine::Machine;

/// One way of exporting every ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// The same pages as raw bytes with plain ureq, never decoded.
    Floor,
    /// `Client::iter_tickets`, one page after another.
    RustIter,
    /// `Client::export_tickets`, pages fetched by a pool of workers.
    RustExport,
    /// The Python package's `client.tickets.iter(...)`.
    PythonIter,
    /// The Python package's `client.tickets.export(...)`.
    PythonExport,
    /// `requests.Session` plus `.json()`, page after page: what a Python user writes today.
    Requests,
    /// `hfox` from the Python package index, its own page walk.
    Hfox,
}

impl Way {
    /// Every way, in the order of the report.
    pub const ALL: [Way; 7] = [
        Way::Floor,
        Way::RustIter,
        Way::RustExport,
        Way::PythonIter,
        Way::PythonExport,
        Way::Requests,
        Way::Hfox,
    ];

    /// Its name in the report.
    pub fn label(self) -> &'static str {
        match self {
            Way::Floor => "floor: raw bytes (ureq, not decoded)",
            Way::RustIter => "Rust `iter_tickets` (sequential)",
            Way::RustExport => "Rust `export_tickets` (parallel)",
            Way::PythonIter => "Python `tickets.iter`",
            Way::PythonExport => "Python `tickets.export`",
            Way::Requests => "baseline: `requests` + `.json()`",
            Way::Hfox => "`hfox` (PyPI)",
        }
    }
}

/// What one child process cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// User plus system CPU time.
    pub cpu: Duration,
    /// Peak resident memory, in bytes.
    pub peak_rss: u64,
}

/// One export measured (or why it was not).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// How.
    pub way: Way,
    /// Latency the emulator added to every request, in milliseconds.
    pub latency_ms: u64,
    /// What it cost, or why there is no figure.
    pub cost: Result<Cost, String>,
}

/// Peak memory growth over a walk of many tickets.
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    /// `Rust` or `Python`.
    pub language: &'static str,
    /// Tickets walked.
    pub tickets: usize,
    /// Peak resident memory at the end minus resident memory before the walk, in bytes.
    pub growth: Result<u64, String>,
}

/// CPU per full ticket, decoding the same page of bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decode {
    /// Our models (`happyfox::codec::decode::<Page<Ticket>>`), nanoseconds per ticket.
    pub rust_ns: f64,
    /// Python's `json.loads`, nanoseconds per ticket.
    pub python_ns: f64,
    /// The size of the page decoded, in bytes.
    pub page_bytes: usize,
}

/// An export against the emulator enforcing HappyFox's limit.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimited {
    /// Which client exported.
    pub way: Way,
    /// Pages fetched.
    pub pages: usize,
    /// GET requests the limit allows per minute.
    pub get_per_min: u32,
    /// Wall time of the export.
    pub wall: Duration,
    /// 429 answers the emulator sent.
    pub throttled: u64,
}

impl RateLimited {
    /// The time the limit needs at least for `pages` requests.
    pub fn allowed(&self) -> Duration {
        Duration::from_secs_f64(self.pages as f64 * 60.0 / f64::from(self.get_per_min))
    }
}

/// Everything one run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The command that produced it.
    pub command: String,
    /// Where it ran.
    pub machine: Machine,
    /// Tickets of the export rows.
    pub tickets: usize,
    /// The export rows, at every latency.
    pub exports: Vec<ExportRow>,
    /// Memory growth over a long walk.
    pub growth: Vec<Growth>,
    /// The decode comparison.
    pub decode: Option<Decode>,
    /// The rate-limit row.
    pub rate_limited: Option<RateLimited>,
    /// Plain iteration with no size set (issue 21).
    pub walks: Option<crate::walks::Walks>,
    /// How long the whole run took (emulator seeding included).
    pub took: Duration,
}

/// One target: what is measured, its limit, and the figure with whether it is met.
pub struct Target {
    pub name: &'static str,
    pub limit: &'static str,
    pub measured: Option<(String, bool)>,
}

/// The table of `targets`, each met, missed or not measured.
pub fn write_targets(out: &mut String, targets: Vec<Target>) {
    let _ = writeln!(out, "| target | limit | measured | |\n|---|---|---|---|");
    for target in targets {
        let (measured, verdict) = match target.measured {
            Some((figure, true)) => (figure, "met"),
            Some((figure, false)) => (figure, "**missed**"),
            None => ("not measured".to_owned(), "-"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {measured} | {verdict} |",
            target.name, target.limit
        );
    }
    out.push('\n');
}

impl Report {
    fn cost(&self, way: Way, latency_ms: u64) -> Option<Cost> {
        self.exports
            .iter()
            .find(|row| row.way == way && row.latency_ms == latency_ms)
            .and_then(|row| row.cost.as_ref().ok().copied())
    }

    fn latencies(&self) -> Vec<u64> {
        let mut latencies: Vec<u64> = self.exports.iter().map(|row| row.latency_ms).collect();
        latencies.sort_unstable();
        latencies.dedup();
        latencies
    }

    /// `f(a) / f(b)` of two rows at `latency_ms`, when both were measured.
    fn ratio(&self, a: Way, b: Way, latency_ms: u64, f: fn(&Cost) -> Duration) -> Option<f64> {
        let (a, b) = (self.cost(a, latency_ms)?, self.cost(b, latency_ms)?);
        Some(f(&a).as_secs_f64() / f(&b).as_secs_f64())
    }

    fn targets(&self) -> Vec<Target> {
        let wall = |c: &Cost| c.wall;
        let cpu = |c: &Cost| c.cpu;
        let at_most = |ratio: Option<f64>, limit: f64| ratio.map(|r| (precise(r), r <= limit));
        let growth = |language: &str| {
            self.growth
                .iter()
                .find(|g| g.language == language)
                .and_then(|g| g.growth.as_ref().ok())
                .map(|bytes| (megabytes(*bytes), *bytes < 64 * 1024 * 1024))
        };
        vec![
            Target {
                name: "decode CPU per ticket, ours ÷ `json.loads`",
                limit: "<= 0.33x",
                measured: at_most(self.decode.map(|d| d.rust_ns / d.python_ns), 0.33),
            },
            Target {
                name: "Rust `iter_tickets` wall ÷ floor, 0 ms",
                limit: "<= 1.25x",
                measured: at_most(self.ratio(Way::RustIter, Way::Floor, 0, wall), 1.25),
            },
            Target {
                name: "Python `iter` CPU ÷ baseline CPU, 0 ms",
                limit: "<= 1.00x",
                measured: at_most(self.ratio(Way::PythonIter, Way::Requests, 0, cpu), 1.0),
            },
            Target {
                name: "Python `export` wall ÷ baseline wall, 50 ms",
                limit: "<= 0.20x",
                measured: at_most(self.ratio(Way::PythonExport, Way::Requests, 50, wall), 0.2),
            },
            Target {
                name: "Rust parallel speed-up over sequential, 50 ms",
                limit: ">= 6x",
                measured: self
                    .ratio(Way::RustIter, Way::RustExport, 50, wall)
                    .map(|r| (precise(r), r >= 6.0)),
            },
            Target {
                name: "peak memory growth over the long walk, Rust",
                limit: "< 64 MB",
                measured: growth("Rust"),
            },
            Target {
                name: "peak memory growth over the long walk, Python",
                limit: "< 64 MB",
                measured: growth("Python"),
            },
            Target {
                name: "export at 500 GET/min: wall ÷ what the limit allows",
                limit: "<= 1.05x",
                measured: self.rate_limited.as_ref().map(|r| {
                    let ratio = r.wall.as_secs_f64() / r.allowed().as_secs_f64();
                    (precise(ratio), ratio <= 1.05)
                }),
            },
            Target {
                name: "export at 500 GET/min: 429 answers",
                limit: "0",
                measured: self
                    .rate_limited
                    .as_ref()
                    .map(|r| (r.throttled.to_string(), r.throttled == 0)),
            },
        ]
    }

    /// The report as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        self.write_run(&mut out);
        self.write_targets(&mut out);
        self.write_exports(&mut out);
        self.write_speedups(&mut out);
        self.write_growth(&mut out);
        self.write_decode(&mut out);
        self.write_rate_limited(&mut out);
        if let Some(walks) = &self.walks {
            walks.write(&mut out);
        }
        out
    }

    fn write_run(&self, out: &mut String) {
        let m = &self.machine;
        let _ = writeln!(
            out,
            "Command: `{}` (took {:.0} s).\n",
            self.command,
            self.took.as_secs_f64()
        );
        let _ = writeln!(out, "| machine | |\n|---|---|");
        for (what, value) in [
            ("CPU", m.cpu.as_str()),
            ("cores", &m.cores.to_string()),
            ("OS", m.os.as_str()),
            ("rustc", m.rustc.as_str()),
            ("Python", m.python.as_str()),
            (
                "load average (1 min) before / after",
                &format!("{} / {}", m.load_before, m.load_after),
            ),
        ] {
            let _ = writeln!(out, "| {what} | {value} |");
        }
        out.push('\n');
    }

    fn write_targets(&self, out: &mut String) {
        let _ = writeln!(out, "### Targets (issue 13, item 6)\n");
        write_targets(out, self.targets());
    }

    fn write_exports(&self, out: &mut String) {
        for latency in self.latencies() {
            let _ = writeln!(
                out,
                "### Exporting {} tickets (50 a page), {latency} ms added per request\n",
                self.tickets
            );
            let _ = writeln!(
                out,
                "| way | wall s | CPU s | peak RSS MB | wall ÷ floor | wall ÷ baseline | CPU ÷ baseline |"
            );
            let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|");
            for row in self.exports.iter().filter(|r| r.latency_ms == latency) {
                let cost = match &row.cost {
                    Ok(cost) => cost,
                    Err(why) => {
                        let _ = writeln!(out, "| {} | {why} | | | | | |", row.way.label());
                        continue;
                    }
                };
                let ratio = |other: Way, f: fn(&Cost) -> Duration| {
                    self.ratio(row.way, other, latency, f)
                        .map_or("-".to_owned(), times)
                };
                let _ = writeln!(
                    out,
                    "| {} | {:.2} | {:.2} | {} | {} | {} | {} |",
                    row.way.label(),
                    cost.wall.as_secs_f64(),
                    cost.cpu.as_secs_f64(),
                    megabytes(cost.peak_rss),
                    ratio(Way::Floor, |c| c.wall),
                    ratio(Way::Requests, |c| c.wall),
                    ratio(Way::Requests, |c| c.cpu),
                );
            }
            out.push('\n');
        }
    }

    fn write_speedups(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "### Parallel over sequential (wall of `iter` ÷ wall of `export`)\n"
        );
        let _ = writeln!(out, "| latency | Rust | Python |\n|--:|--:|--:|");
        for latency in self.latencies() {
            let speedup = |iter, export| {
                self.ratio(iter, export, latency, |c| c.wall)
                    .map_or("-".to_owned(), times)
            };
            let _ = writeln!(
                out,
                "| {latency} ms | {} | {} |",
                speedup(Way::RustIter, Way::RustExport),
                speedup(Way::PythonIter, Way::PythonExport)
            );
        }
        out.push('\n');
    }

    fn write_growth(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "### Peak memory growth over a long walk (sequential `iter`)\n"
        );
        let _ = writeln!(out, "| language | tickets | growth |\n|---|--:|--:|");
        for growth in &self.growth {
            let figure = match &growth.growth {
                Ok(bytes) => megabytes(*bytes),
                Err(why) => why.clone(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {figure} |",
                growth.language, growth.tickets
            );
        }
        out.push('\n');
    }

    fn write_decode(&self, out: &mut String) {
        let Some(decode) = self.decode else { return };
        let _ = writeln!(
            out,
            "### Decoding one page of 50 full tickets ({} bytes), CPU per ticket\n",
            decode.page_bytes
        );
        let _ = writeln!(out, "| decoder | µs per ticket |\n|---|--:|");
        let _ = writeln!(
            out,
            "| ours (`codec::decode::<Page<Ticket>>`) | {:.1} |",
            decode.rust_ns / 1000.0
        );
        let _ = writeln!(
            out,
            "| Python `json.loads` | {:.1} |",
            decode.python_ns / 1000.0
        );
        let _ = writeln!(
            out,
            "| ratio | {} |\n",
            times(decode.rust_ns / decode.python_ns)
        );
    }

    fn write_rate_limited(&self, out: &mut String) {
        let Some(r) = &self.rate_limited else { return };
        let _ = writeln!(
            out,
            "### At the rate limit ({} GET/min enforced by the emulator)\n",
            r.get_per_min
        );
        let _ = writeln!(
            out,
            "| way | pages | wall s | the limit allows s | 429 answers |\n|---|--:|--:|--:|--:|"
        );
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} | {:.2} | {} |\n",
            r.way.label(),
            r.pages,
            r.wall.as_secs_f64(),
            r.allowed().as_secs_f64(),
            r.throttled
        );
    }
}

pub fn times(ratio: f64) -> String {
    format!("{ratio:.2}x")
}

/// A ratio compared with a target: one more decimal, so 0.334x never reads as 0.33x.
pub fn precise(ratio: f64) -> String {
    format!("{ratio:.3}x")
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Puts `section` between the markers of `document` (replacing what was there), or
/// appends it with the markers when they are missing.
pub fn splice(document: &str, section: &str) -> String {
    const BEGIN: &str = "<!-- bench:begin (written by `cargo xtask bench`) -->";
    const END: &str = "<!-- bench:end -->";
    match (document.find(BEGIN), document.find(END)) {
        (Some(begin), Some(end)) if begin < end => format!(
            "{}{BEGIN}\n{section}{}",
            &document[..begin],
            &document[end..]
        ),
        _ => format!("{}\n{BEGIN}\n{section}{END}\n", document.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(wall_ms: u64, cpu_ms: u64, rss_mb: u64) -> Result<Cost, String> {
        Ok(Cost {
            wall: Duration::from_millis(wall_ms),
            cpu: Duration::from_millis(cpu_ms),
            peak_rss: rss_mb * 1024 * 1024,
        })
    }

    /// Fixed figures: some targets met, some missed, some rows without a figure.
    fn report() -> Report {
        let row = |way, latency_ms, cost| ExportRow {
            way,
            latency_ms,
            cost,
        };
        Report {
            command: "cargo xtask bench".to_owned(),
            machine: Machine {
                cpu: "Test CPU".to_owned(),
                cores: 2,
                os: "Debian, Linux 6.1".to_owned(),
                rustc: "rustc 1.95.0".to_owned(),
                python: "Python 3.11.7".to_owned(),
                load_before: "0.50".to_owned(),
                load_after: "1.50".to_owned(),
            },
            tickets: 10_000,
            exports: vec![
                row(Way::Floor, 0, cost(1_000, 400, 10)),
                row(Way::RustIter, 0, cost(1_200, 900, 12)),
                row(Way::RustExport, 0, cost(500, 950, 20)),
                row(Way::PythonIter, 0, cost(2_000, 1_500, 30)),
                row(
                    Way::PythonExport,
                    0,
                    Err("not measured: not built".to_owned()),
                ),
                row(Way::Requests, 0, cost(4_000, 3_000, 60)),
                row(
                    Way::Hfox,
                    0,
                    Err("not measured: did not install".to_owned()),
                ),
                row(Way::Floor, 50, cost(11_000, 400, 10)),
                row(Way::RustIter, 50, cost(12_000, 900, 12)),
                row(Way::RustExport, 50, cost(2_400, 950, 20)),
                row(Way::Requests, 50, cost(14_000, 3_000, 60)),
            ],
            growth: vec![
                Growth {
                    language: "Rust",
                    tickets: 100_000,
                    growth: Ok(3 * 1024 * 1024),
                },
                Growth {
                    language: "Python",
                    tickets: 100_000,
                    growth: Err("failed: killed".to_owned()),
                },
            ],
            decode: Some(Decode {
                rust_ns: 40_000.0,
                python_ns: 100_000.0,
                page_bytes: 250_000,
            }),
            rate_limited: Some(RateLimited {
                way: Way::RustIter,
                pages: 100,
                get_per_min: 500,
                wall: Duration::from_millis(12_300),
                throttled: 0,
            }),
            walks: Some(walks()),
            took: Duration::from_secs(200),
        }
    }

    /// Fixed walks: every plain and working walk, one that failed.
    fn walks() -> crate::walks::Walks {
        use crate::walks::{Walk, WalkRow, Walks};
        let row = |walk, latency_ms, wall_ms, requests| WalkRow {
            walk,
            latency_ms,
            figures: cost(wall_ms, wall_ms / 4, 20).map(|cost| (cost, requests)),
        };
        let [rust, python, requests] = Walk::PLAIN;
        let mut rows = vec![
            row(rust, 0, 300, 100),
            row(python, 0, 500, 100),
            row(requests, 0, 900, 100),
            row(rust, 50, 5_300, 100),
            row(python, 50, 5_400, 100),
            row(requests, 50, 5_900, 100),
        ];
        let working = Walk::WORKING;
        for (walk, wall_ms) in working.iter().zip([5_600, 10_500, 5_900, 10_800, 11_000]) {
            rows.push(row(*walk, 50, wall_ms, 100));
        }
        rows[7].figures = Err("failed: killed".to_owned());
        Walks {
            tickets: 5_000,
            rows,
        }
    }

    #[test]
    fn renders_figures_ratios_and_targets() {
        insta::assert_snapshot!(report().markdown());
    }

    #[test]
    fn the_limit_allows_pages_at_its_rate() {
        let limited = report().rate_limited.unwrap();
        assert_eq!(limited.allowed(), Duration::from_secs(12));
    }

    #[test]
    fn splicing_replaces_only_between_the_markers() {
        let begin = "<!-- bench:begin (written by `cargo xtask bench`) -->";
        let document = format!("# Notes\n\n{begin}\nold figures\n<!-- bench:end -->\n\nafter\n");
        let spliced = splice(&document, "new figures\n");
        assert_eq!(
            spliced,
            format!("# Notes\n\n{begin}\nnew figures\n<!-- bench:end -->\n\nafter\n")
        );
        assert_eq!(
            splice("# Notes\n", "figures\n"),
            format!("# Notes\n{begin}\nfigures\n<!-- bench:end -->\n")
        );
    }
}
