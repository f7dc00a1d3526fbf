"""Every read against the emulator: listings, pages, iterators, details, lookups, queries."""

from __future__ import annotations

import datetime
import time

import pytest

import happyfox
from happyfox.testing import Emulator


def test_list_returns_a_typed_page(client: happyfox.Client) -> None:
    page = client.tickets.list(size=10, page=2, sort="createa")
    assert isinstance(page, happyfox.TicketPage)
    assert len(page.data) == 10 == len(page)
    assert page.total == 40
    assert page.page_info is not None and page.page_info.page_count == 4
    ticket = page.data[0]
    assert isinstance(ticket, happyfox.Ticket)
    assert isinstance(ticket.id, int)
    assert ticket.created_at is not None and ticket.created_at.tzinfo is not None
    assert isinstance(ticket.tags, list)
    assert ticket.status is not None and isinstance(ticket.status.name, str)
    created = [t.created_at for t in page.data]
    assert created == sorted(created)


def test_status_filter_forms(client: happyfox.Client) -> None:
    every = client.tickets.list(status="_all").total
    pending = client.tickets.list(status="_pending").total
    one = client.tickets.list(status=1).total
    assert every == 40 and pending is not None and one is not None
    assert pending <= every and one <= every
    with pytest.raises(ValueError):
        client.tickets.list(status="open")


def listings(emulator: Emulator) -> int:
    """The ticket listings the emulator received since its counts were reset."""
    counts = emulator.stats()["requests"].get("GET /tickets/")
    return counts["received"] if counts else 0


def wait_for_listings(emulator: Emulator, count: int) -> None:
    """Waits (10 s at most) until the read-ahead request has reached the emulator."""
    deadline = time.monotonic() + 10
    while listings(emulator) < count:
        assert time.monotonic() < deadline, "no read-ahead request"
        time.sleep(0.005)


def test_iter_walks_every_page_lazily(emulator: Emulator) -> None:
    client = emulator.client(max_retries=0)
    ids = [t.id for t in client.tickets.iter(size=7)]
    assert len(ids) == 40 == len(set(ids))
    iterator = client.tickets.iter(size=5)
    # Without read-ahead, nothing is fetched beyond the page being read: the sixth item
    # needs a request, which fails once the emulator is gone.
    with Emulator(tickets=12, seed=1) as emulator_two:
        lazy = emulator_two.client(max_retries=0, read_ahead=False).tickets.iter(size=5)
        assert len([next(lazy).id for _ in range(5)]) == 5
    with pytest.raises(happyfox.TransportError):
        next(lazy)
    # With read-ahead (the default), one page more and no further: page 2 is asked for
    # while page 1 is read, page 3 only once page 2 is.
    with Emulator(tickets=12, seed=1) as emulator_three:
        emulator_three.reset_stats()
        ahead = emulator_three.client(max_retries=0).tickets.iter(size=5)
        assert len([next(ahead).id for _ in range(5)]) == 5
        wait_for_listings(emulator_three, 2)
        assert listings(emulator_three) == 2, "nothing beyond page 2 while page 1 is read"
        assert next(ahead).id > 0
        wait_for_listings(emulator_three, 3)
        assert len(list(ahead)) == 6
        assert listings(emulator_three) == 3
    assert next(iterator).id > 0


