"""Snapshots of the week chart (``W``) at 80×24, 100×32 and 160×48 (issue 13, "Done when"), on Wednesday
25 Nov at 11:00 of a week lived since Monday (tests/test_week_chart_screen.py's ``a_week``): Monday and
Tuesday drawn, Wednesday so far, Thursday to Sunday not yet lived; and in Swedish at 100×32, with the
log begun on Tuesday (Monday before the log).

Record again after an intended change: pytest tests/test_week_chart_snapshots.py --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_week_chart_screen import MONDAY, a_week, app_of
from tests.tui_helpers import settle


async def open_week(pilot) -> None:
    await settle(pilot)
    await pilot.press("W")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (100, 32), (160, 48)], ids=["80x24", "100x32", "160x48"])
def test_week_chart(snap_compare, tmp_path, size):
    assert snap_compare(app_of(a_week(tmp_path)), terminal_size=size, run_before=open_week)


def test_week_chart_in_swedish(snap_compare, tmp_path):
    app = app_of(a_week(tmp_path, first=MONDAY + dt.timedelta(days=1)), "sv")
    assert snap_compare(app, terminal_size=(100, 32), run_before=open_week)
