"""Events in words, for the confirmation lines of undo (CLI and TUI)."""

from __future__ import annotations

from typing import cast

from focus.core.clock import Clock, from_ms
from focus.core.events import (
    BLOCK,
    BLOCK_EXTEND,
    BLOCK_REMOVE,
    DEBRIEF,
    INTERRUPTION,
    INTERRUPTION_END,
    INTERRUPTION_EXTEND,
    MAIL_RECEIVED,
    OUTCOME,
    SESSION_START,
    SESSION_STOP,
    BlockExtendPayload,
    BlockPayload,
    DebriefPayload,
    InterruptionExtendPayload,
    InterruptionPayload,
    OutcomePayload,
    SessionStartPayload,
)
from focus.core.model import Event
from focus.core.timeparse import hhmm


def when(ms: int, clock: Clock) -> str:
    """``10:42`` today, ``Mon 23 Nov 10:42`` another day."""
    moment = from_ms(ms, clock.tz)
    return hhmm(moment) if moment.date() == clock.today() else f"{moment:%a %d %b} {hhmm(moment)}"


def describe(event: Event, clock: Clock) -> str:
    """``email check at 10:42``, ``2 × call at Mon 23 Nov 14:05``, ``planned block …``."""
    at = when(event.at, clock)
    p = event.payload
    if event.type == INTERRUPTION:
        kind = cast(InterruptionPayload, p)["kind"]
        return f"{'email check' if kind == 'email' else f'{kind} interruption'} at {at}"
    if event.type == OUTCOME:
        outcome = cast(OutcomePayload, p)
        return f"{outcome['count']} × {outcome['kind']} at {at}"
    if event.type == SESSION_START:
        return f"start of {cast(SessionStartPayload, p)['category']} at {at}"
    if event.type == SESSION_STOP:
        return f"stop at {at}"
    if event.type == INTERRUPTION_END:
        return f"back to work at {at}"
    if event.type == BLOCK:
        block = cast(BlockPayload, p)
        what = f"{block['start']}–{block['end']} {block['category']} {block.get('title', '')!r}"
        return f"planned block {what} on {block['date']}"
    if event.type == INTERRUPTION_EXTEND:
        return f"a longer email check (until {hhmm(from_ms(cast(InterruptionExtendPayload, p)['until'], clock.tz))})"
    if event.type == MAIL_RECEIVED:
        return f"mail received at {at}"
    if event.type == DEBRIEF:
        return f"the debrief of visit {event.ref} ({cast(DebriefPayload, p)['answers'].get('who', '')})"
    if event.type == BLOCK_EXTEND:
        return f"{cast(BlockExtendPayload, p)['minutes']} more minutes for block {event.ref}"
    if event.type == BLOCK_REMOVE:
        return f"removal of block {event.ref} on {event.day}"
    return f"{event.type} at {at}"
