"""A parsed calendar's events as blocks (for ``sources.calendar``), within the limits of
``core.calendar_limits``, so that no file can flood the database or hold the machine.

``Expander`` refuses, before anything is expanded, the events that recur more than once a day, last
longer than a day, end before they start or recur from too far back; it expands the rest lazily,
one event at a time, each up to ``MAX_OCCURRENCES``, the file up to ``MAX_BLOCKS_PER_DAY``
occurrences a day of the span read. ``blocks`` makes each timed occurrence a block with a stable id.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any

import icalendar
import recurring_ical_events
import x_wr_timezone

from focus.core import aliases
from focus.core import calendar_limits as limits
from focus.core.clock import UTC
from focus.core.errors import FocusError
from focus.core.plan import PlannedBlock
from focus.core.text import visible
from focus.i18n import _
from focus.tracking import Tracker

Component = icalendar.cal.Component
LAST_MINUTE = dt.time(23, 59)
MAX_TARGET = 10_000  # a count beyond this in a calendar's text is no target
RECURRENCE = {"RRULE", "RDATE", "RECURRENCE-ID"}  # an event with one of these is part of a series


class Expander:
    """Reads one calendar (``where``: ``calendar PATH``, for the refusal lines) for the span
    [``start``, ``stop``); a refusal line per refused event is in ``refused`` and ``used`` counts the
    timed events that were expanded (whether or not they fell in the span)."""

    def __init__(self, where: str, tz: dt.tzinfo, start: dt.date, stop: dt.date):
        self.where, self.tz, self.start, self.stop = where, tz, start, stop
        self.refused: list[str] = []
        self.used = 0

    def occurrences(self, calendar: icalendar.Calendar) -> Iterator[icalendar.Event]:
        """The occurrences in the span of the calendar's events that pass the limits, as components,
        event by event (never all at once); ``calendar`` loses the events it refuses."""
        self._screen(calendar)
        budget = (self.stop - self.start).days * limits.MAX_BLOCKS_PER_DAY
        for series in recurring_ical_events.of(calendar).series:
            found = list(islice(series.between(self.start, self.stop), limits.MAX_OCCURRENCES + 1))
            if len(found) > limits.MAX_OCCURRENCES:
                self._refuse(
                    found[0].as_component(False),
                    _("it has more than {most} occurrences in the {days} days read").format(
                        most=limits.MAX_OCCURRENCES, days=(self.stop - self.start).days
                    ),
                )
                continue
            if len(found) > budget:
                event = found[0].as_component(False)
                self.refused.append(
                    _(
                        "{where}: more than {most} events a day on average in the {days} days read: "
                        "{event} and the events after it were not read"
                    ).format(
                        where=self.where,
                        most=limits.MAX_BLOCKS_PER_DAY,
                        days=(self.stop - self.start).days,
                        event=limits.event_name(_uid(event), _summary(event)),
                    )
                )
                return
            budget -= len(found)
            self.used += 1
            for occurrence in found:
                yield occurrence.as_component(False)

    def _screen(self, calendar: icalendar.Calendar) -> None:
        """Refuse (and take out of ``calendar``) each event that the limits refuse as it is written;
        take out all-day events too, which never become blocks."""
        groups: dict[str, list[Component]] = {}
        for event in calendar.walk("VEVENT"):  # grouped as recurring_ical_events groups them
            groups.setdefault(_uid(event) or f"#{id(event)}", []).append(event)
        drop: set[str] = set()
        work: dict[str, int] = {}
        for key, events in groups.items():
            starts = [_start(event) for event in events]
            if all(start is not None and not isinstance(start, dt.datetime) for start in starts):
                drop.add(key)  # all-day: never a block
                continue
            problem = next((p for p in map(self._problem, events) if p), None)
            if problem:
                self._refuse(events[0], problem)
                drop.add(key)
                continue
            if len(events) == 1 and not RECURRENCE & set(events[0]) and self._outside(events[0]):
                drop.add(key)  # a single event long past or far ahead: nothing to expand (a big export's most)
                self.used += 1
                continue
            work[key] = sum(
                limits.rule_work(dict(rule), _day(start), self.stop)
                for event, start in zip(events, starts, strict=True)
                if start is not None
                for rule in _rules(event)
            )
        budget = limits.MAX_FILE_RULE_WORK
        for key in sorted(work, key=lambda key: work[key]):  # the cheapest first: they are the usual ones
            if work[key] > min(budget, limits.MAX_RULE_WORK):
                self._refuse(groups[key][0], self._too_far_back(groups[key][0], work[key], budget))
                drop.add(key)
            else:
                budget -= work[key]
        if drop:
            _remove(calendar, lambda event: (_uid(event) or f"#{id(event)}") in drop)

    def _problem(self, event: Component) -> str | None:
        for rule in _rules(event):
            problem = limits.rule_problem(dict(rule))
            if problem:
                return problem
        moments = self._moments(event)
        return limits.length_problem(moments[1] - moments[0]) if moments else None

    def _outside(self, event: Component) -> bool:
        """Whether a timed event lies a day or more outside the span."""
        moments = self._moments(event)
        margin = dt.timedelta(days=1)
        return moments is not None and (
            moments[1].date() < self.start - margin or moments[0].date() > self.stop + margin
        )

    def _moments(self, event: Component) -> tuple[dt.datetime, dt.datetime] | None:
        """A timed event's start and end, aware (floating times are local); None for anything else."""
        start = _start(event)
        try:
            end = getattr(event, "end", None)  # DTEND, or DTSTART and DURATION
        except Exception:  # DTEND and DURATION both, or a bad value: the library says which
            return None
        if not (isinstance(start, dt.datetime) and isinstance(end, dt.datetime)):
            return None
        return self._aware(start), self._aware(end)

    def _too_far_back(self, event: Component, work: int, budget: int) -> str:
        start = _start(event)
        since = _("it recurs from {date}").format(date=_day(start).isoformat()) if start is not None else _("it recurs")
        if work > limits.MAX_RULE_WORK:
            return _("{since}: about {n} occurrences up to the window, more than {most}").format(
                since=since, n=f"{work:,}", most=f"{limits.MAX_RULE_WORK:,}"
            )
        return _(
            "{since}: about {n} occurrences up to the window, and the file's events together have more than {most}"
        ).format(since=since, n=f"{work:,}", most=f"{limits.MAX_FILE_RULE_WORK:,}")

    def _refuse(self, event: Component, reason: str) -> None:
        name = limits.event_name(_uid(event), _summary(event))
        self.refused.append(_("{where}: refused {event}: {reason}").format(where=self.where, event=name, reason=reason))

    def _aware(self, moment: dt.datetime) -> dt.datetime:
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=self.tz)


