"""The calendar source: .ics files (a vdir folder or one file) planned as blocks, kept in step."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import queue
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from watchdog.observers import Observer

from focus.cli import Services, cli
from focus.core import config
from focus.core.clock import Clock
from focus.core.errors import FocusError
from focus.core.plan import PlannedBlock
from focus.sources import calendar
from focus.sources.calendar import CalendarSource
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from tests.source_helpers import wait_until

ZONE = "Europe/Stockholm"
NOW = "2026-11-27T08:00"  # a Friday; the window is 2026-11-27 … 2026-12-10
TODAY = dt.date(2026, 11, 27)


def vevent(uid: str, start: str, end: str, summary: str, extra: str = "", tz: str = ZONE) -> str:
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20261120T120000Z\nDTSTART;TZID={tz}:{start}\n"
        f"DTEND;TZID={tz}:{end}\nSUMMARY:{summary}\n{extra}END:VEVENT\n"
    )


def ics(*parts: str, head: str = "") -> str:
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//focus tests//EN\n" + head + "".join(parts) + "END:VCALENDAR\n"


def write(path: Path, text: str) -> Path:
    """As calendar programs write: CRLF lines, saved through a temporary file and a rename."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(text.replace("\n", "\r\n").encode())
    os.replace(temp, path)
    return path


def make_tracker(tmp_path: Path, cfg: config.Config | None = None, now: str = NOW, source: str = "calendar") -> Tracker:
    return Tracker(
        Store(tmp_path / "focus.db"),
        cfg or config.parse({"timezone": ZONE}, None),
        Clock.fixed(ZONE, now),
        source=source,
        device="test",
    )


@contextlib.contextmanager
def watching(source: CalendarSource):
    """The source started under a real observer; both stopped (bounded) at the end."""
    observer = Observer()
    source.schedule(observer)
    observer.start()
    try:
        source.start()
        yield
    finally:
        observer.stop()
        observer.join(timeout=5)
        source.stop()


def planned(tracker: Tracker, date: dt.date = TODAY) -> list[tuple[str, str, str, str]]:
    return [(b.start_text, b.end_text, b.category, b.title) for b in tracker.day(date).blocks]


def event_rows(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "focus.db") as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    folder = tmp_path / "calendar"
    folder.mkdir()
    return folder


@pytest.fixture
def tracker(tmp_path: Path):
    tracker = make_tracker(tmp_path)
    yield tracker
    tracker.store.close()


def test_a_vdir_of_two_events_becomes_two_blocks_by_rule_and_default(vdir, tracker):
    write(vdir / "acme.ics", ics(vevent("acme@x", "20261127T090000", "20261127T103000", "Kundbesök Acme AB")))
    write(vdir / "team.ics", ics(vevent("team@x", "20261127T130000", "20261127T133000", "Team meeting")))
    (vdir / ".hidden.ics").write_text("not even a calendar")
    (vdir / "notes.txt").write_text("ignored too")
    lines = calendar.sync(tracker, vdir)
    assert lines == [
        "calendar: planned 2026-11-27 09:00–10:30 visits 'Kundbesök Acme AB'",
        "calendar: planned 2026-11-27 13:00–13:30 internal 'Team meeting'",
    ]
    assert planned(tracker) == [
        ("09:00", "10:30", "visits", "Kundbesök Acme AB"),
        ("13:00", "13:30", "internal", "Team meeting"),
    ]
    blocks = tracker.day(TODAY).blocks
    assert {b.source for b in blocks} == {"calendar"}
    assert blocks[0].id == calendar.block_id("acme@x") and blocks[0].id.startswith("c") and not blocks[0].id.isdigit()


def test_rules_match_categories_and_an_empty_default_skips_the_rest(vdir, tmp_path):
    cfg = config.parse(
        {
            "timezone": ZONE,
            "sources": {
                "calendar": {
                    "rules": [{"match": "(?i)^sales$", "category": "calls"}, {"match": "Lunch", "category": "lunch"}],
                    "default_category": "",
                }
            },
        },
        None,
    )
    tracker = make_tracker(tmp_path, cfg)
    write(
        vdir / "a.ics", ics(vevent("a", "20261127T090000", "20261127T100000", "Ring list", "CATEGORIES:Blue,SALES\n"))
    )
    write(vdir / "b.ics", ics(vevent("b", "20261127T120000", "20261127T124500", "Lunch with Eva")))
    write(vdir / "c.ics", ics(vevent("c", "20261127T150000", "20261127T160000", "Dentist")))
    calendar.sync(tracker, vdir)
    assert planned(tracker) == [("09:00", "10:00", "calls", "Ring list"), ("12:00", "12:45", "lunch", "Lunch with Eva")]


