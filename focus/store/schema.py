"""The database schema: versioned migrations (sqlite-utils) and the documented SQL views.

Only imported when a database is created or upgraded, or by ``focus db check``: the hot write
path checks ``PRAGMA user_version`` and never pays for importing sqlite-utils.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from focus.store.version import SCHEMA_VERSION

migrations = Migrations("focus")

# The documented views (README "Data"): any SQLite tool can read them.
VIEWS = {
    # Events that count: not undo events, and not undone.
    "live_events": """
        SELECT e.* FROM events e
        WHERE e.type != 'undo'
          AND NOT EXISTS (SELECT 1 FROM events u WHERE u.type = 'undo' AND u.ref = e.id)
    """,
    # One row per interruption: its local day, UTC start, kind, explicit minutes (null: the
    # kind's default applies, cut short by the next one) and note.
    "interruptions": """
        SELECT id, day, datetime(at / 1000, 'unixepoch') AS start_utc, tz,
               json_extract(payload, '$.kind') AS kind,
               (json_extract(payload, '$.end') - at) / 60000.0 AS minutes,
               json_extract(payload, '$.note') AS note, source, device
        FROM live_events WHERE type = 'interruption'
    """,
    # The plan: the latest version of every block that has not been removed.
    "blocks": """
        SELECT json_extract(b.payload, '$.block') AS block_id, b.day AS date,
               json_extract(b.payload, '$.start') AS start, json_extract(b.payload, '$.end') AS end,
               json_extract(b.payload, '$.category') AS category,
               json_extract(b.payload, '$.title') AS title, b.tz, b.source
        FROM live_events b
        WHERE b.type = 'block'
          AND NOT EXISTS (
              SELECT 1 FROM live_events later
              WHERE later.ref = json_extract(b.payload, '$.block')
                AND later.type IN ('block', 'block.remove') AND later.id > b.id)
    """,
    # Per local day: interruptions by kind and outcomes by kind (time figures: `focus report`).
    "day_summary": """
        SELECT day,
               SUM(type = 'interruption') AS interruptions,
               SUM(type = 'interruption' AND json_extract(payload, '$.kind') = 'email') AS email_checks,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'call'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS calls,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'meeting'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS meetings,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'quote'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS quotes,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'deal'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS deals,
               SUM(type = 'session.start') AS sessions
        FROM live_events GROUP BY day
    """,
}


@migrations()
def m001_events(db: Database) -> None:
    """The append-only event log, its indexes and the views."""
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
    for name, sql in VIEWS.items():
        db.create_view(name, sql)


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
        conn.execute("ROLLBACK")
        raise
    return True


def check(conn: sqlite3.Connection) -> list[str]:
    """Problems found by SQLite's integrity check and by comparing the applied migrations."""
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    pending = [migration.name for migration in migrations.pending(Database(conn))]
    if pending:
        problems.append(f"migrations not applied: {', '.join(pending)}")
    return problems
