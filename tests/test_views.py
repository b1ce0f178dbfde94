"""The SQL views agree with the report: a SQL tool reading ``interruptions`` sees the start, end and
minutes the report counts, and every view carries local times as ISO text."""

from __future__ import annotations

import datetime as dt
import sqlite3

from focus.core import accounting, events
from focus.core.clock import Clock, local_ms
from focus.store.database import Store
from focus.store.paths import Paths
from focus.store.version import SCHEMA_VERSION
from focus.tracking import Tracker

DAY = "2026-11-24"


def rows(db, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def test_the_interruptions_view_has_what_the_report_counts(focus, home: Paths):
    home.config_file.write_text("[interruptions]\nemail = 9\n")  # the config's default, not the built-in 5
    at = ("--date", DAY, "--at")
    focus("log", "email", *at, "09:00")  # 9 min by default...
    focus("log", "phone", *at, "09:04")  # ...cut at 09:04 by the next one; phone: 5 min
    focus("back", *at, "09:06")  # back to work ends the phone call at 09:06
    focus("log", "chat", "--minutes", "12", *at, "10:00")  # an explicit length: exactly 12 minutes
    focus("log", "self", *at, "11:00")  # 2 min, grown below by a burst
    focus("log", "walk-in", *at, "13:00")
    focus("undo")  # undone: in neither
    focus("log", "other", *at, "23:58", now=f"{DAY}T23:59")  # 5 min: runs past midnight
    clock = Clock.fixed("Europe/Stockholm", f"{DAY}T18:00")
    with Store(home.db_file) as store:
        tracker = Tracker(store, focus_config(home), clock)
        grown = next(i for i in tracker.day(clock.today()).interruptions if i.kind == "self")
        until = local_ms(clock.today(), dt.time(11, 7), clock.tz)
        store.append(tracker.make_event(events.INTERRUPTION_EXTEND, grown.start, {"until": until}, ref=grown.id))
        log = tracker.day(clock.today())
        resolved = accounting.resolve_interruptions(log.interruptions, tracker.config.interruption_minutes)
    first, last = (local_ms(clock.today() + dt.timedelta(days=n), dt.time(0), clock.tz) for n in (0, 1))
    report = [
        (i.id, i.kind, start, end, round((end - start) / 60_000, 2))
        for i, start, end in resolved
        if first <= i.start < last
    ]
    view = rows(
        home.db_file,
        "SELECT id, kind, start_ms, end_ms, minutes FROM interruptions WHERE day = ? ORDER BY start_ms",
        DAY,
    )
    assert view == report
    assert [(kind, minutes) for _, kind, _, _, minutes in view] == [
        ("email", 4.0),
        ("phone", 2.0),
        ("chat", 12.0),
        ("self", 7.0),
        ("other", 5.0),
    ]
    local = rows(
        home.db_file,
        "SELECT start_local, end_local, explicit_minutes FROM interruptions WHERE day = ? ORDER BY start_ms",
        DAY,
    )
    assert local[0] == ("2026-11-24T09:00:00+01:00", "2026-11-24T09:04:00+01:00", None)
    assert local[2] == ("2026-11-24T10:00:00+01:00", "2026-11-24T10:12:00+01:00", 12.0)
    assert local[4][1] == "2026-11-25T00:03:00+01:00"


def test_the_default_minutes_the_view_uses_follow_the_config(focus, home: Paths):
    focus("log", "email", "--date", DAY, "--at", "9")
    assert rows(home.db_file, "SELECT minutes FROM interruptions") == [(5.0,)]
    home.config_file.write_text("[interruptions]\nemail = 3\n")
    focus("report", DAY)  # any command with the new config saves its minutes
    assert rows(home.db_file, "SELECT minutes FROM interruption_minutes WHERE kind = 'email'") == [(3,)]
    assert rows(home.db_file, "SELECT minutes FROM interruptions") == [(3.0,)]


def test_every_view_carries_local_time_across_the_clock_change(focus, home: Paths):
    day = ("--date", "2026-10-25", "--at")
    focus("plan", "add", "01:00-04:00", "calls", "Night calls", "--date", "2026-10-25", now="2026-10-24T20:00")
    focus("count", "call", *day, "01:30", now="2026-10-25T12:00")  # summer time: +02:00
    focus("count", "call", *day, "03:30", now="2026-10-25T12:00")  # winter time: +01:00
    assert rows(home.db_file, "SELECT at_local FROM live_events WHERE type = 'outcome' ORDER BY at") == [
        ("2026-10-25T01:30:00+02:00",),
        ("2026-10-25T03:30:00+01:00",),
    ]
    assert rows(home.db_file, "SELECT date, start, planned_at_local FROM blocks") == [
        ("2026-10-25", "01:00", "2026-10-24T20:00:00+02:00")
    ]
    assert rows(home.db_file, "SELECT day, outcome, count FROM day_outcomes") == [("2026-10-25", "call", 2)]
    assert rows(home.db_file, "SELECT day, calls FROM day_summary") == [("2026-10-25", 2)]  # a block's day: its date


def test_a_database_from_before_gets_its_offsets_once(tmp_path):
    """Migration 4 on a schema-3 file: every event gets its offset, the views read them."""
    db = tmp_path / "focus.db"
    with Store(db) as store:
        tracker = Tracker(
            store,
            focus_config(Paths(tmp_path / "c.toml", tmp_path)),
            Clock.fixed("Europe/Stockholm", "2026-07-01T12:00"),
        )
        tracker.count("call", tracker.clock.now_ms())
    with sqlite3.connect(db) as conn:  # back to a schema-3 file: no offsets, no minutes table, version 3
        for (view,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
            conn.execute(f"DROP VIEW {view}")
        conn.execute("ALTER TABLE events DROP COLUMN utc_offset")
        conn.execute("DROP TABLE interruption_minutes")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_local_times'")
        conn.execute("PRAGMA user_version = 3")
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION  # 4 and what came after
    assert rows(db, "SELECT at_local FROM live_events") == [("2026-07-01T12:00:00+02:00",)]


def focus_config(home: Paths):
    from focus.store import config_file

    return config_file.load(home.config_file)


def test_the_screen_and_the_sources_keep_the_views_minutes_in_step(tmp_path):
    """`focus watch` and the workday screen save the config's default minutes too (not only the CLI)."""
    import asyncio

    from focus.core import config
    from focus.sources.runner import Runner
    from tests.source_helpers import Lines, wait_until
    from tests.tui_helpers import make_app, settle

    paths = Paths(tmp_path / "config.toml", tmp_path)
    clock = Clock.fixed("Europe/Stockholm", f"{DAY}T10:00")
    with Store(paths.db_file):
        pass

    def minutes() -> dict[str, int]:
        return dict(rows(paths.db_file, "SELECT kind, minutes FROM interruption_minutes"))

    runner = Runner(paths, config.parse({"interruptions": {"email": 4}}, None), clock, Lines())
    runner.start()
    try:
        wait_until(lambda: minutes()["email"] == 4, what="the sources to save email = 4")
    finally:
        runner.stop()
    with Store(paths.db_file) as store:
        tracker = Tracker(store, config.parse({"interruptions": {"email": 7}}, None), clock)

        async def run_the_screen() -> None:
            async with make_app(tracker).run_test() as pilot:
                await settle(pilot)

        asyncio.run(run_the_screen())
    assert minutes()["email"] == 7
