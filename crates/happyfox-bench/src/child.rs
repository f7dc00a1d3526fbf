//! Runs one workload in a child process and measures it: wall time from spawn to exit and
//! the child's own CPU time (user + system) from outside (`wait4`), and its peak resident
//! memory as the child reports it. (`wait4`'s `ru_maxrss` would also count the copy of this
//! process, emulator and all, that the child was before `exec`.)

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// What one child cost, and the JSON figures it printed on its last line of output.
#[derive(Debug, Clone)]
pub struct ChildRun {
    /// From spawn to exit (process start and interpreter start-up included).
    pub wall: Duration,
    /// User plus system CPU time of the child.
    pub cpu: Duration,
    /// The child's peak resident set, in bytes (`peak_rss` of its report: its `VmHWM`).
    pub peak_rss: u64,
    /// The child's report: its last line of standard output, as JSON.
    pub report: Value,
}

/// Spawns `command` (standard error passed through), waits for it and measures it; fails
/// when it exits unsuccessfully or its last line is not JSON with a `peak_rss`.
pub fn measure(command: &mut Command) -> Result<ChildRun> {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {command:?}"))?;
    let mut output = String::new();
    child
        .stdout
        .take()
        .context("the child's standard output")?
        .read_to_string(&mut output)
        .context("reading the child's output")?;
    let (status, usage) = wait4(child.id())?;
    let wall = started.elapsed();
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("{command:?} failed (wait status {status}); its output:\n{output}");
    }
    let last = output.lines().last().unwrap_or_default();
    let report: Value = serde_json::from_str(last)
        .with_context(|| format!("{command:?} printed no JSON report: {output:?}"))?;
    let peak_rss = report["peak_rss"]
        .as_u64()
        .with_context(|| format!("{command:?} reported no peak_rss: {last}"))?;
    Ok(ChildRun {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_rss,
        report,
    })
}

/// Waits for the child `pid`: its wait status and resource usage.
fn wait4(pid: u32) -> Result<(libc::c_int, libc::rusage)> {
    let pid = libc::pid_t::try_from(pid).context("a child's process id")?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live, writable values of the types wait4 expects.
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if waited == pid {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error).context("waiting for a benchmark child");
        }
    }
}

fn time(value: libc::timeval) -> Duration {
    let seconds = u64::try_from(value.tv_sec).unwrap_or(0);
    let micros = u32::try_from(value.tv_usec).unwrap_or(0);
    Duration::from_secs(seconds) + Duration::from_micros(u64::from(micros))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_child_and_reads_its_report() {
        let script = r#"echo warming up; echo '{"tickets": 3, "peak_rss": 4096}'"#;
        let run = measure(Command::new("sh").args(["-c", script])).unwrap();
        assert_eq!(run.report["tickets"], 3);
        assert_eq!(run.peak_rss, 4096);
    }

    #[test]
    fn a_report_without_its_peak_memory_is_an_error() {
        let error =
            measure(Command::new("sh").args(["-c", r#"echo '{"tickets": 3}'"#])).unwrap_err();
        assert!(format!("{error:#}").contains("peak_rss"), "{error:#}");
    }

    #[test]
    fn a_failing_child_is_an_error_with_its_output() {
        let error = measure(Command::new("sh").args(["-c", "echo partial; exit 3"])).unwrap_err();
        assert!(format!("{error:#}").contains("partial"), "{error:#}");
    }
}
