//! `tickets create`, `tickets create-bulk` and `tickets inline-attachment`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use happyfox::{BulkOutcome, Client, CreateTicket, UploadFile};
use serde::Deserialize;
use serde_json::{Value, json};

use super::args::{ExtraArgs, MessageArgs, RecipientArgs, parse_date, read_text};
use super::write::report;
use crate::failure::{Failure, Kind};
use crate::output::RowKind;
use crate::resolve::{self, FieldArg};
use crate::session::Session;

/// Options of `tickets create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// The subject.
    #[arg(long)]
    subject: String,
    #[command(flatten)]
    message: MessageArgs,
    /// The category (name or id; a public one).
    #[arg(long)]
    category: String,
    /// An existing contact (id, email or name), instead of --name and --email.
    #[arg(long, conflicts_with_all = ["name", "email"])]
    contact: Option<String>,
    /// The contact's name (for a new contact).
    #[arg(long)]
    name: Option<String>,
    /// The contact's email (a new contact, or an existing one by email).
    #[arg(long)]
    email: Option<String>,
    /// The contact's phone number.
    #[arg(long)]
    phone: Option<String>,
    /// The priority (name or id; default: the account's default).
    #[arg(long)]
    priority: Option<String>,
    /// The assignee (name, email or id; `none`: unassigned).
    #[arg(long)]
    assignee: Option<String>,
    /// Tags (comma-separated).
    #[arg(long, value_delimiter = ',')]
    tags: Vec<String>,
    #[command(flatten)]
    recipients: RecipientArgs,
    /// The due date (yyyy-mm-dd).
    #[arg(long, value_parser = parse_date)]
    due_date: Option<NaiveDate>,
    /// Make the ticket private (visible to staff only).
    #[arg(long)]
    private: bool,
    #[command(flatten)]
    extra: ExtraArgs,
}

/// Runs `tickets create`.
pub fn create(session: &mut Session, args: &CreateArgs) -> Result<(), Failure> {
    let spec = TicketSpec {
        subject: args.subject.clone(),
        text: args.message.text()?,
        html: args.message.html.clone(),
        category: NameOrId::Name(args.category.clone()),
        contact: args.contact.clone().map(NameOrId::Name),
        name: args.name.clone(),
        email: args.email.clone(),
        phone: args.phone.clone(),
        priority: args.priority.clone().map(NameOrId::Name),
        assignee: args.assignee.clone().map(NameOrId::Name),
        tags: args.tags.clone(),
        cc: args.recipients.cc.clone(),
        bcc: args.recipients.bcc.clone(),
        due_date: args.due_date,
        private: args.private.then_some(true),
        cf: args.extra.ticket_fields.clone(),
        ccf: args.extra.contact_fields.clone(),
    };
    let mut request = spec.request(&session.client)?;
    for file in args.extra.files()? {
        request = request.attach(file);
    }
    let result = session.client.create_ticket(&request);
    report(session, RowKind::Ticket, result)
}

/// Options of `tickets create-bulk`.
#[derive(Args, Debug)]
pub struct CreateBulkArgs {
    /// A JSON array or NDJSON file of tickets (`-`: stdin). Each object takes `subject`,
    /// `text`, `html`, `category`, `contact` or `name` + `email`, `phone`, `priority`,
    /// `assignee`, `tags`, `cc`, `bcc`, `due_date`, `private`, and `cf` / `ccf` (objects of
    /// field name or id to value); names or ids wherever the API wants an id.
    #[arg(long, value_name = "PATH")]
    file: PathBuf,
    /// Requests of 100 tickets sent at once (1 to 32; 1 numbers the tickets in input order).
    #[arg(long, value_name = "N", allow_negative_numbers = true,
          default_value_t = happyfox::BulkOptions::DEFAULT_WORKERS as u16,
          value_parser = clap::value_parser!(u16).range(1..=happyfox::MAX_EXPORT_WORKERS as i64))]
    workers: u16,
}

/// One new ticket, as `create`'s options or a bulk file's object give it (names not yet
/// resolved).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketSpec {
    subject: String,
    text: Option<String>,
    html: Option<String>,
    category: NameOrId,
    contact: Option<NameOrId>,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    priority: Option<NameOrId>,
    assignee: Option<NameOrId>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    cc: Vec<String>,
    #[serde(default)]
    bcc: Vec<String>,
    due_date: Option<NaiveDate>,
    private: Option<bool>,
    #[serde(default, deserialize_with = "field_map")]
    cf: Vec<FieldArg>,
    #[serde(default, deserialize_with = "field_map")]
    ccf: Vec<FieldArg>,
}

/// A name (or email) or a numeric id.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NameOrId {
    Id(u64),
    Name(String),
}

impl NameOrId {
    fn text(&self) -> String {
        match self {
            NameOrId::Id(id) => id.to_string(),
            NameOrId::Name(name) => name.clone(),
        }
    }
}

/// `{"field name or id": value, ...}` as `--cf` arguments (a list value is comma-joined).
fn field_map<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<FieldArg>, D::Error> {
    let map = serde_json::Map::<String, Value>::deserialize(deserializer)?;
    let text = |value: &Value| {
        value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned)
    };
    Ok(map
        .into_iter()
        .map(|(field, value)| FieldArg {
            field,
            value: match &value {
                Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
                other => text(other),
            },
        })
        .collect())
}

