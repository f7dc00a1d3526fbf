"""`client.tickets.sync`: every change since a checkpoint once, the checkpoint as JSON."""

from __future__ import annotations

import json

import pytest

import happyfox
from happyfox.testing import Emulator


def ids(run: happyfox.TicketSync) -> list[int]:
    return [ticket.id for ticket in run]


def test_the_first_sync_is_every_ticket_then_only_the_changes(emulator: Emulator) -> None:
    client = emulator.client(max_retries=0)
    first = client.tickets.sync()
    assert first.checkpoint is None, "no checkpoint before the run ends"
    assert sorted(ids(first)) == list(range(1, 41))
    checkpoint = first.checkpoint
    assert checkpoint is not None and not first.failed

    emulator.advance_clock(60)
    for ticket in (5, 9):
        client.tickets.private_note(ticket, staff=1, plaintext="looked at it")
    second = client.tickets.sync(checkpoint)
    assert sorted(ids(second)) == [5, 9]
    assert second.checkpoint is not None
    assert ids(client.tickets.sync(second.checkpoint)) == []


def test_a_ticket_the_loop_writes_comes_again_once(emulator: Emulator) -> None:
    client = emulator.client(max_retries=0)
    run = client.tickets.sync()
    list(run)
    client.tickets.private_note(3, staff=1, plaintext="changed")
    changed = client.tickets.sync(run.checkpoint)
    for ticket in changed:
        client.tickets.private_note(ticket.id, staff=1, plaintext="synced")
    assert ids(client.tickets.sync(changed.checkpoint)) == [3]


def test_the_checkpoint_is_json_that_round_trips(emulator: Emulator) -> None:
    client = emulator.client(max_retries=0)
    run = client.tickets.sync(category=1)
    list(run)
    assert run.checkpoint is not None
    stored = json.loads(run.checkpoint)
    assert stored["version"] == 1
    assert "category=1" in stored["filter"]
    again = client.tickets.sync(json.dumps(stored), category=1)
    assert ids(again) == []
    assert again.checkpoint == run.checkpoint


def test_a_checkpoint_that_does_not_fit_is_refused(emulator: Emulator) -> None:
    client = emulator.client(max_retries=0)
    with pytest.raises(happyfox.InvalidRequestError) as refused:
        client.tickets.sync('{"version": 2}')
    assert refused.value.rule == "checkpoint"
    assert refused.value.field == "checkpoint"

    run = client.tickets.sync(category=1)
    list(run)
    with pytest.raises(happyfox.InvalidRequestError, match="category=1") as other:
        next(client.tickets.sync(run.checkpoint))
    assert other.value.rule == "checkpoint"