def test_iterators_ask_for_pages_of_50_when_no_size_is_set() -> None:
    with Emulator(tickets=120, seed=4) as emulator:
        client = emulator.client()
        assert len(client.tickets.list().data) == 10, "one list call keeps HappyFox's default"
        emulator.reset_stats()
        assert len(list(client.tickets.iter())) == 120
        assert listings(emulator) == 3
        emulator.reset_stats()
        assert len(list(client.tickets.iter_ids())) == 120
        assert listings(emulator) == 3
        emulator.reset_stats()
        assert len(list(client.tickets.iter(size=25))) == 120
        assert listings(emulator) == 5, "a size the caller sets is kept"
        emulator.reset_stats()
        contacts = list(client.contacts.iter())
        pages = emulator.stats()["requests"]["GET /users/"]["received"]
        assert pages == max(1, -(-len(contacts) // 50))


def test_export_yields_what_iter_yields_in_its_order(client: happyfox.Client) -> None:
    expected = [t.id for t in client.tickets.iter(status="_all", sort="subjecta", size=7)]
    export = client.tickets.export(status="_all", sort="subjecta", size=7, workers=3)
    assert isinstance(export, happyfox.TicketExport)
    assert export.total is None
    tickets = list(export)
    assert all(isinstance(t, happyfox.Ticket) for t in tickets)
    assert [t.id for t in tickets] == expected and len(expected) == 40
    assert export.total == 40 and export.repeated == 0 and not export.failed
    assert [t.id for t in client.tickets.export(size=50, workers=1)] == [
        t.id for t in client.tickets.iter(size=50)
    ]


def test_export_raises_after_every_ticket_before_the_failed_page() -> None:
    with Emulator(tickets=100, seed=2) as emulator:
        client = emulator.client(max_retries=0)
        expected = [t.id for t in client.tickets.iter(status="_all", size=10)]
        export = client.tickets.export(status="_all", size=10, workers=2)
        seen = [next(export).id]
        # Two workers hold at most four pages ahead: the rest can no longer be fetched.
        emulator.close()
        with pytest.raises(happyfox.TransportError):
            for ticket in export:
                seen.append(ticket.id)
        assert export.failed
        assert next(export, None) is None
        assert 10 <= len(seen) <= 50 and seen == expected[: len(seen)]


def test_ids_and_fields(client: happyfox.Client) -> None:
    ids = client.tickets.list_ids(size=50)
    assert isinstance(ids, happyfox.IdPage)
    assert len(ids.data) == 40 and all(isinstance(i, int) for i in ids.data)
    assert sorted(client.tickets.iter_ids(size=15)) == sorted(ids.data)
    partial = client.tickets.list_fields(fields=["id", "subject"], size=3)
    assert [p.id for p in partial.data] == [t.id for t in client.tickets.list(size=3).data]
    assert partial.data[0].status is None


def test_get_with_and_without_custom_field_changes(client: happyfox.Client) -> None:
    first = client.tickets.list(size=1).data[0]
    detail = client.tickets.get(first.id)
    assert detail.id == first.id
    assert detail.updates and detail.updates[0].timestamp is not None
    with_changes = client.tickets.get(first.id, show_cf_changes=True)
    assert with_changes.id == first.id


def test_queries_typed_and_raw(client: happyfox.Client) -> None:
    new = happyfox.Query().status("New")
    assert str(new) == 'status:"New"'
    typed = client.tickets.list(q=new, size=50)
    raw = client.tickets.list(q='status:"New"', size=50)
    assert [t.id for t in typed.data] == [t.id for t in raw.data]
    assert all(t.status is not None and t.status.name == "New" for t in typed.data)
    url_form = client.tickets.list(q='status:"In+Progress"+has_attachments:true', size=50)
    assert all(t.status is not None and t.status.name == "In Progress" for t in url_form.data)
    built = happyfox.Query().has_attachments(True).created_on_or_after(datetime.date(2000, 1, 1))
    assert str(built) == 'has_attachments:true created-on-or-after:"2000/01/01"'
    assert happyfox.Query.parse(str(built)) == built
    assert str(happyfox.Query.parse_url_form('tag:"a"+status:"In+Progress"')) == 'tag:"a" status:"In Progress"'
    assert str(happyfox.Query().custom("Team Name", "arsenal").free_text("disk")) == '"Team Name":"arsenal" disk'


def test_lookups(client: happyfox.Client) -> None:
    staff = client.staff.list()
    assert staff and isinstance(staff[0], happyfox.Staff) and isinstance(staff[0].id, int)
    assert client.statuses.list() and client.priorities.list() and client.categories.list()
    fields = client.ticket_custom_fields.list()
    assert fields and isinstance(fields[0], happyfox.TicketCustomField)
    assert isinstance(client.contact_custom_fields.list(), list)
    contacts = client.contacts.list(size=5)
    assert isinstance(contacts, happyfox.ContactPage) and contacts.data
    contact = contacts.data[0]
    assert client.contacts.get(contact.id) == contact
    assert contact.email is not None and client.contacts.get(contact.email).id == contact.id
    every = list(client.contacts.iter(size=3))
    assert len(every) == contacts.total
    groups = client.contact_groups.list()
    if groups:
        assert client.contact_groups.get(groups[0].id).id == groups[0].id


def test_models_compare_convert_and_keep_unknown_fields(client: happyfox.Client) -> None:
    ticket = client.tickets.list(size=1).data[0]
    again = client.tickets.list(size=1).data[0]
    assert ticket.id == again.id
    as_dict = ticket.to_dict()
    assert as_dict["id"] == ticket.id and isinstance(as_dict["subject"], str)
    assert isinstance(ticket.extra, dict)
    assert repr(ticket).startswith(f"Ticket(id={ticket.id}")


def test_raw_escape_hatches(client: happyfox.Client) -> None:
    statuses = client.raw_get("/statuses/")
    assert isinstance(statuses, list) and statuses[0]["id"]
