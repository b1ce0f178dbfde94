"""The week as a picture on the workday screen (issue 13, "Build"): ``W`` opens the week's chart (time
per day as stacked bars, email checks against the budget, the focus stretches) above the week's table.
Pilot tests through the shipped app factory with a fixed clock on a real database; the chart's numbers
are read from what the window draws (bar lengths in cells, labels), in English and in Swedish."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from textual.geometry import Region

from focus.core.clock import local_ms
from focus.core.plan import PlannedBlock
from focus.store.paths import Paths
from focus.tui.app import build_app
from focus.tui.screens import ConfirmScreen, WeekChartView, WeekScreen
from focus.tui.weekchart import cells, count_width, day_state
from focus.tui.widgets import TodayPanel
from tests.test_week_midweek import a_work_day
from tests.tui_helpers import ZONE, make_tracker, press, settle, text_of

MONDAY = dt.date(2026, 11, 23)
SIZE = (100, 32)
PARTS = ("Time tracked · proactive share", "Email checks per day", "Focus: the longest stretch")


def at(date: dt.date, clock: str) -> int:
    return local_ms(date, dt.time.fromisoformat(clock), ZoneInfo(ZONE))


def a_week(folder, first: dt.date = MONDAY):
    """Wednesday 25 Nov at 11:00; the log begins on ``first``. Monday: calls 09:00–11:00 (2h proactive, one
    stretch), four email checks in the afternoon (over the budget of 3). Tuesday: calls 09:00–09:30 and a
    30-minute phone call at 10:00. Wednesday, so far: calls 09:00–09:40."""
    tracker = make_tracker(folder, "2026-11-25T11:00")
    days = [MONDAY + dt.timedelta(days=n) for n in range(3) if MONDAY + dt.timedelta(days=n) >= first]
    tracker.plan(
        [PlannedBlock(d, dt.time(9), dt.time(11), "calls", "Ring the Q4 list") for d in days],
    )
    if first <= MONDAY:
        tracker.start(at(MONDAY, "09:00"), "1")
        tracker.stop(at(MONDAY, "11:00"))
        for hour in ("13:00", "14:00", "15:00", "16:00"):
            tracker.log("email", at(MONDAY, hour))
    tuesday, wednesday = MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2)
    tracker.start(at(tuesday, "09:00"), "1")
    tracker.stop(at(tuesday, "09:30"))
    tracker.log("phone", at(tuesday, "10:00"), minutes=30)
    tracker.start(at(wednesday, "09:00"), "1")
    tracker.stop(at(wednesday, "09:40"))
    return tracker


def app_of(tracker, language: str = "en"):
    folder = tracker.store.path.parent
    config = dataclasses.replace(tracker.config, language=language)
    return build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)


def chart_lines(app) -> list[str]:
    """The chart's lines as the window draws them (every line, also those scrolled out of view)."""
    view = app.screen.query_one(WeekChartView)
    return [strip.text.rstrip() for strip in view.render_lines(Region(0, 0, view.size.width, view.size.height))]


def part(lines: list[str], heading: str) -> dict[str, str]:
    """The rows of the chart's part under ``heading``: each day's label and the rest of its row."""
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    end = lines.index("", start)
    labels = [re.match(r"\S+ \d+", line).group() for line in lines[start:end]]  # "Mon 23", "tors 26"
    width = max(map(len, labels))
    return {label: line[width + 2 :] for label, line in zip(labels, lines[start:end])}


async def open_week(pilot) -> list[str]:
    await settle(pilot)
    await press(pilot, "W")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WeekScreen)
    return chart_lines(pilot.app)


