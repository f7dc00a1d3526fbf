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
        /// The search string, decoded (spaces, not `+`), unless `--url-form` is given.
        query: String,
        /// Read the reference's URL form, where `+` stands for a space
        /// (`tag:"a"+status:"In+Progress"`).
        #[arg(long)]
        url_form: bool,
    },
}

/// Runs a query command.
pub fn run(command: QueryCommand) -> anyhow::Result<ExitCode> {
    match command {
        QueryCommand::Check { query, url_form } => match parse(&query, url_form) {
            Ok(parsed) => {
                println!("{parsed}");
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => {
                eprintln!("error: malformed search query\n{error}");
                if !url_form && query.contains('+') {
                    eprintln!(
                        "hint: for the reference's URL form, where `+` is a space, add --url-form"
                    );
                }
                Ok(ExitCode::from(2))
            }
        },
    }
}

fn parse(query: &str, url_form: bool) -> Result<Query, happyfox_query::ParseError> {
    if url_form {
        Query::parse_url_form(query)
    } else {
        Query::parse(query)
    }
}
