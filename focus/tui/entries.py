"""Fixing the past on the screen (``l``): the day's entries — sessions, interruptions, outcomes — in a
list, numbered as ``focus entries`` numbers them; enter corrects the selected one in a small form, x
removes it, u undoes. Every correction is checked by the core's rules here, then written by the
screen's database worker as new events (``focus.corrections``); the list follows every write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from focus.core.clock import Clock, from_ms, local_ms
from focus.core.entries import COUNTED, INTERRUPTED, SESSION, Change, Entry, day_entries, prepare
from focus.core.errors import FocusError
from focus.core.timeparse import hhmm, parse_time
from focus.i18n import N_, _
from focus.reports import entries as words
from focus.reports import names
from focus.reports.describe import describe
from focus.reports.local import clock_time, day_name, decimal
from focus.reports.safe import markup_text
from focus.tui.keys import translated
from focus.tui.screens import CheckedForm, FormScroll

if TYPE_CHECKING:
    from focus.tui.workday import WorkdayScreen

COLUMNS = (N_("#"), N_("time"), N_("length"), N_("what"), N_("by"))


class EntriesScreen(ModalScreen[None]):
    """The list of a day's entries; the workday screen gives it new rows after every read."""

    BINDINGS = [
        Binding("escape,l,q", "close", N_("close")),
        Binding("enter,c", "correct", N_("correct")),
        Binding("x,delete", "remove", N_("remove")),
        Binding("u", "undo", N_("undo")),
    ]
    DEFAULT_CSS = """
    EntriesScreen { align: center middle; }
    #entries { width: 96; max-width: 100%; height: auto; max-height: 100%;
               border: thick $primary; background: $surface; padding: 0 1; }
    #entries DataTable { height: auto; max-height: 1fr; }
    #entries .hint { color: $text-muted; }
    """

    def __init__(
        self,
        date: dt.date,
        listed: list[Entry],
        clock: Clock,
        correct: Callable[[Entry], None],
        remove: Callable[[Entry], None],
        undo: Callable[[], None],
    ):
        super().__init__()
        self._bindings = translated(self._bindings)
        self.date, self.listed, self.clock = date, listed, clock
        self.on_correct, self.on_remove, self.on_undo = correct, remove, undo

    def compose(self) -> ComposeResult:
        with Vertical(id="entries"):
            yield Label(_("Entries · {day}").format(day=day_name(self.date)), classes="form-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="entry-table")
            yield Label(_("enter: correct · x: remove · u: undo · escape: back"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(_(name) for name in COLUMNS))
        self.show(self.listed)
        table.focus()

    def show(self, listed: list[Entry]) -> None:
        """Rows for ``listed``, the cursor kept on its row (or the last)."""
        self.listed = listed
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        now = self.clock.now_ms()
        for entry in listed:
            cells = (
                str(entry.number),
                words.span(entry, self.clock.tz),
                words.length(entry, now),
                words.what(entry),
                words.source(entry),
            )
            table.add_row(*(Text(cell) for cell in cells))
        if not listed:
            table.add_row(Text(""), Text(""), Text(""), Text(_("nothing recorded")), Text(""))
        elif row >= 0:
            table.move_cursor(row=min(row, len(listed) - 1))

    def selected(self) -> Entry | None:
        row = self.query_one(DataTable).cursor_row
        return self.listed[row] if self.listed and 0 <= row < len(self.listed) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_correct()

    def action_correct(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.on_correct(entry)

    def action_remove(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.on_remove(entry)

    def action_undo(self) -> None:
        self.on_undo()

    def action_close(self) -> None:
        self.dismiss(None)


class EntryForm(CheckedForm):
    """Correct one entry: the fields it has (kind, start, length in minutes, count, note), filled in
    as it is; what is left as it was is kept. ``save`` checks and writes (a FocusError is shown here)."""

    DEFAULT_CSS = """
    EntryForm { align: center middle; }
    EntryForm .entry-form Input { margin: 0 0 0 0; border: none; }
    """

    def __init__(self, entry: Entry, date: dt.date, clock: Clock, save: Callable[[Change], None]):
        super().__init__()
        self._bindings = translated(self._bindings)
        self.entry, self.date, self.clock, self.save = entry, date, clock, save
        self.initial = self.fields()

    def fields(self) -> dict[str, str]:
        """The entry's fields as the form shows them at first."""
        entry = self.entry
        shown = {"start": clock_time(hhmm(from_ms(entry.start, self.clock.tz)))}
        if entry.what == INTERRUPTED:
            shown["kind"] = names.kind(entry.kind)
            shown["note"] = entry.title
        if entry.what == COUNTED:
            shown["kind"] = names.outcome(entry.kind)
            shown["count"] = str(entry.count)
        elif entry.end is not None:
            shown["minutes"] = decimal(self.length_minutes(), 1).removesuffix(",0").removesuffix(".0")
        return shown

    def length_minutes(self) -> float:
        """The entry's length in minutes, exactly (the form shows it to a tenth)."""
        assert self.entry.end is not None
        return (self.entry.end - self.entry.start) / 60_000

    def compose(self) -> ComposeResult:
        labels = {
            "kind": _("kind"),
            "start": _("start"),
            "minutes": _("length in minutes"),
            "count": _("count"),
            "note": _("note"),
        }
        with FormScroll(id="form", classes="entry-form"):
            what = markup_text(words.what(self.entry))
            yield Label(_("Correct {number}: {what}").format(number=self.entry.number, what=what), classes="form-title")
            for name in ("kind", "start", "minutes", "count", "note"):
                if name in self.initial:
                    yield Label(labels[name])
                    yield Input(self.initial[name], id=f"entry-{name}", compact=True)
            if self.entry.what == SESSION and self.entry.end is None:
                yield Label(_("it is still running: its length is set when it stops"), classes="hint")
            yield from self.buttons()

    def change(self) -> Change:
        """What the fields changed (a FocusError for a value that cannot be read)."""
        typed = {name: self.query_one(f"#entry-{name}", Input).value.strip() for name in self.initial}
        changed = {name: value for name, value in typed.items() if value != self.initial[name]}
        start, minutes = None, None
        if "minutes" in changed:
            minutes = float(_number(changed["minutes"], _("length in minutes"), float))
        if "start" in changed:
            start = local_ms(self.date, parse_time(changed["start"]), self.clock.tz)
            if minutes is None and "minutes" in typed:  # a new start keeps the length the form shows
                minutes = self.length_minutes()
        return Change(
            kind=changed.get("kind"),
            start=start,
            minutes=minutes,
            count=int(_number(changed["count"], _("count"), int)) if "count" in changed else None,
            note=changed.get("note"),
        )

    def submit(self) -> None:
        try:
            self.save(self.change())
        except FocusError as exc:
            self.refuse(exc)
            return
        self.dismiss(None)


def _number(text: str, field: str, kind: Callable[[str], float | int]) -> float | int:
    try:
        return kind(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        raise FocusError(_("{field}: {text!r} is not a number").format(field=field, text=text)) from None


class EntryList:
    """The workday screen's side of the list: ``l`` opens it for the day shown; corrections and
    removals are checked here and written by the screen's worker; the list gets new rows after each
    read."""

    def __init__(self, screen: WorkdayScreen):
        self.screen = screen
        self.open: EntriesScreen | None = None

    def listed(self) -> list[Entry]:
        screen = self.screen
        assert screen.day_log is not None
        return day_entries(screen.day_log, screen.config, screen.clock.tz)

    def show(self) -> None:
        """Open the list of the day shown."""
        screen = self.screen
        self.open = EntriesScreen(screen.date, self.listed(), screen.clock, self.correct, self.remove, self.undo)
        screen.app.push_screen(self.open, lambda _result: setattr(self, "open", None))

    def follow(self) -> None:
        """New rows for the open list when its entries changed (another process's write too)."""
        if self.open is not None and self.open.is_mounted and self.screen.day_log is not None:
            listed = self.listed()
            if listed != self.open.listed:
                self.open.show(listed)

    def correct(self, entry: Entry) -> None:
        from focus.corrections import correct

        screen, date = self.screen, self.screen.date

        def save(change: Change) -> None:
            assert screen.day_log is not None
            prepare(entry, change, screen.day_log, screen.config, screen.clock.now_ms(), screen.clock.tz)
            screen.write(
                lambda tracker: correct(tracker, date, entry.number, change, entry.events),
                lambda pair: screen.notify(
                    _("Corrected {before} → {after} (u to undo).").format(
                        before=markup_text(words.line(pair[0], screen.clock)),
                        after=markup_text(words.line(pair[1], screen.clock)),
                    )
                ),
            )

        screen.app.push_screen(EntryForm(entry, date, screen.clock, save))

    def remove(self, entry: Entry) -> None:
        from focus.corrections import remove

        screen, date = self.screen, self.screen.date
        screen.write(
            lambda tracker: remove(tracker, date, entry.number, entry.events),
            lambda removed: screen.notify(
                _("Removed {entry} (u to undo).").format(entry=markup_text(words.line(removed, screen.clock)))
            ),
        )

    def undo(self) -> None:
        screen, date = self.screen, self.screen.date
        screen.write(
            lambda tracker: tracker.undo(date),
            lambda event: screen.notify(
                _("Undid {what}.").format(what=markup_text(describe(event, screen.clock))), title=_("Undo")
            ),
        )
