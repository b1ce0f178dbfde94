"""The date and time forms users type (DESIGN §5): ``today``, ``mon``, ISO dates; ``9``, ``9:30``, ``9.30``;
and in Swedish, accepted always (issue 12): ``idag``, ``igår``, ``mån``…``sön``; ``kl. 9.30``; ``vecka 48``."""

from __future__ import annotations

import datetime as dt
import re

from focus.core.clock import DAY_END
from focus.core.errors import FocusError
from focus.i18n import N_, _, language

DAY_END_TEXT = "24:00"  # how a block's end at the day's end is written (``hhmm(DAY_END)``)

FIRST_DATE, LAST_DATE = dt.date(1971, 1, 1), dt.date(9998, 12, 31)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SWEDISH_WEEKDAYS = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
_SWEDISH_WEEKDAYS_AS_SHOWN = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")  # as the week's table writes them
_SWEDISH_WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_SWEDISH_DAYS = {"idag": 0, "i dag": 0, "igår": -1, "i går": -1, "imorgon": 1, "i morgon": 1}
_ASCII = str.maketrans("åäö", "aao")  # igar = igår, mandag = måndag
_TIME = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})(?:[:.,](\d{2}))?$", re.IGNORECASE)
_SWEDISH_WEEK = re.compile(r"(?:vecka|v\.?)\s*(\d{1,2})(?:\s+(\d{4}))?")
_SWEDISH_THIS_WEEK = ("denna vecka", "den här veckan", "i veckan", "denna", "den här")  # compared å ä ö folded
_SWEDISH_LAST_WEEK = ("förra veckan", "förra", "förra vecka")
_DASHES = str.maketrans({"–": "-", "—": "-"})  # the en dash focus prints (09.00–10.00) may be typed back


