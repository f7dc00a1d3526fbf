//! `happyfox`: the HappyFox API from the shell (tickets, contacts, lookups, config), the
//! local emulator, the demo, and search-string checks.

mod cli;
mod config_cmd;
mod contact_groups;
mod contacts;
mod demo;
mod emulator;
mod failure;
mod mcp;
mod output;
mod paging;
mod progress;
mod query;
mod resolve;
mod session;
mod settings;
mod system;
mod tickets;
mod tuning;
mod verbose;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use failure::{Failure, Kind};
use output::{Format, Output};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report();
            failure.exit_code()
        }
    }
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let global = &cli.global;
    verbose::install(global.verbose);
    match &cli.command {
        Command::Tickets(command) => tickets::run(command, global),
        Command::Contacts(command) => contacts::run(command, global),
        Command::ContactGroups(command) => contact_groups::run(command, global),
        Command::System(command) => system::run(*command, global),
        Command::Config(command) => {
            let out = &mut Output::stdout(global.format.unwrap_or(Format::Json));
            config_cmd::run(command, global, out)
        }
        Command::Query(command) => query::run(command),
        Command::Emulator(command) => emulator::run(command),
        Command::Demo(args) => {
            demo::run(args).map_err(|error| match error.downcast_ref::<happyfox::Error>() {
                Some(api) => Failure::from(api.clone()),
                None => Failure::new(Kind::Api, format!("{error:#}")),
            })
        }
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(*shell, &mut command, "happyfox", &mut std::io::stdout());
            Ok(())
        }
        Command::Mcp(args) => mcp::run(args, global),
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            Ok(std::io::stdout().write_all(&page)?)
        }
    }
}

/// What a command line clap refused becomes: help and version as clap prints them (exit
/// 0), help for a missing subcommand on stderr (exit 3), anything else a `usage` error
/// object whose message is clap's text (exit 3, not clap's 2, which means authentication).
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(Kind::Usage.exit_code())
        }
        _ => {
            let failure = Failure::usage(error.render().to_string().trim_end());
            failure.report();
            failure.exit_code()
        }
    }
}
