"""The workday app as the CLI builds it (``focus.tui.app.build_app``), on a fresh home with a fixed clock,
for pilot and snapshot tests; and bounded waits for the screen's database worker."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from focus.core import config
from focus.core.clock import Clock
from focus.core.plan import PlannedBlock
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from focus.tui.app import FocusApp, build_app

ZONE = "Europe/Stockholm"
DAY = dt.date(2026, 11, 24)
WAIT_SECONDS = 5


def make_tracker(folder: Path, now: str, source: str = "tui") -> Tracker:
    return Tracker(Store(folder / "focus.db"), config.defaults(), Clock.fixed(ZONE, now), source=source, device="test")


def plan(tracker: Tracker, *blocks: tuple[str, str, str, str]) -> None:
    tracker.plan(
        [
            PlannedBlock(DAY, dt.time.fromisoformat(start), dt.time.fromisoformat(end), category, title)
            for start, end, category, title in blocks
        ]
    )


def make_app(tracker: Tracker, watch: bool = False, sources: bool = False) -> FocusApp:
    """The shipped factory on the tracker's home, config and (fixed) clock."""
    folder = tracker.store.path.parent
    return build_app(
        Paths(folder / "config.toml", folder), tracker.config, tracker.clock, sources=sources, watch_database=watch
    )


async def settle(pilot) -> None:
    """Wait until the screen's database worker has answered every job it was given, and the answers
    are drawn (bounded: 5 s)."""
    app = pilot.app
    for _ in range(WAIT_SECONDS * 50):
        await pilot.pause()
        if not app.workday.db.pending:
            await pilot.pause()
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the database worker did not answer within {WAIT_SECONDS} s")


async def press(pilot, *keys: str) -> None:
    """Press keys one by one, each answered before the next (as a person typing at human speed)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def tick(pilot) -> None:
    """One tick of the screen's clock (instead of waiting for its 1 s timer), then its answers."""
    pilot.app.workday.tick()
    await settle(pilot)


async def until(pilot, condition, what: str) -> None:
    """Let the app run until ``condition()`` holds (bounded: 5 s)."""
    for _ in range(WAIT_SECONDS * 20):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), f"timed out after {WAIT_SECONDS} s waiting for {what}"


def plain(content) -> str:
    """A Rich renderable or a string as plain text."""
    import io

    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def text_of(app: FocusApp, selector: str) -> str:
    """The plain text a Static (or the Statics inside a container) shows, on whichever screen has it."""
    from textual.widgets import Static

    widget = app.screen.query_one(selector) if app.screen.query(selector) else app.workday.query_one(selector)
    statics = [widget] if isinstance(widget, Static) else list(widget.query(Static))
    return "\n".join(plain(static.content) for static in statics).strip()
