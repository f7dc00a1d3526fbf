//! `happyfox mcp`: the client as a Model Context Protocol server for AI agents (Claude
//! Desktop, VS Code, agent frameworks), over stdio or streamable HTTP (`--http`).
//! Credentials come as for every command (the environment or the config file; `--emulator`
//! serves the in-process emulator); the server reads only unless started with
//! `--allow-writes`.

use std::net::SocketAddr;

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
    /// Serve streamable HTTP at http://ADDR/mcp instead of stdio (e.g. 127.0.0.1:8765; port
    /// 0 picks one, printed on stderr). An address other than loopback needs --http-token.
    #[arg(long, value_name = "ADDR")]
    http: Option<SocketAddr>,
    /// The bearer token every HTTP request must carry (`Authorization: Bearer <token>`);
    /// required off loopback. Prefer the environment variable: a flag shows in `ps`.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "HAPPYFOX_MCP_TOKEN",
        hide_env_values = true,
        requires = "http"
    )]
    http_token: Option<String>,
    /// A browser origin allowed to call over HTTP (`https://app.example.com:443`; repeat for
    /// more). A request with any other `Origin` header is refused; one without passes.
    #[arg(long, value_name = "ORIGIN", requires = "http")]
    http_allow_origin: Vec<String>,
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
    let http = args.http.map(|addr| happyfox_mcp::HttpSettings {
        token: args.http_token.clone(),
        allowed_origins: args.http_allow_origin.clone(),
        ..happyfox_mcp::HttpSettings::new(addr)
    });
    if let Some(why) = http.as_ref().and_then(happyfox_mcp::HttpSettings::refusal) {
        return Err(Failure::new(Kind::Usage, why));
    }
    let mut session = Session::open(global, Format::Json)?;
    session.release_stdout();
    let client = session.client.clone();
    let served = match http {
        Some(http) => happyfox_mcp::serve_http(client, settings, http, |addr| {
            eprintln!(
                "happyfox mcp: serving MCP over streamable HTTP at http://{addr}{}",
                happyfox_mcp::PATH
            );
        }),
        None => happyfox_mcp::serve_stdio(client, settings),
    };
    served.map_err(|error| Failure::new(Kind::Io, format!("the MCP server stopped: {error}")))
}
