//! The README's parallel export, run against an in-process emulator holding 2,000 tickets
//! with 50 ms added to every request (`cargo run -p happyfox --example export_parallel`):
//! prints every "New" ticket, then how long eight workers and one took.

use std::time::Instant;

use happyfox_emulator::{Emulator, EmulatorConfig, FaultConfig};

// README begin
use happyfox::{Client, ExportOptions, ListTickets, Query, Sort};

/// Prints every ticket in status "New", by ticket number, fetching `workers` pages at a time.
fn export_new(client: &Client, workers: usize) -> happyfox::Result<usize> {
    let new = ListTickets::new()
        .q(Query::new().status("New"))
        .sort(Sort::TicketIdAscending);
    let mut count = 0;
    for ticket in client.export_tickets_with(&new, ExportOptions::default().workers(workers)) {
        let ticket = ticket?;
        println!("{} {}", ticket.id, ticket.subject.unwrap_or_default());
        count += 1;
    }
    Ok(count)
}
// README end

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(2000).faults(FaultConfig {
        latency: std::time::Duration::from_millis(50),
        ..FaultConfig::none()
    }))?;
    let client = emulator.client();
    let mut timings = Vec::new();
    for workers in [8, 1] {
        let started = Instant::now();
        let count = export_new(&client, workers)?;
        timings.push(format!(
            "{count} tickets with {workers} worker(s) in {:.2} s",
            started.elapsed().as_secs_f64()
        ));
    }
    eprintln!("{}", timings.join("; "));
    Ok(())
}
