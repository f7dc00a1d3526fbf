//! Writes to one ticket's conversation and fields: `reply` (staff update), `note` (private
//! note), `user-reply` (contact reply), `update-cf` and `tags`.

use clap::Args;
use happyfox::{
    Applied, Client, ContactReply, GetTicket, NoteAlert, StaffId, StaffPrivateNote, StaffUpdate,
    Ticket, UpdateCustomFields, UpdateTags,
};

use super::args::{ChangeArgs, ExtraArgs, MessageArgs, RecipientArgs, files, parse_ticket};
use super::write::report;
use crate::failure::Failure;
use crate::output::RowKind;
use crate::resolve::{self, FieldArg};
use crate::session::Session;

/// The ticket and the acting staff member.
#[derive(Args, Debug)]
pub struct Target {
    /// The ticket: number or display id.
    #[arg(value_parser = parse_ticket)]
    pub ticket: u64,
    /// The acting staff member (name, email or id).
    #[arg(long, env = "HAPPYFOX_STAFF")]
    pub staff: String,
}

/// What a reply and a private note both take.
#[derive(Args, Debug)]
pub struct UpdateArgs {
    #[command(flatten)]
    target: Target,
    #[command(flatten)]
    message: MessageArgs,
    #[command(flatten)]
    changes: ChangeArgs,
    #[command(flatten)]
    extra: ExtraArgs,
}

/// Sets on a [`StaffUpdate`] or [`StaffPrivateNote`] (same setters, two types) everything
/// [`UpdateArgs`] holds, names resolved.
macro_rules! apply_update {
    ($request:expr, $args:expr, $client:expr) => {{
        let (args, client): (&UpdateArgs, &happyfox::Client) = ($args, $client);
        let changes = args.changes.resolve(client)?;
        let mut request = $request;
        if let Some(text) = args.message.text()? {
            request = request.plaintext(text);
        }
        if let Some(html) = &args.message.html {
            request = request.html(html);
        }
        if let Some(status) = changes.status {
            request = request.status(status);
        }
        if let Some(priority) = changes.priority {
            request = request.priority(priority);
        }
        request = match changes.assignee {
            Some(Some(staff)) => request.assignee(staff),
            Some(None) => request.unassign(),
            None => request,
        };
        if let Some(due) = args.changes.due_date {
            request = request.due_date(due);
        }
        if !args.changes.tags.is_empty() {
            request = request.tags(args.changes.tags.iter().cloned());
        }
        if let Some(minutes) = args.changes.time_spent {
            request = request.time_spent(minutes);
        }
        for (id, value) in resolve::ticket_fields(client, &args.extra.ticket_fields)? {
            request = request.ticket_custom_field(id, value);
        }
        for (id, value) in resolve::contact_fields(client, &args.extra.contact_fields)? {
            request = request.contact_custom_field(id, value);
        }
        for file in args.extra.files()? {
            request = request.attach(file);
        }
        request
    }};
}

/// Options of `tickets reply`.
#[derive(Args, Debug)]
pub struct ReplyArgs {
    #[command(flatten)]
    update: UpdateArgs,
    #[command(flatten)]
    recipients: RecipientArgs,
    /// The reply's subject, as sent to the contact.
    #[arg(long)]
    subject: Option<String>,
    /// Notify the contact of the reply (HappyFox's `update_customer`).
    #[arg(long)]
    notify: bool,
    /// Launch the satisfaction survey.
    #[arg(long)]
    survey: bool,
    /// The id of the last staff message you saw; HappyFox refuses the reply (409) if another
    /// came since.
    #[arg(long, value_name = "ID")]
    last_staff_message: Option<u64>,
}

/// Sends a reply or a private note: `build` makes the request for the acting staff member
/// (resolved from `--staff`), `send` sends it to the ticket, and the ticket as answered is
/// reported.
fn send_update<R>(
    session: &mut Session,
    target: &Target,
    build: impl FnOnce(&Client, StaffId) -> Result<R, Failure>,
    send: impl FnOnce(&Client, u64, &R) -> happyfox::Result<Applied<Ticket>>,
) -> Result<(), Failure> {
    let client = &session.client;
    let staff = resolve::staff(client, &target.staff)?;
    let request = build(client, staff)?;
    let result = send(client, target.ticket, &request);
    report(session, RowKind::Ticket, result)
}

/// Runs `tickets reply`.
pub fn reply(session: &mut Session, args: &ReplyArgs) -> Result<(), Failure> {
    let build = |client: &Client, staff| {
        let mut request = apply_update!(StaffUpdate::new(staff), &args.update, client)
            .cc(args.recipients.cc.iter().cloned())
            .bcc(args.recipients.bcc.iter().cloned());
        if let Some(subject) = &args.subject {
            request = request.subject(subject);
        }
        if args.notify {
            request = request.update_customer(true);
        }
        if args.survey {
            request = request.send_survey(true);
        }
        if let Some(message) = args.last_staff_message {
            request = request.last_staff_message(message);
        }
        Ok(request)
    };
    send_update(
        session,
        &args.update.target,
        build,
        |client, ticket, request| client.staff_update(ticket, request),
    )
}

