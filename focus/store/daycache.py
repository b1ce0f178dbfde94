"""Per-day figures for weeks and years: read from the ``day_cache`` table, computed from events
(one index range for all the missing days) only where the cache has nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

from focus.core import accounting, daylog
from focus.tracking import Tracker
from focus.core.week import day_figures

FIGURES_VERSION = 2   # raise when day_figures changes shape: old cache rows are then ignored


def cache_key(tracker: Tracker) -> str:
    """What the cached figures depend on besides the events: the code's version and the config."""
    c = tracker.config
    parts = (FIGURES_VERSION, tracker.clock.zone_name, c.work, sorted((n, x.mode, x.meeting) for n, x in c.categories.items()),
             sorted(c.interruption_minutes.items()), c.outcomes, c.targets, c.focus_minutes)
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:16]


def figures(tracker: Tracker, first: dt.date, last: dt.date) -> list[dict]:
    """The figures of every day in [first, last], oldest first."""
    key = cache_key(tracker)
    cached = tracker.store.cached_days(first.isoformat(), last.isoformat(), key)
    today = tracker.clock.today()
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    missing = [day for day in days if day.isoformat() not in cached]
    if missing:
        version = tracker.store.data_version()   # the cache is written only if nobody wrote meanwhile
        events = tracker.store.events_between_days((missing[0] - dt.timedelta(days=1)).isoformat(),
                                                   (missing[-1] + dt.timedelta(days=1)).isoformat())
        logs = daylog.fold_days(events, missing, tracker.tz)
        now = tracker.clock.now_ms()
        fresh = {}
        for day in missing:
            summary = accounting.summarize(logs[day], tracker.config, tracker.tz, now)
            cached[day.isoformat()] = data = day_figures(summary, tracker.config)
            if day < today and summary.running_session is None:   # settled: nothing more counts to now
                fresh[day.isoformat()] = data
        if fresh:
            tracker.store.cache_days(fresh, key, version)
    return [cached[day.isoformat()] | {"date": day.isoformat()} for day in days]


def warm(tracker: Tracker, weeks: int = 53) -> int:
    """Fill the cache for the last ``weeks`` weeks (days already cached cost one range read), so a
    year report is quick even the first time. Returns how many days it had to compute."""
    today = tracker.clock.today()
    first = today - dt.timedelta(weeks=weeks)
    cached = tracker.store.cached_days(first.isoformat(), today.isoformat(), cache_key(tracker))
    missing = sum(1 for n in range((today - first).days) if (first + dt.timedelta(days=n)).isoformat() not in cached)
    if missing:
        figures(tracker, first, today - dt.timedelta(days=1))
    return missing
