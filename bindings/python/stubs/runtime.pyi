# Hand-written stubs of the runtime classes of `happyfox._happyfox` (client construction,
# queries, raw answers, bulk outcomes, the export, sync and snapshot iterators, lookups, the
# emulator). `cargo xtask codegen python` copies this
# into `python/happyfox/_happyfox.pyi`, filling the `# @generated` lines and adding each
# `# @extend <Class>` block to that generated class.

__version__: str

def reset_logging() -> None:
    """Forgets the logging levels seen so far (they are cached): call it after changing a
    logger's level once requests were made. Records go to `logging.getLogger("happyfox.request")`
    (one INFO line per attempt), `happyfox.retry`, `happyfox.request.body` (TRACE, level 5)..."""

@final
class Unassigned:
    """The type of `happyfox.UNASSIGNED`: unassign, as opposed to `None` (not given)."""
    def __reduce__(self) -> str: ...

@final
class Client:
    """A HappyFox client. Safe to share between threads; every call releases the GIL."""
    def __new__(
        cls,
        url: str,
        api_key: str,
        auth_code: str,
        *,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        backoff_cap: float | None = None,
        deadline: float | None = None,
        pacing: bool | tuple[int, int] | None = None,
        user_agent: str | None = None,
        max_response_bytes: int | None = None,
        dry_run: bool | None = None,
        ca_bundle: str | os.PathLike[str] | None = None,
        proxy: str | None = None,
        no_proxy: bool | None = None,
        log_bodies: bool | None = None,
        read_ahead: bool | None = None,
    ) -> Self:
        """Every keyword sets one client option (None keeps its default): `timeout` and
        `connect_timeout` (seconds), `max_retries`, `backoff_cap` (seconds: the longest wait
        between retries), `deadline` (seconds a whole call may take, retries included),
        `pacing` (`(get, post)` requests per minute for a key with limits of its own, `False`
        for none; default HappyFox's 500 GET and 300 POST), `user_agent` (default
        `happyfox-python/<version>`),
        `max_response_bytes`, `dry_run` (writes raise `DryRunError` holding the request
        instead of being sent), `ca_bundle` (a PEM file of extra trusted CAs; default
        `HAPPYFOX_CA_BUNDLE`, else `SSL_CERT_FILE`), `proxy` (an http(s) proxy URL; default
        from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`), `no_proxy` (ignore the
        environment's proxy), `log_bodies` (bodies at TRACE on `happyfox.request.body`),
        `read_ahead` (iterators fetch the next page while the loop works on this one; default
        True). A value no client can use raises `InvalidRequestError` (a `ValueError`)."""
    @classmethod
    def from_env(cls) -> Client:
        """A client from `HAPPYFOX_URL`, `HAPPYFOX_API_KEY` and `HAPPYFOX_AUTH_CODE`."""
    @classmethod
    def for_account(
        cls,
        name: str,
        api_key: str,
        auth_code: str,
        region: Literal["us", "eu"] = "us",
        **options: Unpack[ClientOptions],
    ) -> Client:
        """A client for the account `name` (`us`: name.happyfox.com, `eu`: name.happyfox.net);
        `options` as `Client(...)` takes them."""
    @property
    def url(self) -> str:
        """The API root every call goes to."""
    @property
    def pacing(self) -> tuple[int, int] | None:
        """The (GET, POST) requests per minute the client keeps to; None when it does not pace."""
    @property
    def dry_run(self) -> bool:
        """Whether writes are described (`DryRunError`) instead of sent."""
    def with_options(
        self, *, timeout: float | None = None, max_retries: int | None = None, dry_run: bool | None = None
    ) -> Client:
        """A client making its calls with other settings (None keeps this client's); it shares
        the connections, the pacing, the per-ticket write order and the lookups."""
    def lookups(self) -> Lookups:
        """The account's lookups, fetched on first use (six requests) and kept by this client
        and the clients made from it."""
    def refresh_lookups(self) -> Lookups:
        """Fetches the lookups again (e.g. after an admin added a status) and keeps them."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *args: object) -> bool: ...
    def close(self) -> None:
        """Nothing to release: connections close with the last reference to the client."""
    def raw_get(self, path: str, query: Sequence[tuple[str, str]] | None = None) -> Any:
        """Escape hatch: a GET of any path below the API root, returning the JSON answer."""
    def raw_post(self, path: str, body: Any) -> Any:
        """Escape hatch: a POST of a JSON body; the JSON answer, or a RawAnswer when it is not JSON."""
    # @generated resources

@final
class Query:
    """A search query (`q=`): terms that must all match. Immutable: each method returns a new query."""
    def __new__(cls) -> Self: ...
    @classmethod
    def parse(cls, text: str) -> Query:
        """Parses decoded query text (`+` is a literal `+`)."""
    @classmethod
    def parse_url_form(cls, text: str) -> Query:
        """Parses the reference's URL form, where `+` stands for a space."""
    @classmethod
    def parse_raw(cls, text: str) -> Query:
        """Parses text as the client reads a raw `q`: decoded or URL form, refusing an ambiguous `+`."""
    def custom(self, name: str, *values: str) -> Query:
        """Adds a ticket or contact custom-field term (any value matches)."""
    def free_text(self, text: str) -> Query:
        """Adds free text, matched against the subject and the messages."""
    def is_empty(self) -> bool:
        """Whether the query has no term."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    # @generated fields

@final
class RawAnswer:
    """A 2xx answer to a write that is not the documented shape: the write happened."""
    @property
    def status(self) -> int:
        """The HTTP status (2xx)."""
    @property
    def body(self) -> bytes:
        """The body, byte for byte."""
    @property
    def problem(self) -> str:
        """Why it is not the documented shape."""
    def text(self) -> str:
        """The body as text."""
    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class BulkOutcome:
    """What became of one payload of `tickets.create_many`."""
    @property
    def kind(self) -> Literal["created", "rejected", "unconfirmed", "failed"]:
        """created, rejected, unconfirmed (accepted but not confirmed: look it up first) or failed."""
    @property
    def id(self) -> int | None:
        """The ticket number, when created."""
    @property
    def display_id(self) -> str | None:
        """The display id, when created."""
    @property
    def errors(self) -> list[Any]:
        """The field errors (`happyfox.FieldError`), when rejected."""
    @property
    def error(self) -> Any:
        """The exception of the failed request, or the problem with an unconfirmed answer."""

@final
class TicketExport:
    """The tickets of `tickets.export(...)`, in the listing's order."""
    def __iter__(self) -> Self: ...
    def __next__(self) -> Ticket: ...
    @property
    def total(self) -> int | None:
        """The number of tickets the listing held when its first page was read (None before)."""
    @property
    def repeated(self) -> int:
        """How many tickets were met again on a later page and not yielded twice."""
    @property
    def failed(self) -> bool:
        """Whether the last page failed (nothing more is yielded until `resume()`)."""
    def resume(self) -> None:
        """After a failure: fetches again from the page that failed."""

