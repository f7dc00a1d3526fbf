"""Every kind of core error (`happyfox::ErrorKind`) arrives as its own exception class, raised
for real through the client and the emulator over loopback (a redirect through a tiny local
server, since the emulator never redirects), each with its data, each a HappyFoxError, each
pickling."""

from __future__ import annotations

import builtins
import http.server
import json
import pickle
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import happyfox
from happyfox.testing import Emulator


def check(error: happyfox.HappyFoxError, cls: type[happyfox.HappyFoxError]) -> None:
    """The class is exactly `cls`, a HappyFoxError, and survives pickling with its data."""
    assert type(error) is cls
    assert isinstance(error, happyfox.HappyFoxError)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert str(copy) == str(error)
    assert copy.outcome_unknown == error.outcome_unknown


def test_validation(client: happyfox.Client) -> None:
    lookups = client.lookups()
    internal = lookups.category("Internal IT")
    assert lookups.requires_time_spent(internal)
    ticket = next(iter(client.tickets.iter(category=internal)))
    with pytest.raises(happyfox.ValidationError) as caught:
        client.tickets.staff_update(ticket, staff=lookups.staff("admin@emulator.test"), plaintext="no time")
    check(caught.value, happyfox.ValidationError)
    assert caught.value.status == 400
    assert any(e.field == "time_spent" for e in caught.value.errors)


def test_authentication(emulator: Emulator) -> None:
    client = happyfox.Client(emulator.url, "wrong", "credentials", max_retries=0)
    with pytest.raises(happyfox.AuthenticationError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.AuthenticationError)
    assert caught.value.status == 401


def test_not_found(client: happyfox.Client) -> None:
    with pytest.raises(happyfox.NotFoundError) as caught:
        client.tickets.get(10**9)
    check(caught.value, happyfox.NotFoundError)
    assert caught.value.status == 404


def test_conflict(client: happyfox.Client) -> None:
    ticket = client.tickets.get(1)
    with pytest.raises(happyfox.ConflictError) as caught:
        client.tickets.staff_update(ticket, staff=1, plaintext="late", time_spent=5, last_staff_message=10**6)
    check(caught.value, happyfox.ConflictError)
    assert caught.value.status == 409


def test_rate_limited(emulator: Emulator, client: happyfox.Client) -> None:
    emulator.plan_fault("rate_limited", method="GET", path="/statuses/", retry_after=30)
    with pytest.raises(happyfox.RateLimitError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.RateLimitError)
    assert caught.value.status == 429
    assert caught.value.retry_after == 30.0


def test_other_http_status(emulator: Emulator, client: happyfox.Client) -> None:
    emulator.plan_fault("status", status=500, method="GET", path="/statuses/")
    with pytest.raises(happyfox.HttpError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.HttpError)
    assert caught.value.status == 500
    assert not caught.value.outcome_unknown


def test_a_write_answered_5xx_after_applying_is_its_kind_with_outcome_unknown(
    emulator: Emulator, client: happyfox.Client
) -> None:
    emulator.plan_fault("status_after_applying", status=502, method="POST", path="/tickets/")
    with pytest.raises(happyfox.HttpError) as caught:
        client.tickets.create(category=1, subject="Maybe", name="A", email="a@example.com", text="x")
    check(caught.value, happyfox.HttpError)
    assert caught.value.outcome_unknown
    assert caught.value.status == 502


def test_timeout(emulator: Emulator) -> None:
    emulator.plan_fault("slow_answer", seconds=2.0, method="GET", path="/statuses/")
    client = emulator.client(timeout=0.2, max_retries=0)
    with pytest.raises(happyfox.TimeoutError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.TimeoutError)
    assert isinstance(caught.value, happyfox.TransportError)
    assert isinstance(caught.value, builtins.TimeoutError)


def test_an_exceeded_deadline_is_a_timeout(emulator: Emulator) -> None:
    # Every attempt answers 503; the first backoff (at least 250 ms) outlasts the deadline.
    emulator.plan_fault("status", status=503, method="GET", path="/statuses/", times=10)
    client = emulator.client(max_retries=5, deadline=0.1)
    with pytest.raises(happyfox.TimeoutError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.TimeoutError)
    assert "deadline" in str(caught.value)


def test_transport(emulator: Emulator) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more: the connection is refused.
    client = happyfox.Client(f"http://127.0.0.1:{port}", "key", "code", max_retries=0)
    with pytest.raises(happyfox.TransportError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.TransportError)
    assert not isinstance(caught.value, happyfox.TimeoutError)


