//! End to end, with the client's retries off: random injected faults reach the client as
//! its typed errors — 429 with the wait, 5xx, dropped connections, truncated bodies —
//! reproducibly per seed; two overlapping staff updates of one ticket from two clients are
//! rejected (409) without corrupting it, while one client (and its clones) serialises them.
//! The deterministic fault matrix, with retries on, is `fault_matrix.rs`.

use std::time::Duration;

use happyfox::{Client, CreateTicket, Error, GetTicket, ListTickets, StaffUpdate};
use happyfox_emulator::{Emulator, EmulatorConfig, EmulatorHandle, FaultConfig, RateLimit};
use happyfox_tests::applied::Answered;

fn start(faults: FaultConfig) -> EmulatorHandle {
    Emulator::start(EmulatorConfig::new().tickets(5).seed(9).faults(faults))
        .expect("emulator starts")
}

/// A client that reports every failure at once.
fn no_retries(emulator: &EmulatorHandle) -> Client {
    emulator
        .client_builder()
        .no_retries()
        .build()
        .expect("client")
}

#[test]
fn rate_limits_answer_429_with_the_wait() {
    let emulator = start(FaultConfig {
        rate_limit: Some(RateLimit::per_minute(3, 1)),
        ..FaultConfig::default()
    });
    let client = no_retries(&emulator);
    for _ in 0..3 {
        client.list_statuses().expect("within the limit");
    }
    match client.list_statuses() {
        Err(Error::RateLimited { retry_after, body }) => {
            assert!(retry_after > Duration::ZERO && retry_after <= Duration::from_secs(60));
            assert_eq!(
                body,
                format!("Throttled, wait {} seconds.", retry_after.as_secs())
            );
        }
        other => panic!("expected 429, got {other:?}"),
    }
    client
        .create_ticket(&CreateTicket::new(1, "s").text("t").client(1))
        .answered("first POST");
    let second = client.create_ticket(&CreateTicket::new(1, "s").text("t").client(1));
    assert!(
        matches!(second, Err(Error::RateLimited { .. })),
        "{second:?}"
    );
    emulator.advance_clock(Duration::from_secs(61));
    client.list_statuses().expect("a new minute");
    assert_eq!(RateLimit::parse("500,300"), Ok(RateLimit::happyfox()));
}

#[test]
fn server_errors_drops_and_truncations_reach_the_client() {
    let errors = start(FaultConfig {
        error_rate: 1.0,
        ..FaultConfig::default()
    });
    match no_retries(&errors).list_statuses() {
        Err(Error::Http { status, .. }) => assert!([500, 502, 503].contains(&status)),
        other => panic!("expected a 5xx, got {other:?}"),
    }
    let drops = start(FaultConfig {
        drop_rate: 1.0,
        ..FaultConfig::default()
    });
    let dropped = no_retries(&drops).list_statuses();
    assert!(
        matches!(dropped, Err(Error::Transport { .. })),
        "{dropped:?}"
    );
    let dropped_write =
        no_retries(&drops).create_ticket(&CreateTicket::new(1, "s").text("t").client(1));
    assert!(
        dropped_write.as_ref().is_err_and(Error::outcome_unknown),
        "{dropped_write:?}"
    );
    let cuts = start(FaultConfig {
        truncate_rate: 1.0,
        ..FaultConfig::default()
    });
    match no_retries(&cuts).list_tickets(&ListTickets::new()) {
        Err(Error::Transport { message, .. }) => {
            assert!(message.contains("was cut short after"), "{message}")
        }
        other => panic!("expected a cut answer, got {other:?}"),
    }
}

#[test]
fn faults_repeat_with_the_seed() {
    let outcomes = || {
        let emulator = start(FaultConfig {
            error_rate: 0.4,
            drop_rate: 0.2,
            ..FaultConfig::default()
        });
        let client = no_retries(&emulator);
        (0..20)
            .map(|_| match client.list_priorities() {
                Ok(_) => "ok".to_owned(),
                Err(Error::Http { status, .. }) => status.to_string(),
                Err(Error::Transport { .. }) => "dropped".to_owned(),
                Err(other) => format!("{other}"),
            })
            .collect::<Vec<_>>()
    };
    let first = outcomes();
    assert_eq!(first, outcomes());
    assert!(first.iter().any(|o| o == "ok") && first.iter().any(|o| o != "ok"));
}

#[test]
fn overlapping_staff_updates_of_one_ticket_from_two_clients_get_409_and_never_corrupt_it() {
    let emulator = start(FaultConfig {
        latency: Duration::from_millis(400),
        ..FaultConfig::default()
    });
    let before = emulator
        .client()
        .get_ticket(1, &GetTicket::new())
        .unwrap()
        .updates
        .len();
    let results: Vec<happyfox::Result<happyfox::Applied<happyfox::Ticket>>> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = [1, 2]
                .into_iter()
                .map(|staff| {
                    // Two separate clients: nothing serialises their writes.
                    let client = no_retries(&emulator);
                    scope.spawn(move || {
                        client.staff_update(
                            1,
                            &StaffUpdate::new(staff).plaintext(format!("from {staff}")),
                        )
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(Error::Conflict { .. })))
        .count();
    assert_eq!((ok, conflicts), (1, 1), "{results:?}");
    let after = emulator.client().get_ticket(1, &GetTicket::new()).unwrap();
    assert_eq!(after.updates.len(), before + 1);
    emulator
        .client()
        .staff_update(1, &StaffUpdate::new(1).plaintext("later"))
        .answered("the ticket is free again");
}
