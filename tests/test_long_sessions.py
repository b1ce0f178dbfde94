"""A session left running over more than one midnight (started on Friday, stopped on Monday) is found
however old it is, and every day counts its part (DESIGN §3 rule 10): the day report, the week (its
per-day cache too), `focus stop`, `focus start` and the workday screen. Dates: Fri 2026-11-27 … Mon
2026-11-30 (a normal weekend) and the weekends of the clock changes in Europe/Stockholm."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from focus.core import config, events
from focus.core.clock import Clock, local_ms, zone
from focus.core.model import Event
from focus.store.database import Store
from focus.store.version import SCHEMA_VERSION
from focus.tracking import Tracker
from tests.tui_helpers import make_app, press, settle

HOUR = 3600
FRI, SAT, SUN, MON = "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"
TZ = zone("Europe/Stockholm")


def friday_session(focus) -> None:
    focus("plan", "add", "16:00-17:00", "calls", "Friday list", "--date", FRI)
    focus("start", "--date", FRI, "--at", "16:00", now=f"{FRI}T16:00")


def proactive(focus, day: str, now: str) -> int:
    return focus.json("report", day, now=now)["seconds"]["proactive"]


def week_days(focus, week: str, now: str) -> dict[str, dict]:
    return {day["date"]: day for day in focus.json("week", week, now=now)["days"]}


def test_focus_stop_on_monday_finds_fridays_session_and_says_how_long_it_ran(focus):
    friday_session(focus)
    result = focus("stop", "--date", MON, "--at", "9:00", now="2026-11-30T10:00")
    lines = result.stdout.splitlines()
    assert lines[0] == "stopped calls at 09:00 after 65h00"
    assert lines[1] == (
        "note: it had run since Fri 27 Nov 16:00; if you forgot to stop it: "
        "focus undo, then focus stop --date 2026-11-27 --at HH:MM"
    )
    # and every day counts its part: 8 h on Friday, two whole days, 9 h on Monday
    now = "2026-11-30T12:00"
    assert [proactive(focus, day, now) for day in (FRI, SAT, SUN, MON)] == [8 * HOUR, 24 * HOUR, 24 * HOUR, 9 * HOUR]
    assert focus.json("report", MON, now=now)["seconds"]["untracked"] == 3 * HOUR  # 09:00-12:00: 08-09 was tracked


def test_a_short_session_across_one_midnight_has_no_note(focus):
    focus("plan", "add", "23:00-23:59", "calls", "--date", FRI)
    focus("start", "--date", FRI, "--at", "23:30", now=f"{FRI}T23:30")
    result = focus("stop", "--date", SAT, "--at", "0:30", now="2026-11-28T01:00")
    assert result.stdout == "stopped calls at 00:30 after 1h00\n"


def test_the_open_session_counts_up_to_now_on_every_day_and_the_last_is_running(focus):
    friday_session(focus)
    now = "2026-11-30T08:30"
    reports = [focus.json("report", day, now=now) for day in (FRI, SAT, SUN, MON)]
    assert [r["seconds"]["proactive"] for r in reports] == [8 * HOUR, 24 * HOUR, 24 * HOUR, 8 * HOUR + 30 * 60]
    assert reports[0]["blocks"][0]["state"] == "running"


def test_the_week_after_a_monday_stop_shows_every_day_right_though_it_was_read_before(focus):
    friday_session(focus)
    before = week_days(focus, "2026-W48", now="2026-11-29T20:00")  # read (and cached) while it runs
    assert [before[d]["seconds"]["proactive"] for d in (FRI, SAT, SUN)] == [8 * HOUR, 24 * HOUR, 20 * HOUR]
    focus("stop", "--date", MON, "--at", "9:00", now="2026-11-30T10:00")
    for now in ("2026-12-01T12:00", "2026-12-02T12:00"):  # the second read comes from the cache
        after = week_days(focus, "2026-W48", now=now) | week_days(focus, "2026-W49", now=now)
        assert [after[d]["seconds"]["proactive"] for d in (FRI, SAT, SUN, MON)] == [
            8 * HOUR,
            24 * HOUR,
            24 * HOUR,
            9 * HOUR,
        ]
        assert after[FRI]["plan"]["kept"] == 1 and after[FRI]["plan"]["running"] == 0
        assert after["2026-12-01"]["seconds"]["tracked"] == 0


def test_undoing_fridays_stop_makes_a_cached_empty_weekend_count(focus):
    """The undo lies on Friday: the trigger alone would clear only Thursday to Saturday."""
    friday_session(focus)
    focus("stop", "--date", FRI, "--at", "17:00", now=f"{FRI}T17:00")
    now = "2026-12-01T12:00"
    quiet = week_days(focus, "2026-W48", now=now)  # cached: an empty weekend
    assert [quiet[d]["seconds"]["proactive"] for d in (FRI, SAT, SUN)] == [HOUR, 0, 0]
    focus("undo", "--any-day", now=now)
    focus("stop", "--date", "2026-12-01", "--at", "10:00", now=now)
    days = week_days(focus, "2026-W48", now=now) | week_days(focus, "2026-W49", now=now)
    expected = [8 * HOUR, 24 * HOUR, 24 * HOUR, 24 * HOUR, 10 * HOUR]
    dates = (FRI, SAT, SUN, MON, "2026-12-01")
    assert [days[d]["seconds"]["proactive"] for d in dates] == expected
    assert [proactive(focus, d, now) for d in dates] == expected  # the day report agrees


def test_a_late_stop_on_saturday_corrects_the_cached_sunday_and_monday(focus):
    """The stop lies on Saturday: the trigger alone would clear only Friday to Sunday."""
    focus("plan", "add", "16:00-17:00", "calls", "--date", "2026-11-26")
    focus("start", "--date", "2026-11-26", "--at", "16:00", now="2026-11-26T16:00")
    focus("stop", "--date", MON, "--at", "9:00", now="2026-11-30T10:00")
    now = "2026-12-02T12:00"
    dates = ("2026-11-26", FRI, SAT, SUN, MON)
    cached = week_days(focus, "2026-W48", now=now) | week_days(focus, "2026-W49", now=now)
    assert [cached[d]["seconds"]["proactive"] for d in dates] == [8 * HOUR, 24 * HOUR, 24 * HOUR, 24 * HOUR, 9 * HOUR]
    focus("stop", "--date", SAT, "--at", "10:00", now=now)  # it really ended on Saturday morning
    days = week_days(focus, "2026-W48", now=now) | week_days(focus, "2026-W49", now=now)
    assert [days[d]["seconds"]["proactive"] for d in dates] == [8 * HOUR, 24 * HOUR, 10 * HOUR, 0, 0]
    assert [proactive(focus, d, now) for d in dates] == [8 * HOUR, 24 * HOUR, 10 * HOUR, 0, 0]


def test_starting_a_block_on_monday_ends_fridays_session_there(focus):
    friday_session(focus)
    focus("plan", "add", "9:00-10:00", "visits", "Acme", "--date", MON)
    focus("start", "--date", MON, "--at", "9:00", now="2026-11-30T09:00")
    now = "2026-11-30T12:00"
    monday = focus.json("report", MON, now=now)
    assert monday["seconds"]["proactive"] == 9 * HOUR + 3 * HOUR  # 00:00-09:00 calls, 09:00-12:00 the visit
    assert [b["state"] for b in monday["blocks"]] == ["running"]
    assert focus.json("report", FRI, now=now)["blocks"][0]["worked_seconds"] == 65 * HOUR


def test_a_session_forgotten_for_a_month_is_still_found(focus):
    focus("plan", "add", "16:00-17:00", "calls", "--date", "2026-10-01")
    focus("start", "--date", "2026-10-01", "--at", "16:00")
    focus("log", "email", "--date", "2026-10-20", "--at", "10:00", "--minutes", "30")  # other events between
    now = "2026-11-24T12:00"
    report = focus.json("report", "2026-11-24", now=now)
    assert report["seconds"]["proactive"] == 12 * HOUR
    result = focus("stop", now=now)
    assert result.stdout.startswith("stopped calls at 12:00 after 1293h00\n")
    assert proactive(focus, "2026-10-20", now) == 24 * HOUR - 30 * 60


@pytest.mark.parametrize(
    "saturday, sunday, sunday_hours",
    [("2026-03-28", "2026-03-29", 23), ("2026-10-24", "2026-10-25", 25)],
)
def test_a_weekend_with_a_clock_change_counts_its_23_or_25_hours(focus, saturday, sunday, sunday_hours):
    monday = (dt.date.fromisoformat(sunday) + dt.timedelta(days=1)).isoformat()
    focus("plan", "add", "20:00-21:00", "calls", "--date", saturday)
    focus("start", "--date", saturday, "--at", "20:00")
    focus("stop", "--date", monday, "--at", "8:00", now=f"{monday}T09:00")
    now = f"{monday}T12:00"
    assert [proactive(focus, day, now) for day in (saturday, sunday, monday)] == [
        4 * HOUR,
        sunday_hours * HOUR,
        8 * HOUR,
    ]
    week = week_days(focus, saturday, now=now)
    assert [week[d]["seconds"]["proactive"] for d in (saturday, sunday)] == [4 * HOUR, sunday_hours * HOUR]


# -- the store's answer: the session still open when a day begins -------------------------------------


def session_event(kind: str, day: str, hhmm: str, tracker: Tracker) -> Event:
    at = local_ms(dt.date.fromisoformat(day), dt.time.fromisoformat(hhmm), TZ)
    payload = events.session_start_payload(None, "calls") if kind == events.SESSION_START else {}
    return tracker.make_event(kind, at, payload)


@pytest.fixture
def tracker(tmp_path):
    return Tracker(Store(tmp_path / "focus.db"), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-12-01T12:00"))


def test_the_store_answers_the_session_running_into_and_out_of_a_range(tracker):
    store = tracker.store
    start = session_event(events.SESSION_START, FRI, "16:00", tracker)
    store.append(start)
    assert store.sessions_beyond(SAT, SAT) == [start] == store.sessions_beyond(MON, MON)
    assert store.sessions_beyond(FRI, FRI) == []
    stop = session_event(events.SESSION_STOP, MON, "09:00", tracker)
    store.append(stop)
    assert store.sessions_beyond(SAT, SUN) == [start, stop]  # it runs into the range, and out of it
    assert store.sessions_beyond(FRI, FRI) == [stop]  # what ends Friday's session
    assert store.sessions_beyond("2026-12-01", "2026-12-01") == []  # the newest is a stop: nothing runs
    store.append(tracker.make_event(events.UNDO, stop.at, {}, day=stop.day, ref=stop.id))
    assert store.sessions_beyond(SAT, SUN) == [start]  # the stop does not exist any more
    assert store.sessions_beyond("2026-12-01", "2026-12-01") == [start]


def test_a_stop_and_a_start_at_one_instant_leave_the_start_open(tracker):
    """An auto-stop at a block's end and the next block's auto-start share their instant."""
    stop = session_event(events.SESSION_STOP, FRI, "17:00", tracker)
    start = session_event(events.SESSION_START, FRI, "17:00", tracker)
    tracker.store.append_many([start, stop])
    assert tracker.store.sessions_beyond(SAT, SAT) == [start]


def test_the_lookup_is_one_index_search(tracker):
    """However many other events there are, the lookup walks the sessions' own index, not the log."""
    sent: list[str] = []
    tracker.store.conn.set_trace_callback(sent.append)
    tracker.store.sessions_beyond(SAT, SUN)
    tracker.store.conn.set_trace_callback(None)
    queries = [sql for sql in sent if sql.startswith("SELECT")]
    assert len(queries) == 2
    for sql in queries:
        details = [row[-1] for row in tracker.store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        assert any("USING INDEX events_sessions_by_day" in d for d in details), details
        assert not any(d.startswith("SCAN") for d in details), details


def test_a_version_4_database_loses_its_day_cache_on_upgrade(tmp_path):
    """Figures cached by older versions may miss a session that crossed two midnights."""
    from sqlite_utils import Database

    from focus.store import schema

    path = tmp_path / "focus.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrations.apply(Database(conn), stop_before="m005_sessions_by_day")
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO day_cache (day, key, data) VALUES ('2026-11-29', 'k', '[]')")
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.conn.execute("SELECT count(*) FROM day_cache").fetchone()[0] == 0
        assert store.check() == []


# -- the workday screen ----------------------------------------------------------------------------------


async def test_the_screen_on_monday_sees_fridays_session_and_space_stops_it(tmp_path):
    friday = Tracker(
        Store(tmp_path / "focus.db"), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-27T16:00")
    )
    from focus.core.plan import PlannedBlock

    friday.plan([PlannedBlock(dt.date(2026, 11, 27), dt.time(16), dt.time(17), "calls", "Friday list")])
    friday.start(friday.clock.now_ms())
    friday.plan([PlannedBlock(dt.date(2026, 11, 30), dt.time(10), dt.time(11), "calls", "Monday list")])
    monday = Tracker(
        Store(tmp_path / "focus.db"), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-30T08:30")
    )
    app = make_app(monday)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.workday.summary.running_session is not None
        assert app.workday.summary.totals["proactive"] == (8 * HOUR + 30 * 60) * 1000
        assert any("running since Fri 27 Nov 16:00" in n.message for n in app._notifications)
        await press(pilot, "space")
        assert app.workday.summary.running_session is None
    session = monday.day(dt.date(2026, 11, 30)).sessions[0]
    assert session.end - session.start == (64 * HOUR + 30 * 60) * 1000
