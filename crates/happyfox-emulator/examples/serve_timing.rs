//! How fast the emulator serves: seeds a store, then times ticket pages (first, middle and
//! last, by several sorts, with a status filter and a free-text search) and ticket details
//! over real HTTP on loopback, printing the median and mean per request.
//!
//! ```sh
//! cargo run --release -p happyfox-emulator --example serve_timing -- --tickets 100000 --requests 50
//! ```
//!
//! `--seed N` changes the data, `--only TEXT` times only the cases whose label has `TEXT`.

use std::time::{Duration, Instant};

use base64::Engine;
use happyfox_emulator::{Emulator, EmulatorConfig};

/// One kind of request: a label and its path and query below the API root.
struct Case {
    label: String,
    path: String,
    query: Vec<(&'static str, String)>,
}

fn main() {
    let tickets = flag("--tickets", 100_000);
    let requests = flag("--requests", 30);
    let seed = flag("--seed", 1) as u64;

    let started = Instant::now();
    let emulator = Emulator::start(EmulatorConfig::new().tickets(tickets).seed(seed))
        .expect("the emulator starts");
    println!(
        "{tickets} tickets seeded and served in {:.2} s; {requests} requests per case",
        started.elapsed().as_secs_f64()
    );
    let credentials = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        emulator.api_key(),
        emulator.auth_code()
    ));
    let client = Client {
        agent: ureq::Agent::new_with_defaults(),
        root: format!("{}/api/1.1/json", emulator.url()),
        authorization: format!("Basic {credentials}"),
    };

    let mut cases = Vec::new();
    let listings: [(&str, Option<&str>, Option<&str>); 7] = [
        ("default sort", None, None),
        ("sort=subjecta", Some("subjecta"), None),
        ("sort=priorityd", Some("priorityd"), None),
        ("sort=due", Some("due"), None),
        ("sort=assigneea", Some("assigneea"), None),
        ("q=status:\"New\"", None, Some("status:\"New\"")),
        ("q=dashboard (free text)", None, Some("dashboard")),
    ];
    for (label, sort, q) in listings {
        let mut query = vec![("size", "50".to_owned())];
        query.extend(sort.map(|s| ("sort", s.to_owned())));
        query.extend(q.map(|q| ("q", q.to_owned())));
        let pages = client.page_count(&query);
        for (which, page) in [("first", 1), ("middle", pages.div_ceil(2)), ("last", pages)] {
            let mut query = query.clone();
            query.push(("page", page.max(1).to_string()));
            cases.push(Case {
                label: format!("{label}, {which} page ({page}/{pages})"),
                path: "/tickets/".to_owned(),
                query,
            });
        }
    }
    let middle_ticket = tickets.div_ceil(2).max(1);
    cases.push(Case {
        label: format!("ticket detail ({middle_ticket})"),
        path: format!("/ticket/{middle_ticket}/"),
        query: Vec::new(),
    });

    let only = text_flag("--only");
    println!(
        "{:<52} {:>10} {:>10} {:>9}",
        "case", "p50 ms", "mean ms", "bytes"
    );
    for case in cases
        .iter()
        .filter(|c| only.as_ref().is_none_or(|o| c.label.contains(o.as_str())))
    {
        client.get(case);
        let mut times: Vec<Duration> = Vec::with_capacity(requests);
        let mut bytes = 0;
        for _ in 0..requests {
            let start = Instant::now();
            bytes = client.get(case).len();
            times.push(start.elapsed());
        }
        times.sort();
        let mean = times.iter().sum::<Duration>() / requests.max(1) as u32;
        println!(
            "{:<52} {:>10.3} {:>10.3} {:>9}",
            case.label,
            millis(times[times.len() / 2]),
            millis(mean),
            bytes
        );
    }
    emulator.shutdown();
}

/// A keep-alive HTTP client with the emulator's credentials.
struct Client {
    agent: ureq::Agent,
    root: String,
    authorization: String,
}

impl Client {
    /// The body of one request, which must answer 200.
    fn get(&self, case: &Case) -> Vec<u8> {
        self.agent
            .get(format!("{}{}", self.root, case.path))
            .header("Authorization", &self.authorization)
            .query_pairs(case.query.iter().map(|(k, v)| (*k, v.as_str())))
            .call()
            .expect("the emulator answers 200")
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .expect("the body arrives")
    }

    /// `page_info.page_count` of a listing.
    fn page_count(&self, query: &[(&'static str, String)]) -> usize {
        let body = self.get(&Case {
            label: String::new(),
            path: "/tickets/".to_owned(),
            query: query.to_vec(),
        });
        let page: serde_json::Value = serde_json::from_slice(&body).expect("a JSON page");
        page["page_info"]["page_count"].as_u64().unwrap_or(1) as usize
    }
}

/// The number after `name` on the command line, or `default`.
fn flag(name: &str, default: usize) -> usize {
    text_flag(name).map_or(default, |v| v.parse().expect("a whole number"))
}

/// The text after `name` on the command line.
fn text_flag(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
