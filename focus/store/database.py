"""The event store: one SQLite file, WAL, append-only ``events`` table, indexed day ranges.

Each thread or process opens its own Store. Writes are single transactions that are on disk
when the call returns (synchronous=FULL).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from focus.core.errors import FocusError
from focus.core.events import SESSION_START, SESSION_STOP, UNDO
from focus.core.model import Event
from focus.store.offsets import utc_offsets
from focus.store.paths import make_private_dir
from focus.store.version import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
Row = tuple[Any, ...]
_COLUMNS = "id, at, tz, day, type, payload, source, device, ref"
_INSERT = "INSERT OR IGNORE INTO events (id, at, tz, day, type, payload, source, device, ref, utc_offset) VALUES "
_INSERT += "(?,?,?,?,?,?,?,?,?,?)"
_offset = utc_offsets()


class Store:
    """An open database file."""

    def __init__(self, path: Path):
        self.path = path
        try:
            make_private_dir(path.parent)
            if not path.exists():
                os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version, foreign = _what_is_there(self.conn)  # read before any write
        except (sqlite3.Error, OSError) as exc:
            raise FocusError(f"database {path}: {_reason(exc)}") from None
        if version > SCHEMA_VERSION or foreign:
            self.conn.close()
            raise FocusError(
                f"database {path} was written by a newer focus (schema {version}, this one knows "
                f"{SCHEMA_VERSION}): upgrade focus; nothing was changed"
                if version
                else f"database {path} is an SQLite file of another program; nothing was changed"
            )
        with self._errors():
            _use_wal(self.conn)
            self.conn.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            from focus.store import schema

            with self._errors():
                if not schema.upgrade(self.conn):
                    self.conn.close()
                    raise FocusError(f"database {path} is an SQLite file of another program; nothing was changed")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _errors(self) -> AbstractContextManager[None]:
        return _translated(self.path)

    # -- writing ---------------------------------------------------------------------------------

    def append(self, event: Event) -> None:
        """Add one event; on disk when this returns."""
        self.append_many([event])

    def append_many(self, events: Iterable[Event]) -> int:
        """Add events in one transaction; ids already present are skipped. Returns how many were new."""
        rows = [_row(event) for event in events]
        with self._errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                added = self.conn.executemany(_INSERT, rows).rowcount  # not the cache rows a trigger cleared
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return added

    def append_once(self, events: list[Event]) -> list[Event]:
        """Add events in one transaction, skipping any whose ``payload["key"]`` is already recorded
        (or repeats within ``events``). Returns the events that were added."""
        added: list[Event] = []
        with self._errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                seen: set[str] = set()
                for event in events:
                    key = event.payload.get("key")
                    if key is not None and (
                        key in seen
                        or self.conn.execute(
                            "SELECT 1 FROM events WHERE json_extract(payload, '$.key') = ?", (key,)
                        ).fetchone()
                    ):
                        continue
                    if key is not None:
                        seen.add(key)
                    self.conn.execute(_INSERT, _row(event))
                    added.append(event)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return added

    # -- reading ---------------------------------------------------------------------------------

    def events_between_days(self, first_day: str, last_day: str) -> list[Event]:
        """Events whose local day lies in [first_day, last_day], undo events included, in the index's
        order (day, then instant): one range scan, no sorting (the fold orders what it needs)."""
        with self._errors():
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM events WHERE day BETWEEN ? AND ? ORDER BY day, at",
                (first_day, last_day),
            ).fetchall()
        return _events(rows)

    def events_to_fold(self, first_day: str, last_day: str) -> list[Event]:
        """As ``events_between_days``, for a range's fold (a year of figures): without the two columns
        the fold never reads, ``day`` and ``device`` (left empty), which a year's read spends a sixth
        of its time making."""
        with self._errors():
            rows = self.conn.execute(
                "SELECT id, at, tz, type, payload, source, ref FROM events WHERE day BETWEEN ? AND ? ORDER BY day, at",
                (first_day, last_day),
            ).fetchall()
        payloads = json.loads("[" + ",".join(row[4] for row in rows) + "]")
        return [Event(r[0], r[1], r[2], "", r[3], p, r[5], "", r[6]) for r, p in zip(rows, payloads)]

    def newest_undoable(self) -> Event | None:
        """The newest recorded event that is neither an undo nor already undone."""
        with self._errors():
            row = self.conn.execute(
                f"SELECT {_COLUMNS} FROM events e WHERE e.type != ? AND NOT EXISTS "
                "(SELECT 1 FROM events u WHERE u.ref = e.id AND u.type = ?) ORDER BY e.id DESC LIMIT 1",
                (UNDO, UNDO),
            ).fetchone()
        return _events([row])[0] if row else None

    def sessions_beyond(self, first_day: str, last_day: str) -> list[Event]:
        """The session events a fold of the days [first_day, last_day] needs from beyond them, however far
        away: the start of the session still running when ``first_day`` begins (the newest start or stop
        before it, if a start; of a stop and a start at one instant, the start), and the start or stop
        that ends the session running when ``last_day`` ends (the oldest after it). Undone ones do not
        count. Two searches of the sessions' own index (``events_sessions_by_day``)."""
        sessions = f"SELECT {_COLUMNS} FROM events e WHERE e.type IN ('{SESSION_START}', '{SESSION_STOP}') AND"
        live = " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.ref = e.id AND u.type = ?)"
        with self._errors():
            before = self.conn.execute(
                f"{sessions} e.day < ?{live} ORDER BY e.day DESC, e.at DESC, e.type = ? DESC LIMIT 1",
                (first_day, UNDO, SESSION_START),
            ).fetchone()
            after = self.conn.execute(
                f"{sessions} e.day > ?{live} ORDER BY e.day, e.at LIMIT 1", (last_day, UNDO)
            ).fetchone()
        rows = [before] if before is not None and before[4] == SESSION_START else []  # a stop: nothing runs
        return _events([*rows, after] if after is not None else rows)

    def all_events(self, batch: int = 5000) -> Iterator[Event]:
        """Every event in id (creation) order, read in batches."""
        last = ""
        while True:
            with self._errors():
                rows = self.conn.execute(
                    f"SELECT {_COLUMNS} FROM events WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                ).fetchall()
            if not rows:
                return
            yield from _events(rows)
            last = rows[-1][0]

    def cached_days(self, first_day: str, last_day: str, key: str) -> dict[str, Any]:
        """Cached per-day figures (JSON values) in [first_day, last_day] made with ``key`` (one index range)."""
        with self._errors():
            rows = self.conn.execute(
                "SELECT day, data FROM day_cache WHERE day BETWEEN ? AND ? AND key = ?", (first_day, last_day, key)
            ).fetchall()
        values = json.loads("[" + ",".join(data for _, data in rows) + "]")  # decoded in one pass
        return {day: value for (day, _), value in zip(rows, values)}

    def cache_days(self, figures: dict[str, Any], key: str, read_at_version: int) -> None:
        """Keep per-day figures computed from what this connection read at ``read_at_version``
        (``data_version``); if another connection wrote since, they may be stale and are not kept.
        A busy database just means they are computed again next time."""
        rows = [(day, key, json.dumps(data, separators=(",", ":"))) for day, data in figures.items()]
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            if self.data_version() != read_at_version:
                self.conn.execute("ROLLBACK")
                return
            self.conn.executemany("INSERT OR REPLACE INTO day_cache (day, key, data) VALUES (?, ?, ?)", rows)
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def save_interruption_minutes(self, minutes: dict[str, int]) -> None:
        """Keep the config's default minutes of each interruption kind where the ``interruptions`` view
        reads them; written only when they changed (one small read otherwise)."""
        with self._errors():
            if dict(self.conn.execute("SELECT kind, minutes FROM interruption_minutes").fetchall()) == minutes:
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute("DELETE FROM interruption_minutes")
                self.conn.executemany("INSERT INTO interruption_minutes (kind, minutes) VALUES (?, ?)", minutes.items())
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def data_version(self) -> int:
        """Changes when another connection commits (SQLite's ``PRAGMA data_version``)."""
        return self._number("PRAGMA data_version")

    def _number(self, sql: str) -> int:
        """The one number a query or pragma answers."""
        with self._errors():
            return int(self.conn.execute(sql).fetchone()[0])

    def size_bytes(self) -> int:
        """The database file and its write-ahead log together: what the data takes on disk now."""
        wal = self.path.with_name(self.path.name + "-wal")
        return sum(file.stat().st_size for file in (self.path, wal) if file.exists())

    def count(self) -> int:
        return self._number("SELECT count(*) FROM events")

    def schema_version(self) -> int:
        return self._number("PRAGMA user_version")

    def check(self) -> list[str]:
        """Problems with the file: integrity, unapplied migrations. Empty when healthy."""
        from focus.store import schema

        with self._errors():
            return schema.check(self.conn)


def _what_is_there(conn: sqlite3.Connection) -> tuple[int, bool]:
    """(schema version, foreign) of an open file, read in one transaction: another process creating
    the schema at the same moment is seen either not at all or whole, never half (a version still 0
    beside tables already there would look like another program's file)."""
    conn.execute("BEGIN")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = int(conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0])
    finally:
        conn.execute("COMMIT")
    return version, version == 0 and tables > 0


def _use_wal(conn: sqlite3.Connection) -> None:
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


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn SQLite's errors into one-line FocusErrors naming the database."""
    try:
        yield
    except sqlite3.Error as exc:
        raise FocusError(f"database {path}: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "file is not a database" in text:
        return "not a focus database, or damaged (file is not a database)"
    return text


def _row(event: Event) -> Row:
    return (
        event.id,
        event.at,
        event.tz,
        event.day,
        event.type,
        json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
        event.source,
        event.device,
        event.ref,
        _offset(event.at, event.tz),
    )


def _events(rows: list[Row]) -> list[Event]:
    """Rows to events, the payloads decoded in one pass (a year is tens of thousands of rows)."""
    payloads = json.loads("[" + ",".join(row[5] for row in rows) + "]")
    return [
        Event(row[0], row[1], row[2], row[3], row[4], payload, row[6], row[7], row[8])
        for row, payload in zip(rows, payloads)
    ]
