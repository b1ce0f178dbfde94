"""The workday screen's database work, off the event loop: one thread worker with its own connection
runs the screen's jobs in the order they were asked for (a key's write, then the read that shows it)
and posts each result back as a message. While another process holds the write lock, the screen
keeps ticking and its keys keep answering; the write lands when the lock is released, or a notice
says it could not."""

from __future__ import annotations

import datetime as dt
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from focus.core.errors import FocusError
from focus.core.model import DayLog
from focus.tracking import Tracker


@dataclass
class Job:
    """A write (``write(tracker)``, may raise FocusError) and what to do with its result on the screen
    (``then(result)``); without ``write`` only a read. Either way the day is read again after it, unless
    ``read_after`` is False."""

    write: Callable[[Tracker], Any] | None = None
    then: Callable[[Any], None] | None = None
    only_if_changed: bool = False  # a read that is skipped when nobody wrote since the last one
    read_after: bool = True  # False: a write that does not bear on the day shown (today's, behind a past day)
    date: dt.date | None = None  # the day to read (set when the job is queued)


@dataclass
class DayRead:
    log: DayLog
    version: int


class JobDone(Message):
    """A job's outcome, posted from the worker's thread: the write's result or its error, and the day
    read after it (None when nothing changed since the last read)."""

    def __init__(self, job: Job, result: Any = None, error: FocusError | None = None, read: DayRead | None = None):
        super().__init__()
        self.job, self.result, self.error, self.read = job, result, error, read


@dataclass
class Database:
    """The queue between the screen (any number of ``ask`` calls) and its one worker thread (``serve``)."""

    open_tracker: Callable[[], Tracker]
    post: Callable[[Message], object]
    jobs: queue.Queue[Job | None] = field(default_factory=queue.Queue)
    pending: int = 0  # asked and not yet answered: only the screen's thread changes it

    def ask(self, job: Job, date: dt.date) -> None:
        """Queue a job (from the screen's thread)."""
        job.date = date
        self.pending += 1
        self.jobs.put(job)

    def answered(self) -> None:
        """A JobDone was handled (on the screen's thread)."""
        self.pending -= 1

    def close(self) -> None:
        """No more jobs: the worker ends after the ones queued."""
        self.jobs.put(None)

    def serve(self, config: Callable[[], Any]) -> None:
        """The worker thread: one connection, the jobs in order. ``config()`` gives the config in use
        (it may be reloaded while the screen runs). A job that fails is answered with its error; the
        worker goes on with the next."""
        try:
            tracker = self.open_tracker()
        except FocusError as exc:  # an unusable database: every job is told so
            while (job := self.jobs.get()) is not None:
                self.post(JobDone(job, error=exc))
            return
        seen: int | None = None
        saved = None  # the config whose default minutes the SQL views have
        try:
            while (job := self.jobs.get()) is not None:
                tracker.config = config()
                result, error, read = None, None, None
                try:
                    if tracker.config is not saved:
                        tracker.store.save_interruption_minutes(tracker.config.interruption_minutes)
                        saved = tracker.config
                    if job.write is not None:
                        result = job.write(tracker)
                    version = tracker.store.data_version()
                    if job.read_after and (job.write is not None or not job.only_if_changed or version != seen):
                        assert job.date is not None
                        read, seen = DayRead(tracker.day(job.date), version), version
                except FocusError as exc:
                    error = exc
                except Exception as exc:  # a bug must not leave the screen waiting: say it, go on
                    error = FocusError(f"{type(exc).__name__}: {exc}")
                self.post(JobDone(job, result, error, read))
        finally:
            tracker.store.close()
