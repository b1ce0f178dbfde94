"""Per-day figures for weeks and years: read from the ``day_cache`` table, computed from events
(one index range for all the missing days) only where the cache has nothing."""

from __future__ import annotations

import datetime as dt
import gc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from focus.core import accounting, daylog
from focus.core.clock import Clock
from focus.core.config import Config
from focus.core.debrief import COUNTS, DebriefFigures
from focus.core.figures import DayFigures, PlanCounts, Seconds, as_lived, day_figures
from focus.store.database import Store

FIGURES_VERSION = 6  # raise when DayFigures or its record changes shape: old cache rows are then ignored


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
        c.burst_seconds,
    )
    text = repr(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"  # hashlib would load OpenSSL: 3 ms of a cold year


def figures(store: Store, config: Config, clock: Clock, first: dt.date, last: dt.date) -> list[DayFigures]:
    """The figures of every day in [first, last], oldest first, as lived (``as_lived``: the days after
    today and those before the log begins are no work days). The cache keeps them as computed, so a
    day logged later before the first one counts as soon as it is."""
    key, today = cache_key(config, clock), clock.today()
    cached = {
        day: _from_record(dt.date.fromisoformat(day), record)
        for day, record in store.cached_days(first.isoformat(), last.isoformat(), key).items()
    }
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    missing = [day for day in days if day.isoformat() not in cached]
    if missing:
        version = store.data_version()  # the cache is written only if nobody wrote meanwhile
        with _collector_paused():  # tens of thousands of short-lived objects, none in a cycle
            span = (missing[0] - dt.timedelta(days=1)).isoformat(), (missing[-1] + dt.timedelta(days=1)).isoformat()
            events = store.sessions_beyond(*span) + store.events_to_fold(*span)  # a session may run across it
            summaries = accounting.summarize_days(
                daylog.fold_days(events, missing, clock.tz), config, clock.tz, clock.now_ms()
            )
        fresh = {}
        for day, summary in summaries.items():
            cached[day.isoformat()] = computed = day_figures(summary)
            if day < today and summary.running_session is None:  # settled: nothing more counts to now
                fresh[day.isoformat()] = _record(computed)
        if fresh:
            store.cache_days(fresh, key, version)
    begins = log_begins(store)
    return [as_lived(cached[day.isoformat()], today, begins) for day in days]


def log_begins(store: Store) -> dt.date | None:
    """The first day with an event, None when there is none (one step of the events' day index)."""
    with store.errors():
        (day,) = store.conn.execute("SELECT min(day) FROM events").fetchone()
    return None if day is None else dt.date.fromisoformat(day)


def _record(f: DayFigures) -> list[Any]:
    """A day's figures as the cache keeps them: its fields in order, no derived figures (the export's
    shape, ``DayFigures.as_dict``, is twice the work to build and to read back)."""
    s, p, d = f.seconds, f.plan, f.debrief
    return [f.work_day, [s.proactive, s.reactive, s.neutral, s.tracked, s.untracked, s.work], f.proactive_share,
            f.interruptions, f.email_budget, f.email_noticed_by, f.mail_received, f.longest_focus_seconds,
            f.focus_stretches, f.focus_min_minutes, [p.planned, p.kept, p.not_kept, p.not_tracked, p.running,
            p.upcoming], f.outcomes, f.visits, f.titles, [getattr(d, name) for name in COUNTS]]  # fmt: skip


def _from_record(date: dt.date, r: list[Any]) -> DayFigures:
    return DayFigures(date, r[0], Seconds(*r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], PlanCounts(*r[10]),
                      r[11], r[12], tuple(r[13]), DebriefFigures(*r[14]))  # fmt: skip


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a range is computed (it would run dozens of times over
    objects that reference counting frees anyway: a tenth of a cold year), on again afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


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
