"""Events in words, for the confirmation lines of undo (CLI and TUI)."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from focus.core.clock import Clock, from_ms
from focus.core.events import (
    BLOCK,
    BLOCK_EXTEND,
    BLOCK_REMOVE,
    CORRECTION,
    CORRECTS,
    DEBRIEF,
    DEBRIEF_SKIPPED,
    ENTRY_REMOVE,
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
from focus.i18n import _
from focus.reports import names
from focus.reports.local import clock_time, moment


def when(ms: int, clock: Clock) -> str:
    """``10:42`` today, ``Mon 23 Nov 10:42`` another day."""
    local = from_ms(ms, clock.tz)
    return hhmm(local) if local.date() == clock.today() else f"{local:%a %d %b} {hhmm(local)}"


def describe(event: Event, clock: Clock) -> str:
    """``email check at 10:42``, ``2 × call at Mon 23 Nov 14:05``, ``planned block …`` (in Swedish
    ``mejlkoll kl. 10.42``, …)."""
    at = moment(event.at, clock)
    p = event.payload
    if "removed" in p:  # a removal, with what it removed (Tracker.with_removed_entry)
        removed = p["removed"]
        if removed.type == SESSION_START:
            category = names.category(cast(SessionStartPayload, removed.payload)["category"])
            return _("the removal of the {category} session at {at}").format(category=category, at=at)
        return _("the removal of {what}").format(what=describe(removed, clock))
    if event.type == ENTRY_REMOVE:
        return _("the removal of an entry at {at}").format(at=at)
    if CORRECTION in p:
        if event.type == SESSION_STOP and p.get(CORRECTS):
            return _("the removal of a session at {at}").format(at=at)
        plain = {key: value for key, value in p.items() if key not in (CORRECTION, CORRECTS)}
        return _("the correction to {what}").format(what=describe(replace(event, payload=plain), clock))
    if event.type == INTERRUPTION:
        kind = cast(InterruptionPayload, p)["kind"]
        if kind == "email":
            return _("email check at {at}").format(at=at)
        return _("{kind} interruption at {at}").format(kind=names.kind(kind), at=at)
    if event.type == OUTCOME:
        outcome = cast(OutcomePayload, p)
        return _("{count} × {kind} at {at}").format(count=outcome["count"], kind=names.outcome(outcome["kind"]), at=at)
    if event.type == SESSION_START:
        category = names.category(cast(SessionStartPayload, p)["category"])
        return _("start of {category} at {at}").format(category=category, at=at)
    if event.type == SESSION_STOP:
        return _("stop at {at}").format(at=at)
    if event.type == INTERRUPTION_END:
        return _("back to work at {at}").format(at=at)
    if event.type == BLOCK:
        block = cast(BlockPayload, p)
        times = f"{clock_time(block['start'])}–{clock_time(block['end'])}"
        what = f"{times} {names.category(block['category'])} {block.get('title', '')!r}"
        return _("planned block {what} on {date}").format(what=what, date=block["date"])
    if event.type == INTERRUPTION_EXTEND:
        until = clock_time(hhmm(from_ms(cast(InterruptionExtendPayload, p)["until"], clock.tz)))
        return _("a longer email check (until {until})").format(until=until)
    if event.type == MAIL_RECEIVED:
        return _("mail received at {at}").format(at=at)
    if event.type == DEBRIEF:
        who = cast(DebriefPayload, p)["answers"].get("who", "")
        return _("the debrief of visit {block} ({who})").format(block=_block(event, clock), who=who)
    if event.type == DEBRIEF_SKIPPED:
        return _("the skipped debrief of visit {block}").format(block=_block(event, clock))
    if event.type == BLOCK_EXTEND:
        minutes = cast(BlockExtendPayload, p)["minutes"]
        return _("{minutes} more minutes for block {block}").format(minutes=minutes, block=_block(event, clock))
    if event.type == BLOCK_REMOVE:
        named = p.get("named_block")
        if named is None:
            return _("removal of block {ref} on {day}").format(ref=event.ref, day=event.day)
        return _("removal of block {block}").format(block=_block(event, clock))
    return _("{type} at {at}").format(type=event.type, at=at)


def _block(event: Event, clock: Clock) -> str:
    """The block an event names, as ``Tracker.with_named_block`` found it: ``09:00–10:00 'Ring'`` (another
    day: ``Mon 23 Nov 09:00–10:00 'Ring'``); its id when it was not found."""
    named = event.payload.get("named_block")
    if named is None:
        return str(event.ref)
    return f"{moment(named['start'], clock)}–{clock_time(named['end_text'])} {named['title']!r}"
