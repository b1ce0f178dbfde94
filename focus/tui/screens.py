"""Modal screens: the block form, the day report, the week (its chart and table), the key list, a yes/no
question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from focus.core import debrief
from focus.core.errors import FocusError
from focus.core.model import Block
from focus.core.plan import PlannedBlock, parse_targets
from focus.core.timeparse import parse_range
from focus.i18n import N_, _
from focus.reports import names
from focus.reports.local import clock_time, day_name, swedish
from focus.reports.safe import markup_text
from focus.tui.keys import KEYS, translated

if TYPE_CHECKING:
    from focus.core.week import WeekFigures


class FormScroll(VerticalScroll, can_focus=False):
    """A form's fields, scrolling when the terminal is shorter than the form; tab goes field to field."""


class CheckedForm(ModalScreen[None]):
    """A form whose save checks what was typed: enter or Save submits, escape or Cancel leaves; a
    refusal is shown under the fields with the buttons in view, and the form stays open."""

    BINDINGS = [Binding("escape", "cancel", N_("cancel"))]

    def buttons(self) -> ComposeResult:
        """The error line and the Save and Cancel buttons, at the form's end."""
        yield Label("", id="form-error")
        with Horizontal(id="form-buttons"):
            yield Button(_("Save"), variant="primary", id="save")
            yield Button(_("Cancel"), id="cancel")

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
        """Check and save (a subclass's), or show why not."""
        raise NotImplementedError

    def refuse(self, error: FocusError) -> None:
        """Show why the form was not saved, the reason and the buttons in view."""
        self.query_one("#form-error", Label).update(markup_text(str(error)))
        self.add_class("has-error")
        self.query_one("#form", FormScroll).scroll_end(animate=False)


class BlockForm(CheckedForm):
    """Add or edit a block. ``save`` checks and writes it (or raises FocusError, shown here; nothing
    written)."""

    def __init__(
        self,
        date: dt.date,
        categories: list[str],
        save: Callable[[PlannedBlock], None],
        block: Block | None = None,
        outcomes: tuple[str, ...] = (),
    ):
        super().__init__()
        self._bindings = translated(self._bindings)
        self.date, self.categories, self.save, self.block = date, categories, save, block
        self.outcomes = outcomes  # the targets' names, typed in either language (samtal=20 is call=20)

    def compose(self) -> ComposeResult:
        block = self.block
        day = day_name(self.date)
        times = clock_time(f"{block.start_text}-{block.end_text}") if block else ""
        with FormScroll(id="form"):
            title = _("Edit a block · {day}") if block else _("Add a block · {day}")
            yield Label(title.format(day=day), classes="form-title")
            yield Label(_("time (start-end)"))
            yield Input(times, placeholder=clock_time("09:00-10:00"), id="range")
            yield Label(_("category"))
            yield Select(
                [(names.category(name), name) for name in self.categories],
                allow_blank=False,
                value=block.category if block else self.categories[0],
                id="category",
            )
            yield Label(_("title"))
            yield Input(block.title if block else "", placeholder=_("Ring the Q4 list"), id="title")
            yield Label(_("targets"))
            yield Input(
                " ".join(f"{names.outcome(k)}={v}" for k, v in block.targets.items()) if block else "",
                placeholder=_("call=20"),
                id="targets",
            )
            yield from self.buttons()

    def submit(self) -> None:
        """Check and save; on a bad value show why and keep the form open."""
        try:
            start, end = parse_range(self.query_one("#range", Input).value)
            item = PlannedBlock(
                self.date,
                start,
                end,
                str(self.query_one("#category", Select).value),
                self.query_one("#title", Input).value.strip(),
                parse_targets(self.query_one("#targets", Input).value.replace(",", " ").split(), self.outcomes),
            )
            self.save(item)
        except FocusError as exc:
            self.refuse(exc)
            return
        self.dismiss(None)


