"""Issue 13 #2: the future cannot be recorded. Tracking a moment more than a minute ahead of the clock is
refused (one line, exit 2, nothing written) from the CLI and the inbox alike; planning ahead stays allowed."""

from __future__ import annotations

import pytest

from focus.core.clock import Clock
from focus.sources.inbox import Rejected, to_event
from tests.source_helpers import tracker_factory

NOW = "2026-11-24T10:30"


@pytest.mark.parametrize(
    "args",
    [
        ("start", "1", "--at", "16:00"),
        ("count", "deal", "--at", "16:40"),
        ("log", "email", "--at", "23:00"),
        ("log", "email", "--date", "2027-06-01", "--at", "9"),
        ("log", "phone", "--date", "tomorrow", "--at", "8"),
        ("stop", "--at", "10:32"),
        ("back", "--at", "11:00"),
    ],
)
def test_a_moment_ahead_of_the_clock_is_refused_and_nothing_is_written(focus, args):
    focus("plan", "add", "09:00-17:00", "calls", "Ring the Q4 list", now=NOW)  # planning ahead is fine
    focus("start", "1", "--at", "09:00", now=NOW)
    focus("log", "phone", "--at", "10:25", now=NOW)
    before = focus.event_count()
    result = focus(*args, now=NOW, ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("focus: ") and "has not happened yet" in lines[0]
    assert focus.event_count() == before


def test_the_report_counts_nothing_of_the_refused_future(focus):
    focus("count", "deal", "--at", "16:40", now=NOW, ok=False)
    focus("log", "email", "--at", "23:00", now=NOW, ok=False)
    report = focus.json("report", now=NOW)
    assert report["outcomes"].get("deal", 0) == 0
    assert focus.event_count() == 0


def test_up_to_a_minute_ahead_is_allowed_for_a_clock_a_little_behind(focus):
    focus("count", "call", "--at", "10:31", now=NOW)
    focus("log", "email", "--at", "10:31", now=NOW)
    assert focus.event_count() == 2


def test_the_inbox_refuses_the_future_too(tmp_path):
    clock = Clock.fixed("Europe/Stockholm", NOW)
    tracker = tracker_factory(tmp_path / "focus.db", clock, "inbox")()
    now = clock.now_ms()
    for record in (
        {"type": "interruption", "kind": "phone", "at": "2026-11-24T16:00:00+01:00"},
        {"type": "outcome", "kind": "deal", "at": "2026-11-25T09:00:00"},
    ):
        with pytest.raises(Rejected, match="has not happened yet"):
            to_event(record, tracker, now, {})
    assert to_event({"type": "outcome", "kind": "deal", "at": "2026-11-24T10:00:00"}, tracker, now, {}).type
    tracker.store.close()
