"""What the Python client shares with the Rust core beyond the endpoints: options (every
`ClientOptions` keyword, refused values, `with_options`, dry runs), lookups, models where ids
go, iterators that resume after a failed page, bulk create with workers, typed custom-field
values, and the emulator's planned faults, counts and fixtures."""

from __future__ import annotations

import datetime
import http.server
import threading
from pathlib import Path

import pytest

import happyfox
from happyfox.testing import Emulator


def test_every_option_is_a_keyword_and_unusable_values_are_refused(emulator: Emulator) -> None:
    client = emulator.client(
        timeout=5,
        connect_timeout=2.5,
        max_retries=1,
        backoff_cap=0.5,
        deadline=30,
        pacing=(100, 50),
        user_agent="triage-bot/1.0",
        max_response_bytes=1 << 20,
        dry_run=False,
        no_proxy=True,
        log_bodies=False,
    )
    assert client.pacing == (100, 50)
    assert len(client.statuses.list()) == 5
    for name, value in [("timeout", 0), ("deadline", -1.0), ("connect_timeout", float("nan")), ("max_retries", -1)]:
        with pytest.raises(happyfox.InvalidRequestError) as caught:
            emulator.client(**{name: value})  # type: ignore[arg-type]
        assert isinstance(caught.value, ValueError)
        assert caught.value.field == name
    with pytest.raises(happyfox.InvalidRequestError, match="max_response_bytes"):
        emulator.client(max_response_bytes=0)
    with pytest.raises(TypeError, match="unexpected argument `retries`"):
        emulator.client(retries=3)  # type: ignore[call-arg]
    with pytest.raises(happyfox.InvalidRequestError) as both:
        happyfox.Client(emulator.url, "k", "c", proxy="http://127.0.0.1:9", no_proxy=True)
    assert both.value.rule == "proxy"
    eu = happyfox.Client.for_account("acme", "k", "c", region="eu", timeout=3, dry_run=True)
    assert eu.url == "https://acme.happyfox.net/api/1.1/json" and eu.dry_run


def test_with_options_changes_one_call_and_shares_the_rest(emulator: Emulator, client: happyfox.Client) -> None:
    dry = client.with_options(dry_run=True)
    assert dry.dry_run and not client.dry_run
    assert len(dry.tickets.list(size=5).data) == 5  # reads are sent
    with pytest.raises(happyfox.DryRunError) as caught:
        dry.tickets.update_tags(1, staff_id=1, add=["x"])
    assert caught.value.request.body == {"staff_id": 1, "add": "x"}
    assert client.lookups() is not None and dry.lookups().statuses == client.lookups().statuses
    emulator.plan_fault("slow_answer", seconds=1.0, method="GET", path="/priorities/")
    with pytest.raises(happyfox.TimeoutError):
        client.with_options(timeout=0.1, max_retries=0).priorities.list()
    with pytest.raises(happyfox.InvalidRequestError):
        client.with_options(timeout=-1)


def test_a_multipart_dry_run_describes_files_without_their_contents(emulator: Emulator) -> None:
    dry = emulator.client(dry_run=True)
    with pytest.raises(happyfox.DryRunError) as caught:
        dry.tickets.create(
            category=1, subject="Disk", name="A", email="a@example.com", text="x", attachments=[("df.txt", b"93%\n")]
        )
    request = caught.value.request
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert {"name": "subject", "value": "Disk"} in request.body["fields"]
    assert request.body["files"] == [
        {"field": "attachments", "filename": "df.txt", "content_type": "text/plain", "size": 4}
    ]


