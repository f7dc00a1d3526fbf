"""Every exception type, with its data; exceptions and models pickle; secrets never show."""

from __future__ import annotations

import pickle
import threading
import time

import pytest

import happyfox
from happyfox.testing import Emulator

KEY = "SECRET-KEY-1f2e3d"
CODE = "SECRET-CODE-9a8b7c"


def test_validation_error_lists_field_errors(client: happyfox.Client) -> None:
    with pytest.raises(happyfox.ValidationError) as caught:
        client.tickets.create(category=999999, subject="x", email="a@example.com", name="A", text="t")
    error = caught.value
    assert error.status == 400
    assert any(e.field == "category" for e in error.errors)
    assert isinstance(error, happyfox.HappyFoxError)


def test_authentication_not_found_conflict(emulator: Emulator) -> None:
    wrong = happyfox.Client(emulator.url, emulator.api_key, "wrong", max_retries=0)
    with pytest.raises(happyfox.AuthenticationError) as auth:
        wrong.tickets.list()
    assert auth.value.status == 401
    client = emulator.client(max_retries=0)
    with pytest.raises(happyfox.NotFoundError) as missing:
        client.tickets.get(10**9)
    assert missing.value.status == 404
    ticket = client.tickets.list(size=1).data[0]
    with pytest.raises(happyfox.ConflictError) as conflict:
        client.tickets.staff_update(ticket.id, staff=1, plaintext="x", last_staff_message=1)
    assert conflict.value.status == 409


def test_rate_limit_transport_timeout_decode() -> None:
    with Emulator(tickets=3, rate_limit=(1, 1)) as limited:
        client = limited.client(max_retries=0)
        client.statuses.list()
        with pytest.raises(happyfox.RateLimitError) as limit:
            client.statuses.list()
        assert limit.value.status == 429 and limit.value.retry_after > 0
    with Emulator(tickets=3, latency_ms=1500) as slow:
        with pytest.raises(happyfox.TimeoutError) as timeout:
            slow.client(timeout=0.2, max_retries=0).statuses.list()
        assert isinstance(timeout.value, TimeoutError) and isinstance(timeout.value, happyfox.TransportError)
    with Emulator(tickets=3, truncate_rate=1.0) as truncated:
        with pytest.raises((happyfox.DecodeError, happyfox.TransportError)):
            truncated.client(max_retries=0).tickets.list()
    stopped = Emulator(tickets=1)
    gone = stopped.client(max_retries=0)
    stopped.close()
    with pytest.raises(happyfox.TransportError):
        gone.statuses.list()


def test_pacing_is_chosen_per_client() -> None:
    with Emulator(tickets=3) as emulator:
        assert emulator.client().pacing == (500, 300)
        assert emulator.client(pacing=True).pacing == (500, 300)
        assert emulator.client(pacing=False).pacing is None
        custom = emulator.client(pacing=(120, 60))
        assert custom.pacing == (120, 60)
        assert len(custom.statuses.list()) > 0
        direct = happyfox.Client(emulator.url, emulator.api_key, emulator.auth_code, pacing=(7, 3))
        assert direct.pacing == (7, 3)
        for bad in [(0, 5), (5,), "fast", (1.5, 2), (-1, 3)]:
            with pytest.raises(ValueError, match="pacing"):
                emulator.client(pacing=bad)  # type: ignore[arg-type]


def test_bad_input_is_refused_before_sending(client: happyfox.Client) -> None:
    with pytest.raises(happyfox.InvalidRequestError) as size:
        client.tickets.list(size=51)
    assert size.value.field == "size" and size.value.rule == "out_of_range"
    with pytest.raises(happyfox.QueryError) as query:
        client.tickets.list(q='status:"In+Progress"')
    assert query.value.offset == 10 and 'write `status:"In Progress"`' in str(query.value)
    assert isinstance(query.value, ValueError)
    with pytest.raises(happyfox.QueryError) as parse:
        happyfox.Query.parse('status:"New')
    assert parse.value.offset == 7
    with pytest.raises(happyfox.InvalidRequestError):
        happyfox.Query().status('say "hi"')
    with pytest.raises(TypeError):
        client.tickets.staff_update(1, staff=1, assignee="nobody")  # type: ignore[arg-type]


def test_everything_pickles(client: happyfox.Client) -> None:
    ticket = client.tickets.list(size=1).data[0]
    assert pickle.loads(pickle.dumps(ticket)) == ticket
    query = happyfox.Query().status("New").tag("a")
    assert pickle.loads(pickle.dumps(query)) == query
    assert pickle.loads(pickle.dumps(happyfox.UNASSIGNED)) is happyfox.UNASSIGNED
    for error in [
        happyfox.ValidationError("bad", 400, [happyfox.FieldError("category", ["invalid"])]),
        happyfox.RateLimitError("slow down", 429, 3.0),
        happyfox.QueryError("bad q", "q", 4),
        happyfox.InvalidRequestError("bad size", "size", "out_of_range"),
        happyfox.NotFoundError("gone", 404),
    ]:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
        assert again.__dict__ == error.__dict__


def test_secrets_never_show() -> None:
    with Emulator(tickets=2, api_key=KEY, auth_code=CODE) as emulator:
        client = happyfox.Client(emulator.url, KEY, CODE, max_retries=0)
        seen = [repr(client), str(client), repr(emulator), repr(client.tickets)]
        wrong = happyfox.Client(emulator.url, KEY, "nope", max_retries=0)
        for call in (lambda: wrong.tickets.list(), lambda: client.tickets.get(10**9), lambda: client.tickets.list(size=0)):
            with pytest.raises(happyfox.HappyFoxError) as caught:
                call()
            seen += [str(caught.value), repr(caught.value)]
        for text in seen:
            assert KEY not in text and CODE not in text, text


def test_calls_release_the_gil() -> None:
    with Emulator(tickets=2, latency_ms=400) as slow:
        client = slow.client()
        worker = threading.Thread(target=client.statuses.list)
        worker.start()
        ticks = 0
        while worker.is_alive():
            ticks += 1
            time.sleep(0.005)
        worker.join()
    # The main thread kept running while the request waited on the network.
    assert ticks >= 10


def test_threads_share_one_client(client: happyfox.Client) -> None:
    results: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        total = client.tickets.list(size=5).total or 0
        with lock:
            results.append(total)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [40] * 8


def test_a_write_without_an_answer_is_marked_outcome_unknown() -> None:
    with Emulator(tickets=2, error_rate=1.0, seed=5) as broken:
        client = broken.client(max_retries=3)
        with pytest.raises(happyfox.HappyFoxError) as caught:
            client.tickets.create(category=1, subject="x", email="a@example.com", name="A", text="t")
    assert caught.value.outcome_unknown is True
    assert "may or may not have been applied" in str(caught.value)
    assert pickle.loads(pickle.dumps(caught.value)).outcome_unknown is True
    ok = happyfox.NotFoundError("gone", 404)
    assert ok.outcome_unknown is False
