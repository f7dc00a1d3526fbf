//! The account's lookups as MCP resources (`happyfox://statuses`, `happyfox://staff`, ...):
//! what an agent needs to name things, read once through the client's cached lookups and
//! answered as tidy JSON.

use happyfox::Lookups;
use serde_json::Value;

use crate::answer;

/// One lookup offered as a resource.
pub struct Resource {
    /// Its address, `happyfox://<name>`.
    pub uri: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it lists, for the agent.
    pub description: &'static str,
    /// Its entries, from the lookups.
    entries: fn(&Lookups) -> serde_json::Result<Value>,
}

/// Every lookup the server offers as a resource.
pub const RESOURCES: &[Resource] = &[
    Resource {
        uri: "happyfox://statuses",
        name: "statuses",
        description: "The ticket statuses (a status argument takes the id or the name).",
        entries: |l| serde_json::to_value(l.statuses()),
    },
    Resource {
        uri: "happyfox://priorities",
        name: "priorities",
        description: "The ticket priorities (a priority argument takes the id or the name).",
        entries: |l| serde_json::to_value(l.priorities()),
    },
    Resource {
        uri: "happyfox://categories",
        name: "categories",
        description: "The categories, with whether their updates need time spent.",
        entries: |l| serde_json::to_value(l.categories()),
    },
    Resource {
        uri: "happyfox://staff",
        name: "staff",
        description: "The agents (a staff argument takes the id, the name or the email).",
        entries: |l| serde_json::to_value(l.staff_members()),
    },
    Resource {
        uri: "happyfox://ticket-custom-fields",
        name: "ticket-custom-fields",
        description: "The ticket custom fields with their choices (custom_fields take names).",
        entries: |l| serde_json::to_value(l.ticket_custom_fields()),
    },
    Resource {
        uri: "happyfox://contact-custom-fields",
        name: "contact-custom-fields",
        description: "The contact custom fields with their choices.",
        entries: |l| serde_json::to_value(l.contact_custom_fields()),
    },
];

/// Why a resource could not be read.
pub enum ReadError {
    /// No resource has this address.
    Unknown,
    /// The lookups could not be fetched.
    Api(happyfox::Error),
}

/// The resource at `uri` as JSON text, under `cap` bytes.
pub fn read(client: &happyfox::Client, uri: &str, cap: usize) -> Result<String, ReadError> {
    let resource = RESOURCES
        .iter()
        .find(|resource| resource.uri == uri)
        .ok_or(ReadError::Unknown)?;
    let lookups = client.lookups().map_err(ReadError::Api)?;
    let entries = (resource.entries)(&lookups).unwrap_or(Value::Null);
    Ok(answer::whole(&entries, cap))
}
