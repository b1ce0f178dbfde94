"""UTC offsets of instants in their zones: stored beside each event so SQL tools can show local time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from focus.core.clock import zone

QUARTER_HOUR_MS = 900_000  # every zone changes its offset on a quarter hour of UTC


def utc_offsets() -> Callable[[int, str], int]:
    """A function (instant in ms, IANA zone) → seconds east of UTC there and then, remembering the
    offsets it worked out (a year of events lies in a few hundred quarter hours of change)."""

    @lru_cache(maxsize=65_536)
    def offset(quarter: int, zone_name: str) -> int:
        moment = dt.datetime.fromtimestamp(quarter * QUARTER_HOUR_MS / 1000, zone(zone_name))
        delta = moment.utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    return lambda at, zone_name: offset(at // QUARTER_HOUR_MS, zone_name)
