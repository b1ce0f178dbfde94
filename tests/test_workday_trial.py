"""Defects found when issue 13's simulated day was lived in tmux as a new user would: each has a test that
failed before its fix. Pilot tests through the app factory with a fixed clock; CLI tests in-process."""

from __future__ import annotations

from focus.tui.screens import BlockForm
from tests.test_workday_entries import a_morning, at
from tests.tui_helpers import DAY, make_app, plan, press, settle

SIZE = (100, 32)


def test_the_running_block_cannot_be_removed_from_the_plan(focus):
    focus("plan", "add", "17-19", "calls", "Kvällsring")
    focus("start", "--at", "17:30")
    before = focus.event_count()
    result = focus("plan", "rm", "1", ok=False)
    assert (result.exit_code, result.stderr) == (
        2,
        "focus: 'Kvällsring' is running: stop it first, then remove it; space on the workday screen, or focus stop\n",
    )
    assert focus.event_count() == before
    focus("stop")
    focus("plan", "rm", "1")  # once stopped it may go; its session stays, the time was spent
    assert focus.json("report")["seconds"]["proactive"] == 30 * 60


async def test_x_on_the_running_block_says_why_and_leaves_it_running(tmp_path):
    tracker = a_morning(tmp_path)
    plan(tracker, ("10:30", "12:00", "calls", "Ring the rest"))
    tracker.start(at("10:30"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")  # the selection starts on the running block
        assert any("'Ring the rest' is running: stop it first" in n.message for n in app._notifications)
        assert [b.title for b in tracker.day(DAY).blocks] == ["Ring the Q4 list", "Ring the rest"]
        assert app.workday.summary.running_session is not None


async def test_a_bad_title_in_the_block_form_keeps_the_form_and_says_why(tmp_path):
    tracker = a_morning(tmp_path)
    app = make_app(tracker)
    before = tracker.store.count()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        app.screen.query_one("#range").value = "20:00-20:30"
        app.screen.query_one("#title").value = "Ring\x07 Volvo"
        await press(pilot, "enter")
        assert isinstance(app.screen, BlockForm)
        assert "control character" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#title").value = "x" * 130
        await press(pilot, "enter")
        assert isinstance(app.screen, BlockForm) and "130 characters" in str(
            app.screen.query_one("#form-error").render()
        )
    assert tracker.store.count() == before


def test_the_json_report_says_how_long_a_block_was_extended(focus, tmp_path):
    from tests.tui_helpers import make_tracker

    focus("plan", "add", "10-10:15", "calls", "Warm-up")
    focus("start", "1", "--at", "10:00")
    tracker = make_tracker(tmp_path, "2026-11-24T10:10")
    tracker.extend(tracker.day(DAY).blocks[0], 45)  # + pressed three times on the screen
    block = focus.json("report")["blocks"][0]
    assert (block["end"], block["extended_seconds"]) == ("10:15", 45 * 60)
    assert "10:00–10:15 +45m" in focus("report").stdout


async def test_u_on_the_screen_undoes_todays_newest_even_when_another_days_entry_is_newer(tmp_path):
    tracker = a_morning(tmp_path)
    tracker.count("deal", at("10:30"))  # today's newest
    tracker.log("phone", at("10:00") - 24 * 3600 * 1000)  # yesterday's, logged after it (focus log --date)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "u")
        assert any("Undid 1 × deal at 10:30." in n.message for n in app._notifications)
        assert app.workday.summary.outcomes["deal"] == 0
