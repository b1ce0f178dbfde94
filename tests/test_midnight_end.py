"""Issue 13 #10: a block may end at midnight, typed ``24:00`` (the day's end), DST days included."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from focus.core.clock import DAY_END, Clock, day_bounds, zone
from focus.core.timeparse import hhmm, parse_range
from focus.store.database import Store
from focus.tracking import Tracker
from tests.source_helpers import tracker_factory

HOUR = 3600 * 1000
TZ = zone("Europe/Stockholm")


def blocks_of(focus, day: str) -> list[dict]:
    return json.loads(focus("plan", "ls", "--date", day, "--format", "json").stdout)


def test_a_block_can_end_at_midnight(focus):
    result = focus("plan", "add", "17:00-24:00", "calls", "Evening list", "--date", "2026-11-24")
    assert "planned 17:00–24:00 calls 'Evening list' on 2026-11-24" in result.stdout
    assert [(b["start"], b["end"]) for b in blocks_of(focus, "2026-11-24")] == [("17:00", "24:00")]
    assert "17:00–24:00" in focus("plan", "ls", "--date", "2026-11-24").stdout
    with Store(focus.paths.db_file) as store:
        tracker = Tracker(store, _config(), Clock.fixed("Europe/Stockholm", "2026-11-24T18:00"))
        (block,) = tracker.day(dt.date(2026, 11, 24)).blocks
    assert block.end == day_bounds(dt.date(2026, 11, 24), TZ)[1] and block.end - block.start == 7 * HOUR


def test_the_next_day_can_start_at_midnight_and_the_day_may_be_copied(focus):
    focus("plan", "add", "23:00-24:00", "calls", "--date", "2026-11-24")
    focus("plan", "add", "00:00-01:00", "calls", "--date", "2026-11-25")
    focus("plan", "copy", "--from", "2026-11-24", "--date", "2026-11-26")
    assert [(b["start"], b["end"]) for b in blocks_of(focus, "2026-11-26")] == [("23:00", "24:00")]


@pytest.mark.parametrize(
    "day, whole_day_hours",
    [("2026-03-29", 23), ("2026-10-25", 25), ("2026-11-24", 24)],
)
def test_the_end_of_a_clock_change_day_is_its_own_midnight(tmp_path, day, whole_day_hours):
    from focus.core.plan import PlannedBlock

    date = dt.date.fromisoformat(day)
    tracker = tracker_factory(tmp_path / "focus.db", Clock.fixed("Europe/Stockholm", "2026-11-24T18:00"), "cli")()
    start, end = parse_range("17:00-24:00")
    next_day = date + dt.timedelta(days=1)
    evening, whole = tracker.plan(
        [PlannedBlock(date, start, end, "calls"), PlannedBlock(next_day, dt.time(0), DAY_END, "admin")]
    )
    assert evening.end - evening.start == 7 * HOUR and evening.end == day_bounds(date, TZ)[1]
    (read,) = tracker.day(date).blocks
    assert read.end == evening.end
    assert whole.end - whole.start == 24 * HOUR  # the day after a change is an ordinary one
    tracker.store.close()
    # a whole clock-change day, 00:00-24:00, is 23 or 25 hours long
    other = tracker_factory(tmp_path / "other.db", Clock.fixed("Europe/Stockholm", "2026-11-24T18:00"), "cli")()
    (all_day,) = other.plan([PlannedBlock(date, dt.time(0), DAY_END, "admin", "All day")])
    assert all_day.end - all_day.start == whole_day_hours * HOUR
    assert (all_day.start_text, all_day.end_text) == ("00:00", "24:00")
    other.store.close()


@pytest.mark.parametrize("text", ["24:00-17:00", "17:00-24:01", "17:00-25", "24:00-24:00"])
def test_24_is_only_a_range_end(focus, text):
    result = focus("plan", "add", text, "calls", ok=False)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert focus.event_count() == 0


def test_24_is_no_moment_to_track(focus):
    result = focus("log", "email", "--date", "2026-11-23", "--at", "24:00", ok=False)
    assert result.exit_code == 2 and "bad time" in result.stderr


def test_24_reads_in_every_form_a_time_takes():
    for text in ("17-24", "17:00-24:00", "17.00–24.00", "kl. 17-kl. 24"):
        assert parse_range(text) == (dt.time(17), DAY_END)
    assert hhmm(DAY_END) == "24:00"


def _config():
    from focus.core import config

    return config.defaults()
