//! `happyfox`: run the HappyFox emulator, walk through the API in a demo, check search strings.

mod demo;
mod emulator;
mod query;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The HappyFox command-line tool.
#[derive(Parser)]
#[command(name = "happyfox", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The local HappyFox emulator.
    #[command(subcommand)]
    Emulator(emulator::EmulatorCommand),
    /// Walk through the API against an in-process emulator (no credentials, no network).
    Demo(demo::DemoArgs),
    /// Search strings (`q=`).
    #[command(subcommand)]
    Query(query::QueryCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Emulator(command) => emulator::run(command),
        Command::Demo(args) => demo::run(&args),
        Command::Query(command) => query::run(command),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
