//! `happyfox-bench run`: serves the emulator in this process and measures every workload
//! in a child process of its own (so its CPU and peak memory are its own), then prints the
//! report and writes it into the output document.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use happyfox_emulator::{
    DEMO_API_KEY, DEMO_AUTH_CODE, Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, RateLimit,
};
use serde_json::Value;

use crate::Flags;
use crate::child;
use crate::machine::{self, Machine};
use crate::report::{Cost, Decode, ExportRow, Growth, RateLimited, Report, Way};
use crate::rows::{self, PAGE_SIZE};
use crate::walks::{WORK_LATENCY_MS, WORK_PER_TICKET_US, Walk, WalkRow, Walker, Walks};

/// Latencies the emulator adds to every request, one set of export rows each.
const LATENCIES_MS: [u64; 2] = [0, 50];
/// Pages of the rate-limit row.
const RATE_LIMITED_PAGES: usize = 100;
/// Seed of every emulator's data.
const SEED: u64 = 13;

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The interpreter with our package, `requests` and (when it installs) `hfox`.
    pub python: PathBuf,
    /// Tickets of the export rows.
    pub tickets: usize,
    /// Tickets of the memory-growth walk.
    pub long_walk: usize,
    /// Tickets of the plain walks with no size set (issue 21).
    pub plain_walk: usize,
    /// CPU time each decoder spends on the page.
    pub decode_budget: Duration,
    /// Where to write the report (between its markers), if anywhere.
    pub out: Option<PathBuf>,
    /// The command to name in the report.
    pub command: String,
}

impl Options {
    /// Reads `--python PATH [--tickets N] [--quick] [--out FILE] [--command TEXT]`.
    pub fn parse(args: &[String]) -> Result<Self> {
        let flags = Flags(args);
        flags.only(
            &["--python", "--tickets", "--out", "--command"],
            &["--quick"],
        )?;
        let quick = flags.has("--quick");
        let tickets = flags.number("--tickets", if quick { 2_000 } else { 10_000 })?;
        if tickets == 0 {
            bail!("--tickets must be at least 1");
        }
        Ok(Self {
            python: flags.required("--python")?.into(),
            tickets,
            long_walk: if quick { 10_000 } else { 100_000 },
            plain_walk: if quick { 1_000 } else { 5_000 },
            decode_budget: Duration::from_millis(if quick { 300 } else { 2_000 }),
            out: flags.text("--out").map(PathBuf::from),
            command: flags
                .text("--command")
                .unwrap_or("happyfox-bench run")
                .to_owned(),
        })
    }
}

