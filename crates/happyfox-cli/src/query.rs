//! `happyfox query check <q>`: prints the canonical form of a search string, or where it is
//! malformed or ambiguous.

use clap::{ArgGroup, Subcommand};
use happyfox_query::Query;

use crate::failure::{Failure, Kind};

/// Search-string commands.
#[derive(Subcommand)]
pub enum QueryCommand {
    /// Print the canonical form of a search string (exit 0), or a `validation` error whose
    /// message points at the problem (exit 3).
    ///
    /// The string is read as the client reads a raw `q`: decoded text, or the reference's
    /// URL form (`tag:"a"+status:"In+Progress"`, `+` for a space) when only that parses; a
    /// `+` that could be a space or a literal `+` is an error showing both spellings.
    #[command(group(ArgGroup::new("form").args(["url_form", "decoded"])))]
    Check {
        /// The search string.
        query: String,
        /// Read it in the reference's URL form: every `+` is a space.
        #[arg(long)]
        url_form: bool,
        /// Read it as decoded text: every `+` is a literal `+` (`C++`).
        #[arg(long)]
        decoded: bool,
    },
}

/// Runs a query command.
pub fn run(command: &QueryCommand) -> Result<(), Failure> {
    match command {
        QueryCommand::Check {
            query,
            url_form,
            decoded,
        } => {
            let parsed = if *url_form {
                Query::parse_url_form(query)
            } else if *decoded {
                Query::parse(query)
            } else {
                Query::parse_raw(query)
            };
            match parsed {
                Ok(parsed) => {
                    println!("{parsed}");
                    Ok(())
                }
                Err(error) => {
                    let hint = if error.help().is_some() && !url_form && !decoded {
                        "\nhint: --url-form reads every `+` as a space, --decoded as a `+`"
                    } else {
                        ""
                    };
                    Err(Failure::new(
                        Kind::Validation,
                        format!("malformed search query\n{error}{hint}"),
                    ))
                }
            }
        }
    }
}
