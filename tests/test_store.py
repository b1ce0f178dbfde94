"""The store: WAL, busy timeout, user-only files, append-only log, migrations, views, range scans."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from sqlite_utils import Database

from focus.core import ids
from focus.core.errors import FocusError
from focus.core.model import Event
from focus.store import schema
from focus.store.database import Store
from focus.store.version import SCHEMA_VERSION


def event(day: str = "2026-11-24", type: str = "outcome", payload: dict | None = None) -> Event:
    return Event(
        ids.event_id(),
        1_764_000_000_000,
        "Europe/Stockholm",
        day,
        type,
        payload or {"kind": "call", "count": 1},
        "cli",
        "test",
    )


def test_a_new_database_is_wal_user_only_and_migrated(tmp_path):
    path = tmp_path / "data" / "focus.db"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert store.schema_version() == SCHEMA_VERSION
        assert store.check() == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_schema_version_counts_the_migrations(tmp_path):
    with Store(tmp_path / "focus.db") as store:
        names = [row[0] for row in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert schema.migrations.pending(Database(store.conn)) == []
    assert len(names) == SCHEMA_VERSION


def test_the_event_log_is_append_only(tmp_path):
    with Store(tmp_path / "focus.db") as store:
        store.append(event())
        for sql in ("UPDATE events SET type = 'x'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.conn.execute(sql)
        assert store.count() == 1


def test_appending_the_same_id_twice_keeps_one(tmp_path):
    with Store(tmp_path / "focus.db") as store:
        one = event()
        assert store.append_many([one, one]) == 1
        assert store.append_many([one]) == 0
        assert store.count() == 1


def test_a_days_events_are_one_index_range(tmp_path):
    with Store(tmp_path / "focus.db") as store:
        store.append_many([event(day=f"2026-11-{d:02d}") for d in range(1, 29)])
        assert [e.day for e in store.events_between_days("2026-11-23", "2026-11-25")] == [
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
        ]
        plan = " ".join(
            row[3]
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM events WHERE day BETWEEN ? AND ? ORDER BY day, at, id", ("a", "b")
            )
        )
        assert "USING INDEX events_by_day" in plan and "SCAN events" not in plan


def test_the_views_read_the_log(tmp_path):
    with Store(tmp_path / "focus.db") as store:
        mail = event(type="interruption", payload={"kind": "email", "end": None, "note": "RFQ"})
        call = event()
        store.append_many([mail, call, event(payload={"kind": "call", "count": 4})])
        store.append(Event(ids.event_id(), 0, "UTC", "2026-11-24", "undo", {}, "cli", "test", ref=call.id))
        rows = store.conn.execute("SELECT day, interruptions, email_checks, calls FROM day_summary").fetchall()
        assert rows == [("2026-11-24", 1, 1, 4)]
        assert store.conn.execute("SELECT kind, note FROM interruptions").fetchall() == [("email", "RFQ")]
        assert store.conn.execute("SELECT count(*) FROM live_events").fetchone()[0] == 2


def test_blocks_view_shows_the_current_plan(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", "2026-11-24")
    focus("plan", "add", "10:00-11:00", "quotes", "Quote", "--date", "2026-11-24")
    focus("plan", "rm", "1", "--date", "2026-11-24")
    with sqlite3.connect(focus.paths.db_file) as conn:
        assert conn.execute("SELECT date, start, end, category, title FROM blocks").fetchall() == [
            ("2026-11-24", "10:00", "11:00", "quotes", "Quote")
        ]


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "focus.db"
    with Store(path) as store:
        store.conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(FocusError, match="newer focus"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path):
    path = tmp_path / "focus.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(FocusError, match="not a focus database"):
        Store(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_ids_sort_by_creation_and_never_repeat():
    made = [ids.event_id(1_000) for _ in range(1000)] + [ids.event_id(2_000)]
    assert made == sorted(made) and len(set(made)) == len(made)
    assert all(len(i) == 26 for i in made)
    assert ids.event_id(10**13) > made[-1]  # a later millisecond sorts later


def test_a_version_1_database_is_upgraded_in_place_keeping_its_events(tmp_path):
    path = tmp_path / "focus.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrations.apply(Database(conn), stop_before="m002_source_keys")  # as focus 0.1 left it
    conn.execute("PRAGMA user_version = 1")
    old = event()
    conn.execute(
        "INSERT INTO events (id, at, tz, day, type, payload, source, device) VALUES (?,?,?,?,?,?,?,?)",
        (old.id, old.at, old.tz, old.day, old.type, '{"kind": "call", "count": 1}', "cli", "test"),
    )
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        assert store.count() == 1 and store.check() == []
        indexes = {row[1] for row in store.conn.execute("PRAGMA index_list(events)")}
        assert "events_by_key" in indexes


def test_append_once_skips_keys_already_recorded(tmp_path):
    with Store(tmp_path / "focus.db") as store:
        keyed = lambda key: event(payload={"kind": "call", "count": 1, "key": key})  # noqa: E731
        assert len(store.append_once([keyed("a"), keyed("b"), keyed("a")])) == 2
        assert len(store.append_once([keyed("b"), keyed("c")])) == 1
        assert store.count() == 3


def test_a_reader_holding_an_old_snapshot_never_makes_a_write_wait(tmp_path, monkeypatch):
    """The store's own checkpoint never waits: with a backup tool or an sqlite3 shell holding a read
    transaction, writes past the checkpoint size go on at once (they waited the 10 s busy timeout each,
    and a second writer got "database is locked"); once the reader goes, the WAL is emptied."""
    import time

    from focus.store import integrity

    monkeypatch.setattr(integrity, "CHECKPOINT_PAGES", 4)  # the checkpoint is due after a few writes
    db = tmp_path / "focus.db"
    store, other = Store(db), Store(db)
    for _ in range(5):
        store.append(event())
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()  # holds its snapshot
    slowest = 0.0
    for n in range(5, 65):
        started = time.monotonic()
        (store if n % 2 else other).append(event())
        slowest = max(slowest, time.monotonic() - started)
    assert slowest < 1.0, f"a write waited {slowest:.1f} s for the reader"
    wal = tmp_path / "focus.db-wal"
    assert wal.stat().st_size > 4 * 4096  # the reader kept the WAL: nothing was lost by trying
    reader.execute("COMMIT")
    reader.close()
    store.append(event())
    assert not wal.exists() or wal.stat().st_size == 0
    assert store.count() == 66
    store.close()
    other.close()
