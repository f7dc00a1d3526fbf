"""A script as users write it; `mypy --strict` must accept it (see test_typing.py)."""

from __future__ import annotations

import datetime

import happyfox
from happyfox.testing import Emulator


def open_tickets(client: happyfox.Client) -> list[tuple[int, str | None]]:
    query = happyfox.Query().status("New", "In Progress").created_on_or_after(datetime.date(2020, 1, 1))
    return [(t.id, t.subject) for t in client.tickets.iter(q=query, size=50, status="_all")]


def escalate(client: happyfox.Client, ticket: int, staff: int) -> None:
    answer = client.tickets.staff_update(ticket, staff=staff, plaintext="Escalated", tags=["p1"], assignee=happyfox.UNASSIGNED)
    if isinstance(answer, happyfox.RawAnswer):
        print("applied; HappyFox said", answer.text())
    else:
        print(answer.display_id, [u.update_id for u in answer.updates])


async def triage(client: happyfox.AsyncClient, staff: int) -> list[str | None]:
    subjects: list[str | None] = []
    async for ticket in client.tickets.iter(q=happyfox.Query().unassigned(True)):
        updated = await client.tickets.staff_update(ticket, staff=staff, assignee=staff)
        if isinstance(updated, happyfox.Ticket):
            subjects.append(updated.subject)
    return subjects


def build() -> happyfox.Ticket:
    status = happyfox.Status(id=1, name="New")
    ticket = happyfox.Ticket(id=1, subject="Disk full", status=status, tags=["disk"])
    return happyfox.Ticket.from_json(ticket.to_json())


def main() -> None:
    with Emulator(tickets=5) as emulator:
        client = emulator.client()
        try:
            for ticket_id, subject in open_tickets(client):
                print(ticket_id, subject)
        except happyfox.RateLimitError as error:
            print("wait", error.retry_after)
        page: happyfox.TicketPage = client.tickets.list(sort="createa")
        first: happyfox.Ticket = page.data[0]
        created: datetime.datetime | None = first.created_at
        print(created, first.to_dict()["id"])


if __name__ == "__main__":
    main()
