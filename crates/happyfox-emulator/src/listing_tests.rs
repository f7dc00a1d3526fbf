//! The index against the reference: after random writes (through the real write functions
//! and the store, as the handlers run them), every listing read from the index, for every
//! sort and many filters, equals the old scan-and-sort; every ticket answer is byte for byte
//! the one the old `Value`-built rendering gave; contacts' ticket counts are right. One
//! end-to-end test does the same over HTTP.

use chrono::{DateTime, TimeDelta, Utc};
use happyfox_query::{Query, Sort};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::payload::Fields;
use crate::reference;
use crate::search::Search;
use crate::select::{Filters, StatusFilter, select};
use crate::store::Store;
use crate::ticket_json;
use crate::writes::{self, StaffWriteKind, TicketCall};

/// The queries listings are checked with: every kind of term, one text that does not parse.
const QUERIES: [&str; 26] = [
    "",
    r#"status:"New""#,
    r#"status:"In Progress","Closed""#,
    r#"priority:"High""#,
    "vpn",
    "dashboard",
    "straße",
    "VPN fixed",
    r#"tag:"vpn""#,
    r#"tag:"urgent","release""#,
    "assignee:--none",
    "assignee:--any",
    r#"assignee:"jane""#,
    "unassigned:true",
    "has_attachments:true",
    "unresponded:false",
    r#""Product":"Helpdesk""#,
    r#""Order Number":"ORD-7""#,
    r#""Plan":"Pro""#,
    r#"group:"Enterprise""#,
    "group:--none",
    r#"contact:"maria""#,
    "id:3",
    "duedate:overdue",
    r#"created-on-or-after:2025/04/01 last-staff-replied-before:2025/05/20 status:"In Progress""#,
    r#"status:"New"#,
];

const TEXTS: [&str; 4] = [
    "VPN fixed, thanks",
    "The dashboard loads now",
    "Straße",
    "ok",
];

fn anchor() -> DateTime<Utc> {
    "2025-06-01T00:00:00Z".parse().expect("a timestamp")
}

/// One write, its ticket picked among the existing ones by `pick`.
#[derive(Debug, Clone)]
enum Op {
    StaffUpdate {
        pick: usize,
        status: Option<u64>,
        priority: Option<u64>,
        assignee: Option<Option<u64>>,
        due_in_days: Option<Option<i64>>,
        text: Option<usize>,
        tags: Option<Vec<usize>>,
        fill_compulsory: bool,
    },
    PrivateNote(usize, usize),
    ContactReply(usize, usize),
    Create {
        category: u64,
        priority: u64,
        text: usize,
    },
    Delete(usize),
    Move(usize, u64),
    Tags(usize, Vec<usize>, Vec<usize>),
    CustomField(usize, u64),
    Forward(usize, usize),
}

const TAGS: [&str; 4] = ["vpn", "urgent", "release", "vip"];

fn op() -> impl Strategy<Value = Op> {
    let pick = any::<usize>();
    let text = 0..TEXTS.len();
    let tags = proptest::collection::vec(0..TAGS.len(), 0..3);
    prop_oneof![
        3 => (
            pick,
            proptest::option::of(1u64..=5),
            proptest::option::of(1u64..=4),
            proptest::option::of(proptest::option::of(1u64..=5)),
            proptest::option::of(proptest::option::of(-20i64..20)),
            proptest::option::of(text.clone()),
            proptest::option::of(tags.clone()),
            any::<bool>(),
        )
            .prop_map(|(pick, status, priority, assignee, due_in_days, text, tags, fill_compulsory)| {
                Op::StaffUpdate { pick, status, priority, assignee, due_in_days, text, tags, fill_compulsory }
            }),
        1 => (pick, text.clone()).prop_map(|(p, t)| Op::PrivateNote(p, t)),
        2 => (pick, text.clone()).prop_map(|(p, t)| Op::ContactReply(p, t)),
        2 => (prop_oneof![Just(1u64), Just(2), Just(4)], 1u64..=4, text.clone())
            .prop_map(|(category, priority, text)| Op::Create { category, priority, text }),
        1 => pick.prop_map(Op::Delete),
        1 => (pick, 1u64..=4).prop_map(|(p, c)| Op::Move(p, c)),
        1 => (pick, tags.clone(), tags).prop_map(|(p, a, r)| Op::Tags(p, a, r)),
        1 => (pick, 0u64..10).prop_map(|(p, n)| Op::CustomField(p, n)),
        1 => (pick, text).prop_map(|(p, t)| Op::Forward(p, t)),
    ]
}

fn fields(value: Value) -> Fields {
    match value {
        Value::Object(map) => Fields::from_map(map),
        _ => Fields::from_map(Map::new()),
    }
}

