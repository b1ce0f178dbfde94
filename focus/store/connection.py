"""Opening an SQLite connection to a focus database: read-write or read-only, WAL, the busy timeout,
and what is in the file before anything is written."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from focus.i18n import _

BUSY_TIMEOUT_MS = 10_000


def what_is_there(conn: sqlite3.Connection) -> tuple[int, bool]:
    """(schema version, foreign) of an open file, read in one transaction: another process creating
    the schema at the same moment is seen either not at all or whole, never half (a version still 0
    beside tables already there would look like another program's file)."""
    conn.execute("BEGIN")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = int(conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0])
    finally:
        if conn.in_transaction:  # not after an error SQLite has rolled back: its error is the one to say
            conn.execute("COMMIT")
    return version, version == 0 and tables > 0


def use_wal(conn: sqlite3.Connection) -> None:
    """Switch a database to WAL. On a new file several processes may race to do it, and SQLite
    answers "locked" without waiting: retry until the busy timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def why_read_only(path: Path) -> str | None:
    """Why a database cannot be written here (None when it can): SQLite needs to write the file, and
    to make its WAL and shared-memory files beside it."""
    if not os.access(path, os.W_OK):
        return _("the file is read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return _("its folder {folder} is read-only").format(folder=path.parent)
    return None


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (the Store begins its own transactions) with the busy timeout;
    read-only ones open the file as it is, immutable when no WAL can be beside it."""
    timeout = BUSY_TIMEOUT_MS / 1000
    if not read_only:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    else:
        from urllib.parse import quote

        uri = f"file:{quote(str(path))}"
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            if os.path.exists(f"{path}-wal"):
                raise
            # A WAL database needs its shared-memory file, which a read-only folder cannot hold; with
            # no WAL beside it the file is the whole database, and nobody can write it there.
            conn.close()
            conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn
