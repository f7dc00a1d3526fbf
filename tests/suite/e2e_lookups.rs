//! End to end: the lookup set is fetched once per client, finds entries by name, email and
//! id, and refreshes on request.

use happyfox::Error;
use happyfox_emulator::{Emulator, EmulatorConfig};

#[test]
fn lookups_are_fetched_once_and_find_by_name_email_and_id() {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(3).seed(5)).expect("emulator");
    let client = emulator.client();
    let lookups = client.lookups().expect("lookups");
    let again = client.clone().lookups().expect("cached lookups");
    assert!(
        std::sync::Arc::ptr_eq(&lookups, &again),
        "clones share the cache"
    );
    assert_eq!(emulator.stats().of("GET", "/statuses/").received, 1);

    let status = &lookups.statuses()[0];
    let name = status.name.clone().expect("named status");
    assert_eq!(lookups.status(&name.to_uppercase()).unwrap().id, status.id);
    assert_eq!(
        lookups.status(&status.id.to_string()).unwrap().id,
        status.id
    );

    let agent = &lookups.staff_members()[0];
    let email = agent.email.clone().expect("staff email");
    assert_eq!(lookups.staff(&email).unwrap().id, agent.id);

    match lookups.priority("No Such Priority") {
        Err(Error::UnknownName {
            kind, candidates, ..
        }) => {
            assert_eq!(kind, "priority");
            assert_eq!(candidates.len(), lookups.priorities().len());
        }
        other => panic!("expected UnknownName, got {other:?}"),
    }

    client.refresh_lookups().expect("refresh");
    assert_eq!(emulator.stats().of("GET", "/statuses/").received, 2);
}

#[test]
fn writes_take_the_models_the_lookups_find() {
    use happyfox::{GetTicket, ListTickets, StaffUpdate};
    let emulator = Emulator::start(EmulatorConfig::new().tickets(3).seed(5)).expect("emulator");
    let client = emulator.client();
    let lookups = client.lookups().expect("lookups");
    let bot = &lookups.staff_members()[0];
    let agent = lookups.staff_members().last().expect("an agent");
    let priority = lookups.priorities().last().expect("a priority");
    let high = lookups
        .priority(priority.name.as_deref().unwrap_or_default())
        .unwrap();
    let ticket = client
        .list_tickets(&ListTickets::new().size(1))
        .unwrap()
        .data[0]
        .id;
    let update = StaffUpdate::new(bot).assignee(agent).priority(high);
    let applied = client.staff_update(ticket, &update).expect("update");
    assert!(applied.as_answer().is_some(), "the documented answer");
    let after = client
        .get_ticket(ticket, &GetTicket::new())
        .expect("ticket");
    assert_eq!(after.assigned_to.map(|s| s.id), Some(agent.id));
    assert_eq!(after.priority.map(|p| p.id), Some(high.id));
}
