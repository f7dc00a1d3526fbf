//! `happyfox contact-groups list|get`: the account's contact groups (the names the
//! `group:` search takes), and one group with its members.

use clap::Subcommand;

use crate::cli::GlobalArgs;
use crate::failure::{Failure, Kind};
use crate::output::{Format, RowKind};
use crate::session::Session;

/// Contact-group commands.
#[derive(Subcommand)]
pub enum ContactGroupsCommand {
    /// List every contact group (without members).
    List,
    /// Show one contact group with its members, by id or name.
    Get {
        /// The group's id or name.
        #[arg(value_name = "ID")]
        group: String,
    },
}

/// Runs a contact-group command.
pub fn run(command: &ContactGroupsCommand, global: &GlobalArgs) -> Result<(), Failure> {
    let session = &mut Session::open(global, Format::Json)?;
    match command {
        ContactGroupsCommand::List => {
            let groups = session.client.list_contact_groups()?;
            Ok(session.out.value(RowKind::ContactGroup, &groups)?)
        }
        ContactGroupsCommand::Get { group } => {
            let id = group_id(session, group)?;
            let found = session.client.get_contact_group(id)?;
            Ok(session.out.value(RowKind::ContactGroup, &found)?)
        }
    }
}

/// The id of the group numbered or named `text` (a name is looked up in the list, ignoring
/// case).
fn group_id(session: &Session, text: &str) -> Result<u64, Failure> {
    let text = text.trim();
    if let Ok(id) = text.parse::<u64>() {
        return Ok(id);
    }
    let groups = session.client.list_contact_groups()?;
    let named: Vec<_> = groups
        .iter()
        .filter(|g| {
            g.name
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(text))
        })
        .collect();
    let label =
        |g: &happyfox::ContactGroup| format!("{} (id {})", g.name.as_deref().unwrap_or(""), g.id);
    match named.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let mut failure = Failure::new(
                Kind::NotFound,
                format!("no contact group is named {text:?}"),
            );
            failure.candidates = groups.iter().map(label).collect();
            Err(failure)
        }
        several => {
            let mut failure = Failure::usage(format!(
                "{text:?} names more than one contact group; give the id instead"
            ));
            failure.candidates = several.iter().map(|g| label(g)).collect();
            Err(failure)
        }
    }
}