def test_a_category_the_event_names_is_taken_also_when_it_appears_in_a_reloaded_config(vdir, tmp_path):
    write(vdir / "d.ics", ics(vevent("d", "20261127T090000", "20261127T100000", "Ring list", "CATEGORIES:Dialling\n")))
    cache: calendar.Cache = {}
    before = make_tracker(tmp_path)
    calendar.sync(before, vdir, cache)
    assert planned(before) == [("09:00", "10:00", "internal", "Ring list")]  # no such category yet
    after = make_tracker(
        tmp_path, config.parse({"timezone": ZONE, "categories": {"dialling": {"mode": "proactive"}}}, None)
    )
    assert calendar.sync(after, vdir, cache) == [
        "calendar: updated 2026-11-27 09:00–10:00 dialling 'Ring list' (was internal 'Ring list')"
    ]  # the file did not change
    assert planned(after) == [("09:00", "10:00", "dialling", "Ring list")]


def test_a_weekly_event_is_expanded_inside_the_window_only_and_exdate_is_honoured(vdir, tracker):
    write(
        vdir / "weekly.ics",
        ics(
            vevent(
                "weekly@x",
                "20261102T080000",
                "20261102T083000",
                "Pipeline review",
                "RRULE:FREQ=WEEKLY;BYDAY=MO,TH\nEXDATE;TZID=Europe/Stockholm:20261207T080000\n",
            )
        ),
    )
    calendar.sync(tracker, vdir)
    days = [TODAY + dt.timedelta(days=n) for n in range(-7, 21)]
    found = {day: planned(tracker, day) for day in days if planned(tracker, day)}
    # 11-26 is before today, 12-07 is excluded, 12-14 is past the 14 days
    assert found == {
        day: [("08:00", "08:30", "internal", "Pipeline review")]
        for day in (dt.date(2026, 11, 30), dt.date(2026, 12, 3), dt.date(2026, 12, 10))
    }
    ids = {tracker.day(day).blocks[0].id for day in found}
    assert len(ids) == 3


def test_one_moved_occurrence_keeps_its_block_and_the_series_stays(vdir, tracker):
    series = vevent("weekly@x", "20261102T080000", "20261102T083000", "Review", "RRULE:FREQ=WEEKLY;COUNT=6\n")
    write(vdir / "weekly.ics", ics(series))
    calendar.sync(tracker, vdir)
    before = tracker.day(dt.date(2026, 11, 30)).blocks[0]
    moved = vevent(
        "weekly@x",
        "20261130T140000",
        "20261130T143000",
        "Review",
        "RECURRENCE-ID;TZID=Europe/Stockholm:20261130T080000\n",
    )
    write(vdir / "weekly.ics", ics(series, moved))
    assert calendar.sync(tracker, vdir) == [
        "calendar: moved 2026-11-30 14:00–14:30 internal 'Review' (was 08:00–08:30)"
    ]
    after = tracker.day(dt.date(2026, 11, 30)).blocks
    assert [(b.id, b.start_text) for b in after] == [(before.id, "14:00")]
    assert planned(tracker, dt.date(2026, 12, 7)) == [("08:00", "08:30", "internal", "Review")]


def test_all_day_cancelled_and_empty_events_are_ignored_and_midnight_clips(vdir, tracker):
    write(
        vdir / "cal.ics",
        ics(
            "BEGIN:VEVENT\nUID:allday\nDTSTART;VALUE=DATE:20261127\nDTEND;VALUE=DATE:20261128\nSUMMARY:Mässa\nEND:VEVENT\n",
            vevent("cancelled", "20261127T100000", "20261127T110000", "Off", "STATUS:CANCELLED\n"),
            vevent("empty", "20261127T120000", "20261127T120000", "Reminder"),
            vevent("night", "20261127T220000", "20261128T020000", "Night train"),
            vevent("seconds", "20261127T140010", "20261127T144950", "Odd seconds"),
            "BEGIN:VEVENT\nUID:floating\nDTSTART:20261127T160000\nDTEND:20261127T163000\nSUMMARY:Floating\nEND:VEVENT\n",
        ),
    )
    calendar.sync(tracker, vdir)
    assert planned(tracker) == [
        ("14:00", "14:50", "internal", "Odd seconds"),
        ("16:00", "16:30", "internal", "Floating"),
        ("22:00", "23:59", "internal", "Night train"),
    ]
    assert planned(tracker, TODAY + dt.timedelta(days=1)) == []


