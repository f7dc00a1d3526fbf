//! The parity table: every user-facing capability (the spec's endpoints, generated; the
//! hand-written ones of `spec/capabilities.toml`, declared) and its name in each surface.
//! Writes `SURFACES.md` and the lists each surface's suite checks itself against: the
//! Python package's (`bindings/python/tests/capabilities.json`) and the Kotlin test
//! program's (`bindings/uniffi/kotlin/test/Capabilities.kt`) and the MCP server's
//! (`crates/happyfox-mcp/tests/capabilities.json`). Swift and the CLI are checked
//! by `cargo xtask test` itself ([`crate::parity`]).

use std::fmt::Write as _;

use anyhow::{Result, bail};

use super::GeneratedFile;
use super::model::{Api, Availability, Capability, Operation, Surface, camel};

/// The table's file, linked from the README.
pub const TABLE: &str = "SURFACES.md";
/// The Python suite's list.
pub const PYTHON_LIST: &str = "bindings/python/tests/capabilities.json";
/// The Kotlin test program's list.
pub const KOTLIN_LIST: &str = "bindings/uniffi/kotlin/test/Capabilities.kt";
/// The MCP server's suite's list.
pub const MCP_LIST: &str = "crates/happyfox-mcp/tests/capabilities.json";

/// Every capability: the endpoints' (and their iterators') first, in spec order, then the
/// declared ones. Fails on a public endpoint whose CLI command the spec does not give.
pub fn capabilities(api: &Api) -> Result<Vec<Capability>> {
    let mut rows = Vec::new();
    for op in api.operations.iter().filter(|op| op.public) {
        let Some(grouping) = &op.grouping else {
            continue;
        };
        let Some(cli) = op.cli.clone() else {
            bail!(
                "spec: endpoint `{}`: no `cli` command (or `cli_out` saying why the CLI has none)",
                op.name
            );
        };
        rows.push(endpoint_row(
            op,
            &format!("{} {}", grouping.resource, grouping.action),
            &op.name,
            &grouping.action,
            cli.clone(),
        ));
        if let Some(iterator) = &op.iterator {
            let action = python_iterator_action(&grouping.action);
            let every_page = match cli {
                Availability::Named(command) => Availability::Named(format!("{command} --all")),
                out @ Availability::Out(_) => out,
            };
            let mut row = endpoint_row(
                op,
                &format!("{} {action}", grouping.resource),
                iterator,
                &action,
                every_page,
            );
            row.summary = format!("Every item of `{}`, page by page as the loop goes", op.name);
            if let Some((_, mcp)) = row.surfaces.iter_mut().find(|(s, _)| *s == Surface::Mcp) {
                *mcp = Availability::Out(
                    "an agent pages itself: a listing's answer names its `next_page`".into(),
                );
            }
            rows.push(row);
        }
    }
    rows.extend(api.capabilities.iter().cloned());
    Ok(rows)
}

/// The Python action of an operation's iterator: `list` -> `iter`, `list_ids` -> `iter_ids`,
/// anything else `iter_<action>`.
pub fn python_iterator_action(action: &str) -> String {
    action
        .strip_prefix("list")
        .map_or_else(|| format!("iter_{action}"), |rest| format!("iter{rest}"))
}

/// The row of one endpoint method (`method` is the Rust name, `action` the Python one).
fn endpoint_row(
    op: &Operation,
    name: &str,
    method: &str,
    action: &str,
    cli: Availability,
) -> Capability {
    let resource = op.grouping.as_ref().map_or("", |g| g.resource.as_str());
    let client_method = format!("HappyFoxClient.{}", lower_camel(method));
    let summary = op.doc.split(". ").next().unwrap_or_default();
    Capability {
        name: name.to_owned(),
        summary: summary.trim_end_matches('.').to_owned(),
        surfaces: vec![
            (
                Surface::Rust,
                Availability::Named(format!("Client::{method}")),
            ),
            (
                Surface::Python,
                Availability::Named(format!("client.{resource}.{action}")),
            ),
            (Surface::Kotlin, Availability::Named(client_method.clone())),
            (Surface::Swift, Availability::Named(client_method)),
            (Surface::Cli, cli),
            (Surface::Mcp, super::mcp::availability(op)),
        ],
    }
}

