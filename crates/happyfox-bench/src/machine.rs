//! The machine a run measured on: CPU model, cores, OS, compiler and interpreter versions,
//! and the load average around the run (the machine may be shared with other work).

use std::path::Path;
use std::process::Command;

/// Where a run measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// The CPU model (`/proc/cpuinfo`).
    pub cpu: String,
    /// Cores available to the process.
    pub cores: usize,
    /// Distribution and kernel.
    pub os: String,
    /// `rustc --version`.
    pub rustc: String,
    /// `python --version` of the interpreter the Python rows ran with.
    pub python: String,
    /// The 1-minute load average when the run started.
    pub load_before: String,
    /// The 1-minute load average when it ended.
    pub load_after: String,
}

impl Machine {
    /// Describes this machine, `python` being the interpreter of the Python rows.
    pub fn describe(python: &Path) -> Self {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
                    .map(|(_, name)| name.trim().to_owned())
            })
            .unwrap_or_else(unknown);
        let distribution = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|release| {
                release.lines().find_map(|line| {
                    Some(
                        line.strip_prefix("PRETTY_NAME=")?
                            .trim_matches('"')
                            .to_owned(),
                    )
                })
            })
            .unwrap_or_else(unknown);
        let kernel = first_line("/proc/sys/kernel/osrelease");
        Self {
            cpu,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            os: format!("{distribution}, Linux {kernel}"),
            rustc: version(Command::new("rustc").arg("--version")),
            python: version(Command::new(python).arg("--version")),
            load_before: load_average(),
            load_after: String::new(),
        }
    }
}

/// The 1-minute load average now.
pub fn load_average() -> String {
    first_line("/proc/loadavg")
        .split_whitespace()
        .next()
        .map_or_else(unknown, str::to_owned)
}

fn first_line(path: &str) -> String {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.lines().next().map(str::to_owned))
        .unwrap_or_else(unknown)
}

fn version(command: &mut Command) -> String {
    command
        .output()
        .ok()
        .map(|out| {
            let text = if out.stdout.is_empty() {
                out.stderr
            } else {
                out.stdout
            };
            String::from_utf8_lossy(&text).trim().to_owned()
        })
        .filter(|text| !text.is_empty())
        .unwrap_or_else(unknown)
}

fn unknown() -> String {
    "unknown".to_owned()
}
