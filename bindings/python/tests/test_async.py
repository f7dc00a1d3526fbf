"""`happyfox.AsyncClient` against the emulator: the same calls awaited, calls that overlap
within the pacer's limits, async iteration with resume, per-call options, and a cancelled
write that is applied once and logged."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time

import pytest

import happyfox
from happyfox.testing import Emulator


def test_the_async_surface_mirrors_the_blocking_one() -> None:
    resources = [c for c in vars(happyfox).values() if isinstance(c, type) and c.__name__.endswith("Resource")]
    assert len(resources) >= 9
    for blocking in resources:
        asynchronous = getattr(happyfox._async, f"Async{blocking.__name__}")
        for name, member in inspect.getmembers(blocking):
            if not name.startswith("_") and callable(member):
                assert hasattr(asynchronous, name), f"Async{blocking.__name__} lacks {name}"
    for name in dir(happyfox.Client):
        if not name.startswith("_") and name != "close":
            assert hasattr(happyfox.AsyncClient, name), f"AsyncClient lacks {name}"
    keywords = set(happyfox.ClientOptions.__annotations__)
    runtime = set(inspect.signature(happyfox.Client).parameters) - {"url", "api_key", "auth_code"}
    assert keywords == runtime, "ClientOptions and Client's keywords differ"


def test_calls_overlap_and_the_pacer_holds() -> None:
    with Emulator(tickets=60, seed=5, latency_ms=50, rate_limit=(500, 300)) as emulator:

        async def fetch_all() -> list[happyfox.Ticket]:
            async with emulator.async_client() as client:
                return await asyncio.gather(*(client.tickets.get(n) for n in range(1, 51)))

        started = time.monotonic()
        tickets = asyncio.run(fetch_all())
        elapsed = time.monotonic() - started
        assert [t.id for t in tickets] == list(range(1, 51))
        stats = emulator.stats()
        # The server saw the calls at once, and none was refused for going too fast.
        assert stats["peak_in_flight"] >= 10, stats
        assert stats["total"]["throttled"] == 0, stats
        assert elapsed < 50 * 0.05, f"50 calls of 50 ms took {elapsed:.2f} s: they did not overlap"


def test_async_iteration_resumes_after_a_failed_page() -> None:
    with Emulator(tickets=30, seed=2) as emulator:

        async def walk() -> tuple[list[int], bool]:
            async with emulator.async_client(max_retries=0) as client:
                pager = client.tickets.iter(size=10)
                seen: list[int] = []
                emulator.plan_fault("status", path="/tickets/", method="GET", status=500, times=1)
                failed = False
                while True:
                    try:
                        async for ticket in pager:
                            seen.append(ticket.id)
                        break
                    except happyfox.HappyFoxError:
                        failed = pager.failed
                        pager.resume()
                return seen, failed

        seen, failed = asyncio.run(walk())
        assert failed
        assert sorted(seen) == sorted(set(seen)) and len(seen) == 30


def test_per_call_options_and_dry_runs() -> None:
    with Emulator(tickets=5, seed=2) as emulator:

        async def attempt() -> happyfox.PreparedRequest:
            async with emulator.async_client() as client:
                dry = client.with_options(dry_run=True)
                assert dry.dry_run and not client.dry_run
                try:
                    await dry.tickets.staff_update(1, staff=1, plaintext="not sent")
                except happyfox.DryRunError as error:
                    return error.request
                raise AssertionError("a dry run sent the write")

        request = asyncio.run(attempt())
        assert request.method == "POST"
        assert emulator.stats()["total"]["received"] == 0


def test_a_cancelled_write_is_applied_once_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="happyfox.request")
    with Emulator(tickets=5, seed=2) as emulator:
        before = len(emulator.client().tickets.get(3).updates)
        emulator.plan_fault("slow_answer", path="/ticket/3/staff_update/", method="POST", seconds=0.5)

        async def cancel() -> None:
            async with emulator.async_client(max_retries=0) as client:
                with pytest.raises(TimeoutError):
                    await asyncio.wait_for(
                        client.tickets.staff_update(3, staff=1, plaintext="written anyway"), timeout=0.1
                    )
                # The call goes on on its thread: wait for its outcome to be logged.
                for _ in range(100):
                    if any("tickets.staff_update" in r.getMessage() for r in caplog.records):
                        return
                    await asyncio.sleep(0.05)

        asyncio.run(cancel())
        logged = [r for r in caplog.records if "tickets.staff_update" in r.getMessage()]
        assert len(logged) == 1, [r.getMessage() for r in caplog.records]
        assert logged[0].levelno == logging.WARNING and logged[0].name == "happyfox.request"
        assert "ticket 3" in logged[0].getMessage() and "applied" in logged[0].getMessage()
        after = emulator.client().tickets.get(3).updates
        assert len(after) == before + 1
        assert emulator.stats()["requests"]["POST /ticket/3/staff_update/"]["applied"] == 1


def test_workers_must_be_a_positive_count() -> None:
    with Emulator(tickets=1) as emulator:
        with pytest.raises(ValueError, match="workers"):
            emulator.async_client(workers=0)
