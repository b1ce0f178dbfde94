"""The database schema: versioned migrations (sqlite-utils) and the documented SQL views.

Only imported when a database is created or upgraded, or by ``focus db check``: the hot write
path checks ``PRAGMA user_version`` and never pays for importing sqlite-utils.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from focus.core.config import DEFAULT_INTERRUPTION_MINUTES
from focus.store.offsets import utc_offsets
from focus.store.version import SCHEMA_VERSION
from focus.store.views import VIEWS

migrations = Migrations("focus")


@migrations()
def m001_events(db: Database) -> None:
    """The append-only event log and its indexes (its first views are made again by m004)."""
    db.table("events").create(
        {
            "id": str,
            "at": int,
            "tz": str,
            "day": str,
            "type": str,
            "payload": str,
            "source": str,
            "device": str,
            "ref": str,
        },
        pk="id",
        not_null={"at", "tz", "day", "type", "payload", "source", "device"},
    )
    db.table("events").create_index(["day", "at"], index_name="events_by_day")
    db.execute("CREATE INDEX events_by_ref ON events(ref) WHERE ref IS NOT NULL")
    for verb in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
            "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"
        )


@migrations()
def m002_source_keys(db: Database) -> None:
    """Events from the inbox carry a key (the producer's id or a content hash): an index makes
    "recorded exactly once" one lookup."""
    db.execute(
        "CREATE INDEX events_by_key ON events(json_extract(payload, '$.key')) "
        "WHERE json_extract(payload, '$.key') IS NOT NULL"
    )


@migrations()
def m003_day_cache(db: Database) -> None:
    """Per-day figures, so a week or a year never replays its events. Any new event clears the
    cached figures of its day and both neighbours (a session may cross midnight), so the cache is
    right even when a late event or an undo lands on an old day."""
    db.execute("CREATE TABLE day_cache (day TEXT PRIMARY KEY, key TEXT NOT NULL, data TEXT NOT NULL)")
    db.execute(
        "CREATE TRIGGER events_clear_day_cache AFTER INSERT ON events BEGIN "
        "DELETE FROM day_cache WHERE day BETWEEN date(NEW.day, '-1 day') AND date(NEW.day, '+1 day'); END"
    )


@migrations()
def m004_local_times(db: Database) -> None:
    """Local times for SQL tools: each event's UTC offset at its instant (derived from ``at`` and ``tz``,
    filled in once here for the events already there; the append-only triggers step aside for that
    one update), the default minutes of each interruption kind as the config has them, and the views
    made again with local times and the interruptions' counted ends."""
    db.execute("ALTER TABLE events ADD COLUMN utc_offset INTEGER")
    db.execute("DROP TRIGGER events_no_update")
    offsets = utc_offsets()
    rows = db.execute("SELECT id, at, tz FROM events").fetchall()
    db.conn.executemany(
        "UPDATE events SET utc_offset = ? WHERE id = ?", ((offsets(at, tz), event_id) for event_id, at, tz in rows)
    )
    db.execute(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"
    )
    db.execute("CREATE TABLE interruption_minutes (kind TEXT PRIMARY KEY, minutes INTEGER NOT NULL)")
    db.conn.executemany(
        "INSERT INTO interruption_minutes (kind, minutes) VALUES (?, ?)", DEFAULT_INTERRUPTION_MINUTES.items()
    )
    for name, sql in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.create_view(name, sql)


_SESSION_TYPES = "('session.start', 'session.stop')"


def _session_days_cleared(day: str, at: str) -> str:
    """The DELETE that clears the cached days a session start or stop at (``day``, ``at``) decides, or
    decided until it was undone: from the day before its own to the day after the next live start or
    stop, which decides everything later (with none, every later day). The days before keep their
    figures: the session it cuts short or lengthens covers them either way."""
    following = (
        f"SELECT date(n.day, '+1 day') FROM events n WHERE n.type IN {_SESSION_TYPES} AND n.day >= {day} "
        f"AND n.at > {at} AND NOT EXISTS (SELECT 1 FROM events u WHERE u.ref = n.id AND u.type = 'undo') "
        "ORDER BY n.day, n.at LIMIT 1"
    )
    last = f"coalesce(({following}), '9999-12-31')"
    return f"DELETE FROM day_cache WHERE day BETWEEN date({day}, '-1 day') AND {last};"


@migrations()
def m005_sessions_by_day(db: Database) -> None:
    """Sessions may run over several midnights (a start on Friday, the stop on Monday). An index of the
    session starts and stops by day makes "the session still open when a day begins" one search,
    however old it is. A start or stop, or the undo of one, changes the figures of every day up to the
    next start or stop, not only its own day and its neighbours: two triggers clear those cached days.
    The cache is emptied once: older versions missed such sessions."""
    db.execute(f"CREATE INDEX events_sessions_by_day ON events(day, at) WHERE type IN {_SESSION_TYPES}")
    db.execute(
        f"CREATE TRIGGER events_clear_session_days AFTER INSERT ON events WHEN NEW.type IN {_SESSION_TYPES} "
        f"BEGIN {_session_days_cleared('NEW.day', 'NEW.at')} END"
    )
    undone = "(SELECT x.{} FROM events x WHERE x.id = NEW.ref AND x.type IN " + _SESSION_TYPES + ")"
    db.execute(
        f"CREATE TRIGGER events_clear_undone_session_days AFTER INSERT ON events "
        f"WHEN NEW.type = 'undo' AND {undone.format('id')} IS NOT NULL "
        f"BEGIN {_session_days_cleared(undone.format('day'), undone.format('at'))} END"
    )
    db.execute("DELETE FROM day_cache")


@migrations()
def m006_source_state(db: Database) -> None:
    """What each event source last saw, so it catches up after a restart without counting twice: an
    IMAP mailbox's UIDVALIDITY and HIGHESTMODSEQ or its flags snapshot, ActivityWatch's last event
    read, a Maildir's seen messages. A cache of the sources, not a fact of the log: it is replaced."""
    db.execute(
        "CREATE TABLE source_state (source TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
        "PRIMARY KEY (source, key)) WITHOUT ROWID"
    )


@migrations()
def m007_corrections(db: Database) -> None:
    """Corrections (DESIGN §3 rule 13): an event that corrects others names them in ``corrects``; a
    trigger keeps the table ``superseded`` (which event, replaced by which) from those names, so the
    views and the session searches leave replaced events out with one indexed look-up. The views are
    made again with that rule."""
    db.execute("CREATE TABLE superseded (id TEXT NOT NULL, by TEXT NOT NULL, PRIMARY KEY (id, by)) WITHOUT ROWID")
    db.execute(
        "CREATE TRIGGER events_superseded AFTER INSERT ON events "
        "WHEN json_extract(NEW.payload, '$.corrects') IS NOT NULL BEGIN "
        "INSERT OR IGNORE INTO superseded (id, by) "
        "SELECT value, NEW.id FROM json_each(NEW.payload, '$.corrects'); END"
    )
    for name, sql in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.create_view(name, sql)


def upgrade(conn: sqlite3.Connection) -> bool:
    """Apply pending migrations in one write transaction, then record the schema version. False, with
    nothing written, when the file turns out to hold another program's tables.

    BEGIN IMMEDIATE makes concurrent first runs (three processes on a new file) take turns; the one
    that comes second finds the schema made and the version set, and does nothing.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if (
            version == 0
            and conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
        ):
            conn.execute("ROLLBACK")
            return False
        if version < SCHEMA_VERSION:
            migrations.apply(Database(conn))
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk): keep its error
            conn.execute("ROLLBACK")
        raise
    return True


def pending(conn: sqlite3.Connection) -> list[str]:
    """The migrations not applied to a database, as one problem (none when up to date)."""
    names = [migration.name for migration in migrations.pending(Database(conn))]
    return [f"migrations not applied: {', '.join(names)}"] if names else []
