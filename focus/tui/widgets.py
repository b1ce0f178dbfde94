"""The panels of the workday screen. Each one takes ready figures and only displays them."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Digits, ProgressBar, Sparkline, Static

from focus.core.accounting import DaySummary
from focus.core.model import Block, DayLog
from focus.core.timebox import planned_end
from focus.core.timeparse import duration
from focus.core.workday import NowView, bar_cells, clock_text, current_row, shown_state
from focus.i18n import _, pgettext
from focus.reports import names
from focus.reports.day import COLOURS, EMPTY, GLYPHS, visits_line
from focus.reports.local import clock_time, percent, swedish
from focus.reports.relative import relative
from focus.reports.safe import markup_text, terminal_text

STATE_STYLE = {
    "kept": "green",
    "not_kept": "yellow",
    "missed": "dim",
    "running": "bold",
    "upcoming": "",
    "due": "bold yellow",
}
BAR = 12


class NowPanel(Vertical):
    """The running block: title, a big countdown, its timebox; the running interruption."""

    def compose(self) -> ComposeResult:
        yield Static(id="now-title")
        yield Digits("0:00:00", id="countdown")
        yield ProgressBar(total=100, show_eta=False, id="timebox")
        yield Static(id="now-interruption")

    def show(self, view: NowView, modes: dict[str, str], now_ms: int) -> None:
        title = self.query_one("#now-title", Static)
        if view.block is not None:  # in Swedish when the block ends, said relative to now, under the countdown
            self.border_subtitle = ends(view.remaining_ms, now_ms) if swedish() else ""
        else:  # a block due now: its title above, what starts it on the border (it fits at 80 columns)
            self.border_subtitle = "" if view.due is None else _("space starts it")
        if view.block is None and view.due is not None:
            title.update(_("■ {title} is planned now").format(title=markup_text(view.due.title)))
            self.query_one(Digits).update("0:00:00")
            self.query_one(ProgressBar).update(progress=0)
        elif view.block is None:
            title.update(_("■ no block running · space: start"))
            self.query_one(Digits).update("0:00:00")
            self.query_one(ProgressBar).update(progress=0)
        else:
            block = view.block
            left = _("left") if view.remaining_ms >= 0 else _("over time")
            mode = modes.get(block.category)
            category = markup_text(names.category(block.category))
            shown = f"{markup_text(block.title)} · {category} · {names.time_class(mode) if mode else '?'}"
            title.update(f"▶ {shown} · {left}")
            self.query_one(Digits).update(clock_text(abs(view.remaining_ms)))
            self.query_one(ProgressBar).update(progress=round(view.progress * 100))
        self.remove_class("other-day")
        self.set_class(view.remaining_ms < 0, "over")
        self.set_class(view.block is None, "idle")
        line = self.query_one("#now-interruption", Static)
        if view.interruption is None:
            line.update("")
            self.remove_class("interrupted")
        else:
            kind = _("email check") if view.interruption.kind == "email" else names.kind(view.interruption.kind)
            line.update(
                _("⚡ {kind} · {duration} · enter: back to work").format(
                    kind=markup_text(kind), duration=clock_text(view.interruption_ms)[2:]
                )
            )
            self.add_class("interrupted")

    def show_other_day(self, lines: tuple[str, ...]) -> None:
        """A day that is not today: no countdown, only what the day is and the keys that move on."""
        self.border_subtitle = ""
        self.query_one("#now-title", Static).update("\n".join(map(markup_text, lines)))
        self.query_one(Digits).update("0:00:00")
        self.query_one(ProgressBar).update(progress=0)
        self.query_one("#now-interruption", Static).update("")
        self.remove_class("over", "interrupted")
        self.add_class("idle", "other-day")  # no countdown; the line wraps (focus.tcss)


def ends(remaining_ms: int, now_ms: int) -> str:
    """When the running block ends, relative to now: ``ends in 25 minutes``, ``ended 3 minutes ago`` (in
    Swedish ``slutar om 25 minuter``, ``slutade för 3 minuter sedan``)."""
    end = relative(now_ms + remaining_ms, now_ms)
    return _("ends {when}").format(when=end) if remaining_ms > 0 else _("ended {when}").format(when=end)


class TodayPanel(Static):
    """The day's split so far: proactive, reactive, neutral; the focus stretches."""

    def show(self, summary: DaySummary) -> None:
        text = Text()
        cells = bar_cells(summary.totals, BAR)  # of the exact time, as the share is
        for name, ms in summary.totals.items():
            text.append(f"{names.time_class(name):<10}")
            text.append(GLYPHS[name] * cells[name], style=COLOURS[name])
            text.append(EMPTY * (BAR - cells[name]), style="dim")
            text.append(f" {short_duration(ms):>5}")
            if name == "proactive":
                text.append(f"  {percent(summary.proactive_share)}", style="bold")
            text.append("\n")
        stretches = _("{n} ≥ {minutes}m").format(n=summary.focus_stretches, minutes=summary.focus_minutes)
        longest = _("longest {duration}").format(duration=duration(summary.longest_focus))
        text.append(f"{_('focus'):<10}{longest} · {stretches}\n")
        hours = _("of {hours} work hours").format(hours=duration(summary.work))
        text.append(f"{names.time_class('untracked')} {duration(summary.untracked)} {hours}", style="dim")
        self.update(text)


