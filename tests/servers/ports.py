"""A free TCP port on loopback for a test server."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on now (the server is started on it next)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
