"""Fixing the past (DESIGN §3 rule 13): a day's entries, numbered, and the new events that correct or
remove one. Pure: the Tracker checks the words and writes the events this module plans.

An entry is what the report counts: a session, an interruption (an email check of several is one
entry, its parts all replaced together) or a count of outcomes. A correction never changes an event:
it writes the entry again as it should have been, naming the events it replaces (``corrects``). A
corrected entry stays on its day. A new start moves an interruption or an outcome whole; a session
keeps its block, and its end unless a length is given, and never comes to overlap another session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from focus.core import aliases
from focus.core.accounting import resolve_checks
from focus.core.clock import check_not_future, day_bounds, from_ms
from focus.core.config import INTERRUPTION_KINDS, Config
from focus.core.errors import FocusError
from focus.core.events import (
    CORRECTS,
    ENTRY_REMOVE,
    INTERRUPTION,
    MAX_COUNT,
    MAX_MINUTES,
    OUTCOME,
    SESSION_START,
    SESSION_STOP,
    interruption_payload,
    outcome_payload,
    session_start_payload,
)
from focus.core.model import DayLog, Session
from focus.core.text import NOTE_MAX, clean
from focus.core.timeparse import hhmm, said_clock
from focus.i18n import N_, _

SESSION, INTERRUPTED, COUNTED = "session", "interruption", "outcome"


@dataclass(frozen=True)
class Entry:
    """One line of a day's list of entries, numbered from 1 in time order."""

    number: int
    what: str  # SESSION, INTERRUPTED or COUNTED
    kind: str  # the interruption's or outcome's kind; the session's category
    start: int
    end: int | None  # as the report counts it; None for an outcome and a session still running
    count: int = 1
    title: str = ""  # a session's block title, an interruption's note
    source: str = "cli"
    events: tuple[str, ...] = ()  # the events it is made of, which a correction replaces
    block_id: str | None = None


@dataclass(frozen=True)
class Change:
    """What a correction sets; None keeps the entry's own."""

    kind: str | None = None
    start: int | None = None  # an interruption keeps its length, a session its end
    minutes: float | None = None
    count: int | None = None
    note: str | None = None


class Planned(NamedTuple):
    """An event a correction writes: its type, instant and payload (without the correction's marks)."""

    type: str
    at: int
    payload: dict[str, Any]


def day_entries(log: DayLog, config: Config, tz: dt.tzinfo) -> list[Entry]:
    """The entries that began on ``log``'s day, in time order, numbered from 1."""
    first, last = day_bounds(log.date, tz)
    titles = {block.id: block.title for block in log.blocks}
    found: list[tuple[int, int, Entry]] = []
    for session in log.sessions:
        if first <= session.start < last:
            title = titles.get(session.block_id or "", "")
            events = tuple(e for e in (session.start_event, session.stop_event) if e)
            entry = Entry(0, SESSION, session.category, session.start, session.end, 1, title, "", events)
            found.append((session.start, 0, replace(entry, block_id=session.block_id)))
    for item, start, end in resolve_checks(log.interruptions, config):
        if first <= start < last:
            events = item.parts or (item.id,)
            found.append((start, 1, Entry(0, INTERRUPTED, item.kind, start, end, 1, item.note, item.source, events)))
    for outcome in log.outcomes:
        entry = Entry(0, COUNTED, outcome.kind, outcome.at, None, outcome.count, "", outcome.source, (outcome.id,))
        found.append((outcome.at, 2, entry))
    found.sort(key=lambda row: (row[0], row[1]))
    return [replace(entry, number=number) for number, (_start, _order, entry) in enumerate(found, 1)]


def entry_numbered(entries: list[Entry], number: int, date: dt.date) -> Entry:
    """The entry with ``number``; a FocusError that says how many there are otherwise."""
    if not 1 <= number <= len(entries):
        if not entries:
            raise FocusError(_("{date} has no entries").format(date=date))
        raise FocusError(
            _("no entry {number} on {date}: they are numbered 1 to {last}").format(
                number=number, date=date, last=len(entries)
            ),
            hint=_("see focus entries --date {date}").format(date=date),
        )
    return entries[number - 1]


def prepare(entry: Entry, change: Change, log: DayLog, config: Config, now: int, tz: dt.tzinfo) -> list[Planned]:
    """The events of a correction of ``entry``, its words resolved (Swedish names too) and its numbers
    and times checked (a FocusError says what is wrong; the screen asks this before it writes)."""
    if change == Change():
        raise FocusError(_("nothing to change: say what is to be different"), hint=_("see focus edit --help"))
    kind = change.kind
    if kind is not None and entry.what == INTERRUPTED:
        kind = aliases.interruption_kind(kind, INTERRUPTION_KINDS)
    elif kind is not None and entry.what == COUNTED:
        kind = aliases.outcome(kind, config.outcomes)
    if change.minutes is not None and not 0 < change.minutes <= MAX_MINUTES:
        raise FocusError(
            _("a length of {minutes} minutes: it must be between 1 and {most}").format(
                minutes=f"{change.minutes:g}", most=MAX_MINUTES
            )
        )
    if change.count is not None and not 0 < change.count <= MAX_COUNT:
        raise FocusError(_("count {n}: must be between 1 and {most}").format(n=change.count, most=MAX_COUNT))
    note = None if change.note is None else clean(change.note, N_("the note"), NOTE_MAX)
    planned = correction(entry, replace(change, kind=kind, note=note), log, tz)
    for item in planned:
        if item.type in (INTERRUPTION, OUTCOME, SESSION_START, SESSION_STOP):
            moment = from_ms(item.at, tz)
            when = _("{time} on {date}").format(time=said_clock(hhmm(moment)), date=moment.date())
            check_not_future(item.at, now, when)
    return planned