def short_duration(ms: int) -> str:
    """``2h17``, ``44m``; under a minute ``30s`` (beside a bar that shows those seconds, not ``0m``)."""
    return _("{seconds}s").format(seconds=ms // 1000) if 0 < ms < 59_500 else duration(ms)


class PlanTable(DataTable[Text]):
    """The day's blocks: time, category, title, planned vs worked, state. Keys select rows (the
    table never takes focus, so enter stays "back to work")."""

    can_focus = False

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns(*headers())

    shown: tuple[tuple[str | int, ...], ...] = ()

    def show(self, summary: DaySummary, log: DayLog, now: int) -> None:
        rows = tuple(
            (
                f.block.id,
                f"{f.block.start_text}–{f.block.end_text}",
                planned_end(f.block, log) - f.block.end,
                f.block.category,
                f.block.title,
                duration(f.planned),
                "–" if f.state in ("not_tracked", "upcoming") else duration(f.worked),
                str(f.interruptions),
                shown_state(f, now, log),
            )
            for f in summary.blocks
        )
        self.border_subtitle = "" if rows else _("nothing planned · a: add a block")
        if rows == self.shown:
            return  # unchanged: no rebuild, no repaint
        self.shown = rows
        if log.date != self.placed_for and rows:  # a day's first rows: the selection starts on its current block
            self.placed_for, self.place_at = log.date, current_row([row[-1] for row in rows])
        cells = []
        for number, (block_id, times, extended, category, title, planned, worked, hits, state) in enumerate(rows, 1):
            # The extension as the Plan's other columns write minutes ("+15m"; the report says "+15 min")
            plus = pgettext("plan table", " +{minutes}m").format(minutes=extended // 60_000) if extended else ""
            style = "reverse bold" if state == "running" else ""
            cells.append(
                (
                    block_id,
                    [
                        Text(str(number), style="dim"),  # as focus start N takes it
                        Text(f"{clock_time(times)}{plus}", style=style),
                        Text(terminal_text(names.category(category))),
                        Text(terminal_text(title)),
                        Text(planned),
                        Text(worked),
                        Text(hits),
                        Text(state_word(state), style=STATE_STYLE[state]),
                    ],
                )
            )
        self.cells = cells
        self.lay_out()

    cells: list[tuple[str, list[Text]]] = []
    laid_out_for = 0  # the width the columns were last fitted to
    placed_for: dt.date | None = None  # the day whose current block the selection was put on
    place_at: int | None = None  # the row to select at the next layout
    columns_shown: tuple[list[str], list[int]] = ([], [])  # the columns' labels and widths as laid out

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self.laid_out_for:
            self.lay_out()

    def lay_out(self) -> None:
        """The rows again, the columns fitted to the table's width: each as wide as its widest cell,
        the category at most CATEGORY_WIDTH, the title what is left (at least TITLE_WIDTH), longer
        ones cut with an ellipsis. Narrower still, the table scrolls sideways."""
        selected = self.cursor_row if self.place_at is None else self.place_at
        self.place_at = None
        labels = headers()
        # Widths measured here, from all the rows: the table's own measuring happens later, and rows it
        # drew before that (e.g. while a dialog covered the screen) stayed cut to the header's width.
        widths = [max([len(label)] + [row[i].cell_len for _, row in self.cells]) for i, label in enumerate(labels)]
        widths[CATEGORY] = min(widths[CATEGORY], max(len(labels[CATEGORY]), CATEGORY_WIDTH))
        self.laid_out_for = room = self.scrollable_content_region.width
        if len(self.cells) >= self.scrollable_content_region.height and not self.show_vertical_scrollbar:
            room -= self.styles.scrollbar_size_vertical  # the rows are about to need a scrollbar
        if room > 0:  # 0 before the first layout: natural widths until the resize that follows
            others = sum(widths) - widths[TITLE] + 2 * self.cell_padding * len(widths)
            widths[TITLE] = max(TITLE_WIDTH, len(labels[TITLE]), min(widths[TITLE], room - others))
        if (labels, widths) == self.columns_shown:
            self.clear()  # the same columns: only the rows again (no new layout of the screen)
        else:
            self.clear(columns=True)
            for label, width in zip(labels, widths, strict=True):
                self.add_column(label, width=width)
            self.columns_shown = (labels, widths)
        for block_id, row in self.cells:
            self.add_row(*(cut(cell, width) for cell, width in zip(row, widths, strict=True)), key=block_id)
        if self.row_count:
            self.move_cursor(row=min(max(selected, 0), self.row_count - 1), animate=False)


CATEGORY, TITLE = 2, 3  # the Plan's columns that give way when the terminal is narrow


def headers() -> list[str]:
    """The Plan's column headers in the language in use: short, so that every column has room at 80
    columns (the report's table says ``planerat``, the Plan ``plan``)."""
    return [
        pgettext("plan table", "#"),
        pgettext("plan table", "time"),
        pgettext("plan table", "category"),
        pgettext("plan table", "title"),
        pgettext("plan table", "planned"),
        pgettext("plan table", "worked"),
        pgettext("plan table", "int"),
        pgettext("plan table", "state"),
    ]


CATEGORY_WIDTH = 10
TITLE_WIDTH = 8


def cut(cell: Text, width: int) -> Text:
    """A cell at most ``width`` wide, cut with an ellipsis."""
    if cell.cell_len <= width:
        return cell
    shorter = cell.copy()
    shorter.truncate(width, overflow="ellipsis")
    return shorter


def state_word(state: str) -> str:
    """A state as the screen says it (``shown_state``): the report's words, and its own two."""
    if state == "due":
        return pgettext("block state", "due now")
    if state == "missed":
        return pgettext("block state", "missed")
    return names.state(state)


class InterruptionsPanel(Vertical):
    """Today's interruptions by kind against the email budget, and per hour."""

    def compose(self) -> ComposeResult:
        yield Static(id="interruption-counts")
        yield Sparkline([0], id="per-hour")

    def show(self, summary: DaySummary, per_hour: list[int]) -> None:
        text = Text()
        for index, (kind, n) in enumerate(summary.interruptions_by_kind.items()):
            if kind == "email":
                over = n > summary.email_budget
                counted = _("email {n}/{budget}").format(n=n, budget=summary.email_budget)
                text.append(f"{counted}{' !' if over else ''}", style="bold red" if over else "")
            else:
                text.append(f"{names.kind(kind)} {n}")
            text.append("\n" if index == 2 else "  ")
        self.query_one("#interruption-counts", Static).update(text)
        self.set_class(summary.interruptions_by_kind.get("email", 0) > summary.email_budget, "over-budget")
        self.query_one(Sparkline).data = per_hour or [0]


class OutcomesPanel(Static):
    """Today's selling outcomes; the visits against the target, as the report says them; the running
    block's targets."""

    def show(self, summary: DaySummary, block: Block | None, targets: list[tuple[str, int, int]]) -> None:
        words = "  ".join(f"{markup_text(names.outcome(kind))} {n}" for kind, n in summary.outcomes.items())
        lines = [words, visits_line(summary.debrief.visits, summary.visit_target, summary.debrief.debriefed)]
        if block is not None and targets:
            counted = "  ".join(
                _("{outcome} {n}/{target}").format(outcome=markup_text(names.outcome(kind)), n=n, target=target)
                for kind, n, target in targets
            )
            lines.append(_("{title}: {counted}").format(title=markup_text(block.title), counted=counted))
        self.update("\n".join(lines))
