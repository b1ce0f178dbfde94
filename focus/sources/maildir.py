"""Email checks noticed in Maildir folders: a message moved from new/ to cur/, or one gaining the
S (seen) flag, is mailbox activity; activity within ``burst_seconds`` of the last is one check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver

from focus.core.errors import FocusError
from focus.sources.email_activity import EmailActivity
from focus.tracking import Tracker


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


class MaildirSource(FileSystemEventHandler):
    """Watches each Maildir folder; records email checks and arrivals."""

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
        self.email.close()

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
        self.email.received(path.parent.parent.name)

    def activity(self, folder: Path) -> None:
        """Mailbox activity now: a new check, or the running burst's check grows."""
        self.email.activity(folder.name)
