//! Actions on a whole ticket: `subscribe`, `unsubscribe`, `forward`, `move`, `delete` (which
//! asks first).

use std::io::{BufRead, IsTerminal};

use clap::Args;
use happyfox::{DeleteTicket, ForwardTicket, MoveTicket, Subscribe, Unsubscribe};

use super::args::{MessageArgs, RecipientArgs, files};
use super::update::Target;
use super::write::report;
use crate::failure::Failure;
use crate::output::RowKind;
use crate::resolve;
use crate::session::Session;

/// Options of `tickets subscribe`.
#[derive(Args, Debug)]
pub struct SubscribeArgs {
    #[command(flatten)]
    target: Target,
    /// More staff members to subscribe (names, emails or ids; comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    also: Vec<String>,
}

/// Runs `tickets subscribe`: `--staff` and everyone `--also` names.
pub fn subscribe(session: &mut Session, args: &SubscribeArgs) -> Result<(), Failure> {
    let client = &session.client;
    let staff = resolve::staff(client, &args.target.staff)?;
    let others = args
        .also
        .iter()
        .map(|name| resolve::staff(client, name))
        .collect::<Result<Vec<_>, _>>()?;
    let result = client.subscribe(args.target.ticket, &Subscribe::new(staff).data(others));
    report(session, RowKind::Generic, result)
}

/// Runs `tickets unsubscribe`: `--staff` stops following the ticket.
pub fn unsubscribe(session: &mut Session, args: &Target) -> Result<(), Failure> {
    let staff = resolve::staff(&session.client, &args.staff)?;
    let result = session
        .client
        .unsubscribe(args.ticket, &Unsubscribe::new(staff));
    report(session, RowKind::Generic, result)
}

/// Options of `tickets forward`.
#[derive(Args, Debug)]
pub struct ForwardArgs {
    #[command(flatten)]
    target: Target,
    /// Recipients (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', required = true)]
    to: Vec<String>,
    /// The email's subject.
    #[arg(long)]
    subject: String,
    #[command(flatten)]
    message: MessageArgs,
    #[command(flatten)]
    recipients: RecipientArgs,
    /// Also send it to the ticket's contact.
    #[arg(long)]
    to_contact: bool,
    /// CC the ticket's contact.
    #[arg(long)]
    cc_contact: bool,
    /// Only the message given, not every message of the ticket.
    #[arg(long)]
    no_history: bool,
    /// Include private notes.
    #[arg(long)]
    private_notes: bool,
    /// Ids of the ticket's attachments to include. Repeat for more.
    #[arg(long, value_name = "ID")]
    ticket_attachment: Vec<u64>,
    /// Do not turn replies to the forward into a new ticket.
    #[arg(long)]
    no_new_ticket: bool,
    /// A file to attach. Repeat for more.
    #[arg(long = "attach", value_name = "PATH")]
    attach: Vec<std::path::PathBuf>,
}

/// Runs `tickets forward`.
pub fn forward(session: &mut Session, args: &ForwardArgs) -> Result<(), Failure> {
    let staff = resolve::staff(&session.client, &args.target.staff)?;
    let message = args
        .message
        .text()?
        .or_else(|| args.message.html.clone())
        .ok_or_else(|| Failure::usage("give the message with --text, --text-file or --html"))?;
    let mut request = ForwardTicket::new(staff, args.to.iter().cloned(), &args.subject, message)
        .cc(args.recipients.cc.iter().cloned())
        .bcc(args.recipients.bcc.iter().cloned())
        .ticket_attachments(args.ticket_attachment.iter().copied());
    for (set, value) in [
        (
            ForwardTicket::to_include_ticket_contact as fn(_, _) -> _,
            args.to_contact,
        ),
        (ForwardTicket::cc_include_ticket_contact, args.cc_contact),
        (ForwardTicket::include_pvt_notes, args.private_notes),
    ] {
        if value {
            request = set(request, true);
        }
    }
    if args.no_history {
        request = request.send_all_messages(false);
    }
    if args.no_new_ticket {
        request = request.convert_replies_as_new_ticket(false);
    }
    for file in files(&args.attach)? {
        request = request.attach(file);
    }
    let result = session.client.forward_ticket(args.target.ticket, &request);
    report(session, RowKind::Generic, result)
}

/// Options of `tickets move`.
#[derive(Args, Debug)]
pub struct MoveArgs {
    #[command(flatten)]
    target: Target,
    /// The category to move it to (name or id).
    #[arg(long)]
    category: String,
    /// A note added to the ticket.
    #[arg(long)]
    note: Option<String>,
    /// Assign it to this staff member (name, email or id).
    #[arg(long)]
    assignee: Option<String>,
}

/// Runs `tickets move`.
pub fn move_ticket(session: &mut Session, args: &MoveArgs) -> Result<(), Failure> {
    let client = &session.client;
    let staff = resolve::staff(client, &args.target.staff)?;
    let mut request = MoveTicket::new(staff, resolve::category(client, &args.category)?);
    if let Some(note) = &args.note {
        request = request.move_note(note);
    }
    if let Some(assignee) = &args.assignee {
        request = request.assign_to(resolve::staff(client, assignee)?);
    }
    let result = client.move_ticket(args.target.ticket, &request);
    report(session, RowKind::Generic, result)
}

/// Options of `tickets delete`.
#[derive(Args, Debug)]
pub struct DeleteArgs {
    #[command(flatten)]
    target: Target,
    /// Delete without asking (required when stdin is not a terminal).
    #[arg(long, short)]
    yes: bool,
}

/// Runs `tickets delete`: asks on the terminal unless `--yes` (or `--dry-run`, which sends
/// nothing), and refuses when it cannot ask.
pub fn delete(session: &mut Session, args: &DeleteArgs) -> Result<(), Failure> {
    let staff = resolve::staff(&session.client, &args.target.staff)?;
    if !args.yes && !session.dry_run {
        confirm(args.target.ticket)?;
    }
    let result = session
        .client
        .delete_ticket(args.target.ticket, &DeleteTicket::new(staff));
    report(session, RowKind::Generic, result)
}

/// Asks on stderr whether to delete `ticket`; only `y` or `yes` goes ahead.
fn confirm(ticket: u64) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::usage(format!(
            "refusing to delete ticket {ticket} without confirmation: stdin is not a terminal; pass --yes"
        )));
    }
    eprint!("Delete ticket {ticket}? This cannot be undone. [y/N] ");
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(Failure::usage(
            "not deleted: the deletion was not confirmed",
        ))
    }
}
