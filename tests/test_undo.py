"""Undo: an event naming its target; undone events do not exist for any report (rule 9)."""

from __future__ import annotations

from focus.core import daylog
from focus.core.events import UNDO
from focus.core.model import Event


def test_undo_removes_its_target_and_itself():
    events = [
        Event("A", 1, "UTC", "2026-11-24", "outcome", {"kind": "call", "count": 1}),
        Event("B", 2, "UTC", "2026-11-24", UNDO, ref="A"),
        Event("C", 3, "UTC", "2026-11-24", "outcome", {"kind": "call", "count": 2}),
    ]
    assert [e.id for e in daylog.live(events)] == ["C"]


def test_undo_says_what_it_undid_and_reports_follow(focus):
    day = ("--date", "2026-11-24")
    focus("count", "call", "5", *day, "--at", "9:00")
    focus("count", "meeting", *day, "--at", "9:05")
    result = focus("undo")
    assert result.stdout.strip() == "undid 1 × meeting at 09:05 (today, 2026-11-24)"
    assert focus.json("report", "2026-11-24")["outcomes"]["meeting"] == 0
    assert focus("undo").stdout.strip() == "undid 5 × call at 09:00 (today, 2026-11-24)"
    assert focus.json("report", "2026-11-24")["outcomes"]["call"] == 0
    assert focus.event_count() == 4  # nothing is deleted: two outcomes, two undo events
    failed = focus("undo", ok=False)
    assert failed.exit_code == 2 and failed.stderr == "focus: nothing to undo\n"


def test_undoing_a_start_resumes_the_session_it_had_stopped(focus):
    day = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "calls", *day)
    focus("plan", "add", "10:00-11:00", "lunch", *day)
    focus("start", "1", *day, "--at", "9:00")
    focus("start", "2", *day, "--at", "9:30")
    assert "start of lunch" in focus("undo").stdout
    report = focus.json("report", "2026-11-24", now="2026-11-24T10:00")
    assert report["seconds"]["proactive"] == 3600 and report["blocks"][0]["state"] == "running"


def test_undo_of_a_plan_entry_removes_the_block(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", "2026-11-24")
    assert "planned block 09:00–10:00 calls 'Ring'" in focus("undo").stdout
    assert focus.json("plan", "ls", "--date", "2026-11-24") == []
