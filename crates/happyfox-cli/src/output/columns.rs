//! Which columns a table or CSV shows for each kind of row, and how a JSON value becomes
//! one cell's text.

use serde_json::Value;

/// One column: its header and the path to its value in a row (`*` walks every item of a
/// list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header.
    pub header: String,
    path: Vec<String>,
}

impl Column {
    fn new(header: &str, path: &str) -> Self {
        Self {
            header: header.to_owned(),
            path: path.split('/').map(str::to_owned).collect(),
        }
    }

    /// This column's text in `row` (empty when the row has no such value).
    pub fn cell(&self, row: &Value) -> String {
        let mut found = Vec::new();
        collect(row, &self.path, &mut found);
        found
            .into_iter()
            .map(scalar_text)
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the rows of an output are, which picks the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Tickets.
    Ticket,
    /// Contacts.
    Contact,
    /// Contact groups.
    ContactGroup,
    /// Staff members.
    Staff,
    /// Ticket statuses.
    Status,
    /// Ticket priorities.
    Priority,
    /// Ticket categories.
    Category,
    /// Ticket or contact custom fields.
    CustomField,
    /// Anything else: the top-level keys of the first row.
    Generic,
}

/// `(header, path)` pairs of each kind; tickets' CSV adds the last five.
const TICKET: &[(&str, &str)] = &[
    ("id", "id"),
    ("display_id", "display_id"),
    ("subject", "subject"),
    ("status", "status/name"),
    ("priority", "priority/name"),
    ("assignee", "assigned_to/name"),
    ("category", "category/name"),
    ("last_modified", "last_modified"),
    ("contact", "user/name"),
    ("contact_email", "user/email"),
    ("tags", "tags"),
    ("due_date", "due_date"),
    ("created_at", "created_at"),
];
/// How many of [`TICKET`] a table shows.
const TICKET_TABLE: usize = 8;
const CONTACT: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("email", "email"),
    ("phone", "primary_phone/number"),
    ("tickets", "tickets_count"),
    ("pending", "pending_tickets_count"),
    ("groups", "contact_groups/*/name"),
];
const CONTACT_GROUP: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("description", "description"),
    ("domains", "tagged_domains"),
    ("all_tickets", "access_all_tickets_in_group"),
    ("members", "contacts/*/email"),
];
const STAFF: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("email", "email"),
    ("role", "role/name"),
    ("active", "active"),
    ("admin", "is_account_admin"),
];
const STATUS: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("behavior", "behavior"),
    ("order", "order"),
    ("default", "default"),
    ("color", "color"),
];
const PRIORITY: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("order", "order"),
    ("default", "default"),
];
const CATEGORY: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("public", "public"),
    ("time_spent_mandatory", "time_spent_mandatory"),
    ("description", "description"),
];
const CUSTOM_FIELD: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("type", "type"),
    ("required", "required"),
    ("choices", "choices/*/text"),
];

impl RowKind {
    /// The columns of a table (`csv: false`) or a CSV file of these rows; `first` is the
    /// first row, whose keys are a generic row's columns.
    pub fn columns(self, csv: bool, first: Option<&Value>) -> Vec<Column> {
        let pairs = match self {
            RowKind::Ticket if csv => TICKET,
            RowKind::Ticket => &TICKET[..TICKET_TABLE],
            RowKind::Contact => CONTACT,
            RowKind::ContactGroup => CONTACT_GROUP,
            RowKind::Staff => STAFF,
            RowKind::Status => STATUS,
            RowKind::Priority => PRIORITY,
            RowKind::Category => CATEGORY,
            RowKind::CustomField => CUSTOM_FIELD,
            RowKind::Generic => {
                let keys = first.and_then(Value::as_object).into_iter().flatten();
                return keys.map(|(key, _)| Column::new(key, key)).collect();
            }
        };
        pairs
            .iter()
            .map(|(header, path)| Column::new(header, path))
            .collect()
    }
}

fn collect<'a>(value: &'a Value, path: &[String], found: &mut Vec<&'a Value>) {
    let Some((step, rest)) = path.split_first() else {
        match value {
            Value::Array(items) => found.extend(items),
            other => found.push(other),
        }
        return;
    };
    match (step.as_str(), value) {
        ("*", Value::Array(items)) => items.iter().for_each(|item| collect(item, rest, found)),
        (key, Value::Object(map)) => {
            if let Some(next) = map.get(key) {
                collect(next, rest, found);
            }
        }
        _ => {}
    }
}

/// A value as cell text: strings as they are, null as nothing, numbers and booleans
/// written out, lists and objects as compact JSON.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        other => super::json::compact_string(other),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn paths_reach_nested_values_and_lists() {
        let row = json!({
            "id": 7,
            "status": {"name": "New"},
            "assigned_to": null,
            "choices": [{"text": "Red"}, {"text": "Blue"}],
            "tags": ["a", "b"]
        });
        let cell = |path| Column::new("x", path).cell(&row);
        assert_eq!(cell("id"), "7");
        assert_eq!(cell("status/name"), "New");
        assert_eq!(cell("assigned_to/name"), "");
        assert_eq!(cell("choices/*/text"), "Red, Blue");
        assert_eq!(cell("tags"), "a, b");
        assert_eq!(cell("missing"), "");
    }

    #[test]
    fn generic_rows_show_their_own_keys() {
        let row = json!({"message": "moved", "status_code": 200});
        let headers: Vec<String> = RowKind::Generic
            .columns(false, Some(&row))
            .into_iter()
            .map(|c| c.header)
            .collect();
        assert_eq!(headers, ["message", "status_code"]);
    }
}
