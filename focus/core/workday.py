"""The workday screen's rules, as pure functions of the day's log, its summary and "now": what the
panels show, which block a key acts on, when the debrief opens, when the email budget is crossed.
The TUI only asks these and draws or writes what they say. No Textual here."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from zoneinfo import ZoneInfo

from focus.core import timebox
from focus.core.accounting import BlockFigures, DaySummary, visits
from focus.core.clock import day_bounds, from_ms, local_ms
from focus.core.config import Config
from focus.core.debrief import to_debrief
from focus.core.model import Block, DayLog, Interruption
from focus.core.timebox import planned_end


class NowView(NamedTuple):
    block: Block | None
    remaining_ms: int  # to the (extended) planned end; negative when over
    progress: float  # share of the timebox used, 0-1
    interruption: Interruption | None
    interruption_ms: int
    due: Block | None = None  # when no block runs: the block planned now (space starts it)


def running_block(summary: DaySummary, log: DayLog) -> Block | None:
    """The block whose session is running."""
    session = summary.running_session
    return next((b for b in log.blocks if session is not None and b.id == session.block_id), None)


def now_view(summary: DaySummary, log: DayLog, now: int) -> NowView:
    """The running block's countdown and the running interruption's elapsed time."""
    block = running_block(summary, log)
    remaining, progress = 0, 0.0
    if block is not None:
        end = planned_end(block, log)
        remaining = end - now
        length = end - block.start
        progress = min(1.0, max(0.0, (now - block.start) / length)) if length > 0 else 1.0
    item = summary.running_interruption
    due = block_to_start(log, now, None) if block is None else None
    return NowView(block, remaining, progress, item, (now - item.start) if item else 0, due)


def shown_state(figures: BlockFigures, now: int, log: DayLog | None = None) -> str:
    """A block's state as the screen says it: one whose window has begun with no session is ``due``
    (not "upcoming"), unless an extended block runs over it and it starts when that one ends (it stays
    ``upcoming``); a past one with no session is ``missed``; else its state (DESIGN §3.7)."""
    if figures.state == "upcoming" and figures.block.start <= now:
        waits = log is not None and timebox.start_moment(figures.block, log) > now
        return "upcoming" if waits else "due"
    return "missed" if figures.state == "not_tracked" else figures.state


def current_row(states: list[str]) -> int:
    """Where the Plan's selection starts on a day: the running block, else the one due now, else the
    next to come, else the first."""
    for wanted in ("running", "due", "upcoming"):
        if wanted in states:
            return states.index(wanted)
    return 0


def block_targets(block: Block | None, log: DayLog, now: int) -> list[tuple[str, int, int]]:
    """The running block's targets against the outcomes counted during its sessions: (outcome, n, target)."""
    if block is None:
        return []
    spans = [(s.start, now if s.end is None else s.end) for s in log.sessions if s.block_id == block.id]
    return [
        (kind, sum(o.count for o in log.outcomes if o.kind == kind and any(a <= o.at <= b for a, b in spans)), target)
        for kind, target in block.targets.items()
    ]


def bar_cells(ms_by_class: dict[str, int], width: int) -> dict[str, int]:
    """How many of ``width`` cells each class fills on the screen: its share of the exact tracked time,
    by largest remainder, so the bars agree with the proactive share from the first seconds of the day."""
    whole = sum(ms_by_class.values())
    if not whole:
        return dict.fromkeys(ms_by_class, 0)
    exact = {name: width * ms / whole for name, ms in ms_by_class.items()}
    cells = {name: int(x) for name, x in exact.items()}
    for name in sorted(exact, key=lambda n: cells[n] - exact[n])[: width - sum(cells.values())]:
        cells[name] += 1
    return cells


def clock_text(ms: int) -> str:
    """``0:47:12``; ``-0:03:10`` when over."""
    sign = "-" if ms < 0 else ""
    seconds = abs(ms) // 1000
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def per_hour(log: DayLog, config: Config, tz: ZoneInfo) -> list[int]:
    """Interruptions started in each local hour of the work day (widened to any outside it)."""
    start, end = day_bounds(log.date, tz)
    hours = [from_ms(item.start, tz).hour for item in log.interruptions if start <= item.start < end]
    first = min([config.work.start.hour, *hours])
    last = max([config.work.end.hour - (1 if config.work.end.minute == 0 else 0), *hours])
    return [hours.count(hour) for hour in range(first, last + 1)]


def block_to_start(log: DayLog, now: int, selected: Block | None) -> Block | None:
    """What space starts when nothing runs: the block planned now, else the selected one."""
    return next((b for b in log.blocks if b.start <= now < b.end), None) or selected


def next_block(summary: DaySummary, log: DayLog, now: int) -> Block | None:
    """What ``n`` starts: the first block planned after the running one (after now when none runs)."""
    current = running_block(summary, log)
    after = current.start if current else now
    return next((b for b in log.blocks if b.start > after and (current is None or b.id != current.id)), None)


def debrief_due(log: DayLog, config: Config, tz: ZoneInfo, now: int, asked: dt.date | None) -> list[Block] | None:
    """At ``debrief.time``, or later that day when the screen opens: the day's visits neither answered
    nor skipped yet, once a day (``asked``: the day it last opened by itself). None when it is not time;
    a list, perhaps empty, when it is (then it counts as asked)."""
    if now < local_ms(log.date, config.debrief_time, tz) or asked == log.date:
        return None
    return to_debrief(visits(log, config, now), log)


def email_budget_crossed(before: DaySummary | None, after: DaySummary) -> int | None:
    """The email check count when ``after`` is the first to go over the day's budget, else None."""
    if before is None:
        return None
    budget = after.email_budget
    was, now = before.interruptions_by_kind.get("email", 0), after.interruptions_by_kind.get("email", 0)
    return now if was <= budget < now else None
