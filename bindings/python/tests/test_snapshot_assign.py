"""The issue's triage script in Python (the scenario of tests/suite/e2e_snapshot.rs): 200 tickets,
some unassigned; a loop over `client.tickets.snapshot(...)` assigns each to one agent named
by email and sets a status named by name, adding time spent where the category asks for it.
None stays unassigned. The same loop over `iter` skips tickets, which is why snapshots
exist."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import happyfox
from happyfox.testing import Emulator

UNASSIGNED = happyfox.Query().unassigned(True)


def triage(client: happyfox.Client, tickets: Iterable[happyfox.Ticket]) -> Counter[int]:
    """Assigns every ticket to the admin, "In Progress"; how many times each was visited."""
    lookups = client.lookups()
    agent = lookups.staff("admin@emulator.test")
    in_progress = lookups.status("In Progress")
    visits: Counter[int] = Counter()
    for ticket in tickets:
        visits[ticket.id] += 1
        time_spent = 5 if ticket.category and lookups.requires_time_spent(ticket.category) else None
        client.tickets.staff_update(
            ticket, staff=agent, assignee=agent, status=in_progress, time_spent=time_spent
        )
    return visits


def test_a_triage_loop_over_a_snapshot_assigns_every_unassigned_ticket_once() -> None:
    with Emulator(tickets=200, seed=14) as emulator:
        client = emulator.client()
        unassigned = client.tickets.list(q=UNASSIGNED).total
        assert unassigned is not None and unassigned > 20
        snapshot = client.tickets.snapshot(q=UNASSIGNED, size=10)
        visits = triage(client, snapshot)
        assert len(visits) == unassigned
        assert set(visits.values()) == {1}
        assert (snapshot.missing, snapshot.missing_ids, snapshot.failed) == (0, [], False)
        assert client.tickets.list(q=UNASSIGNED).total == 0
        admin = client.lookups().staff("admin@emulator.test")
        for ticket_id in visits:
            ticket = client.tickets.get(ticket_id)
            assert ticket.assigned_to is not None and ticket.assigned_to.id == admin.id
            assert ticket.status is not None and ticket.status.name == "In Progress"


def test_the_same_loop_over_iter_skips_tickets() -> None:
    with Emulator(tickets=200, seed=14) as emulator:
        client = emulator.client()
        unassigned = client.tickets.list(q=UNASSIGNED).total
        visits = triage(client, client.tickets.iter(q=UNASSIGNED, size=10))
        assert unassigned is not None and len(visits) < unassigned
        assert client.tickets.list(q=UNASSIGNED).total == unassigned - len(visits)
