"""Shared fixtures: one emulator per test module (fresh data), and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import happyfox
from happyfox.testing import Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(tickets=40, seed=3) as running:
        yield running


@pytest.fixture
def client(emulator: Emulator) -> happyfox.Client:
    return emulator.client(max_retries=0)
