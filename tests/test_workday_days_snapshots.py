"""Snapshots of the workday screen showing another day at 80×24 (issue 13, "Any day on the screen"): the
Monday before the busy morning, read-only, in English and in Swedish; the date prompt.

Record again after an intended change: pytest tests/test_workday_days_snapshots.py --snapshot-update
"""

from __future__ import annotations

import dataclasses

from focus.store.paths import Paths
from focus.tui.app import build_app
from tests.test_tui_snapshots import busy_morning
from tests.test_workday_days import MONDAY, at, plan_on
from tests.tui_helpers import make_app, press, settle

SIZE = (80, 24)


def with_a_monday(folder):
    """The busy morning of Tue 24 Nov, and the Monday before it: a visit, calls, two email checks."""
    tracker = busy_morning(folder)
    visit = plan_on(tracker, MONDAY, "09:00", "10:00", "visits", "Acme AB")
    plan_on(tracker, MONDAY, "10:15", "11:00", "calls", "Ring Monday's list")
    tracker.start(at(MONDAY, "09:00"), visit)
    tracker.stop(at(MONDAY, "09:50"))
    tracker.count("meeting", at(MONDAY, "09:45"))
    tracker.log("email", at(MONDAY, "11:00"))
    tracker.log("email", at(MONDAY, "14:00"))
    return tracker


async def step_back(pilot) -> None:
    await settle(pilot)
    await press(pilot, "left_square_bracket")


def test_a_past_day_at_80x24(snap_compare, tmp_path):
    assert snap_compare(make_app(with_a_monday(tmp_path)), terminal_size=SIZE, run_before=step_back)


def test_a_past_day_at_80x24_in_swedish(snap_compare, tmp_path):
    tracker = with_a_monday(tmp_path)
    folder = tracker.store.path.parent
    config = dataclasses.replace(tracker.config, language="sv")
    app = build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=step_back)


def test_the_date_prompt_at_80x24(snap_compare, tmp_path):
    async def prompt(pilot) -> None:
        await settle(pilot)
        await press(pilot, "g")
        await pilot.press(*"someday", "enter")
        await settle(pilot)

    assert snap_compare(make_app(with_a_monday(tmp_path)), terminal_size=SIZE, run_before=prompt)
