//! `happyfox contacts list|get`.

use clap::{Args, Subcommand};
use happyfox::{ContactKey, ListContacts};

use crate::cli::GlobalArgs;
use crate::failure::Failure;
use crate::output::{Format, RowKind};
use crate::paging::PageArgs;
use crate::session::Session;

/// Contact commands.
#[derive(Subcommand)]
pub enum ContactsCommand {
    /// List contacts, one page (JSON: the API's page) or every page with --all (NDJSON).
    List(ListArgs),
    /// Show one contact, by id or email.
    Get {
        /// The contact's id or email.
        contact: String,
    },
}

/// Options of `contacts list`.
#[derive(Args)]
pub struct ListArgs {
    /// Only contacts whose name, email or phone contains this.
    #[arg(long)]
    query: Option<String>,
    #[command(flatten)]
    paging: PageArgs,
}

/// Runs a contact command.
pub fn run(command: &ContactsCommand, global: &GlobalArgs) -> Result<(), Failure> {
    let default_format = match command {
        ContactsCommand::List(args) => args.paging.default_format(),
        ContactsCommand::Get { .. } => Format::Json,
    };
    let session = &mut Session::open(global, default_format)?;
    match command {
        ContactsCommand::List(args) => {
            let mut params = ListContacts::new();
            params.q = args.query.clone();
            params.size = args.paging.size;
            params.page = args.paging.page;
            if !args.paging.all {
                let page = session.client.list_contacts(&params)?;
                return Ok(session.out.value(RowKind::Contact, &page)?);
            }
            let mut rows = session.out.rows(RowKind::Contact);
            for contact in session.client.iter_contacts(&params) {
                rows.push(&contact?)?;
            }
            Ok(rows.finish()?)
        }
        ContactsCommand::Get { contact } => {
            let key = match contact.trim().parse::<happyfox::ContactId>() {
                Ok(id) => ContactKey::Id(id),
                Err(_) => ContactKey::Email(contact.trim().to_owned()),
            };
            let found = session.client.get_contact(key)?;
            Ok(session.out.value(RowKind::Contact, &found)?)
        }
    }
}
