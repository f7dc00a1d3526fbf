"""`happyfox mcp` driven by an independent MCP client (the official Python `mcp` SDK) over
stdio and streamable HTTP, against the emulator of the `happyfox` Python package: the tool
list and its schemas, read-only by default, names for ids, compact answers under the cap,
writes applied or only described (`dry_run`), destructive tools refused without their flag,
the lookups as resources, malformed calls answered without stopping the server, and the HTTP
guards (bearer token off loopback, browser origins).

Run by `cargo xtask test` (the step "MCP server"), with HAPPYFOX_BIN naming the binary."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import subprocess
import tomllib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import jsonschema
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.shared.exceptions import MCPError

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


def environment(emulator: Emulator) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(ROOT / "target"),
        "HAPPYFOX_URL": emulator.url,
        "HAPPYFOX_API_KEY": emulator.api_key,
        "HAPPYFOX_AUTH_CODE": emulator.auth_code,
    }


def run(emulator: Emulator, flags: list[str], body: Callable[[ClientSession], Awaitable[Any]]) -> Any:
    """`body` run in a session with `happyfox mcp <flags>` over stdio."""
    params = StdioServerParameters(
        command=BINARY, args=["mcp", "--max-answer-bytes", str(CAP), *flags], env=environment(emulator)
    )

    async def session() -> Any:
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                return await body(client)

    return asyncio.run(session())


@contextlib.contextmanager
def http_server(emulator: Emulator, flags: list[str], token: str | None = None) -> Iterator[str]:
    """`happyfox mcp --http <flags>` running; yields its URL (read from its stderr)."""
    env = environment(emulator)
    if token is not None:
        env["HAPPYFOX_MCP_TOKEN"] = token
    process = subprocess.Popen(
        [BINARY, "mcp", "--max-answer-bytes", str(CAP), *flags],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "serving MCP over streamable HTTP at " in line, line
        url = line.rsplit(" ", 1)[1].strip()
        # A server bound to every address is reached here through loopback.
        yield url.replace("0.0.0.0", "127.0.0.1")
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_http(url: str, body: Callable[[ClientSession], Awaitable[Any]], headers: dict[str, str] | None = None) -> Any:
    """`body` run in a session with the server at `url` over streamable HTTP."""

    async def session() -> Any:
        async with create_mcp_http_client(headers=headers) as http:
            async with streamable_http_client(url, http_client=http) as (read, write):
                async with ClientSession(read, write) as client:
                    await client.initialize()
                    return await body(client)

    return asyncio.run(session())


INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}},
}
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


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
    # The request as it would go, but never its credentials.
    text = result.content[0].text
    assert emulator.api_key not in text and emulator.auth_code not in text
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
    # --list-tools prints what the server offers with the same flags.
    printed = subprocess.run(
        [BINARY, "mcp", "--allow-writes", "--tools", "staff,tickets_get,tickets_thread", "--list-tools"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert {line.split("\t")[0] for line in printed.splitlines()} == names


def test_the_lookups_are_resources(emulator: Emulator) -> None:
    async def read(session: ClientSession) -> tuple[set[str], Any, Any]:
        listed = {str(resource.uri) for resource in (await session.list_resources()).resources}
        statuses = await session.read_resource("happyfox://statuses")
        staff = await session.read_resource("happyfox://staff")
        with pytest.raises(MCPError):
            await session.read_resource("happyfox://nothing")
        return listed, statuses, staff

    emulator.reset_stats()
    listed, statuses, staff = run(emulator, [], read)
    assert {"happyfox://statuses", "happyfox://priorities", "happyfox://categories", "happyfox://staff"} <= listed
    names = {status["name"] for status in json.loads(statuses.contents[0].text)}
    assert {"New", "In Progress"} <= names
    emails = {agent.get("email") for agent in json.loads(staff.contents[0].text)}
    assert "jane@emulator.test" in emails
    # Read once: the second resource came from the same cached lookups.
    counts = emulator.stats()["requests"]
    assert counts["GET /statuses/"]["received"] == 1, counts


MALFORMED: list[tuple[str, Any]] = [
    ("no_such_tool", {}),
    ("", {}),
    ("t" * 100_000, {}),
    ("tickets_get", {}),
    ("tickets_get", {"ticket": "abc"}),
    ("tickets_get", {"ticket": -5}),
    ("tickets_get", {"ticket": 1.5}),
    ("tickets_get", {"ticket": [1]}),
    ("tickets_get", {"ticket": {"id": 1}}),
    ("tickets_get", {"ticket": None}),
    ("tickets_get", {"ticket": 2**70}),
    ("tickets_get", {"ticket": 1, "stauts": "New"}),
    ("tickets_get", {"ticket": 999_999}),
    ("tickets_list", {"size": "ten"}),
    ("tickets_list", {"size": -1}),
    ("tickets_list", {"page": True}),
    ("tickets_list", {"status": ["New"]}),
    ("tickets_list", {"status": "Nope" * 50_000}),
    ("tickets_list", {"sort": "sideways"}),
    ("tickets_list", {"q": 'status:"unterminated'}),
    ("tickets_list", {"q": {"nested": ["x" * 10_000]}}),
    ("tickets_list", {"q": "x" * 300_000}),
    ("tickets_thread", {}),
    ("tickets_thread", {"ticket": "#NOPE"}),
    ("tickets_thread", {"ticket": 1, "newest": "all"}),
    ("tickets_thread", {"ticket": 1, "oldest": 3}),
    ("contacts_get", {"contact": "x" * 100_000}),
    ("contact_groups_get", {"group": "one"}),
    ("tickets_staff_update", {"ticket": 1, "staff": 1, "plaintext": "read-only"}),
    ("tickets_delete", {"ticket": 1, "staff_id": 1}),
]


def test_malformed_calls_are_answered_and_the_server_keeps_answering(emulator: Emulator) -> None:
    async def hammer(session: ClientSession) -> tuple[list[str], int]:
        outcomes = []
        for name, arguments in MALFORMED:
            try:
                result = await session.call_tool(name, arguments)
            except MCPError as error:  # a protocol error, as the MCP spec allows for some
                outcomes.append(f"protocol: {error}")
                continue
            assert result.is_error, (name, str(arguments)[:80], result.content[0].text[:200])
            text = result.content[0].text
            assert len(text) < 2_000, (name, len(text))
            outcomes.append(answer(result)["kind"])
        return outcomes, len((await session.list_tools()).tools)

    outcomes, tools = run(emulator, [], hammer)
    assert len(outcomes) == len(MALFORMED) == 30
    # Unknown tools are protocol errors, as the MCP spec says; bad arguments are tool errors
    # the model can correct.
    assert all(outcome.startswith("protocol: unknown tool") for outcome in outcomes[:3]), outcomes[:3]
    assert tools > 10
    assert outcomes.count("invalid_argument") >= 15, outcomes
    assert emulator.stats()["total"]["received"] < 30


def test_http_serves_the_tools_and_refuses_foreign_origins(emulator: Emulator) -> None:
    async def read(session: ClientSession) -> tuple[set[str], Any]:
        names = {tool.name for tool in (await session.list_tools()).tools}
        return names, await session.call_tool("tickets_list", {"status": "New", "size": 5})

    with http_server(emulator, ["--http", "127.0.0.1:0"]) as url:
        names, listing = run_http(url, read)
        assert "tickets_list" in names and "tickets_staff_update" not in names
        assert not listing.is_error and answer(listing)["items"]
        foreign = httpx2.post(url, json=INITIALIZE, headers={**ACCEPT, "Origin": "https://evil.example"})
        assert foreign.status_code == 403, foreign.text
        # No Origin (not a browser) passes.
        plain = httpx2.post(url, json=INITIALIZE, headers=ACCEPT)
        assert plain.status_code == 200, plain.text


def test_http_off_loopback_needs_the_token(emulator: Emulator) -> None:
    refused = subprocess.run(
        [BINARY, "mcp", "--http", "0.0.0.0:0"], env=environment(emulator), capture_output=True, text=True, timeout=30
    )
    assert refused.returncode == 3 and "--http-token" in refused.stderr, refused.stderr

    async def read(session: ClientSession) -> Any:
        return await session.call_tool("tickets_get", {"ticket": 1})

    with http_server(emulator, ["--http", "0.0.0.0:0"], token="s3cret-token") as url:
        bare = httpx2.post(url, json=INITIALIZE, headers=ACCEPT)
        assert bare.status_code == 401 and bare.headers["www-authenticate"] == "Bearer", bare.text
        wrong = httpx2.post(url, json=INITIALIZE, headers={**ACCEPT, "Authorization": "Bearer s3cret-tokeN"})
        assert wrong.status_code == 401
        result = run_http(url, read, headers={"Authorization": "Bearer s3cret-token"})
        assert not result.is_error, answer(result)
        assert answer(result)["id"] == 1


def test_every_name_the_parity_table_gives_the_server_exists(emulator: Emulator) -> None:
    """SURFACES.md's MCP column (`capabilities.json`, from `cargo xtask codegen parity`)."""
    wanted = json.loads((Path(__file__).parent / "capabilities.json").read_text())

    async def offered(session: ClientSession) -> tuple[dict[str, Any], set[str], Any]:
        tools = {tool.name: tool for tool in (await session.list_tools()).tools}
        resources = {str(resource.uri) for resource in (await session.list_resources()).resources}
        error = await session.call_tool("tickets_list", {"status": "Nope"})
        return tools, resources, error

    tools, resources, error = run(emulator, ["--allow-writes", "--allow-destructive"], offered)
    options = subprocess.run([BINARY, "mcp", "--help"], capture_output=True, text=True, check=True).stdout
    source = (ROOT / "crates/happyfox/src/error_kind.rs").read_text()
    kinds = set(re.findall(r'ErrorKind::\w+ => "(\w+)"', source))
    assert {"validation", "unknown_name", "rate_limited"} <= kinds
    error_names = kinds | set(answer(error))

    def has(name: str) -> bool:
        if name.startswith("happyfox://"):
            return name in resources
        if name.startswith("--"):
            return re.search(rf"(^|\s){re.escape(name)}\b", options, re.M) is not None
        if name.startswith("error:"):
            return name.removeprefix("error:") in error_names
        tool, _, argument = name.partition("(")
        if tool not in tools:
            return False
        return not argument or argument.rstrip(")") in tools[tool].input_schema["properties"]

    missing = [entry for entry in wanted if not has(entry["name"])]
    assert missing == [], missing
    assert len(wanted) > 50


def test_a_write_whose_outcome_is_unknown_says_to_look_first(emulator: Emulator) -> None:
    client = emulator.client()
    before = len(client.tickets.get(2).updates)
    emulator.plan_fault("drop_after_applying", path="/ticket/2/staff_update/", method="POST")

    async def reply(session: ClientSession) -> Any:
        return await session.call_tool("tickets_staff_update", {"ticket": 2, "staff": 1, "plaintext": "once"})

    result = run(emulator, ["--allow-writes"], reply)
    assert result.is_error
    failed = answer(result)
    assert failed["outcome_unknown"] is True, failed
    assert "read the ticket before sending it again" in failed["advice"]
    # It was applied, once: the server did not resend it.
    assert len(client.tickets.get(2).updates) == before + 1