def _uid(event: Component) -> str:
    return str(event.get("UID", ""))


def _summary(event: Component) -> str:
    return str(event.get("SUMMARY", ""))


def _start(event: Component) -> dt.date | None:
    """DTSTART: a day (all-day), a moment, or None when missing or not a time."""
    prop: Any = event.get("DTSTART")  # a vDDDTypes: its .dt is the date or the moment
    start = getattr(prop, "dt", None)
    return start if isinstance(start, dt.date) else None


def _day(start: dt.date) -> dt.date:
    return start.date() if isinstance(start, dt.datetime) else start


def _rules(event: Component) -> list[icalendar.vRecur]:
    """The event's RRULEs that parsed (a broken one is left for the library to refuse)."""
    rules: Any = event.get("RRULE", [])
    return [rule for rule in (rules if isinstance(rules, list) else [rules]) if isinstance(rule, icalendar.vRecur)]


def _remove(component: Component, refused: Callable[[Component], bool]) -> None:
    """Take the refused VEVENTs out of ``component`` and out of what it holds."""
    component.subcomponents = [
        child for child in component.subcomponents if not (child.name == "VEVENT" and refused(child))
    ]
    for child in component.subcomponents:
        _remove(child, refused)


def blocks(
    calendar: icalendar.Calendar, tracker: Tracker, first: dt.date, last: dt.date, expander: Expander
) -> Iterator[tuple[str, PlannedBlock]]:
    """(block id, block) for each timed occurrence that starts on a local day in [first, last)."""
    calendar = x_wr_timezone.to_standard(calendar)  # a Google export's X-WR-TIMEZONE made explicit
    recurring = {str(event.get("UID", "")) for event in calendar.walk("VEVENT") if RECURRENCE & set(event)}
    for event in expander.occurrences(calendar):
        start, end = event.start, event.end
        if str(event.get("STATUS", "")).upper() == "CANCELLED" or not isinstance(start, dt.datetime):
            continue  # cancelled, or all-day
        if not isinstance(end, dt.datetime):
            continue  # a day for its end: not a timed event either
        start, end = _local(start, tracker.tz), _local(end, tracker.tz)
        if not first <= start.date() < last:
            continue
        # A block lies within one day: an event crossing midnight keeps its part on its start day.
        end_time = end.time() if end.date() == start.date() else LAST_MINUTE
        if end_time <= start.time():
            continue  # no length (or nothing left before 23:59)
        summary = " ".join(visible(str(event.get("SUMMARY", ""))).split())
        category = _category(tracker, summary, [str(name) for name in event.categories])
        if not category:
            continue
        title = summary or category  # as a block planned without a title
        targets = targets_of(str(event.get("DESCRIPTION", "")), tracker.config.outcomes)
        uid = str(event.get("UID", ""))
        exported = FOCUS_UID.match(uid)
        if exported and uid not in recurring and exported.group(2) == start.date().isoformat():
            # A block of a focus plan export, still on its day, keeps its id: imported where it was
            # planned, it is the same block (left as planned), not a copy on top of it.
            yield exported.group(1), PlannedBlock(start.date(), start.time(), end_time, category, title, targets)
            continue
        # A single event keeps its block when it moves; an occurrence is known by its original start.
        key = uid if uid and uid not in recurring else f"{uid or summary}|{_original_start(event)}"
        yield block_id(key), PlannedBlock(start.date(), start.time(), end_time, category, title, targets)


