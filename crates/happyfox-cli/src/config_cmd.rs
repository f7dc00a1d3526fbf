//! `happyfox config init|show`: write the config file (mode 0600, atomically, secrets read
//! from the terminal or stdin, never from flags) and show the settings in force with their
//! sources (secrets masked).

use std::fs::{DirBuilder, OpenOptions};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use crate::cli::GlobalArgs;
use crate::failure::Failure;
use crate::output::{Output, RowKind};
use crate::settings::{FileConfig, Settings, Sourced, config_path};

/// Config commands.
#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Write the config file: the URL from --url (else asked), then the API key and the auth
    /// code, asked on the terminal without echo, or read as lines from stdin.
    Init(InitArgs),
    /// Show the URL, credentials, CA bundle, proxy, timeout, retries and pacing in force and
    /// where each comes from (secrets masked; `default` when nothing sets it).
    Show,
}

/// Options of `config init`.
#[derive(Args)]
pub struct InitArgs {
    /// Replace an existing config file.
    #[arg(long)]
    force: bool,
}

/// Runs a config command (`global`: the `--url`, `--timeout`, `--max-retries`, `--pacing`
/// flags).
pub fn run(command: &ConfigCommand, global: &GlobalArgs, out: &mut Output) -> Result<(), Failure> {
    match command {
        ConfigCommand::Init(args) => init(args, global.url.as_deref(), out),
        ConfigCommand::Show => show(global, out),
    }
}

fn init(args: &InitArgs, flag_url: Option<&str>, out: &mut Output) -> Result<(), Failure> {
    let path = config_path().ok_or_else(|| {
        Failure::config(
            "no place for the config file: set HAPPYFOX_CONFIG, XDG_CONFIG_HOME or HOME",
        )
    })?;
    if path.exists() && !args.force {
        return Err(Failure::usage(format!(
            "{} exists already; pass --force to replace it",
            path.display()
        )));
    }
    let mut prompt = Prompt::new();
    let url = match flag_url {
        Some(url) => url.to_owned(),
        None => prompt.line("HappyFox URL (e.g. https://acme.happyfox.com): ", false)?,
    };
    let api_key = prompt.line("API key: ", true)?;
    let auth_code = prompt.line("Auth code: ", true)?;
    // Refuses an unusable URL (or one holding `user:password@`) before anything is written.
    happyfox::Client::new(&url, api_key.as_str(), auth_code.as_str())?;
    let config = FileConfig {
        url: Some(url.clone()),
        api_key: Some(api_key),
        auth_code: Some(auth_code),
        ca_bundle: None,
        proxy: None,
        timeout: None,
        max_retries: None,
        pacing: None,
    };
    let text = toml::to_string(&config)
        .map_err(|error| Failure::config(format!("cannot write the config: {error}")))?;
    write_private(&path, text.as_bytes())?;
    out.value(
        RowKind::Generic,
        &json!({"path": path.display().to_string(), "url": url}),
    )?;
    Ok(())
}

fn show(global: &GlobalArgs, out: &mut Output) -> Result<(), Failure> {
    let settings = Settings::load(global)?;
    for warning in &settings.warnings {
        eprintln!("warning: {warning}");
    }
    let secret = |s: &Option<Sourced<happyfox::Secret>>| match s {
        Some(s) => json!({"value": "***", "source": s.source}),
        None => Value::Null,
    };
    let url = match &settings.url {
        Some(s) => json!({"value": s.value, "source": s.source}),
        None => Value::Null,
    };
    let ca_bundle = match &settings.ca_bundle {
        Some(s) => json!({"value": s.value.display().to_string(), "source": s.source}),
        None => Value::Null,
    };
    // A proxy URL's password is shown as `***`; one that is not usable is not shown.
    let proxy = match &settings.proxy {
        Some(s) => json!({
            "value": happyfox::Proxy::new(&s.value)
                .map(|proxy| proxy.url().to_owned())
                .unwrap_or_else(|_| "(not a usable proxy URL)".to_owned()),
            "source": s.source,
        }),
        None => Value::Null,
    };
    let mut shown = json!({
        "path": settings.path.as_ref().map(|p| p.display().to_string()),
        "file_found": settings.file_found,
        "url": url,
        "api_key": secret(&settings.api_key),
        "auth_code": secret(&settings.auth_code),
        "ca_bundle": ca_bundle,
        "proxy": proxy,
    });
    for (key, value) in settings.tuning.show() {
        shown[key] = value;
    }
    out.value(RowKind::Generic, &shown)?;
    Ok(())
}

/// Writes `bytes` to `path` readable by its owner only: into a new file beside it (mode
/// 0600 from creation), synced, then renamed over `path`, so no reader ever sees a part.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |what: &str, error: io::Error| {
        Failure::config(format!("cannot {what} {}: {error}", path.display()))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .map_err(|e| fail("create the folder of", e))?;
    }
    let temporary = path.with_extension(format!("toml.new-{}", std::process::id()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(error) = written.and_then(|()| std::fs::rename(&temporary, path)) {
        let _ = std::fs::remove_file(&temporary);
        return Err(fail("write", error));
    }
    Ok(())
}

/// Answers read from the terminal (prompts on stderr, secrets without echo) or, when stdin
/// is not a terminal, one line each from stdin.
struct Prompt {
    terminal: bool,
    stdin: io::StdinLock<'static>,
}

impl Prompt {
    fn new() -> Self {
        Self {
            terminal: io::stdin().is_terminal(),
            stdin: io::stdin().lock(),
        }
    }

    fn line(&mut self, question: &str, secret: bool) -> Result<String, Failure> {
        let answer = if self.terminal {
            let term = console::Term::stderr();
            term.write_str(question)?;
            if secret {
                term.read_secure_line()?
            } else {
                term.read_line()?
            }
        } else {
            let mut line = String::new();
            self.stdin.read_line(&mut line)?;
            line
        };
        let answer = answer.trim().to_owned();
        if answer.is_empty() {
            let what = question.split(" (").next().unwrap_or(question);
            return Err(Failure::usage(format!(
                "no answer for {}",
                what.trim_end_matches([':', ' '])
            )));
        }
        Ok(answer)
    }
}
