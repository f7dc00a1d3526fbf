//! How close the client's pacing comes to a rate limit past full windows: the emulator
//! enforces HappyFox's 500 GET a minute scaled down ten times (50 GET per 6 s) or further
//! (25 per 3 s), the client paces itself to the same limit, and `export_tickets` reads 100
//! or 151 pages. Prints the wall time, the least time the limit allows, and the 429 answers
//! (`cargo run --release -p happyfox --example pacing_windows`; takes about 35 s).

use std::time::{Duration, Instant};

use happyfox::{ListTickets, Pacing, StatusFilter};
use happyfox_emulator::{Emulator, EmulatorConfig, FaultConfig, RateLimit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for (per_window, window_s, pages) in [(50u32, 6u64, 100usize), (50, 6, 151), (25, 3, 100)] {
        let window = Duration::from_secs(window_s);
        let limit = RateLimit::per_minute(per_window, per_window).window(window);
        let emulator = Emulator::start(EmulatorConfig::new().tickets(pages * 50).seed(13).faults(
            FaultConfig {
                rate_limit: Some(limit),
                ..FaultConfig::none()
            },
        ))?;
        let client = emulator
            .client_builder()
            .pacing(Pacing::per_minute(per_window, per_window).window(window))
            .build()?;
        let started = Instant::now();
        let mut tickets = 0;
        for ticket in client.export_tickets(&ListTickets::new().status(StatusFilter::All)) {
            ticket?;
            tickets += 1;
        }
        let wall = started.elapsed().as_secs_f64();
        // A fixed window admits `per_window` requests at once: the pages need this many
        // windows after the first one.
        let windows = pages.div_ceil(per_window as usize) - 1;
        let least = windows as f64 * window_s as f64;
        let throttled = emulator.stats().of("GET", "/tickets/").throttled;
        println!(
            "{per_window} GET per {window_s} s, {pages} pages ({tickets} tickets): {wall:.2} s; \
             the limit allows {least:.1} s at the least ({:.2}x); {throttled} answers 429",
            wall / least
        );
    }
    Ok(())
}
