"""The exceptions of `happyfox`: one base class, one class per kind of failure, each with the
data a caller can act on. Defined in Python (so they subclass `Exception` under the stable
ABI) and raised by the native module."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """A validation error of one field (`field` is None for request-wide messages)."""

    field: str | None
    messages: list[str] = dataclass_field(default_factory=list)


class HappyFoxError(Exception):
    """Base of every error of this package. `status` is the HTTP status when the error
    came from an answer; `outcome_unknown` is True when a write may have been applied
    although no answer said so (do not resend it blindly)."""

    status: int | None
    outcome_unknown: bool = False

    def __init__(self, message: str, status: int | None = None, *extra: object) -> None:
        super().__init__(message, status, *extra)
        self.message = message
        self.status = status
        self.outcome_unknown = False

    def __str__(self) -> str:
        return self.message


class ValidationError(HappyFoxError):
    """HappyFox rejected the payload; `errors` lists the field errors."""

    def __init__(
        self, message: str, status: int | None = None, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(message, status, errors or [])
        self.errors: list[FieldError] = list(errors or [])


class AuthenticationError(HappyFoxError):
    """Wrong or missing credentials, or not allowed (HTTP 401 / 403)."""


class NotFoundError(HappyFoxError):
    """The object or endpoint does not exist (HTTP 404)."""


class ConflictError(HappyFoxError):
    """The write collided with another change of the same ticket (HTTP 409)."""


class RateLimitError(HappyFoxError):
    """Too many requests (HTTP 429); `retry_after` is the wait HappyFox asked for, in seconds."""

    def __init__(self, message: str, status: int | None = 429, retry_after: float = 0.0) -> None:
        super().__init__(message, status, retry_after)
        self.retry_after = retry_after


class HttpError(HappyFoxError):
    """HappyFox answered an unsuccessful HTTP status that no other class covers (a 5xx after
    the retries, a 400 without field errors...); `status` says which."""


class TransportError(HappyFoxError):
    """The request could not be sent or the answer not read (DNS, TLS, reset...)."""


class TimeoutError(TransportError, builtins.TimeoutError):
    """The request or its answer took longer than the client's timeout, or the call's
    deadline (`deadline=`) passed."""


class DecodeError(HappyFoxError):
    """The answer was not the JSON the client expected."""


class RedirectError(HappyFoxError):
    """HappyFox answered with a redirect the client does not follow (any redirect of a
    write, a read's redirect to another scheme, host or port): nothing was sent there.
    `location` is where it pointed (empty when it named none); `hint` what to change, when
    the client can tell (e.g. `use https://...`)."""

    def __init__(
        self, message: str, status: int | None = None, location: str = "", hint: str | None = None
    ) -> None:
        super().__init__(message, status, location, hint)
        self.location = location
        self.hint = hint


class ResponseTooLargeError(HappyFoxError):
    """An answer over the client's `max_response_bytes` was refused. `limit` is that limit;
    `announced` the size its `Content-Length` announced, when it did."""

    def __init__(self, message: str, limit: int = 0, announced: int | None = None) -> None:
        super().__init__(message, None, limit, announced)
        self.limit = limit
        self.announced = announced

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.limit, self.announced), self.__dict__)


@dataclass(frozen=True)
class PreparedRequest:
    """A write a dry run did not send: `method`, full `url`, `headers` (never the
    credentials), and `body`: the JSON document as Python data, `None` for no body, or for
    multipart `{"fields": [{"name", "value"}], "files": [{"field", "filename",
    "content_type", "size"}]}` (file names and sizes, never their contents)."""

    method: str
    url: str
    headers: dict[str, str]
    body: Any


class DryRunError(HappyFoxError):
    """Dry-run mode (`dry_run=True`): the write was not sent; `request` is what would have
    been. Nothing left the machine."""

    def __init__(self, message: str, request: PreparedRequest) -> None:
        super().__init__(message, None, request)
        self.request = request

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.request), self.__dict__)


class UnknownNameError(HappyFoxError, LookupError):
    """No lookup (status, priority, category, staff member, custom field) has the name, email
    or id asked for. `kind` is what was looked up, `name` what was asked, `candidates` every
    name of that kind."""

    def __init__(self, message: str, kind: str, name: str, candidates: list[str]) -> None:
        super().__init__(message, None, kind, name, candidates)
        self.kind = kind
        self.name = name
        self.candidates = list(candidates)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.kind, self.name, self.candidates), self.__dict__)


class AmbiguousNameError(HappyFoxError, LookupError):
    """More than one lookup matches the name asked for (e.g. two staff members called
    "Alex"): ask by email or id instead. `matches` lists them."""

    def __init__(self, message: str, kind: str, name: str, matches: list[str]) -> None:
        super().__init__(message, None, kind, name, matches)
        self.kind = kind
        self.name = name
        self.matches = list(matches)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.kind, self.name, self.matches), self.__dict__)


class InvalidRequestError(HappyFoxError, ValueError):
    """The input was refused before anything was sent. `field` names the argument or
    payload field when there is one; `rule` the rule it broke (`required`, `one_of`,
    `out_of_range`, `query`, `too_large`, `multipart`, ...)."""

    def __init__(self, message: str, field: str | None = None, rule: str = "other") -> None:
        HappyFoxError.__init__(self, message, None, field, rule)
        self.field = field
        self.rule = rule

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.field, self.rule))


class QueryError(InvalidRequestError):
    """A search string is malformed or ambiguous; `offset` is the byte offset of the problem."""

    def __init__(self, message: str, field: str | None = "q", offset: int = 0) -> None:
        InvalidRequestError.__init__(self, message, field, "query")
        self.offset = offset

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.field, self.offset))


class InsecureWriteError(InvalidRequestError):
    """A write to a plain-http URL of another machine was refused before anything was sent
    (HappyFox reads a POST over http as a GET, so the write would be lost); `url` is the
    URL refused. Use https://."""

    def __init__(self, message: str, url: str = "") -> None:
        InvalidRequestError.__init__(self, message, None, "insecure_write")
        self.url = url

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.url))


class IoError(InvalidRequestError):
    """A local file (an attachment) could not be read; `path` is the file."""

    def __init__(self, message: str, path: str = "") -> None:
        InvalidRequestError.__init__(self, message, None, "io")
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.path))


__all__ = [
    "AmbiguousNameError",
    "AuthenticationError",
    "ConflictError",
    "DecodeError",
    "DryRunError",
    "FieldError",
    "HappyFoxError",
    "HttpError",
    "InsecureWriteError",
    "InvalidRequestError",
    "IoError",
    "NotFoundError",
    "PreparedRequest",
    "QueryError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "TimeoutError",
    "TransportError",
    "UnknownNameError",
    "ValidationError",
]

# Shown as `happyfox.ValidationError` in tracebacks, where users import them from.
for _name in __all__:
    globals()[_name].__module__ = "happyfox"
del _name
