"""A calendar invite cannot flood the database (issue 10): events that recur more than once a day,
last longer than a day, end before they start, recur from too far back or have too many occurrences
are refused by name, the file's good events are still planned, a day keeps at most 48 calendar
blocks, and the window is at most 366 days. Through the real ``focus`` process, each within 2 s of
CPU time and 100 MB of memory."""

from __future__ import annotations

import datetime as dt
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focus.core import calendar_limits, config
from focus.core.errors import FocusError
from focus.sources import calendar
from focus.sources.calendar import CalendarSource
from tests.test_calendar import ZONE, event_rows, ics, make_tracker, planned, vevent, write

FOCUS_SCRIPT = Path(sys.executable).parent / "focus"
CPU_SECONDS = 2.0  # the budget of one import, however the file is made
MAX_RSS_MB = 100
KILL_AFTER_SECONDS = 10.0  # a flood (229 s, 3.5 GB before the limits) is ended here: the test fails
ADDRESS_SPACE = 2 << 30  # nor can a flood take the machine's memory while it fails
# the child runs with its address space bounded, then becomes focus (the same process: its rusage)
BOUNDED = (
    "import os, resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({0}, {0})); os.execv(sys.argv[1], sys.argv[1:])"
)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    cpu_seconds: float
    max_rss_mb: float
    wall_seconds: float


def focus(home: Path, *args: str) -> Run:
    """The real console script in ``home``, measured: its exit code, output, CPU time and max RSS
    (from wait4, the child's own rusage); killed after ``KILL_AFTER_SECONDS``."""
    env = {**os.environ, "FOCUS_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    out, err = home / "stdout.txt", home / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        began = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", BOUNDED.format(ADDRESS_SPACE), str(FOCUS_SCRIPT), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )
    killer = threading.Timer(KILL_AFTER_SECONDS, process.kill)
    killer.start()
    try:
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    finally:
        killer.cancel()
        if process.returncode is None:
            process.kill()
            process.wait(timeout=10)
    wall = time.monotonic() - began
    return Run(
        process.returncode,
        out.read_text(encoding="utf-8"),
        err.read_text(encoding="utf-8"),
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,  # KiB on Linux
        wall,
    )


def within_budget(run: Run) -> None:
    assert run.wall_seconds < KILL_AFTER_SECONDS, f"killed after {run.wall_seconds:.1f} s; stderr: {run.stderr}"
    assert run.cpu_seconds < CPU_SECONDS, f"{run.cpu_seconds:.2f} s of CPU"
    assert run.max_rss_mb < MAX_RSS_MB, f"{run.max_rss_mb:.0f} MB max RSS"
    assert "Traceback" not in run.stderr


def tomorrow() -> dt.date:
    """Tomorrow in the home's zone: inside the window even if the day turns during the test."""
    return dt.datetime.now(ZoneInfo(ZONE)).date() + dt.timedelta(days=1)


def at(day: dt.date, clock: str) -> str:
    return f"{day:%Y%m%d}T{clock}"


def timed(uid: str, summary: str, lines: str, start: str | None = None) -> str:
    """A VEVENT starting tomorrow at 10:00 (or ``start``), with its length and rule in ``lines``."""
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261120T120000Z\nDTSTART;TZID={ZONE}:{start or at(tomorrow(), '100000')}\n"
        f"{lines}SUMMARY:{summary}\nEND:VEVENT\n"
    )


def good() -> str:
    return vevent("good@x", at(tomorrow(), "140000"), at(tomorrow(), "150000"), "Visit Acme")


def block_rows(home: Path) -> int:
    if not (home / "focus.db").exists():
        return 0
    with sqlite3.connect(home / "focus.db") as conn:
        return int(conn.execute("SELECT count(*) FROM events WHERE type = 'block'").fetchone()[0])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "config.toml").write_text(f'timezone = "{ZONE}"\n', encoding="utf-8")
    return tmp_path