def correction(entry: Entry, change: Change, log: DayLog, tz: dt.tzinfo) -> list[Planned]:
    """The events that write ``entry`` again as ``change`` says (kinds already checked)."""
    start = entry.start if change.start is None else change.start
    if entry.what == COUNTED:
        if change.minutes is not None:
            raise FocusError(_("an outcome has no length: set its time or its count"))
        payload = dict(outcome_payload(change.kind or entry.kind, change.count or entry.count))
        return [_on_day(Planned(OUTCOME, start, payload), entry, None, log, tz)]
    if change.count is not None:
        raise FocusError(_("only an outcome has a count"))
    if entry.what == INTERRUPTED:
        length = round(change.minutes * 60_000) if change.minutes is not None else (entry.end or start) - entry.start
        note = entry.title if change.note is None else change.note
        payload = dict(interruption_payload(change.kind or entry.kind, start + length, note))
        return [_on_day(Planned(INTERRUPTION, start, payload), entry, start + length, log, tz)]
    return _session_again(entry, change, start, log, tz)


def removal(entry: Entry, log: DayLog) -> list[Planned]:
    """The event that removes ``entry``: for a session a stop at its start (the session before it keeps
    its end), else an ``entry.remove``; either names the entry's events."""
    kind = SESSION_STOP if entry.what == SESSION else ENTRY_REMOVE
    return [Planned(kind, entry.start, {CORRECTS: list(entry.events)})]


def _session_again(entry: Entry, change: Change, start: int, log: DayLog, tz: dt.tzinfo) -> list[Planned]:
    if change.kind is not None:
        raise FocusError(
            _("a session keeps its block: remove it and start the other block instead"),
            hint=_("focus rm N, then focus start BLOCK --at TIME"),
        )
    if change.note is not None:
        raise FocusError(_("only an interruption has a note"))
    if entry.end is None and change.minutes is not None:
        raise FocusError(_("the session is still running: stop it first, then correct its length"))
    end = entry.end if change.minutes is None else start + round(change.minutes * 60_000)
    if end is not None and end <= start:
        raise FocusError(_("it would end before it starts: give its length too"), hint=_("--minutes M"))
    sessions = sorted(log.sessions, key=lambda s: s.start)
    index = next(i for i, s in enumerate(sessions) if s.start_event in entry.events)
    before = sessions[index - 1] if index else None
    after = sessions[index + 1] if index + 1 < len(sessions) else None
    if before is not None and before.end is not None and start < before.end:
        ends = _at(before.end, tz)
        raise FocusError(_("it would overlap the session before it, which ends {time}").format(time=ends))
    if after is not None and (end is None or end > after.start):
        starts = _at(after.start, tz)
        raise FocusError(_("it would overlap the next session, which starts {time}").format(time=starts))
    planned = [Planned(SESSION_START, start, dict(session_start_payload(entry.block_id, entry.kind)))]
    if end is not None:
        planned.append(Planned(SESSION_STOP, end, {}))
    if before is not None and _ended_by(before, entry) and start > entry.start:
        planned.append(Planned(SESSION_STOP, entry.start, {}))  # the session before keeps its end
    return [_on_day(planned[0], entry, end, log, tz), *planned[1:]]


def _ended_by(before: Session, entry: Entry) -> bool:
    """Whether ``entry``'s start is what ended the session ``before`` it."""
    return before.end == entry.start and not before.stop_event


def _on_day(planned: Planned, entry: Entry, end: int | None, log: DayLog, tz: dt.tzinfo) -> Planned:
    """``planned``, with the entry's events named, once its start (and end) are checked to lie on the
    entry's day."""
    first, last = day_bounds(log.date, tz)
    if not first <= planned.at < last or (end is not None and not planned.at < end <= last):
        raise FocusError(
            _("a corrected entry stays on its day, {date}, and lasts more than nothing").format(date=log.date),
            hint=_("to move it to another day: focus rm N, then log it on that day"),
        )
    return Planned(planned.type, planned.at, {**planned.payload, CORRECTS: list(entry.events)})


def _at(ms: int, tz: dt.tzinfo) -> str:
    return _("at {time}").format(time=said_clock(hhmm(from_ms(ms, tz))))
