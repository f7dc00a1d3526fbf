"""The asyncio client: `happyfox.AsyncClient`, the same surface as `happyfox.Client` with
every call awaited (`await client.tickets.get(1)`, `async for t in client.tickets.iter()`).

    import asyncio
    import happyfox

    async def main() -> None:
        async with happyfox.AsyncClient(url, api_key, auth_code) as client:
            tickets = await asyncio.gather(*(client.tickets.get(i) for i in (1, 2, 3)))

The calls run the blocking client's on a bounded pool of threads (`workers`, default 32),
so pacing, retries and the per-ticket order of writes are the core's. A cancelled `await`
of a write cannot recall a request already sent: the call runs to its end, and its outcome
is logged at WARNING on `happyfox.request` with the operation and the ticket.
"""

from __future__ import annotations

import builtins
import datetime
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict, cast

if TYPE_CHECKING:  # typing_extensions is a type checker's; the package needs none at run time
    from typing_extensions import Self, Unpack

from ._async_runtime import AsyncPager as AsyncPager
from ._async_runtime import AsyncResource, Runner
from ._happyfox import BulkOutcome, Client, Lookups
# @generated imports

__all__ = ["AsyncClient", "AsyncPager", "ClientOptions"]


class ClientOptions(TypedDict, total=False):
    """The keyword options of `Client` (and of `AsyncClient`, which passes them on)."""

    timeout: float | None
    connect_timeout: float | None
    max_retries: int | None
    backoff_cap: float | None
    deadline: float | None
    pacing: bool | tuple[int, int] | None
    user_agent: str | None
    max_response_bytes: int | None
    dry_run: bool | None
    ca_bundle: str | os.PathLike[str] | None
    proxy: str | None
    no_proxy: bool | None
    log_bodies: bool | None
    read_ahead: bool | None


class AsyncClient:
    """The HappyFox client for asyncio: `Client`'s constructors, keywords and resources, each
    call awaited. `workers` bounds the threads the calls run on (default 32, as many as the
    client keeps connections)."""

    def __init__(
        self, url: str, api_key: str, auth_code: str, *, workers: int | None = None, **options: Unpack[ClientOptions]
    ) -> None:
        self._adopt(Client(url, api_key, auth_code, **options), Runner(workers))

    def _adopt(self, client: Client, runner: Runner) -> None:
        self._sync = client
        self._runner = runner

    @classmethod
    def from_client(cls, client: Client, *, workers: int | None = None) -> AsyncClient:
        """An asyncio client over `client` (sharing its connections, pacing and lookups)."""
        made = cls.__new__(cls)
        made._adopt(client, Runner(workers))
        return made

    @classmethod
    def from_env(cls, *, workers: int | None = None) -> AsyncClient:
        """`Client.from_env()` (HAPPYFOX_URL or HAPPYFOX_ACCOUNT, HAPPYFOX_API_KEY,
        HAPPYFOX_AUTH_CODE), for asyncio."""
        return cls.from_client(Client.from_env(), workers=workers)

    @classmethod
    def for_account(
        cls,
        # @positional Client.for_account
        *,
        workers: int | None = None,
        **options: Unpack[ClientOptions],
    ) -> AsyncClient:
        """`Client.for_account(...)`, for asyncio."""
        return cls.from_client(Client.for_account(name, api_key, auth_code, region, **options), workers=workers)

    @property
    def sync(self) -> Client:
        """The blocking client underneath (same connections, pacing and lookups)."""
        return self._sync

    @property
    def url(self) -> str:
        """The API root the client talks to."""
        return self._sync.url

    @property
    def pacing(self) -> tuple[int, int] | None:
        """The requests a minute the client keeps to (GET, POST), or None."""
        return self._sync.pacing

    @property
    def dry_run(self) -> bool:
        """Whether writes raise `DryRunError` instead of being sent."""
        return self._sync.dry_run

    def with_options(
        self, *, timeout: float | None = None, max_retries: int | None = None, dry_run: bool | None = None
    ) -> AsyncClient:
        """A client for some calls with other settings, sharing this one's threads,
        connections, pacing, per-ticket write order and lookups."""
        made = AsyncClient.__new__(AsyncClient)
        made._adopt(self._sync.with_options(timeout=timeout, max_retries=max_retries, dry_run=dry_run), self._runner)
        return made

    async def lookups(self) -> Lookups:
        """`Client.lookups()`: the account's statuses, priorities, categories, staff and custom
        fields, fetched once."""
        return await self._runner.call(self._sync.lookups)

    async def refresh_lookups(self) -> Lookups:
        """`Client.refresh_lookups()`: the lookups fetched again."""
        return await self._runner.call(self._sync.refresh_lookups)

    async def raw_get(self, path: str, query: Sequence[tuple[str, str]] | None = None) -> Any:
        """`Client.raw_get`: a GET below the API root, its JSON answer as Python values."""
        return await self._runner.call(self._sync.raw_get, (path, query))

    async def raw_post(self, path: str, body: Any) -> Any:
        """`Client.raw_post`: a POST below the API root (a write, logged if cancelled)."""
        return await self._runner.call(self._sync.raw_post, (path, body), write=f"raw_post {path}")

    async def aclose(self) -> None:
        """Takes no more calls; calls already running finish on their threads."""
        self._runner.close()
        self._sync.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()

    # @generated resources


# @extend AsyncTicketsResource
    async def create_many(
        self, tickets: Sequence[Mapping[str, Any]], *, workers: int | None = None
    ) -> builtins.list[BulkOutcome]:
        """`Client.tickets.create_many`: tickets created in chunks of 100 (a write)."""
        result = await self._call("create_many", (tickets,), {"workers": workers}, write=True)
        return cast("builtins.list[BulkOutcome]", result)

    def snapshot(
        self,
        *,
        # @keywords ListTickets
    ) -> AsyncPager[Ticket]:
        """`Client.tickets.snapshot`: every matching ticket once, even when the loop changes
        them (`async for`); `.iterator` is the `TicketSnapshot` (`missing`, `missing_ids`)."""
        keywords = {
            # @passed ListTickets
        }
        return self._pager("snapshot", (), keywords)

    def export(
        self,
        *,
        # @keywords ListTickets
        workers: int | None = None,
    ) -> AsyncPager[Ticket]:
        """`Client.tickets.export`: every ticket of the listing, pages fetched by `workers`
        threads at once, in the listing's order (`async for`); `.iterator` is the
        `TicketExport` (`total`)."""
        keywords = {
            # @passed ListTickets
            "workers": workers,
        }
        return self._pager("export", (), keywords)

    def sync(
        self,
        checkpoint: str | None = None,
        *,
        status: StatusFilter | None = None,
        category: int | Category | None = None,
        q: QueryInput | None = None,
    ) -> AsyncPager[Ticket]:
        """`Client.tickets.sync`: every ticket modified since `checkpoint` (`async for`);
        `.iterator` is the `TicketSync`, whose `checkpoint` is read once the loop ended."""
        return self._pager("sync", (checkpoint,), {"status": status, "category": category, "q": q})
# @end


# @extend AsyncContactsResource
    async def find(self, text: str) -> Contact:
        """`Client.contacts.find`: the contact an email, a name or an id names (its search
        answers the candidates when several match)."""
        result = await self._call("find", (text,), {})
        return cast("Contact", result)
# @end