def test_decode(emulator: Emulator, client: happyfox.Client) -> None:
    emulator.plan_fault("not_json", method="GET", path="/statuses/")
    with pytest.raises(happyfox.DecodeError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.DecodeError)


def test_invalid_input(client: happyfox.Client) -> None:
    with pytest.raises(happyfox.InvalidRequestError) as caught:
        client.tickets.list(size=500)
    check(caught.value, happyfox.InvalidRequestError)
    assert (caught.value.field, caught.value.rule) == ("size", "out_of_range")
    assert isinstance(caught.value, ValueError)


def test_insecure_write() -> None:
    # A plain-http URL of another machine: the write is refused before anything is sent.
    client = happyfox.Client("http://helpdesk.invalid", "key", "code", max_retries=0)
    with pytest.raises(happyfox.InsecureWriteError) as caught:
        client.tickets.create(category=1, subject="Lost", name="A", email="a@example.com", text="x")
    check(caught.value, happyfox.InsecureWriteError)
    assert isinstance(caught.value, happyfox.InvalidRequestError)
    assert caught.value.url.startswith("http://helpdesk.invalid")


@pytest.fixture
def redirecting_server() -> Iterator[str]:
    """A loopback server answering every request with a redirect to another host."""

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "https://elsewhere.example/api/1.1/json/statuses/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_redirect(redirecting_server: str) -> None:
    client = happyfox.Client(redirecting_server, "key", "code", max_retries=0)
    with pytest.raises(happyfox.RedirectError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.RedirectError)
    assert caught.value.status == 302
    assert caught.value.location == "https://elsewhere.example/api/1.1/json/statuses/"
    assert caught.value.hint is not None


def test_response_too_large(emulator: Emulator) -> None:
    client = emulator.client(max_response_bytes=10, max_retries=0)
    with pytest.raises(happyfox.ResponseTooLargeError) as caught:
        client.statuses.list()
    check(caught.value, happyfox.ResponseTooLargeError)
    assert caught.value.limit == 10
    assert caught.value.announced is not None and caught.value.announced > 10


def test_dry_run(emulator: Emulator) -> None:
    client = emulator.client(dry_run=True)
    assert client.dry_run
    with pytest.raises(happyfox.DryRunError) as caught:
        client.tickets.create(category=1, subject="Not sent", name="A", email="a@example.com", text="x")
    check(caught.value, happyfox.DryRunError)
    request = caught.value.request
    assert request.method == "POST"
    assert request.url.endswith("/api/1.1/json/tickets/")
    assert request.headers["Content-Type"] == "application/json"
    assert "Authorization" not in request.headers
    assert request.body["subject"] == "Not sent"
    assert emulator.stats()["requests"].get("POST /tickets/") is None


def test_unknown_name(client: happyfox.Client) -> None:
    with pytest.raises(happyfox.UnknownNameError) as caught:
        client.lookups().status("Escalated")
    check(caught.value, happyfox.UnknownNameError)
    assert (caught.value.kind, caught.value.name) == ("status", "Escalated")
    assert "New" in caught.value.candidates
    assert isinstance(caught.value, LookupError)


def test_ambiguous_name(emulator: Emulator, tmp_path: Path) -> None:
    fixture = tmp_path / "data.json"
    emulator.dump(fixture)
    data = json.loads(fixture.read_text())
    data["staff"][2]["name"] = data["staff"][1]["name"]  # two staff members called "Jane Agent"
    fixture.write_text(json.dumps(data))
    with Emulator.from_fixture(fixture) as twins:
        lookups = twins.client().lookups()
        with pytest.raises(happyfox.AmbiguousNameError) as caught:
            lookups.staff("Jane Agent")
        check(caught.value, happyfox.AmbiguousNameError)
        assert (caught.value.kind, caught.value.name) == ("staff member", "Jane Agent")
        assert len(caught.value.matches) == 2
        assert lookups.staff("jane@emulator.test").id == 2  # by email it is one


def test_io(client: happyfox.Client, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(happyfox.IoError) as caught:
        client.tickets.create(
            category=1, subject="With a file", name="A", email="a@example.com", text="x", attachments=[missing]
        )
    check(caught.value, happyfox.IoError)
    assert isinstance(caught.value, happyfox.InvalidRequestError)
    assert caught.value.path == str(missing)
