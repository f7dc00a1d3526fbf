//! Deterministic demo data: the same seed and anchor always give the same account —
//! categories (public and private), pending and completed statuses, priorities, staff with
//! roles (one without move/delete permissions), contacts in groups, ticket and contact
//! custom fields of every type, and tickets with realistic histories spread over the months
//! before the anchor.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::Map;

use crate::state::{
    ActorRef, AttachmentRecord, CategoryDef, CfValue, ContactRecord, MessageRecord, NextIds, State,
    TicketRecord,
};
use crate::writes::{Names, id_change};

/// Today at 00:00 UTC: the default anchor.
pub fn start_of_today() -> DateTime<Utc> {
    Utc::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map_or_else(Utc::now, |d| d.and_utc())
}

/// Ticket statuses: `(id, name, colour, behaviour)`, in display order.
const STATUSES: [(u64, &str, &str, &str); 5] = [
    (1, "New", "#EF5350", "pending"),
    (2, "In Progress", "#0066CC", "pending"),
    (3, "On Hold", "#FFB300", "pending"),
    (4, "Closed", "#99CC00", "completed"),
    (5, "Resolved", "#2E7D32", "completed"),
];
const PRIORITIES: [(u64, &str); 4] = [(1, "Low"), (2, "Medium"), (3, "High"), (4, "Critical")];
/// `(id, name, prefix, public, time_spent_mandatory)`.
const CATEGORIES: [(u64, &str, &str, bool, bool); 4] = [
    (1, "Support", "SUP", true, false),
    (2, "Billing", "BIL", true, false),
    (3, "Internal IT", "IT", false, true),
    (4, "Sales", "SAL", true, false),
];
const ALL_PERMISSIONS: [&str; 6] = [
    "move_tickets",
    "delete_tickets",
    "edit_subject",
    "set_due_date",
    "manage_statuses",
    "all_tickets",
];
/// `(id, name, email, role id, role name, permission count, active)`.
const STAFF: [(u64, &str, &str, u64, &str, usize, bool); 5] = [
    (
        1,
        "Admin User",
        "admin@emulator.test",
        1,
        "Administrator",
        6,
        true,
    ),
    (2, "Jane Agent", "jane@emulator.test", 2, "Agent", 4, true),
    (
        3,
        "Bob Limited",
        "bob@emulator.test",
        3,
        "Restricted Agent",
        0,
        true,
    ),
    (
        4,
        "Priya Sharma",
        "priya@emulator.test",
        2,
        "Agent",
        4,
        true,
    ),
    (
        5,
        "Old Timer",
        "old.timer@emulator.test",
        2,
        "Agent",
        4,
        false,
    ),
];
const GROUPS: [(u64, &str, &str); 3] = [
    (1, "Enterprise", "acme.example"),
    (2, "Partners", "partner.example"),
    (3, "VIP", ""),
];
const FIRST: [&str; 12] = [
    "James", "Maria", "Wei", "Aisha", "Lukas", "Sofia", "Kenji", "Olga", "Diego", "Fatima", "Noah",
    "Emma",
];
const LAST: [&str; 10] = [
    "Smith", "Garcia", "Chen", "Khan", "Müller", "Rossi", "Tanaka", "Ivanova", "Lopez", "Brown",
];
const DOMAINS: [&str; 4] = [
    "acme.example",
    "partner.example",
    "mail.example",
    "shop.example",
];
const SUBJECTS: [&str; 16] = [
    "Cannot log in to the portal",
    "Invoice shows the wrong amount",
    "Password reset email never arrives",
    "Export to CSV times out",
    "Feature request: dark mode",
    "Refund for duplicate charge",
    "VPN disconnects every hour",
    "Upgrade to the enterprise plan",
    "Mobile app crashes on start",
    "Printer on floor 3 offline",
    "Data import failed halfway",
    "Question about the API rate limits",
    "Disk full on db-1",
    "Shipping address change",
    "SSO configuration help",
    "Slow dashboard loading",
];
const BODIES: [&str; 6] = [
    "Hi team, this started this morning and blocks our work.",
    "Could you please look into this as soon as possible?",
    "Steps to reproduce are attached. Thanks!",
    "This happens for several users in our office.",
    "We noticed it after the latest update.",
    "Please advise on the next steps.",
];
const REPLIES: [&str; 5] = [
    "Thanks for reaching out, we are looking into it.",
    "Could you send us a screenshot of the error?",
    "We deployed a fix, please try again.",
    "I have escalated this to our engineering team.",
    "This should be resolved now. Let us know if not.",
];
const TAGS: [&str; 8] = [
    "urgent",
    "billing",
    "vpn",
    "login",
    "api",
    "mobile",
    "follow-up",
    "routine_checks",
];

