"""Events in words, for the confirmation lines of undo (CLI and TUI)."""

from __future__ import annotations

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
        what = "email check" if p["kind"] == "email" else f"{p['kind']} interruption"
        return f"{what} at {at}"
    if event.type == OUTCOME:
        return f"{p['count']} × {p['kind']} at {at}"
    if event.type == SESSION_START:
        return f"start of {p['category']} at {at}"
    if event.type == SESSION_STOP:
        return f"stop at {at}"
    if event.type == INTERRUPTION_END:
        return f"back to work at {at}"
    if event.type == BLOCK:
        return f"planned block {p['start']}–{p['end']} {p['category']} {p.get('title', '')!r} on {p['date']}"
    if event.type == INTERRUPTION_EXTEND:
        return f"a longer email check (until {hhmm(from_ms(p['until'], clock.tz))})"
    if event.type == MAIL_RECEIVED:
        return f"mail received at {at}"
    if event.type == DEBRIEF:
        return f"the debrief of visit {event.ref} ({p['answers'].get('who', '')})"
    if event.type == BLOCK_EXTEND:
        return f"{p['minutes']} more minutes for block {event.ref}"
    if event.type == BLOCK_REMOVE:
        return f"removal of block {event.ref} on {event.day}"
    return f"{event.type} at {at}"
