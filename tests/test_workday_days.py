"""Any day on the workday screen (issue 13, "Any day on the screen"): ``[`` and ``]`` step a day, ``g``
goes to a day typed as ``--date`` takes it, ``.`` comes back to today. A past day is read-only, a day
ahead can only be planned; ``r`` and ``W`` follow the day shown. Pilot tests with a fixed clock on a real
database in tmp_path; the clock is ticked by hand (``tick``), never waited for."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from textual.widgets import Input

from focus.core.clock import local_ms
from focus.core.plan import PlannedBlock
from focus.core.timeparse import parse_range
from focus.store.paths import Paths
from focus.tracking import Tracker
from focus.tui.app import FocusApp, build_app
from focus.tui.days import DayPrompt
from focus.tui.screens import BlockForm, ReportScreen
from tests.tui_helpers import DAY, ZONE, make_app, make_tracker, press, settle, text_of, tick, until

SIZE = (100, 32)
MONDAY = DAY - dt.timedelta(days=1)  # Mon 23 Nov 2026, the day before DAY (Tue 24 Nov)
TRACKING_KEYS = (
    "space", "n", "e", "p", "t", "w", "i", "o", "enter", "plus", "1", "2", "3", "4", "u", "d",
)  # fmt: skip
PLANNING_KEYS = ("a", "E", "x")


def at(date: dt.date, clock: str) -> int:
    return local_ms(date, dt.time.fromisoformat(clock), ZoneInfo(ZONE))


def plan_on(tracker: Tracker, date: dt.date, start: str, end: str, category: str, title: str) -> str:
    first, last = parse_range(f"{start}-{end}")
    block = PlannedBlock(date, first, last, category, title)
    return tracker.plan([block])[0].id


def monday_and_tuesday(folder) -> Tracker:
    """10:20 on Tue 24 Nov. Monday: calls 09:00–10:00 worked 09:00–09:45, 3 calls, a quote, two email
    checks. Tuesday so far: one block, 10:00–11:00, not started, no email."""
    tracker = make_tracker(folder, "2026-11-24T10:20")
    monday_block = plan_on(tracker, MONDAY, "09:00", "10:00", "calls", "Ring Monday's list")
    tracker.start(at(MONDAY, "09:00"), monday_block)
    tracker.stop(at(MONDAY, "09:45"))
    tracker.count("call", at(MONDAY, "09:10"), 3)
    tracker.count("quote", at(MONDAY, "09:40"))
    tracker.log("email", at(MONDAY, "11:00"))
    tracker.log("email", at(MONDAY, "14:00"))
    plan_on(tracker, DAY, "10:00", "11:00", "calls", "Tuesday's calls")
    return tracker


async def opened(pilot) -> None:
    """The screen read and drawn, its offer of the day template (an empty today) declined."""
    await settle(pilot)
    if pilot.app.screen is not pilot.app.workday:
        await press(pilot, "n")


def notes(app: FocusApp) -> list[str]:
    return [n.message for n in app._notifications]


def plan_rows(app: FocusApp) -> list[list[str]]:
    table = app.workday.query_one("#plan")
    return [[str(cell) for cell in table.get_row_at(row)][1:] for row in range(table.row_count)]  # no number


async def test_the_day_before_shows_its_plan_and_its_figures(tmp_path):
    tracker = monday_and_tuesday(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert [row[2] for row in plan_rows(app)] == ["Tuesday's calls"]
        await press(pilot, "left_square_bracket")
        assert app.workday.date == MONDAY
        assert plan_rows(app) == [["09:00–10:00", "calls", "Ring Monday's list", "1h00", "45m", "0", "not kept"]]
        assert (
            text_of(app, "#now-title")
            == "Mon 23 Nov — past day, read-only\n] next · . today · g go to day\nl: correct or remove an entry"
        )
        today = text_of(app, "#today")
        assert "45m  82 %" in today and "10m" in today and "untracked 8h05 of 9h00 work hours" in today
        assert "email 2/3" in text_of(app, "#interruption-counts")
        assert "call 3  meeting 0  quote 1  deal 0" in text_of(app, "#outcomes")
        assert app.sub_title == "Mon 23 Nov 2026 · v48 · past day · 10:20"
        summary = tracker.summary(MONDAY)  # the report's figures of that day, the same as the screen's
        assert app.workday.summary.totals == summary.totals and summary.totals["proactive"] == 45 * 60_000
        await press(pilot, "right_square_bracket")
        assert app.workday.date == DAY
        assert [row[2] for row in plan_rows(app)] == ["Tuesday's calls"]
        assert text_of(app, "#now-title") == "■ Tuesday's calls is planned now"
        assert app.sub_title == "Tue 24 Nov 2026 · v48 · 10:20"


async def test_keys_that_track_or_plan_change_nothing_on_a_past_day(tmp_path):
    tracker = monday_and_tuesday(tmp_path)
    before = tracker.store.count()
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "left_square_bracket")
        for key in (*TRACKING_KEYS, *PLANNING_KEYS):
            await press(pilot, key)
            assert app.screen is app.workday, key  # no form or debrief opened
        assert tracker.store.count() == before
        refused = "Mon 23 Nov is a past day, read-only: press . to go back to today, l to correct an entry."
        assert notes(app).count(refused) == len(TRACKING_KEYS) + len(PLANNING_KEYS)
        await press(pilot, "full_stop")  # back to today: the same keys work again
        assert app.workday.date == DAY
        await press(pilot, "e")
        assert tracker.store.count() == before + 1
        assert app.workday.summary.interruptions_by_kind["email"] == 1


async def test_a_day_ahead_can_be_planned_and_not_tracked(tmp_path):
    tracker = monday_and_tuesday(tmp_path)
    before = tracker.store.count()
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "right_square_bracket")
        assert app.workday.date == DAY + dt.timedelta(days=1)
        assert (
            text_of(app, "#now-title") == "Wed 25 Nov — ahead: plan only (a, E, x)\n[ previous · . today · g go to day"
        )
        for key in TRACKING_KEYS:
            await press(pilot, key)
        assert tracker.store.count() == before
        assert "Wed 25 Nov is ahead: only the plan can change there (a, E, x); press . to go back to today." in notes(
            app
        )
        await press(pilot, "a")
        assert isinstance(app.screen, BlockForm)
        app.screen.query_one("#range", Input).value = "09:00-10:00"
        app.screen.query_one("#title", Input).value = "Plan Wednesday"
        await press(pilot, "enter")
        assert app.screen is app.workday
        assert [row[2] for row in plan_rows(app)] == ["Plan Wednesday"]
        assert [b.title for b in tracker.day(DAY + dt.timedelta(days=1)).blocks] == ["Plan Wednesday"]
        await press(pilot, "full_stop")
        assert [row[2] for row in plan_rows(app)] == ["Tuesday's calls"]


async def go_to(pilot, text: str) -> None:
    await press(pilot, "g")
    assert isinstance(pilot.app.screen, DayPrompt)
    await pilot.press(*text)
    await press(pilot, "enter")


async def test_the_date_prompt_takes_what_date_takes(tmp_path):
    app = make_app(monday_and_tuesday(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        for typed, date in (
            ("igår", MONDAY),
            ("2026-11-02", dt.date(2026, 11, 2)),
            ("yesterday", MONDAY),
            ("fre", dt.date(2026, 11, 20)),
        ):
            await go_to(pilot, typed)
            assert app.screen is app.workday, typed
            assert app.workday.date == date and app.workday.day_log.date == date, typed


async def test_a_bad_date_is_shown_in_the_prompt_and_nothing_changes(tmp_path):
    app = make_app(monday_and_tuesday(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await go_to(pilot, "someday")
        assert isinstance(app.screen, DayPrompt)
        assert text_of(app, "#day-error") == "bad date 'someday': use today, yesterday, mon…sun or YYYY-MM-DD"
        await press(pilot, "escape")
        assert app.screen is app.workday and app.workday.date == DAY
        assert [row[2] for row in plan_rows(app)] == ["Tuesday's calls"]


async def test_the_report_and_the_week_follow_the_day_shown(tmp_path):
    tracker = monday_and_tuesday(tmp_path)
    tracker.count("deal", at(dt.date(2026, 11, 18), "15:00"))  # a deal on Wed 18 Nov, week 47
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "left_square_bracket", "r")
        assert isinstance(app.screen, ReportScreen)
        report = text_of(app, "#report")
        assert "focus · Mon 23 Nov 2026 · v48" in report and "Ring Monday's list" in report
        await press(pilot, "escape")
        await go_to(pilot, "2026-11-20")
        await press(pilot, "W")
        assert isinstance(app.screen, ReportScreen)
        week = text_of(app, "#report")
        assert "Wed 18" in week and "Mon 16" in week and "Mon 23" not in week
        await press(pilot, "escape")
        await press(pilot, "full_stop", "W")
        assert "Mon 23" in text_of(app, "#report")


async def test_a_day_with_an_hour_more_in_stockholm(tmp_path):
    """Sun 25 Oct 2026, clocks go back at 03:00: a session 01:00–05:00 worked five hours."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:20")
    sunday = dt.date(2026, 10, 25)
    block = plan_on(tracker, sunday, "01:00", "05:00", "admin", "Night shift")
    tracker.start(at(sunday, "01:00"), block)
    tracker.stop(at(sunday, "05:00"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await go_to(pilot, "2026-10-25")
        assert plan_rows(app) == [["01:00–05:00", "admin", "Night shift", "5h00", "5h00", "0", "kept"]]
        assert app.workday.summary.totals["reactive"] == 5 * 3_600_000
        assert "5h00" in text_of(app, "#today")
        await press(pilot, "right_square_bracket")
        assert app.workday.date == dt.date(2026, 10, 26) and plan_rows(app) == []


async def test_a_session_across_midnight_is_shown_on_both_days(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T10:20")
    sunday = MONDAY - dt.timedelta(days=1)
    block = plan_on(tracker, sunday, "23:00", "24:00", "admin", "Late admin")
    tracker.start(at(sunday, "23:00"), block)
    tracker.stop(at(MONDAY, "01:00"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "left_square_bracket")
        assert app.workday.summary.totals["reactive"] == 3_600_000  # 00:00–01:00 on Monday
        await press(pilot, "left_square_bracket")
        assert app.workday.date == sunday
        assert plan_rows(app)[0][2:5] == ["Late admin", "1h00", "2h00"]  # the block's session, as the report says
        assert [f.worked for f in tracker.summary(sunday).blocks] == [2 * 3_600_000]
        assert app.workday.summary.totals["reactive"] == 3_600_000  # 23:00–24:00 on Sunday


async def test_at_midnight_the_screen_follows_today_but_stays_on_a_day_stepped_to(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T23:59:50")
    plan_on(tracker, DAY + dt.timedelta(days=1), "09:00", "10:00", "calls", "Wednesday's calls")
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        tracker.clock.advance(20)  # 00:00:10 on Wed 25 Nov
        await tick(pilot)
        assert app.workday.date == DAY + dt.timedelta(days=1)
        assert [row[2] for row in plan_rows(app)] == ["Wednesday's calls"]
        await press(pilot, "left_square_bracket")  # Tuesday, now a past day
        tracker.clock.advance(24 * 3600)  # 00:00:10 on Thu 26 Nov
        await tick(pilot)
        assert app.workday.date == DAY
        assert (
            text_of(app, "#now-title")
            == "Tue 24 Nov — past day, read-only\n] next · . today · g go to day\nl: correct or remove an entry"
        )
        await press(pilot, "full_stop")
        assert app.workday.date == dt.date(2026, 11, 26)


async def test_a_write_by_another_process_appears_on_the_past_day_shown(tmp_path):
    tracker = monday_and_tuesday(tmp_path)
    app = make_app(tracker, watch=True)
    shell = make_tracker(tmp_path, "2026-11-24T10:20", source="cli")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "left_square_bracket")
        shell.log("phone", at(MONDAY, "15:00"))  # focus log phone --date mon --at 15
        await until(pilot, lambda: "phone 1" in text_of(app, "#interruption-counts"), "the phone call on Monday")
        assert app.workday.date == MONDAY
        assert "email 2/3" in text_of(app, "#interruption-counts")


async def test_nothing_automatic_acts_on_a_past_day_and_today_keeps_its_timebox(tmp_path):
    """Auto-start belongs to today: while Monday is shown, Monday's eleven o'clock block is left alone
    and no block toast is shown, but Tuesday's block starts at 11:00 as if the seller had stayed;
    back on today it is running."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:59:30")
    plan_on(tracker, MONDAY, "11:00", "12:00", "calls", "Monday at eleven")
    block = plan_on(tracker, DAY, "11:00", "12:00", "calls", "Tuesday at eleven")
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "left_square_bracket")
        tracker.clock.advance(40)  # 11:00:10: Tuesday's block is due
        await tick(pilot)
        await tick(pilot)
        assert app.workday.date == MONDAY and app.screen is app.workday
        assert tracker.day(MONDAY).sessions == ()
        assert [(s.block_id, s.start) for s in tracker.day(DAY).sessions] == [(block, at(DAY, "11:00"))]
        assert not any("starts now" in n for n in notes(app))
        tracker.clock.advance(5 * 60)  # 11:05:10, long past the minute an auto-start waits
        await tick(pilot)
        await press(pilot, "full_stop")
        running = app.workday.summary.running_session
        assert running is not None and running.block_id == block and running.start == at(DAY, "11:00")
        assert len(tracker.day(DAY).sessions) == 1


def in_swedish(tracker: Tracker) -> FocusApp:
    folder = tracker.store.path.parent
    config = dataclasses.replace(tracker.config, language="sv")
    return build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)


async def test_the_days_speak_swedish(tmp_path):
    tracker = monday_and_tuesday(tmp_path)
    app = in_swedish(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "left_square_bracket")
        assert (
            text_of(app, "#now-title") == "mån 23 nov — passerad dag, skrivskyddad\n] nästa · . idag · g gå till dag\n"
            "l: rätta eller ta bort en post"
        )
        assert app.sub_title == "mån 23 nov 2026 · vecka 48 · passerad dag · kl. 10.20"
        await press(pilot, "e")
        assert (
            "mån 23 nov har passerat och är skrivskyddad: tryck . för att komma tillbaka till idag, "
            "l för att rätta en post." in notes(app)
        )
        await press(pilot, "full_stop", "right_square_bracket")
        assert (
            text_of(app, "#now-title")
            == "ons 25 nov — framåt: bara planering (a, E, x)\n[ förra · . idag · g gå till dag"
        )
        await press(pilot, "g")
        assert "Gå till en dag" in text_of(app, "DayPrompt Label")


async def test_a_write_asked_for_before_a_step_lands_on_the_day_it_was_asked_for(tmp_path):
    """``x`` on today, then ``[`` before the worker got to it (it waits behind a write held up by
    another process's lock): the block of today is removed, not looked for on Monday."""
    import sqlite3

    tracker = monday_and_tuesday(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        locker = sqlite3.connect(tmp_path / "focus.db", isolation_level=None, check_same_thread=False)
        locker.execute("BEGIN IMMEDIATE")  # the worker's next write waits for this lock
        await pilot.press("e", "x", "left_square_bracket")
        locker.execute("COMMIT")
        locker.close()
        await settle(pilot)
        assert app.workday.date == MONDAY
        assert tracker.day(DAY).blocks == ()
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_a_step_before_an_extension_is_answered_does_not_break_its_toast(tmp_path):
    """``+`` then ``[`` before the worker wrote the extension: the toast still says until when."""
    import sqlite3

    tracker = monday_and_tuesday(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await press(pilot, "space")  # Tuesday's calls, 10:00–11:00, run
        locker = sqlite3.connect(tmp_path / "focus.db", isolation_level=None, check_same_thread=False)
        locker.execute("BEGIN IMMEDIATE")
        await pilot.press("e", "plus", "left_square_bracket")
        locker.execute("COMMIT")
        locker.close()
        await settle(pilot)
        assert app.workday.date == MONDAY
        assert "Tuesday's calls: 15 more minutes, until 11:15." in notes(app)
