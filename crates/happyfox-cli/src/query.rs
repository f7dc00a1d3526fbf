//! `happyfox query check <q>`: prints the canonical form of a search string, or where it is
//! malformed.

use std::process::ExitCode;

use clap::Subcommand;
use happyfox_query::Query;

/// Search-string commands.
#[derive(Subcommand)]
pub enum QueryCommand {
    /// Print the canonical form of a search string (exit 0), or a positioned error (exit 2).
    Check {
        /// The search string, as given to `q=` (decoded: spaces, not `+`).
        query: String,
    },
}

/// Runs a query command.
pub fn run(command: QueryCommand) -> anyhow::Result<ExitCode> {
    match command {
        QueryCommand::Check { query } => match Query::parse(&query) {
            Ok(parsed) => {
                println!("{parsed}");
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => {
                eprintln!("error: malformed search query\n{error}");
                Ok(ExitCode::from(2))
            }
        },
    }
}
