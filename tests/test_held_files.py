"""A Store opened and closed beside a long-lived one in the same process must not drop SQLite's locks
(closing any descriptor of a file drops the process's POSIX locks on it): another process's write then
found the database unused and removed the WAL under the live connection."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from focus.core import config
from focus.core.clock import Clock
from focus.store import held_files
from focus.store.database import Store
from focus.tracking import Tracker

FOCUS = Path(sys.executable).parent / "focus"
DAY = dt.date(2026, 11, 24)


def test_a_second_store_in_the_process_keeps_the_first_ones_locks(tmp_path):
    db = tmp_path / "focus.db"
    clock = Clock.fixed("Europe/Stockholm", "2026-11-24T17:00")
    env = {**os.environ, "FOCUS_HOME": str(tmp_path)}
    log = [str(FOCUS), "log", "email", "--date", "2026-11-24", "--at", "9:00"]
    subprocess.run(log, env=env, check=True, capture_output=True, timeout=30)
    # another process that closes its connection (focus watch stopping, the screen quitting): SQLite
    # removes the WAL on the last close, if no other process holds the database's shared lock
    closing = f"from focus.store.database import Store; Store(__import__('pathlib').Path({str(db)!r})).close()"
    reader = Tracker(Store(db), config.defaults(), clock)  # a long-lived connection, as the screen's worker
    assert len(reader.day(DAY).interruptions) == 1
    Store(db).close()  # another thread's Store, opened and closed (the sources' background check does it)
    log[-1] = "10:00"
    subprocess.run(log, env=env, check=True, capture_output=True, timeout=30)
    subprocess.run([sys.executable, "-c", closing], env=env, check=True, capture_output=True, timeout=30)
    assert Path(f"{db}-wal").exists(), "another process removed the WAL under a live connection"
    assert len(reader.day(DAY).interruptions) == 2
    reader.store.close()


def test_the_held_descriptor_goes_with_the_last_store(tmp_path):
    db = tmp_path / "focus.db"
    first, second = Store(db), Store(db)
    assert held_files.holders(db) == 2  # one descriptor for the file, however many Stores
    first.close()
    first.close()  # closing twice lets go once
    assert held_files.holders(db) == 1
    second.close()
    assert held_files.holders(db) == 0
    Store(db)  # never closed: let go when collected
    import gc

    gc.collect()
    assert held_files.holders(db) == 0
