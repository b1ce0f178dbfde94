"""Email checks noticed in Maildir folders: a message moved from new/ to cur/, or one gaining the
S (seen) flag, is mailbox activity; activity within ``burst_seconds`` of the last is one check.

What each folder's unread messages were is kept in the database (``maildir_scan``), so after a restart,
or an inotify queue overflow that lost events, a rescan records what changed meanwhile, once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver

from focus.core.errors import FocusError
from focus.i18n import _
from focus.sources import maildir_scan
from focus.sources.email_activity import EmailActivity, caught_up_line
from focus.sources.maildir_scan import Unread, digest, flags, identity
from focus.tracking import Tracker

OVERFLOW_LOGGER = "watchdog.observers.inotify_c"
OVERFLOW_TEXT = "Inotify queue overflowed"

__all__ = ["MaildirSource", "flags", "identity", "is_activity"]


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


class _Overflow(logging.Handler):
    """watchdog says an inotify queue overflow only in its log: that is our cue to rescan."""

    def __init__(self, rescan: Callable[[], object]):
        super().__init__()
        self.rescan = rescan

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(OVERFLOW_TEXT):
            threading.Thread(target=self.rescan, name="focus-maildir-rescan", daemon=True).start()


class MaildirSource(FileSystemEventHandler):
    """Watches each Maildir folder; records email checks and arrivals, and catches up on a restart."""

    def __init__(
        self,
        folders: list[Path],
        burst_seconds: int,
        make_tracker: Callable[[], Tracker],
        announce: Callable[[str], object],
    ):
        self.folders = folders
        self.email = EmailActivity(make_tracker, burst_seconds, announce, state_name="maildir")
        self.announce = announce
        self.lock = threading.Lock()
        self.unread: dict[Path, Unread] = {}
        self.overflow = _Overflow(self.rescan)

    def schedule(self, observer: BaseObserver) -> None:
        for folder in self.folders:
            if not (folder / "cur").is_dir() or not (folder / "new").is_dir():
                raise FocusError(
                    _("maildir {folder}: not a Maildir folder (it needs cur/ and new/)").format(folder=folder)
                )
            # one recursive watch of the Maildir (new/, cur/, tmp/): a rename from new/ to cur/ is
            # then one move event, not a deletion in one watch and a creation in another
            observer.schedule(self, str(folder), recursive=True)
        self._remember()  # before the watch begins: what it sees from then on is not caught up again

    def start(self) -> None:
        """Catch up: what was read or delivered since the source last looked (nothing the first time)."""
        logging.getLogger(OVERFLOW_LOGGER).addHandler(self.overflow)
        self._remember()
        self.rescan(caught_up=True)

    def _remember(self) -> None:
        """What each folder's unread messages were when the source last looked (a first look: now)."""
        if self.unread:
            return
        saved = self.email.saved()
        with self.lock:
            for folder in self.folders:
                self.unread[folder] = maildir_scan.from_text(saved.get(str(folder))) or maildir_scan.scan(folder)[0]

    def rescan(self, caught_up: bool = False) -> None:
        """Compare each folder with what was last seen; record what changed once, and remember the new look."""
        with self.lock:
            for folder in self.folders:
                now, read_now = maildir_scan.scan(folder)
                read, arrived = maildir_scan.changes(self.unread.get(folder, now), now, read_now)
                self.unread[folder] = now
                state = {str(folder): now.to_text()}
                where = folder.name
                if read:
                    self.email.activity(where, state)
                    self.announce(caught_up_line(read, where))
                if arrived:
                    self.email.received(where, arrived, state)
                if not (read or arrived) and caught_up:
                    try:
                        self.email.save(state)
                    except FocusError as exc:  # a full disk: the next start compares with the last state saved
                        self.announce(f"problem: {exc}")
            if not caught_up:
                self.announce(
                    _("the folder watch lost events (inotify queue overflow): the Maildir folders were rescanned")
                )

    def stop(self) -> None:
        logging.getLogger(OVERFLOW_LOGGER).removeHandler(self.overflow)
        with self.lock:
            state = {str(folder): unread.to_text() for folder, unread in self.unread.items()}
        try:
            if state:
                self.email.save(state)
        except FocusError as exc:
            self.announce(f"problem: {exc}")
        finally:
            self.email.close()

    def on_moved(self, event: FileSystemEvent) -> None:
        src, dest = Path(str(event.src_path)), Path(str(event.dest_path))
        if event.is_directory:
            return
        self._forget(src)
        self._note(dest)
        if is_activity(src, dest):
            self.activity(dest.parent.parent)
        elif dest.parent.name == "new" and src.parent.name != "new":
            self.arrived(dest)

    def on_created(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        path = Path(str(event.src_path))
        self._note(path)
        if path.parent.name == "new":
            self.arrived(path)

    def on_deleted(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self._forget(Path(str(event.src_path)))

    def arrived(self, path: Path) -> None:
        """A message delivered to new/: mail received, not a check."""
        if path.name.startswith(".") or path.parent.parent not in self.folders:
            return
        self.email.received(path.parent.parent.name, state=self._state(path.parent.parent))

    def activity(self, folder: Path) -> None:
        """Mailbox activity now: a new check, or the running burst's check grows."""
        self.email.activity(folder.name, self._state(folder))

    def _state(self, folder: Path) -> dict[str, str | None]:
        with self.lock:
            unread = self.unread.get(folder)
        return {str(folder): unread.to_text()} if unread is not None else {}

    def _note(self, path: Path) -> None:
        """A message is now at ``path``: unread in new/ or in cur/ without S, else read."""
        folder, where = path.parent.parent, path.parent.name
        with self.lock:
            unread = self.unread.get(folder)
            if unread is None or path.name.startswith(".") or where not in ("new", "cur"):
                return
            key = digest(path.name)
            new, unseen = set(unread.new), set(unread.unseen)
            if where == "new":
                new.add(key)
            elif "S" not in flags(path.name):
                unseen.add(key)
            self.unread[folder] = unread._replace(new=frozenset(new), unseen=frozenset(unseen))

    def _forget(self, path: Path) -> None:
        folder = path.parent.parent
        with self.lock:
            unread = self.unread.get(folder)
            if unread is None:
                return
            key = digest(path.name)
            if path.parent.name == "new":
                self.unread[folder] = unread._replace(new=unread.new - {key})
            elif path.parent.name == "cur":
                self.unread[folder] = unread._replace(unseen=unread.unseen - {key})
