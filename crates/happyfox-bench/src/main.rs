//! `happyfox-bench`: `run` measures every way of exporting tickets against the emulator and
//! writes the report (what `cargo xtask bench` calls); `row` is one measured workload, run
//! by `run` in a child process of its own.

mod child;
mod machine;
mod report;
mod rows;
mod suite;
mod walks;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage:
  happyfox-bench run --python PATH [--tickets N] [--quick] [--out FILE] [--command TEXT]
  happyfox-bench row KIND --url URL [--tickets N] [--page-file FILE] [--work-us N] [--no-read-ahead]
                      KIND: floor, iter, export, walk, growth, decode (one workload; prints its figures as JSON)
";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => suite::run(&suite::Options::parse(&args[1..])?),
        Some("row") => {
            let kind = args.get(1).context(USAGE)?;
            rows::run(kind, &Flags(&args[2..]))
        }
        _ => bail!("{USAGE}"),
    }
}

/// `--name value` flags of a command line.
pub struct Flags<'a>(pub &'a [String]);

impl Flags<'_> {
    /// Fails on anything but the flags `with_value` (each followed by a value) and
    /// `switches`.
    pub fn only(&self, with_value: &[&str], switches: &[&str]) -> Result<()> {
        let mut args = self.0.iter();
        while let Some(arg) = args.next() {
            if with_value.contains(&arg.as_str()) {
                args.next()
                    .with_context(|| format!("{arg} needs a value\n\n{USAGE}"))?;
            } else if !switches.contains(&arg.as_str()) {
                bail!("unknown argument {arg:?}\n\n{USAGE}");
            }
        }
        Ok(())
    }

    /// The value after `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        let at = self.0.iter().position(|arg| arg == name)?;
        self.0.get(at + 1).map(String::as_str)
    }

    /// Whether `name` is present.
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|arg| arg == name)
    }

    /// The whole number after `name`, or `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize> {
        self.text(name).map_or(Ok(default), |text| {
            text.parse()
                .with_context(|| format!("{name} {text:?}: expected a whole number"))
        })
    }

    /// The value after `name`, which must be there.
    pub fn required(&self, name: &str) -> Result<&str> {
        self.text(name)
            .with_context(|| format!("{name} is required\n\n{USAGE}"))
    }
}
