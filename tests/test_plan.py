"""The day plan: add, ls, rm, template, copy — and starting the block planned at a moment."""

from __future__ import annotations

import pytest

from focus.core.clock import Clock
from focus.core.errors import FocusError
from focus.store import config_file
from focus.store.database import Store
from focus.tracking import Tracker

DAY = "2026-11-24"


def test_template_plans_the_configured_day(focus):
    assert focus("plan", "template", "--date", DAY).stdout.strip() == f"planned 10 blocks from the template on {DAY}"
    blocks = focus.json("plan", "ls", "--date", DAY)
    assert [(b["start"], b["end"], b["category"]) for b in blocks][:3] == [
        ("08:30", "08:45", "email"),
        ("09:00", "10:00", "visits"),
        ("10:15", "10:45", "calls"),
    ]
    refused = focus("plan", "template", "--date", DAY, ok=False)  # would overlap itself: all or nothing
    assert refused.exit_code == 2 and "overlaps" in refused.stderr
    assert len(focus.json("plan", "ls", "--date", DAY)) == 10


def test_plan_add_with_targets_and_title_and_ls_text(focus):
    out = focus(
        "plan", "add", "9-10.30", "calls", "Ring", "the", "Q4", "list", "--target", "call=20", "--date", DAY
    ).stdout
    assert out.startswith(f"planned 09:00–10:30 calls 'Ring the Q4 list' on {DAY} (")
    listing = focus("plan", "ls", "--date", DAY).stdout
    assert "Plan for Tue 24 Nov 2026" in listing
    assert "09:00–10:30  calls     proactive  Ring the Q4 list  [call=20]" in listing


def test_plan_rm_by_number_and_by_id(focus):
    focus("plan", "add", "09:00-10:00", "calls", "--date", DAY)
    focus("plan", "add", "10:00-11:00", "quotes", "--date", DAY)
    focus("plan", "add", "11:00-12:00", "visits", "Acme", "--date", DAY)
    first, _, third = focus.json("plan", "ls", "--date", DAY)
    assert "removed 11:00–12:00 visits 'Acme'" in focus("plan", "rm", third["id"], "--date", DAY).stdout
    focus("plan", "rm", "1", "--date", DAY)
    assert [b["category"] for b in focus.json("plan", "ls", "--date", DAY)] == ["quotes"]
    # the freed time can be planned again
    focus("plan", "add", "09:30-10:00", "followup", "--date", DAY)
    assert first["id"] not in focus("plan", "ls", "--date", DAY).stdout


def test_plan_copy_from_another_day(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--target", "call=10", "--date", "2026-11-23")
    focus("plan", "add", "13:00-14:00", "visits", "Acme", "--date", "2026-11-23")
    assert (
        focus("plan", "copy", "--from", "mon", "--date", DAY).stdout.strip()
        == f"planned 2 blocks on {DAY} as on 2026-11-23"
    )
    copied = focus.json("plan", "ls", "--date", DAY)
    assert [(b["start"], b["title"], b["targets"]) for b in copied] == [
        ("09:00", "Ring", {"call": 10}),
        ("13:00", "Acme", {}),
    ]
    empty = focus("plan", "copy", "--from", "2026-11-01", "--date", DAY, ok=False)
    assert empty.exit_code == 2 and "nothing is planned on 2026-11-01" in empty.stderr


def test_start_without_a_block_takes_the_one_planned_now(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", DAY)
    focus("plan", "add", "10:00-11:00", "quotes", "Quote", "--date", DAY)
    assert "started quotes 'Quote'" in focus("start", now=f"{DAY}T10:05").stdout
    nothing = focus("start", now=f"{DAY}T12:00", ok=False)
    assert nothing.exit_code == 2 and "no block is planned at 12:00" in nothing.stderr


def test_starting_a_block_while_another_runs_stops_the_first(focus):
    focus("plan", "add", "09:00-10:00", "calls", "--date", DAY)
    focus("plan", "add", "10:00-11:00", "lunch", "--date", DAY)
    focus("start", "1", "--date", DAY, "--at", "9:00")
    focus("start", "2", "--date", DAY, "--at", "9:40")
    again = focus("start", "2", "--date", DAY, "--at", "9:50", ok=False)
    assert again.exit_code == 2 and "already running since 09:40" in again.stderr
    focus("stop", "--date", DAY, "--at", "10:10")
    report = focus.json("report", DAY)
    assert report["seconds"]["proactive"] == 40 * 60 and report["seconds"]["neutral"] == 30 * 60
    assert [b["worked_seconds"] for b in report["blocks"]] == [40 * 60, 30 * 60]


def test_plain_focus_opens_the_workday_screen(focus, monkeypatch):
    from focus.tui import app as tui_app

    opened = []
    monkeypatch.setattr(tui_app, "run_app", lambda paths, config, clock: opened.append((paths, clock.now_ms())))
    focus(now=f"{DAY}T08:00")
    assert opened == [(focus.paths, Clock.fixed("Europe/Stockholm", f"{DAY}T08:00").now_ms())]


def test_the_service_says_what_and_only_the_cli_says_which_command_to_run(focus):
    """The tracker's messages reach the workday screen too: they name no command; the CLI adds its hint."""
    result = focus("start", "7", "--date", DAY, "--at", "9", ok=False)
    assert result.stderr == f"focus: no block number 7 on {DAY} (0 planned); see focus plan ls\n"
    result = focus("count", "call", "0", ok=False)
    assert result.stderr == "focus: count 0: must be between 1 and 10000; to take one back: focus undo\n"
    clock = Clock.fixed("Europe/Stockholm", f"{DAY}T09:00")
    with Store(focus.paths.db_file) as store:
        tracker = Tracker(store, config_file.load(focus.paths.config_file), clock)
        attempts = (
            lambda: tracker.find_block(clock.today(), "zz"),
            lambda: tracker.start(clock.now_ms()),
            lambda: tracker.count("call", clock.now_ms(), 0),
        )
        for attempt in attempts:
            with pytest.raises(FocusError) as raised:
                attempt()
            assert "focus " not in str(raised.value) and raised.value.hint and "focus " in raised.value.hint