class ReportScreen(ModalScreen[None]):
    """A report (the day's, as ``focus report``; the week's, as ``focus week``), drawn at its natural
    width: as wide as the terminal allows, scrolling both ways when the terminal is smaller."""

    BINDINGS = [Binding("escape,r,q", "close", N_("close"))]

    def __init__(self, renderable: RenderableType):
        super().__init__()
        self._bindings = translated(self._bindings)
        self.renderable = renderable

    def compose(self) -> ComposeResult:
        width = natural_width(self.app.console, self.renderable)
        with ScrollableContainer(id="report") as box:
            box.styles.width = max(REPORT_WIDTH, width + REPORT_FRAME)
            report = Static(self.renderable)
            report.styles.width = width  # never narrower: rich would cut the columns that do not fit
            yield report
            yield Label(_("escape: back"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class WeekChartView(Widget):
    """The week's chart, drawn to the width of the window (``focus.tui.weekchart``)."""

    DEFAULT_CSS = "WeekChartView { width: 1fr; height: auto; margin-bottom: 1; }"

    def __init__(self, chart: RenderableType):
        super().__init__(id="week-chart")
        self.chart = chart

    def render(self) -> RenderableType:
        return self.chart


class WeekScreen(ReportScreen):
    """The week (``W``): its chart first, the table of ``focus week`` below it, in one window that is as
    wide as the table allows and scrolls both ways when the terminal is smaller. ``today`` and the work
    days tell a day not yet lived, before the log began or off from a day lived."""

    def __init__(self, week: WeekFigures, today: dt.date, work_days: tuple[int, ...]):
        from focus.reports import week as week_report
        from focus.tui.weekchart import WeekChart  # only when the week opens: not on the screen's start

        super().__init__(week_report.renderable(week))
        self.chart = WeekChart(week, today, work_days)

    def compose(self) -> ComposeResult:
        width = natural_width(self.app.console, self.renderable)
        with ScrollableContainer(id="report") as box:
            box.styles.width = max(REPORT_WIDTH, width + REPORT_FRAME)
            yield WeekChartView(self.chart)
            table = Static(self.renderable, id="week-table")
            table.styles.width = width  # never narrower: rich would cut the columns that do not fit
            yield table
            yield Label(_("escape: back"), classes="hint")


REPORT_WIDTH = 104  # the report window's width when its text is narrower
REPORT_FRAME = 8  # its border, padding and scrollbar


def natural_width(console: Console, renderable: RenderableType) -> int:
    """How many columns a renderable takes when nothing limits it."""
    return Measurement.get(console, console.options.update_width(10_000), renderable).maximum


class HelpScreen(ModalScreen[None]):
    """Every key and what it does (the same table as the bindings)."""

    BINDINGS = [Binding("escape,question_mark,q", "close", N_("close"))]

    def __init__(self) -> None:
        super().__init__()
        self._bindings = translated(self._bindings)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key in KEYS:
            shown, _label, description = key.said()
            table.add_row(shown, description)
        table.add_row("ctrl+p", _("Command palette: every action by name"))
        table.add_row("ctrl+q", _("Quit"))
        with VerticalScroll(id="help"):
            yield Label(_("Keys"), classes="form-title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or enter says yes, n or escape says no."""

    BINDINGS = [Binding("y,enter", "answer(True)", N_("yes")), Binding("n,escape", "answer(False)", N_("no"))]

    def __init__(self, question: str):
        super().__init__()
        self._bindings = translated(self._bindings)
        if swedish():  # ja: j says yes too
            self._bindings.key_to_bindings["j"] = [Binding("j", "answer(True)", _("yes"))]
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.question)
            yield Label(_("y: yes · n: no"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class DebriefScreen(ModalScreen[None]):
    """The 17:03 questions, one visit at a time, keyboard only: tab between answers, enter or
    ctrl+s saves, ctrl+n skips the visit, escape stops. A bad answer is shown under its field."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("save")),
        Binding("ctrl+n", "skip", N_("skip visit")),
        Binding("escape", "close", N_("stop")),
    ]

    def __init__(
        self,
        visits: list[Block],
        debriefs: dict[str, dict[str, Any]],
        save: Callable[[Block, dict[str, str]], None],
        questions: dict[str, str] | None = None,
        skip: Callable[[Block], None] | None = None,
    ):
        super().__init__()
        self._bindings = translated(self._bindings)
        self.visits, self.debriefs, self.save_answers = visits, debriefs, save
        self.skip_visit = skip  # a skip is recorded: the visit is not asked about again
        self.questions = questions or {}
        self.index = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="debrief"):
            yield Label("", id="debrief-title", classes="form-title")
            for field in debrief.FIELDS:
                yield Label(debrief.question(field, self.questions), classes="question")
                yield Input(id=f"answer-{field}")
                yield Label("", id=f"error-{field}", classes="field-error")
            yield Label("", id="debrief-error", classes="field-error")
            with Horizontal(id="form-buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Skip visit"), id="skip")
            yield Label(_("enter or ctrl+s: save · ctrl+n: skip · escape: stop"), classes="hint")

    def on_mount(self) -> None:
        self.show_visit()

    def show_visit(self) -> None:
        block = self.visits[self.index]
        earlier = self.debriefs.get(block.id)
        where = f"{clock_time(block.start_text)}–{clock_time(block.end_text)} {markup_text(block.title)}"
        self.query_one("#debrief-title", Label).update(
            _("Debrief · visit {n} of {visits} · {where}").format(
                n=self.index + 1, visits=len(self.visits), where=where
            )
        )
        values = debrief.as_text(earlier) if earlier else {}
        for field in debrief.FIELDS:
            self.query_one(f"#answer-{field}", Input).value = values.get(field, "")
            self.query_one(f"#error-{field}", Label).update("")
        self.query_one("#debrief-error", Label).update("")
        self.query_one("#answer-who", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_skip()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        raw = {field: self.query_one(f"#answer-{field}", Input).value for field in debrief.FIELDS}
        wrong = debrief.field_problems(raw)
        for field in debrief.FIELDS:
            self.query_one(f"#error-{field}", Label).update(markup_text(wrong.get(field, "")))
        if wrong:
            return
        try:
            self.save_answers(self.visits[self.index], raw)
        except FocusError as exc:
            self.query_one("#debrief-error", Label).update(markup_text(str(exc)))
            return
        self.next_visit()

    def action_skip(self) -> None:
        if self.skip_visit is not None:
            self.skip_visit(self.visits[self.index])
        self.next_visit()

    def next_visit(self) -> None:
        self.index += 1
        if self.index >= len(self.visits):
            self.dismiss(None)
        else:
            self.show_visit()

    def action_close(self) -> None:
        self.dismiss(None)
