"""Snapshots of the workday screen at 160×48 (issue 13): the busy morning of tests/test_tui_snapshots.py on
a large terminal, and its week window (``W``) drawn whole.

Record again after an intended change: pytest tests/test_workday_snapshots.py --snapshot-update
"""

from __future__ import annotations

from tests.test_tui_snapshots import busy_morning
from tests.tui_helpers import make_app, settle

SIZE = (160, 48)


def test_main_screen_at_160x48(snap_compare, tmp_path):
    assert snap_compare(make_app(busy_morning(tmp_path)), terminal_size=SIZE, run_before=settle)


def test_week_window_at_160x48(snap_compare, tmp_path):
    async def open_week(pilot) -> None:
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)

    assert snap_compare(make_app(busy_morning(tmp_path)), terminal_size=SIZE, run_before=open_week)