/// Applies `op` to `store` as its handler does (errors are fine: a refused write changes
/// nothing, and the index must still be right).
fn apply(store: &mut Store, op: &Op, now: DateTime<Utc>) {
    let ids: Vec<u64> = store.state().tickets.keys().copied().collect();
    let ticket = |pick: &usize| (!ids.is_empty()).then(|| ids[pick % ids.len()]);
    let contact_of = |store: &Store, id: u64| store.state().tickets[&id].contact;
    let call = |id: u64, fields| TicketCall { id, fields, now };
    match op {
        Op::StaffUpdate {
            pick,
            status,
            priority,
            assignee,
            due_in_days,
            text,
            tags,
            fill_compulsory,
        } => {
            let Some(id) = ticket(pick) else { return };
            let mut body = json!({ "staff": 2, "time_spent": 5 });
            if let Some(status) = status {
                body["status"] = json!(status);
            }
            if let Some(priority) = priority {
                body["priority"] = json!(priority);
            }
            if let Some(assignee) = assignee {
                body["assignee"] = json!(assignee);
            }
            if let Some(due) = due_in_days {
                body["due_date"] =
                    json!(due.map(|d| (now + TimeDelta::days(d)).format("%Y-%m-%d").to_string()));
            }
            if let Some(text) = text {
                body["plaintext"] = json!(TEXTS[*text]);
            }
            if let Some(tags) = tags {
                body["tags"] = json!(tags.iter().map(|t| TAGS[*t]).collect::<Vec<_>>().join(","));
            }
            if *fill_compulsory {
                body["t-cf-1"] = json!(11);
                body["t-cf-6"] = json!("Configuration");
            }
            let fields = fields(body);
            let _ = store.apply(Some(id), |s| {
                writes::staff_write(s, call(id, &fields), StaffWriteKind::Update)
            });
        }
        Op::PrivateNote(pick, text) => {
            let Some(id) = ticket(pick) else { return };
            let fields = fields(json!({ "staff": 1, "plaintext": TEXTS[*text] }));
            let _ = store.apply(Some(id), |s| {
                writes::staff_write(s, call(id, &fields), StaffWriteKind::PrivateNote)
            });
        }
        Op::ContactReply(pick, text) => {
            let Some(id) = ticket(pick) else { return };
            let fields = fields(json!({ "user": contact_of(store, id), "text": TEXTS[*text] }));
            let _ = store.apply(Some(id), |s| writes::contact_reply(s, call(id, &fields)));
        }
        Op::Create {
            category,
            priority,
            text,
        } => {
            let fields = fields(json!({
                "category": category, "priority": priority, "subject": TEXTS[*text],
                "text": TEXTS[(*text + 1) % TEXTS.len()], "name": "New Person",
                "email": format!("new{text}@example.com"), "t-cf-7": "INV-1",
                "tags": "vpn",
            }));
            let _ = store.apply(None, |s| writes::create_ticket(s, &fields, now));
        }
        Op::Delete(pick) => {
            let Some(id) = ticket(pick) else { return };
            let fields = fields(json!({ "staff_id": 1 }));
            let _ = store.apply(Some(id), |s| writes::delete(s, call(id, &fields)));
        }
        Op::Move(pick, category) => {
            let Some(id) = ticket(pick) else { return };
            let fields =
                fields(json!({ "staff_id": 1, "target_category_id": category, "assign_to": 4 }));
            let _ = store.apply(Some(id), |s| writes::move_ticket(s, call(id, &fields)));
        }
        Op::Tags(pick, add, remove) => {
            let Some(id) = ticket(pick) else { return };
            let list = |tags: &[usize]| tags.iter().map(|t| TAGS[*t]).collect::<Vec<_>>().join(",");
            let fields = fields(json!({ "add": list(add), "remove": list(remove) }));
            let _ = store.apply(Some(id), |s| writes::update_tags(s, call(id, &fields)));
        }
        Op::CustomField(pick, n) => {
            let Some(id) = ticket(pick) else { return };
            let fields = fields(json!({ "staff": 1, "t-cf-2": format!("ORD-{n}"), "t-cf-1": 11 }));
            let _ = store.apply(Some(id), |s| {
                writes::update_custom_fields(s, call(id, &fields))
            });
        }
        Op::Forward(pick, text) => {
            let Some(id) = ticket(pick) else { return };
            let fields = fields(
                json!({ "staff_id": 1, "to": "x@example.com", "subject": "Fwd", "message": TEXTS[*text] }),
            );
            let _ = store.apply(Some(id), |s| writes::forward(s, call(id, &fields)));
        }
    }
}

