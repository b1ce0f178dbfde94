"""A week or a year is folded in one pass (``daylog.fold_days``) and cached per day: the figures
equal those of the day report, day by day, on a realistic generated history."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from focus.core import accounting, config, daylog
from focus.core.clock import Clock
from focus.core.figures import day_figures
from focus.store import daycache
from focus.store.database import Store
from focus.tracking import Tracker

GENERATOR = Path(__file__).parent.parent / "benchmarks" / "generate.py"


def test_range_fold_and_cache_equal_the_day_by_day_report(tmp_path):
    db = tmp_path / "focus.db"
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            "--events",
            "4000",
            "--db",
            str(db),
            "--seed",
            "7",
            "--end-date",
            "2026-11-26",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    tracker = Tracker(Store(db), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-27T12:00"))
    first, last = dt.date(2026, 9, 28), dt.date(2026, 11, 26)  # nine weeks, the clock change inside
    cold = daycache.figures(tracker.store, tracker.config, tracker.clock, first, last)
    warm = daycache.figures(tracker.store, tracker.config, tracker.clock, first, last)
    day_by_day = [day_figures(tracker.summary(first + dt.timedelta(days=n))) for n in range((last - first).days + 1)]
    assert cold == day_by_day == warm
    assert sum(day.interruptions_total for day in cold) > 100  # a real history, not empty days
    logs = daylog.fold_days(
        tracker.store.events_between_days("2026-10-23", "2026-10-27"), [dt.date(2026, 10, 25)], tracker.tz
    )
    summary = accounting.summarize(logs[dt.date(2026, 10, 25)], tracker.config, tracker.tz, tracker.clock.now_ms())
    assert summary == tracker.summary(dt.date(2026, 10, 25))


def test_the_sources_warm_the_cache_for_the_last_year(tmp_path):
    from focus.sources.runner import Runner
    from focus.store.paths import Paths
    from tests.source_helpers import Lines, wait_until

    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T12:00")  # one clock: no midnight during the test
    tracker = Tracker(Store(tmp_path / "focus.db"), config.defaults(), clock)
    tracker.count("call", tracker.clock.now_ms() - 3 * 86_400_000)
    runner = Runner(Paths(tmp_path / "config.toml", tmp_path), config.defaults(), clock, Lines())
    runner.start()
    try:
        wait_until(
            lambda: tracker.store.conn.execute("SELECT count(*) FROM day_cache").fetchone()[0] >= 53 * 7,
            timeout=30,
            what="a year of cached days",
        )
    finally:
        runner.stop()
    assert daycache.warm(tracker.store, tracker.config, clock) == 0


def test_figures_are_not_cached_when_another_connection_wrote_meanwhile(tmp_path):
    tracker = Tracker(
        Store(tmp_path / "focus.db"), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-27T12:00")
    )
    other = Tracker(
        Store(tmp_path / "focus.db"), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-27T12:00")
    )
    version = tracker.store.data_version()
    other.count("call", tracker.clock.now_ms() - 86_400_000)  # lands between the read and the write
    tracker.store.cache_days(
        {"2026-11-26": {"stale": True}}, daycache.cache_key(tracker.config, tracker.clock), version
    )
    assert (
        tracker.store.cached_days("2026-11-26", "2026-11-26", daycache.cache_key(tracker.config, tracker.clock)) == {}
    )
    tracker.store.cache_days(
        {"2026-11-26": {"fresh": True}}, daycache.cache_key(tracker.config, tracker.clock), tracker.store.data_version()
    )
    assert tracker.store.cached_days("2026-11-26", "2026-11-26", daycache.cache_key(tracker.config, tracker.clock)) == {
        "2026-11-26": {"fresh": True}
    }
