//! `happyfox mcp`: the client as a Model Context Protocol server over stdio, for AI agents
//! (Claude Desktop, VS Code, agent frameworks). Credentials come as for every command (the
//! environment or the config file; `--emulator` serves the in-process emulator); the server
//! reads only unless started with `--allow-writes`.

use clap::Args;

use crate::cli::GlobalArgs;
use crate::failure::{Failure, Kind};
use crate::output::Format;
use crate::session::Session;

/// Options of `happyfox mcp`.
#[derive(Args, Debug)]
pub struct McpArgs {
    /// Offer the tools that write (create, reply, note, update...); without it every tool
    /// reads.
    #[arg(long)]
    allow_writes: bool,
    /// Offer delete, move and forward too (with --allow-writes).
    #[arg(long, requires = "allow_writes")]
    allow_destructive: bool,
    /// The acting agent when a write names none: a staff id, name or email.
    #[arg(long, value_name = "STAFF")]
    staff: Option<String>,
    /// The most bytes of one answer (a listing then shows fewer items and says so) [default: 24576].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1024..))]
    max_answer_bytes: Option<u64>,
    /// Only these tools and groups, comma-separated: `tickets_list,tickets_thread,staff`
    /// (a group, e.g. `staff`, is every `staff_...` tool); the access flags still apply.
    #[arg(long, value_name = "TOOLS", value_delimiter = ',')]
    tools: Option<Vec<String>>,
    /// Print the tools the server would offer with these flags (name and access) and exit.
    #[arg(long)]
    list_tools: bool,
}

/// Runs `happyfox mcp`.
pub fn run(args: &McpArgs, global: &GlobalArgs) -> Result<(), Failure> {
    let mut settings = happyfox_mcp::Settings {
        allow_writes: args.allow_writes,
        allow_destructive: args.allow_destructive,
        staff: args.staff.clone(),
        tools: args.tools.clone(),
        ..happyfox_mcp::Settings::default()
    };
    if let Some(bytes) = args.max_answer_bytes {
        settings.max_answer_bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
    }
    if args.list_tools {
        for tool in happyfox_mcp::offered(&settings) {
            println!("{}\t{:?}", tool.name, tool.access);
        }
        return Ok(());
    }
    let mut session = Session::open(global, Format::Json)?;
    session.release_stdout();
    happyfox_mcp::serve_stdio(session.client.clone(), settings)
        .map_err(|error| Failure::new(Kind::Io, format!("the MCP server stopped: {error}")))
}
