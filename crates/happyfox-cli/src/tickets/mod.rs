//! `happyfox tickets ...`: every ticket operation of the API.

mod actions;
mod args;
mod create;
mod export;
mod files;
mod read;
mod sync;
mod update;
mod walk;
mod write;

use clap::Subcommand;

use crate::cli::GlobalArgs;
use crate::failure::Failure;
use crate::output::Format;
use crate::session::Session;

/// Ticket commands.
#[derive(Subcommand)]
pub enum TicketsCommand {
    /// List tickets, one page (JSON: the API's page) or every page with --all (NDJSON).
    List(read::ListArgs),
    /// Show one ticket with its updates.
    Get(read::GetArgs),
    /// Create a ticket (multipart when files are attached).
    Create(create::CreateArgs),
    /// Create many tickets from a JSON array or NDJSON file, 100 per request, --workers
    /// requests at once; one outcome per ticket, exit 1 if any was not created.
    CreateBulk(create::CreateBulkArgs),
    /// Upload an image for ticket HTML; prints its temporary URL.
    InlineAttachment(create::InlineArgs),
    /// Add a staff reply, and change status, priority, assignee, tags, fields...
    Reply(update::ReplyArgs),
    /// Add a private note (visible to staff only), with the same changes as reply.
    Note(update::NoteArgs),
    /// Add a reply on behalf of the ticket's contact.
    UserReply(update::UserReplyArgs),
    /// Set ticket custom fields.
    UpdateCf(update::UpdateFieldsArgs),
    /// Add and remove tags.
    Tags(update::TagsArgs),
    /// Subscribe staff members to the ticket.
    Subscribe(actions::SubscribeArgs),
    /// Unsubscribe the staff member from the ticket.
    Unsubscribe(update::Target),
    /// Forward the ticket by email.
    Forward(actions::ForwardArgs),
    /// Move the ticket to another category.
    Move(actions::MoveArgs),
    /// Delete the ticket (asks first unless --yes).
    Delete(actions::DeleteArgs),
    /// Write every matching ticket once, streaming NDJSON or CSV, with a progress bar on
    /// a terminal.
    Export(export::ExportArgs),
    /// Write the tickets changed since the last run (every ticket on the first), as NDJSON
    /// or CSV, then save the new checkpoint to --state (only once the output is complete);
    /// --status, --category and --query narrow it to one listing.
    Sync(sync::SyncArgs),
}

/// Runs a ticket command.
pub fn run(command: &TicketsCommand, global: &GlobalArgs) -> Result<(), Failure> {
    let default_format = match command {
        TicketsCommand::List(args) => args.default_format(),
        TicketsCommand::Export(_) | TicketsCommand::Sync(_) => Format::Ndjson,
        _ => Format::Json,
    };
    let session = &mut Session::open(global, default_format)?;
    match command {
        TicketsCommand::List(args) => read::list(session, args),
        TicketsCommand::Get(args) => read::get(session, args),
        TicketsCommand::Create(args) => create::create(session, args),
        TicketsCommand::CreateBulk(args) => create::create_bulk(session, args),
        TicketsCommand::InlineAttachment(args) => create::inline_attachment(session, args),
        TicketsCommand::Reply(args) => update::reply(session, args),
        TicketsCommand::Note(args) => update::note(session, args),
        TicketsCommand::UserReply(args) => update::user_reply(session, args),
        TicketsCommand::UpdateCf(args) => update::update_fields(session, args),
        TicketsCommand::Tags(args) => update::tags(session, args),
        TicketsCommand::Subscribe(args) => actions::subscribe(session, args),
        TicketsCommand::Unsubscribe(args) => actions::unsubscribe(session, args),
        TicketsCommand::Forward(args) => actions::forward(session, args),
        TicketsCommand::Move(args) => actions::move_ticket(session, args),
        TicketsCommand::Delete(args) => actions::delete(session, args),
        TicketsCommand::Export(args) => export::export(session, args),
        TicketsCommand::Sync(args) => sync::sync(session, args),
    }
}
