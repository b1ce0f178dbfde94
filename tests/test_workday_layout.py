"""The workday screen's layout at small and large terminals (issue 13 #5, "Discoverable"): every Plan
column in view at 80×24 in both languages, the week window as wide as its table and scrolling when the
terminal is narrower, the footer naming the keys a seller needs most, an empty plan saying how to add."""

from __future__ import annotations

import dataclasses

import pytest
from rich.measure import Measurement
from textual.containers import ScrollableContainer
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from focus.store.paths import Paths
from focus.tui.app import FocusApp, build_app
from focus.tui.widgets import PlanTable
from tests.test_tui_snapshots import busy_morning
from tests.tui_helpers import DAY, make_tracker, plan, press, settle

LONG = (
    "Inbox batch before the standup",
    "Acme AB, the yearly review with the buyer",
    "Ring the Q4 list of leads from the fair in Malmö",
    "Globex",
    "Lunch",
)


def app_in(folder, language: str, titles=LONG) -> FocusApp:
    """The busy morning with long titles, the running block extended (a "+15m" in its time)."""
    tracker = busy_morning(folder, titles)
    calls = sorted(tracker.day(DAY).blocks, key=lambda block: block.start)[2]
    tracker.extend(calls, 15)
    return speaking(tracker, language)


def speaking(tracker, language: str, **changes) -> FocusApp:
    """The shipped factory on the tracker's home and clock, in ``language`` (and other config changes)."""
    folder = tracker.store.path.parent
    config = dataclasses.replace(tracker.config, language=language, **changes)
    return build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)