def test_lookups_find_by_name_email_and_id(emulator: Emulator, client: happyfox.Client) -> None:
    lookups = client.lookups()
    assert isinstance(lookups, happyfox.Lookups)
    assert lookups.status("closed").name == "Closed"  # case is ignored
    assert lookups.status(4) == lookups.status("Closed")
    assert lookups.priority(lookups.priorities[0].name or "") == lookups.priorities[0]
    assert lookups.staff("jane@emulator.test").name == "Jane Agent"
    assert lookups.staff("Jane Agent").id == 2
    field = lookups.ticket_custom_fields[0]
    assert lookups.ticket_custom_field(field.name or "") == field
    contact_field = lookups.contact_custom_fields[0]
    assert lookups.contact_custom_field(contact_field.id) == contact_field
    internal = lookups.category("Internal IT")
    assert lookups.requires_time_spent(internal)
    assert lookups.requires_time_spent("Internal IT") and lookups.requires_time_spent(internal.id)
    assert not lookups.requires_time_spent("Support")
    assert len(lookups.staff_members) == 5 and len(lookups.categories) == 4
    with pytest.raises(happyfox.UnknownNameError):
        lookups.priority("Whenever")
    emulator.reset_stats()
    client.lookups()  # cached: no request
    assert emulator.stats()["total"]["received"] == 0
    client.refresh_lookups()
    assert emulator.stats()["total"]["received"] == 6


def test_custom_field_values_and_contacts_are_read_from_what_people_type(client: happyfox.Client) -> None:
    lookups = client.lookups()
    hours = lookups.ticket_custom_field("Estimated Hours")
    assert lookups.ticket_field_value("estimated hours", " 7.5") == (hours.id, 7.5)
    product = lookups.ticket_custom_field("Product")
    option = product.choices[1]
    assert lookups.ticket_field_value(product.id, option.text.upper()) == (product.id, option.id)
    incident = lookups.ticket_custom_field("Incident Date")
    assert lookups.ticket_field_value("Incident Date", "2026-02-21") == (incident.id, datetime.date(2026, 2, 21))
    with pytest.raises(happyfox.InvalidRequestError) as refused:
        lookups.ticket_field_value("Estimated Hours", "lots")
    assert refused.value.rule == "format"
    with pytest.raises(happyfox.UnknownNameError) as unknown:
        lookups.ticket_field_value("Product", "Fax machine")
    assert option.text in unknown.value.candidates
    field, value = lookups.ticket_field_value("Estimated Hours", "3")
    ticket = client.tickets.list(size=1).data[0]
    staff = lookups.staff_members[0]
    client.tickets.update_custom_fields(ticket, staff=staff, custom_fields={field: value})
    assert client.tickets.get(ticket).custom_fields[field - 1].value == 3.0

    contacts = list(client.contacts.iter())
    names = [c.name for c in contacts]
    unique = next(c for c in contacts if names.count(c.name) == 1)
    assert client.contacts.find(unique.email).id == unique.id
    assert client.contacts.find(str(unique.id)).id == unique.id
    assert client.contacts.find(f"  {unique.name.lower()} ").id == unique.id
    with pytest.raises(happyfox.UnknownNameError):
        client.contacts.find("nobody@nowhere.example")


def test_models_go_where_their_ids_go(client: happyfox.Client) -> None:
    lookups = client.lookups()
    agent = lookups.staff("admin@emulator.test")
    closed = lookups.status("Closed")
    support = lookups.category("Support")
    ticket = next(iter(client.tickets.iter(category=support)))
    updated = client.tickets.staff_update(ticket, staff=agent, assignee=agent, status=closed, plaintext="Done")
    assert isinstance(updated, happyfox.Ticket)
    assert updated.status is not None and updated.status.id == closed.id
    assert updated.assigned_to is not None and updated.assigned_to.id == agent.id
    closed_ids = list(client.tickets.iter_ids(status=closed, category=support))
    assert ticket.id in closed_ids
    contact = client.contacts.list().data[0]
    assert client.contacts.get(contact) == client.contacts.get(contact.id)
    with pytest.raises(TypeError, match="Staff"):
        client.tickets.staff_update(ticket, staff=closed, plaintext="wrong kind")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.tickets.get(True)


