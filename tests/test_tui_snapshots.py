"""Snapshots of the workday screen with a fixed clock and data (pytest-textual-snapshot).

Record again after an intended change: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.tui_helpers import make_app, make_tracker, plan, settle

TITLES = ("Inbox batch", "Acme AB", "Ring the Q4 list", "Globex", "Lunch")


def busy_morning(folder, titles=TITLES):
    """10:20 on Tue 24 Nov: a visit done, calls running, five email checks (over the budget of 3)."""
    tracker = make_tracker(folder, "2026-11-24T10:20")
    email, acme, calls, globex, lunch = titles
    plan(
        tracker,
        ("08:30", "08:45", "email", email),
        ("09:00", "10:00", "visits", acme),
        ("10:05", "10:45", "calls", calls),
        ("11:00", "12:00", "visits", globex),
        ("12:00", "12:45", "lunch", lunch),
    )
    at = lambda hhmm: tracker.clock.fixed_ms - (10 * 60 + 20 - int(hhmm[:2]) * 60 - int(hhmm[3:])) * 60_000  # noqa: E731
    tracker.start(at("08:30"), "1")
    tracker.stop(at("08:45"))
    tracker.start(at("09:00"), "2")
    tracker.log("email", at("09:12"))
    tracker.log("phone", at("09:30"), minutes=6)
    tracker.stop(at("09:58"))
    tracker.count("meeting", at("09:55"))
    tracker.start(at("10:05"), "3")
    for minute in ("08:50", "09:40", "10:10", "10:18"):
        tracker.log("email", at(minute))
    tracker.count("call", at("10:12"), 6)
    return tracker


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_main_screen_mid_morning_over_email_budget(snap_compare, tmp_path, size):
    assert snap_compare(make_app(busy_morning(tmp_path)), terminal_size=size, run_before=settle)


def test_help_screen(snap_compare, tmp_path):
    assert snap_compare(
        make_app(busy_morning(tmp_path)), press=["question_mark"], terminal_size=(100, 32), run_before=settle
    )
