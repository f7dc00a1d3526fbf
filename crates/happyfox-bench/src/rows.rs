//! The Rust workloads, each run alone in a child process (`happyfox-bench row KIND`): the
//! raw-bytes floor, the client's sequential page walk and parallel export, the plain walk
//! with no size set (with work per ticket, read-ahead on or off), memory growth over a long
//! walk, and decoding one saved page over and over. Each prints one line of JSON figures.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use happyfox::{Client, ListTickets, Page, Ticket};
use happyfox_emulator::{DEMO_API_KEY, DEMO_AUTH_CODE};
use serde_json::json;

use crate::Flags;

/// The page size every workload asks for (HappyFox's largest).
pub const PAGE_SIZE: usize = 50;

/// Runs the workload `kind` and prints its figures, with the process's peak resident memory
/// (`peak_rss`, bytes).
pub fn run(kind: &str, flags: &Flags) -> Result<()> {
    flags.only(
        &["--url", "--tickets", "--page-file", "--cpu-ms", "--work-us"],
        &["--no-read-ahead"],
    )?;
    let figures = match kind {
        "floor" => floor(flags.required("--url")?, flags.number("--tickets", 0)?)?,
        "iter" => json!({ "tickets": count(client(flags, true)?.iter_tickets(&every_ticket()))? }),
        "export" => {
            json!({ "tickets": count(client(flags, true)?.export_tickets(&every_ticket()))? })
        }
        "walk" => walk(flags)?,
        "growth" => growth(&client(flags, false)?)?,
        "decode" => decode(
            &std::fs::read(flags.required("--page-file")?).context("reading --page-file")?,
            Duration::from_millis(flags.number("--cpu-ms", 2000)? as u64),
        )?,
        other => bail!("unknown workload {other:?}: floor, iter, export, walk, growth or decode"),
    };
    let mut figures = figures;
    figures["peak_rss"] = proc_status_bytes("VmHWM")?.into();
    println!("{figures}");
    Ok(())
}

/// A client of the emulator at `--url`, with the client's default pacing or none, and
/// read-ahead unless `--no-read-ahead`.
fn client(flags: &Flags, paced: bool) -> Result<Client> {
    let builder = Client::builder()
        .base_url(flags.required("--url")?)
        .credentials(DEMO_API_KEY, DEMO_AUTH_CODE)
        .read_ahead(!flags.has("--no-read-ahead"));
    let builder = if paced { builder } else { builder.no_pacing() };
    Ok(builder.build()?)
}

/// Every page of `tickets` tickets fetched with plain ureq as bytes, never decoded: what
/// any client pays for the HTTP alone.
fn floor(url: &str, tickets: usize) -> Result<serde_json::Value> {
    let agent = ureq::Agent::new_with_defaults();
    let pages = tickets.div_ceil(PAGE_SIZE).max(1);
    let mut bytes = 0;
    for page in 1..=pages {
        bytes += fetch_page(&agent, url, page)?.len();
    }
    Ok(json!({ "pages": pages, "bytes": bytes }))
}

/// The body of listing page `page` (50 tickets a page) of the emulator at `url`.
pub fn fetch_page(agent: &ureq::Agent, url: &str, page: usize) -> Result<Vec<u8>> {
    let credentials = STANDARD.encode(format!("{DEMO_API_KEY}:{DEMO_AUTH_CODE}"));
    Ok(agent
        .get(format!("{url}/api/1.1/json/tickets/"))
        .header("Authorization", format!("Basic {credentials}"))
        .query("size", PAGE_SIZE.to_string())
        .query("page", page.to_string())
        .call()
        .with_context(|| format!("page {page}"))?
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()?)
}

/// The listing every walk reads: every ticket, 50 a page.
fn every_ticket() -> ListTickets {
    ListTickets::new().size(PAGE_SIZE as u64)
}

/// Counts the tickets of a walk, failing at its first error.
fn count(tickets: impl Iterator<Item = happyfox::Result<Ticket>>) -> Result<usize> {
    let mut count = 0;
    for ticket in tickets {
        ticket?;
        count += 1;
    }
    Ok(count)
}

/// `for ticket in client.iter_tickets(&ListTickets::new())`: no size set, spending
/// `--work-us` on each ticket, with the client's read-ahead unless `--no-read-ahead`.
fn walk(flags: &Flags) -> Result<serde_json::Value> {
    let client = client(flags, true)?;
    let work = Duration::from_micros(flags.number("--work-us", 0)? as u64);
    let mut tickets = 0;
    for ticket in client.iter_tickets(&ListTickets::new()) {
        ticket?;
        let until = std::time::Instant::now() + work;
        while std::time::Instant::now() < until {
            std::hint::spin_loop();
        }
        tickets += 1;
    }
    Ok(json!({ "tickets": tickets }))
}

/// How much the peak resident memory grows over a walk of every ticket.
fn growth(client: &Client) -> Result<serde_json::Value> {
    let before = proc_status_bytes("VmRSS")?;
    let tickets = count(client.iter_tickets(&every_ticket()))?;
    let peak = proc_status_bytes("VmHWM")?;
    Ok(json!({ "tickets": tickets, "growth_bytes": peak.saturating_sub(before) }))
}

/// A `kB` figure of `/proc/self/status`, in bytes.
fn proc_status_bytes(field: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .with_context(|| format!("{field} in /proc/self/status"))
}

/// Decodes `page` (a listing body) as the client does until `budget` of CPU time is spent.
fn decode(page: &[u8], budget: Duration) -> Result<serde_json::Value> {
    let started = process_cpu()?;
    let mut decoded = 0;
    let mut pages = 0u64;
    while process_cpu()? - started < budget || pages == 0 {
        let page: Page<Ticket> = happyfox::codec::decode(page)?;
        decoded += page.data.len();
        pages += 1;
    }
    let cpu = process_cpu()? - started;
    Ok(json!({ "tickets": decoded, "cpu_ns": cpu.as_nanos() as u64 }))
}

/// The CPU time this process has used so far.
fn process_cpu() -> Result<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a live, writable timespec.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) } != 0 {
        return Err(std::io::Error::last_os_error()).context("clock_gettime");
    }
    Ok(Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    ))
}
