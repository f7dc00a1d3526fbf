//! Micro-benchmarks (divan): decoding a page of 50 full tickets, rendering and parsing
//! search queries, encoding a multipart body. `cargo bench -p happyfox`.

use chrono::NaiveDate;
use divan::Bencher;
use divan::counter::BytesCount;
use happyfox::codec::{decode, encode_multipart};
use happyfox::{Page, Ticket, UploadFile};
use happyfox_query::{Keyword, Query};

/// Page 1 of a listing of 50 full tickets, as the emulator serves it (see
/// `fixtures/SOURCES`).
const PAGE_OF_50: &[u8] = include_bytes!("fixtures/tickets_page_50.json");

/// A query of every kind of term, in its canonical form.
const QUERY: &str = r#"status:"New","In Progress" tag:"routine_checks" created-on-or-after:"2019/01/25" assignee:--any has_attachments:true id:DC00000001,2 "Team Name":"arsenal" disk"#;

fn main() {
    divan::main();
}

#[divan::bench]
fn decode_page_of_50_tickets(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(PAGE_OF_50.len()))
        .bench(|| {
            decode::<Page<Ticket>>(divan::black_box(PAGE_OF_50)).expect("the fixture decodes")
        });
}

#[divan::bench]
fn parse_query() -> Query {
    Query::parse(divan::black_box(QUERY)).expect("the query parses")
}

#[divan::bench]
fn render_query(bencher: Bencher) {
    let date = NaiveDate::from_ymd_opt(2019, 1, 25).expect("a date");
    bencher.bench(|| {
        Query::new()
            .status(["New", "In Progress"])
            .tag("routine_checks")
            .created_on_or_after(date)
            .assignee(Keyword::Any)
            .has_attachments(true)
            .id(["DC00000001", "2"])
            .custom("Team Name", "arsenal")
            .build()
            .expect("the query builds")
            .to_string()
    });
}

#[divan::bench]
fn encode_multipart_ticket_with_attachment(bencher: Bencher) {
    let fields: Vec<(String, String)> = [
        ("category", "1"),
        ("subject", "Printer on fire"),
        ("text", "It started smoking after the last firmware update."),
        ("email", "pat@example.com"),
        ("name", "Pat"),
        ("t-cf-3", "Team Arsenal"),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.to_owned()))
    .collect();
    let files = [UploadFile::from_bytes("log.txt", vec![b'x'; 64 * 1024])];
    bencher.bench(|| {
        encode_multipart("happyfox-bench", &fields, "attachments", &files).expect("it encodes")
    });
}
