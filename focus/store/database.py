"""The event store: one SQLite file, WAL, append-only ``events`` table, indexed day ranges.

Each thread or process opens its own Store. Writes are single transactions that are on disk
when the call returns (synchronous=FULL). A store opens read-only where the file or its folder
cannot be written (reads work, writes are refused in one line), and refuses to write into a file
that is not whole (``focus.store.integrity``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from focus.core.errors import FocusError
from focus.core.events import SESSION_START, SESSION_STOP, UNDO
from focus.core.model import Event
from focus.i18n import _
from focus.store import connection, held_files, integrity
from focus.store.connection import connect, what_is_there
from focus.store.offsets import utc_offsets
from focus.store.paths import make_private_dir
from focus.store.version import SCHEMA_VERSION
from focus.store.views import NOT_SUPERSEDED

Row = tuple[Any, ...]
_COLUMNS = "id, at, tz, day, type, payload, source, device, ref"
INSERT_EVENT = "INSERT OR IGNORE INTO events (id, at, tz, day, type, payload, source, device, ref, utc_offset) VALUES "
INSERT_EVENT += "(?,?,?,?,?,?,?,?,?,?)"
_offset = utc_offsets()


class Store:
    """An open database file."""

    def __init__(self, path: Path):
        """Opened read-write where the file and its folder can be written, else read-only
        (``read_only_reason`` says why)."""
        self.path = path
        self._held: tuple[int, int] | None = None
        try:
            self._open(path)
        except BaseException:
            if self._held is not None:
                held_files.let_go(self._held)
            raise
        assert self._held is not None
        # the held descriptor goes with close(), or when a Store never closed is collected: once
        self._let_go: weakref.finalize[[tuple[int, int]], None] = weakref.finalize(self, held_files.let_go, self._held)

    def _open(self, path: Path) -> None:
        try:
            if not os.path.lexists(path):
                # looked at again after the WAL: another thread or process may have made the database
                # (and its WAL) between the two looks; only a WAL without its database is a lost one
                if os.path.lexists(f"{path}-wal") and not os.path.lexists(path):
                    raise FocusError(
                        _(
                            "database {path} is missing, but its latest writes are there ({wal}): "
                            "put the database back beside it; nothing was changed"
                        ).format(path=path, wal=f"{path}-wal"),
                        hint=_("to start anew instead: focus db init --force (keeps that file, renamed)"),
                    )
                make_private_dir(path.parent)
                from focus.store.creation import create_database

                create_database(path)
            self._held = held_files.hold(path)
            self._guard = integrity.FileGuard(path, integrity.check_header(path, self._held) or 4096)
            self.read_only_reason = connection.why_read_only(path)
            self.conn = connect(path, self.read_only_reason is not None)
            version, foreign = what_is_there(self.conn)  # read before any write
        except (sqlite3.Error, OSError) as exc:
            raise _error(path, exc) from None
        if version > SCHEMA_VERSION or foreign:
            self.conn.close()
            raise FocusError(
                _(
                    "database {path} was written by a newer focus (schema {version}, this one knows "
                    "{known}): upgrade focus; nothing was changed"
                ).format(path=path, version=version, known=SCHEMA_VERSION)
                if version
                else _("database {path} is an SQLite file of another program; nothing was changed").format(path=path)
            )
        if self.read_only_reason is None:
            with self.errors():
                connection.use_wal(self.conn)
                self.conn.execute("PRAGMA synchronous = FULL")
                self.conn.execute("PRAGMA wal_autocheckpoint = 0")  # the guard checkpoints: FileGuard.after_commit
        if version < SCHEMA_VERSION:
            self._upgrade(version)

    def _upgrade(self, version: int) -> None:
        from focus.store import schema

        try:
            self.ensure_writable()
            with self.errors():
                if not schema.upgrade(self.conn):
                    raise FocusError(
                        _("database {path} is an SQLite file of another program; nothing was changed").format(
                            path=self.path
                        )
                    )
        except FocusError as exc:
            self.conn.close()
            if self.read_only_reason is not None:
                raise FocusError(
                    _(
                        "database {path} is of an older focus (schema {version}) and {reason}: "
                        "open it once with write access to upgrade it; nothing was changed"
                    ).format(path=self.path, version=version, reason=self.read_only_reason)
                ) from None
            raise exc from None

    def close(self) -> None:
        """Close the connection. Closing the last one copies the WAL into the file: a file that was
        whole before that is noted as whole after it."""
        try:
            if self.read_only_reason is not None:
                self.conn.close()
            else:
                self._guard.close(self.conn)
        finally:
            self._let_go()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def errors(self, writing: bool = False) -> AbstractContextManager[None]:
        return _translated(self.path, writing)

    # -- writing ---------------------------------------------------------------------------------

    def append(self, event: Event) -> None:
        """Add one event; on disk when this returns."""
        self.append_many([event])

    def append_many(self, events: Iterable[Event]) -> int:
        """Add events in one transaction; ids already present are skipped. Returns how many were new."""
        rows = [event_row(event) for event in events]
        with self.transaction():
            return int(self.conn.executemany(INSERT_EVENT, rows).rowcount)  # not the cache rows a trigger cleared

    def append_once(self, events: list[Event]) -> list[Event]:
        """Add events in one transaction, skipping any whose ``payload["key"]`` is already recorded
        (or repeats within ``events``). Returns the events that were added."""
        added: list[Event] = []
        with self.transaction():
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
                self.conn.execute(INSERT_EVENT, event_row(event))
                added.append(event)
        return added

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT). On any error it is rolled back if SQLite
        has not done so already, and the error said is the one that happened (a full disk, not the
        rollback's "no transaction is active")."""
        self.ensure_writable()
        with self.errors(writing=True):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise
        self._guard.after_commit(self.conn)

    def ensure_writable(self) -> None:
        """What every write does first: a FocusError when the store is read-only, or its file is not
        whole (checked once, and only when the file is not as a focus process last noted it)."""
        if self.read_only_reason is not None:
            raise FocusError(
                _("database {path} is read-only ({reason}): nothing was written").format(
                    path=self.path, reason=self.read_only_reason
                )
            )
        self._guard.check(self.conn)

    # -- reading ---------------------------------------------------------------------------------

    def events_between_days(self, first_day: str, last_day: str) -> list[Event]:
        """Events whose local day lies in [first_day, last_day], undo events included, in the index's
        order (day, then instant): one range scan, no sorting (the fold orders what it needs)."""
        with self.errors():
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM events WHERE day BETWEEN ? AND ? ORDER BY day, at",
                (first_day, last_day),
            ).fetchall()
            return _events(rows)

    def events_to_fold(self, first_day: str, last_day: str) -> list[Event]:
        """As ``events_between_days``, for a range's fold (a year of figures): without the two columns
        the fold never reads, ``day`` and ``device`` (left empty), which a year's read spends a sixth
        of its time making."""
        with self.errors():
            rows = self.conn.execute(
                "SELECT id, at, tz, type, payload, source, ref FROM events WHERE day BETWEEN ? AND ? ORDER BY day, at",
                (first_day, last_day),
            ).fetchall()
            payloads = json.loads("[" + ",".join(row[4] for row in rows) + "]")
        return [Event(r[0], r[1], r[2], "", r[3], p, r[5], "", r[6]) for r, p in zip(rows, payloads)]

    def newest_undoable(self) -> Event | None:
        """The newest recorded event that is neither an undo nor already undone."""
        with self.errors():
            row = self.conn.execute(
                f"SELECT {_COLUMNS} FROM events e WHERE e.type != ? AND NOT EXISTS "
                f"(SELECT 1 FROM events u WHERE u.ref = e.id AND u.type = ?) AND {NOT_SUPERSEDED.format(event='e')} "
                "ORDER BY e.id DESC LIMIT 1",
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
        undone = "NOT EXISTS (SELECT 1 FROM events u WHERE u.ref = e.id AND u.type = ?)"
        live = f" AND {undone} AND {NOT_SUPERSEDED.format(event='e')}"
        with self.errors():
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
            with self.errors():
                rows = self.conn.execute(
                    f"SELECT {_COLUMNS} FROM events WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                ).fetchall()
                events = _events(rows)
            if not rows:
                return
            yield from events
            last = rows[-1][0]

    def cached_days(self, first_day: str, last_day: str, key: str) -> dict[str, Any]:
        """Cached per-day figures (JSON values) in [first_day, last_day] made with ``key`` (one index range)."""
        with self.errors():
            rows = self.conn.execute(
                "SELECT day, data FROM day_cache WHERE day BETWEEN ? AND ? AND key = ?", (first_day, last_day, key)
            ).fetchall()
            values = json.loads("[" + ",".join(data for _, data in rows) + "]")  # decoded in one pass
        return {day: value for (day, _), value in zip(rows, values)}

    def cache_days(self, figures: dict[str, Any], key: str, read_at_version: int) -> None:
        """Keep per-day figures computed from what this connection read at ``read_at_version``
        (``data_version``); if another connection wrote since, they may be stale and are not kept.
        Best effort: a busy, full, read-only or damaged database just means they are computed again
        next time."""
        rows = [(day, key, json.dumps(data, separators=(",", ":"))) for day, data in figures.items()]
        with contextlib.suppress(FocusError), self.transaction():
            if self.data_version() == read_at_version:
                self.conn.executemany("INSERT OR REPLACE INTO day_cache (day, key, data) VALUES (?, ?, ?)", rows)

    def save_interruption_minutes(self, minutes: dict[str, int]) -> None:
        """Keep the config's default minutes of each interruption kind where the ``interruptions`` view
        reads them; written only when they changed (one small read otherwise). Best effort, like the
        day cache: a database that cannot be written keeps the minutes it has."""
        with self.errors():
            if dict(self.conn.execute("SELECT kind, minutes FROM interruption_minutes").fetchall()) == minutes:
                return
        with contextlib.suppress(FocusError), self.transaction():
            self.conn.execute("DELETE FROM interruption_minutes")
            self.conn.executemany("INSERT INTO interruption_minutes (kind, minutes) VALUES (?, ?)", minutes.items())

    def data_version(self) -> int:
        """Changes when another connection commits (SQLite's ``PRAGMA data_version``)."""
        return self._number("PRAGMA data_version")

    def _number(self, sql: str) -> int:
        """The one number a query or pragma answers."""
        with self.errors():
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
        """Problems with the file: integrity, unapplied migrations. Empty when healthy (and then the
        file is noted as whole)."""
        from focus.store import schema

        found = self.verify()
        with self.errors():
            return found or schema.pending(self.conn)

    def verify(self) -> list[str]:
        """SQLite's integrity check of the whole file, now: what it finds wrong ([] when whole, and
        then the file is noted as whole)."""
        with self.errors():
            return integrity.problems(self.conn) if self.read_only_reason else self._guard.recheck(self.conn)

    def damage(self) -> list[str]:
        """What SQLite's integrity check finds wrong with the file ([] when whole; not checked again
        when the file is as a focus process last noted it)."""
        if self.read_only_reason is not None:
            return integrity.problems(self.conn)
        with contextlib.suppress(FocusError):
            self._guard.check(self.conn)
        return self._guard.damage


@contextmanager
def _translated(path: Path, writing: bool = False) -> Iterator[None]:
    """Turn SQLite's errors into one-line FocusErrors naming the database."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _error(path, exc, _("nothing was written") if writing else "") from None
    except json.JSONDecodeError:  # SQLite's check cannot tell: a byte of a payload changed
        raise integrity.damaged(path, _("an event's payload is not JSON")) from None
    except UnicodeEncodeError:  # the last guard: the border checks let no such text through
        raise FocusError(
            _("database {path}: a text that is not valid Unicode was refused; nothing was written").format(path=path)
        ) from None


def _error(path: Path, exc: sqlite3.Error | OSError, then: str = "") -> FocusError:
    """The one line for an error of SQLite or of the file system, naming the database; ``then``
    says what it means for the command (nothing was written)."""
    text = str(exc)
    if isinstance(exc, sqlite3.DatabaseError) and "malformed" in text:
        return integrity.damaged(path, text, then)  # with the way out
    if text.startswith("Could not decode to UTF-8 column"):  # SQLite's check cannot tell: a byte of text changed
        column = text.split("'")[1] if text.count("'") >= 2 else "?"
        return integrity.damaged(path, _("an event's {column} is not UTF-8 text").format(column=column), then)
    hint = None
    if "file is not a database" in text:
        text = _("not a focus database, or damaged (file is not a database)")
    elif "database or disk is full" in text:
        text = _("the disk is full (database or disk is full)")
    elif "disk I/O error" in text:
        text, hint = _("the disk failed to read or write (disk I/O error)"), _("focus db check checks the file")
    elif "readonly database" in text:
        text = _("read-only ({error})").format(error=text)
    return FocusError(
        _("database {path}: {error}").format(path=path, error=text) + (f"; {then}" if then else ""), hint=hint
    )


def event_row(event: Event) -> Row:
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