def _weekday(word: str) -> int | None:
    """0 for Monday … 6 for Sunday, of an English or Swedish weekday name or its short form."""
    for names in (WEEKDAYS, _WEEKDAY_NAMES, _SWEDISH_WEEKDAYS, _SWEDISH_WEEKDAY_NAMES, _SWEDISH_WEEKDAYS_AS_SHOWN):
        folded = [name.translate(_ASCII) for name in names]
        if word.translate(_ASCII) in folded:
            return folded.index(word.translate(_ASCII))
    return None


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date: ``today``, ``yesterday``, ``tomorrow``, ``mon``…``sun`` (the most recent such day,
    today included) or ``YYYY-MM-DD``; in Swedish ``idag``, ``igår``, ``imorgon`` (also ``i dag``…),
    ``mån``…``sön``, ``måndag``…``söndag``, with or without the å ä ö (``igar``, ``mandag``)."""
    word = " ".join(text.lower().split())
    swedish = {key.translate(_ASCII): days for key, days in _SWEDISH_DAYS.items()}
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    if word.translate(_ASCII) in swedish:
        return today + dt.timedelta(days=swedish[word.translate(_ASCII)])
    weekday = _weekday(word)
    if weekday is not None:
        return today - dt.timedelta(days=(today.weekday() - weekday) % 7)
    try:
        date = dt.date.fromisoformat(word)
    except ValueError:
        raise FocusError(
            _("bad date {text}: use today, yesterday, mon…sun or YYYY-MM-DD").format(text=repr(text))
        ) from None
    if not FIRST_DATE <= date <= LAST_DATE:
        raise FocusError(_kept(N_("bad date {text}"), text))
    return date


def _kept(what: str, text: str) -> str:
    """``what`` (``bad date {text}``), then the range of days focus keeps, in the language in use."""
    first, last = FIRST_DATE.isoformat(), LAST_DATE.isoformat()
    return _(what).format(text=repr(text)) + _(": focus keeps days from {first} to {last}").format(
        first=first, last=last
    )


def parse_time(text: str) -> dt.time:
    """A wall-clock time: ``9``, ``9:30``, ``09:30`` or ``9.30``; as Swedes write it also ``9,30`` and
    with ``kl.`` or ``kl`` before it (``kl. 9``, ``kl 9.30``)."""
    match = _TIME.match(text.strip())
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise FocusError(_("bad time {text}: use 9, 9:30, 09:30 or 9.30 (24-hour clock)").format(text=repr(text)))


def parse_end(text: str) -> dt.time:
    """The end of a range: a time as ``parse_time`` reads it, or ``24:00`` (``24``, ``kl. 24``), the day's
    end, as ``DAY_END``."""
    match = _TIME.match(text.strip())
    if match and int(match[1]) == 24 and int(match[2] or 0) == 0:
        return DAY_END
    return parse_time(text)


def parse_range(text: str) -> tuple[dt.time, dt.time]:
    """A time range within one day, ``09:00-10:30``, up to ``24:00``; its end must come after its start."""
    start_text, dash, end_text = text.translate(_DASHES).partition("-")
    if not dash:
        raise FocusError(_("bad time range {text}: use START-END, e.g. 09:00-10:30").format(text=repr(text)))
    start, end = parse_time(start_text), parse_end(end_text)
    if end == start:
        raise FocusError(_("bad time range {text}: it is empty").format(text=repr(text)))
    if end < start:
        raise FocusError(
            _(
                "bad time range {text}: it ends before it starts; a block lies within one day, "
                "so split one that crosses midnight in two"
            ).format(text=repr(text))
        )
    return start, end


def hhmm(moment: dt.time | dt.datetime) -> str:
    """``09:05``; ``24:00`` for ``DAY_END``."""
    if isinstance(moment, dt.time) and moment == DAY_END:
        return DAY_END_TEXT
    return f"{moment.hour:02d}:{moment.minute:02d}"


def said_clock(text: str) -> str:
    """A wall-clock ``HH:MM`` as the language in use writes it: ``17:03``, in Swedish ``17.03`` (as
    ``reports.local.clock_time``, for the layers below the reports)."""
    return text.replace(":", ".") if language() == "sv" else text


def duration(ms: int) -> str:
    """``2h17``, or ``44m`` under an hour."""
    minutes = round(ms / 60_000)
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes >= 60 else f"{minutes}m"


def parse_week(text: str, today: dt.date) -> dt.date:
    """The Monday of a week: an ISO week (``2026-W48``), ``this``, ``last``, or any date in it
    (``today``, ``mon``…``sun``, ``2026-11-24``); in Swedish ``vecka 48``, ``v48``, ``v 48``, ``v.48``,
    each with an optional year after it (``vecka 48 2026``), ``denna vecka``, ``förra veckan``. Week 53
    only in the years that have one."""
    word = " ".join(text.lower().split())
    match = re.fullmatch(r"(\d{4})-?w(\d{2})", word)
    swedish = _SWEDISH_WEEK.fullmatch(word)
    folded = word.translate(_ASCII)
    last_words = {name.translate(_ASCII) for name in _SWEDISH_LAST_WEEK} | {"last"}
    if folded in last_words or folded in {name.translate(_ASCII) for name in _SWEDISH_THIS_WEEK} | {"this"}:
        last = folded in last_words
        monday = today - dt.timedelta(days=today.weekday() + (7 if last else 0))
    elif swedish:
        monday = _swedish_week(text, int(swedish[1]), int(swedish[2]) if swedish[2] else None, today)
    elif match:
        year, week = int(match[1]), int(match[2])
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            weeks = dt.date(year, 12, 28).isocalendar().week  # 28 Dec always lies in the last week
            raise FocusError(
                _("bad week {text}: {year} has weeks 01 to {weeks}").format(text=repr(text), year=year, weeks=weeks)
            ) from None
    else:
        try:
            day = parse_date(text, today)
        except FocusError:
            raise FocusError(
                _("bad week {text}: use 2026-W48, this, last (or a date in the week)").format(text=repr(text))
            ) from None
        monday = day - dt.timedelta(days=day.weekday())
    if monday < FIRST_DATE or monday > LAST_DATE - dt.timedelta(days=6):
        raise FocusError(_kept(N_("bad week {text}"), text))
    return monday


def _swedish_week(text: str, week: int, year: int | None, today: dt.date) -> dt.date:
    """The Monday of week ``week`` of ``year``; without a year, of the ISO year ``today`` lies in
    (in the first days of January, ``v52`` is a week ahead: say ``v52 2026`` for the one just gone)."""
    year = today.isocalendar().year if year is None else year
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        raise FocusError(_kept(N_("bad week {text}"), text))
    weeks = dt.date(year, 12, 28).isocalendar().week  # 28 Dec always lies in the last week
    if not 1 <= week <= weeks:
        raise FocusError(
            _("bad week {text}: {year} has weeks 1 to {weeks}").format(text=repr(text), year=year, weeks=weeks)
        )
    return dt.date.fromisocalendar(year, week, 1)


def week_name(monday: dt.date) -> str:
    """``2026-W48`` (the ISO year, which differs from the calendar year around New Year)."""
    year, week = monday.isocalendar()[:2]
    return f"{year}-W{week:02d}"