/// Measures everything, prints the report and writes it to `options.out`.
pub fn run(options: &Options) -> Result<()> {
    let started = Instant::now();
    let mut machine = Machine::describe(&options.python);
    let scratch = std::env::temp_dir().join(format!("happyfox-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let page_file = scratch.join("page.json");

    let mut exports = Vec::new();
    for latency_ms in LATENCIES_MS {
        let emulator = serve(
            options.tickets,
            FaultConfig {
                latency: Duration::from_millis(latency_ms),
                ..FaultConfig::none()
            },
        )?;
        if latency_ms == 0 {
            let page = rows::fetch_page(&ureq::Agent::new_with_defaults(), &emulator.url(), 1)?;
            std::fs::write(&page_file, page)?;
        }
        for way in Way::ALL {
            eprintln!("measuring {} at {latency_ms} ms", way.label());
            let cost = export(way, &emulator.url(), options);
            exports.push(ExportRow {
                way,
                latency_ms,
                cost,
            });
        }
    }
    let decode = decode(&page_file, options)?;
    let growth = growth(options)?;
    let rate_limited = rate_limited(options)?;
    let walks = walks(options)?;
    std::fs::remove_dir_all(&scratch).ok();

    machine.load_after = machine::load_average();
    let report = Report {
        command: options.command.clone(),
        machine,
        tickets: options.tickets,
        exports,
        growth,
        decode: Some(decode),
        rate_limited: Some(rate_limited),
        walks: Some(walks),
        took: started.elapsed(),
    };
    let markdown = report.markdown();
    print!("{markdown}");
    if let Some(out) = &options.out {
        let document = std::fs::read_to_string(out).unwrap_or_default();
        std::fs::write(out, crate::report::splice(&document, &markdown))
            .with_context(|| format!("writing {}", out.display()))?;
        eprintln!("written to {}", out.display());
    }
    Ok(())
}

/// An emulator of `tickets` generated tickets with `faults`.
fn serve(tickets: usize, faults: FaultConfig) -> Result<EmulatorHandle> {
    let started = Instant::now();
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .tickets(tickets)
            .seed(SEED)
            .faults(faults),
    )?;
    eprintln!(
        "emulator with {tickets} tickets up in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(emulator)
}

/// Exports every ticket of the emulator at `url` one `way`, checking that every ticket
/// came; its cost, or why there is none.
fn export(way: Way, url: &str, options: &Options) -> Result<Cost, String> {
    let mut command = match way {
        Way::Floor => rust("floor", url, options.tickets),
        Way::RustIter => rust("iter", url, options.tickets),
        Way::RustExport => rust("export", url, options.tickets),
        Way::PythonIter => python("iter", url, options),
        Way::PythonExport => python("export", url, options),
        Way::Requests => python("requests", url, options),
        Way::Hfox => {
            if !imports(&options.python, "hfox.core.client") {
                return Err("not measured: `pip install hfox` did not install it".to_owned());
            }
            python("hfox", url, options)
        }
    };
    let (field, count) = match way {
        Way::Floor => ("pages", options.tickets.div_ceil(PAGE_SIZE)),
        _ => ("tickets", options.tickets),
    };
    measure_all(&mut command, field, count)
}

/// CPU per ticket of our decoder and of `json.loads` on the same page.
fn decode(page_file: &Path, options: &Options) -> Result<Decode> {
    let budget = options.decode_budget.as_millis().to_string();
    let per_ticket = |command: &mut Command| -> Result<f64> {
        let run = child::measure(
            command
                .args(["--page-file"])
                .arg(page_file)
                .args(["--cpu-ms", &budget]),
        )?;
        Ok(number(&run.report, "cpu_ns") / number(&run.report, "tickets"))
    };
    eprintln!("measuring decoding");
    Ok(Decode {
        rust_ns: per_ticket(&mut rust("decode", "", 0))?,
        python_ns: per_ticket(&mut python("decode", "", options))?,
        page_bytes: std::fs::metadata(page_file)?.len() as usize,
    })
}

/// Peak memory growth over a walk of `options.long_walk` tickets, in Rust and in Python.
fn growth(options: &Options) -> Result<Vec<Growth>> {
    let emulator = serve(options.long_walk, FaultConfig::none())?;
    let long = Options {
        tickets: options.long_walk,
        ..options.clone()
    };
    let mut figures = Vec::new();
    for (language, mut command) in [
        ("Rust", rust("growth", &emulator.url(), long.tickets)),
        ("Python", python("growth", &emulator.url(), &long)),
    ] {
        eprintln!(
            "measuring memory growth over {} tickets in {language}",
            long.tickets
        );
        let growth = child::measure(&mut command)
            .map_err(|error| format!("failed: {}", first_line(&format!("{error:#}"))))
            .and_then(|run| {
                let tickets = number(&run.report, "tickets") as usize;
                if tickets == long.tickets {
                    Ok(number(&run.report, "growth_bytes") as u64)
                } else {
                    Err(format!("wrong: {tickets} tickets of {}", long.tickets))
                }
            });
        figures.push(Growth {
            language,
            tickets: long.tickets,
            growth,
        });
    }
    Ok(figures)
}

/// An export of 100 pages from an emulator enforcing HappyFox's 500 GET a minute, with the
/// client's default pacing, and the 429 answers the emulator sent.
fn rate_limited(options: &Options) -> Result<RateLimited> {
    let limit = RateLimit::happyfox();
    let tickets = RATE_LIMITED_PAGES * PAGE_SIZE;
    let emulator = serve(
        tickets,
        FaultConfig {
            rate_limit: Some(limit),
            ..FaultConfig::none()
        },
    )?;
    let way = Way::RustExport;
    eprintln!("measuring {} at {} GET/min", way.label(), limit.get_per_min);
    let long = Options {
        tickets,
        ..options.clone()
    };
    let cost = export(way, &emulator.url(), &long)
        .map_err(|why| anyhow::anyhow!("the rate-limited export: {why}"))?;
    Ok(RateLimited {
        way,
        pages: RATE_LIMITED_PAGES,
        get_per_min: limit.get_per_min,
        wall: cost.wall,
        throttled: emulator.stats().total().throttled,
    })
}

/// Every walk of every ticket with no size set (issue 21): the plain walks at each latency,
/// the working ones at 50 ms; each row with the listing requests the emulator received.
fn walks(options: &Options) -> Result<Walks> {
    let tickets = options.plain_walk;
    let walker = Options {
        tickets,
        ..options.clone()
    };
    let mut rows = Vec::new();
    for latency_ms in LATENCIES_MS {
        let emulator = serve(
            tickets,
            FaultConfig {
                latency: Duration::from_millis(latency_ms),
                ..FaultConfig::none()
            },
        )?;
        let working = if latency_ms == WORK_LATENCY_MS {
            &Walk::WORKING[..]
        } else {
            &[]
        };
        for &walk in Walk::PLAIN.iter().chain(working) {
            eprintln!("measuring {} at {latency_ms} ms", walk.label());
            emulator.reset_stats();
            let mut command = match walk.walker {
                Walker::Rust => rust("walk", &emulator.url(), tickets),
                Walker::Python => python("walk", &emulator.url(), &walker),
                Walker::Requests => python("requests", &emulator.url(), &walker),
            };
            if walk.work {
                command.args(["--work-us", &WORK_PER_TICKET_US.to_string()]);
            }
            if !walk.read_ahead && walk.walker != Walker::Requests {
                command.arg("--no-read-ahead");
            }
            let figures = measure_all(&mut command, "tickets", tickets)
                .map(|cost| (cost, emulator.stats().of("GET", "/tickets/").received));
            rows.push(WalkRow {
                walk,
                latency_ms,
                figures,
            });
        }
    }
    Ok(Walks { tickets, rows })
}

/// Runs one workload, checking that it read all `count` of `field` (tickets or pages).
fn measure_all(command: &mut Command, field: &str, count: usize) -> Result<Cost, String> {
    let run = child::measure(command).map_err(|error| {
        eprintln!("{command:?} failed: {error:#}");
        format!("failed: {}", first_line(&format!("{error:#}")))
    })?;
    let got = run.report[field].as_u64().unwrap_or(0);
    if got != count as u64 {
        return Err(format!("wrong: {got} {field} of {count}"));
    }
    Ok(Cost {
        wall: run.wall,
        cpu: run.cpu,
        peak_rss: run.peak_rss,
    })
}

/// This binary running the Rust workload `kind`.
fn rust(kind: &str, url: &str, tickets: usize) -> Command {
    let mut command =
        Command::new(std::env::current_exe().unwrap_or_else(|_| "happyfox-bench".into()));
    command
        .args(["row", kind, "--url", url, "--tickets"])
        .arg(tickets.to_string());
    command
}

/// The Python workload `kind` (`python/rows.py`).
fn python(kind: &str, url: &str, options: &Options) -> Command {
    let mut command = Command::new(&options.python);
    command
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("python/rows.py"))
        .args([
            kind,
            "--url",
            url,
            "--api-key",
            DEMO_API_KEY,
            "--auth-code",
            DEMO_AUTH_CODE,
        ])
        .args(["--tickets", &options.tickets.to_string()]);
    command
}

/// Whether `python` can import `module`.
fn imports(python: &Path, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|out| out.status.success())
}

fn number(report: &Value, field: &str) -> f64 {
    report[field].as_f64().unwrap_or(f64::NAN)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options> {
        let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        Options::parse(&args)
    }

    #[test]
    fn quick_runs_fewer_tickets_unless_told() {
        let quick = parse(&["--python", "py", "--quick"]).unwrap();
        assert_eq!(
            (quick.tickets, quick.long_walk, quick.plain_walk),
            (2_000, 10_000, 1_000)
        );
        let full = parse(&["--python", "py", "--tickets", "500"]).unwrap();
        assert_eq!((full.tickets, full.long_walk), (500, 100_000));
    }

    #[test]
    fn bad_arguments_are_refused_with_the_reason() {
        for (args, reason) in [
            (
                &["--python", "py", "--tickts", "5"][..],
                "unknown argument \"--tickts\"",
            ),
            (&["--python", "py", "--tickets", "0"], "at least 1"),
            (
                &["--python", "py", "--tickets", "many"],
                "expected a whole number",
            ),
            (&["--python"], "--python needs a value"),
            (&["--quick"], "--python is required"),
        ] {
            let error = format!("{:#}", parse(args).unwrap_err());
            assert!(error.contains(reason), "{args:?}: {error}");
        }
    }
}
