"""The workday screen as a seller lives it (issue 13): honest block states, targets on screen, bars that
agree with the share, toasts that leave the Outcomes panel readable. Pilot tests with a fixed clock on a
real database in tmp_path; the clock is ticked by hand (``tick``), never waited for."""

from __future__ import annotations

import pytest

from focus.core.clock import local_ms
from tests.tui_helpers import DAY, ZONE, make_app, make_tracker, plan, press, settle, text_of, tick

SIZE = (100, 32)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def at(clock: str) -> int:
    """An instant of DAY, local time."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    return local_ms(DAY, dt.time.fromisoformat(clock), ZoneInfo(ZONE))


async def test_a_block_extended_into_the_next_hands_over_at_its_extended_end(tmp_path):
    """Defect 1: 10:03–10:14 auto-starts, ``+`` runs it until 10:29; the 10:15 block must not be announced
    as starting while the first runs, and it starts when the first stops at 10:29."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:02:59")
    plan(tracker, ("10:03", "10:14", "calls", "Warm-up"), ("10:15", "10:45", "calls", "Ring the Q4 list"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tracker.clock.advance(6)  # 10:03:05
        await tick(pilot)
        first, second = app.workday.day_log.blocks
        assert app.workday.summary.running_session.block_id == first.id
        await press(pilot, "plus")
        tracker.clock.advance(12 * 60)  # 10:15:05: the first still runs
        await tick(pilot)
        assert app.workday.summary.running_session.block_id == first.id
        assert not any("Ring the Q4 list starts now" in n for n in notes(app))
        assert str(app.workday.query_one("#plan").get_row_at(1)[-1]) == "upcoming"  # not "due now": it waits
        assert any("Ring the Q4 list starts at 10:29, when Warm-up ends" in n for n in notes(app))
        tracker.clock.advance(14 * 60)  # 10:29:05
        await tick(pilot)
        await tick(pilot)
        running = app.workday.summary.running_session
        assert running is not None and running.block_id == second.id
        assert running.start == at("10:29")
        sessions = tracker.day(DAY).sessions
        assert [(s.block_id, s.start, s.end) for s in sessions] == [
            (first.id, at("10:03"), at("10:29")),
            (second.id, at("10:29"), None),
        ]
        assert any("Ring the Q4 list starts now" in n for n in notes(app))


async def test_a_block_stopped_by_hand_inside_its_extension_does_not_start_the_next(tmp_path):
    """The handover is for a block that ran to its extended end; a block stopped by hand stays a pause."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:03:00")
    plan(tracker, ("10:03", "10:14", "calls", "Warm-up"), ("10:15", "10:45", "calls", "Ring the Q4 list"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tick(pilot)
        await press(pilot, "plus")
        tracker.clock.advance(17 * 60)  # 10:20
        await press(pilot, "space")
        tracker.clock.advance(9 * 60 + 5)  # 10:29:05
        await tick(pilot)
        assert app.workday.summary.running_session is None
        assert len(tracker.day(DAY).sessions) == 1


async def test_inside_a_block_with_no_session_the_screen_says_it_is_due_and_a_past_one_is_missed(tmp_path):
    """Defect 3: opened at 10:20 inside 10:15–10:45 with no session (auto-start long past), the Now panel
    says what is planned now and that space starts it; the row is not "upcoming"; 09:00–10:00, never
    tracked, is "missed"."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:20")
    plan(
        tracker,
        ("09:00", "10:00", "visits", "Acme AB"),
        ("10:15", "10:45", "calls", "Ring the Q4 list"),
        ("11:00", "12:00", "visits", "Globex"),
    )
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert text_of(app, "#now-title") == "■ Ring the Q4 list is planned now"
        assert app.workday.query_one("#now").border_subtitle == "space starts it"
        table = app.workday.query_one("#plan")
        states = [str(table.get_row_at(row)[-1]) for row in range(3)]
        assert states == ["missed", "due now", "upcoming"]
        await press(pilot, "space")
        assert app.workday.summary.running_session.block_id == app.workday.day_log.blocks[1].id
        assert str(table.get_row_at(1)[-1]) == "running"
        assert app.workday.query_one("#now").border_subtitle == ""
        tracker.clock.advance(30 * 60)  # 10:50: between blocks, nothing planned now
        await press(pilot, "space")
        assert text_of(app, "#now-title") == "■ no block running · space: start"
        assert app.workday.query_one("#now").border_subtitle == ""


async def test_the_running_block_shows_its_targets_and_the_day_its_budget_and_visits(tmp_path):
    """Defect 4: a block planned with ``call=20`` shows "call 3/20" (the calls counted while it runs);
    the day's counters stay against theirs: email 1/3, visits 0/4."""
    import datetime as dt

    from focus.core.plan import PlannedBlock

    tracker = make_tracker(tmp_path, "2026-11-24T10:05")
    tracker.plan([PlannedBlock(DAY, dt.time(10), dt.time(11), "calls", "Ring the Q4 list", (("call", 20),))])
    tracker.count("call", at("09:30"))  # before the block: the day's, not the block's
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "call 3/20" not in text_of(app, "#outcomes")
        await press(pilot, "space")
        for _ in range(3):
            tracker.clock.advance(60)
            await press(pilot, "1")
        await press(pilot, "e")
        outcomes = text_of(app, "#outcomes")
        assert "call 4  meeting 0  quote 0  deal 0" in outcomes
        assert "Ring the Q4 list: call 3/20" in outcomes
        assert "visits 0/4" in outcomes
        assert "email 1/3" in text_of(app, "#interruptions")
        await press(pilot, "space")  # stopped: no running block, no block targets
        assert "3/20" not in text_of(app, "#outcomes")


async def test_early_in_the_day_the_bars_agree_with_the_share(tmp_path):
    """Defect 7: 30 s proactive and 22 s reactive are 58 % proactive: the bars draw 7 and 5 of 12 cells
    (not 12 and 0), and the times say seconds, not "0m"."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:00")
    plan(tracker, ("10:00", "11:00", "calls", "Ring the Q4 list"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tick(pilot)  # auto-start at 10:00
        tracker.clock.advance(30)
        await press(pilot, "p")
        tracker.clock.advance(22)
        await press(pilot, "enter")
        lines = text_of(app, "#today").splitlines()
        proactive, reactive, neutral = lines[:3]
        assert proactive.count("█") == 7 and "30s" in proactive and "58 %" in proactive
        assert reactive.count("▒") == 5 and "22s" in reactive
        assert neutral.count("░") == 0 and "0m" in neutral


@pytest.mark.parametrize("size", [(80, 24), (100, 32), (160, 48)])
async def test_toasts_leave_the_outcomes_and_interruptions_panels_readable(tmp_path, size):
    """Defect 14: a toast showing while 1–4 are pressed does not cover the counters they change."""
    from textual.widgets._toast import Toast

    tracker = make_tracker(tmp_path, "2026-11-24T10:05")
    plan(tracker, ("10:00", "11:00", "calls", "Ring the Q4 list"))
    app = make_app(tracker)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "plus", "n")  # two warnings: nothing runs to extend, no block after this one
        await press(pilot, "1", "2")
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 2
        for panel in ("#outcomes", "#interruptions"):
            region = app.workday.query_one(panel).region
            assert all(not toast.region.overlaps(region) for toast in toasts), panel
        assert "call 1  meeting 1" in text_of(app, "#outcomes")


async def test_the_screen_and_the_report_count_visits_by_one_rule_in_one_wording(tmp_path):
    """Defect 6: Globex (tracked) and Initech (planned, begun, never tracked) are both visits of the day:
    the screen and the report each say "visits 2/4 · 0 debriefed"; Umbrella, not begun, is not one."""
    from focus.reports.day import to_markdown

    tracker = make_tracker(tmp_path, "2026-11-24T16:00")
    plan(
        tracker,
        ("10:15", "11:00", "visits", "Globex"),
        ("14:00", "15:00", "visits", "Initech"),
        ("16:30", "17:00", "visits", "Umbrella"),
    )
    tracker.start(at("10:15"), "1")
    tracker.stop(at("10:55"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "visits 2/4 · 0 debriefed" in text_of(app, "#outcomes")
        await press(pilot, "r")
        assert "visits 2/4 · 0 debriefed · decision maker known 0" in text_of(app, "#report")
    assert "**Debrief:** visits 2/4 · 0 debriefed · decision maker known 0" in to_markdown(tracker.summary(DAY))
