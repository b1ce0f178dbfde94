"""Issue 13 defect 9: a plan's facts survive a round trip. The targets `plan export --format ics` writes
into DESCRIPTION come back with `plan import` into another database; a block extended with `+15m` shows
its extended end in `plan ls` and as the `.ics` DTEND."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar

from focus.core import config
from focus.core.clock import Clock
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from tests.conftest import ZONE, Focus

NOW = "2026-11-24T08:00"
DAY = ("--date", "2026-11-24")


def other_home(tmp_path: Path) -> Focus:
    folder = tmp_path / "other"
    folder.mkdir()
    return Focus(Paths(folder / "config.toml", folder), NOW)


def test_targets_come_back_with_an_import_into_another_database(focus: Focus, tmp_path: Path) -> None:
    focus("plan", "add", "09:00-10:00", "calls", "Ring the Q4 list", "--target", "call=20", "--target", "meeting=2",
          *DAY, now=NOW)  # fmt: skip
    focus("plan", "add", "10:00-11:00", "admin", "Expenses", *DAY, now=NOW)
    out = tmp_path / "day.ics"
    focus("plan", "export", *DAY, "--out", str(out), now=NOW)
    other = other_home(tmp_path)
    other("plan", "import", str(out))
    plan = json.loads(other("plan", "ls", *DAY, "--format", "json").stdout)
    assert [(b["start"], b["title"], b["targets"]) for b in plan] == [
        ("09:00", "Ring the Q4 list", {"call": 20, "meeting": 2}),
        ("10:00", "Expenses", {}),
    ]
    assert "[call=20 meeting=2]" in other("plan", "ls", *DAY).stdout


def test_a_description_of_unknown_or_bad_targets_plans_without_them(focus: Focus, tmp_path: Path) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
        "DTSTART:20261124T080000Z\r\nDTEND:20261124T090000Z\r\nSUMMARY:Ring\r\nCATEGORIES:calls\r\n"
        "DESCRIPTION:targets: call=5\\, lunch=3\\, meeting=x\\, quote=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (tmp_path / "foreign.ics").write_text(ics, encoding="utf-8")
    focus("plan", "import", str(tmp_path / "foreign.ics"), now=NOW)
    (block,) = json.loads(focus("plan", "ls", *DAY, "--format", "json", now=NOW).stdout)
    assert block["targets"] == {"call": 5}


def extend_first_block(home: Focus, minutes: int) -> None:
    tracker = Tracker(Store(home.paths.db_file), config.defaults(), Clock.fixed(ZONE, "2026-11-24T10:10"))
    try:
        tracker.extend(tracker.day(tracker.clock.today()).blocks[0], minutes)
    finally:
        tracker.store.close()


def test_an_extended_block_shows_its_extended_end(focus: Focus, tmp_path: Path) -> None:
    focus("plan", "add", "10:03-10:14", "calls", "Ring", *DAY, now=NOW)
    focus("plan", "add", "10:15-11:00", "calls", "Ring the Q4 list", *DAY, now=NOW)
    extend_first_block(focus, 15)
    listing = focus("plan", "ls", *DAY, now="2026-11-24T10:10").stdout.splitlines()
    assert "10:03–10:29 (+15m)  calls" in listing[1] and "10:15–11:00" in listing[2] and "+" not in listing[2]
    (first, second) = json.loads(focus("plan", "ls", *DAY, "--format", "json", now="2026-11-24T10:10").stdout)
    assert (first["end"], first["extended_minutes"], first["extended_end"]) == ("10:14", 15, "10:29")
    assert (second["extended_minutes"], second["extended_end"]) == (0, "11:00")
    out = tmp_path / "day.ics"
    focus("plan", "export", *DAY, "--out", str(out), now="2026-11-24T10:10")
    ends = [str(e.decoded("DTEND")) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert ends == ["2026-11-24 09:29:00+00:00", "2026-11-24 10:00:00+00:00"]  # 10:29 and 11:00 in Stockholm


def test_the_day_report_shows_an_extended_blocks_end_in_text_and_markdown(focus):
    """Defect 9: a `+15m` extension is in the report's time column, as the screen shows it."""
    from tests.tui_helpers import DAY, make_tracker

    focus("plan", "add", "10:03-10:14", "calls", "Ring", "--date", DAY.isoformat())
    tracker = make_tracker(focus.paths.data_dir, "2026-11-24T10:10")
    (block,) = tracker.day(DAY).blocks
    tracker.extend(block, 15)
    tracker.store.close()
    assert " 1  10:03–10:14 +15m  calls " in focus("report", DAY.isoformat()).stdout
    assert "| 10:03–10:14 +15m | calls | Ring |" in focus("report", DAY.isoformat(), "--format", "md").stdout
