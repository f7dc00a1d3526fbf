//! End to end: ticket listing over HTTP — pagination and `page_info`, ids-only and
//! `fields=` answers, status and category filters, every documented sort order, and `q`
//! searches evaluated by the emulator.

use std::time::Duration;

use happyfox::{GetTicket, ListTickets, Sort, StaffUpdate, StatusFilter, Ticket};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use happyfox_tests::applied::Answered;

fn start(tickets: usize) -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(tickets).seed(3)).expect("emulator starts")
}

fn all(emulator: &EmulatorHandle, params: &ListTickets) -> Vec<Ticket> {
    emulator
        .client()
        .iter_tickets(params)
        .collect::<Result<Vec<_>, _>>()
        .expect("listing")
}

/// The ids as listed.
fn in_order(tickets: &[Ticket]) -> Vec<u64> {
    tickets.iter().map(|t| t.id.get()).collect()
}

/// The ids, sorted (for comparing sets).
fn ids(tickets: &[Ticket]) -> Vec<u64> {
    let mut ids: Vec<u64> = tickets.iter().map(|t| t.id.get()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn pages_cover_every_ticket_once_with_documented_page_info() {
    let emulator = start(120);
    let client = emulator.client();
    let first = client.list_tickets(&ListTickets::new().size(50)).unwrap();
    let info = first.page_info.clone().unwrap();
    assert_eq!(
        (
            info.count,
            info.last_index,
            info.page_count,
            info.start_index,
            info.end_index
        ),
        (Some(50), Some(120), Some(3), Some(1), Some(50))
    );
    let last = client
        .list_tickets(&ListTickets::new().size(50).page(3))
        .unwrap();
    let info = last.page_info.unwrap();
    assert_eq!(
        (info.count, info.start_index, info.end_index),
        (Some(20), Some(101), Some(120))
    );
    let default = client.list_tickets(&ListTickets::new()).unwrap();
    assert_eq!(default.data.len(), 10, "default page size");

    let every = all(&emulator, &ListTickets::new().size(50));
    assert_eq!(ids(&every), (1..=120).collect::<Vec<_>>());
    let minified: Vec<u64> = client
        .iter_ticket_ids(&ListTickets::new().size(50))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(minified, in_order(&every));
    let raw = client
        .raw_get("/tickets/", &[("minify_response", "true"), ("size", "5")])
        .unwrap();
    assert_eq!(raw["data"].as_array().unwrap().len(), 5);
    assert_eq!(raw["page_info"]["last_index"], 120);
    let clamped = client.raw_get("/tickets/", &[("size", "500")]).unwrap();
    assert_eq!(
        clamped["data"].as_array().unwrap().len(),
        50,
        "size is clamped to 50"
    );

    let partial = client
        .list_ticket_fields(&ListTickets::new().size(3), ["id", "last_staff_reply_at"])
        .unwrap();
    assert_eq!(partial.data.len(), 3);
    assert!(
        partial
            .data
            .iter()
            .all(|t| t.id.is_some() && t.subject.is_none())
    );
    let raw = client
        .raw_get("/tickets/", &[("fields", "id,subject"), ("size", "2")])
        .unwrap();
    let keys: Vec<&String> = raw["data"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "subject"]);
}

#[test]
fn status_and_category_filters() {
    let emulator = start(60);
    let every = all(&emulator, &ListTickets::new().size(50));
    let completed = |t: &Ticket| {
        t.status.as_ref().and_then(|s| s.behavior.clone())
            == Some(happyfox::StatusBehavior::Completed)
    };
    let pending = all(
        &emulator,
        &ListTickets::new().status(StatusFilter::Pending).size(50),
    );
    let expected: Vec<Ticket> = every.iter().filter(|t| !completed(t)).cloned().collect();
    assert_eq!(ids(&pending), ids(&expected));
    assert!(pending.len() < every.len(), "the seed closes some tickets");
    let new = all(&emulator, &ListTickets::new().status(1).size(50));
    assert!(
        new.iter()
            .all(|t| t.status.as_ref().map(|s| s.id.get()) == Some(1))
    );
    let billing = all(&emulator, &ListTickets::new().category(2).size(50));
    let expected: Vec<Ticket> = every
        .iter()
        .filter(|t| t.category.as_ref().map(|c| c.id.get()) == Some(2))
        .cloned()
        .collect();
    assert_eq!(ids(&billing), ids(&expected));
}

/// The key a sort orders by, and whether it is descending.
fn sort_key(sort: Sort, t: &Ticket) -> (String, bool) {
    let time =
        |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    let order = |o: Option<i64>| format!("{:05}", o.unwrap_or_default());
    let assignee = t
        .assigned_to
        .as_ref()
        .and_then(|s| s.email.clone())
        .map(|e| e.split('@').next().unwrap_or_default().to_lowercase());
    match sort.as_str() {
        "categorya" | "categoryd" => (
            t.category
                .as_ref()
                .and_then(|c| c.name.clone())
                .unwrap_or_default()
                .to_lowercase(),
            sort.as_str() == "categoryd",
        ),
        "subjecta" | "subjectd" => (
            t.subject.clone().unwrap_or_default().to_lowercase(),
            sort.as_str() == "subjectd",
        ),
        "due" => (t.due_date.map_or("~".to_owned(), |d| d.to_string()), false),
        "statusa" | "statusd" => (
            order(t.status.as_ref().and_then(|s| s.order)),
            sort.as_str() == "statusd",
        ),
        "prioritya" | "priorityd" => (
            order(t.priority.as_ref().and_then(|p| p.order)),
            sort.as_str() == "priorityd",
        ),
        "updated" | "updatea" => (time(t.last_updated_at), sort.as_str() == "updated"),
        "unresponded" => (
            (if t.unresponded == Some(true) {
                "0"
            } else {
                "1"
            })
            .to_owned(),
            false,
        ),
        "createa" | "created" => (time(t.created_at), sort.as_str() == "created"),
        "assigneea" => (assignee.unwrap_or_else(|| "~".to_owned()), false),
        "assigned" => (assignee.unwrap_or_default(), true),
        "last_modified_a" | "last_modified_d" => {
            (time(t.last_modified), sort.as_str() == "last_modified_d")
        }
        "ticketa" | "ticketd" => (format!("{:08}", t.id), sort.as_str() == "ticketd"),
        "clienta" | "clientd" => (
            format!("{:08}", t.user.as_ref().map_or(0, |u| u.id.get())),
            sort.as_str() == "clientd",
        ),
        other => panic!("undocumented sort {other}"),
    }
}

#[test]
fn every_documented_sort_orders_the_list() {
    let emulator = start(25);
    for sort in Sort::ALL {
        let tickets = all(&emulator, &ListTickets::new().sort(sort).size(50));
        assert_eq!(tickets.len(), 25);
        let keys: Vec<(String, bool)> = tickets.iter().map(|t| sort_key(sort, t)).collect();
        for pair in keys.windows(2) {
            let ((a, descending), (b, _)) = (&pair[0], &pair[1]);
            let ordered = if *descending { a >= b } else { a <= b };
            assert!(ordered, "{}: {a:?} then {b:?}", sort.as_str());
        }
    }
    // Ids in order, not whole tickets: attachment URLs carry their expiry time in seconds,
    // so two listings a second apart differ there (the clock is moved to make sure).
    let default = in_order(&all(&emulator, &ListTickets::new().size(50)));
    emulator.advance_clock(Duration::from_secs(1));
    let updated = in_order(&all(
        &emulator,
        &ListTickets::new().sort("updated".parse().unwrap()).size(50),
    ));
    assert_eq!(
        default, updated,
        "the default order is last updated, descending"
    );
}

fn search(emulator: &EmulatorHandle, q: &str) -> Vec<u64> {
    ids(&all(emulator, &ListTickets::new().q(q).size(50)))
}

fn expect(every: &[Ticket], keep: impl Fn(&Ticket) -> bool) -> Vec<u64> {
    ids(&every
        .iter()
        .filter(|t| keep(t))
        .cloned()
        .collect::<Vec<_>>())
}

#[test]
fn searches_filter_by_every_kind_of_term() {
    let emulator = start(80);
    let client = emulator.client();
    client
        .staff_update(
            5,
            &StaffUpdate::new(1)
                .assignee(2)
                .tags(["routine_checks", "vpn"]),
        )
        .answered("write");
    let every = all(&emulator, &ListTickets::new().size(50));
    let status = |t: &Ticket| {
        t.status
            .as_ref()
            .and_then(|s| s.name.clone())
            .unwrap_or_default()
    };

    let found = search(&emulator, r#"status:"New","In Progress""#);
    assert_eq!(
        found,
        expect(&every, |t| ["New", "In Progress"]
            .contains(&status(t).as_str()))
    );
    assert!(!found.is_empty());

    let found = search(&emulator, r#"tag:"routine_checks" status:"In Progress""#);
    let want = expect(&every, |t| {
        t.tags.iter().any(|g| g == "routine_checks") && status(t) == "In Progress"
    });
    assert_eq!(found, want);
    assert!(
        found.contains(&5)
            || status(&every[every.iter().position(|t| t.id == 5).unwrap()]) != "In Progress"
    );

    let found = search(&emulator, r#"assignee:"jane@emulator.test""#);
    assert_eq!(
        found,
        expect(&every, |t| t.assigned_to.as_ref().map(|s| s.id.get())
            == Some(2))
    );
    assert!(found.contains(&5));
    assert_eq!(
        search(&emulator, "unassigned:true"),
        expect(&every, |t| t.assigned_to.is_none())
    );

    let ticket = client.get_ticket(7, &GetTicket::new()).unwrap();
    assert_eq!(search(&emulator, "id:7"), [7]);
    let display = ticket.display_id.clone().unwrap();
    assert_eq!(
        search(
            &emulator,
            &format!("id:{}", display.trim_start_matches('#'))
        ),
        [7]
    );

    let day = ticket.created_at.unwrap().date_naive();
    let q = format!("created-on:{}", day.format("%Y/%m/%d"));
    assert_eq!(
        search(&emulator, &q),
        expect(&every, |t| t.created_at.unwrap().date_naive() == day)
    );
    assert!(search(&emulator, &q).contains(&7));
    let q = format!("created-on-or-after:{}", day.format("%Y/%m/%d"));
    assert_eq!(
        search(&emulator, &q),
        expect(&every, |t| t.created_at.unwrap().date_naive() >= day)
    );

    let order = |t: &Ticket| {
        t.custom_fields
            .iter()
            .find(|f| f.id == 2)
            .and_then(|f| f.value.clone())
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    let with_order = every
        .iter()
        .find_map(order)
        .expect("some ticket has an order number");
    let q = format!(r#""Order Number":"{}""#, with_order.to_lowercase());
    assert_eq!(
        search(&emulator, &q),
        expect(&every, |t| order(t).as_deref() == Some(with_order.as_str()))
    );
    let plan = |t: &Ticket| {
        t.user
            .as_ref()
            .and_then(|u| u.custom_fields.iter().find(|f| f.id == 2))
            .and_then(|f| f.value.clone())
    };
    assert_eq!(
        search(&emulator, r#"Plan:"pro""#),
        expect(&every, |t| plan(t) == Some(serde_json::json!("Pro")))
    );

    let subject = ticket.subject.clone().unwrap();
    let word = subject
        .split(' ')
        .max_by_key(|w| w.len())
        .unwrap()
        .to_owned();
    let found = search(&emulator, &format!("\"{word}\""));
    assert!(found.contains(&7));
    assert!(found.len() < every.len());
    assert!(search(&emulator, "zzz-no-such-text").is_empty());
}

/// Waits until the emulator has received `count` ticket listings (the read-ahead thread's
/// request arrives on its own time), failing after 10 s.
fn wait_for_listings(emulator: &EmulatorHandle, count: u64) {
    let start = std::time::Instant::now();
    while emulator.stats().of("GET", "/tickets/").received < count {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no read-ahead request"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn iterators_ask_for_pages_of_50_when_no_size_is_set() {
    let emulator = start(120);
    let client = emulator.client();
    emulator.reset_stats();
    assert_eq!(all(&emulator, &ListTickets::new()).len(), 120);
    assert_eq!(emulator.stats().of("GET", "/tickets/").received, 3);
    emulator.reset_stats();
    let ids = client
        .iter_ticket_ids(&ListTickets::new())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(ids.len(), 120);
    assert_eq!(emulator.stats().of("GET", "/tickets/").received, 3);
    emulator.reset_stats();
    let contacts = client
        .iter_contacts(&happyfox::ListContacts::new())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(
        emulator.stats().of("GET", "/users/").received,
        (contacts.len() as u64).div_ceil(50).max(1)
    );
    emulator.reset_stats();
    assert_eq!(all(&emulator, &ListTickets::new().size(25)).len(), 120);
    assert_eq!(
        emulator.stats().of("GET", "/tickets/").received,
        5,
        "a size the caller sets is kept"
    );
}

#[test]
fn read_ahead_fetches_one_page_beyond_the_one_being_read() {
    let emulator = start(120);
    emulator.reset_stats();
    let mut tickets = emulator.client().iter_tickets(&ListTickets::new());
    assert!(tickets.next().is_some());
    wait_for_listings(&emulator, 2);
    assert!(tickets.by_ref().take(49).all(|ticket| ticket.is_ok()));
    assert_eq!(
        emulator.stats().of("GET", "/tickets/").received,
        2,
        "page 3 waits until page 2 is read"
    );
    assert!(tickets.next().is_some(), "the first ticket of page 2");
    wait_for_listings(&emulator, 3);
    assert_eq!(tickets.count(), 69);
    assert_eq!(emulator.stats().of("GET", "/tickets/").received, 3);

    emulator.reset_stats();
    let plain = emulator.client_builder().read_ahead(false).build().unwrap();
    let mut tickets = plain.iter_tickets(&ListTickets::new());
    assert!(tickets.by_ref().take(50).all(|ticket| ticket.is_ok()));
    assert!(!tickets.is_reading_ahead());
    assert_eq!(
        emulator.stats().of("GET", "/tickets/").received,
        1,
        "without read-ahead, one page at a time"
    );
}
