"""How much of a calendar becomes blocks (DESIGN §8): one invite must not flood the database, nor take
the time and memory of the machine. Pure rules on plain values; the calendar source applies them.

An event is refused, with a reason that names it, when it recurs more than once a day, lasts longer
than a day or ends before it starts, has more occurrences in the window than a year of days, or recurs
from so far back that counting up to the window is a long job. A day keeps at most
``MAX_BLOCKS_PER_DAY`` calendar blocks, and a file at most that many a day of the window.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from focus.core.plan import PlannedBlock
from focus.i18n import N_, _, language, ngettext

MAX_LENGTH = dt.timedelta(days=1)  # an event longer than this is not a block of a day
MAX_OCCURRENCES = 400  # of one event in the window: more than a year of days
MAX_BLOCKS_PER_DAY = 48  # calendar blocks of one day: one every half hour around the clock
MAX_RULE_WORK = 100_000  # occurrences (estimated) from an event's start to the window's end
MAX_FILE_RULE_WORK = 300_000  # the same, for all the events of one file together

EVERY = {  # (every one, every INTERVAL) of a FREQ more often than daily
    "SECONDLY": (N_("every second"), N_("every {n} seconds")),
    "MINUTELY": (N_("every minute"), N_("every {n} minutes")),
    "HOURLY": (N_("every hour"), N_("every {n} hours")),
}
PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30, "YEARLY": 365}
# a BYDAY weekday without an ordinal ("MO", not "1MO") is about this many days of a month or year
WEEKDAYS_IN = {"MONTHLY": 5, "YEARLY": 53}
ONCE_A_DAY = N_("calendar events may recur at most once a day")


def shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message line: control and format characters (escapes, bidi overrides)
    removed, spaces collapsed, at most ``limit`` characters."""
    visible = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    words = " ".join(visible.split())
    return repr(words if len(words) <= limit else words[: limit - 1] + "…")


def event_name(uid: str, summary: str) -> str:
    """An event as a refusal names it: its UID and its summary, both shown safely."""
    return _("event {uid} {summary}").format(uid=shown(uid, 80) if uid else _("(no UID)"), summary=shown(summary))


def rule_problem(rule: Mapping[str, Sequence[Any]]) -> str | None:
    """Why an RRULE (its parts as lists, e.g. ``{"FREQ": ["DAILY"], "BYHOUR": [9, 14]}``) is refused:
    a value outside RFC 5545's ranges, a combination that can never occur (which a recurrence library
    would search for until the year 9999), or more than once a day. None when it recurs at most daily."""
    freq = str(_first(rule, "FREQ", "")).upper()
    why = _range_problem(rule) or _never_problem(rule, freq)
    if why:
        return _("its RRULE {why}").format(why=why)
    if freq in EVERY:
        interval = _first(rule, "INTERVAL", 1)
        one, many = EVERY[freq]
        every = _(one) if interval == 1 else _(many).format(n=interval)
        return _("it recurs {every} (RRULE FREQ={freq}); {rule}").format(every=every, freq=freq, rule=_(ONCE_A_DAY))
    parts = [(key, list(rule.get(key, ()))) for key in ("BYHOUR", "BYMINUTE", "BYSECOND")]
    times = 1
    for _key, values in parts:
        times *= max(1, len(values))
    if times > 1:
        what = ";".join(f"{key}={_values(values)}" for key, values in parts if len(values) > 1)
        return _("it recurs {n} times a day (RRULE {what}); {rule}").format(n=times, what=what, rule=_(ONCE_A_DAY))
    return None


RANGES = {  # RFC 5545 3.3.10: the values each part may hold (signed: also their negatives, never 0)
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}
ONLY_WITH = {"BYWEEKNO": ("YEARLY",), "BYYEARDAY": ("YEARLY",), "BYMONTHDAY": ("DAILY", "MONTHLY", "YEARLY")}
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _range_problem(rule: Mapping[str, Sequence[Any]]) -> str | None:
    for key, (low, high, signed) in RANGES.items():
        for value in rule.get(key, ()):
            number = value if isinstance(value, int) and not isinstance(value, bool) else None
            if number is None or not (low <= abs(number) <= high if signed and number else low <= number <= high):
                said = _("has {key}={value}, outside {low}–{high}").format(key=key, value=value, low=low, high=high)
                return said + (_(" (or its negative)") if signed else "")
    for day in rule.get("BYDAY", ()):
        ordinal = str(day)[:-2]
        if ordinal and not (ordinal.lstrip("+-").isdigit() and 1 <= abs(int(ordinal)) <= 53):
            return _("has BYDAY={day}, a weekday's number outside 1–53").format(day=day)
    return None


def _never_problem(rule: Mapping[str, Sequence[Any]], freq: str) -> str | None:
    """A combination that never occurs, or that RFC 5545 does not allow with this FREQ."""
    for key, frequencies in ONLY_WITH.items():
        if rule.get(key) and freq not in frequencies:
            return _("has {key} with FREQ={freq}, which never occurs as meant").format(key=key, freq=freq)
    if rule.get("BYYEARDAY") and (rule.get("BYMONTH") or rule.get("BYMONTHDAY") or rule.get("BYWEEKNO")):
        return _("has BYYEARDAY with BYMONTH, BYMONTHDAY or BYWEEKNO, which this calendar does not expand")
    months = [int(m) for m in rule.get("BYMONTH", ())] or list(range(1, 13))
    days = [int(d) for d in rule.get("BYMONTHDAY", ())]
    if days and not any(abs(day) <= MONTH_DAYS[month - 1] for month in months for day in days):
        return _("has BYMONTHDAY={days} in BYMONTH={months}: a day no such month has").format(
            days=_values(days), months=_values(months)
        )
    positions = [abs(int(p)) for p in rule.get("BYSETPOS", ())]
    offered = _candidates(rule, freq)
    if positions and min(positions) > offered:
        said = ngettext(
            "has BYSETPOS={positions}, beyond the {n} day a period offers",
            "has BYSETPOS={positions}, beyond the {n} days a period offers",
            offered,
        )
        return said.format(positions=_values(rule["BYSETPOS"]), n=offered)
    return None


