"""The reminders' thread: asleep until the next moment a reminder may fall due or the database changes
(new events may change the plan or the email count), then it says what fell due (``core/reminders.py``)
through ``remind``. No polling: one wait per moment, bounded so a clock that jumps is seen within a
minute; ``stop`` wakes it at once."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver

from focus.core import reminders
from focus.core.clock import Clock, local_day
from focus.core.errors import FocusError
from focus.core.model import DayLog
from focus.core.reminders import Reminder
from focus.i18n import _
from focus.sources.backoff import Retry
from focus.tracking import Tracker

SETTLE_SECONDS = 0.3  # after a database change: the writer's commit is done, and a burst of changes is one read
LONGEST_WAIT_SECONDS = 60.0  # a suspended machine, a clock set by hand: looked at again within a minute
SHORTEST_WAIT_SECONDS = 0.01
LATE_SECONDS = 0.005  # wake just after the moment, never just before it


class _DatabaseChanged(FileSystemEventHandler):
    def __init__(self, name: str, changed: Callable[[], object]):
        self.name, self.changed = name, changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        if any(Path(path).name.startswith(self.name) for path in paths if path):
            self.changed()


class Reminders:
    """A source of the runner: says the reminders due after its start, each once."""

    def __init__(
        self,
        db_file: Path,
        make_tracker: Callable[[], Tracker],
        clock: Clock,
        remind: Callable[[Reminder], object],
        announce: Callable[[str], object],
    ):
        self.db_file, self.make_tracker, self.clock = db_file, make_tracker, clock
        self.remind, self.retry = remind, Retry(announce, first=5.0, most=LONGEST_WAIT_SECONDS)
        self.wake, self.stopped = threading.Event(), threading.Event()
        self.thread: threading.Thread | None = None
        self.told: set[str] = set()
        self.checks: dict[dt.date, int] = {}  # each day's email checks when it was last read

    def schedule(self, observer: BaseObserver) -> None:
        handler = _DatabaseChanged(self.db_file.name, self.changed)
        observer.schedule(handler, str(self.db_file.parent), recursive=False)

    def start(self) -> None:
        since = self.clock.now_ms()  # only what falls due from now on: a restart says nothing twice
        self.thread = threading.Thread(target=self._run, args=(since,), name="focus-reminders", daemon=True)
        self.thread.start()

    def changed(self) -> None:
        """The plan, the email count or the config may have changed: look again (from any thread)."""
        self.wake.set()

    def stop(self) -> None:
        self.stopped.set()
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _run(self, since: int) -> None:
        tracker: Tracker | None = None
        fresh = False  # the connection was opened for this try
        try:
            while not self.stopped.is_set():
                self.wake.clear()  # a change from here on wakes the wait below
                now = self.clock.now_ms()
                try:
                    if tracker is None:
                        fresh = True
                        tracker = self.make_tracker()
                    today = self.say_due(tracker, since, now)
                except FocusError as exc:
                    tracker = self._close(tracker)
                    if not fresh:
                        continue  # a connection that went bad: a new one says whether the trouble is real
                    self.retry.problem(_("reminders: {exc}").format(exc=exc))
                    self.wake.wait(self.retry.next_pause())
                    continue
                fresh = False
                self.retry.succeeded("reminders")
                since = now
                moment = reminders.next_moment(today, tracker.config, self.clock.tz, now)
                wait = (moment - now) / 1000 + LATE_SECONDS
                if self.wake.wait(min(LONGEST_WAIT_SECONDS, max(SHORTEST_WAIT_SECONDS, wait))):
                    self.stopped.wait(SETTLE_SECONDS)  # a change: let the burst of writes end first
        finally:
            self._close(tracker)

    @staticmethod
    def _close(tracker: Tracker | None) -> None:
        if tracker is not None:
            with contextlib.suppress(FocusError):
                tracker.store.close()

    def say_due(self, tracker: Tracker, since: int, now: int) -> DayLog:
        """Say each reminder of the days from ``since`` to ``now`` that fell due between them; today's log."""
        config, tz = tracker.config, self.clock.tz
        first, today = local_day(since, tz), local_day(now, tz)
        log = tracker.day(today)
        days = [tracker.day(first)] if first < today else []  # woken just after midnight, or after a sleep
        counts: dict[dt.date, int] = {}
        for day_log in [*days, log]:
            checks = counts[day_log.date] = self._email_checks(day_log, tracker, now)
            before = self.checks.get(day_log.date, checks)  # at the start: the count then is no news
            for reminder in reminders.due(day_log, config, tz, since, now, before, checks, self.told):
                self.told.add(reminder.key)
                self.remind(reminder)
        self.checks = {today: counts[today]}
        return log

    def _email_checks(self, log: DayLog, tracker: Tracker, now: int) -> int:
        if not tracker.config.notify.email_budget:
            return 0
        from focus.core import accounting

        summary = accounting.summarize(log, tracker.config, self.clock.tz, now)
        return summary.interruptions_by_kind.get("email", 0)
