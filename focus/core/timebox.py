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


def due_actions(log: DayLog, now: int) -> list[Due]:
    """What auto-start wants done at ``now``: stop the running block at its (extended) end; start a
    block at its planned start if nothing runs and it has not been worked on yet (a block you
    stopped early stays stopped)."""
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
            if untouched and block.start <= now < block.start + START_GRACE_MS:
                actions.append(Due("start", block, block.start, f"auto-start:{block.id}"))
                break
    return actions


def announcements(log: DayLog, since: int, now: int) -> list[tuple[str, Block]]:
    """Blocks whose planned start or (extended) end fell in (since, now]: ("starts"|"ends", block)."""
    result = []
    for block in log.blocks:
        if since < block.start <= now:
            result.append(("starts", block))
        if since < planned_end(block, log) <= now:
            result.append(("ends", block))
    return result
