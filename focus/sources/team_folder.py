"""The team's shared folder: the ``focus.week/1`` exports in it read as a team table, and a small
watchdog watcher that reads it again when files change. The folder is a shared drive that anyone can
write to, so every file is treated as hostile: symbolic links are never followed, big files are not
read, and a bad file becomes one "skipped" line (the checks are ``focus.core.team``'s). A skipped file's
reason is kept in English, as the team document carries it in every language; the table says it in
the language in use (``focus.reports.team.reason_text``)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focus.core.errors import FocusError
from focus.core.team import Invalid, Skipped, Team, TeamRow, outcome_columns, row_of
from focus.i18n import _
from focus.store.safefile import NotAccepted, read_dropped_file

if TYPE_CHECKING:
    from watchdog.events import FileSystemEvent
    from watchdog.observers.api import BaseObserver

MAX_BYTES = 5 * 1024 * 1024
# What changes a folder's content; not "opened"/"closed_no_write", which our own reading causes.
CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})


def read_folder(folder: Path, own_outcomes: Sequence[str] = ()) -> Team:
    """Every ``*.json`` file directly in ``folder`` as a team table, the reader's ``own_outcomes`` as
    its first outcome columns. Raises FocusError when the folder itself is missing, not a folder or
    unreadable; a bad file is skipped with its reason."""
    folder = Path(folder)
    try:
        entries = sorted((e for e in os.scandir(folder) if e.name.endswith(".json")), key=lambda e: e.name)
    except FileNotFoundError:
        raise FocusError(_("{folder}: no such folder").format(folder=folder)) from None
    except NotADirectoryError:
        raise FocusError(_("{folder}: not a folder").format(folder=folder)) from None
    except OSError as exc:
        raise FocusError(
            _("cannot read the folder {folder}: {error}").format(folder=folder, error=exc.strerror)
        ) from None
    kept: dict[tuple[str, str], tuple[int, str, TeamRow]] = {}
    skipped: list[Skipped] = []
    for entry in entries:
        name = display_name(entry.name)
        try:
            doc, mtime = read_file(Path(entry.path))
            row = row_of(doc)
        except FileNotFoundError:
            continue  # gone since the listing (a rename in progress): nothing to show
        except (Invalid, OSError) as exc:
            reason = str(exc) if isinstance(exc, Invalid) else f"unreadable ({exc.strerror or exc})"
            skipped.append(Skipped(name, reason))
            continue
        row = replace(row, file=name)
        key = (row.seller, row.week)
        if key in kept:
            older, newer = sorted([kept[key], (mtime, name, row)], key=lambda c: (c[0], c[1]))
            kept[key] = newer
            skipped.append(Skipped(older[1], f"duplicate of {newer[1]} (same seller and week, older)"))
        else:
            kept[key] = (mtime, name, row)
    rows = sorted((c[2] for c in kept.values()), key=lambda r: (r.seller.casefold(), r.seller))
    rows.sort(key=lambda r: r.week, reverse=True)
    skipped.sort(key=lambda s: s.file)
    return Team(tuple(rows), tuple(skipped), outcome_columns(rows, own_outcomes))


def read_file(path: Path) -> tuple[Any, int]:
    """A file's JSON and its mtime (ns): never through a symbolic link, never more than MAX_BYTES.
    Raises Invalid with the reason, or OSError."""
    try:
        data, mtime = read_dropped_file(path, MAX_BYTES)
    except NotAccepted as exc:
        raise Invalid(str(exc)) from None
    try:
        return json.loads(data), mtime
    except UnicodeDecodeError:
        raise Invalid("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise Invalid(f"broken JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise Invalid("broken JSON (nested too deep)") from None
    except ValueError:  # json refuses nothing else: an integer of more than 4300 digits
        raise Invalid("broken JSON (a number of more than 4300 digits)") from None


def display_name(name: str) -> str:
    """A file name as text that can always be printed (undecodable bytes become U+FFFD)."""
    return os.fsencode(name).decode("utf-8", "replace")


class TeamWatch:
    """Watches ``folder`` (not its subfolders) and calls ``on_change(team)`` with the table read
    again after files change; a burst of changes within ``debounce`` seconds gives one call. Calls
    come from a timer thread, one at a time. A folder that vanishes gives a table whose only skipped
    line says so."""

    def __init__(
        self,
        folder: Path,
        on_change: Callable[[Team], None],
        debounce: float = 0.3,
        observer_class: Callable[[], BaseObserver] | None = None,
        own_outcomes: Sequence[str] = (),
    ):
        self.folder, self.on_change, self.debounce = Path(folder), on_change, debounce
        self.own_outcomes = tuple(own_outcomes)
        self.observer_class = observer_class
        self.observer: BaseObserver | None = None
        self._lock = threading.Lock()  # guards the timer
        self._busy = threading.Lock()  # one on_change at a time
        self._timer: threading.Timer | None = None
        self._stopped = False

    def start(self) -> None:
        """Start watching (raises FocusError when the folder cannot be watched)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in CHANGES and not event.is_directory:
                    names = (os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or ""))
                    if any(name.endswith(".json") for name in names):
                        watch.poke()

        observer = self.observer = (self.observer_class or Observer)()
        observer.schedule(Handler(), str(self.folder), recursive=False)
        try:
            observer.start()
        except OSError as exc:
            raise FocusError(
                _("cannot watch {folder}: {error}").format(folder=self.folder, error=exc.strerror or exc)
            ) from None

    def poke(self) -> None:
        """Something changed: (re)start the quiet-period timer."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._stopped:
                return
            self._timer = threading.Timer(self.debounce, self.refresh)
            self._timer.daemon = True
            self._timer.start()

    def refresh(self) -> None:
        """Read the folder again now and call ``on_change`` (also what the timer calls)."""
        with self._busy:
            if self._stopped:
                return
            try:
                team = read_folder(self.folder, self.own_outcomes)
            except FocusError as exc:
                team = Team(skipped=(Skipped(display_name(str(self.folder)), str(exc)),))
            self.on_change(team)

    def stop(self) -> None:
        """Stop watching and wait for the observer thread; no call comes after this returns."""
        with self._lock:
            self._stopped = True
            if self._timer is not None:
                self._timer.cancel()
        if self.observer is not None:
            self.observer.stop()
            if self.observer.is_alive():
                self.observer.join(timeout=5)
        with self._busy:  # a refresh already running finishes first
            pass
