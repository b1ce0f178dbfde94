"""Helpers for event-source tests: bounded waits, a line queue, trackers on one fixed clock."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from focus.core import config
from focus.core.clock import Clock
from focus.store.database import Store
from focus.tracking import Tracker


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "the condition") -> None:
    """Wait for ``predicate`` to hold, checking every 20 ms, failing after ``timeout`` seconds."""
    pause = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        pause.wait(0.02)
    assert predicate(), f"timed out after {timeout} s waiting for {what}"


class Lines:
    """Collects announced lines from any thread."""

    def __init__(self):
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []

    def __call__(self, line: str) -> None:
        self.queue.put(line)

    def next(self, timeout: float = 10.0) -> str:
        line = self.queue.get(timeout=timeout)
        self.seen.append(line)
        return line


def tracker_factory(db: Path, clock: Clock, source: str, cfg=None) -> Callable[[], Tracker]:
    return lambda: Tracker(Store(db), cfg or config.defaults(), clock, source=source, device="test")


def count_events(db: Path, kind: str | None = None) -> int:
    import sqlite3

    if not db.exists():
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone():
            return 0
        if kind is None:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]
        return conn.execute("SELECT count(*) FROM events WHERE type = ?", (kind,)).fetchone()[0]
