//! The parity check of the surfaces `cargo xtask test` checks itself (SURFACES.md): Swift by
//! a query on the generated sources (`target/bindings/swift/`, written by `cargo xtask
//! bindings`), the CLI by `--help` of each command. Python, Kotlin and the MCP server check
//! themselves in their own suites against the lists `cargo xtask codegen parity` writes.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::codegen::{Availability, Surface};
use crate::project_root;

/// Fails, naming every capability and the surface that lacks it, when the Swift sources or
/// the CLI miss a name the table gives them.
pub fn check() -> Result<()> {
    let rows = crate::codegen::capabilities_of_spec()?;
    let swift = swift_sources(&crate::target_dir().join("bindings/swift"))?;
    let cli = cli_binary()?;
    let mut missing = Vec::new();
    let mut checked = 0;
    for row in &rows {
        for (surface, availability) in &row.surfaces {
            let Availability::Named(name) = availability else {
                continue;
            };
            let found = match surface {
                Surface::Swift => swift_has(&swift, name),
                Surface::Cli => cli_has(&cli, name)?,
                Surface::Rust | Surface::Python | Surface::Kotlin | Surface::Mcp => continue,
            };
            checked += 1;
            if !found {
                missing.push(format!(
                    "{}: `{}` has no `{name}` (SURFACES.md)",
                    surface.title(),
                    row.name
                ));
            }
        }
    }
    if !missing.is_empty() {
        bail!(
            "{} capabilities are missing from their surface:\n  {}",
            missing.len(),
            missing.join("\n  ")
        );
    }
    eprintln!("parity: {checked} Swift and CLI names found");
    Ok(())
}

/// The text of every Swift source in `dir`.
fn swift_sources(dir: &Path) -> Result<String> {
    let mut text = String::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading {} (run `cargo xtask bindings`)", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "swift") {
            text.push_str(&std::fs::read_to_string(&path)?);
            text.push('\n');
        }
    }
    Ok(text)
}

/// Whether the Swift sources declare `Type.member` (a func, var, let, case or init of that
/// name inside the type or an extension of it), `Type` or a top-level `function`.
fn swift_has(sources: &str, name: &str) -> bool {
    let Some((ty, member)) = name.split_once('.') else {
        return declares_type(sources, name) || declares_member(sources, name);
    };
    type_bodies(sources, ty).any(|body| declares_member(body, member))
}

/// Whether `text` declares a type named `ty`.
fn declares_type(text: &str, ty: &str) -> bool {
    type_bodies(text, ty).next().is_some()
}

/// The bodies (between the braces) of every declaration or extension of `ty`.
fn type_bodies<'a>(text: &'a str, ty: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    ["class", "struct", "enum", "protocol", "extension"]
        .into_iter()
        .flat_map(move |keyword| {
            let head = format!("{keyword} {ty}");
            text.match_indices(head.as_str())
                .map(|(at, _)| at + head.len())
                .filter(|end| {
                    let next = text[*end..].chars().next();
                    next.is_some_and(|c| !c.is_alphanumeric() && c != '_')
                })
                .filter_map(|end| {
                    let open = end + text[end..].find('{')?;
                    let close = matching_brace(text, open)?;
                    Some(&text[open + 1..close])
                })
                .collect::<Vec<_>>()
        })
}

/// The index of the brace closing the one at `open`.
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `text` declares a member called `member`.
fn declares_member(text: &str, member: &str) -> bool {
    ["func ", "var ", "let ", "case "].iter().any(|keyword| {
        let head = format!("{keyword}{member}");
        text.match_indices(head.as_str()).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + head.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_some_and(|c| !c.is_alphanumeric() && c != '_')
        })
    })
}

/// The `happyfox` binary, built.
fn cli_binary() -> Result<std::path::PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--package", "happyfox-cli"])
        .current_dir(project_root())
        .status()?;
    if !status.success() {
        bail!("cargo build -p happyfox-cli failed ({status})");
    }
    Ok(crate::target_dir().join("debug/happyfox"))
}

/// Whether `happyfox <words> --help` succeeds and shows every flag of `name` (`tickets
/// export --snapshot`: the command's words, then its flags).
fn cli_has(binary: &Path, name: &str) -> Result<bool> {
    let (words, flags): (Vec<&str>, Vec<&str>) =
        name.split_whitespace().partition(|w| !w.starts_with('-'));
    let output = Command::new(binary)
        .args(&words)
        .arg("--help")
        .output()
        .with_context(|| format!("running {}", binary.display()))?;
    if !output.status.success() {
        return Ok(false);
    }
    let help = String::from_utf8_lossy(&output.stdout);
    Ok(flags.iter().all(|flag| shows_flag(&help, flag)))
}

/// Whether `help` lists `flag` as a whole word (`--all` is not `--all-pages`).
fn shows_flag(help: &str, flag: &str) -> bool {
    help.match_indices(flag).any(|(at, _)| {
        let after = help[at + flag.len()..].chars().next();
        after.is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SWIFT: &str = "public protocol HappyFoxClientProtocol { func listTickets() }\n\
        open class HappyFoxClient: HappyFoxClientProtocol {\n\
            public func snapshotTickets(params: ListTickets) throws -> TicketSnapshot { if x { } }\n\
            public static func forAccount() {}\n\
        }\n\
        public enum HappyFoxError { case timeout(deadline: TimeInterval?) }\n\
        public struct ClientOptions { public var dryRun: Bool }\n\
        public func setLogger(logger: HappyFoxLogger) {}\n";

    #[test]
    fn swift_members_are_found_in_their_type_only() {
        assert!(swift_has(SWIFT, "HappyFoxClient.snapshotTickets"));
        assert!(swift_has(SWIFT, "HappyFoxClient.forAccount"));
        assert!(swift_has(SWIFT, "HappyFoxError.timeout"));
        assert!(swift_has(SWIFT, "ClientOptions.dryRun"));
        assert!(swift_has(SWIFT, "setLogger"));
        assert!(swift_has(SWIFT, "HappyFoxClient"));
        assert!(!swift_has(SWIFT, "HappyFoxClient.dryRun"));
        assert!(!swift_has(SWIFT, "HappyFoxClient.snapshot"));
        assert!(!swift_has(SWIFT, "HappyFoxEmulator.planFault"));
        assert!(!swift_has(SWIFT, "HappyFoxError.time"));
    }

    #[test]
    fn flags_match_whole_words() {
        let help = "  --all          every page\n  --all-pages\n  --dry-run\n";
        assert!(shows_flag(help, "--all"));
        assert!(shows_flag(help, "--dry-run"));
        assert!(!shows_flag(help, "--dry"));
        assert!(!shows_flag("  --all-pages\n", "--all"));
    }
}