/// The index's whole listing (or a window of it) for these filters.
fn indexed(
    store: &Store,
    now: DateTime<Utc>,
    (status, category, q): (&str, Option<u64>, &str),
    sort: Option<Sort>,
    window: (usize, usize),
) -> (usize, Vec<u64>) {
    let status = match status {
        "_pending" => StatusFilter::Pending,
        "_all" => StatusFilter::All,
        id => StatusFilter::Is(id.parse().expect("a status id")),
    };
    let filters = Filters {
        status,
        category,
        search: Search::parse(q),
    };
    let selection = select(store, &filters, sort, now, window);
    (selection.total, selection.page)
}

/// Checks every listing, answer and count of `store` against the reference.
fn check(store: &Store, now: DateTime<Utc>) {
    let state = store.state();
    let sorts: Vec<Option<Sort>> = std::iter::once(None).chain(Sort::ALL.map(Some)).collect();
    let filters = [
        ("_all", None, ""),
        ("_pending", None, ""),
        ("2", None, ""),
        ("_all", Some(2), ""),
    ];
    for filter in filters {
        for sort in &sorts {
            let expected = reference::listing(state, now, filter.0, filter.1, filter.2, *sort);
            let (total, all) = indexed(store, now, filter, *sort, (0, usize::MAX));
            assert_eq!(
                (total, &all),
                (expected.len(), &expected),
                "{filter:?} {sort:?}"
            );
            let (_, window) = indexed(store, now, filter, *sort, (7, 5));
            let end = expected.len().min(12);
            assert_eq!(
                window,
                expected[7.min(end)..end],
                "{filter:?} {sort:?} window"
            );
        }
    }
    for q in QUERIES {
        for sort in [
            None,
            Some(Sort::SubjectAscending),
            Some(Sort::AssigneeDescending),
            Some(Sort::DueDate),
            Some(Sort::UnrespondedFirst),
        ] {
            for (status, category) in [("_all", None), ("_pending", Some(1))] {
                let expected = reference::listing(state, now, status, category, q, sort);
                let (total, all) =
                    indexed(store, now, (status, category, q), sort, (0, usize::MAX));
                assert_eq!(
                    (total, &all),
                    (expected.len(), &expected),
                    "{q:?} {sort:?} {status}"
                );
            }
        }
    }
    let renderer = crate::render::Renderer {
        state,
        index: store.index(),
        links: &crate::attachments::Links {
            base_url: "http://127.0.0.1:1".to_owned(),
            ttl: std::time::Duration::from_secs(300),
            secret: 7,
        },
        now,
    };
    for ticket in state.tickets.values() {
        for show in [false, true] {
            let model = renderer.ticket(ticket, show);
            assert_eq!(
                String::from_utf8(ticket_json::to_bytes(&model).expect("serializes")),
                String::from_utf8(reference::ticket_answer(&model, show)),
                "ticket {} show_cf_changes={show}",
                ticket.id
            );
        }
    }
    for contact in state.contacts.keys() {
        assert_eq!(
            store.index().contact_counts(*contact),
            reference::contact_counts(state, *contact),
            "contact {contact}"
        );
    }
}

