"""Fixing the past (DESIGN §3 rule 13), for the CLI's ``focus entries``, ``edit`` and ``rm`` and the
screen's list of entries: the day's entries read back, and a correction or removal checked and written
as new events, all of one correction in one transaction (undo takes it back whole: ``Tracker.undo``).
The rules are ``focus.core.entries``'."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from focus.core import aliases, ids
from focus.core.config import INTERRUPTION_KINDS
from focus.core.entries import (
    COUNTED,
    INTERRUPTED,
    Change,
    Entry,
    Planned,
    correction,
    day_entries,
    entry_numbered,
    removal,
)
from focus.core.errors import FocusError
from focus.core.events import CORRECTION, SESSION_STOP
from focus.core.text import NOTE_MAX, clean
from focus.i18n import N_, _
from focus.tracking import MAX_COUNT, MAX_MINUTES, Tracker


def entries(tracker: Tracker, date: dt.date) -> list[Entry]:
    """The entries that began on ``date``, numbered from 1 in time order."""
    return day_entries(tracker.day(date), tracker.config, tracker.tz)


def correct(tracker: Tracker, date: dt.date, number: int, change: Change) -> tuple[Entry, Entry]:
    """Write entry ``number`` of ``date`` again as ``change`` says; the entry before and after."""
    if change == Change():
        raise FocusError(_("nothing to change: say what is to be different"), hint=_("see focus edit --help"))
    log = tracker.day(date)
    entry = entry_numbered(day_entries(log, tracker.config, tracker.tz), number, date)
    change = _checked(tracker, entry, change)
    planned = correction(entry, change, log, tracker.tz)
    first = _write(tracker, planned)
    after = next(e for e in entries(tracker, date) if first in e.events)
    return entry, after


def remove(tracker: Tracker, date: dt.date, number: int) -> Entry:
    """Remove entry ``number`` of ``date`` (new events, which undo takes back); the entry removed."""
    log = tracker.day(date)
    entry = entry_numbered(day_entries(log, tracker.config, tracker.tz), number, date)
    _write(tracker, removal(entry, log))
    return entry


def _checked(tracker: Tracker, entry: Entry, change: Change) -> Change:
    """``change`` with its words resolved (Swedish names too) and its numbers checked."""
    kind = change.kind
    if kind is not None and entry.what == INTERRUPTED:
        kind = aliases.interruption_kind(kind, INTERRUPTION_KINDS)
    elif kind is not None and entry.what == COUNTED:
        kind = aliases.outcome(kind, tracker.config.outcomes)
    if change.start is not None:
        tracker.not_future(change.start)
    if change.minutes is not None and not 0 < change.minutes <= MAX_MINUTES:
        raise FocusError(
            _("--minutes {minutes}: must be between 1 and {most}").format(minutes=change.minutes, most=MAX_MINUTES)
        )
    if change.count is not None and not 0 < change.count <= MAX_COUNT:
        raise FocusError(_("count {n}: must be between 1 and {most}").format(n=change.count, most=MAX_COUNT))
    note = None if change.note is None else clean(change.note, N_("the note"), NOTE_MAX)
    return replace(change, kind=kind, note=note)


def _write(tracker: Tracker, planned: list[Planned]) -> str:
    """Write one correction's events in one transaction; the id of the first (the one words name)."""
    for item in planned:
        if item.type == SESSION_STOP:
            tracker.not_future(item.at)
    group = ids.event_id(tracker.clock.now_ms())
    written = [tracker.make_event(item.type, item.at, {**item.payload, CORRECTION: group}) for item in planned]
    tracker.store.append_many(written)
    return written[0].id