async def test_the_week_chart_draws_each_days_time_email_checks_and_focus(tmp_path):
    app = app_of(a_week(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        lines = await open_week(pilot)
        bar = app.screen.chart.bar_width(app.screen.query_one(WeekChartView).size.width)
        assert lines[0] == "The week as a picture · week 2026-W48 · Mon 23 Nov – Sun 29 Nov"
        time = part(lines, "Time tracked · proactive share")
        assert list(time) == ["Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29"]
        # Monday 2h00 proactive and 4 × 5 min email (reactive) is the longest day: its bar is the full width
        monday, tuesday, wednesday = time["Mon 23"], time["Tue 24"], time["Wed 25"]
        assert (monday.count("█"), monday.count("▒")) == (cells(120, 140, bar), cells(20, 140, bar))
        assert monday.count("█") + monday.count("▒") == bar
        assert monday.endswith("2h20 · 86 %")
        assert bar == 64  # 100 columns: the window's 92 less the labels and the figures
        assert (tuesday.count("█"), tuesday.count("▒")) == (14, 13)  # 1h00 of 2h20: 27 cells, half each
        assert tuesday.endswith("1h00 · 50 %")
        assert wednesday.count("█") == cells(40, 140, bar) and "▒" not in wednesday
        assert wednesday.endswith("40m · 100 % so far")  # today: lived so far
        assert [time[d].strip() for d in ("Thu 26", "Fri 27", "Sat 28", "Sun 29")] == ["not yet lived"] * 4

        email = part(lines, "Email checks per day · budget 3 (│)")
        room = count_width(4, bar - 1)
        assert room == 12  # three cells a check
        assert email["Mon 23"].startswith("█" * 9 + "│" + "███ ") and email["Mon 23"].endswith("4/3")
        assert email["Tue 24"].startswith(" " * 9 + "│") and email["Tue 24"].endswith("0/3")
        assert email["Thu 26"].strip() == "not yet lived"

        focus = part(lines, "Focus: the longest stretch per day · a stretch from 25 min (│)")
        # Monday's two hours is the longest (the scale's top); 25 min is where a stretch begins
        mark = cells(25 * 60, 120 * 60, bar - 1)
        assert focus["Mon 23"].index("│") == mark and focus["Mon 23"].count("█") == bar - 1
        assert focus["Mon 23"].endswith("1 stretch · 2h00")
        assert focus["Tue 24"].count("█") == cells(30, 120, bar - 1) and focus["Tue 24"].endswith("1 stretch · 30m")
        assert focus["Wed 25"].endswith("1 stretch · 40m")


def colours(strips) -> dict[str, set[str]]:
    """The colours each bar glyph is drawn in, over some drawn lines."""
    found: dict[str, set[str]] = {}
    for strip in strips:
        for segment in strip:
            for glyph in set(segment.text) & {"█", "▒"}:
                found.setdefault(glyph, set()).add(segment.style.color.name if segment.style.color else "")
    return found


async def test_the_bars_have_the_today_panels_colours_and_the_checks_over_budget_are_red(tmp_path):
    app = app_of(a_week(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.workday.query_one(TodayPanel)
        today = colours(panel.render_lines(Region(0, 0, panel.size.width, panel.size.height)))["█"]
        lines = await open_week(pilot)
        view = app.screen.query_one(WeekChartView)
        strips = view.render_lines(Region(0, 0, view.size.width, view.size.height))
        time, email = (next(i for i, line in enumerate(lines) if line.startswith(p)) for p in PARTS[:2])
        monday_time, monday_email = colours([strips[time + 1]]), colours([strips[email + 1]])
        assert monday_time["█"] == today  # proactive: as on the Today panel
        assert len(monday_time["▒"]) == 1 and monday_time["▒"] != today  # reactive in its own colour
        under, over = sorted(monday_email["█"] - monday_time["▒"]), monday_email["█"] & monday_time["▒"]
        assert len(under) == 1 and over == monday_time["▒"]  # checks within the budget, and red over it


async def test_first_use_on_tuesday_shows_monday_before_the_log_and_the_days_to_come(tmp_path):
    app = app_of(a_week(tmp_path, first=MONDAY + dt.timedelta(days=1)))
    async with app.run_test(size=SIZE) as pilot:
        lines = await open_week(pilot)
        for heading in PARTS:
            rows = part(lines, heading)
            assert rows["Mon 23"].strip() == "before the log began"  # not a zero day
            assert rows["Tue 24"].strip() and rows["Tue 24"].strip() != "before the log began"
            assert {rows[d].strip() for d in ("Thu 26", "Fri 27", "Sat 28", "Sun 29")} == {"not yet lived"}
        time = part(lines, "Time tracked · proactive share")
        bar = app.screen.chart.bar_width(app.screen.query_one(WeekChartView).size.width)
        assert time["Tue 24"].count("█") + time["Tue 24"].count("▒") == bar  # Tuesday is now the longest day
        assert "week 2026-W48" in text_of(app, "#week-table")  # the table is still there, below the chart


async def test_the_week_chart_in_swedish(tmp_path):
    app = app_of(a_week(tmp_path, first=MONDAY + dt.timedelta(days=1)), "sv")
    async with app.run_test(size=SIZE) as pilot:
        lines = await open_week(pilot)
        assert lines[0] == "Veckan som bild · vecka 2026-W48 · mån 23 nov – sön 29 nov"
        time = part(lines, "Registrerad tid · proaktiv andel")
        assert list(time) == ["mån 23", "tis 24", "ons 25", "tors 26", "fre 27", "lör 28", "sön 29"]
        assert time["mån 23"].strip() == "innan loggen började"
        assert time["tors 26"].strip() == "inte kommit än"
        assert time["ons 25"].endswith("40m · 100\u00a0% hittills")  # a no-break space before %
        assert part(lines, "Mejlkollar per dag · budget 3 (│)")["tis 24"].endswith("0/3")
        focus = part(lines, "Fokus: längsta fokuspasset per dag · ett fokuspass från 25 min (│)")
        assert focus["tis 24"].endswith("1 fokuspass · 30m")
        assert (
            "proaktivt"
            in lines[lines.index(next(x for x in lines if x.startswith("Registrerad tid · proaktiv andel")))]
        )


async def test_the_table_stays_below_the_chart_and_the_window_scrolls_to_it(tmp_path):
    app = app_of(a_week(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_week(pilot)
        box, chart, table = (app.screen.query_one(s) for s in ("#report", "#week-chart", "#week-table"))
        assert table.region.y >= chart.region.bottom and box.max_scroll_y > 0
        await press(pilot, "end")
        assert box.scroll_y == box.max_scroll_y and box.scroll_y >= chart.size.height


async def test_an_empty_log_opens_the_week_with_nothing_drawn_and_no_error(tmp_path):
    """No event at all (the log has not begun): every day before today is before the log, today is lived
    so far with nothing tracked, no bar has a length (the week's scale is 0)."""
    app = app_of(make_tracker(tmp_path, "2026-11-25T11:00"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # an empty day offers the template: not now
        await press(pilot, "n")
        time = part(await open_week(pilot), "Time tracked · proactive share")
        assert time["Mon 23"].strip() == time["Tue 24"].strip() == "before the log began"
        assert time["Wed 25"].split() == ["0m", "·", "–", "so", "far"]
        assert time["Sat 28"].strip() == "not yet lived"


@pytest.mark.parametrize(
    "date, state",
    [("2026-11-23", "before_log"), ("2026-11-26", "to_come"), ("2026-11-22", "day_off"), ("2026-11-25", "lived")],
)
def test_a_day_without_tracked_time_is_said_as_what_it_is(date, state):
    day = dataclasses.replace(a_work_day(dt.date.fromisoformat(date)), work_day=False)
    assert day_state(day, today=dt.date(2026, 11, 25), work_days=(0, 1, 2, 3, 4)) == state


def test_a_day_off_with_tracked_time_is_drawn():
    sunday = a_work_day(dt.date(2026, 11, 22))
    worked = dataclasses.replace(sunday, work_day=False, seconds=dataclasses.replace(sunday.seconds, tracked=600))
    assert day_state(worked, today=dt.date(2026, 11, 25), work_days=(0, 1, 2, 3, 4)) == "lived"
