"""Issue 13, "Fix the past" on the workday screen: ``l`` lists the day's entries as ``focus entries``
numbers them; enter corrects the selected one in a form, x removes it, u undoes; the list follows every
write, the screen's own and another process's. Pilot tests through the app factory the CLI uses, with a
fixed clock on a real database."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input

from focus import corrections
from focus.core.clock import local_ms
from focus.tui.entries import EntriesScreen, EntryForm
from tests.tui_helpers import DAY, ZONE, make_app, make_tracker, plan, press, settle

SIZE = (100, 32)


def at(clock: str) -> int:
    from zoneinfo import ZoneInfo

    return local_ms(DAY, dt.time.fromisoformat(clock), ZoneInfo(ZONE))


def a_morning(tmp_path):
    """At 11:00: calls 09:00–10:00, an email check 09:20 logged an hour and a half ago, 3 calls at 09:50."""
    tracker = make_tracker(tmp_path, "2026-11-24T11:00")
    plan(tracker, ("09:00", "10:00", "calls", "Ring the Q4 list"))
    tracker.start(at("09:00"))
    tracker.log("email", at("09:20"))
    tracker.count("call", at("09:50"), 3)
    tracker.stop(at("10:00"))
    return tracker


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def type_into(pilot, field: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#entry-{field}", Input)
    box.value = text
    await pilot.pause()


async def test_l_lists_the_days_entries_as_focus_entries_numbers_them(tmp_path):
    tracker = a_morning(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        assert isinstance(app.screen, EntriesScreen)
        assert rows(app) == [
            ["1", "09:00–10:00", "1h00", "calls 'Ring the Q4 list'", ""],
            ["2", "09:20–09:25", "5m", "email check", "pressed"],
            ["3", "09:50", "", "3 × call", "pressed"],
        ]
        assert [e.number for e in corrections.entries(tracker, DAY)] == [1, 2, 3]
        await press(pilot, "escape")
        assert not isinstance(app.screen, EntriesScreen)


async def test_an_interruption_logged_an_hour_ago_is_corrected_in_the_form_and_the_screen_follows(tmp_path):
    tracker = a_morning(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.workday.summary.interruptions_by_kind["email"] == 1
        await press(pilot, "l", "down", "enter")
        assert isinstance(app.screen, EntryForm)
        await type_into(pilot, "kind", "phone")
        await type_into(pilot, "start", "9:30")
        await type_into(pilot, "minutes", "15")
        await press(pilot, "enter")
        assert isinstance(app.screen, EntriesScreen)
        assert rows(app)[1] == ["2", "09:30–09:45", "15m", "phone", "pressed"]
        summary = app.workday.summary
        figures = (summary.interruptions_by_kind["email"], summary.interruptions, summary.totals["reactive"])
        assert figures == (0, 1, 15 * 60_000)
        assert any(
            "Corrected 2: email check 09:20–09:25 (5m) → 2: phone 09:30–09:45 (15m)" in n.message
            for n in app._notifications
        )
        await press(pilot, "u")  # undo takes the correction back
        assert rows(app)[1] == ["2", "09:20–09:25", "5m", "email check", "pressed"]
        assert app.workday.summary.interruptions_by_kind["email"] == 1


async def test_a_refused_correction_stays_in_the_form_with_its_reason_and_writes_nothing(tmp_path):
    tracker = a_morning(tmp_path)
    before = len(tracker.store.events_between_days("2026-11-24", "2026-11-24"))
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "enter")  # the session
        await type_into(pilot, "start", "11:30")  # with the length it shows: until 12:30
        await press(pilot, "enter")
        assert isinstance(app.screen, EntryForm)
        error = str(app.screen.query_one("#form-error").render())
        assert "has not happened yet" in error
        await type_into(pilot, "start", "9")
        await type_into(pilot, "minutes", "tjugo")
        await press(pilot, "enter")
        assert "length in minutes: 'tjugo' is not a number" in str(app.screen.query_one("#form-error").render())
        await press(pilot, "escape")
    assert len(tracker.store.events_between_days("2026-11-24", "2026-11-24")) == before


async def test_x_removes_the_selected_entry_and_u_brings_it_back(tmp_path):
    tracker = a_morning(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "down", "down", "x")
        assert [r[0] for r in rows(app)] == ["1", "2"]
        assert app.workday.summary.outcomes["call"] == 0
        assert any("Removed 3: 3 × call 09:50 (u to undo)." in n.message for n in app._notifications)
        await press(pilot, "u")
        assert len(rows(app)) == 3 and app.workday.summary.outcomes["call"] == 3


async def test_the_list_follows_another_processs_write(tmp_path):
    tracker = a_morning(tmp_path)
    app = make_app(tracker, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        other = make_tracker(tmp_path, "2026-11-24T11:00", source="cli")
        other.log("phone", at("10:30"), 10)

        for _ in range(100):
            await pilot.pause(0.05)
            if len(rows(app)) == 4:
                break
        assert rows(app)[3] == ["4", "10:30–10:40", "10m", "phone", "pressed"]


async def test_a_correction_aimed_at_a_list_changed_meanwhile_is_refused(tmp_path):
    tracker = a_morning(tmp_path)
    entry = corrections.entries(tracker, DAY)[1]
    tracker.log("phone", at("09:10"))  # now entry 2 is the phone call
    before = len(tracker.store.events_between_days("2026-11-24", "2026-11-24"))
    try:
        corrections.remove(tracker, DAY, 2, entry.events)
    except Exception as exc:  # FocusError
        assert "the list of entries changed meanwhile" in str(exc)
    else:
        raise AssertionError("removed the wrong entry")
    assert len(tracker.store.events_between_days("2026-11-24", "2026-11-24")) == before


async def test_on_a_past_day_the_list_corrects_that_day_on_purpose(tmp_path):
    tracker = a_morning(tmp_path)
    tracker.clock.advance(24 * 3600)  # the next morning; yesterday is read-only but for its entries
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")  # no day template for the empty today
        await press(pilot, "left_square_bracket", "e")  # e is refused on a past day: nothing written
        assert app.workday.summary.interruptions == 1
        await press(pilot, "l", "down", "x")
        assert [r[3] for r in rows(app)] == ["calls 'Ring the Q4 list'", "3 × call"]
        assert app.workday.summary.interruptions == 0
        await press(pilot, "u")  # undo keeps to the day shown
        assert len(rows(app)) == 3
    assert tracker.summary(DAY).interruptions_by_kind["email"] == 1


async def test_a_session_given_a_new_start_in_the_form_keeps_the_length_the_form_shows(tmp_path):
    """Found in the trial: the form showed the length, yet a new start alone kept the end (and ended
    before it started)."""
    tracker = a_morning(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "enter")
        assert app.screen.query_one("#entry-minutes", Input).value == "60"
        await type_into(pilot, "start", "8:30")
        await press(pilot, "enter")
        assert rows(app)[0][:3] == ["1", "08:30–09:30", "1h00"]
        await press(pilot, "enter")
        await type_into(pilot, "minutes", "-3")
        await press(pilot, "enter")
        error = str(app.screen.query_one("#form-error").render())
        assert error == "a length of -3 minutes: it must be between 1 and 1440"  # no CLI option in the form
