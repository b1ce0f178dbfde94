"""The workday TUI driven with Textual's pilot: the app the CLI builds, a fixed clock, a real database in
tmp_path. Database work runs in the screen's worker thread, so each key is followed by a bounded wait
for its answer (``press``), and the clock is ticked by hand (``tick``), never waited for."""

from __future__ import annotations

import threading

import pytest

from focus.core.events import SESSION_START
from focus.tui.screens import BlockForm, ConfirmScreen, HelpScreen, ReportScreen
from tests.tui_helpers import DAY, make_app, make_tracker, plan, press, settle, text_of, tick

SIZE = (100, 32)


@pytest.fixture
def tracker(tmp_path):
    t = make_tracker(tmp_path, "2026-11-24T10:05")
    plan(t, ("10:00", "11:00", "calls", "Ring the Q4 list"), ("11:00", "12:00", "visits", "Acme AB"))
    return t


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_space_starts_and_stops_the_current_block(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        assert app.workday.summary.running_session.block_id == app.workday.day_log.blocks[0].id
        assert "▶ Ring the Q4 list · calls · proactive · left" in text_of(app, "#now-title")
        assert "running" in str(app.workday.query_one("#plan").get_row_at(0))
        tracker.clock.advance(10 * 60)
        await press(pilot, "space")
        assert app.workday.summary.running_session is None
        session = tracker.day(DAY).sessions[0]
        assert (session.end - session.start) == 10 * 60_000


@pytest.mark.parametrize(
    "key, kind", [("e", "email"), ("p", "phone"), ("t", "chat"), ("w", "walk-in"), ("i", "self"), ("o", "other")]
)
async def test_each_interruption_key_then_enter(tracker, key, kind):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, key)
        assert app.workday.summary.running_interruption.kind == kind
        assert "enter: back to work" in text_of(app, "#now-interruption")
        tracker.clock.advance(60)
        await press(pilot, "enter")
        assert app.workday.summary.running_interruption is None
        assert text_of(app, "#now-interruption") == ""
        assert app.workday.summary.interruptions_by_kind[kind] == 1
        assert app.workday.summary.totals["reactive"] == 60_000


