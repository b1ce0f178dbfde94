"""The week as a picture in the workday screen's week window (``W``): per day the proactive, reactive and
neutral time as stacked bars (the Today panel's glyphs and colours), the email checks against the day's
budget (a ``│`` at the budget), the longest focus stretch against the focus minimum and how many
stretches. A day not yet lived, before the log began or off is said so, never drawn as a zero day.

Drawn with Rich block characters at the width the window gives (``WeekChart`` is a Rich renderable);
the helpers that size the bars are pure and take the figures, ``today`` and the work days only. No chart
library: textual-plotext (plotext < 6) adds ~32 ms of import, draws its legend over the bars, scales in
decimal hours and has no place for the words of a day not lived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text

from focus.core.figures import DayFigures
from focus.core.timeparse import duration
from focus.core.week import WeekFigures
from focus.core.workday import bar_cells
from focus.i18n import N_, _, ngettext
from focus.reports.day import COLOURS, GLYPHS, bar_legend
from focus.reports.local import day_label, day_name, percent, whole

DayState = Literal["lived", "to_come", "before_log", "day_off"]
STATES: dict[DayState, str] = {
    "lived": "",
    "to_come": N_("not yet lived"),
    "before_log": N_("before the log began"),
    "day_off": N_("day off"),
}
MAX_BAR = 72  # the longest bar, however wide the terminal
MIN_BAR = 10  # the shortest room a bar is drawn in; a narrower window scrolls
CELLS_PER_COUNT = 3  # a few email checks: three cells each, not one day's bar across the whole width
CHECK, OVER, MARK = "█", "█", "│"
UNDER_STYLE, OVER_STYLE, MARK_STYLE = "blue", "bold red", "bold"
GAP = "  "


def day_state(day: DayFigures, today: dt.date, work_days: tuple[int, ...]) -> DayState:
    """How the chart shows a day: a day with tracked time is drawn (``lived``); else a day after
    ``today`` is still to come, a day off is off, and a work day the week counts as no work day
    (``as_lived``: the log had not begun) is before the log. A lived work day with nothing tracked is
    drawn, as the zero day it is."""
    if day.seconds.tracked or day.email_checks:
        return "lived"
    if day.date > today:
        return "to_come"
    if day.date.weekday() not in work_days:
        return "day_off"
    if not day.work_day and day.date != today:
        return "before_log"
    return "lived"


def cells(value: float, top: float, width: int) -> int:
    """How many of ``width`` cells ``value`` fills on an axis from 0 to ``top`` (rounded; 0 when top is 0)."""
    return round(value / top * width) if top > 0 else 0


def count_width(top: int, width: int) -> int:
    """The room for counts up to ``top``: three cells a count when that fits, else all of ``width``."""
    return min(width, max(1, top) * CELLS_PER_COUNT)


class Row(NamedTuple):
    """One day of one part of the chart: its label, its bar (or the word for an unlived day), its figure."""

    label: Text
    bar: Text
    value: str


class WeekChart:
    """The week's chart as a Rich renderable: it draws its bars to the width it is given."""

    def __init__(self, week: WeekFigures, today: dt.date, work_days: tuple[int, ...]):
        self.week, self.today = week, today
        self.states = [day_state(day, today, work_days) for day in week.days]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield from self.lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        frame = self.label_width() + 2 * len(GAP) + self.value_width()
        return Measurement(frame + MIN_BAR, frame + MAX_BAR)

    def label_width(self) -> int:
        return max(cell_len(day_label(day.date)) for day in self.week.days)

    def value_width(self) -> int:
        figures = [row.value for part in self.parts(MIN_BAR) for row in part[1]]
        return max(cell_len(figure) for figure in figures)

    def bar_width(self, width: int) -> int:
        """The bars' room in a window ``width`` columns wide: what the labels and figures leave."""
        room = width - self.label_width() - 2 * len(GAP) - self.value_width()
        return max(MIN_BAR, min(MAX_BAR, room))

    def lines(self, width: int) -> list[Text]:
        """The chart as lines of at most ``width`` columns (wider only when the window is too narrow)."""
        week = self.week
        title = _("The week as a picture · week {week} · {first} – {last}").format(
            week=week.name, first=day_name(week.monday), last=day_name(week.last_day)
        )
        out = [Text(title, style="bold")]
        label_width = self.label_width()
        for heading, rows in self.parts(self.bar_width(width)):
            out += [Text(""), heading]
            for row in rows:
                line = row.label.copy()
                line.pad_right(label_width - row.label.cell_len)
                line.append(GAP)
                line.append_text(row.bar)
                if row.value:
                    line.append(GAP)
                    line.append(row.value)
                out.append(line)
        out += [Text(""), Text(_("↓ the week's table below · escape: back"), style="dim")]
        return out

    def parts(self, bar: int) -> list[tuple[Text, list[Row]]]:
        """The chart's three parts, each a heading and a row per day, with bars of at most ``bar`` cells."""
        return [self.time_part(bar), self.email_part(bar), self.focus_part(bar)]

    def label(self, day: DayFigures) -> Text:
        return Text(day_label(day.date), style="bold" if day.date == self.today else "")

    def unlived(self, day: DayFigures, state: DayState) -> Row:
        return Row(self.label(day), Text(_(STATES[state]), style="dim italic"), "")

    def time_part(self, bar: int) -> tuple[Text, list[Row]]:
        """Per day the tracked time as a bar on one scale for the week (the longest day fills it), split
        into the three classes as the Today panel splits it (by the exact time, largest remainder)."""
        heading = Text(_("Time tracked · proactive share") + GAP, style="bold")
        heading.append_text(bar_legend())
        top = max(day.seconds.tracked for day in self.week.days)
        rows = []
        for day, state in zip(self.week.days, self.states):
            if state != "lived":
                rows.append(self.unlived(day, state))
                continue
            s = day.seconds
            filled = cells(s.tracked, top, bar)
            shown = bar_cells({"proactive": s.proactive, "reactive": s.reactive, "neutral": s.neutral}, filled)
            text = Text()
            for name in GLYPHS:
                text.append(GLYPHS[name] * shown[name], style=COLOURS[name])
            text.append(" " * (bar - filled))
            value = f"{duration(s.tracked * 1000)} · {percent(day.proactive_share)}"
            if day.date == self.today:
                value = _("{figures} so far").format(figures=value)
            rows.append(Row(self.label(day), text, value))
        return heading, rows

    def email_part(self, bar: int) -> tuple[Text, list[Row]]:
        """Per day the email checks, a ``│`` at the budget; the checks over it in red."""
        budget = self.week.totals.email_budget
        heading = Text(_("Email checks per day · budget {n} ({mark})").format(n=whole(budget), mark=MARK))
        heading.stylize("bold")
        top = max([budget, *(day.email_checks for day in self.week.days)])
        room = count_width(top, bar - len(MARK))
        at = cells(budget, top, room)
        rows = []
        for day, state in zip(self.week.days, self.states):
            if state != "lived":
                rows.append(self.unlived(day, state))
                continue
            filled = cells(day.email_checks, top, room)
            text = Text(CHECK * min(filled, at), style=UNDER_STYLE)
            text.append(" " * (at - filled))
            text.append(MARK, style=MARK_STYLE)
            text.append(OVER * (filled - at), style=OVER_STYLE)
            text.append(" " * (bar - len(MARK) - max(filled, at)))
            rows.append(Row(self.label(day), text, f"{whole(day.email_checks)}/{whole(budget)}"))
        return heading, rows

    def focus_part(self, bar: int) -> tuple[Text, list[Row]]:
        """Per day the longest focus stretch in minutes, a ``│`` at the minutes a stretch needs, and how
        many stretches the day had."""
        minimum = self.week.totals.focus_min_minutes
        heading = Text(
            _("Focus: the longest stretch per day · a stretch from {n} min ({mark})").format(
                n=whole(minimum), mark=MARK
            ),
            style="bold",
        )
        top = max([2 * minimum * 60, *(day.longest_focus_seconds for day in self.week.days)])
        room = bar - len(MARK)
        at = cells(minimum * 60, top, room)
        rows = []
        for day, state in zip(self.week.days, self.states):
            if state != "lived":
                rows.append(self.unlived(day, state))
                continue
            filled = cells(day.longest_focus_seconds, top, room)
            text = Text(GLYPHS["proactive"] * min(filled, at), style="dim " + COLOURS["proactive"])
            text.append(" " * (at - filled))
            text.append(MARK, style=MARK_STYLE)
            text.append(GLYPHS["proactive"] * (filled - at), style=COLOURS["proactive"])
            text.append(" " * (room - max(filled, at)))
            stretches = ngettext("{n} stretch", "{n} stretches", day.focus_stretches).format(n=day.focus_stretches)
            longest = duration(day.longest_focus_seconds * 1000)
            rows.append(Row(self.label(day), text, f"{stretches} · {longest}"))
        return heading, rows