SECONDS = ",".join(str(n) for n in range(60))
FLOODS = {
    "secondly": (
        timed("flood@x", "Flood", "DURATION:PT30M\nRRULE:FREQ=SECONDLY\n"),
        "refused event 'flood@x' 'Flood': it recurs every second (RRULE FREQ=SECONDLY)",
    ),
    "minutely": (
        timed("flood@x", "Flood", "DURATION:PT30M\nRRULE:FREQ=MINUTELY\n"),
        "refused event 'flood@x' 'Flood': it recurs every minute (RRULE FREQ=MINUTELY)",
    ),
    "hourly": (
        timed("flood@x", "Flood", "DURATION:PT30M\nRRULE:FREQ=HOURLY;INTERVAL=2\n"),
        "refused event 'flood@x' 'Flood': it recurs every 2 hours (RRULE FREQ=HOURLY)",
    ),
    "bysecond-400-days": (
        timed("flood@x", "Flood", f"DURATION:P400D\nRRULE:FREQ=DAILY;BYSECOND={SECONDS}\n", start="20251027T100000"),
        "refused event 'flood@x' 'Flood': it recurs 60 times a day (RRULE BYSECOND=0,1,2,3,…)",
    ),
    "byhour-and-minute": (
        timed("flood@x", "Flood", "DURATION:PT5M\nRRULE:FREQ=WEEKLY;BYHOUR=9,12;BYMINUTE=0,30\n"),
        "refused event 'flood@x' 'Flood': it recurs 4 times a day (RRULE BYHOUR=9,12;BYMINUTE=0,30)",
    ),
    "400-days-long": (
        timed("long@x", "Conference", "DURATION:P400D\n"),
        "refused event 'long@x' 'Conference': it lasts 400 days; a calendar event becomes a block only if "
        "it lasts a day or less",
    ),
    "ends-before-it-starts": (
        timed("back@x", "Backwards", f"DTEND;TZID={ZONE}:{at(tomorrow(), '090000')}\n"),
        "refused event 'back@x' 'Backwards': it ends before it starts",
    ),
    "daily-since-year-1": (
        timed("old@x", "Ancient", "DURATION:PT30M\nRRULE:FREQ=DAILY\n", start="00010101T100000"),
        "refused event 'old@x' 'Ancient': it recurs from 0001-01-01: about",
    ),
    "rdate-flood": (
        timed(
            "rdates@x",
            "Many dates",
            "DURATION:PT1M\nRDATE:"
            + ",".join(f"{at(tomorrow(), f'{10 + m // 60:02d}{m % 60:02d}00Z')}" for m in range(1, 451))
            + "\n",
        ),
        f"refused event 'rdates@x' 'Many dates': it has more than {calendar_limits.MAX_OCCURRENCES} occurrences",
    ),
    "never-setpos": (  # found by the fuzz suite: a rule that never occurs was searched for until 9999
        timed("never@x", "Never", "DURATION:PT30M\nRRULE:FREQ=DAILY;BYSETPOS=2\n"),
        "refused event 'never@x' 'Never': its RRULE has BYSETPOS=2, beyond the 1 day a period offers",
    ),
    "never-february-30": (
        timed("feb@x", "Feb 30", "DURATION:PT30M\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n"),
        "refused event 'feb@x' 'Feb 30': its RRULE has BYMONTHDAY=30 in BYMONTH=2: a day no such month has",
    ),
    "out-of-range": (
        timed("range@x", "Range", "DURATION:PT30M\nRRULE:FREQ=DAILY;BYMONTHDAY=-386,372\n"),
        "refused event 'range@x' 'Range': its RRULE has BYMONTHDAY=-386, outside 1–31 (or its negative)",
    ),
    "control-characters": (
        timed("\x1b]0;pwned\x07@x", "\x1b[31mRed\u202eevil\x00", "DURATION:PT30M\nRRULE:FREQ=MINUTELY\n"),
        "refused event ']0;pwned @x' '[31mRed evil': it recurs every minute",
    ),
}


@pytest.mark.skipif(not FOCUS_SCRIPT.exists(), reason="the focus console script is not installed next to python")
@pytest.mark.parametrize("case", FLOODS)
def test_a_flood_event_is_refused_by_name_and_the_good_one_is_planned(home, case):
    flood, refusal = FLOODS[case]
    file = write(home / "invite.ics", ics(flood, good()))
    run = focus(home, "plan", "import", str(file))
    within_budget(run)
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == [f"calendar: planned {tomorrow()} 14:00–15:00 visits 'Visit Acme'"]
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"problem: calendar {file}: {refusal}"), line
    assert all(c.isprintable() for c in line)
    assert block_rows(home) == 1


@pytest.mark.skipif(not FOCUS_SCRIPT.exists(), reason="the focus console script is not installed next to python")
def test_a_file_of_nothing_but_a_flood_is_one_line_exit_2_and_nothing_written(home):
    file = write(home / "invite.ics", ics(FLOODS["secondly"][0]))
    run = focus(home, "plan", "import", str(file))
    within_budget(run)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        f"focus: calendar {file}: no event could be used: refused event 'flood@x' 'Flood': it recurs every second "
        "(RRULE FREQ=SECONDLY); calendar events may recur at most once a day"
    ]
    assert block_rows(home) == 0


@pytest.mark.skipif(not FOCUS_SCRIPT.exists(), reason="the focus console script is not installed next to python")
def test_a_crowded_day_keeps_its_first_48_blocks(home):
    day = tomorrow()
    events = [
        vevent(f"e{n}@x", at(day, f"{6 + n // 4:02d}{n % 4 * 15:02d}00"), at(day, f"{7 + n // 4:02d}0000"), f"E{n}")
        for n in range(60)
    ]
    file = write(home / "crowded.ics", ics(*events))
    run = focus(home, "plan", "import", str(file))
    within_budget(run)
    assert run.code == 0, run.stderr
    assert len(run.stdout.splitlines()) == 48
    assert run.stderr.splitlines() == [
        f"problem: calendar {file}: {day} has 60 events, more than 48 a day: left out 12, from 18:00 'E48' on"
    ]
    assert block_rows(home) == 48


