"""Issue 13, "Fix the past without undoing the present": ``focus undo`` says which day it touches and,
unless asked (``--any-day``, ``--date D``), does not reach into another day than today."""

from __future__ import annotations

YESTERDAY = ("--date", "2026-11-23")


def test_undo_says_the_day_it_touches(focus):
    focus("log", "email", "--at", "9:30")
    assert focus("undo").stdout == "undid email check at 09:30 (today, 2026-11-24)\n"


def test_undo_refuses_to_reach_into_yesterday_and_says_how(focus):
    focus("count", "call", "2", *YESTERDAY, "--at", "14:05")
    result = focus("undo", ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "focus: the newest entry is of 2026-11-23, not today: nothing was undone; "
        "to undo it: focus undo --date 2026-11-23 (or --any-day)\n"
    )
    assert focus.event_count() == 1


def test_undo_any_day_takes_the_newest_entry_back_and_names_its_day(focus):
    focus("log", "email", "--at", "9:30")
    focus("count", "call", "2", *YESTERDAY, "--at", "14:05")
    assert focus("undo", "--any-day").stdout == "undid 2 × call at Mon 23 Nov 14:05 (day 2026-11-23)\n"
    assert focus.json("report", "2026-11-23")["outcomes"]["call"] == 0
    assert focus.json("report")["interruptions"]["by_kind"]["email"] == 1  # today's entry untouched


def test_undo_of_a_date_takes_the_newest_entry_of_that_day_not_todays(focus):
    focus("count", "call", "2", *YESTERDAY, "--at", "14:05")
    focus("count", "deal", *YESTERDAY, "--at", "15:00")
    focus("log", "email", "--at", "9:30")  # today's, and newer: it stays
    assert focus("undo", "--date", "yesterday").stdout == "undid 1 × deal at Mon 23 Nov 15:00 (day 2026-11-23)\n"
    assert focus("undo", "--date", "2026-11-23").stdout == "undid 2 × call at Mon 23 Nov 14:05 (day 2026-11-23)\n"
    assert focus("undo", "--date", "2026-11-23", ok=False).stderr == "focus: nothing to undo on 2026-11-23\n"
    assert focus("undo").stdout == "undid email check at 09:30 (today, 2026-11-24)\n"


def test_undo_takes_todays_newest_entry_then_stops_at_yesterdays(focus):
    focus("count", "call", *YESTERDAY, "--at", "14:05")
    focus("count", "quote", "--at", "10:00")
    assert focus("undo").stdout == "undid 1 × quote at 10:00 (today, 2026-11-24)\n"
    assert focus("undo", ok=False).exit_code == 2  # the next newest is yesterday's
    assert focus.event_count() == 3


def test_undo_any_day_and_date_exclude_each_other(focus):
    focus("count", "call", "--at", "10:00")
    result = focus("undo", "--any-day", "--date", "2026-11-24", ok=False)
    assert (result.exit_code, result.stderr) == (2, "focus: undo takes --date or --any-day, not both\n")
    assert focus.event_count() == 1


def test_undo_help_documents_the_day_rule(focus):
    text = " ".join(focus("undo", "--help").stdout.split())
    assert "--any-day" in text and "--date DATE" in text and "only today's" in text


async def test_the_screens_u_undoes_only_todays_entries(tmp_path):
    import datetime as dt

    from tests.tui_helpers import make_app, make_tracker, plan, press, settle

    tracker = make_tracker(tmp_path, "2026-11-24T10:05")
    plan(tracker, ("10:00", "11:00", "calls", "Ring the Q4 list"))  # a plan: no template offer in the way
    tracker.count("call", tracker.clock.now_ms() - 24 * 3600 * 1000, 2)  # yesterday's, the newest entry
    app = make_app(tracker)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "u")  # today's newest is undone, though yesterday's was logged later
        assert app.workday.summary.outcomes["call"] == 0
        assert "Undid 1 × call at 10:05." in [note.message for note in app._notifications]
    assert tracker.summary(dt.date(2026, 11, 23)).outcomes["call"] == 2
