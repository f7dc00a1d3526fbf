"""Offline testing: the HappyFox emulator, started in this process on a free loopback port.

    from happyfox.testing import Emulator

    with Emulator(tickets=100, seed=1) as emulator:
        client = emulator.client()
        assert client.tickets.list().total == 100
"""

try:
    from ._happyfox import Emulator
except ImportError:  # built with `--no-default-features`
    raise ImportError(
        "happyfox.testing needs the emulator, which this build of happyfox leaves out: "
        "build it with the cargo feature `emulator` (on by default and in the published wheels)"
    ) from None

__all__ = ["Emulator"]