@final
class TicketSnapshot:
    """The tickets of `tickets.snapshot(...)`: each exactly once, in the listing's order, as
    they are when their batch is fetched, even while the loop changes them."""
    def __iter__(self) -> Self: ...
    def __next__(self) -> Ticket: ...
    @property
    def missing(self) -> int:
        """How many tickets were skipped so far because they no longer existed."""
    @property
    def missing_ids(self) -> list[int]:
        """The ids of the tickets `missing` counts, in the snapshot's order."""
    @property
    def failed(self) -> bool:
        """Whether the last request failed: nothing more is yielded until `resume()`."""
    def resume(self) -> None:
        """After a failure: the next item repeats the request that failed."""

@final
class Lookups:
    """The account's statuses, priorities, categories, staff and custom fields
    (`client.lookups()`). Finders take a name, an id or (staff) an email: an exact match
    wins, then one ignoring case and spaces; several raise `AmbiguousNameError`, none
    `UnknownNameError`."""
    def status(self, name: str | int) -> Status:
        """The status named `name` (or with that id)."""
    def priority(self, name: str | int) -> Priority:
        """The priority named `name` (or with that id)."""
    def category(self, name: str | int) -> Category:
        """The category named `name` (or with that id)."""
    def staff(self, name_or_email: str | int) -> Staff:
        """The staff member with that email, name or id."""
    def ticket_custom_field(self, name: str | int) -> TicketCustomField:
        """The ticket custom field named `name` (or with that id)."""
    def contact_custom_field(self, name: str | int) -> ContactCustomField:
        """The contact custom field named `name` (or with that id)."""
    def ticket_field_value(self, field: str | int, value: str) -> tuple[int, str | float | int | list[int] | datetime.date]:
        """`(field id, value)` for `custom_fields={...}`: the ticket custom field named `field`
        (or with that id) and `value` read by its type: a number, a date (`yyyy-mm-dd`), a
        dropdown's option by its text or id, options comma-separated. A value that is not its
        type raises `InvalidRequestError` (rule `format`); an unknown option `UnknownNameError`."""
    def contact_field_value(self, field: str | int, value: str) -> tuple[int, str | float | int | list[int] | datetime.date]:
        """`(field id, value)` for `contact_custom_fields={...}`, as `ticket_field_value`."""
    def requires_time_spent(self, category: str | int | Category) -> bool:
        """Whether staff updates and private notes of a ticket in `category` (a name, an id
        or a Category) must carry `time_spent`."""
    @property
    def statuses(self) -> list[Status]:
        """The ticket statuses."""
    @property
    def priorities(self) -> list[Priority]:
        """The ticket priorities."""
    @property
    def categories(self) -> list[Category]:
        """The ticket categories."""
    @property
    def staff_members(self) -> list[Staff]:
        """The staff members."""
    @property
    def ticket_custom_fields(self) -> list[TicketCustomField]:
        """The ticket custom fields."""
    @property
    def contact_custom_fields(self) -> list[ContactCustomField]:
        """The contact custom fields."""