def _candidates(rule: Mapping[str, Sequence[Any]], freq: str) -> int:
    """At most how many days one period of the rule offers to BYSETPOS."""
    weekdays = [str(day) for day in rule.get("BYDAY", ())]
    months = len(rule.get("BYMONTH", ())) or 12
    if freq == "WEEKLY":
        return len(weekdays) or 1
    if freq == "MONTHLY":
        if rule.get("BYMONTHDAY"):
            return len(rule["BYMONTHDAY"])
        return sum(1 if day[:-2] else 5 for day in weekdays) or 1
    if freq == "YEARLY":
        if rule.get("BYYEARDAY"):
            return len(rule["BYYEARDAY"])
        if rule.get("BYMONTHDAY"):
            return len(rule["BYMONTHDAY"]) * months
        if weekdays:
            return sum(1 if day[:-2] else (5 * months if rule.get("BYMONTH") else 53) for day in weekdays)
        return months if rule.get("BYMONTH") else 1
    return 1


def length_problem(length: dt.timedelta) -> str | None:
    """Why a timed event of this length is refused: longer than a day, or ending before it starts."""
    if length < dt.timedelta(0):
        return _("it ends before it starts")
    if length > MAX_LENGTH:
        days = length / dt.timedelta(days=1)
        return _("it lasts {days} days; a calendar event becomes a block only if it lasts a day or less").format(
            days=_decimal(f"{days:.3g}")
        )
    return None


def rule_work(rule: Mapping[str, Sequence[Any]], start: dt.date, end: dt.date) -> int:
    """About how many occurrences an RRULE of a once-a-day-at-most event has from its ``start`` to
    ``end`` (the window's end, or its UNTIL if earlier): what counting up to the window costs."""
    freq = str(_first(rule, "FREQ", "")).upper()
    until = _first(rule, "UNTIL", None)
    if isinstance(until, dt.date):
        end = min(end, until.date() if isinstance(until, dt.datetime) else until)
    days = (end - start).days
    if days <= 0 or freq not in PERIOD_DAYS:
        return 0
    periods = days // (PERIOD_DAYS[freq] * max(1, int(_first(rule, "INTERVAL", 1))))
    each = 1
    for key in ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY"):
        each *= max(1, len(rule.get(key, ())))
    weekdays = [str(day) for day in rule.get("BYDAY", ())]
    if weekdays:
        each *= sum(1 if day[:-2] else WEEKDAYS_IN.get(freq, 1) for day in weekdays)
    count = _first(rule, "COUNT", None)
    estimate = min(days, (periods + 1) * each)
    return min(estimate, count) if isinstance(count, int) else estimate


def cap_per_day(blocks: Mapping[str, PlannedBlock], where: str) -> tuple[dict[str, PlannedBlock], list[str]]:
    """At most ``MAX_BLOCKS_PER_DAY`` blocks a day, the earliest (by start, end, title); a line for each
    day that had more, naming what was left out. ``where`` begins each line (``calendar PATH``)."""
    days: dict[dt.date, list[tuple[str, PlannedBlock]]] = {}
    for pair in blocks.items():
        days.setdefault(pair[1].date, []).append(pair)
    kept: dict[str, PlannedBlock] = {}
    lines = []
    for day, pairs in sorted(days.items()):
        pairs.sort(key=lambda pair: (pair[1].start, pair[1].end, pair[1].title, pair[0]))
        kept.update(pairs[:MAX_BLOCKS_PER_DAY])
        left = pairs[MAX_BLOCKS_PER_DAY:]
        if left:
            first = left[0][1]
            lines.append(
                _(
                    "{where}: {day} has {n} events, more than {most} a day: left out {left}, from {time} {title} on"
                ).format(
                    where=where,
                    day=day,
                    n=len(pairs),
                    most=MAX_BLOCKS_PER_DAY,
                    left=len(left),
                    time=f"{first.start:%H:%M}",
                    title=shown(first.title),
                )
            )
    return kept, lines


def summary_of(problems: Sequence[str], limit: int = 3) -> str:
    """Several refusals in one line: the first ``limit`` of them, and how many more."""
    more = len(problems) - limit
    return "; ".join(problems[:limit]) + (_("; and {n} more").format(n=more) if more > 0 else "")


def _decimal(text: str) -> str:
    """A number already written ``1.5`` with the decimal comma in Swedish (``1,5``)."""
    return text.replace(".", ",") if language() == "sv" else text


def _first(rule: Mapping[str, Sequence[Any]], key: str, default: Any) -> Any:
    values = rule.get(key) or ()
    return values[0] if len(values) else default


def _values(values: Iterable[Any], limit: int = 4) -> str:
    items = [str(value) for value in values]
    return ",".join(items[:limit]) + (",…" if len(items) > limit else "")