/// Options of `tickets note`.
#[derive(Args, Debug)]
pub struct NoteArgs {
    #[command(flatten)]
    update: UpdateArgs,
    /// Who is alerted: `subscribers`, `category` (its agents), or a staff member.
    #[arg(long)]
    alert: Option<String>,
}

/// Runs `tickets note`.
pub fn note(session: &mut Session, args: &NoteArgs) -> Result<(), Failure> {
    let build = |client: &Client, staff| {
        let mut request = apply_update!(StaffPrivateNote::new(staff), &args.update, client);
        if let Some(alert) = &args.alert {
            request = request.alert(match alert.trim() {
                "subscribers" | "s" => NoteAlert::Subscribers,
                "category" | "c" => NoteAlert::CategoryAgents,
                someone => NoteAlert::Staff(resolve::staff(client, someone)?),
            });
        }
        Ok(request)
    };
    send_update(
        session,
        &args.update.target,
        build,
        |client, ticket, request| client.staff_private_note(ticket, request),
    )
}

/// Options of `tickets user-reply`.
#[derive(Args, Debug)]
pub struct UserReplyArgs {
    /// The ticket: number or display id.
    #[arg(value_parser = parse_ticket)]
    ticket: u64,
    /// The contact replying (id, email or name; default: the ticket's contact).
    #[arg(long)]
    contact: Option<String>,
    #[command(flatten)]
    message: MessageArgs,
    #[command(flatten)]
    recipients: RecipientArgs,
    /// A file to attach. Repeat for more.
    #[arg(long = "attach", value_name = "PATH")]
    attach: Vec<std::path::PathBuf>,
}

/// Runs `tickets user-reply`.
pub fn user_reply(session: &mut Session, args: &UserReplyArgs) -> Result<(), Failure> {
    let client = &session.client;
    let contact = match &args.contact {
        Some(contact) => resolve::contact(client, contact)?,
        None => client
            .get_ticket(args.ticket, &GetTicket::new())?
            .user
            .map(|user| user.id)
            .ok_or_else(|| Failure::usage("the ticket names no contact: pass --contact"))?,
    };
    let text = args
        .message
        .text()?
        .or_else(|| args.message.html.clone())
        .ok_or_else(|| Failure::usage("give the reply with --text, --text-file or --html"))?;
    let mut request = ContactReply::new(contact, text)
        .cc(args.recipients.cc.iter().cloned())
        .bcc(args.recipients.bcc.iter().cloned());
    for file in files(&args.attach)? {
        request = request.attach(file);
    }
    let result = session.client.contact_reply(args.ticket, &request);
    report(session, RowKind::Ticket, result)
}

/// Options of `tickets update-cf`.
#[derive(Args, Debug)]
pub struct UpdateFieldsArgs {
    #[command(flatten)]
    target: Target,
    /// A ticket custom field: `FIELD=VALUE` (field by name or id; choices by option text or
    /// id, several comma-separated). Repeat for more.
    #[arg(long = "cf", value_name = "FIELD=VALUE", required = true)]
    fields: Vec<FieldArg>,
}

/// Runs `tickets update-cf`.
pub fn update_fields(session: &mut Session, args: &UpdateFieldsArgs) -> Result<(), Failure> {
    let client = &session.client;
    let mut request = UpdateCustomFields::new(resolve::staff(client, &args.target.staff)?);
    for (id, value) in resolve::ticket_fields(client, &args.fields)? {
        request = request.ticket_custom_field(id, value);
    }
    let result = session
        .client
        .update_custom_fields(args.target.ticket, &request);
    report(session, RowKind::Ticket, result)
}

/// Options of `tickets tags`.
#[derive(Args, Debug)]
pub struct TagsArgs {
    #[command(flatten)]
    target: Target,
    /// Tags to add (comma-separated).
    #[arg(long, value_delimiter = ',', required_unless_present = "remove")]
    add: Vec<String>,
    /// Tags to remove (comma-separated).
    #[arg(long, value_delimiter = ',')]
    remove: Vec<String>,
}

/// Runs `tickets tags`.
pub fn tags(session: &mut Session, args: &TagsArgs) -> Result<(), Failure> {
    let staff = resolve::staff(&session.client, &args.target.staff)?;
    let request = UpdateTags::new(staff)
        .add_tags(args.add.iter().cloned())
        .remove_tags(args.remove.iter().cloned());
    let result = session.client.update_tags(args.target.ticket, &request);
    report(session, RowKind::Ticket, result)
}
