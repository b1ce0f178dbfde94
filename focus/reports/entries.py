"""A day's entries in words: the numbered list of ``focus entries`` and the screen's list, and the one
line that confirms a correction or a removal. Titles and notes come from outside: they are shown
through the terminal sanitiser."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from focus.core.clock import Clock, day_bounds, from_ms, local_day
from focus.core.email_checks import PRESSING_SOURCES
from focus.core.entries import COUNTED, INTERRUPTED, SESSION, Entry
from focus.core.timeparse import DAY_END_TEXT, duration, hhmm
from focus.i18n import _
from focus.reports import names
from focus.reports.local import clock_time, heading
from focus.reports.safe import terminal_text


def what(entry: Entry) -> str:
    """``email check``, ``phone``, ``calls 'Ring the Q4 list'``, ``2 × call``."""
    if entry.what == SESSION:
        title = f" {terminal_text(entry.title)!r}" if entry.title else ""
        return f"{names.category(entry.kind)}{title}"
    if entry.what == INTERRUPTED:
        said = _("email check") if entry.kind == "email" else names.kind(entry.kind)
        return f"{said} · {terminal_text(entry.title)}" if entry.title else said
    return _("{count} × {kind}").format(count=entry.count, kind=names.outcome(entry.kind))


def span(entry: Entry, tz: dt.tzinfo) -> str:
    """``08:02–09:00``; ``08:02–`` while it runs; one time for an outcome."""
    start = clock_time(hhmm(from_ms(entry.start, tz)))
    if entry.what == COUNTED:
        return start
    if entry.end is None:
        return f"{start}–"
    midnight = day_bounds(local_day(entry.start, tz), tz)[1]
    end = DAY_END_TEXT if entry.end == midnight else hhmm(from_ms(entry.end, tz))
    return f"{start}–{clock_time(end)}"


def length(entry: Entry, now: int) -> str:
    """How long it lasted (up to now while it runs); empty for an outcome."""
    if entry.what == COUNTED:
        return ""
    return duration((entry.end if entry.end is not None else now) - entry.start)


def source(entry: Entry) -> str:
    """Who recorded it: ``pressed`` for a key or a command, else the source (``imap``, ``inbox`` …);
    empty for a session."""
    if entry.what == SESSION:
        return ""
    return _("pressed") if entry.source in PRESSING_SOURCES else terminal_text(entry.source)


def line(entry: Entry, clock: Clock) -> str:
    """``2: email check 08:40–08:45 (5m)``: an entry in one line."""
    long = length(entry, clock.now_ms())
    shown = f"{entry.number}: {what(entry)} {span(entry, clock.tz)}"
    return f"{shown} ({long})" if long else shown


def table(entries: list[Entry], date: dt.date, clock: Clock) -> str:
    """The numbered list of ``focus entries``, with a heading and how to correct one."""
    now = clock.now_ms()
    rows = [(str(e.number), span(e, clock.tz), length(e, now), what(e), source(e)) for e in entries]
    out = [_("Entries of {day}").format(day=heading(date))]
    if not rows:
        out.append(_("nothing recorded"))
        return "\n".join(out) + "\n"
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [row[0].rjust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2]), row[3].ljust(widths[3])]
        out.append("  ".join([*cells, row[4]]).rstrip())
    out.append(_("correct one: focus edit N …; remove one: focus rm N (focus undo takes either back)"))
    return "\n".join(out) + "\n"


def as_json(entries: list[Entry], date: dt.date) -> str:
    """The entries as JSON: canonical English names, instants in epoch ms."""
    items: list[dict[str, Any]] = [
        {
            "number": e.number,
            "entry": e.what,
            "kind": e.kind,
            "start_ms": e.start,
            "end_ms": e.end,
            "count": e.count,
            "title": e.title,
            "source": e.source,
            "events": list(e.events),
        }
        for e in entries
    ]
    return json.dumps({"date": date.isoformat(), "entries": items}, ensure_ascii=False, indent=2) + "\n"