/// Generates an account with `tickets` tickets from `seed`, timestamps before `anchor`.
pub fn generate(seed: u64, tickets: usize, anchor: DateTime<Utc>) -> State {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut state = lookups();
    state.next_ids = NextIds {
        ticket: 1,
        update: 1,
        message: 1,
        attachment: 1,
        contact: 1,
        phone: 1,
    };
    let contact_count = (tickets / 3).clamp(12, 400);
    for _ in 0..contact_count {
        add_contact(&mut state, &mut rng, anchor);
    }
    let names = Names::of(&state);
    for _ in 0..tickets {
        add_ticket(&mut state, &mut rng, anchor, &names);
    }
    state
}

fn choice(id: u64, text: &str) -> happyfox::CustomFieldChoice {
    happyfox::CustomFieldChoice {
        id,
        text: Some(text.to_owned()),
        dependant_fields: Vec::new(),
        extra: Map::new(),
    }
}

fn choices(first_id: u64, labels: &[&str]) -> Vec<happyfox::CustomFieldChoice> {
    labels
        .iter()
        .zip(first_id..)
        .map(|(label, id)| choice(id, label))
        .collect()
}

/// The fixed part of the account: everything but contacts and tickets.
fn lookups() -> State {
    use happyfox::CustomFieldType as Kind;
    let public_categories = [1, 2, 4];
    let ticket_field = |id: u64,
                        name: &str,
                        kind: Kind,
                        choices,
                        cats: &[u64],
                        compulsory: bool,
                        required: bool| {
        happyfox::TicketCustomField {
            id: id.into(),
            name: Some(name.to_owned()),
            field_type: Some(kind),
            required: Some(required),
            compulsory_on_completed: Some(compulsory),
            compulsory_on_move: Some(false),
            depends_on_choice: None,
            choices,
            categories: cats
                .iter()
                .map(|c| happyfox::CustomFieldCategory {
                    category: (*c).into(),
                    order: Some(id as i64),
                    extra: Map::new(),
                })
                .collect(),
            visible_to_staff_only: Some(id == 5),
            extra: Map::new(),
        }
    };
    let all = [1, 2, 3, 4];
    let contact_field = |id: u64, name: &str, kind: Kind, choices| happyfox::ContactCustomField {
        id: id.into(),
        name: Some(name.to_owned()),
        field_type: Some(kind),
        required: Some(false),
        order: Some(id as i64),
        depends_on_choice: None,
        choices,
        visible_to_staff_only: Some(false),
        extra: Map::new(),
    };
    State {
        categories: CATEGORIES
            .iter()
            .map(|(id, name, prefix, public, time)| CategoryDef {
                category: happyfox::Category {
                    id: (*id).into(),
                    name: Some((*name).to_owned()),
                    description: Some(format!("{name} requests")),
                    prepopulate_cc: Some("AR".to_owned()),
                    time_spent_mandatory: Some(*time),
                    public: Some(*public),
                    extra: Map::new(),
                },
                prefix: (*prefix).to_owned(),
            })
            .collect(),
        statuses: STATUSES
            .iter()
            .zip(1..)
            .map(|((id, name, color, behavior), order)| happyfox::Status {
                id: (*id).into(),
                name: Some((*name).to_owned()),
                color: Some((*color).to_owned()),
                order: Some(order),
                default: Some(*id == 1),
                behavior: Some(if *behavior == "completed" {
                    happyfox::StatusBehavior::Completed
                } else {
                    happyfox::StatusBehavior::Pending
                }),
                extra: Map::new(),
            })
            .collect(),
        priorities: PRIORITIES
            .iter()
            .zip(1..)
            .map(|((id, name), order)| happyfox::Priority {
                id: (*id).into(),
                name: Some((*name).to_owned()),
                order: Some(order),
                default: Some(*id == 2),
                extra: Map::new(),
            })
            .collect(),
        staff: STAFF
            .iter()
            .map(
                |(id, name, email, role, role_name, perms, active)| happyfox::Staff {
                    id: (*id).into(),
                    name: Some((*name).to_owned()),
                    email: Some((*email).to_owned()),
                    is_account_admin: Some(*id == 1),
                    role: Some(happyfox::Role {
                        id: *role,
                        name: Some((*role_name).to_owned()),
                        extra: Map::new(),
                    }),
                    active: Some(*active),
                    categories: if *id == 1 {
                        all.to_vec()
                    } else {
                        public_categories.to_vec()
                    },
                    permissions: ALL_PERMISSIONS[..*perms]
                        .iter()
                        .map(|p| (*p).to_owned())
                        .collect(),
                    extra: Map::new(),
                },
            )
            .collect(),
        contact_groups: GROUPS
            .iter()
            .map(|(id, name, domain)| happyfox::ContactGroup {
                id: *id,
                name: Some((*name).to_owned()),
                description: Some(format!("{name} customers")),
                tagged_domains: Some((*domain).to_owned()),
                access_all_tickets_in_group: Some(*id == 1),
                contacts: Vec::new(),
                extra: Map::new(),
            })
            .collect(),
        ticket_custom_fields: vec![
            ticket_field(
                1,
                "Product",
                Kind::Choice,
                choices(11, &["Helpdesk", "Live Chat", "Asset Management"]),
                &all,
                true,
                false,
            ),
            ticket_field(
                2,
                "Order Number",
                Kind::Text,
                Vec::new(),
                &all,
                false,
                false,
            ),
            ticket_field(
                3,
                "Affected Components",
                Kind::MultipleChoice,
                choices(31, &["Web", "Mobile", "API", "Email"]),
                &all,
                false,
                false,
            ),
            ticket_field(
                4,
                "Estimated Hours",
                Kind::Number,
                Vec::new(),
                &all,
                false,
                false,
            ),
            ticket_field(
                5,
                "Incident Date",
                Kind::Date,
                Vec::new(),
                &all,
                false,
                false,
            ),
            ticket_field(6, "Root Cause", Kind::Text, Vec::new(), &all, true, false),
            ticket_field(
                7,
                "Invoice Number",
                Kind::Text,
                Vec::new(),
                &[2],
                false,
                true,
            ),
        ],
        contact_custom_fields: vec![
            contact_field(1, "Company", Kind::Text, Vec::new()),
            contact_field(
                2,
                "Plan",
                Kind::Choice,
                choices(21, &["Free", "Pro", "Enterprise"]),
            ),
            contact_field(3, "Seats", Kind::Number, Vec::new()),
            contact_field(
                4,
                "Regions",
                Kind::MultipleChoice,
                choices(41, &["Europe", "Americas", "Asia"]),
            ),
            contact_field(5, "Renewal Date", Kind::Date, Vec::new()),
        ],
        contacts: BTreeMap::new(),
        tickets: BTreeMap::new(),
        attachments: BTreeMap::new(),
        next_ids: NextIds::default(),
    }
}

