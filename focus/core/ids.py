"""Identifiers: time-sortable event ids (ULID layout) and short block ids people can type."""

from __future__ import annotations

import os
import threading
import time

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BLOCK_ALPHABET = "abcdefghjkmnpqrstuvwxyz"
_lock = threading.Lock()
_last = [0, 0]  # the last (milliseconds, randomness) handed out by this process


def event_id(now_ms: int | None = None) -> str:
    """A 26-character ULID: 48 bits of milliseconds then 80 random bits, Crockford base32.

    Ids sort by creation time; within one millisecond a process increments the random part,
    so its ids stay strictly increasing.
    """
    ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    with _lock:
        if ms <= _last[0]:
            ms, rand = _last[0], _last[1] + 1
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 1  # room to increment
        _last[0], _last[1] = ms, rand
    return _encode((ms << 80) | rand)


def _encode(value: int) -> str:
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def derived_event_id(ms: int, key: str) -> str:
    """A ULID whose random part is a hash of ``key``: the same automatic action (say, the
    auto-start of one block) gets the same id in every process, so it is recorded once."""
    import hashlib

    rand = int.from_bytes(hashlib.sha256(key.encode()).digest()[:10], "big")
    return _encode((ms << 80) | rand)


def block_id() -> str:
    """A short random block id such as ``kq7mzx``: letters only, so it never reads as a number."""
    return "".join(_BLOCK_ALPHABET[byte % len(_BLOCK_ALPHABET)] for byte in os.urandom(6))
