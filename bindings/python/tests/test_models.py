"""Models built and serialised: `from_dict(m.to_dict()) == m` and `from_json(m.to_json()) == m`
for every model the emulator answers with (and by property tests on built ones), keyword
constructors, and the same validation as a decoded answer."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import happyfox
from happyfox.testing import Emulator

#: Models no call of this test answers with, and why.
NOT_ANSWERED = {
    "BulkCreateItem": "an item of create_many's request, not of an answer",
    "IdChange": "only in the change history of a ticket moved between categories",
    "DueDateChange": "only in the change history of a due date change",
}


def models() -> dict[str, type[Any]]:
    return {
        name: value
        for name, value in vars(happyfox).items()
        if isinstance(value, type) and hasattr(value, "from_dict") and hasattr(value, "to_json")
    }


def walk(value: object, found: dict[str, list[Any]]) -> None:
    """Collects every model instance inside `value` (attributes, lists)."""
    if isinstance(value, list):
        for item in value:
            walk(item, found)
        return
    if hasattr(value, "page_info") and hasattr(value, "data"):
        walk(value.data, found)
        walk(value.page_info, found)
        return
    if not hasattr(value, "to_dict") or not hasattr(type(value), "from_dict"):
        return
    found.setdefault(type(value).__name__, []).append(value)
    for name in dir(value):
        if not name.startswith("_") and name not in ("extra",):
            attribute = getattr(value, name)
            if not callable(attribute):
                walk(attribute, found)


def test_every_model_round_trips_through_dict_and_json() -> None:
    found: dict[str, list[Any]] = {}
    with Emulator(tickets=25, seed=4) as emulator:
        client = emulator.client()
        for ticket in client.tickets.iter():
            walk(client.tickets.get(ticket.id, show_cf_changes=True), found)
        for resource in ("staff", "statuses", "priorities", "categories", "ticket_custom_fields"):
            walk(getattr(client, resource).list(), found)
        walk(client.contact_custom_fields.list(), found)
        walk(client.contacts.list(), found)
        walk(client.contact_groups.list(), found)
        walk(client.tickets.list_fields(fields=["id", "subject"]), found)
        staff = client.staff.list()[0]
        walk(client.tickets.move(1, staff_id=staff.id, target_category_id=2), found)
        walk(client.tickets.delete(2, staff_id=staff.id), found)
        walk(client.tickets.upload_inline_attachment(("a.png", b"\x89PNG\r\n")), found)
        text_field = next(f for f in client.ticket_custom_fields.list() if f.type == "text")
        client.tickets.update_custom_fields(3, staff=staff.id, custom_fields={text_field.id: "db-1"})
        walk(client.tickets.get(3, show_cf_changes=True), found)
    for name, instances in found.items():
        cls = models()[name]
        for model in instances:
            assert cls.from_dict(model.to_dict()) == model, name
            assert cls.from_json(model.to_json()) == model, name
    missing = set(models()) - set(found) - set(NOT_ANSWERED)
    assert not missing, f"no answer of this test holds {sorted(missing)}"


def test_keyword_constructors_take_python_values() -> None:
    created = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    ticket = happyfox.Ticket(
        id=7,
        subject="Disk full",
        status=happyfox.Status(id=1, name="New"),
        created_at=created,
        tags=["disk"],
        updates=[happyfox.Update(timestamp=created)],
    )
    assert ticket.id == 7 and ticket.subject == "Disk full"
    assert ticket.status == happyfox.Status(id=1, name="New")
    assert ticket.created_at == created and ticket.tags == ["disk"]
    assert ticket.updates[0].timestamp == created
    assert happyfox.Ticket.from_dict(ticket.to_dict()) == ticket
    staff = happyfox.Staff(id=2, name="Jane", email="jane@example.com")
    assert staff.email == "jane@example.com"
    assert happyfox.Contact(id=3, name="Ann").name == "Ann"


def test_built_models_are_checked_as_answers_are() -> None:
    with pytest.raises(happyfox.DecodeError, match="id"):
        happyfox.Ticket(id="seven")
    with pytest.raises(happyfox.DecodeError, match="id"):
        happyfox.Status.from_dict({"name": "New"})
    with pytest.raises(happyfox.DecodeError):
        happyfox.Ticket.from_json("{not json")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        happyfox.Status(id=1, colour="red")


ids = st.integers(min_value=0, max_value=2**53)
texts = st.none() | st.text(max_size=30)
instants = st.none() | st.datetimes(
    min_value=datetime.datetime(1971, 1, 1), max_value=datetime.datetime(2099, 1, 1)
).map(lambda moment: moment.replace(microsecond=0, tzinfo=datetime.timezone.utc))
statuses = st.builds(happyfox.Status, id=ids, name=texts, color=texts)


@given(statuses)
def test_statuses_round_trip(status: happyfox.Status) -> None:
    assert happyfox.Status.from_dict(status.to_dict()) == status
    assert happyfox.Status.from_json(status.to_json()) == status


@given(
    st.builds(
        happyfox.Ticket,
        id=ids,
        subject=texts,
        status=st.none() | statuses,
        created_at=instants,
        last_modified=instants,
        tags=st.lists(st.text(min_size=1, max_size=10).filter(lambda t: "," not in t and t.strip() == t), max_size=3),
    )
)
def test_tickets_round_trip(ticket: happyfox.Ticket) -> None:
    assert happyfox.Ticket.from_dict(ticket.to_dict()) == ticket
    assert happyfox.Ticket.from_json(ticket.to_json()) == ticket


@given(st.builds(happyfox.Staff, id=ids, name=texts, email=texts, active=st.none() | st.booleans()))
def test_staff_round_trip(staff: happyfox.Staff) -> None:
    assert happyfox.Staff.from_dict(staff.to_dict()) == staff
