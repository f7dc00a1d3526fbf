"""The exceptions of `happyfox`: one base class, one class per kind of failure, each with the
data a caller can act on. Defined in Python (so they subclass `Exception` under the stable
ABI) and raised by the native module."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from dataclasses import field as dataclass_field


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
    outcome_unknown: bool

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


class TransportError(HappyFoxError):
    """The request could not be sent or the answer not read (DNS, TLS, reset...)."""


class TimeoutError(TransportError, builtins.TimeoutError):
    """The request or its answer took longer than the client's timeout."""


class DecodeError(HappyFoxError):
    """The answer was not the JSON the client expected."""


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


__all__ = [
    "AuthenticationError",
    "ConflictError",
    "DecodeError",
    "FieldError",
    "HappyFoxError",
    "InvalidRequestError",
    "NotFoundError",
    "QueryError",
    "RateLimitError",
    "TimeoutError",
    "TransportError",
    "ValidationError",
]

# Shown as `happyfox.ValidationError` in tracebacks, where users import them from.
for _name in __all__:
    globals()[_name].__module__ = "happyfox"
del _name
