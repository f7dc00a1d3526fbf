//! `happyfox system ...`: the account's lookups, the names and ids other commands take.

use clap::Subcommand;

use crate::cli::GlobalArgs;
use crate::failure::Failure;
use crate::output::{Format, RowKind};
use crate::session::Session;

/// Lookup commands.
#[derive(Subcommand, Clone, Copy)]
pub enum SystemCommand {
    /// Staff members (for --staff and --assignee).
    Staff,
    /// Ticket statuses (for --status).
    Statuses,
    /// Ticket priorities (for --priority).
    Priorities,
    /// Ticket categories (for --category).
    Categories,
    /// Ticket custom fields and their options (for --cf).
    TicketCustomFields,
    /// Contact custom fields and their options (for --ccf).
    ContactCustomFields,
}

/// Runs a lookup command.
pub fn run(command: SystemCommand, global: &GlobalArgs) -> Result<(), Failure> {
    let session = &mut Session::open(global, Format::Json)?;
    let client = &session.client;
    let out = &mut session.out;
    match command {
        SystemCommand::Staff => out.value(RowKind::Staff, &client.list_staff()?)?,
        SystemCommand::Statuses => out.value(RowKind::Status, &client.list_statuses()?)?,
        SystemCommand::Priorities => out.value(RowKind::Priority, &client.list_priorities()?)?,
        SystemCommand::Categories => out.value(RowKind::Category, &client.list_categories()?)?,
        SystemCommand::TicketCustomFields => {
            out.value(RowKind::CustomField, &client.list_ticket_custom_fields()?)?;
        }
        SystemCommand::ContactCustomFields => {
            out.value(RowKind::CustomField, &client.list_contact_custom_fields()?)?;
        }
    }
    Ok(())
}