@final
class TicketSync:
    """One sync run (`client.tickets.sync`): iterate it for every ticket changed since the
    checkpoint, each once, then read `checkpoint` for the next run."""
    def __iter__(self) -> Self: ...
    def __next__(self) -> Ticket: ...
    @property
    def checkpoint(self) -> str | None:
        """The next checkpoint as a JSON string (store it as is), once the iterator is
        exhausted without an error; None while the run goes or after an error."""
    @property
    def failed(self) -> bool:
        """Whether the last request failed: iteration stops until `resume()`."""
    def resume(self) -> None:
        """After an error, makes iteration repeat the failed request and go on: nothing is
        yielded twice and nothing is skipped."""

@final
class Emulator:
    """An in-process HappyFox emulator on a free loopback port (`happyfox.testing.Emulator`)."""
    def __new__(
        cls,
        tickets: int = 100,
        seed: int = 1,
        *,
        api_key: str | None = None,
        auth_code: str | None = None,
        latency_ms: int = 0,
        error_rate: float = 0.0,
        drop_rate: float = 0.0,
        truncate_rate: float = 0.0,
        rate_limit: bool | tuple[int, int] | None = None,
    ) -> Self: ...
    @property
    def url(self) -> str:
        """The base URL, e.g. `http://127.0.0.1:54321`."""
    @property
    def api_key(self) -> str:
        """The API key it accepts."""
    @property
    def auth_code(self) -> str:
        """The auth code it accepts."""
    @classmethod
    def from_fixture(
        cls, path: str | os.PathLike[str], *, api_key: str | None = None, auth_code: str | None = None
    ) -> Emulator:
        """An emulator holding the data of a JSON fixture (one `dump` wrote)."""
    def client(self, **options: Unpack[ClientOptions]) -> Client:
        """A client for this emulator (options as `happyfox.Client` takes them)."""
    def async_client(
        self, *, workers: int | None = None, **options: Unpack[ClientOptions]
    ) -> AsyncClient:
        """An asyncio client for this emulator (`happyfox.AsyncClient`; `workers` threads,
        options as `happyfox.Client` takes them)."""
    def plan_fault(
        self,
        kind: Literal[
            "drop_before_applying",
            "drop_after_applying",
            "status",
            "status_after_applying",
            "rate_limited",
            "truncate",
            "not_json",
            "slow_answer",
            "announce_length",
        ],
        *,
        path: str,
        method: Literal["GET", "POST"] | None = None,
        times: int = 1,
        status: int | None = None,
        retry_after: int | None = None,
        body_wait: int | None = None,
        seconds: float | None = None,
        length: int | None = None,
    ) -> None:
        """The next `times` requests matching `method` (None: any) and `path` (a trailing `*`
        matches every path starting so) meet the fault `kind`: `status`/`status_after_applying`
        answer `status`; `rate_limited` answers 429 with `retry_after`/`body_wait` seconds;
        `slow_answer` answers after `seconds`; `announce_length` announces `length` bytes."""
    @property
    def planned_left(self) -> int:
        """How many requests planned faults are still waiting for."""
    def stats(self) -> dict[str, Any]:
        """The request counts: `{"requests": {"GET /tickets/": {"received", "applied",
        "faulted", "throttled"}}, "total": {...}, "peak_in_flight": n}`."""
    def reset_stats(self) -> None:
        """Forgets the request counts."""
    def dump(self, path: str | os.PathLike[str]) -> None:
        """Writes the current data to `path` as a JSON fixture (`from_fixture` loads it)."""
    def advance_clock(self, seconds: float) -> None:
        """Moves the emulator's clock forward."""
    def close(self) -> None:
        """Stops the emulator; idempotent."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *args: object) -> bool: ...

UNASSIGNED: Unassigned
"""Unassigns (`assignee=happyfox.UNASSIGNED`), as opposed to `None`: not given."""

# @extend TicketsResource
    def create_many(
        self, tickets: Sequence[Mapping[str, Any]], *, workers: int | None = None
    ) -> builtins.list[BulkOutcome]:
        """Creates any number of tickets (dicts of `create`'s arguments, without attachments),
        in chunks of 100 sent by `workers` threads at once (default 3; 1 keeps ticket numbers
        in input order); one outcome per input, in input order."""
    def snapshot(self, *, status: StatusFilter | None = None, category: int | Category | None = None, q: QueryInput | None = None, sort: Sort | None = None, size: int | None = None, page: int | None = None) -> TicketSnapshot:
        """Every ticket `iter` would walk (same keywords), each exactly once even when the loop
        changes them: the matching ids are read first, then the tickets 50 at a time, in the
        listing's order. Deleted ones are skipped and counted (`missing`)."""
    def export(self, *, status: StatusFilter | None = None, category: int | Category | None = None, q: QueryInput | None = None, sort: Sort | None = None, size: int | None = None, page: int | None = None, workers: int | None = None) -> TicketExport:
        """Every ticket of the listing `list` describes, its pages fetched by `workers` threads
        at once (default 8, at most 32) and yielded in the listing's order; an unset `size`
        is 50. A page that fails raises after every ticket of the pages before it; `resume()`
        goes on from that page. Tickets that change meanwhile can be missed, never repeated."""
    def sync(self, checkpoint: str | None = None, *, status: StatusFilter | None = None, category: int | Category | None = None, q: QueryInput | None = None) -> TicketSync:
        """Every ticket modified since `checkpoint` (a JSON string from a finished
        `TicketSync.checkpoint`; None: every ticket), each once, even while tickets change
        during the run. `status`, `category` and `q` narrow it as they narrow `iter`; a
        checkpoint only fits the same ones. A failed run leaves no checkpoint: run again
        from the old one (what the failed run yielded comes again)."""
# @end

# @extend ContactsResource
    def find(self, text: str) -> Contact:
        """The contact `text` names: an id (digits), an email address, or a name found among
        the contacts a search for it returns (exact, then ignoring case). None found raises
        `UnknownNameError`, several `AmbiguousNameError`."""
# @end

# @extend CustomFieldValue
    def typed_value(self) -> str | float | int | list[int] | datetime.date | None:
        """The value as a write takes it (`str` text, `float` number, `int` option id,
        `list[int]` option ids, `datetime.date`), by the field's type; None when empty, of
        an unknown type or not fitting it."""
# @end
