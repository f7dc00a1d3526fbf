"""`happyfox mcp` driven by an independent MCP client (the official Python `mcp` SDK) over
stdio, against the emulator of the `happyfox` Python package: the tool list and its schemas,
read-only by default, names for ids, compact answers under the cap, writes applied or only
described (`dry_run`), and destructive tools refused without their flag.

Run by `cargo xtask test` (the step "MCP server"), with HAPPYFOX_BIN naming the binary."""

from __future__ import annotations

import asyncio
import json
import os
import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from happyfox.testing import Emulator

ROOT = Path(__file__).resolve().parents[3]
BINARY = os.environ.get("HAPPYFOX_BIN", str(ROOT / "target" / "debug" / "happyfox"))
CAP = 4096


def spec_tools() -> set[str]:
    """`<resource>_<action>` of every public operation of the spec that takes no file."""
    names = set()
    for path in (ROOT / "spec").glob("*.toml"):
        for endpoint in tomllib.loads(path.read_text()).get("endpoint", []):
            if endpoint.get("visibility") == "internal" or "resource" not in endpoint:
                continue
            if endpoint.get("file_field"):
                continue  # uploads take a file: not offered to agents
            names.add(f"{endpoint['resource']}_{endpoint['action']}")
    return names


def run(emulator: Emulator, flags: list[str], body: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(ROOT / "target"),
        "HAPPYFOX_URL": emulator.url,
        "HAPPYFOX_API_KEY": emulator.api_key,
        "HAPPYFOX_AUTH_CODE": emulator.auth_code,
    }
    params = StdioServerParameters(
        command=BINARY, args=["mcp", "--max-answer-bytes", str(CAP), *flags], env=env
    )

    async def session() -> Any:
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                return await body(client)

    return asyncio.run(session())


def answer(result: Any) -> Any:
    text = result.content[0].text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


@pytest.fixture
def emulator() -> Emulator:
    with Emulator(tickets=40, seed=3) as running:
        yield running


def test_the_tools_cover_the_spec_and_their_schemas_are_valid(emulator: Emulator) -> None:
    async def tools(client: ClientSession) -> Any:
        return (await client.list_tools()).tools

    every = run(emulator, ["--allow-writes", "--allow-destructive"], tools)
    names = {tool.name for tool in every}
    assert spec_tools() <= names, sorted(spec_tools() - names)
    assert "tickets_thread" in names
    for tool in every:
        jsonschema.Draft202012Validator.check_schema(tool.input_schema)
        assert tool.description, tool.name
        hints = tool.annotations
        assert hints.read_only_hint is not None and hints.destructive_hint is not None, tool.name
    by_name = {tool.name: tool for tool in every}
    assert by_name["tickets_delete"].annotations.destructive_hint is True
    assert by_name["tickets_list"].annotations.read_only_hint is True
    assert "dry_run" in by_name["tickets_staff_update"].input_schema["properties"]

    read_only = run(emulator, [], tools)
    assert all(tool.annotations.read_only_hint for tool in read_only)
    assert {tool.name for tool in read_only} < names


def test_a_write_is_refused_read_only_naming_the_flag(emulator: Emulator) -> None:
    async def write(client: ClientSession) -> Any:
        return await client.call_tool("tickets_update_tags", {"ticket": 1, "staff_id": 1, "add": ["x"]})

    result = run(emulator, [], write)
    assert result.is_error
    assert "--allow-writes" in answer(result)["message"]
    assert emulator.stats()["total"]["received"] == 0


def test_search_by_status_name_and_thread_are_compact(emulator: Emulator) -> None:
    async def read(client: ClientSession) -> tuple[Any, Any]:
        listing = await client.call_tool("tickets_list", {"status": "New", "size": 50})
        thread = await client.call_tool("tickets_thread", {"ticket": 3, "newest": 3})
        return listing, thread

    listing, thread = run(emulator, [], read)
    assert not listing.is_error and not thread.is_error
    assert len(listing.content[0].text) <= CAP + 200
    page = answer(listing)
    assert page["items"], page
    assert all(item["status"] == "New" for item in page["items"])
    assert all("updates" not in item for item in page["items"])
    text = thread.content[0].text
    assert len(text) <= CAP + 100 and text.count("\n\n") <= 3
    assert not text.startswith("{")


def test_a_staff_update_by_email_and_status_name_is_applied(emulator: Emulator) -> None:
    client = emulator.client()
    lookups = client.lookups()
    agent = lookups.staff("jane@emulator.test")
    ticket = client.tickets.list(size=1).data[0]
    before = len(client.tickets.get(ticket.id).updates)

    async def update(session: ClientSession) -> Any:
        return await session.call_tool(
            "tickets_staff_update",
            {
                "ticket": ticket.display_id,
                "staff": "jane@emulator.test",
                "status": "In Progress",
                "plaintext": "On it",
                "time_spent": 5,
            },
        )

    result = run(emulator, ["--allow-writes"], update)
    assert not result.is_error, answer(result)
    after = client.tickets.get(ticket.id)
    assert after.status is not None and after.status.name == "In Progress"
    assert len(after.updates) == before + 1
    assert after.updates[-1].by is not None and after.updates[-1].by.id == agent.id


def test_a_dry_run_sends_nothing(emulator: Emulator) -> None:
    async def dry(session: ClientSession) -> Any:
        return await session.call_tool(
            "tickets_staff_update", {"ticket": 2, "staff": 1, "plaintext": "not sent", "dry_run": True}
        )

    emulator.reset_stats()
    result = run(emulator, ["--allow-writes"], dry)
    assert not result.is_error
    described = answer(result)
    assert described["sent"] is False and described["request"]["method"] == "POST"
    posts = [key for key in emulator.stats()["requests"] if key.startswith("POST")]
    assert posts == [], emulator.stats()


def test_delete_needs_the_destructive_flag(emulator: Emulator) -> None:
    async def delete(session: ClientSession) -> Any:
        names = {tool.name for tool in (await session.list_tools()).tools}
        return names, await session.call_tool("tickets_delete", {"ticket": 4, "staff_id": 1})

    names, result = run(emulator, ["--allow-writes"], delete)
    assert "tickets_delete" not in names
    assert result.is_error and "--allow-destructive" in answer(result)["message"]
    names, result = run(emulator, ["--allow-writes", "--allow-destructive", "--staff", "1"], delete)
    assert "tickets_delete" in names and not result.is_error, answer(result)


def test_bad_arguments_and_unknown_names_are_tool_errors(emulator: Emulator) -> None:
    async def bad(session: ClientSession) -> tuple[Any, Any]:
        wrong = await session.call_tool("tickets_get", {"ticket": "abc"})
        unknown = await session.call_tool("tickets_list", {"status": "Nope"})
        return wrong, unknown

    wrong, unknown = run(emulator, [], bad)
    assert wrong.is_error and answer(wrong)["argument"] == "ticket"
    assert unknown.is_error and answer(unknown)["kind"] == "unknown_name"
    assert "New" in answer(unknown)["candidates"]


def test_an_allow_list_narrows_the_tools(emulator: Emulator) -> None:
    async def narrowed(session: ClientSession) -> tuple[set[str], Any]:
        names = {tool.name for tool in (await session.list_tools()).tools}
        return names, await session.call_tool("contacts_list", {})

    names, refused = run(emulator, ["--allow-writes", "--tools", "staff,tickets_get,tickets_thread"], narrowed)
    assert names == {"staff_list", "tickets_get", "tickets_thread"}, names
    assert refused.is_error and "--tools" in answer(refused)["message"]
