"""One watchdog Observer for every event source, run by one process at a time."""

from __future__ import annotations

import errno
import logging
import sys
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from focus.core.clock import Clock
from focus.core.config import Config
from focus.core.errors import FocusError
from focus.i18n import _
from focus.sources import status
from focus.sources.inbox import InboxSource
from focus.sources.lock import SourcesLock
from focus.sources.maildir import MaildirSource
from focus.sources.status import SourceBoard
from focus.store import config_file
from focus.store.database import Store
from focus.store.paths import Paths, make_private_dir
from focus.tracking import Tracker

if TYPE_CHECKING:
    from focus.core.reminders import Reminder
    from focus.sources.reminders import Reminders

OUT_OF_WATCHES = (errno.ENOSPC, errno.EMFILE)
CONFIG_CHANGES = ("closed", "moved", "deleted") + (() if sys.platform.startswith("linux") else ("modified",))
EMITTER_STOPPED = "InotifyEmitter.queue_events() called when the thread is inactive"
BACKGROUND_DELAY_SECONDS = 2.0  # the check and the day cache wait that long: the machine is the screen's as it starts


class Source(Protocol):
    """What the runner needs of an event source: its watches, a catch-up start, a stop."""

    def schedule(self, observer: BaseObserver) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class _ConfigWatch(FileSystemEventHandler):
    """Reloads the config when its file changes; an invalid one is reported and the old one kept."""

    def __init__(self, runner: Runner):
        self.runner = runner

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        # closed: a write is complete; moved: an editor's atomic save; never a half-written file. Only
        # Linux's inotify says "closed": elsewhere a file saved in place is "modified" (a half-written one
        # is then reported as invalid, and reloaded when the write completes)
        if event.event_type in CONFIG_CHANGES and str(self.runner.paths.config_file) in paths:
            self.runner.reload_config()