def test_an_edited_event_moves_its_block_and_a_deleted_one_is_removed(vdir, tracker):
    file = write(vdir / "acme.ics", ics(vevent("acme@x", "20261127T090000", "20261127T100000", "Visit Acme")))
    calendar.sync(tracker, vdir)
    block_id = tracker.day(TODAY).blocks[0].id
    write(file, ics(vevent("acme@x", "20261127T110000", "20261127T120000", "Visit Acme")))
    assert calendar.sync(tracker, vdir) == [
        "calendar: moved 2026-11-27 11:00–12:00 visits 'Visit Acme' (was 09:00–10:00)"
    ]
    assert [(b.id, b.start_text, b.end_text) for b in tracker.day(TODAY).blocks] == [(block_id, "11:00", "12:00")]
    write(file, ics(vevent("acme@x", "20261127T110000", "20261127T120000", "Visit Acme and Beta")))
    assert calendar.sync(tracker, vdir) == [
        "calendar: updated 2026-11-27 11:00–12:00 visits 'Visit Acme and Beta' (was visits 'Visit Acme')"
    ]
    file.unlink()
    assert calendar.sync(tracker, vdir) == ["calendar: removed 2026-11-27 11:00–12:00 visits 'Visit Acme and Beta'"]
    assert tracker.day(TODAY).blocks == ()


def test_an_event_moved_to_another_day_leaves_its_old_day(vdir, tracker):
    file = write(vdir / "acme.ics", ics(vevent("acme@x", "20261127T090000", "20261127T100000", "Visit Acme")))
    calendar.sync(tracker, vdir)
    write(file, ics(vevent("acme@x", "20261203T090000", "20261203T100000", "Visit Acme")))
    assert calendar.sync(tracker, vdir) == [
        "calendar: moved 2026-12-03 09:00–10:00 visits 'Visit Acme' (was 2026-11-27 09:00–10:00)"
    ]
    assert calendar.sync(tracker, vdir) == []
    assert planned(tracker) == []
    assert planned(tracker, dt.date(2026, 12, 3)) == [("09:00", "10:00", "visits", "Visit Acme")]
    write(file, ics(vevent("acme@x", "20270115T090000", "20270115T100000", "Visit Acme")))  # out of the window
    assert calendar.sync(tracker, vdir) == ["calendar: removed 2026-12-03 09:00–10:00 visits 'Visit Acme'"]


def test_a_second_sync_writes_nothing(vdir, tracker, tmp_path):
    write(vdir / "a.ics", ics(vevent("a", "20261127T090000", "20261127T100000", "Visit Acme")))
    write(vdir / "b.ics", ics(vevent("b", "20261130T090000", "20261130T100000", "Calls", "RRULE:FREQ=DAILY;COUNT=5\n")))
    assert len(calendar.sync(tracker, vdir)) == 6
    rows = event_rows(tmp_path)
    assert calendar.sync(tracker, vdir) == []
    assert event_rows(tmp_path) == rows