#[test]
fn the_queries_parse_except_the_broken_one() {
    for q in QUERIES {
        assert_eq!(Query::parse(q).is_ok(), q != r#"status:"New"#, "{q}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn listings_answers_and_counts_match_the_reference_after_writes(
        seed in 0u64..1_000,
        tickets in 20usize..90,
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let mut store = Store::new(crate::generate_state(seed, tickets, anchor()));
        let mut now = anchor() + TimeDelta::hours(1);
        for op in &ops {
            apply(&mut store, op, now);
            now += TimeDelta::minutes(17);
        }
        check(&store, now);
    }
}

#[test]
fn a_remembered_filter_is_forgotten_at_the_next_change() {
    let mut store = Store::new(crate::generate_state(9, 40, anchor()));
    let now = anchor() + TimeDelta::hours(1);
    let in_status_2 = ("2", None, "");
    let (before, _) = indexed(&store, now, in_status_2, None, (0, usize::MAX));
    let moved = store
        .state()
        .tickets
        .values()
        .find(|t| t.status != 2)
        .map(|t| t.id)
        .expect("a ticket in another status");
    store.apply(Some(moved), |state| {
        if let Some(ticket) = state.tickets.get_mut(&moved) {
            ticket.status = 2;
        }
    });
    let (after, page) = indexed(&store, now, in_status_2, None, (0, usize::MAX));
    assert_eq!(after, before + 1);
    assert!(page.contains(&moved));
    assert_eq!(
        page,
        reference::listing(store.state(), now, "2", None, "", None)
    );
    store.rebuild_after(|state| {
        state.tickets.remove(&moved);
    });
    let (rebuilt, page) = indexed(&store, now, in_status_2, None, (0, usize::MAX));
    assert_eq!((rebuilt, page.contains(&moved)), (before, false));
}

#[test]
fn a_rebuilt_index_answers_like_the_maintained_one() {
    let mut store = Store::new(crate::generate_state(5, 60, anchor()));
    let now = anchor() + TimeDelta::hours(2);
    store.rebuild_after(|state| {
        state.statuses.swap(0, 3);
        if let Some(status) = state.statuses.iter_mut().find(|s| s.id == 2) {
            status.order = Some(99);
        }
        state.staff.retain(|s| s.id != 2);
        state.tickets.remove(&3);
    });
    check(&store, now);
}

/// Writes over HTTP, then every page of several listings over HTTP against the reference
/// (so the handlers refresh the tickets they write).
#[test]
fn listings_over_http_follow_writes() {
    use base64::Engine;

    let emulator =
        crate::Emulator::start(crate::EmulatorConfig::new().tickets(120).seed(4)).expect("starts");
    let agent = ureq::Agent::new_with_defaults();
    let root = format!("{}/api/1.1/json", emulator.url());
    let authorization = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            emulator.api_key(),
            emulator.auth_code()
        ))
    );
    let post = |path: &str, body: Value| {
        agent
            .post(format!("{root}{path}"))
            .header("Authorization", &authorization)
            .send_json(body)
            .expect("the write is answered 200");
    };
    let get = |query: &[(&str, String)]| -> Value {
        agent
            .get(format!("{root}/tickets/"))
            .header("Authorization", &authorization)
            .query_pairs(query.iter().map(|(k, v)| (*k, v.as_str())))
            .call()
            .expect("200")
            .body_mut()
            .read_json()
            .expect("JSON")
    };
    for (id, status, priority) in [(5, 2, 4), (9, 3, 1), (17, 1, 3), (40, 2, 2), (77, 3, 4)] {
        post(
            &format!("/ticket/{id}/staff_update/"),
            json!({ "staff": 2, "status": status, "priority": priority, "assignee": 4, "time_spent": 5, "plaintext": "On it" }),
        );
    }
    let contact = emulator.snapshot().tickets[&12].contact;
    post(
        "/ticket/12/user_reply/",
        json!({ "user": contact, "text": "Still broken" }),
    );
    post(
        "/tickets/",
        json!({ "category": 1, "subject": "Brand new", "text": "hello", "name": "N", "email": "n@example.com" }),
    );
    post("/ticket/30/delete/", json!({ "staff_id": 1 }));
    post(
        "/ticket/31/move/",
        json!({ "staff_id": 1, "target_category_id": 4 }),
    );
    post(
        "/ticket/33/update_tags/",
        json!({ "add": "vpn,urgent", "remove": "" }),
    );

    let state = emulator.snapshot();
    let now = Utc::now();
    let listings = [
        ("_all", None, ""),
        ("_all", None, r#"status:"In Progress""#),
        ("_pending", None, "vpn"),
        ("_all", Some(4), ""),
    ];
    for (status, category, q) in listings {
        for sort in [
            None,
            Some(Sort::StatusAscending),
            Some(Sort::PriorityDescending),
            Some(Sort::AssigneeDescending),
            Some(Sort::UpdatedOldestFirst),
        ] {
            let expected = reference::listing(&state, now, status, category, q, sort);
            let mut query = vec![
                ("size", "50".to_owned()),
                ("status", status.to_owned()),
                ("q", q.to_owned()),
                ("minify_response", "true".to_owned()),
            ];
            query.extend(sort.map(|s| ("sort", s.to_string())));
            query.extend(category.map(|c| ("category", c.to_string())));
            let mut listed = Vec::new();
            for page in 1..=expected.len().div_ceil(50).max(1) {
                let mut query = query.clone();
                query.push(("page", page.to_string()));
                let answer = get(&query);
                assert_eq!(answer["page_info"]["last_index"], json!(expected.len()));
                listed.extend(
                    answer["data"]
                        .as_array()
                        .expect("ids")
                        .iter()
                        .filter_map(Value::as_u64),
                );
            }
            assert_eq!(listed, expected, "{status} {category:?} {q:?} {sort:?}");
        }
    }
    let full = get(&[("size", "50".to_owned()), ("sort", "statusa".to_owned())]);
    let ids: Vec<u64> = full["data"]
        .as_array()
        .expect("tickets")
        .iter()
        .filter_map(|t| t["id"].as_u64())
        .collect();
    assert_eq!(
        ids,
        reference::listing(&state, now, "_all", None, "", Some(Sort::StatusAscending))[..50]
    );
}
