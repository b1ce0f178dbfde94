"""The first open of a new database file, by many at once: threads of one process and separate
processes all race to create the schema. Every open succeeds (none takes the half-made file for
"another program's"), the schema ends at SCHEMA_VERSION and each migration is applied once."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
import threading
from pathlib import Path

from sqlite_utils import Database

from focus.core.errors import FocusError
from focus.store import schema
from focus.store.database import Store
from focus.store.version import SCHEMA_VERSION

THREADS = 4
THREAD_FILES = 150  # the race is one per new file: many files find it more often than many threads
PROCESSES = 6
PROCESS_FILES = 60


def assert_made_once(db: Path) -> None:
    """The schema of ``db`` is whole: the current version, WAL, every migration recorded exactly once."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert len(names) == len(set(names)) == SCHEMA_VERSION, names
        assert schema.migrations.pending(Database(conn)) == []
    conn.close()


def open_together(db: Path, threads: int) -> list[str]:
    """``threads`` threads released at once, each opening and closing a Store on ``db``; the problems."""
    start = threading.Barrier(threads)
    problems: list[str] = []

    def open_one() -> None:
        try:
            start.wait(timeout=10)
            with Store(db) as store:
                if store.schema_version() != SCHEMA_VERSION:
                    problems.append(f"schema version {store.schema_version()}")
        except (FocusError, threading.BrokenBarrierError) as exc:
            problems.append(str(exc))

    workers = [threading.Thread(target=open_one) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert not any(worker.is_alive() for worker in workers), "a Store() did not return within 30 s"
    return problems


def test_threads_opening_a_new_file_at_once_all_succeed_and_make_the_schema_once(tmp_path):
    problems: list[str] = []
    for n in range(THREAD_FILES):
        db = tmp_path / f"threads{n}" / "focus.db"
        problems += open_together(db, THREADS)
        assert_made_once(db)
    assert problems == [], f"{len(problems)} of {THREADS * THREAD_FILES} opens failed: {problems[:3]}"


OPENER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from focus.core.errors import FocusError
    from focus.store import schema  # imported before the race, as the Store would import it
    from focus.store.database import Store

    print("ready", flush=True)
    for line in sys.stdin:             # one new file per line: every process opens it at once
        try:
            with Store(Path(line.strip())) as store:
                print("ok", store.schema_version(), flush=True)
        except FocusError as exc:
            print("failed", exc, flush=True)
""")


def test_processes_opening_a_new_file_at_once_all_succeed_and_make_the_schema_once(tmp_path, spawn):
    openers = [spawn([sys.executable, "-c", OPENER], stdin=True) for _ in range(PROCESSES)]
    for opener in openers:
        assert opener.line() == "ready", opener.stderr
    answers: list[str] = []
    for n in range(PROCESS_FILES):
        db = tmp_path / f"processes{n}" / "focus.db"
        for opener in openers:  # the line is the barrier: all are waiting on it
            opener.send(f"{db}\n")
        answers += [opener.line() for opener in openers]
        assert_made_once(db)
    failed = [answer for answer in answers if answer != f"ok {SCHEMA_VERSION}"]
    assert failed == [], f"{len(failed)} of {PROCESSES * PROCESS_FILES} opens failed: {failed[:3]}"
    for opener in openers:
        opener.process.stdin.close()  # type: ignore[union-attr]
        assert opener.wait() == 0, opener.stderr


def test_a_database_made_by_another_thread_between_two_looks_is_opened_not_called_missing(tmp_path, monkeypatch):
    import os

    from focus.store import database

    db = tmp_path / "focus.db"
    other = database.Store(db)  # another thread's Store: the database and its WAL are there now
    other.conn.execute("SELECT count(*) FROM events").fetchone()
    assert os.path.lexists(f"{db}-wal")
    real, looks = os.path.lexists, []

    def first_look_before_it_was_made(path):
        looks.append(str(path))
        return False if looks.count(str(db)) == 1 and str(path) == str(db) else real(path)

    monkeypatch.setattr(database.os.path, "lexists", first_look_before_it_was_made)
    database.Store(db).close()  # was: "database … is missing, but its latest writes are there"
    other.close()