def test_blocks_planned_or_changed_by_hand_are_never_touched(vdir, tmp_path):
    by_hand = make_tracker(tmp_path, source="cli")
    by_hand.plan([PlannedBlock(TODAY, dt.time(9), dt.time(10), "calls", "Ring the list")])
    tracker = make_tracker(tmp_path)
    write(vdir / "a.ics", ics(vevent("a", "20261127T093000", "20261127T110000", "Visit Acme")))  # overlaps: facts
    write(vdir / "b.ics", ics(vevent("b", "20261127T130000", "20261127T140000", "Team")))
    write(vdir / "c.ics", ics(vevent("c", "20261127T150000", "20261127T160000", "Board")))
    calendar.sync(tracker, vdir)
    assert len(planned(tracker)) == 4
    ids = {b.title: b.id for b in tracker.day(TODAY).blocks}
    by_hand.edit(TODAY, ids["Team"], PlannedBlock(TODAY, dt.time(13), dt.time(13, 30), "admin", "Team, short"))
    by_hand.remove(TODAY, ids["Board"])
    for name in ("a.ics", "b.ics", "c.ics"):
        (vdir / name).unlink()
    write(vdir / "c.ics", ics(vevent("c", "20261127T150000", "20261127T160000", "Board")))
    assert calendar.sync(tracker, vdir) == ["calendar: removed 2026-11-27 09:30–11:00 visits 'Visit Acme'"]
    assert planned(tracker) == [
        ("09:00", "10:00", "calls", "Ring the list"),
        ("13:00", "13:30", "admin", "Team, short"),
    ]
    by_hand.store.close()
    tracker.store.close()


def test_an_outlook_event_with_a_windows_zone_lands_at_local_time(vdir, tracker):
    vtimezone = (
        "BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\n"
        "BEGIN:STANDARD\nDTSTART:16011028T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n"
        "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n"
        "BEGIN:DAYLIGHT\nDTSTART:16010325T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\n"
        "TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
    )
    event = vevent(
        "040000008200E00074C5B7101A82E008",
        "20261127T140000",
        "20261127T150000",
        "Customer visit Beta",
        tz='"W. Europe Standard Time"',
    )
    write(vdir / "outlook.ics", ics(vtimezone, event, head="METHOD:PUBLISH\n"))
    calendar.sync(tracker, vdir)
    assert planned(tracker) == [("14:00", "15:00", "visits", "Customer visit Beta")]


def test_a_google_export_with_only_x_wr_timezone_keeps_local_time_across_dst(tmp_path):
    tracker = make_tracker(tmp_path, now="2027-03-26T08:00")  # summer time starts on Sunday 2027-03-28
    file = write(
        tmp_path / "google.ics",
        ics(
            "BEGIN:VEVENT\nUID:g@google.com\nDTSTART:20270326T080000Z\nDTEND:20270326T083000Z\n"
            "RRULE:FREQ=DAILY;COUNT=4\nSUMMARY:Standup\nEND:VEVENT\n",
            head="X-WR-TIMEZONE:Europe/Stockholm\n",
        ),
    )
    calendar.sync(tracker, file)
    assert planned(tracker, dt.date(2027, 3, 26)) == [("09:00", "09:30", "internal", "Standup")]
    assert planned(tracker, dt.date(2027, 3, 29)) == [("09:00", "09:30", "internal", "Standup")]
    tracker.store.close()


def test_a_broken_file_in_a_vdir_is_reported_and_the_others_sync(vdir, tracker):
    write(vdir / "good.ics", ics(vevent("good", "20261127T090000", "20261127T100000", "Visit Acme")))
    write(vdir / "garbage.ics", "this is not a calendar\n")
    write(vdir / "half.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:half\nDTSTART:2026112")
    write(vdir / "badrule.ics", ics(vevent("r", "20261127T120000", "20261127T130000", "R", "RRULE:FREQ=SOMETIMES\n")))
    lines = calendar.sync(tracker, vdir)
    assert lines[0] == "calendar: planned 2026-11-27 09:00–10:00 visits 'Visit Acme'"
    problems = lines[1:]
    assert sorted(line.split(": ")[1] for line in problems) == [
        f"calendar {vdir / name}" for name in ("badrule.ics", "garbage.ics", "half.ics")
    ]
    assert all(line.startswith("problem: ") and "\n" not in line for line in problems)
    assert planned(tracker) == [("09:00", "10:00", "visits", "Visit Acme")]


def test_a_missing_path_or_a_bad_single_file_is_a_focus_error(tmp_path, tracker):
    with pytest.raises(FocusError, match="no such file or folder"):
        calendar.sync(tracker, tmp_path / "nowhere.ics")
    bad = write(tmp_path / "bad.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\n")
    with pytest.raises(FocusError, match=r"bad\.ics: not an \.ics file"):
        calendar.sync(tracker, bad)
    no_start = write(tmp_path / "nostart.ics", ics("BEGIN:VEVENT\nUID:x\nSUMMARY:x\nEND:VEVENT\n"))
    with pytest.raises(FocusError, match=r"nostart\.ics: not a usable \.ics file"):
        calendar.sync(tracker, no_start)
    assert event_rows(tmp_path) == 0


