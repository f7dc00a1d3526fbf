"""The Python workloads of `cargo xtask bench`, each run alone in a child process: our package's `iter` and `export`, the plain `iter()` walk with no size set (work per ticket, read-ahead on or off), the `requests` baseline (with the same work), `hfox`, memory growth, and `json.loads` on a saved page. Prints one line of JSON figures, with the peak resident memory (`peak_rss`)."""

from __future__ import annotations

import argparse
import json
import math
import time
from typing import Any

PAGE_SIZE = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=sorted(WORKLOADS))
    parser.add_argument("--url", default="")
    parser.add_argument("--api-key", default="")
    parser.add_argument("--auth-code", default="")
    parser.add_argument("--tickets", type=int, default=0)
    parser.add_argument("--page-file", default="")
    parser.add_argument("--cpu-ms", type=int, default=2000)
    parser.add_argument("--work-us", type=int, default=0)
    parser.add_argument("--no-read-ahead", action="store_true")
    args = parser.parse_args()
    figures = WORKLOADS[args.kind](args)
    figures["peak_rss"] = proc_status_bytes("VmHWM")
    print(json.dumps(figures))


def ours(args: argparse.Namespace, *, paced: bool = True) -> Any:
    import happyfox

    return happyfox.Client(args.url, args.api_key, args.auth_code, pacing=paced)


def package_iter(args: argparse.Namespace) -> dict[str, Any]:
    return {"tickets": sum(1 for _ in ours(args).tickets.iter(size=PAGE_SIZE))}


def package_export(args: argparse.Namespace) -> dict[str, Any]:
    return {"tickets": sum(1 for _ in ours(args).tickets.export(size=PAGE_SIZE))}


def work(args: argparse.Namespace) -> None:
    """Spends `--work-us` on a ticket, spinning on the clock."""
    until = time.perf_counter() + args.work_us / 1e6
    while time.perf_counter() < until:
        pass


def package_walk(args: argparse.Namespace) -> dict[str, Any]:
    """`for ticket in client.tickets.iter()`: no size set, as a new user writes it."""
    import happyfox

    client = happyfox.Client(args.url, args.api_key, args.auth_code, read_ahead=not args.no_read_ahead)
    tickets = 0
    for _ticket in client.tickets.iter():
        work(args)
        tickets += 1
    return {"tickets": tickets}


def requests_baseline(args: argparse.Namespace) -> dict[str, Any]:
    """What a Python user writes today: one session, page after page, `.json()` on each
    (and `--work-us` on each ticket)."""
    import requests

    session = requests.Session()
    session.auth = (args.api_key, args.auth_code)
    tickets, page = 0, 1
    while True:
        answer = session.get(
            f"{args.url}/api/1.1/json/tickets/", params={"size": PAGE_SIZE, "page": page}
        )
        answer.raise_for_status()
        body = answer.json()
        for _ticket in body["data"]:
            if args.work_us:
                work(args)
            tickets += 1
        if page >= body["page_info"]["page_count"]:
            return {"tickets": tickets}
        page += 1


def hfox_walk(args: argparse.Namespace) -> dict[str, Any]:
    """hfox's own page walk, without its CLI's 10-page cap and 100 ms pause between pages."""
    from hfox.core.client import HappyFoxClient

    pages = math.ceil(args.tickets / PAGE_SIZE)
    with HappyFoxClient(f"{args.url}/api/1.1/json", args.api_key, args.auth_code) as client:
        walk = client.paginate("tickets/", page_limit=pages, page_delay_ms=0, size=PAGE_SIZE)
        return {"tickets": sum(1 for _ in walk)}


def growth(args: argparse.Namespace) -> dict[str, Any]:
    before = proc_status_bytes("VmRSS")
    # 2,000 pages: more than HappyFox's 500 GET a minute, so the walk turns pacing off.
    tickets = sum(1 for _ in ours(args, paced=False).tickets.iter(size=PAGE_SIZE))
    return {"tickets": tickets, "growth_bytes": proc_status_bytes("VmHWM") - before}


def proc_status_bytes(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def decode(args: argparse.Namespace) -> dict[str, Any]:
    with open(args.page_file, "rb") as page_file:
        page = page_file.read()
    budget = args.cpu_ms / 1000
    started = time.process_time()
    tickets = 0
    while tickets == 0 or time.process_time() - started < budget:
        tickets += len(json.loads(page)["data"])
    return {"tickets": tickets, "cpu_ns": int((time.process_time() - started) * 1e9)}


WORKLOADS = {
    "iter": package_iter,
    "export": package_export,
    "walk": package_walk,
    "requests": requests_baseline,
    "hfox": hfox_walk,
    "growth": growth,
    "decode": decode,
}

if __name__ == "__main__":
    main()