class Runner:
    """Runs the inbox, the Maildir folders and the calendar; ``announce`` gets one line per event."""

    def __init__(
        self,
        paths: Paths,
        config: Config,
        clock: Clock,
        announce: Callable[[str], object],
        holder: str = "focus watch",
        observer_class: Callable[[], BaseObserver] = Observer,
        on_config: Callable[[Config], object] | None = None,
        remind: Callable[[Reminder], object] | None = None,
    ):
        """``remind``: who takes the reminders (desktop notifications, the screen's toasts); none without it."""
        self.paths, self.config, self.clock, self.announce = paths, config, clock, announce
        self.on_config = on_config
        self.trackers: weakref.WeakSet[Tracker] = weakref.WeakSet()  # to hand a reloaded config to
        self.lock = SourcesLock(paths.data_dir / "sources.lock", holder)
        self.observer_class = observer_class
        self.observer: BaseObserver | None = None
        self.sources: list[Source] = []
        self.board = SourceBoard(clock, paths.data_dir / "sources.json")  # focus sources reads it
        self.background: threading.Timer | None = None
        self.remind = remind
        self.reminders: Reminders | None = None

    def make_tracker(self, source: str) -> Callable[[], Tracker]:
        """A factory of trackers for one source: each thread calls it for its own connection."""

        def make() -> Tracker:
            tracker = Tracker(Store(self.paths.db_file), self.config, self.clock, source=source)
            self.trackers.add(tracker)
            return tracker

        return make

    def build_sources(self) -> list[Source]:
        config = self.config
        sources: list[Source] = [
            InboxSource(self.paths.inbox, self.make_tracker("inbox"), self.announcer("inbox")),
        ]
        if config.maildir_paths:
            folders = [Path(p).expanduser() for p in config.maildir_paths]
            sources.append(
                MaildirSource(folders, config.burst_seconds, self.make_tracker("maildir"), self.announcer("maildir"))
            )
        if config.calendar_path:
            from focus.sources.calendar import CalendarSource

            sources.append(
                CalendarSource(
                    Path(config.calendar_path).expanduser(), self.make_tracker("calendar"), self.announcer("calendar")
                )
            )
        if config.activitywatch is not None:
            from focus.sources.activitywatch import ActivityWatchSource

            sources.append(
                ActivityWatchSource(
                    config.activitywatch,
                    config.burst_seconds,
                    self.make_tracker("activitywatch"),
                    self.announce,
                    self.board,
                )
            )
        return sources + self.build_imap_sources(config)

    def build_imap_sources(self, config: Config) -> list[Source]:
        """One source per ``[[sources.imap]]`` account (imapclient is imported only when there is one)."""
        if not config.imap:
            return []
        from focus.sources.imap import ImapSource

        make = self.make_tracker("imap")
        return [ImapSource(account, config.burst_seconds, make, self.announce, self.board) for account in config.imap]

    def announcer(self, name: str) -> Callable[[str], object]:
        """``announce`` for the file sources, which also keeps their line of the board: watching (they keep
        watching through a problem: a rejected file, a failing disk retried), the last problem until it is
        resolved, the last activity."""

        def announce(line: str) -> None:
            if line.startswith("problem: "):
                self.board.set(
                    name, status.WATCHING, _("last problem: {problem}").format(problem=line.removeprefix("problem: "))
                )
            elif line.startswith("resolved: "):
                self.board.set(name, status.WATCHING)
            else:
                self.board.saw(name, line)
            self.announce(line)

        self.board.set(name, status.WATCHING)
        return announce

    def build_reminders(self) -> list[Source]:
        """The reminders' thread, when someone takes the reminders."""
        if self.remind is None:
            return []
        from focus.sources.reminders import Reminders

        tracker = self.make_tracker("reminders")
        self.reminders = Reminders(self.paths.db_file, tracker, self.clock, self.remind, self.announce)
        return [self.reminders]

    def start(self) -> None:
        """Take the lock, watch everything, then catch up (files already waiting, the calendar)."""
        make_private_dir(self.paths.data_dir)
        self.lock.acquire()
        try:
            self.sources = self.build_sources() + self.build_reminders()
            try:
                self._observe(self.observer_class)
            except OSError as exc:
                if exc.errno not in OUT_OF_WATCHES:
                    raise
                self.announce(
                    _(
                        "inotify is out of watches (raise fs.inotify.max_user_watches): "
                        "polling the folders every second instead"
                    )
                )
                self._observe(PollingObserver)
            for source in self.sources:
                source.start()
            self.background = threading.Timer(BACKGROUND_DELAY_SECONDS, self.check_in_background)
            self.background.name, self.background.daemon = "focus-day-cache", True
            self.background.start()
        except BaseException:
            self.stop()
            raise

    def check_in_background(self) -> None:
        """Once per start: SQLite's integrity check of a database up to 64 MB, where damage that
        changed no file time is found (~45 ms at 30k events, ~0.5 s at 64 MB; past that size, focus db
        check finds it). Damage is said as a problem; then the day cache is filled."""
        from focus.store import integrity

        try:
            with Store(self.paths.db_file) as store:
                found = store.verify() if store.size_bytes() <= integrity.FULL_CHECK_BYTES else []
        except FocusError as exc:
            self.announce(f"problem: {exc}")
            return
        if found:
            damage = integrity.damaged(self.paths.db_file, integrity.summary(found), _("see focus db check"))
            self.announce(f"problem: {damage}")
            return
        self.warm_day_cache()

    def warm_day_cache(self) -> None:
        """At start and after a config reload, in the background: the config's default minutes where
        the SQL views read them, and the last year's per-day figures, so `focus week --weeks 52` never
        has to compute a year from events while the seller waits."""
        from focus.store import daycache

        try:
            with Store(self.paths.db_file) as store:
                store.save_interruption_minutes(self.config.interruption_minutes)
                daycache.warm(store, self.config, self.clock)
        except FocusError as exc:
            self.announce("problem: " + _("day cache: {exc}").format(exc=exc))

    def _observe(self, observer_class: Callable[[], BaseObserver]) -> None:
        if self.observer is not None:
            _stop_observer(self.observer)
        observer = self.observer = observer_class()
        observer.daemon = True
        for source in self.sources:
            source.schedule(observer)
        make_private_dir(self.paths.config_file.parent)
        observer.schedule(_ConfigWatch(self), str(self.paths.config_file.parent), recursive=False)
        observer.start()

    def stop(self) -> None:
        if self.background is not None:
            self.background.cancel()  # not started yet: nothing to wait for
        if self.observer is not None:
            _stop_observer(self.observer)
        try:
            for source in self.sources:
                try:
                    source.stop()
                except FocusError as exc:  # one source's last write failing never keeps the others running
                    self.announce(f"problem: {exc}")
        finally:
            if self.lock.fd is not None:
                self.board.clear()  # only the holder's board: another runner's file is not ours to remove
            self.lock.release()

    def reload_config(self) -> None:
        try:
            new = config_file.load(self.paths.config_file)
        except FocusError as exc:
            self.announce("problem: " + _("{exc}; keeping the config in use").format(exc=exc))
            return
        if new == self.config:
            return
        restart = (new.maildir_paths, new.calendar_path, new.burst_seconds, new.activitywatch) != (
            self.config.maildir_paths,
            self.config.calendar_path,
            self.config.burst_seconds,
            self.config.activitywatch,
        )
        old, self.config = self.config, new
        for tracker in list(self.trackers):
            tracker.config = new
        if (new.imap, new.burst_seconds) != (old.imap, old.burst_seconds):
            self.restart_imap_sources(new)
        if self.on_config is not None:
            self.on_config(new)
        if self.reminders is not None:
            self.reminders.changed()  # a new debrief time, a kind turned off
        threading.Thread(target=self.warm_day_cache, name="focus-day-cache", daemon=True).start()
        self.announce(
            _("config reloaded; restart to watch the new mail or calendar folders") if restart else _("config reloaded")
        )

    def restart_imap_sources(self, config: Config) -> None:
        """The IMAP accounts changed (a fixed password command, a new mailbox): watch them anew."""
        from focus.sources.imap import ImapSource

        for source in self.sources:
            if isinstance(source, ImapSource):
                source.stop()
        fresh = self.build_imap_sources(config)
        self.sources = [source for source in self.sources if not isinstance(source, ImapSource)] + fresh
        for source in fresh:
            source.start()


class _NotWhileStopping(logging.Filter):
    """watchdog logs an error when an inotify emitter is stopped while it handles an event (its loop
    checked that it runs, then the stop took its watches away): its own stop, not a problem."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != EMITTER_STOPPED


def _stop_observer(observer: BaseObserver) -> None:
    """Stop the observer and its emitters (``stop`` joins them) without that error on stderr while events
    still arrive (the start's own writes, the day cache's, another process's), then its thread."""
    logger = logging.getLogger("watchdog.observers.inotify")
    quiet = _NotWhileStopping()
    logger.addFilter(quiet)
    try:
        observer.stop()
    finally:
        logger.removeFilter(quiet)
    if observer.is_alive():
        observer.join(timeout=5)
