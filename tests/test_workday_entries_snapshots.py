"""Snapshots of the list of entries (``l``) and its correction form (issue 13) on the busy morning of
tests/test_tui_snapshots.py, at 80×24, 100×32 and 160×48.

Record again after an intended change: pytest tests/test_workday_entries_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.test_tui_snapshots import busy_morning
from tests.tui_helpers import make_app, press, settle

SIZES = [(80, 24), (100, 32), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entry_list(snap_compare, tmp_path, size):
    async def open_list(pilot) -> None:
        await settle(pilot)
        await press(pilot, "l", "down")

    assert snap_compare(make_app(busy_morning(tmp_path)), terminal_size=size, run_before=open_list)


def test_entry_form_at_80x24(snap_compare, tmp_path):
    async def open_form(pilot) -> None:
        await settle(pilot)
        await press(pilot, "l", "down", "enter")

    assert snap_compare(make_app(busy_morning(tmp_path)), terminal_size=(80, 24), run_before=open_form)
