//! One run of an API command: the client (for the configured account, or for an in-process
//! emulator with `--emulator`), where results go, and the status lines on stderr.

use happyfox::Client;
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

use crate::cli::GlobalArgs;
use crate::failure::{Failure, Kind};
use crate::output::{Format, Output};
use crate::settings::Settings;
use crate::tuning::Tuning;

/// Tickets and seed of the `--emulator` account (the demo's).
const EMULATOR_TICKETS: usize = 60;
const EMULATOR_SEED: u64 = 7;

/// What a command works with.
pub struct Session {
    /// The client.
    pub client: Client,
    /// Results.
    pub out: Output,
    /// Status lines and warnings on stderr (silent with `--quiet`).
    pub ui: Ui,
    /// Whether writes are only shown (`--dry-run`).
    pub dry_run: bool,
    /// Keeps the `--emulator` account running for the run.
    _emulator: Option<EmulatorHandle>,
}

impl Session {
    /// Gives stdout back: the results writer holds its lock, which a command writing stdout
    /// another way (`happyfox mcp`, from other threads) must not wait for.
    pub fn release_stdout(&mut self) {
        self.out = Output::new(Format::Json, Box::new(std::io::sink()), None);
    }

    /// The session of `global`; results default to `default_format`.
    pub fn open(global: &GlobalArgs, default_format: Format) -> Result<Self, Failure> {
        let ui = Ui {
            quiet: global.quiet,
        };
        let (builder, emulator) = if global.emulator {
            let config = EmulatorConfig::new()
                .tickets(EMULATOR_TICKETS)
                .seed(EMULATOR_SEED);
            let emulator = Emulator::start(config).map_err(|error| {
                Failure::new(Kind::Network, format!("cannot start the emulator: {error}"))
            })?;
            ui.status(&format!(
                "using an in-process emulator at {} ({EMULATOR_TICKETS} tickets, seed {EMULATOR_SEED}); its changes end with this command",
                emulator.url()
            ));
            // The flags and environment apply; the config file describes an account.
            let tuning = Tuning::load(global, None)?;
            (tuning.apply(emulator.client_builder()), Some(emulator))
        } else {
            let settings = Settings::load(global)?;
            for warning in &settings.warnings {
                ui.warn(warning);
            }
            let (url, key, code) = settings.require()?;
            let builder = Client::builder()
                .base_url(url)
                .credentials(key.clone(), code.clone());
            (settings.network(builder), None)
        };
        let client = builder
            .user_agent(concat!("happyfox-cli/", env!("CARGO_PKG_VERSION")))
            .dry_run(global.dry_run)
            .log_bodies(crate::verbose::wants_bodies(global.verbose))
            .build()?;
        Ok(Self {
            client,
            out: Output::stdout(global.format.unwrap_or(default_format)),
            ui,
            dry_run: global.dry_run,
            _emulator: emulator,
        })
    }
}

/// Status lines and warnings, on stderr only.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Whether to say nothing.
    pub quiet: bool,
}

impl Ui {
    /// A status line.
    pub fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// A warning.
    pub fn warn(&self, line: &str) {
        if !self.quiet {
            eprintln!("warning: {line}");
        }
    }
}
