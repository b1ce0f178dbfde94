"""Issue 13 defect 13: the week mid-week. Days not yet lived and days before the log begins are not zero
days: they are no work days, have no work hours and nothing untracked; the week's rates divide by the
work days lived so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from focus.core.debrief import DebriefFigures
from focus.core.figures import DayFigures, PlanCounts, Seconds, as_lived
from tests.conftest import Focus

MONDAY = dt.date(2026, 11, 23)
TUESDAY = MONDAY + dt.timedelta(days=1)
NINE_HOURS = 9 * 3600


def a_work_day(date: dt.date) -> DayFigures:
    """A work day with nothing tracked: all its nine hours untracked."""
    return DayFigures(
        date, True, Seconds(untracked=NINE_HOURS, work=NINE_HOURS), None, {"email": 0}, 6, {}, 0, 0, 0, 25,
        PlanCounts(), {"call": 0}, 0, (), DebriefFigures(),
    )  # fmt: skip


def test_a_lived_day_stays_as_it_is() -> None:
    day = a_work_day(MONDAY)
    assert as_lived(day, today=TUESDAY, log_begins=MONDAY) is day
    assert as_lived(day, today=MONDAY, log_begins=MONDAY) is day  # today is lived so far


def test_a_day_not_yet_lived_is_no_work_day() -> None:
    later = as_lived(a_work_day(TUESDAY + dt.timedelta(days=1)), today=TUESDAY, log_begins=MONDAY)
    assert (later.work_day, later.seconds.work, later.seconds.untracked) == (False, 0, 0)


def test_a_day_before_the_log_begins_is_no_work_day() -> None:
    before = as_lived(a_work_day(MONDAY), today=TUESDAY, log_begins=TUESDAY)
    assert (before.work_day, before.seconds.work, before.seconds.untracked) == (False, 0, 0)
    assert as_lived(a_work_day(MONDAY), today=TUESDAY, log_begins=None).work_day is False  # no log at all


def test_only_the_lived_hours_change() -> None:
    day = replace(a_work_day(MONDAY), interruptions={"email": 2}, plan=PlanCounts(planned=1, upcoming=1))
    later = as_lived(day, today=MONDAY - dt.timedelta(days=1), log_begins=MONDAY)
    assert later.interruptions == {"email": 2} and later.plan == PlanCounts(planned=1, upcoming=1)


def test_a_first_tuesday_counts_one_work_day(focus: Focus) -> None:
    """First use on Tuesday 24 Nov: Monday is before the log (not 9h00 untracked), Wednesday to Friday
    are not lived yet; four email checks on one work day are four a work day."""
    for hour in ("9", "10", "11", "14"):
        focus("log", "email", "--at", hour, now="2026-11-24T15:00")
    for _run in ("computed", "cached"):
        week = focus.json("week", now="2026-11-24T18:00")
        days = {d["date"]: d for d in week["days"]}
        assert [d["work_day"] for d in week["days"]] == [False, True, False, False, False, False, False]
        assert days["2026-11-23"]["seconds"]["untracked"] == 0 and days["2026-11-23"]["seconds"]["work"] == 0
        assert days["2026-11-25"]["seconds"]["work"] == 0
        totals = week["totals"]
        assert totals["work_days"] == 1
        assert totals["interruptions"]["email_checks_per_work_day"] == 4.0
        assert totals["seconds"]["untracked"] == days["2026-11-24"]["seconds"]["untracked"]
        assert totals["seconds"]["work"] == NINE_HOURS


def test_a_tuesday_divides_by_the_two_days_lived(focus: Focus) -> None:
    """Used since Monday: on Tuesday two work days are lived, whatever is planned for later in the week."""
    for hour in ("9", "10"):
        focus("log", "email", "--date", "2026-11-23", "--at", hour, now="2026-11-23T17:00")
    for hour in ("9", "10", "11", "14"):
        focus("log", "email", "--at", hour, now="2026-11-24T15:00")
    focus("plan", "add", "--date", "2026-11-26", "09:00-10:00", "calls", "Ring", now="2026-11-24T15:00")
    totals = focus.json("week", now="2026-11-24T18:00")["totals"]
    assert totals["work_days"] == 2
    assert totals["interruptions"]["email_checks_per_work_day"] == 3.0


def test_a_day_logged_later_before_the_first_counts_again(focus: Focus) -> None:
    """The log's beginning moves when an earlier day is logged: the cached week follows it."""
    focus("log", "email", "--at", "9", now="2026-11-24T15:00")
    assert focus.json("week", now="2026-11-24T18:00")["totals"]["work_days"] == 1
    focus("log", "email", "--date", "2026-11-23", "--at", "9", now="2026-11-24T18:00")
    totals = focus.json("week", now="2026-11-24T18:00")["totals"]
    assert totals["work_days"] == 2 and totals["interruptions"]["email_checks_per_work_day"] == 1.0
