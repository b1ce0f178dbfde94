"""What the workday screen shows, computed from a DaySummary and its DayLog. Pure; no Textual."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from focus.core.accounting import DaySummary
from focus.core.clock import day_bounds, from_ms
from focus.core.config import Config
from focus.core.model import Block, DayLog, Interruption
from focus.core.timebox import planned_end


@dataclass(frozen=True)
class NowView:
    block: Block | None
    remaining_ms: int        # to the (extended) planned end; negative when over
    progress: float          # share of the timebox used, 0-1
    interruption: Interruption | None
    interruption_ms: int


def now_view(summary: DaySummary, log: DayLog, now: int) -> NowView:
    """The running block's countdown and the running interruption's elapsed time."""
    session = summary.running_session
    block = next((b for b in log.blocks if session and b.id == session.block_id), None)
    remaining, progress = 0, 0.0
    if block is not None:
        end = planned_end(block, log)
        remaining = end - now
        length = end - block.start
        progress = min(1.0, max(0.0, (now - block.start) / length)) if length > 0 else 1.0
    item = summary.running_interruption
    return NowView(block, remaining, progress, item, (now - item.start) if item else 0)


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

