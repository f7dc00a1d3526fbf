"""Parity: every capability SURFACES.md gives Python is on the installed package.

The list is `capabilities.json`, written by `cargo xtask codegen parity` from `spec/`; each
name is looked up for real (attributes, keyword arguments, log records), so a method that
disappears fails here naming the capability.
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
from pathlib import Path

import pytest

import happyfox
from happyfox.testing import Emulator

CAPABILITIES = json.loads((Path(__file__).parent / "capabilities.json").read_text())


def resolve(name: str, client: happyfox.Client) -> object:
    """The object a dotted name stands for: `client.` on a client of the emulator,
    `testing.` in `happyfox.testing`, anything else in `happyfox`."""
    head, _, rest = name.partition(".")
    if head == "client":
        target: object = client
    elif head == "testing":
        target = importlib.import_module("happyfox.testing")
    else:
        target = getattr(happyfox, head)
    for part in rest.split(".") if rest else []:
        target = getattr(target, part)
    return target


def has_keyword(function: object, keyword: str) -> bool:
    """Whether a constructor or method takes `keyword`."""
    try:
        parameters = inspect.signature(function).parameters  # type: ignore[arg-type]
    except (TypeError, ValueError):
        signature = getattr(function, "__text_signature__", None) or ""
        return keyword in signature.replace(",", " ").replace("(", " ").split()
    return keyword in parameters


def logs_on(logger: str, client: happyfox.Client, caplog: pytest.LogCaptureFixture) -> bool:
    """Whether a request sends a record to `logger`."""
    with caplog.at_level(logging.INFO, logger=logger):
        happyfox.reset_logging()  # levels are cached once a request was logged
        client.statuses.list()
    return any(record.name == logger for record in caplog.records)


def missing(entry: dict[str, str], client: happyfox.Client, caplog: pytest.LogCaptureFixture) -> str | None:
    """Why the entry's name is not there, or None when it is."""
    name = entry["name"]
    try:
        if name.startswith("logging:"):
            logger = name.removeprefix("logging:")
            return None if logs_on(logger, client, caplog) else f"no record on the `{logger}` logger"
        if name.endswith(")"):
            callable_name, _, keyword = name[:-1].partition("(")
            function = resolve(callable_name, client)
            return None if has_keyword(function, keyword) else f"`{callable_name}` takes no `{keyword}`"
        resolve(name, client)
        return None
    except AttributeError as error:
        return str(error)


def test_every_capability_of_the_table_is_on_the_package(caplog: pytest.LogCaptureFixture) -> None:
    assert len(CAPABILITIES) > 50, "the list is the whole table"
    with Emulator(tickets=3, seed=1) as emulator:
        client = emulator.client(max_retries=0)
        failures = [
            f"Python: `{entry['capability']}` has no `{entry['name']}` ({reason})"
            for entry in CAPABILITIES
            if (reason := missing(entry, client, caplog)) is not None
        ]
    assert not failures, "capabilities missing from the Python package (SURFACES.md):\n" + "\n".join(failures)


def test_a_missing_name_is_reported_with_its_capability(caplog: pytest.LogCaptureFixture) -> None:
    with Emulator(tickets=1, seed=1) as emulator:
        client = emulator.client()
        assert missing({"capability": "x", "name": "client.tickets.no_such_method"}, client, caplog)
        assert missing({"capability": "x", "name": "Client(no_such_keyword)"}, client, caplog)
        assert missing({"capability": "x", "name": "logging:happyfox.nowhere"}, client, caplog)
        assert missing({"capability": "x", "name": "client.tickets.get"}, client, caplog) is None
