"""Modal screens: the block form, the day report, the key list, a yes/no question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from focus.errors import FocusError
from focus.model import Block
from focus.timeparse import parse_range
from focus.tracking import PlannedBlock, parse_targets
from focus.tui.keys import KEYS


class BlockForm(ModalScreen[Block | None]):
    """Add or edit a block. ``save`` writes it (or raises FocusError, shown here; nothing written)."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, date: dt.date, categories: list[str], save: Callable[[PlannedBlock], Block],
                 block: Block | None = None):
        super().__init__()
        self.date, self.categories, self.save, self.block = date, categories, save, block

    def compose(self) -> ComposeResult:
        block = self.block
        with Vertical(id="form"):
            yield Label(f"{'Edit' if block else 'Add'} a block · {self.date:%a %d %b}", classes="form-title")
            yield Label("time (start-end)")
            yield Input(f"{block.start_text}-{block.end_text}" if block else "", placeholder="09:00-10:00", id="range")
            yield Label("category")
            yield Select([(name, name) for name in self.categories], allow_blank=False,
                         value=block.category if block else self.categories[0], id="category")
            yield Label("title")
            yield Input(block.title if block else "", placeholder="Ring the Q4 list", id="title")
            yield Label("targets")
            yield Input(" ".join(f"{k}={v}" for k, v in block.targets.items()) if block else "",
                        placeholder="call=20", id="targets")
            yield Label("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.submit()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        """Check and save; on a bad value show why and keep the form open."""
        error = self.query_one("#form-error", Label)
        try:
            start, end = parse_range(self.query_one("#range", Input).value)
            item = PlannedBlock(
                self.date, start, end, str(self.query_one("#category", Select).value),
                self.query_one("#title", Input).value.strip(), parse_targets(self.query_one("#targets", Input).value.replace(",", " ").split()),
            )
            saved = self.save(item)
        except FocusError as exc:
            error.update(str(exc))
            self.add_class("has-error")
            return
        self.dismiss(saved)


class ReportScreen(ModalScreen[None]):
    """The day report, rendered by the same code as ``focus report``."""

    BINDINGS = [Binding("escape,r,q", "close", "close")]

    def __init__(self, renderable):
        super().__init__()
        self.renderable = renderable

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            yield Static(self.renderable)
            yield Label("escape: back", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key and what it does (the same table as the bindings)."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "close")]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key in KEYS:
            table.add_row(key.shown, key.description)
        table.add_row("ctrl+p", "Command palette: every action by name")
        table.add_row("ctrl+q", "Quit")
        with VerticalScroll(id="help"):
            yield Label("Keys", classes="form-title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or enter says yes, n or escape says no."""

    BINDINGS = [Binding("y,enter", "answer(True)", "yes"), Binding("n,escape", "answer(False)", "no")]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.question)
            yield Label("y: yes · n: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
