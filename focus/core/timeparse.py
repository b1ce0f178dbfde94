"""The date and time forms users type (DESIGN §5): ``today``, ``mon``, ISO dates; ``9``, ``9:30``, ``9.30``."""

from __future__ import annotations

import datetime as dt
import re

from focus.core.errors import FocusError

FIRST_DATE, LAST_DATE = dt.date(1971, 1, 1), dt.date(9998, 12, 31)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date: ``today``, ``yesterday``, ``tomorrow``, ``mon``…``sun`` (the most recent such day,
    today included) or ``YYYY-MM-DD``."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    if word in WEEKDAYS or word in _WEEKDAY_NAMES:
        back = (today.weekday() - WEEKDAYS.index(word[:3])) % 7
        return today - dt.timedelta(days=back)
    try:
        date = dt.date.fromisoformat(word)
    except ValueError:
        raise FocusError(f"bad date {text!r}: use today, yesterday, mon…sun or YYYY-MM-DD") from None
    if not FIRST_DATE <= date <= LAST_DATE:
        raise FocusError(f"bad date {text!r}: focus keeps days from {FIRST_DATE} to {LAST_DATE}")
    return date


def parse_time(text: str) -> dt.time:
    """A wall-clock time: ``9``, ``9:30``, ``09:30`` or ``9.30``."""
    match = _TIME.match(text.strip())
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise FocusError(f"bad time {text!r}: use 9, 9:30, 09:30 or 9.30 (24-hour clock)")


def parse_range(text: str) -> tuple[dt.time, dt.time]:
    """A time range within one day, ``09:00-10:30``; its end must come after its start."""
    start_text, dash, end_text = text.partition("-")
    if not dash:
        raise FocusError(f"bad time range {text!r}: use START-END, e.g. 09:00-10:30")
    start, end = parse_time(start_text), parse_time(end_text)
    if end == start:
        raise FocusError(f"bad time range {text!r}: it is empty")
    if end < start:
        raise FocusError(
            f"bad time range {text!r}: it ends before it starts; a block lies within one day, "
            "so split one that crosses midnight in two"
        )
    return start, end


def hhmm(moment: dt.time | dt.datetime) -> str:
    """``09:05``."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def duration(ms: int) -> str:
    """``2h17``, or ``44m`` under an hour."""
    minutes = round(ms / 60_000)
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes >= 60 else f"{minutes}m"


def parse_week(text: str, today: dt.date) -> dt.date:
    """The Monday of a week: an ISO week (``2026-W48``), ``this``, ``last``, or any date in it
    (``today``, ``mon``…``sun``, ``2026-11-24``). Week 53 only in the years that have one."""
    word = text.strip().lower()
    match = re.fullmatch(r"(\d{4})-?w(\d{2})", word)
    if word in ("this", "last"):
        monday = today - dt.timedelta(days=today.weekday() + (7 if word == "last" else 0))
    elif match:
        year, week = int(match[1]), int(match[2])
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            weeks = dt.date(year, 12, 28).isocalendar().week  # 28 Dec always lies in the last week
            raise FocusError(f"bad week {text!r}: {year} has weeks 01 to {weeks}") from None
    else:
        try:
            day = parse_date(text, today)
        except FocusError:
            raise FocusError(f"bad week {text!r}: use 2026-W48, this, last (or a date in the week)") from None
        monday = day - dt.timedelta(days=day.weekday())
    if monday < FIRST_DATE or monday > LAST_DATE - dt.timedelta(days=6):
        raise FocusError(f"bad week {text!r}: focus keeps days from {FIRST_DATE} to {LAST_DATE}")
    return monday


def week_name(monday: dt.date) -> str:
    """``2026-W48`` (the ISO year, which differs from the calendar year around New Year)."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"