@pytest.mark.skipif(not FOCUS_SCRIPT.exists(), reason="the focus console script is not installed next to python")
@pytest.mark.parametrize("days", [1_000_000_000, 367])
def test_a_window_beyond_366_days_is_refused_by_config_check_and_plan_import(home, days):
    config_file = home / "config.toml"
    config_file.write_text(f'timezone = "{ZONE}"\n[sources.calendar]\ndays = {days}\n', encoding="utf-8")
    refusal = (
        f"focus: config {config_file}: sources.calendar.days: must be a whole number of days from 1 to 366, not {days}"
    )
    check = focus(home, "config", "check")
    assert (check.code, check.stdout, check.stderr.splitlines()) == (2, "", [refusal])
    file = write(home / "invite.ics", ics(good()))
    imported = focus(home, "plan", "import", str(file))
    within_budget(imported)
    assert (imported.code, imported.stdout, imported.stderr.splitlines()) == (2, "", [refusal])
    assert block_rows(home) == 0


def test_a_year_ahead_is_the_most_the_config_takes():
    parsed = config.parse({"timezone": ZONE, "sources": {"calendar": {"days": 366}}}, None)
    assert parsed.calendar_days == config.MAX_CALENDAR_DAYS == 366
    with pytest.raises(FocusError, match="from 1 to 366, not 367"):
        config.parse({"timezone": ZONE, "sources": {"calendar": {"days": 367}}}, None)


def test_a_whole_year_of_a_daily_event_is_read_within_the_limits(tmp_path):
    cfg = config.parse({"timezone": ZONE, "sources": {"calendar": {"days": 366}}}, None)
    tracker = make_tracker(tmp_path, cfg)
    file = write(
        tmp_path / "daily.ics",
        ics(vevent("d@x", "20200101T080000", "20200101T083000", "Standup", "RRULE:FREQ=DAILY\n")),
    )
    lines = calendar.sync(tracker, file)
    assert len(lines) == 366 and not [line for line in lines if line.startswith("problem")]
    tracker.store.close()


# -- the calendar source: said once per change of the file, not once per poll ----------------------

FLOOD_NOW = "20261127T100000"  # the day of NOW in tests.test_calendar


def flood_file(path: Path, summary: str = "Flood") -> Path:
    # every minute, not every second: were the limits gone, this test would fail in seconds, not hang
    flood = timed("flood@x", summary, "DURATION:PT30M\nRRULE:FREQ=MINUTELY\n", start=FLOOD_NOW)
    return write(path, ics(flood, vevent("good@x", "20261127T140000", "20261127T150000", "Visit Acme")))


def test_a_sync_refuses_the_flood_once_per_change_of_the_file(tmp_path):
    file = flood_file(tmp_path / "work.ics")
    cache: calendar.Cache = {}
    tracker = make_tracker(tmp_path)
    refusal = (
        f"problem: calendar {file}: refused event 'flood@x' 'Flood': it recurs every minute (RRULE FREQ=MINUTELY); "
        "calendar events may recur at most once a day"
    )
    assert calendar.sync(tracker, file, cache) == [
        "calendar: planned 2026-11-27 14:00–15:00 visits 'Visit Acme'",
        refusal,
    ]
    assert calendar.sync(tracker, file, cache) == []  # the next poll
    next_day = make_tracker(tmp_path, now="2026-11-28T00:00:01")  # the window moves on: the file is read again
    assert calendar.sync(next_day, file, cache) == []
    flood_file(file, summary="Flood again")
    assert calendar.sync(next_day, file, cache) == [refusal.replace("'Flood'", "'Flood again'")]
    assert planned(next_day, dt.date(2026, 11, 27)) == [("14:00", "15:00", "visits", "Visit Acme")]
    assert event_rows(tmp_path) == 1  # the good block, nothing more
    tracker.store.close()
    next_day.store.close()


def test_the_source_announces_the_refusal_and_records_the_good_event(tmp_path):
    file = flood_file(tmp_path / "work.ics")
    said: queue.Queue[str] = queue.Queue()
    source = CalendarSource(file, lambda: make_tracker(tmp_path), said.put)
    try:
        source.start()
        assert said.get(timeout=5) == "calendar: planned 2026-11-27 14:00–15:00 visits 'Visit Acme'"
        assert said.get(timeout=5).startswith(f"problem: calendar {file}: refused event 'flood@x' 'Flood'")
    finally:
        source.stop()
    check = make_tracker(tmp_path)
    assert planned(check) == [("14:00", "15:00", "visits", "Visit Acme")]
    assert event_rows(tmp_path) == 1
    check.store.close()


