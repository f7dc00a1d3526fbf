//! The README's triage loop, run against an in-process emulator holding 64 unassigned
//! tickets: every one is assigned, each exactly once (`cargo run -p happyfox --example
//! triage`).

use happyfox_emulator::{Emulator, EmulatorConfig};

// README begin
use happyfox::{Client, ListTickets, Query, StaffId, StaffUpdate};

/// Assigns every unassigned ticket to `agent` (who also signs the update), each one once.
fn triage(client: &Client, agent: StaffId) -> happyfox::Result<usize> {
    let unassigned = ListTickets::new().q(Query::new().unassigned(true));
    let mut tickets = client.snapshot_tickets(&unassigned);
    let mut assigned = 0;
    for ticket in tickets.by_ref() {
        let ticket = ticket?;
        // Applied either way (`Answer` or `Unrecognized`): the ticket is assigned.
        drop(client.staff_update(ticket.id, &StaffUpdate::new(agent).assignee(agent))?);
        assigned += 1;
    }
    let deleted = tickets.missing(); // since the ids were read: skipped
    println!("assigned {assigned}; {deleted} deleted meanwhile");
    Ok(assigned)
}
// README end

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(EmulatorConfig::new().tickets(64).seed(14))?;
    // Every ticket unassigned, in Support: the generated data's "Internal IT" category
    // wants time spent on every staff update, which this loop does not send.
    emulator.update_state(|state| {
        for ticket in state.tickets.values_mut() {
            ticket.assignee = None;
            ticket.category = 1;
        }
    });
    let client = emulator.client();
    let assigned = triage(&client, StaffId(2))?;
    let unassigned = ListTickets::new().q(Query::new().unassigned(true));
    let left = client.list_ticket_ids(&unassigned)?.total();
    println!("{assigned} of 64 assigned; {left:?} left unassigned");
    Ok(())
}