def fits(table: PlanTable) -> bool:
    """Every column has room and together they fit the table's visible width (nothing cut or scrolled off)."""
    widths = [column.get_render_width(table) for column in table.columns.values()]
    room = table.scrollable_content_region.width
    return all(column.width > 0 for column in table.columns.values()) and sum(widths) <= room


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_every_plan_column_is_in_view_at_80x24(tmp_path, language):
    app = app_in(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.workday.query_one(PlanTable)
        assert len(table.columns) == 8
        assert fits(table), [c.get_render_width(table) for c in table.columns.values()]
        title = [str(cell) for cell in table.get_row_at(2)][3]
        assert title.endswith("…") and title.startswith("Ring the")  # cut with an ellipsis, not dropped
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert fits(table)
        assert [str(cell) for cell in table.get_row_at(2)][3] == LONG[2]  # room enough: the whole title


async def test_the_plan_fits_again_when_the_terminal_shrinks(tmp_path):
    app = app_in(tmp_path, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert fits(app.workday.query_one(PlanTable))


def week_box(app: FocusApp) -> ScrollableContainer:
    return app.screen.query_one("#report", ScrollableContainer)


async def test_the_week_window_shows_its_whole_table_at_160_columns(tmp_path):
    app = app_in(tmp_path, "en", ("Inbox batch", "Acme AB", "Ring the Q4 list", "Globex", "Lunch"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        box = week_box(app)
        week = box.query_one(Static)
        natural = Measurement.get(app.console, app.console.options.update_width(1000), week.content).maximum
        assert week.size.width >= natural  # the table drawn whole, no column cut
        assert box.max_scroll_x == 0 and natural <= box.scrollable_content_region.width  # all in view


async def test_the_week_window_scrolls_when_the_terminal_is_narrower(tmp_path):
    app = app_in(tmp_path, "en", ("Inbox batch", "Acme AB", "Ring the Q4 list", "Globex", "Lunch"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        box = week_box(app)
        assert box.max_scroll_x > 0 and box.max_scroll_y > 0
        await press(pilot, "right", "down")
        assert box.scroll_x > 0 and box.scroll_y > 0


def footer(app: FocusApp) -> list[str]:
    return [key.key_display for key in app.workday.query(FooterKey)]


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_the_footer_names_add_and_the_outcomes_at_80_columns(tmp_path, language):
    app = app_in(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = footer(app)
        assert "a" in keys and "1–4" in keys and "?" in keys
        shown = [key for key in app.workday.query(FooterKey) if key.region.right <= 80 and key.region.width > 0]
        assert len(shown) == len(keys)  # none cut off at the right edge


@pytest.mark.parametrize("language, said", [("en", "a: add a block"), ("sv", "a: lägg till ett block")])
async def test_an_empty_plan_says_how_to_add_a_block(tmp_path, language, said):
    tracker = make_tracker(tmp_path, "2026-11-24T10:20")
    config = dataclasses.replace(tracker.config, language=language, template=())
    app = build_app(
        Paths(tmp_path / "config.toml", tmp_path), config, tracker.clock, sources=False, watch_database=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert said in str(app.workday.query_one(PlanTable).border_subtitle)


async def test_a_short_terminal_gives_the_plan_its_rows(tmp_path):
    """At 60×20 the countdown's big digits give way (the Now panel keeps its title and timebox bar):
    the Plan shows its header and four of the morning's five blocks, not one."""
    app = app_in(tmp_path, "en")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.workday.query_one(PlanTable)
        assert table.scrollable_content_region.height - 1 >= 4
        assert app.workday.query_one("#now-title").region.height == 1
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.workday.query_one("#countdown").display  # tall enough: the digits again


async def test_a_long_plan_fits_beside_its_scrollbar(tmp_path):
    """Nine blocks at 80×24: more than the Plan's rows, so a scrollbar; the columns still fit beside it."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:20")
    hours = [f"{hour:02d}:00" for hour in range(8, 18)]
    plan(tracker, *((start, end, "visits", LONG[1]) for start, end in zip(hours, hours[1:], strict=False)))
    app = speaking(tracker, "sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.workday.query_one(PlanTable)
        assert table.row_count == 9 and table.max_scroll_y > 0
        assert fits(table)


def every_state(folder):
    """11:05 with a block of each state the screen says: missed, not kept (extended), running, due now, upcoming."""
    tracker = make_tracker(folder, "2026-11-24T11:05")
    plan(
        tracker,
        ("08:00", "08:30", "email", LONG[0]),
        ("09:00", "10:00", "visits", LONG[1]),
        ("10:00", "11:00", "calls", LONG[2]),
        ("11:00", "12:00", "visits", "Globex"),
        ("12:00", "12:45", "lunch", "Lunch"),
    )
    minutes = lambda n: tracker.clock.fixed_ms - n * 60_000  # noqa: E731  n minutes before 11:05
    blocks = sorted(tracker.day(DAY).blocks, key=lambda block: block.start)
    tracker.start(minutes(125), "2")
    tracker.stop(minutes(115))
    tracker.start(minutes(65), "3")  # still running past its end: auto-start is off (see every_state_app)
    tracker.extend(blocks[1], 15)  # a "+15m" in the time column
    return tracker


def every_state_app(folder, language: str) -> FocusApp:
    """The day of every state, auto-start off: the calls run on past their end and Globex is due now (an
    extended block running over it would hand over instead, and Globex would wait: upcoming)."""
    return speaking(every_state(folder), language, auto_start=False)


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_every_state_word_in_view_at_80x24(tmp_path, language):
    app = every_state_app(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.workday.query_one(PlanTable)
        states = [str(table.get_row_at(row)[7]) for row in range(table.row_count)]
        said = {"en": ["missed", "not kept", "running", "due now", "upcoming"]}
        said["sv"] = ["missat", "inte hållet", "pågår", "dags nu", "kommande"]
        assert states == said[language]
        assert fits(table)


async def test_a_long_running_title_is_cut_with_an_ellipsis(tmp_path):
    """The Now panel's line (title · category · mode · left) ends in "…" when it is wider than the panel."""
    app = every_state_app(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.workday.query_one("#now-title")
        shown = "".join(segment.text for segment in line.render_line(0)).rstrip()
        assert shown.endswith("…") and shown.startswith("▶ Ring the Q4 list")
