"""Snapshots of the workday screen in Swedish (``language = "sv"``): the busy morning of the English
snapshots, at 100×32 and 80×24, and the key list.

Record again after an intended change: pytest tests/test_tui_swedish_snapshots.py --snapshot-update
"""

from __future__ import annotations

import dataclasses

import pytest

from focus.store.paths import Paths
from focus.tui.app import FocusApp, build_app
from tests.test_tui_snapshots import busy_morning
from tests.tui_helpers import settle


def swedish_app(folder) -> FocusApp:
    """The shipped factory on the busy morning, its config saying ``language = "sv"``."""
    tracker = busy_morning(folder)
    config = dataclasses.replace(tracker.config, language="sv")
    return build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_main_screen_in_swedish(snap_compare, tmp_path, size):
    assert snap_compare(swedish_app(tmp_path), terminal_size=size, run_before=settle)


def test_help_screen_in_swedish(snap_compare, tmp_path):
    assert snap_compare(swedish_app(tmp_path), press=["question_mark"], terminal_size=(100, 32), run_before=settle)
