"""Fold the raw events around a day into what happened on it (undone events removed). Pure.

A week or a year is folded in one pass over its events: each event is looked at once, each zone
and each planned clock time resolved once, and every day takes its part by bisection.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

from focus.core.clock import day_bounds, local_ms, zone
from focus.core.events import (
    BLOCK,
    BLOCK_EXTEND,
    BLOCK_REMOVE,
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
    UNDO,
    BlockExtendPayload,
    BlockPayload,
    DebriefPayload,
    InterruptionExtendPayload,
    InterruptionPayload,
    OutcomePayload,
    SessionStartPayload,
)
from focus.core.model import Block, DayLog, Event, Interruption, Outcome, Session
from focus.core.timeparse import parse_end, parse_time

ONE_DAY = dt.timedelta(days=1)
_clock_time = lru_cache(maxsize=4096)(parse_time)
_clock_end = lru_cache(maxsize=4096)(parse_end)


def standing(events: Iterable[Event]) -> list[Event]:
    """The events that stand (rules 9 and 13): undo events and the events they undo are dropped, and so
    are the events a correction that stands (one not undone) names in ``corrects``. A removal
    (``entry.remove``) stands: undo may take it back."""
    events = list(events)
    undone = {event.ref for event in events if event.type == UNDO}
    kept = [event for event in events if event.type != UNDO and event.id not in undone]
    superseded = {ref for event in kept if (refs := event.payload.get(CORRECTS)) for ref in refs}
    return [event for event in kept if event.id not in superseded]


def live(events: Iterable[Event]) -> list[Event]:
    """The events that count: those that stand, but a removal, which has no effect of its own."""
    return [event for event in standing(events) if event.type != ENTRY_REMOVE]


def block_of(event: Event) -> Block:
    """The block a ``block`` event plans, its local times resolved in the zone it was planned in."""
    payload = cast(BlockPayload, event.payload)
    date = dt.date.fromisoformat(payload["date"])
    tz = zone(event.tz)
    return Block(
        id=payload["block"],
        date=date,
        start=local_ms(date, _clock_time(payload["start"]), tz),
        end=local_ms(date, _clock_end(payload["end"]), tz),
        start_text=payload["start"],
        end_text=payload["end"],
        category=payload["category"],
        title=payload.get("title") or payload["category"],
        targets=dict(payload.get("targets") or {}),
        source=event.source,
    )


def blocks(events: Iterable[Event]) -> dict[str, Block]:
    """The current version of each block, in creation order; removed blocks are gone."""
    current: dict[str, Block] = {}
    for event in sorted((e for e in events if e.type in (BLOCK, BLOCK_REMOVE)), key=lambda e: e.id):
        if event.type == BLOCK:
            block = block_of(event)
            current[block.id] = block
        elif event.ref is not None:
            current.pop(event.ref, None)
    return current


def sessions(events: Iterable[Event]) -> list[Session]:
    """Sessions from start/stop events in time order; a start ends the session that runs."""
    result: list[Session] = []
    running: Event | None = None
    # at one instant a stop comes before a start (an auto-stop and the next block's auto-start)
    starts_and_stops = (e for e in events if e.type in (SESSION_START, SESSION_STOP))
    for event in sorted(starts_and_stops, key=lambda e: (e.at, e.type == SESSION_START, e.id)):
        if running is not None:
            stop = event.id if event.type == SESSION_STOP else ""
            result.append(_session(running, event.at, stop))
            running = None
        if event.type == SESSION_START:
            running = event
    if running is not None:
        result.append(_session(running, None))
    return result


def _session(start: Event, end: int | None, stop: str = "") -> Session:
    payload = cast(SessionStartPayload, start.payload)
    return Session(payload.get("block"), payload["category"], start.at, end, start.id, stop)


def interruptions(events: Iterable[Event]) -> list[Interruption]:
    """Interruptions in time order, each with the moment "back to work" ended it, if any."""
    back: dict[str, int] = {}
    until: dict[str, int] = {}
    active: dict[str, int] = {}
    started: list[Event] = []
    for event in events:
        if event.type == INTERRUPTION:
            started.append(event)
        elif event.ref is None:
            continue
        elif event.type == INTERRUPTION_END:
            back[event.ref] = min(event.at, back.get(event.ref, event.at))
        elif event.type == INTERRUPTION_EXTEND:
            grown = cast(InterruptionExtendPayload, event.payload)
            until[event.ref] = max(int(grown["until"]), until.get(event.ref, 0))
            active[event.ref] = max(event.at, active.get(event.ref, 0))
    items = [
        Interruption(
            event.id,
            payload["kind"],
            event.at,
            payload.get("end"),
            back.get(event.id),
            until.get(event.id),
            payload.get("note") or "",
            event.source,
            active.get(event.id),
        )
        for event in started
        for payload in [cast(InterruptionPayload, event.payload)]
    ]
    items.sort(key=lambda item: (item.start, item.id))
    return items


def extensions(events: Iterable[Event]) -> dict[str, int]:
    """Milliseconds each block was extended past its planned end (the TUI's ``+``)."""
    result: dict[str, int] = {}
    for event in events:
        if event.type == BLOCK_EXTEND and event.ref:
            minutes = cast(BlockExtendPayload, event.payload)["minutes"]
            result[event.ref] = result.get(event.ref, 0) + int(minutes) * 60_000
    return result


def fold_day(events: Iterable[Event], date: dt.date, tz: ZoneInfo) -> DayLog:
    """The DayLog of ``date`` from the events of the days around it, and the start and end of a session
    that runs across them (a session may cross midnights)."""
    return fold_days(events, [date], tz)[date]


_GROUP = {
    BLOCK: "plan", BLOCK_REMOVE: "plan", SESSION_START: "sessions", SESSION_STOP: "sessions",
    INTERRUPTION: "interruptions", INTERRUPTION_END: "interruptions", INTERRUPTION_EXTEND: "interruptions",
    OUTCOME: "counted", MAIL_RECEIVED: "counted", BLOCK_EXTEND: "extensions", DEBRIEF: "debriefs",
    DEBRIEF_SKIPPED: "debriefs",
}  # fmt: skip


def fold_days(events: Iterable[Event], dates: Iterable[dt.date], tz: ZoneInfo) -> dict[dt.date, DayLog]:
    """The DayLog of each date from one pass over the events of a range (and a day either side, and
    the start and end of a session that runs across it): a week or a year is folded once, not day by
    day."""
    groups: dict[str, list[Event]] = {name: [] for name in set(_GROUP.values())}
    for event in live(events):
        group = _GROUP.get(event.type)
        if group is not None:
            groups[group].append(event)
    by_date: dict[dt.date, list[Block]] = {}
    for block in blocks(groups["plan"]).values():
        by_date.setdefault(block.date, []).append(block)
    all_sessions = sessions(groups["sessions"])  # in start order
    session_starts = [s.start for s in all_sessions]
    all_interruptions = interruptions(groups["interruptions"])  # in start order
    interruption_starts = [i.start for i in all_interruptions]
    counted = sorted(groups["counted"], key=lambda e: e.at)
    counted_at = [e.at for e in counted]
    extended = extensions(groups["extensions"])
    answers = {
        e.ref: cast(DebriefPayload, e.payload)["answers"]
        for e in sorted(groups["debriefs"], key=lambda e: e.id)
        if e.ref and e.type == DEBRIEF
    }
    skipped = frozenset(e.ref for e in groups["debriefs"] if e.ref and e.type == DEBRIEF_SKIPPED) - set(answers)
    result = {}
    bounds: dict[dt.date, tuple[int, int]] = {}  # each date's, once (a day is also its neighbours' neighbour)
    for date in dates:
        start, end = _bounds(bounds, date, tz)
        # what a day sees: interruptions that began the day before, on it, or the day after; sessions that
        # began on it, and the one running when it began, however long ago that began (one at most: a
        # start ends the session that runs)
        before, after = _bounds(bounds, date - ONE_DAY, tz)[0], _bounds(bounds, date + ONE_DAY, tz)[1]
        first = max(0, bisect_left(session_starts, start) - 1)
        day_sessions = all_sessions[first : bisect_left(session_starts, end)]
        day_counted = counted[bisect_left(counted_at, start) : bisect_left(counted_at, end)]
        result[date] = DayLog(
            date=date,
            blocks=_in_time_order(by_date.get(date, ())),
            sessions=tuple(s for s in day_sessions if s.end is None or s.end > start),
            interruptions=tuple(
                all_interruptions[bisect_left(interruption_starts, before) : bisect_left(interruption_starts, after)]
            ),
            outcomes=tuple(
                Outcome(p["kind"], int(p.get("count", 1)), e.at, e.id, e.source)
                for e in day_counted
                if e.type == OUTCOME
                for p in [cast(OutcomePayload, e.payload)]
            ),
            extensions=extended,
            mail_received=sum(1 for e in day_counted if e.type == MAIL_RECEIVED),
            debriefs=answers,
            debriefs_skipped=skipped,
        )
    return result


def _bounds(known: dict[dt.date, tuple[int, int]], date: dt.date, tz: ZoneInfo) -> tuple[int, int]:
    if date not in known:
        known[date] = day_bounds(date, tz)
    return known[date]


def _in_time_order(day_blocks: Sequence[Block]) -> tuple[Block, ...]:
    return tuple(sorted(day_blocks, key=lambda block: (block.start, block.end)))
