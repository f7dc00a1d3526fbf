//! `happyfox emulator serve`: a HappyFox emulator on a local port until Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use happyfox_emulator::{
    DEFAULT_TICKETS, DEMO_API_KEY, DEMO_AUTH_CODE, EmulatorConfig, FaultConfig, RateLimit,
    serve_until_ctrl_c,
};

use crate::failure::{Failure, Kind};

/// Emulator commands.
#[derive(Subcommand)]
pub enum EmulatorCommand {
    /// Serve the emulator until Ctrl-C. The first line on stdout is `listening on <url>`.
    Serve(ServeArgs),
}

/// Options of `emulator serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Number of tickets to generate.
    #[arg(long, default_value_t = DEFAULT_TICKETS)]
    tickets: usize,
    /// Seed of the generated data and of the faults.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// API key clients must send (default: the demo key).
    #[arg(long, default_value = DEMO_API_KEY)]
    api_key: String,
    /// Auth code clients must send (default: the demo code).
    #[arg(long, default_value = DEMO_AUTH_CODE)]
    auth_code: String,
    /// A JSON fixture to load instead of generating data (as written by the emulator's dump).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Latency added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Enable rate limits: `GET_PER_MIN,POST_PER_MIN`; alone, HappyFox's 500 GET and 300 POST.
    #[arg(long, value_parser = RateLimit::parse, num_args = 0..=1, default_missing_value = "500,300")]
    rate_limit: Option<RateLimit>,
    /// Fraction of requests answered with a 5xx (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Fraction of connections dropped without an answer (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Fraction of answers whose body is cut short (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    truncate_rate: f64,
}

/// Runs an emulator command.
pub fn run(command: &EmulatorCommand) -> Result<(), Failure> {
    match command {
        EmulatorCommand::Serve(args) => serve(args),
    }
}

fn serve(args: &ServeArgs) -> Result<(), Failure> {
    for (name, value) in [
        ("--error-rate", args.error_rate),
        ("--drop-rate", args.drop_rate),
        ("--truncate-rate", args.truncate_rate),
    ] {
        if !(0.0..=1.0).contains(&value) {
            return Err(Failure::usage(format!(
                "{name} must be a fraction between 0 and 1, got {value}"
            )));
        }
    }
    let config = EmulatorConfig {
        addr: args.addr,
        api_key: args.api_key.clone(),
        auth_code: args.auth_code.clone(),
        tickets: args.tickets,
        seed: args.seed,
        data: args.data.clone(),
        faults: FaultConfig {
            latency: Duration::from_millis(args.latency_ms),
            rate_limit: args.rate_limit,
            error_rate: args.error_rate,
            drop_rate: args.drop_rate,
            truncate_rate: args.truncate_rate,
            ..FaultConfig::default()
        },
        ..EmulatorConfig::default()
    };
    serve_until_ctrl_c(config, |handle| {
        println!("listening on {}", handle.url());
        println!("api key: {}", handle.api_key());
        println!("auth code: {}", handle.auth_code());
        println!(
            "try: HAPPYFOX_URL={} HAPPYFOX_API_KEY={} HAPPYFOX_AUTH_CODE={}",
            handle.url(),
            handle.api_key(),
            handle.auth_code()
        );
        let _ = std::io::stdout().flush();
    })
    .map_err(|error| Failure::new(Kind::Network, format!("running the emulator: {error}")))?;
    eprintln!("emulator stopped");
    Ok(())
}
