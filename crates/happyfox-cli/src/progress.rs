//! The progress bar of long walks: tickets done of the total, rate and ETA, drawn on stderr
//! when stderr is a terminal (and `--quiet` is not given); nothing at all otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::session::Ui;

/// A progress bar, or nothing.
pub struct Progress(ProgressBar);

impl Progress {
    /// A bar on stderr when it is a terminal, else a hidden one.
    pub fn new(ui: Ui) -> Self {
        if ui.quiet || !std::io::stderr().is_terminal() {
            return Self(ProgressBar::hidden());
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{bar:32}] {human_pos}/{human_len} tickets  {rate}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.0}/s", state.per_sec());
                },
            )
            .progress_chars("=> "),
        );
        Self(bar)
    }

    /// Sets the total, once known.
    pub fn total(&self, total: u64) {
        if self.0.length() != Some(total) {
            self.0.set_length(total);
        }
    }

    /// One more done.
    pub fn advance(&self) {
        self.0.inc(1);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
