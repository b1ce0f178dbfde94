"""Email checks noticed in Maildir folders: a message moved from new/ to cur/, or one gaining the
S (seen) flag, is mailbox activity; activity within ``burst_seconds`` of the last is one check."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver

from focus.core import events
from focus.core.errors import FocusError
from focus.tracking import Tracker

READING_MS = 60_000  # a check lasts at least until a minute after its last activity
GROW_STEP_MS = 30_000  # write a longer end only when it grows by more than this


def identity(name: str) -> str:
    """A message's name without what sync tools and flags change: before ``,U=`` or ``:2,``."""
    return name.split(":2,", 1)[0].split(",U=", 1)[0]


def flags(name: str) -> str:
    """The Maildir flags of a file name (``DFPRST``), empty when it has none."""
    return name.split(":2,", 1)[1] if ":2," in name else ""


def is_activity(src: Path, dest: Path) -> bool:
    """Is this rename the user reading mail? new/ → cur/, or gaining S inside cur/; a sync tool's
    rename that keeps the identity and adds no S is not."""
    if dest.parent.name != "cur":
        return False
    if src.parent.name == "new":
        return True
    return (
        src.parent.name == "cur"
        and identity(src.name) == identity(dest.name)
        and "S" in flags(dest.name)
        and "S" not in flags(src.name)
    )


class _Check:
    def __init__(self, event_id: str, start: int, end: int):
        self.event_id, self.start, self.end, self.last = event_id, start, end, start


class MaildirSource(FileSystemEventHandler):
    """Watches each Maildir folder; records email checks and arrivals."""

    def __init__(
        self,
        folders: list[Path],
        burst_seconds: int,
        make_tracker: Callable[[], Tracker],
        announce: Callable[[str], object],
    ):
        self.folders, self.burst_ms = folders, burst_seconds * 1000
        self.make_tracker, self.announce = make_tracker, announce
        self.check: _Check | None = None
        self.local = threading.local()

    def schedule(self, observer: BaseObserver) -> None:
        for folder in self.folders:
            if not (folder / "cur").is_dir() or not (folder / "new").is_dir():
                raise FocusError(f"maildir {folder}: not a Maildir folder (it needs cur/ and new/)")
            # one recursive watch of the Maildir (new/, cur/, tmp/): a rename from new/ to cur/ is
            # then one move event, not a deletion in one watch and a creation in another
            observer.schedule(self, str(folder), recursive=True)

    def start(self) -> None:
        """Nothing to catch up on: only activity from now on is a check."""

    def stop(self) -> None:
        tracker = getattr(self.local, "tracker", None)
        if tracker is not None:
            tracker.store.close()

    @property
    def tracker(self) -> Tracker:
        """This thread's tracker (each thread has its own database connection)."""
        tracker: Tracker | None = getattr(self.local, "tracker", None)
        if tracker is None:
            tracker = self.local.tracker = self.make_tracker()
        return tracker

    def on_moved(self, event: FileSystemEvent) -> None:
        src, dest = Path(str(event.src_path)), Path(str(event.dest_path))
        if event.is_directory:
            return
        if is_activity(src, dest):
            self.activity(dest.parent.parent)
        elif dest.parent.name == "new" and src.parent.name != "new":
            self.arrived(dest)

    def on_created(self, event: FileSystemEvent) -> None:
        if not event.is_directory and Path(str(event.src_path)).parent.name == "new":
            self.arrived(Path(str(event.src_path)))

    def arrived(self, path: Path) -> None:
        """A message delivered to new/: mail received, not a check."""
        if path.name.startswith(".") or path.parent.parent not in self.folders:
            return
        tracker = self.tracker
        try:
            tracker.store.append(
                tracker.make_event(
                    events.MAIL_RECEIVED, tracker.clock.now_ms(), events.mail_received_payload(path.parent.parent.name)
                )
            )
        except FocusError as exc:
            self.announce(f"problem: {exc}")
            return
        self.announce(f"mail received in {path.parent.parent.name}")

    def activity(self, folder: Path) -> None:
        """Mailbox activity now: a new check, or the running burst's check grows."""
        tracker = self.tracker
        now = tracker.clock.now_ms()
        check = self.check
        try:
            if check is None or now - check.last > self.burst_ms:
                event = tracker.make_event(
                    events.INTERRUPTION, now, events.interruption_payload("email", None, f"maildir {folder.name}")
                )
                tracker.store.append(event)
                default = tracker.config.interruption_minutes["email"] * 60_000
                self.check = _Check(event.id, now, now + default)
                self.announce(f"email check in {folder.name}")
                return
            check.last = now
            if now + READING_MS > check.end + GROW_STEP_MS:
                check.end = now + READING_MS
                tracker.store.append(
                    tracker.make_event(
                        events.INTERRUPTION_EXTEND,
                        now,
                        events.interruption_extend_payload(check.end),
                        ref=check.event_id,
                    )
                )
        except FocusError as exc:
            self.announce(f"problem: {exc}")
