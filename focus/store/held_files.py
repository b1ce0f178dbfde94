"""One open descriptor per database file for as long as a Store of this process has it open.

On POSIX, closing *any* descriptor of a file drops every lock this process holds on it — SQLite's
among them (fcntl locks belong to the process and the file, not to the descriptor). A header read
that opened and closed the database while another connection of the process was open let SQLite's
locks go: another process then found the database unused and removed its WAL under the live
connection. So the header is read through the one descriptor kept here, closed only when the last
Store of the file in this process lets it go.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_LOCK = threading.Lock()
_HELD: dict[tuple[int, int], list[int]] = {}  # (device, inode) → [descriptor, Stores holding it]
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def hold(path: Path) -> tuple[int, int]:
    """Keep a descriptor of the file at ``path`` open (one per file however many Stores); returns its key.
    OSError when it cannot be opened."""
    with _LOCK:
        for _ in range(3):  # the file may be replaced between the stat and the open: look again
            info = os.stat(path)
            key = (info.st_dev, info.st_ino)
            if key in _HELD:
                _HELD[key][1] += 1
                return key
            fd = os.open(path, os.O_RDONLY | _BINARY)
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) == key:
                _HELD[key] = [fd, 1]
                return key
            os.close(fd)
        raise OSError(f"{path} keeps being replaced")


def read_start(key: tuple[int, int], size: int) -> tuple[bytes, int]:
    """The first ``size`` bytes of a held file and its size now."""
    with _LOCK:
        fd = _HELD[key][0]
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, size), os.fstat(fd).st_size


def let_go(key: tuple[int, int]) -> None:
    """A Store of the file closed: the descriptor goes with the last one (after its connection closed)."""
    with _LOCK:
        held = _HELD.get(key)
        if held is None:
            return
        held[1] -= 1
        if held[1] <= 0:
            del _HELD[key]
            os.close(held[0])


def holders(path: Path) -> int:
    """How many Stores of this process hold the file at ``path`` (0 when its descriptor is closed)."""
    info = os.stat(path)
    with _LOCK:
        held = _HELD.get((info.st_dev, info.st_ino))
        return held[1] if held else 0
