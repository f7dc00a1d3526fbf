"""Measures `happyfox mcp` against the emulator (`happyfox emulator serve`, release builds):
the tools it lists in each mode, the size of a 50-ticket listing answer against the raw API
page it came from, and the round-trip time of tool calls over stdio, driven by the official
Python `mcp` SDK. Prints the Markdown section `cargo xtask bench --mcp` writes into
BENCHMARKS.md. Usage: `python measure.py HAPPYFOX_BINARY`."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from typing import Any

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

API_KEY, AUTH_CODE = "bench-key", "bench-code"
CALLS = 300


def serve_emulator(binary: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [binary, "emulator", "serve", "--tickets", "500", "--seed", "13", "--addr", "127.0.0.1:0",
         "--api-key", API_KEY, "--auth-code", AUTH_CODE],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("listening on "):
            return process, line.split()[-1]
    raise RuntimeError("the emulator did not start")


def raw_page(url: str) -> bytes:
    request = urllib.request.Request(f"{url}/api/1.1/json/tickets/?size=50&page=1")
    token = base64.b64encode(f"{API_KEY}:{AUTH_CODE}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request) as answer:
        return answer.read()


async def session(binary: str, url: str, flags: list[str], body: Any) -> Any:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"),
           "HAPPYFOX_URL": url, "HAPPYFOX_API_KEY": API_KEY, "HAPPYFOX_AUTH_CODE": AUTH_CODE}
    params = StdioServerParameters(command=binary, args=["mcp", *flags], env=env)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as client:
            await client.initialize()
            return await body(client)


async def tool_count(client: ClientSession) -> int:
    return len((await client.list_tools()).tools)


async def listing(client: ClientSession) -> tuple[int, int]:
    """The answer's bytes and the tickets it shows."""
    result = await client.call_tool("tickets_list", {"size": 50})
    text = result.content[0].text
    return len(text.encode()), len(json.loads(text)["items"])


async def timings(client: ClientSession) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"tickets_get": [], "tickets_list (50)": [], "tools/list": []}
    await client.call_tool("tickets_get", {"ticket": 1})  # lookups and connections warm
    for n in range(CALLS):
        start = time.perf_counter()
        await client.call_tool("tickets_get", {"ticket": n % 400 + 1})
        samples["tickets_get"].append(time.perf_counter() - start)
        start = time.perf_counter()
        await client.call_tool("tickets_list", {"size": 50, "page": n % 10 + 1})
        samples["tickets_list (50)"].append(time.perf_counter() - start)
        start = time.perf_counter()
        await client.list_tools()
        samples["tools/list"].append(time.perf_counter() - start)
    return samples


def ms(value: float) -> str:
    return f"{value * 1000:.2f} ms"


def main() -> None:
    binary = sys.argv[1]
    emulator, url = serve_emulator(binary)
    try:
        raw = raw_page(url)
        read_only = asyncio.run(session(binary, url, [], tool_count))
        writes = asyncio.run(session(binary, url, ["--allow-writes"], tool_count))
        every = asyncio.run(session(binary, url, ["--allow-writes", "--allow-destructive"], tool_count))
        whole, shown = asyncio.run(session(binary, url, [], listing))
        small, small_shown = asyncio.run(session(binary, url, ["--max-answer-bytes", "4096"], listing))
        # The client keeps to HappyFox's 500 GETs a minute by default; 900 calls would wait.
        samples = asyncio.run(session(binary, url, ["--pacing", "off"], timings))
    finally:
        emulator.terminate()
        emulator.wait()
    print("| what | measured |\n|---|---|")
    print(f"| tools listed | {read_only} read-only, {writes} with `--allow-writes`, {every} with `--allow-destructive` too |")
    print(f"| raw API page of 50 tickets (`GET /tickets/?size=50`) | {len(raw):,} bytes |")
    print(
        f"| `tickets_list` answer, 50 asked, default cap (24,576 bytes) | {whole:,} bytes, "
        f"{shown} tickets ({whole / len(raw):.1%} of the raw page) |"
    )
    print(f"| `tickets_list` answer, 50 asked, `--max-answer-bytes 4096` | {small:,} bytes, {small_shown} tickets and `next`/`cut` notes |")
    for name, values in samples.items():
        values.sort()
        p95 = values[int(len(values) * 0.95)]
        print(
            f"| round trip over stdio, `{name}`, {len(values)} calls (`--pacing off`) | "
            f"median {ms(statistics.median(values))}, p95 {ms(p95)} |"
        )


if __name__ == "__main__":
    main()
