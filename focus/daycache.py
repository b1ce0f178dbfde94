"""Per-day figures for weeks and years: read from the ``day_cache`` table, computed from events
(one index range for all the missing days) only where the cache has nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict

from focus import accounting, daylog
from focus.tracking import Tracker
from focus.week import day_figures

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
        events = tracker.store.events_between_days((missing[0] - dt.timedelta(days=1)).isoformat(),
                                                   (missing[-1] + dt.timedelta(days=1)).isoformat())
        by_day = defaultdict(list)
        for event in events:
            by_day[event.day].append(event)
        now = tracker.clock.now_ms()
        fresh = {}
        for day in missing:
            around = [e for d in (day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)) for e in by_day[d.isoformat()]]
            summary = accounting.summarize(daylog.fold_day(around, day, tracker.tz), tracker.config, tracker.tz, now)
            cached[day.isoformat()] = data = day_figures(summary, tracker.config)
            if day < today and summary.running_session is None:   # settled: nothing more counts to now
                fresh[day.isoformat()] = data
        if fresh:
            tracker.store.cache_days(fresh, key)
    return [cached[day.isoformat()] | {"date": day.isoformat()} for day in days]
