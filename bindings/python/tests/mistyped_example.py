"""Mistakes the stubs must catch (see test_typing.py): a wrong status form, a str assignee,
a subject read as an int (also through the asyncio client)."""

from __future__ import annotations

import happyfox


def broken(client: happyfox.Client) -> int:
    client.tickets.list(status="open")
    client.tickets.staff_update(1, staff=1, assignee="nobody")
    ticket = client.tickets.get(1)
    return ticket.subject


async def broken_async(client: happyfox.AsyncClient) -> int:
    ticket = await client.tickets.get(1)
    return ticket.subject
