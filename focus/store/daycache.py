"""Per-day figures for weeks and years: read from the ``day_cache`` table, computed from events
(one index range for all the missing days) only where the cache has nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

from focus.core import accounting, daylog
from focus.core.clock import Clock
from focus.core.config import Config
from focus.core.figures import DayFigures, day_figures
from focus.store.database import Store

FIGURES_VERSION = 3  # raise when DayFigures changes shape: old cache rows are then ignored


def cache_key(config: Config, clock: Clock) -> str:
    """What the cached figures depend on besides the events: the code's version and the config."""
    c = config
    parts = (
        FIGURES_VERSION,
        clock.zone_name,
        c.work,
        sorted((n, x.mode, x.meeting) for n, x in c.categories.items()),
        sorted(c.interruption_minutes.items()),
        c.outcomes,
        c.targets,
        c.focus_minutes,
    )
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:16]


def figures(store: Store, config: Config, clock: Clock, first: dt.date, last: dt.date) -> list[DayFigures]:
    """The figures of every day in [first, last], oldest first."""
    key = cache_key(config, clock)
    cached = {
        day: DayFigures.from_dict(data | {"date": day})
        for day, data in store.cached_days(first.isoformat(), last.isoformat(), key).items()
    }
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    missing = [day for day in days if day.isoformat() not in cached]
    if missing:
        version = store.data_version()  # the cache is written only if nobody wrote meanwhile
        events = store.events_between_days(
            (missing[0] - dt.timedelta(days=1)).isoformat(), (missing[-1] + dt.timedelta(days=1)).isoformat()
        )
        summaries = accounting.summarize_days(
            daylog.fold_days(events, missing, clock.tz), config, clock.tz, clock.now_ms()
        )
        today = clock.today()
        fresh = {}
        for day, summary in summaries.items():
            cached[day.isoformat()] = computed = day_figures(summary)
            if day < today and summary.running_session is None:  # settled: nothing more counts to now
                fresh[day.isoformat()] = computed.as_dict()
        if fresh:
            store.cache_days(fresh, key, version)
    return [cached[day.isoformat()] for day in days]


def warm(store: Store, config: Config, clock: Clock, weeks: int = 53) -> int:
    """Fill the cache for the last ``weeks`` weeks (days already cached cost one range read), so a
    year report is quick even the first time. Returns how many days it had to compute."""
    today = clock.today()
    first = today - dt.timedelta(weeks=weeks)
    cached = store.cached_days(first.isoformat(), today.isoformat(), cache_key(config, clock))
    missing = sum(1 for n in range((today - first).days) if (first + dt.timedelta(days=n)).isoformat() not in cached)
    if missing:
        figures(store, config, clock, first, today - dt.timedelta(days=1))
    return missing
