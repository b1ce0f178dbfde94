"""Timeboxing: which blocks should start or stop by themselves now, and which moments to announce.

Pure functions of a DayLog and "now"; the TUI performs what they return. Automatic actions
carry a key, so two processes doing the same one record it once.
"""

from __future__ import annotations

from typing import NamedTuple

from focus.core.model import Block, DayLog, Session

START_GRACE_MS = 60_000  # a block auto-starts only within the first minute of its planned start


class Due(NamedTuple):
    action: str  # "start" or "stop"
    block: Block
    at: int
    key: str


def planned_end(block: Block, log: DayLog) -> int:
    """The block's end with its extensions (``+``)."""
    return block.end + log.extensions.get(block.id, 0)


def running_session(log: DayLog, now: int) -> Session | None:
    """The session going on at ``now``."""
    return next((s for s in log.sessions if s.start <= now and (s.end is None or s.end > now)), None)


def handed_over_by(block: Block, log: DayLog) -> Block | None:
    """The extended block whose session ran over ``block``'s planned start and on to its extended end
    inside ``block``'s window (or still runs towards it): ``block`` starts when that one stops."""
    for other in log.blocks:
        end = planned_end(other, log)
        if other.id == block.id or not other.start <= block.start < end < block.end:
            continue
        if any(
            s.block_id == other.id and s.start <= block.start and (s.end is None or s.end >= end) for s in log.sessions
        ):
            return other
    return None


def start_moment(block: Block, log: DayLog) -> int:
    """When ``block`` starts by itself: its planned start, or the extended end of the block that ran over it."""
    other = handed_over_by(block, log)
    return block.start if other is None else planned_end(other, log)


def due_actions(log: DayLog, now: int) -> list[Due]:
    """What auto-start wants done at ``now``: stop the running block at its (extended) end; start a
    block at its start moment (its planned start, or the extended end of a block that ran over it) if
    nothing runs and it has not been worked on yet (a block you stopped early stays stopped)."""
    actions: list[Due] = []
    blocks = {block.id: block for block in log.blocks}
    running = running_session(log, now)
    if running is not None and running.end is None and running.block_id in blocks:
        block = blocks[running.block_id]
        end = planned_end(block, log)
        if running.start < end <= now:
            actions.append(Due("stop", block, end, f"auto-stop:{block.id}:{end}"))
            running = None
    if running is None:
        for block in log.blocks:
            untouched = not any(s.block_id == block.id for s in log.sessions)
            moment = start_moment(block, log)
            if untouched and moment <= now < moment + START_GRACE_MS:
                actions.append(Due("start", block, moment, f"auto-start:{block.id}"))
                break
    return actions


def announcements(log: DayLog, since: int, now: int, auto_start: bool = True) -> list[tuple[str, Block]]:
    """Blocks whose start or (extended) end fell in (since, now]: ("starts"|"ends", block). Under
    ``auto_start`` a block that an extended one runs over starts when that one ends (``start_moment``):
    at its planned start it is ("waits", block)."""
    result = []
    for block in log.blocks:
        moment = start_moment(block, log) if auto_start else block.start
        if since < block.start <= now and moment != block.start:
            result.append(("waits", block))
        if since < moment <= now:
            result.append(("starts", block))
        if since < planned_end(block, log) <= now:
            result.append(("ends", block))
    return result