def test_plan_import_through_the_cli(tmp_path):
    file = write(
        tmp_path / "export.ics",
        ics(
            vevent("a", "20261127T090000", "20261127T100000", "Kundbesök Acme"),
            vevent("b", "20261128T100000", "20261128T110000", "Planning"),
        ),
    )

    def focus(*args: str):
        return CliRunner().invoke(
            cli, list(args), obj=Services(Paths(tmp_path / "config.toml", tmp_path), Clock.fixed(ZONE, NOW))
        )

    first = focus("plan", "import", str(file))
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == [
        "calendar: planned 2026-11-27 09:00–10:00 visits 'Kundbesök Acme'",
        "calendar: planned 2026-11-28 10:00–11:00 internal 'Planning'",
    ]
    again = focus("plan", "import", str(file))
    assert again.exit_code == 0
    assert again.stdout.splitlines() == [
        f"calendar: nothing changed (the coming 14 days of {file} are planned already)"
    ]
    listing = focus("plan", "ls")
    assert "Kundbesök Acme" in listing.stdout
    missing = focus("plan", "import", str(tmp_path / "missing.ics"))
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr.splitlines() == [f"focus: calendar {tmp_path / 'missing.ics'}: no such file or folder"]


def test_each_calendar_removes_only_its_own_blocks(vdir, tmp_path, tracker):
    monday = write(tmp_path / "monday.ics", ics(vevent("m", "20261130T090000", "20261130T100000", "Visit Acme")))
    tuesday = write(tmp_path / "tuesday.ics", ics(vevent("t", "20261201T090000", "20261201T100000", "Visit Beta")))
    write(vdir / "team.ics", ics(vevent("team", "20261130T130000", "20261130T140000", "Team")))
    calendar.import_file(tracker, monday)
    calendar.import_file(tracker, tuesday)
    calendar.sync(tracker, vdir)
    (vdir / "team.ics").unlink()
    assert calendar.sync(tracker, vdir) == ["calendar: removed 2026-11-30 13:00–14:00 internal 'Team'"]
    write(monday, ics())
    assert calendar.import_file(tracker, monday) == ["calendar: removed 2026-11-30 09:00–10:00 visits 'Visit Acme'"]
    assert planned(tracker, dt.date(2026, 12, 1)) == [("09:00", "10:00", "visits", "Visit Beta")]


def test_the_source_follows_a_vdir_with_a_real_observer(vdir, tmp_path):
    write(vdir / "first.ics", ics(vevent("first", "20261127T090000", "20261127T100000", "Visit Acme")))
    lines: queue.Queue[str] = queue.Queue()
    source = CalendarSource(vdir, lambda: make_tracker(tmp_path), lines.put)
    with watching(source):
        assert lines.get(timeout=5) == "calendar: planned 2026-11-27 09:00–10:00 visits 'Visit Acme'"
        write(vdir / "second.ics", ics(vevent("second", "20261127T130000", "20261127T140000", "Team")))
        assert lines.get(timeout=5) == "calendar: planned 2026-11-27 13:00–14:00 internal 'Team'"
        days = [dt.date(2026, 11, 30) + dt.timedelta(days=n) for n in range(4)]
        for n, day in enumerate(days):  # a burst, as a sync tool writes it
            write(
                vdir / f"burst{n}.ics",
                ics(vevent(f"burst{n}", f"{day:%Y%m%d}T080000", f"{day:%Y%m%d}T090000", "Calls")),
            )
        assert sorted(lines.get(timeout=5) for _ in days) == [
            f"calendar: planned {day} 08:00–09:00 internal 'Calls'" for day in days
        ]
        (vdir / "first.ics").unlink()
        assert lines.get(timeout=5) == "calendar: removed 2026-11-27 09:00–10:00 visits 'Visit Acme'"
    check = make_tracker(tmp_path)
    assert planned(check) == [("13:00", "14:00", "internal", "Team")]
    check.store.close()