def test_a_vdir_day_keeps_48_blocks_and_says_so_once(tmp_path):
    folder = tmp_path / "calendar"
    folder.mkdir()
    for n in range(50):
        write(folder / f"e{n}.ics", ics(vevent(f"e{n}", "20261127T080000", "20261127T090000", f"E{n:02d}")))
    tracker = make_tracker(tmp_path)
    cache: calendar.Cache = {}
    lines = calendar.sync(tracker, folder, cache)
    assert lines[-1] == (
        f"problem: calendar {folder}: 2026-11-27 has 50 events, more than 48 a day: left out 2, from 08:00 'E48' on"
    )
    assert len(lines) == 49 and len(planned(tracker)) == 48
    assert calendar.sync(tracker, folder, cache) == []
    tracker.store.close()


@pytest.mark.parametrize(
    "text, expected",
    [("plain", "'plain'"), ("a\nb\tc", "'a b c'"), ("\x1b[2J\u202eX\x00", "'[2J X'"), ("x" * 70, repr("x" * 59 + "…"))],
)
def test_a_summary_is_shown_without_control_characters(text, expected):
    assert calendar_limits.shown(text) == expected


@pytest.mark.parametrize(
    "rule, refused",
    [
        ({"FREQ": ["DAILY"]}, None),
        ({"FREQ": ["DAILY"], "BYHOUR": [9]}, None),
        ({"FREQ": ["HOURLY"], "INTERVAL": [24]}, "every 24 hours"),
        ({"FREQ": ["DAILY"], "BYMINUTE": [0, 30]}, "2 times a day"),
    ],
)
def test_rule_problem(rule, refused):
    problem = calendar_limits.rule_problem(rule)
    assert problem == refused if refused is None else refused in (problem or "")


def test_rule_work_counts_from_the_start_to_the_window_or_until():
    end = dt.date(2026, 12, 31)
    assert calendar_limits.rule_work({"FREQ": ["YEARLY"]}, dt.date(1, 1, 1), end) == 2028  # years of 365 days
    assert calendar_limits.rule_work({"FREQ": ["DAILY"]}, dt.date(2026, 1, 1), end) == 364
    assert calendar_limits.rule_work({"FREQ": ["DAILY"], "COUNT": [10]}, dt.date(1, 1, 1), end) == 10
    until = {"FREQ": ["DAILY"], "UNTIL": [dt.datetime(2026, 1, 11, tzinfo=dt.UTC)]}
    assert calendar_limits.rule_work(until, dt.date(2026, 1, 1), end) == 10
    weekdays = {"FREQ": ["WEEKLY"], "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}
    assert calendar_limits.rule_work(weekdays, dt.date(2026, 1, 1), end) == 52 * 5 + 5
    assert calendar_limits.rule_work({"FREQ": ["MONTHLY"], "BYDAY": ["MO"]}, dt.date(2026, 1, 1), end) == 13 * 5


def test_a_file_keeps_to_48_occurrences_a_day_of_the_span_and_names_where_it_stopped(tmp_path):
    daily = [vevent(f"d{n}@x", "20261101T080000", "20261101T083000", f"D{n}", "RRULE:FREQ=DAILY\n") for n in range(49)]
    file = write(tmp_path / "many.ics", ics(*daily))
    tracker = make_tracker(tmp_path)
    lines = calendar.sync(tracker, file)
    assert lines[-1] == (
        f"problem: calendar {file}: more than 48 events a day on average in the 16 days read: "
        "event 'd48@x' 'D48' and the events after it were not read"
    )
    assert len(lines) == 48 * 14 + 1 and len(planned(tracker)) == 48
    tracker.store.close()


def test_the_events_that_recur_from_furthest_back_are_refused_first(tmp_path, monkeypatch):
    monkeypatch.setattr(calendar_limits, "MAX_FILE_RULE_WORK", 1100)  # three of the four
    old = [
        vevent(f"o{n}@x", f"202601{n + 1:02d}T080000", f"202601{n + 1:02d}T083000", f"O{n}", "RRULE:FREQ=DAILY\n")
        for n in range(4)
    ]
    file = write(tmp_path / "old.ics", ics(*old))
    tracker = make_tracker(tmp_path)
    problems = [line for line in calendar.sync(tracker, file) if line.startswith("problem")]
    assert problems == [
        f"problem: calendar {file}: refused event 'o0@x' 'O0': it recurs from 2026-01-01: about 345 occurrences up "
        "to the window, and the file's events together have more than 1,100"
    ]
    assert [title for *_, title in planned(tracker)] == ["O1", "O2", "O3"]
    tracker.store.close()
