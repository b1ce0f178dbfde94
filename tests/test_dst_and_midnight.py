"""DST days in Europe/Stockholm and a session across midnight count real durations on the right days."""

from __future__ import annotations

import pytest

from focus.core.clock import day_bounds, zone


@pytest.mark.parametrize("day, hours", [("2026-03-29", 23), ("2026-10-25", 25), ("2026-11-24", 24)])
def test_a_day_is_23_24_or_25_hours(day, hours):
    import datetime as dt

    start, end = day_bounds(dt.date.fromisoformat(day), zone("Europe/Stockholm"))
    assert end - start == hours * 3600 * 1000


def test_spring_forward_session_counts_one_real_hour(focus):
    # 2026-03-29: at 02:00 the clocks jump to 03:00, so 01:30 → 03:30 is one hour.
    day = "2026-03-29"
    focus("plan", "add", "01:00-04:00", "calls", "Night shift", "--date", day)
    focus("start", "--date", day, "--at", "1:30")
    focus("stop", "--date", day, "--at", "3:30")
    report = focus.json("report", day, now="2026-03-30T12:00")
    assert report["seconds"]["proactive"] == 3600
    assert report["blocks"][0]["planned_seconds"] == 2 * 3600  # 01:00 CET → 04:00 CEST
    assert report["blocks"][0]["worked_seconds"] == 3600
    assert report["seconds"]["work"] == 0 and report["seconds"]["untracked"] == 0  # a Sunday


def test_fall_back_session_counts_three_real_hours(focus):
    # 2026-10-25: 02:00-03:00 happens twice, so 01:30 → 03:30 is three hours.
    day = "2026-10-25"
    focus("plan", "add", "01:00-04:00", "quotes", "--date", day)
    focus("start", "--date", day, "--at", "1:30")
    focus("stop", "--date", day, "--at", "3:30")
    report = focus.json("report", day, now="2026-10-26T12:00")
    assert report["seconds"]["proactive"] == 3 * 3600
    assert report["blocks"][0]["planned_seconds"] == 4 * 3600
    assert report["focus"]["longest_seconds"] == 3 * 3600


def test_fall_back_ambiguous_time_is_its_first_occurrence(focus):
    day = "2026-10-25"
    focus("plan", "add", "00:00-06:00", "calls", "--date", day)
    focus("start", "--date", day, "--at", "2:30")  # 02:30 CEST = 00:30 UTC
    focus("stop", "--date", day, "--at", "4:00")  # 04:00 CET = 03:00 UTC
    report = focus.json("report", day, now="2026-10-26T12:00")
    assert report["seconds"]["proactive"] == int(2.5 * 3600)


def test_work_hours_on_dst_days_are_still_nine_hours(focus):
    # 2026-10-26 is a Monday after the change; the change days themselves are Sundays.
    report = focus.json("report", "2026-10-26", now="2026-10-27T12:00")
    assert report["seconds"]["work"] == 9 * 3600 == report["seconds"]["untracked"]


def test_session_across_midnight_is_split_at_local_midnight(focus):
    focus("plan", "add", "23:00-23:59", "calls", "Late list", "--date", "2026-11-24")
    later = "2026-11-25T01:00"  # nothing is tracked ahead of the clock
    focus("start", "--date", "2026-11-24", "--at", "23:30", now=later)
    focus("log", "email", "--date", "2026-11-25", "--at", "0:10", "--minutes", "5", now=later)
    focus("stop", "--date", "2026-11-25", "--at", "0:30", now=later)
    first = focus.json("report", "2026-11-24", now="2026-11-25T12:00")
    second = focus.json("report", "2026-11-25", now="2026-11-25T12:00")
    assert first["seconds"]["proactive"] == 30 * 60 and first["seconds"]["reactive"] == 0
    assert second["seconds"]["proactive"] == 25 * 60 and second["seconds"]["reactive"] == 5 * 60
    assert second["interruptions"]["by_kind"]["email"] == 1 and first["interruptions"]["total"] == 0
    # the block lies on the 24th and its session's whole hour is its work
    assert first["blocks"][0]["worked_seconds"] == 60 * 60
    assert first["blocks"][0]["interruptions"] == 1
    assert second["blocks"] == []


def test_interruption_across_midnight_is_split(focus):
    focus("log", "other", "--date", "2026-11-24", "--at", "23:50", "--minutes", "20", now="2026-11-25T00:00")
    first = focus.json("report", "2026-11-24", now="2026-11-25T12:00")
    second = focus.json("report", "2026-11-25", now="2026-11-25T12:00")
    assert first["seconds"]["reactive"] == 10 * 60 and second["seconds"]["reactive"] == 10 * 60
    assert first["interruptions"]["total"] == 1 and second["interruptions"]["total"] == 0


def test_a_block_inside_the_spring_forward_gap_is_refused(focus):
    result = focus("plan", "add", "02:00-03:00", "calls", "--date", "2026-03-29", ok=False)
    assert result.exit_code == 2 and "lies in the clock change" in result.stderr
    assert focus.event_count() == 0
