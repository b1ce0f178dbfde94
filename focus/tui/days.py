"""Any day on the workday screen: which keys a day shown allows, what the screen says of a day that is
not today, and the prompt that goes to a day typed as ``--date`` takes it (``igår``, ``mon``,
``2026-11-30``). Today is tracked; a past day is read-only; a day ahead can only be planned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from focus.core.errors import FocusError
from focus.core.timeparse import FIRST_DATE, LAST_DATE, parse_date
from focus.i18n import N_, _
from focus.reports.local import day_name
from focus.reports.safe import markup_text
from focus.tui.keys import translated

PAST, TODAY, AHEAD = "past", "today", "ahead"


def day_kind(date: dt.date, today: dt.date) -> str:
    """``past``, ``today`` or ``ahead``: what the keys may do on ``date``."""
    return PAST if date < today else AHEAD if date > today else TODAY


def stepped(date: dt.date, days: int) -> dt.date:
    """``date`` moved by ``days``, kept inside the days focus keeps."""
    return min(LAST_DATE, max(FIRST_DATE, date + dt.timedelta(days=days)))


def day_line(date: dt.date, today: dt.date) -> tuple[str, ...]:
    """The Now panel's lines for a day that is not today: what it is, and the keys that move on (on a
    past day also the one that corrects it on purpose)."""
    if day_kind(date, today) == PAST:
        return (
            _("{day} — past day, read-only").format(day=day_name(date)),
            _("] next · . today · g go to day"),
            _("l: correct or remove an entry"),
        )
    return _("{day} — ahead: plan only (a, E, x)").format(day=day_name(date)), _("[ previous · . today · g go to day")


def header_mark(date: dt.date, today: dt.date) -> str:
    """What the header adds after the date of a day that is not today."""
    return _("past day") if day_kind(date, today) == PAST else _("a day ahead")


def refusal(date: dt.date, today: dt.date) -> str:
    """The toast for a key the day shown does not allow."""
    if day_kind(date, today) == PAST:
        return _("{day} is a past day, read-only: press . to go back to today, l to correct an entry.").format(
            day=day_name(date)
        )
    return _("{day} is ahead: only the plan can change there (a, E, x); press . to go back to today.").format(
        day=day_name(date)
    )


class ShowsDays(Protocol):
    date: dt.date  # the day shown
    today: dt.date  # the clock's day, as of its last tick

    def notify(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None: ...


A = TypeVar("A", bound=Callable[..., None])


def allowed_on(*kinds: str) -> Callable[[A], A]:
    """An action that runs only when the day shown is of ``kinds``; on another day it does nothing but
    say why (a toast)."""

    def gate(action: A) -> A:
        @wraps(action)
        def run(screen: ShowsDays, *args: Any) -> None:
            if day_kind(screen.date, screen.today) not in kinds:
                screen.notify(refusal(screen.date, screen.today), severity="warning", timeout=4)
                return
            action(screen, *args)

        return run  # type: ignore[return-value]

    return gate


tracking = allowed_on(TODAY)  # the keys that record what happens: today only
planning = allowed_on(TODAY, AHEAD)  # the plan's keys: today and the days ahead


class DayPrompt(ModalScreen[dt.date | None]):
    """Go to a day: what ``--date`` takes (``yesterday``, ``igår``, ``fre``, ``2026-11-30``). A date not
    understood is shown under the field and nothing changes; escape goes back."""

    BINDINGS = [Binding("escape", "cancel", N_("cancel"))]

    def __init__(self, today: dt.date):
        super().__init__()
        self._bindings = translated(self._bindings)
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="day-prompt"):
            yield Label(_("Go to a day"), classes="form-title")
            yield Input(placeholder=_("yesterday, mon, 2026-11-30"), id="day")
            yield Label("", id="day-error", classes="field-error")
            yield Label(_("enter: go · escape: back"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            date = parse_date(event.value, self.today)
        except FocusError as exc:
            self.query_one("#day-error", Label).update(markup_text(str(exc)))
            return
        self.dismiss(date)

    def action_cancel(self) -> None:
        self.dismiss(None)
