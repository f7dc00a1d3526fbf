"""Request logs reach Python's `logging` (loggers `happyfox.request`, `happyfox.retry`...),
from threads that released the GIL too, without a credential; the CA bundle and proxy
keyword arguments of the constructor (a proxy written here tunnels to the emulator)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from pathlib import Path

import pytest

import happyfox
from happyfox.testing import Emulator


def test_request_lines_reach_logging(
    emulator: Emulator, client: happyfox.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="happyfox")
    happyfox.reset_logging()
    client.statuses.list()
    lines = [r for r in caplog.records if r.name == "happyfox.request"]
    assert len(lines) == 1, caplog.text
    assert lines[0].levelno == logging.INFO
    message = lines[0].getMessage()
    assert message.startswith("GET /statuses/ -> HTTP 200 in ") and message.endswith(
        " ms, retry 0"
    ), message
    assert emulator.api_key not in caplog.text and emulator.auth_code not in caplog.text


def test_bodies_only_when_asked(emulator: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(5, logger="happyfox")
    happyfox.reset_logging()
    emulator.client().statuses.list()
    assert not [r for r in caplog.records if r.name == "happyfox.request.body"]
    verbose = happyfox.Client(
        emulator.url, emulator.api_key, emulator.auth_code, log_bodies=True
    )
    verbose.statuses.list()
    bodies = [r.getMessage() for r in caplog.records if r.name == "happyfox.request.body"]
    assert len(bodies) == 1 and bodies[0].startswith("GET /statuses/ answer body ("), bodies


def test_logging_from_many_threads_does_not_deadlock(
    client: happyfox.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="happyfox")
    happyfox.reset_logging()
    workers = [
        threading.Thread(target=lambda: [client.statuses.list() for _ in range(5)])
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for _ in range(200):
        logging.getLogger("happyfox.test").info("the main thread logs too")
    for worker in workers:
        worker.join(timeout=60)
        assert not worker.is_alive(), "a worker is stuck"
    assert len([r for r in caplog.records if r.name == "happyfox.request"]) == 20


def test_unusable_ca_bundle_and_proxy_are_refused(emulator: Emulator, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pem"
    empty.write_text("no certificate here\n")
    with pytest.raises(happyfox.InvalidRequestError) as bundle:
        happyfox.Client(emulator.url, emulator.api_key, emulator.auth_code, ca_bundle=empty)
    assert bundle.value.rule == "trust" and bundle.value.field == "ca_bundle"
    assert "holds no certificate" in str(bundle.value)
    with pytest.raises(happyfox.InvalidRequestError) as proxy:
        happyfox.Client(
            emulator.url,
            emulator.api_key,
            emulator.auth_code,
            proxy="socks5://user:PY-PROXY-SECRET@127.0.0.1:1080",
        )
    assert proxy.value.rule == "proxy" and "PY-PROXY-SECRET" not in str(proxy.value)


def connect_proxy(tunnels: list[str]) -> int:
    """A loopback proxy that answers each CONNECT by tunnelling to the target asked for
    (the emulator, on loopback) and records the target; returns its port."""
    listener = socket.create_server(("127.0.0.1", 0))

    def pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def tunnel(client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            head += client.recv(4096)
        target = head.split(b" ")[1].decode()
        tunnels.append(target)
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
        pipe(upstream, client)

    def serve() -> None:
        while True:
            client, _ = listener.accept()
            threading.Thread(target=tunnel, args=(client,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return int(listener.getsockname()[1])


def test_an_explicit_proxy_is_used(emulator: Emulator) -> None:
    tunnels: list[str] = []
    port = connect_proxy(tunnels)
    through = happyfox.Client(
        emulator.url, emulator.api_key, emulator.auth_code, proxy=f"http://127.0.0.1:{port}"
    )
    assert through.statuses.list()
    assert len(tunnels) == 1 and tunnels[0].startswith("127.0.0.1:"), tunnels


def test_a_proxy_that_is_down_is_a_transport_error(emulator: Emulator) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    through = happyfox.Client(
        emulator.url,
        emulator.api_key,
        emulator.auth_code,
        max_retries=0,
        proxy=f"http://user:PY-PROXY-SECRET@127.0.0.1:{port}",
    )
    with pytest.raises(happyfox.TransportError) as down:
        through.statuses.list()
    assert "PY-PROXY-SECRET" not in str(down.value)
