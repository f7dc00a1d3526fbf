//! The command line: global options (accepted before or after the subcommand) and the
//! command groups.

use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::config_cmd::ConfigCommand;
use crate::contact_groups::ContactGroupsCommand;
use crate::contacts::ContactsCommand;
use crate::demo::DemoArgs;
use crate::emulator::EmulatorCommand;
use crate::output::Format;
use crate::query::QueryCommand;
use crate::system::SystemCommand;
use crate::tickets::TicketsCommand;
use crate::tuning::PacingChoice;

/// What `--help` says about settings, errors and exit codes.
const AFTER_HELP: &str = "\
Settings: the URL comes from --url, else HAPPYFOX_URL, else the config file; the API key and
auth code from HAPPYFOX_API_KEY and HAPPYFOX_AUTH_CODE, else the config file (never from
flags). The config file is $HAPPYFOX_CONFIG, else $XDG_CONFIG_HOME/happyfox/config.toml,
else ~/.config/happyfox/config.toml; `happyfox config init` writes it with mode 0600.
--timeout, --max-retries and --pacing come from the flag, else HAPPYFOX_TIMEOUT,
HAPPYFOX_MAX_RETRIES and HAPPYFOX_PACING, else the config file's `timeout`, `max_retries`
and `pacing` (e.g. `pacing = \"100,60\"`), else the defaults (60 s, 3 retries, 500,300);
with --emulator the config file is not read. `happyfox config show` shows what is in force.

Output: results on stdout (JSON unless --format says otherwise; NDJSON for `tickets export`
and `list --all`); status lines, warnings and progress on stderr only. On failure, stderr
gets one JSON object: {\"type\", \"message\", \"status\"?, \"errors\"?, \"candidates\"?,
\"outcome_unknown\"?}.

Exit codes:
  0  success
  1  API error (type api, rate_limited) or a partial bulk failure
  2  authentication (type auth)
  3  usage or bad input (type usage, validation, config)
  4  not found (type not_found: ticket, contact, or an unknown name)
  5  network, timeout or anything else (type network, timeout, io)";

/// `happyfox --version`: the version and the commit it was built from (`build.rs`).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("HAPPYFOX_COMMIT"),
    ")"
);

/// The HappyFox command-line tool: every ticket operation of the HappyFox API, the lookups,
/// a local emulator, and a demo.
#[derive(Parser)]
#[command(name = "happyfox", version = VERSION, about, after_long_help = AFTER_HELP)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, before or after the subcommand.
#[derive(Args)]
pub struct GlobalArgs {
    /// Output format [default: json; ndjson for `tickets export` and `list --all`].
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Print the exact request of each write (method, URL, body, attachment names and
    /// sizes) and send nothing; reads still go out.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// No status lines, warnings or progress on stderr (errors are still reported).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Log to stderr: -v one line per request (method, path, status, ms, retry), -vv
    /// debug records too, -vvv trace records and bodies. Never credentials.
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// The account URL, e.g. `https://acme.happyfox.com` (overrides HAPPYFOX_URL and the
    /// config file).
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,
    /// Run against an in-process emulator (seeded, no credentials, no network): for trying
    /// things out; its changes end with the command.
    #[arg(long, global = true)]
    pub emulator: bool,
    /// Seconds each request may take, answer included (positive, decimals allowed; each
    /// retry gets its own) [default: 60; env: HAPPYFOX_TIMEOUT; config: timeout].
    #[arg(long, global = true, value_name = "SECONDS", allow_negative_numbers = true,
          value_parser = crate::tuning::parse_timeout)]
    pub timeout: Option<Duration>,
    /// Retries of a failed request (transient failures and rate limits; 0 turns retries
    /// off) [default: 3; env: HAPPYFOX_MAX_RETRIES; config: max_retries].
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true,
          value_parser = crate::tuning::parse_max_retries)]
    pub max_retries: Option<u32>,
    /// Requests a minute the client keeps under, GET,POST: for a key whose limits differ
    /// from HappyFox's 500 GET and 300 POST a minute, e.g. `100,60`; `off` for none;
    /// `GET,POST/SECONDS` for another window than a minute [default: 500,300; env:
    /// HAPPYFOX_PACING; config: pacing].
    #[arg(long, global = true, value_name = "GET,POST", allow_hyphen_values = true,
          value_parser = crate::tuning::parse_pacing)]
    pub pacing: Option<PacingChoice>,
}

/// The command groups.
#[derive(Subcommand)]
pub enum Command {
    /// Tickets: list, read, create, reply, change, export, delete.
    #[command(subcommand)]
    Tickets(Box<TicketsCommand>),
    /// Contacts: list and read.
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// Contact groups: list and read (with members).
    #[command(subcommand)]
    ContactGroups(ContactGroupsCommand),
    /// The account's lookups: staff, statuses, priorities, categories, custom fields.
    #[command(subcommand)]
    System(SystemCommand),
    /// The config file: write it, show what is in force.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Search strings (`q=`).
    #[command(subcommand)]
    Query(QueryCommand),
    /// The local HappyFox emulator.
    #[command(subcommand)]
    Emulator(EmulatorCommand),
    /// Walk through the API against an in-process emulator (no credentials, no network).
    Demo(DemoArgs),
    /// Print a shell completion script, e.g. `happyfox completions bash > ~/.local/share/bash-completion/completions/happyfox`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `happyfox man > ~/.local/share/man/man1/happyfox.1`.
    Man,
    /// Serve the client to AI agents as a Model Context Protocol server over stdio or
    /// streamable HTTP (read-only unless --allow-writes).
    Mcp(crate::mcp::McpArgs),
}
