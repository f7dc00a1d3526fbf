//! Writes every ticket matching a search to stdout as CSV (RFC 4180), from a snapshot of
//! the search, so each ticket appears exactly once even while others change tickets:
//!
//! ```sh
//! cargo run -q -p happyfox --example export_csv -- 'status:"New","In Progress"' > tickets.csv
//! ```
//!
//! With `HAPPYFOX_URL`, `HAPPYFOX_API_KEY` and `HAPPYFOX_AUTH_CODE` set it reads that
//! account; otherwise an in-process emulator with 40 generated tickets.

use std::io::{BufWriter, Write};

use happyfox::{Client, ListTickets, Ticket};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

const HEADER: [&str; 12] = [
    "id",
    "display_id",
    "subject",
    "status",
    "priority",
    "category",
    "assignee",
    "assignee_email",
    "contact",
    "contact_email",
    "private_notes",
    "created_at",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Raw text, read as the client reads a pasted search (refused before sending if malformed).
    let search = std::env::args().nth(1).unwrap_or_default();
    let (client, _emulator) = connect()?;
    let mut tickets = client.snapshot_tickets(&ListTickets::new().q(search));
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_row(&mut out, HEADER.map(String::from))?;
    for ticket in tickets.by_ref() {
        write_row(&mut out, row(&ticket?))?;
    }
    out.flush()?;
    eprintln!("{} tickets deleted during the export", tickets.missing());
    Ok(())
}

/// The account of the environment, or an emulator (kept alive by the returned handle).
fn connect() -> happyfox::Result<(Client, Option<EmulatorHandle>)> {
    if std::env::var_os("HAPPYFOX_URL").is_some() {
        return Ok((Client::from_env()?, None));
    }
    let emulator = Emulator::start(EmulatorConfig::new().tickets(40).seed(14))
        .expect("the emulator starts on loopback");
    Ok((emulator.client(), Some(emulator)))
}

/// One ticket's columns, in [`HEADER`] order.
fn row(ticket: &Ticket) -> [String; 12] {
    let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
    let private_notes = ticket
        .updates
        .iter()
        .filter(|update| update.is_private_note())
        .count();
    [
        ticket.id.to_string(),
        text(ticket.display_id.as_deref()),
        text(ticket.subject.as_deref()),
        text(ticket.status_name()),
        text(ticket.priority_name()),
        text(ticket.category_name()),
        text(ticket.assignee_name()),
        text(ticket.assignee_email()),
        text(ticket.contact_name()),
        text(ticket.contact_email()),
        private_notes.to_string(),
        ticket
            .created_at
            .map(|at| at.to_rfc3339())
            .unwrap_or_default(),
    ]
}

/// Writes one CSV record, fields escaped, ended by CRLF.
fn write_row(out: &mut impl Write, fields: [String; 12]) -> std::io::Result<()> {
    let record: Vec<String> = fields.iter().map(|field| escape(field)).collect();
    write!(out, "{}\r\n", record.join(","))
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, with each quote
/// doubled; as it is otherwise.
fn escape(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(escape("Disk full"), "Disk full");
        assert_eq!(escape(""), "");
        assert_eq!(escape("a,b"), "\"a,b\"");
        assert_eq!(escape("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(escape("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(escape("cr\r"), "\"cr\r\"");
    }
}
