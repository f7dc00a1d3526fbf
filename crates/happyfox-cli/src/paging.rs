//! The page options every listing command shares: `--size`, `--page` and `--all`.

use clap::Args;

use crate::output::Format;

/// `--size`, `--page`, `--all`.
#[derive(Args, Debug)]
pub struct PageArgs {
    /// Items per page (1 to 50; HappyFox's default is 10, 50 with --all).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=50))]
    pub size: Option<u64>,
    /// The page to show (with --all: the first page).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub page: Option<u64>,
    /// Every page, one item a line (NDJSON unless --format says otherwise).
    #[arg(long)]
    pub all: bool,
}

impl PageArgs {
    /// The format when `--format` is not given: NDJSON for every page, else JSON.
    pub fn default_format(&self) -> Format {
        if self.all {
            Format::Ndjson
        } else {
            Format::Json
        }
    }
}