/// lowerCamelCase of a snake_case name, as UniFFI names methods in Kotlin and Swift.
fn lower_camel(name: &str) -> String {
    let upper = camel(name);
    let mut chars = upper.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The table and the lists.
pub fn files(api: &Api) -> Result<Vec<GeneratedFile>> {
    let rows = capabilities(api)?;
    Ok(vec![
        GeneratedFile {
            path: TABLE.into(),
            contents: table(&rows),
        },
        GeneratedFile {
            path: PYTHON_LIST.into(),
            contents: list_json(&rows, Surface::Python)?,
        },
        GeneratedFile {
            path: KOTLIN_LIST.into(),
            contents: kotlin_list(&rows),
        },
        GeneratedFile {
            path: MCP_LIST.into(),
            contents: list_json(&rows, Surface::Mcp)?,
        },
    ])
}

/// `SURFACES.md`: one row per capability, a column per surface; a surface without it shows
/// why.
fn table(rows: &[Capability]) -> String {
    let mut out = String::from(
        "<!-- @generated by `cargo xtask codegen parity` from spec/: do not edit by hand. -->\n\
         # Every surface, every capability\n\n\
         What each surface of the client offers, and its name there: the spec's endpoints \
         (generated from `spec/*.toml`) and what the core adds by hand (declared in \
         `spec/capabilities.toml`). `cargo xtask test` checks every name: Python by attribute \
         lookup on the installed package, Kotlin by reflection in the Kotlin test program, \
         Swift in the generated sources, the CLI by `--help` of each command, the MCP server \
         by an MCP client (a tool, `tool(argument)`, a `happyfox://` resource, an `--option` of \
         `happyfox mcp`, or `error:<kind>` of a tool error). A cell in \
         *italics* is out of scope for that surface, with the reason.\n\n",
    );
    let titles: Vec<&str> = Surface::ALL.iter().map(|s| s.title()).collect();
    let _ = writeln!(out, "| capability | {} |", titles.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(titles.len()));
    for row in rows {
        let cells: Vec<String> = row
            .surfaces
            .iter()
            .map(|(_, availability)| match availability {
                Availability::Named(name) => format!("`{}`", name.replace('|', "\\|")),
                Availability::Out(reason) => format!("*{}*", cell_text(reason)),
            })
            .collect();
        let _ = writeln!(
            out,
            "| **{}**: {} | {} |",
            row.name,
            cell_text(&row.summary),
            cells.join(" | ")
        );
    }
    out
}

/// Text that stays inside one table cell.
fn cell_text(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The names one surface must have: `[{"capability": ..., "name": ...}]`.
fn list_json(rows: &[Capability], surface: Surface) -> Result<String> {
    let entries: Vec<serde_json::Value> = named_in(rows, surface)
        .map(|(capability, name)| serde_json::json!({ "capability": capability, "name": name }))
        .collect();
    Ok(serde_json::to_string_pretty(&entries)? + "\n")
}

/// The capabilities a surface names, with the name.
fn named_in(rows: &[Capability], surface: Surface) -> impl Iterator<Item = (&str, &str)> {
    rows.iter().filter_map(move |row| {
        row.surfaces
            .iter()
            .find_map(|(s, availability)| match availability {
                Availability::Named(name) if *s == surface => {
                    Some((row.name.as_str(), name.as_str()))
                }
                _ => None,
            })
    })
}

/// `Capabilities.kt`: the (capability, name) pairs the Kotlin test program checks.
fn kotlin_list(rows: &[Capability]) -> String {
    let mut out = String::from(
        "// @generated by `cargo xtask codegen parity` from spec/: do not edit by hand.\n\
         /** What the Kotlin bindings must offer (SURFACES.md): capability and name. */\n\n\
         val CAPABILITIES: List<Pair<String, String>> = listOf(\n",
    );
    for (capability, name) in named_in(rows, Surface::Kotlin) {
        let _ = writeln!(out, "    {:?} to {:?},", capability, name);
    }
    out.push_str(")\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterator_actions_and_method_names_follow_each_language() {
        assert_eq!(python_iterator_action("list"), "iter");
        assert_eq!(python_iterator_action("list_ids"), "iter_ids");
        assert_eq!(python_iterator_action("search"), "iter_search");
        assert_eq!(lower_camel("snapshot_tickets"), "snapshotTickets");
        assert_eq!(lower_camel("get_ticket"), "getTicket");
    }
}