def test_the_source_follows_one_ics_file_and_ignores_its_neighbours(tmp_path):
    file = write(tmp_path / "work.ics", ics(vevent("a", "20261127T090000", "20261127T100000", "Visit Acme")))
    lines: queue.Queue[str] = queue.Queue()
    source = CalendarSource(file, lambda: make_tracker(tmp_path), lines.put)
    with watching(source):
        assert lines.get(timeout=5) == "calendar: planned 2026-11-27 09:00–10:00 visits 'Visit Acme'"
        write(tmp_path / "other.ics", ics(vevent("b", "20261127T130000", "20261127T140000", "Not mine")))
        write(file, ics(vevent("a", "20261127T100000", "20261127T110000", "Visit Acme")))
        assert lines.get(timeout=5) == "calendar: moved 2026-11-27 10:00–11:00 visits 'Visit Acme' (was 09:00–10:00)"
    check = make_tracker(tmp_path)
    assert planned(check) == [("10:00", "11:00", "visits", "Visit Acme")]
    check.store.close()


def test_a_cache_spares_unchanged_files_and_repeated_problems(vdir, tracker, monkeypatch):
    read: list[str] = []
    parse = calendar.parse
    monkeypatch.setattr(calendar, "parse", lambda file: read.append(file.name) or parse(file))
    write(vdir / "a.ics", ics(vevent("a", "20261127T090000", "20261127T100000", "Visit Acme")))
    write(vdir / "b.ics", ics(vevent("b", "20261127T110000", "20261127T120000", "Team")))
    write(vdir / "bad.ics", "garbage\n")
    cache: calendar.Cache = {}
    assert len(calendar.sync(tracker, vdir, cache)) == 3
    assert calendar.sync(tracker, vdir, cache) == []  # the broken file is not reported again
    write(vdir / "b.ics", ics(vevent("b", "20261127T130000", "20261127T140000", "Team")))
    read.clear()
    assert calendar.sync(tracker, vdir, cache) == [
        "calendar: moved 2026-11-27 13:00–14:00 internal 'Team' (was 11:00–12:00)"
    ]
    assert read == ["b.ics"]
    write(vdir / "bad.ics", "still garbage\n")
    assert [line.split(":")[0] for line in calendar.sync(tracker, vdir, cache)] == ["problem"]
    assert calendar.sync(tracker, vdir) != []  # without a cache, every call reports it


def test_the_source_moves_its_window_on_at_midnight(vdir, tmp_path):
    clock = Clock.fixed(ZONE, "2026-11-27T23:59:59")
    write(vdir / "late.ics", ics(vevent("late", "20261211T090000", "20261211T100000", "Visit Acme")))
    lines: queue.Queue[str] = queue.Queue()

    def tracker() -> Tracker:
        return Tracker(Store(tmp_path / "focus.db"), config.parse({"timezone": ZONE}, None), clock, device="test")

    source = CalendarSource(vdir, tracker, lines.put)
    try:
        source.start()  # 2026-12-11 is the 15th day: not yet
        with pytest.raises(queue.Empty):
            lines.get(timeout=0.5)
        wait_until(lambda: "clock" in source._timers, what="the first sync to set its midnight timer")
        clock.advance(2)  # the clock timer fires 2 s after the first sync
        assert lines.get(timeout=5) == "calendar: planned 2026-12-11 09:00–10:00 visits 'Visit Acme'"
    finally:
        source.stop()


def test_the_source_reports_problems_instead_of_raising(tmp_path):
    said: queue.Queue[str] = queue.Queue()
    with pytest.raises(FocusError, match="no such file or folder"):
        CalendarSource(tmp_path / "nowhere", lambda: make_tracker(tmp_path), said.put).start()
    bad = write(tmp_path / "bad.ics", "garbage\n")
    source = CalendarSource(bad, lambda: make_tracker(tmp_path), said.put)
    source.start()
    assert said.get(timeout=5) == (
        f"problem: calendar {bad}: not a usable .ics file: Content line could not be "
        "parsed into parts: 'garbage': Invalid content line"
    )
    source.stop()

    def broken() -> Tracker:
        raise RuntimeError("disk on fire\nsecond line")

    source = CalendarSource(bad, broken, said.put)
    source.start()
    assert said.get(timeout=5) == f"problem: calendar {bad}: RuntimeError: disk on fire"
    source.stop()
