"""Every write against the emulator, with the argument forms the package documents."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import happyfox
from happyfox.testing import Emulator


def new_ticket(client: happyfox.Client, **extra: object) -> happyfox.Ticket:
    ticket = client.tickets.create(
        category=1, subject="Printer on fire", email="ops@example.com", name="Ops", text="help", **extra  # type: ignore[arg-type]
    )
    assert isinstance(ticket, happyfox.Ticket)
    return ticket


def test_create_with_every_argument_form(client: happyfox.Client, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"disk 93%\n")
    field = client.ticket_custom_fields.list()[0]
    with report.open("rb") as handle:
        ticket = new_ticket(
            client,
            tags="alert, disk",
            cc=["a@example.com"],
            due_date=datetime.date(2031, 1, 2),
            priority=client.priorities.list()[0].id,
            attachments=[report, ("df.txt", b"/dev/sda1 93%"), handle],
            custom_fields={field.id: "db-1"} if field.type == "text" else None,
        )
    assert ticket.tags == ["alert", "disk"]
    assert ticket.due_date == datetime.date(2031, 1, 2)
    assert ticket.attachments_count == 3
    assert ticket.user is not None and ticket.user.email == "ops@example.com"


def test_staff_writes(client: happyfox.Client) -> None:
    ticket = new_ticket(client)
    staff = client.staff.list()[0].id
    statuses = client.statuses.list()
    updated = client.tickets.staff_update(
        ticket.id, staff=staff, plaintext="On it", status=statuses[1].id, assignee=staff, time_spent=5
    )
    assert isinstance(updated, happyfox.Ticket)
    assert updated.assigned_to is not None and updated.assigned_to.id == staff
    unassigned = client.tickets.staff_update(ticket.id, staff=staff, assignee=happyfox.UNASSIGNED)
    assert isinstance(unassigned, happyfox.Ticket) and unassigned.assigned_to is None
    noted = client.tickets.private_note(ticket.id, staff=staff, plaintext="root cause", alert="s")
    assert isinstance(noted, happyfox.Ticket)
    assert noted.updates[-1].message is not None and noted.updates[-1].message.message_type == "p"
    replied = client.tickets.user_reply(ticket.id, user=ticket.user.id if ticket.user else 0, text="thanks")
    assert isinstance(replied, happyfox.Ticket)
    tagged = client.tickets.update_tags(ticket.id, staff_id=staff, add=["x", "y"], remove="y")
    assert isinstance(tagged, happyfox.Ticket) and "x" in tagged.tags and "y" not in tagged.tags
    field = next(f for f in client.ticket_custom_fields.list() if f.type == "text")
    custom = client.tickets.update_custom_fields(ticket.id, staff=staff, custom_fields={field.id: "value"})
    assert isinstance(custom, happyfox.Ticket)
    assert any(f.id == field.id and f.value == "value" for f in custom.custom_fields)


def test_subscription_forward_move_delete(client: happyfox.Client) -> None:
    ticket = new_ticket(client)
    staff = client.staff.list()
    subscribed = client.tickets.subscribe(ticket.id, staff_id=staff[0].id, data=[staff[1].id])
    assert isinstance(subscribed, happyfox.MessageResponse) and subscribed.message
    assert isinstance(client.tickets.unsubscribe(ticket.id, staff_id=staff[1].id), happyfox.MessageResponse)
    forwarded = client.tickets.forward(ticket.id, staff_id=staff[0].id, to="x@example.com", subject="fyi", message="see")
    assert isinstance(forwarded, happyfox.MessageResponse)
    categories = client.categories.list()
    moved = client.tickets.move(ticket.id, staff_id=staff[0].id, target_category_id=categories[1].id)
    assert isinstance(moved, happyfox.MessageResponse)
    assert client.tickets.get(ticket.id).category is not None
    deleted = client.tickets.delete(ticket.id, staff_id=staff[0].id)
    assert isinstance(deleted, happyfox.DeletedTicket)
    with pytest.raises(happyfox.NotFoundError):
        client.tickets.get(ticket.id)


def test_inline_attachment(client: happyfox.Client) -> None:
    uploaded = client.tickets.upload_inline_attachment(("pixel.png", b"\x89PNG\r\n"))
    assert isinstance(uploaded, happyfox.InlineAttachment) and uploaded.url


def test_create_many_has_one_outcome_per_input_in_order(client: happyfox.Client) -> None:
    good = {"category": 1, "subject": "bulk", "email": "b@example.com", "name": "B", "text": "x"}
    outcomes = client.tickets.create_many([good, {**good, "category": 999999}, good])
    assert [o.kind for o in outcomes] == ["created", "rejected", "created"]
    assert outcomes[0].id is not None and outcomes[1].errors
    with pytest.raises(TypeError, match="unexpected argument `colour`"):
        client.tickets.create_many([{**good, "colour": "red"}])


def test_unassign_with_attachments_is_refused_before_sending(client: happyfox.Client) -> None:
    ticket = new_ticket(client)
    with pytest.raises(happyfox.InvalidRequestError) as caught:
        client.tickets.staff_update(
            ticket.id, staff=1, plaintext="x", assignee=happyfox.UNASSIGNED, attachments=[("a.txt", b"a")]
        )
    assert caught.value.field == "assignee" and caught.value.rule == "multipart"
    assert isinstance(caught.value, ValueError)


def test_a_2xx_answer_of_another_shape_is_handed_back_raw(emulator: Emulator) -> None:
    # raw_post against an endpoint whose answer is JSON: the escape hatch returns it.
    client = emulator.client()
    ticket = new_ticket(client)
    answer = client.raw_post(f"/ticket/{ticket.id}/staff_pvtnote/", {"staff": 1, "plaintext": "x"})
    assert isinstance(answer, dict) and answer["id"] == ticket.id
