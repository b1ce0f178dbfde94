"""The one place that knows "now", and conversions between UTC instants and local time.

Instants are integer epoch milliseconds (UTC) everywhere in the core; local dates and times
exist only for input and display.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from focus.core.errors import FocusError
from focus.i18n import _

UTC = dt.UTC


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name`` (looked up once per name); a FocusError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise FocusError(
            _("unknown time zone {name} (use an IANA name such as Europe/Stockholm)").format(name=repr(name))
        ) from None


LOCALTIME = "/etc/localtime"  # Linux and macOS: a link into the zone database


def system_zone_name(ask_system: Callable[[], str | None] | None = None) -> str:
    """The machine's IANA zone name: $TZ, else the /etc/localtime link, else what ``ask_system`` finds (the
    shell passes tzlocal's lookup, for Windows, where neither is), else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and _is_zone(name):
        return name
    try:
        target = os.path.realpath(LOCALTIME)
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if _is_zone(name):
                return name
    except OSError:
        pass
    found = ask_system() if ask_system is not None else None
    return found if found and _is_zone(found) else "UTC"


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
MS = dt.timedelta(milliseconds=1)


def to_ms(moment: dt.datetime) -> int:
    """Epoch milliseconds of an aware datetime."""
    return (moment - EPOCH) // MS


def from_ms(ms: int, tz: dt.tzinfo) -> dt.datetime:
    """The aware local datetime of an instant."""
    return dt.datetime.fromtimestamp(ms / 1000, tz)


DAY_END = dt.time.max  # 24:00, a block's end at the day's end (core.timeparse.parse_end)


def local_ms(day: dt.date, clock_time: dt.time, tz: dt.tzinfo) -> int:
    """The instant of a local wall-clock time; ambiguous times take the first occurrence,
    nonexistent ones (spring forward) move forward by the gap; ``DAY_END`` is the next day's midnight."""
    if clock_time == DAY_END:
        day, clock_time = day + dt.timedelta(days=1), dt.time(0)
    return to_ms(dt.datetime.combine(day, clock_time, tzinfo=tz))


def day_bounds(day: dt.date, tz: dt.tzinfo) -> tuple[int, int]:
    """[start, end) of a local day as instants: 23 h or 25 h long on DST days."""
    return local_ms(day, dt.time(0), tz), local_ms(day + dt.timedelta(days=1), dt.time(0), tz)


def local_day(ms: int, tz: dt.tzinfo) -> dt.date:
    """The local calendar day an instant falls on."""
    return from_ms(ms, tz).date()


FUTURE_SLACK_MS = 60_000  # a clock a little behind another one's: a minute ahead is still "now"


def check_not_future(at: int, now: int, when: str) -> None:
    """DESIGN §3 rule 12, nothing is tracked in the future: a FocusError when ``at`` lies more than a
    minute after ``now`` (``when`` says ``at`` in words). Planning ahead is not tracking."""
    if at > now + FUTURE_SLACK_MS:
        raise FocusError(
            _("{when} has not happened yet: only what has happened can be tracked").format(when=when),
            hint=_("to plan ahead: focus plan add"),
        )


class Clock:
    """Knows the zone and "now": the system clock, or a fixed moment that tests set and advance."""

    __slots__ = ("fixed_ms", "tz", "zone_name")

    def __init__(self, zone_name: str, fixed_ms: int | None = None):
        self.zone_name, self.tz, self.fixed_ms = zone_name, zone(zone_name), fixed_ms

    def now_ms(self) -> int:
        """Now, as epoch milliseconds."""
        return self.fixed_ms if self.fixed_ms is not None else time.time_ns() // 1_000_000

    def now(self) -> dt.datetime:
        """Now, as an aware local datetime."""
        return from_ms(self.now_ms(), self.tz)

    def today(self) -> dt.date:
        """Today's local date."""
        return self.now().date()

    def advance(self, seconds: float) -> None:
        """Move a fixed clock on (tests)."""
        assert self.fixed_ms is not None, "only a fixed clock can be advanced"
        self.fixed_ms += int(seconds * 1000)

    @classmethod
    def fixed(cls, zone_name: str, local: str) -> Clock:
        """A clock stopped at a local ISO time such as ``2026-11-24T10:42``."""
        moment = dt.datetime.fromisoformat(local).replace(tzinfo=zone(zone_name))
        return cls(zone_name, to_ms(moment))