/// A random moment within `days` days before `anchor`.
fn before(rng: &mut StdRng, anchor: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    anchor - TimeDelta::seconds(rng.random_range(60..days.max(1) * 86_400))
}

fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

fn add_contact(state: &mut State, rng: &mut StdRng, anchor: DateTime<Utc>) {
    let id = NextIds::take(&mut state.next_ids.contact);
    let (first, last) = (pick(rng, &FIRST), pick(rng, &LAST));
    let domain = pick(rng, &DOMAINS);
    let email = format!(
        "{}.{}{id}@{domain}",
        first.to_lowercase(),
        last.to_lowercase()
    );
    let mut groups: Vec<u64> = GROUPS
        .iter()
        .filter(|(_, _, d)| *d == domain)
        .map(|(g, _, _)| *g)
        .collect();
    if rng.random_bool(0.1) {
        groups.push(3);
    }
    let phone = happyfox::Phone {
        id: Some(NextIds::take(&mut state.next_ids.phone)),
        phone_type: Some(pick(rng, &["m", "o", "h"]).to_owned()),
        number: Some(format!("+1555{:07}", rng.random_range(0..10_000_000))),
        extra: Map::new(),
    };
    let mut custom_fields = BTreeMap::new();
    custom_fields.insert(
        1,
        CfValue::Text(format!(
            "{} Inc",
            domain.split('.').next().unwrap_or(domain)
        )),
    );
    custom_fields.insert(2, CfValue::Choice(rng.random_range(21..24)));
    if rng.random_bool(0.5) {
        custom_fields.insert(3, CfValue::Number(f64::from(rng.random_range(1..500))));
        custom_fields.insert(4, CfValue::Choices(vec![41, rng.random_range(42..44)]));
        custom_fields.insert(
            5,
            CfValue::Date((anchor + TimeDelta::days(rng.random_range(10..300))).date_naive()),
        );
    }
    let created = before(rng, anchor, 400);
    state.contacts.insert(
        id,
        ContactRecord {
            id,
            name: format!("{first} {last}"),
            email,
            phones: vec![phone],
            groups,
            custom_fields,
            created_at: created,
            updated_at: created,
        },
    );
}

