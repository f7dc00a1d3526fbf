"""Offline testing: the HappyFox emulator, started in this process on a free loopback port.

    from happyfox.testing import Emulator

    with Emulator(tickets=100, seed=1) as emulator:
        client = emulator.client()
        assert client.tickets.list().total == 100
"""

from ._happyfox import Emulator

__all__ = ["Emulator"]