async def test_another_interruption_key_ends_the_running_one(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        tracker.clock.advance(90)
        await press(pilot, "p")
        assert app.workday.summary.running_interruption.kind == "phone"
        tracker.clock.advance(30)
        await press(pilot, "enter")
        assert app.workday.summary.totals["reactive"] == 120_000  # 90 s of email, then 30 s of phone


async def test_left_alone_an_interruption_ends_after_its_default(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "t")  # chat: 2 minutes by default
        tracker.clock.advance(121)
        await tick(pilot)
        assert app.workday.summary.running_interruption is None and app.workday.summary.totals["reactive"] == 120_000
        await press(pilot, "enter")  # nothing to end: said, not silent
        assert "No interruption is running." in notes(app)


async def test_outcome_keys_count_calls_meetings_quotes_deals(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "1", "2", "3", "4", "1")
        assert app.workday.summary.outcomes == {"call": 3, "meeting": 1, "quote": 1, "deal": 1}
        assert "call 3  meeting 1  quote 1  deal 1" in text_of(app, "#outcomes")


async def test_undo_takes_back_the_newest_entry_and_says_what(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "e", "u")
        assert app.workday.summary.interruptions_by_kind["email"] == 0 and app.workday.summary.outcomes["call"] == 1
        assert "Undid email check at 10:05." in notes(app)
        await press(pilot, "u")
        assert app.workday.summary.outcomes["call"] == 0
        assert "Undid 1 × call at 10:05." in notes(app)


async def test_add_block_form_shows_a_bad_range_and_writes_nothing(tracker):
    app = make_app(tracker)
    before = tracker.store.count()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await pilot.pause()
        assert isinstance(app.screen, BlockForm)
        await press(pilot, *"14-13", "enter")
        error = str(app.screen.query_one("#form-error").render())
        assert "ends before it starts" in error
        assert tracker.store.count() == before and isinstance(app.screen, BlockForm)
        app.screen.query_one("#range").value = ""
        app.screen.query_one("#range").focus()
        await press(pilot, *"13-14", "tab", "tab", *"Globex", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, BlockForm)
        assert [b.title for b in tracker.day(DAY).blocks] == ["Ring the Q4 list", "Acme AB", "Globex"]
        assert tracker.day(DAY).blocks[2].category == "calls"  # the first category, as offered


async def test_add_block_form_refuses_an_overlap(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await pilot.pause()
        await press(pilot, *"10:30-11:30", "enter")
        assert "overlaps 10:00-11:00" in str(app.screen.query_one("#form-error").render())
        await press(pilot, "escape")
        await pilot.pause()
        assert len(tracker.day(DAY).blocks) == 2


async def test_edit_and_remove_the_selected_block(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "E")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#range").value == "11:00-12:00"
        form.query_one("#range").value = "11:15-12:15"
        form.query_one("#range").focus()
        await press(pilot, "enter")
        await pilot.pause()
        assert [(b.start_text, b.title) for b in tracker.day(DAY).blocks][1] == ("11:15", "Acme AB")
        await press(pilot, "x")
        assert [b.title for b in tracker.day(DAY).blocks] == ["Ring the Q4 list"]


async def test_auto_start_at_the_planned_minute_and_auto_stop_at_the_end(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T09:59:30")
    plan(tracker, ("10:00", "10:30", "calls", "Ring"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.workday.summary.running_session is None
        tracker.clock.advance(40)  # 10:00:10
        for _ in range(50):  # the app's own 1 s tick, bounded wait (5 s)
            await pilot.pause(0.1)
            if app.workday.summary.running_session is not None:
                break
        started = app.workday.summary.running_session
        assert started is not None and started.start == app.workday.day_log.blocks[0].start
        assert any("starts now" in n for n in notes(app))
        tracker.clock.advance(30 * 60)  # 10:30:10
        await tick(pilot)
        assert app.workday.summary.running_session is None
        session = tracker.day(DAY).sessions[0]
        assert session.end == app.workday.day_log.blocks[0].end  # stopped at its planned end
        tracker.clock.advance(5)
        await tick(pilot)  # a block that ended stays stopped
        assert len(tracker.day(DAY).sessions) == 1


async def test_a_block_stopped_early_stays_stopped(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T10:00:00")
    plan(tracker, ("10:00", "10:30", "calls", "Ring"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tick(pilot)
        assert app.workday.summary.running_session is not None
        tracker.clock.advance(10)
        await press(pilot, "space")
        tracker.clock.advance(10)
        await tick(pilot)
        assert app.workday.summary.running_session is None


async def two_apps_reach_one_auto_start_at_once(tmp_path) -> int:
    """Two screens on one database, both showing 09:59:59 with nothing running; their clocks reach 10:00:05
    and both tick before either has seen the other's write. Returns the session.start events recorded."""
    first = make_tracker(tmp_path, "2026-11-24T09:59:59")
    plan(first, ("10:00", "10:30", "calls", "Ring"))
    second = make_tracker(tmp_path, "2026-11-24T09:59:59")
    one, two = make_app(first), make_app(second)
    async with one.run_test(size=SIZE) as pilot_one, two.run_test(size=SIZE) as pilot_two:
        await settle(pilot_one)
        await settle(pilot_two)
        first.clock.advance(6)
        second.clock.advance(6)
        one.workday.tick()  # both decide from what they last read...
        two.workday.tick()
        await settle(pilot_one)  # ...then both writes land
        await settle(pilot_two)
    return sum(1 for e in first.store.events_between_days("2026-11-24", "2026-11-24") if e.type == SESSION_START)


async def test_auto_start_is_recorded_once_by_two_apps_at_the_same_instant(tmp_path):
    assert await two_apps_reach_one_auto_start_at_once(tmp_path) == 1


async def test_without_derived_ids_the_two_apps_would_record_two_starts(tmp_path, monkeypatch):
    """The scenario above really races: with a fresh random id per write, both starts land."""
    from focus.core import ids

    monkeypatch.setattr(ids, "derived_event_id", lambda ms, key: ids.event_id(ms))
    assert await two_apps_reach_one_auto_start_at_once(tmp_path) == 2


async def test_plus_extends_the_running_block_by_15_minutes(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "plus")
        block = app.workday.day_log.blocks[0]
        assert app.workday.day_log.extensions == {block.id: 15 * 60_000}
        assert "Ring the Q4 list: 15 more minutes, until 11:15." in notes(app)
        assert "11:00" in str(app.workday.query_one("#plan").get_row_at(0)) and "+15m" in str(
            app.workday.query_one("#plan").get_row_at(0)
        )


async def test_email_budget_toast_when_exceeded(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):
            await press(pilot, "e")
            tracker.clock.advance(600)  # past the burst: each press is a check of its own (rule 11)
        assert not any("over your budget" in n for n in notes(app))
        await press(pilot, "e")
        assert "Email check 4 today: over your budget of 3." in notes(app)
        tracker.clock.advance(60)
        await press(pilot, "e")  # within the burst of the fourth: the same check, no second toast
        assert app.workday.summary.interruptions_by_kind["email"] == 4
        assert app.workday.query_one("#interruptions").has_class("over-budget")


async def test_empty_day_offers_the_template(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T07:30")
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "e")  # workday keys are off under a modal
        await press(pilot, "y")
        await pilot.pause()
        assert len(tracker.day(DAY).blocks) == 10
        assert app.workday.summary.interruptions == 0
        assert app.workday.query_one("#plan").row_count == 10
        for _ in range(5):
            await pilot.pause(0.05)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "08:30–08:45" in shown and "16:00–17:00" in shown  # the rows are drawn at full width


async def test_q_quits(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_help_report_week_and_debrief_keys_all_answer(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Email check: an interruption starts now" in text_of(app, "#help")
        await press(pilot, "escape")
        await press(pilot, "r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "Ring the Q4 list" in text_of(app, "#report") and "Interruptions" in text_of(app, "#report")
        await press(pilot, "escape")
        await press(pilot, "W")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen) and "week 2026-W48" in text_of(app, "#report")
        await press(pilot, "escape")
        await press(pilot, "d")  # no visit has begun at 10:05: said so
        assert "No customer visits today to debrief." in notes(app)


async def test_command_palette_offers_every_action(tracker):
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Email check: an interruption starts now" in titles and "Count a deal won" in titles
        assert "Extend the running block by 15 minutes" in titles and "List the keys" in titles
        callback = next(c.callback for c in app.get_system_commands(app.screen) if c.title == "Count a call (dial)")
        await callback()
        await settle(pilot)
        assert app.workday.summary.outcomes["call"] == 1


async def test_a_write_by_another_process_appears_on_screen(tracker, tmp_path):
    app = make_app(tracker, watch=True)
    shell = make_tracker(tmp_path, "2026-11-24T10:06", source="cli")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "phone 0" in text_of(app, "#interruption-counts")
        shell.log("phone", shell.clock.now_ms())
        for _ in range(100):  # bounded: 5 s at most
            await pilot.pause(0.05)
            if "phone 1" in text_of(app, "#interruption-counts"):
                break
        assert "phone 1" in text_of(app, "#interruption-counts")


async def test_a_briefly_locked_database_does_not_crash_the_app(tracker, tmp_path):
    import sqlite3

    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        locker = sqlite3.connect(tmp_path / "focus.db", isolation_level=None, check_same_thread=False)
        locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock...
        release = threading.Timer(0.3, lambda: locker.execute("COMMIT"))  # ...for 0.3 s
        release.start()
        await press(pilot, "e")  # waits for the lock, then writes
        release.join()
        locker.close()
        assert app.workday.summary.interruptions_by_kind["email"] == 1


async def test_the_screen_runs_the_event_sources_in_process(tracker, tmp_path):
    import json

    from focus.store.paths import Paths

    paths = Paths(tmp_path / "config.toml", tmp_path)
    app = make_app(tracker, watch=True, sources=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (paths.inbox / "phone.json").write_text(json.dumps({"type": "interruption", "kind": "phone"}))
        (paths.inbox / "bad.json").write_text("{")
        for _ in range(100):  # bounded: 5 s at most
            await pilot.pause(0.05)
            if "phone 1" in text_of(app, "#interruption-counts") and any("rejected" in n for n in notes(app)):
                break
        assert "phone 1" in text_of(app, "#interruption-counts")
        assert any("bad.json rejected: broken JSON" in n for n in notes(app))
        assert app.sub_title.endswith(" · 10:05 · watching inbox")  # the header says what the sources do
        [inbox] = app.sources.board.snapshot()
        assert inbox["detail"].startswith("last problem: inbox bad.json rejected: broken JSON")
        paths.config_file.write_text("[targets]\nemail_checks_per_day = 1\n")  # reloaded into the screen too
        for _ in range(100):  # bounded: 5 s at most
            await pilot.pause(0.05)
            if app.workday.config.targets.email_checks_per_day == 1:
                break
        await settle(pilot)
        assert app.workday.config.targets.email_checks_per_day == 1
        assert "email 0/1" in text_of(app, "#interruption-counts")
        second = make_app(tracker, sources=True)
        async with second.run_test(size=SIZE) as second_pilot:
            assert any("already run in pid" in n for n in notes(second))
            assert second.sources is None and second.take_over is not None
            app.sources.stop()  # the first one quits: the second takes the sources over at its next try
            app.sources = None
            second.start_sources()
            await second_pilot.pause()
            assert second.sources is not None and second.take_over is None
            assert "The event sources run here now." in notes(second)


async def test_quitting_while_the_clock_ticks_does_not_crash(tracker):
    """The 1 s tick (and a late reload) can land while the screen is being taken down."""
    import asyncio

    app = make_app(tracker)
    screen = None

    async def tick_until_the_screen_is_gone():
        while screen.is_attached:
            screen.tick()
            screen.on_database_changed(None)
            await asyncio.sleep(0)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        screen = app.workday
        ticking = asyncio.create_task(tick_until_the_screen_is_gone())
        await pilot.pause()
    await asyncio.wait_for(ticking, 5)
