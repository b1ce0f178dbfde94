"""Fixing the past (DESIGN §3 rule 13), for the CLI's ``focus entries``, ``edit`` and ``rm`` and the
screen's list of entries: the day's entries read back, and a correction or removal checked and written
as new events, all of one correction in one transaction (undo takes it back whole: ``Tracker.undo``).
The rules are ``focus.core.entries``'."""

from __future__ import annotations

import datetime as dt

from focus.core import ids
from focus.core.entries import Change, Entry, Planned, day_entries, entry_numbered, prepare, removal
from focus.core.errors import FocusError
from focus.core.events import CORRECTION
from focus.core.model import DayLog
from focus.i18n import _
from focus.tracking import Tracker


def entries(tracker: Tracker, date: dt.date) -> list[Entry]:
    """The entries that began on ``date``, numbered from 1 in time order."""
    return day_entries(tracker.day(date), tracker.config, tracker.tz)


def correct(
    tracker: Tracker, date: dt.date, number: int, change: Change, expect: tuple[str, ...] | None = None
) -> tuple[Entry, Entry]:
    """Write entry ``number`` of ``date`` again as ``change`` says; the entry before and after. With
    ``expect`` (the entry's events as the screen listed it) a list changed meanwhile is refused."""
    log = tracker.day(date)
    entry = _the_entry(tracker, log, number, expect)
    first = _write(tracker, prepare(entry, change, log, tracker.config, tracker.clock.now_ms(), tracker.tz))
    after = next(e for e in entries(tracker, date) if first in e.events)
    return entry, after


def remove(tracker: Tracker, date: dt.date, number: int, expect: tuple[str, ...] | None = None) -> Entry:
    """Remove entry ``number`` of ``date`` (new events, which undo takes back); the entry removed."""
    log = tracker.day(date)
    entry = _the_entry(tracker, log, number, expect)
    _write(tracker, removal(entry, log))
    return entry


def _the_entry(tracker: Tracker, log: DayLog, number: int, expect: tuple[str, ...] | None) -> Entry:
    entry = entry_numbered(day_entries(log, tracker.config, tracker.tz), number, log.date)
    if expect is not None and entry.events != expect:
        raise FocusError(_("the list of entries changed meanwhile: nothing was written; look again"))
    return entry


def _write(tracker: Tracker, planned: list[Planned]) -> str:
    """Write one correction's events in one transaction; the id of the first (the one words name)."""
    group = ids.event_id(tracker.clock.now_ms())
    written = [tracker.make_event(item.type, item.at, {**item.payload, CORRECTION: group}) for item in planned]
    tracker.store.append_many(written)
    return written[0].id