fn message(
    state: &mut State,
    rng: &mut StdRng,
    text: &str,
    private: bool,
    with_file: bool,
) -> MessageRecord {
    let mut attachments = Vec::new();
    if with_file {
        let id = NextIds::take(&mut state.next_ids.attachment);
        let filename = pick(
            rng,
            &["screenshot.png", "logs.txt", "invoice.pdf", "report.csv"],
        )
        .to_owned();
        let content_type = match filename.rsplit('.').next() {
            Some("png") => "image/png",
            Some("pdf") => "application/pdf",
            Some("csv") => "text/csv",
            _ => "text/plain",
        };
        state.attachments.insert(
            id,
            AttachmentRecord {
                id,
                bytes: format!("emulated attachment {id}: {filename}\n").into_bytes(),
                filename,
                content_type: content_type.to_owned(),
            },
        );
        attachments.push(id);
    }
    MessageRecord {
        id: NextIds::take(&mut state.next_ids.message),
        text: text.to_owned(),
        html: MessageRecord::html_of_text(text),
        private,
        attachments,
        ..MessageRecord::default()
    }
}

fn add_ticket(state: &mut State, rng: &mut StdRng, anchor: DateTime<Utc>, names: &Names) {
    let id = NextIds::take(&mut state.next_ids.ticket);
    let category = CATEGORIES[rng.random_range(0..CATEGORIES.len())].0;
    let contact = rng.random_range(1..state.next_ids.contact);
    let created_at = before(rng, anchor, 180);
    let subject = pick(rng, &SUBJECTS).to_owned();
    let priority = rng.random_range(1..=4);
    let mut ticket = TicketRecord {
        id,
        category,
        subject,
        status: 1,
        priority,
        contact,
        assignee: None,
        tags: Vec::new(),
        due_date: None,
        time_spent: 0,
        visible_only_staff: category == 3,
        source: pick(
            rng,
            &[
                "TKT_CREATION_EMAIL",
                "TKT_CREATION_API",
                "TKT_CREATION_ADMIN_PANEL",
            ],
        )
        .to_owned(),
        custom_fields: BTreeMap::new(),
        subscribers: Vec::new(),
        updates: Vec::new(),
        created_at,
        last_modified: created_at,
        last_closed_at: None,
    };
    for _ in 0..rng.random_range(0..3) {
        let tag = pick(rng, &TAGS).to_owned();
        if !ticket.tags.contains(&tag) {
            ticket.tags.push(tag);
        }
    }
    if rng.random_bool(0.6) {
        ticket.custom_fields.insert(
            2,
            CfValue::Text(format!("ORD-{:05}", rng.random_range(0..100_000))),
        );
    }
    if rng.random_bool(0.5) {
        ticket
            .custom_fields
            .insert(3, CfValue::Choices(vec![31, rng.random_range(32..35)]));
        ticket
            .custom_fields
            .insert(4, CfValue::Number(f64::from(rng.random_range(1..40)) / 2.0));
        ticket
            .custom_fields
            .insert(5, CfValue::Date(created_at.date_naive()));
    }
    if category == 2 {
        ticket
            .custom_fields
            .insert(7, CfValue::Text(format!("INV-{id:06}")));
    }
    let body = pick(rng, &BODIES).to_owned();
    let with_file = rng.random_bool(0.2);
    let mut first = state.new_update(created_at, ActorRef::Contact(contact));
    first.message = Some(message(state, rng, &body, false, with_file));
    first.status_change = Some(id_change(None, Some(1), &names.status));
    first.priority_change = Some(id_change(None, Some(priority), &names.priority));
    ticket.updates.push(first);

    let mut at = created_at;
    let span = (anchor - created_at).num_seconds().max(120);
    for _ in 0..rng.random_range(0..5) {
        at += TimeDelta::seconds(rng.random_range(60..(span / 6).max(61)));
        if at >= anchor {
            break;
        }
        let staff = rng.random_range(1..=4);
        let mut update = state.new_update(at, ActorRef::Staff(staff));
        match rng.random_range(0..5) {
            0 => {
                update.by = ActorRef::Contact(contact);
                let text = pick(rng, &BODIES);
                update.message = Some(message(state, rng, text, false, false));
            }
            1 => {
                update.message = Some(message(
                    state,
                    rng,
                    "Internal: checking with engineering.",
                    true,
                    false,
                ))
            }
            2 => {
                let new = rng.random_range(1..=4);
                update.priority_change =
                    Some(id_change(Some(ticket.priority), Some(new), &names.priority));
                ticket.priority = new;
            }
            _ => {
                let (text, with_file) = (pick(rng, &REPLIES), rng.random_bool(0.1));
                update.message = Some(message(state, rng, text, false, with_file));
                let minutes = rng.random_range(5..60);
                update.time_spent = Some(minutes);
                ticket.time_spent += minutes;
                if ticket.status == 1 {
                    update.status_change = Some(id_change(Some(1), Some(2), &names.status));
                    ticket.status = 2;
                }
            }
        }
        if ticket.assignee.is_none() && update.by.is_staff() {
            update.assignee_change = Some(id_change(None, Some(staff), &names.staff));
            ticket.assignee = Some(staff);
            ticket.subscribers.push(staff);
        }
        if ticket.due_date.is_none() && rng.random_bool(0.3) {
            let due: NaiveDate = (at + TimeDelta::days(rng.random_range(-20..30))).date_naive();
            update.due_date_change = Some(happyfox::DueDateChange {
                old: None,
                new: Some(due),
                extra: Map::new(),
            });
            ticket.due_date = Some(due);
        }
        ticket.last_modified = at;
        ticket.updates.push(update);
    }
    if ticket.status == 2 && rng.random_bool(0.5) {
        at += TimeDelta::seconds(rng.random_range(60..3_600));
        if at < anchor {
            let new = if rng.random_bool(0.5) { 4 } else { 5 };
            ticket
                .custom_fields
                .insert(1, CfValue::Choice(rng.random_range(11..14)));
            ticket
                .custom_fields
                .insert(6, CfValue::Text("Configuration".to_owned()));
            let staff = ticket.assignee.unwrap_or(1);
            let mut update = state.new_update(at, ActorRef::Staff(staff));
            update.status_change = Some(id_change(Some(2), Some(new), &names.status));
            ticket.status = new;
            ticket.last_closed_at = Some(at);
            ticket.last_modified = at;
            ticket.updates.push(update);
        }
    } else if ticket.status == 2 && rng.random_bool(0.3) {
        ticket.status = 3;
    }
    state.tickets.insert(id, ticket);
}