def targets_of(description: str, outcomes: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """The targets a DESCRIPTION names on its ``targets:`` line, as ``focus plan export`` writes them
    (``targets: call=20, meeting=2``): each of ``outcomes`` (by any of its names) with a count above 0;
    whatever else is written there is left out, as a calendar's text is no command."""
    found: dict[str, int] = {}
    for line in description.splitlines():
        head, _colon, said = line.partition(":")
        if head.strip().lower() != "targets":
            continue
        for word in said.split(","):
            name, _eq, number = word.partition("=")
            number = number.strip()
            try:
                canonical = aliases.outcome(name.strip(), outcomes)
            except FocusError:
                continue
            if number.isdecimal() and number.isascii() and 0 < int(number) <= MAX_TARGET:
                found.setdefault(canonical, int(number))
    return tuple(found.items())


def _local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """A time of the calendar in the tracker's zone, rounded to the minute; floating times are local."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
    utc = aware.astimezone(UTC) + dt.timedelta(seconds=30)
    return utc.replace(second=0, microsecond=0).astimezone(tz)


def _original_start(event: icalendar.Event) -> str:
    """The occurrence's original start (RECURRENCE-ID): stable when one occurrence is moved."""
    recurrence: Any = event.get("RECURRENCE-ID")  # a vDDDTypes: its .dt is the moment
    original: Any = event.start if recurrence is None else recurrence.dt
    if isinstance(original, dt.datetime) and original.tzinfo is not None:
        original = original.astimezone(UTC)
    return str(original.isoformat())


def _category(tracker: Tracker, title: str, categories: list[str]) -> str:
    """The first rule matching the title or a CATEGORIES value; else a CATEGORIES value that names
    one of your categories (as `focus plan export` writes them); else the default ("" = skip it)."""
    for rule in tracker.config.calendar_rules:
        if any(re.search(rule.match, text) for text in [title, *categories]):
            return rule.category
    own = {name.lower(): name for name in tracker.config.categories}
    named = [own[text.strip().lower()] for text in categories if text.strip().lower() in own]
    return named[0] if named else tracker.config.calendar_default_category


# plan_export.uid: a block focus exported (ids: letters, or "c" and base32 for calendar blocks), and its day
FOCUS_UID = re.compile(r"^([a-z2-7]+)-(\d{4}-\d{2}-\d{2})@focus$")


def block_id(key: str) -> str:
    """``c`` and 8 letters or digits hashed from the event's key: stable, never all digits."""
    digest = hashlib.sha256(key.encode()).digest()[:5]
    return "c" + base64.b32encode(digest).decode().lower()
