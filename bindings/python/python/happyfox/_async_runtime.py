"""The machinery under `happyfox.AsyncClient`: a bounded pool of threads that runs the
client's blocking calls (which release the GIL), awaitable from an event loop, and the async
iterator over the client's iterators.

Pacing, retries and the per-ticket order of writes stay the Rust core's: every call still
goes through the one blocking client. A cancelled `await` cannot recall a request already
sent: the call runs to its end on its thread, and a write's outcome (applied, failed,
unknown, or not sent when it had not started) is logged at WARNING on `happyfox.request`
with the operation and the ticket.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")

#: Threads of an `AsyncClient` when `workers` is not given: as many as the client keeps
#: connections (`happyfox::MAX_EXPORT_WORKERS`).
DEFAULT_WORKERS = 32

_log = logging.getLogger("happyfox.request")
_DONE = object()


def _ticket_name(ticket: object) -> str:
    number = getattr(ticket, "id", ticket)
    return f" on ticket {number}"


def _log_outcome(operation: str, ticket: object, future: concurrent.futures.Future[Any]) -> None:
    """Logs what became of a write whose `await` was cancelled."""
    where = "" if ticket is None else _ticket_name(ticket)
    if future.cancelled():
        _log.warning("cancelled %s%s: not sent (it had not started)", operation, where)
        return
    error = future.exception()
    if error is None:
        _log.warning("cancelled %s%s: the write was applied", operation, where)
    elif getattr(error, "outcome_unknown", False):
        _log.warning(
            "cancelled %s%s: outcome unknown (%s); look before sending it again", operation, where, error
        )
    else:
        _log.warning("cancelled %s%s: the write failed: %s", operation, where, error)


class Runner:
    """The pool of threads an `AsyncClient` (and the clients made from it) runs calls on."""

    def __init__(self, workers: int | None) -> None:
        count = DEFAULT_WORKERS if workers is None else workers
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"workers must be a whole number of threads, at least 1, not {workers!r}")
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=count, thread_name_prefix="happyfox")

    async def call(
        self,
        function: Callable[..., T],
        args: Sequence[Any] = (),
        kwargs: Mapping[str, Any] | None = None,
        *,
        write: str | None = None,
        ticket: object = None,
    ) -> T:
        """`function(*args, **kwargs)` on a thread of the pool; a write is named by `write`."""
        future = self._pool.submit(functools.partial(function, *args, **(kwargs or {})))
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            if write is not None:
                future.add_done_callback(functools.partial(_log_outcome, write, ticket))
            raise

    def close(self) -> None:
        """Takes no more calls; calls already running finish on their threads."""
        self._pool.shutdown(wait=False)


class AsyncResource:
    """One resource of an `AsyncClient` (`client.tickets`...): its methods await the blocking
    client's."""

    def __init__(self, runner: Runner, name: str, sync: Any) -> None:
        self._runner = runner
        self._name = name
        self._sync = sync

    async def _call(
        self, action: str, args: Sequence[Any], kwargs: Mapping[str, Any], *, write: bool = False, ticket: object = None
    ) -> Any:
        operation = f"{self._name}.{action}"
        return await self._runner.call(
            getattr(self._sync, action), args, kwargs, write=operation if write else None, ticket=ticket
        )

    def _pager(self, action: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> AsyncPager[Any]:
        method = getattr(self._sync, action)
        return AsyncPager(self._runner, functools.partial(method, *args, **kwargs))


def _next(items: Iterator[Any]) -> Any:
    # `StopIteration` cannot cross a future: the end is a sentinel.
    return next(items, _DONE)


class AsyncPager(Generic[T]):
    """`async for` over one of the client's iterators (listings, snapshots, exports, syncs):
    each item is fetched on the pool's threads, page by page as the blocking iterator does.
    After a failed page, `failed` is True and nothing more comes until `resume()`."""

    def __init__(self, runner: Runner, start: Callable[[], Iterator[T]]) -> None:
        self._runner = runner
        self._start = start
        self._items: Iterator[T] | None = None

    def __aiter__(self) -> AsyncPager[T]:
        return self

    async def __anext__(self) -> T:
        if self._items is None:
            self._items = await self._runner.call(self._start)
        item = await self._runner.call(_next, (self._items,))
        if item is _DONE:
            raise StopAsyncIteration
        return cast(T, item)

    @property
    def failed(self) -> bool:
        """Whether the last fetch failed: nothing more is yielded until `resume()`."""
        return bool(getattr(self._items, "failed", False))

    def resume(self) -> None:
        """After a failure: the next item repeats the request that failed."""
        if self._items is not None:
            getattr(self._items, "resume")()

    @property
    def iterator(self) -> Any:
        """The blocking iterator underneath (`TicketSnapshot`, `TicketExport`, `TicketSync`,
        ...) once the first item was asked for, else None: its other attributes (`missing`,
        `checkpoint`, `total`, `next_page`) are read there."""
        return self._items