def test_iterators_resume_after_a_failed_page(emulator: Emulator, client: happyfox.Client) -> None:
    expected = list(client.tickets.iter_ids(size=10))
    assert len(expected) == 40

    def ids(items: list[happyfox.Ticket] | list[int]) -> list[int]:
        return [item if isinstance(item, int) else item.id for item in items]

    # The pagers fail on their second page, the snapshot on its first request (it reads every
    # id before it yields a ticket).
    for make, before in (
        (lambda: client.tickets.iter_ids(size=10), 10),
        (lambda: client.tickets.iter(size=10), 10),
        (lambda: client.tickets.snapshot(size=10), 0),
    ):
        items = make()
        got = [next(items) for _ in range(before)]
        emulator.plan_fault("status", status=500, method="GET", path="/tickets/")
        with pytest.raises(happyfox.HttpError):
            got.extend(items)
        assert items.failed
        assert list(items) == []  # nothing until resume()
        items.resume()
        assert not items.failed
        got.extend(items)
        assert ids(got) == expected
    pages = client.tickets.iter(size=10)
    assert pages.next_page == 1
    next(pages)
    assert pages.next_page == 2


def test_create_many_with_one_worker_numbers_tickets_in_input_order(client: happyfox.Client) -> None:
    payloads = [
        {"category": 1, "subject": f"Bulk {n}", "name": "Bot", "email": "bot@example.com", "text": "x"}
        for n in range(5)
    ]
    outcomes = client.tickets.create_many(payloads, workers=1)
    assert [o.kind for o in outcomes] == ["created"] * 5
    ids = [o.id for o in outcomes if o.id is not None]
    assert len(ids) == 5 and ids == sorted(ids)
    assert [client.tickets.get(i).subject for i in ids] == [p["subject"] for p in payloads]


def test_custom_field_values_come_back_typed(client: happyfox.Client) -> None:
    seen: dict[str, object] = {}
    for ticket in client.tickets.iter(size=50):
        for field in ticket.custom_fields:
            value = field.typed_value()
            if value is not None and field.type is not None:
                seen.setdefault(field.type, value)
    assert isinstance(seen["text"], str)
    assert isinstance(seen["number"], float)
    assert isinstance(seen["choice"], int)
    assert isinstance(seen["multiple_choice"], list) and all(isinstance(i, int) for i in seen["multiple_choice"])
    assert isinstance(seen["date"], datetime.date)


def test_emulator_plans_faults_counts_requests_and_dumps_its_data(emulator: Emulator, tmp_path: Path) -> None:
    client = emulator.client(max_retries=0)
    emulator.reset_stats()
    emulator.plan_fault("drop_before_applying", path="/statuses/", times=2)
    assert emulator.planned_left == 2
    for _ in range(2):
        with pytest.raises(happyfox.TransportError):
            client.statuses.list()
    assert emulator.planned_left == 0
    client.statuses.list()
    counts = emulator.stats()["requests"]["GET /statuses/"]
    assert counts == {"received": 3, "applied": 1, "faulted": 2, "throttled": 0}
    emulator.reset_stats()
    assert emulator.stats()["requests"] == {}
    with pytest.raises(ValueError, match="unknown fault kind"):
        emulator.plan_fault("explode", path="/tickets/")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status="):
        emulator.plan_fault("status", path="/tickets/")
    fixture = tmp_path / "data.json"
    emulator.dump(fixture)
    with Emulator.from_fixture(fixture, api_key="k", auth_code="c") as copy:
        assert copy.api_key == "k"
        assert copy.client().tickets.list().total == client.tickets.list().total
    emulator.advance_clock(60)


def test_requests_name_the_python_package_in_their_user_agent() -> None:
    seen: list[str] = []

    class Statuses(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("User-Agent", ""))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"[]")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Statuses)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        assert happyfox.Client(url, "key", "code").statuses.list() == []
        assert happyfox.Client(url, "key", "code", user_agent="ops-bot/1").statuses.list() == []
    finally:
        server.shutdown()
        server.server_close()
    assert seen == [f"happyfox-python/{happyfox.__version__}", "ops-bot/1"]
