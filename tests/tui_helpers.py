"""Building the workday app on a fresh home with a fixed clock, for pilot and snapshot tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from focus.core import config
from focus.core.clock import Clock
from focus.store.database import Store
from focus.tracking import PlannedBlock, Tracker
from focus.tui.app import FocusApp

ZONE = "Europe/Stockholm"
DAY = dt.date(2026, 11, 24)


def make_tracker(folder: Path, now: str, source: str = "tui") -> Tracker:
    return Tracker(Store(folder / "focus.db"), config.defaults(), Clock.fixed(ZONE, now), source=source, device="test")


def plan(tracker: Tracker, *blocks: tuple[str, str, str, str]) -> None:
    tracker.plan([
        PlannedBlock(DAY, dt.time.fromisoformat(start), dt.time.fromisoformat(end), category, title)
        for start, end, category, title in blocks
    ])


def make_app(tracker: Tracker, watch: bool = False) -> FocusApp:
    return FocusApp(tracker, watch=tracker.store.path if watch else None)


def plain(content) -> str:
    """A Rich renderable or a string as plain text."""
    from rich.console import Console

    console = Console(width=120, record=True, file=open("/dev/null", "w"))
    console.print(content)
    return console.export_text()


def text_of(app: FocusApp, selector: str) -> str:
    """The plain text a Static (or the Statics inside a container) shows, on whichever screen has it."""
    from textual.widgets import Static

    widget = app.screen.query_one(selector) if app.screen.query(selector) else app.query_one(selector)
    statics = [widget] if isinstance(widget, Static) else list(widget.query(Static))
    return "\n".join(plain(static.content) for static in statics).strip()