impl TicketSpec {
    /// The request, names resolved to ids.
    fn request(self, client: &Client) -> Result<CreateTicket, Failure> {
        let category = resolve::category(client, &self.category.text())?;
        let mut request = CreateTicket::new(category, self.subject)
            .tags(self.tags)
            .cc(self.cc)
            .bcc(self.bcc);
        if let Some(text) = self.text {
            request = request.text(text);
        }
        if let Some(html) = self.html {
            request = request.html(html);
        }
        if let Some(contact) = self.contact {
            request = request.client(resolve::contact(client, &contact.text())?);
        }
        if let Some(name) = self.name {
            request = request.name(name);
        }
        if let Some(email) = self.email {
            request = request.email(email);
        }
        if let Some(phone) = self.phone {
            request = request.phone(phone);
        }
        if let Some(priority) = self.priority {
            request = request.priority(resolve::priority(client, &priority.text())?);
        }
        if let Some(assignee) = self.assignee {
            request = match resolve::assignee(client, &assignee.text())? {
                Some(staff) => request.assignee(staff),
                None => request.unassign(),
            };
        }
        if let Some(due) = self.due_date {
            request = request.due_date(due);
        }
        if let Some(private) = self.private {
            request = request.visible_only_staff(private);
        }
        for (id, value) in resolve::ticket_fields(client, &self.cf)? {
            request = request.ticket_custom_field(id, value);
        }
        for (id, value) in resolve::contact_fields(client, &self.ccf)? {
            request = request.contact_custom_field(id, value);
        }
        Ok(request)
    }
}

/// The tickets of a bulk file: a JSON array, or one object a line.
fn read_items(path: &PathBuf) -> Result<Vec<TicketSpec>, Failure> {
    let text = read_text(path)?;
    let bad = |place: String, error: serde_json::Error| {
        Failure::usage(format!("{} {place}: {error}", path.display()))
    };
    if text.trim_start().starts_with('[') {
        return serde_json::from_str(&text).map_err(|e| bad("(JSON array)".into(), e));
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| serde_json::from_str(line).map_err(|e| bad(format!("line {}", n + 1), e)))
        .collect()
}

/// Runs `tickets create-bulk`: one outcome row per ticket, in input order; exit 1 when any
/// was not created.
pub fn create_bulk(session: &mut Session, args: &CreateBulkArgs) -> Result<(), Failure> {
    let requests = read_items(&args.file)?
        .into_iter()
        .map(|item| item.request(&session.client))
        .collect::<Result<Vec<_>, _>>()?;
    let options = happyfox::BulkOptions::default().workers(usize::from(args.workers));
    let outcomes = session.client.create_tickets_with(&requests, options);
    let mut rows = Vec::with_capacity(outcomes.len());
    let (mut failed, mut unknown) = (0, false);
    let mut chunk_left = 0;
    for (index, outcome) in outcomes.iter().enumerate() {
        rows.push(match outcome {
            BulkOutcome::Created { id, display_id } => {
                json!({"index": index, "outcome": "created", "id": id, "display_id": display_id})
            }
            BulkOutcome::RequestFailed { error } if error.dry_run().is_some() => {
                let mut row = json!({"index": index, "outcome": "dry_run"});
                if chunk_left == 0 {
                    let prepared = error.dry_run();
                    chunk_left = prepared
                        .map(|p| match &p.body {
                            happyfox::PreparedBody::Json(Value::Array(items)) => items.len(),
                            _ => 1,
                        })
                        .unwrap_or(1);
                    row["request"] = serde_json::to_value(prepared).map_err(std::io::Error::other)?;
                }
                chunk_left -= 1;
                row
            }
            BulkOutcome::Rejected { errors } => {
                failed += 1;
                json!({"index": index, "outcome": "rejected", "errors": errors})
            }
            BulkOutcome::Unconfirmed { problem, .. } => {
                failed += 1;
                unknown = true;
                json!({"index": index, "outcome": "unconfirmed", "problem": problem, "outcome_unknown": true})
            }
            BulkOutcome::RequestFailed { error } => {
                failed += 1;
                unknown |= error.outcome_unknown();
                let failure = Failure::from(error.clone());
                json!({"index": index, "outcome": "failed", "error": failure})
            }
        });
    }
    if session.dry_run {
        session.ui.status("dry run: nothing was sent");
    }
    session.out.value(RowKind::Generic, &rows)?;
    if failed == 0 {
        return Ok(());
    }
    let mut failure = Failure::new(
        Kind::Api,
        format!("{failed} of {} tickets were not created", rows.len()),
    );
    failure.outcome_unknown = unknown;
    Err(failure)
}

/// Options of `tickets inline-attachment`.
#[derive(Args, Debug)]
pub struct InlineArgs {
    /// The image to upload; the answer's URL goes in `<img src>` of ticket HTML.
    path: PathBuf,
}

/// Runs `tickets inline-attachment`.
pub fn inline_attachment(session: &mut Session, args: &InlineArgs) -> Result<(), Failure> {
    let file = UploadFile::from_path(&args.path)?;
    let result = session.client.upload_inline_attachment(&file);
    report(session, RowKind::Generic, result)
}
