"""Notice writes to the database by other processes: watchdog on the database's folder, no polling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer


class _Handler(FileSystemEventHandler):
    def __init__(self, name: str, changed: Callable[[], object]):
        self.name, self.changed = name, changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = (event.src_path, getattr(event, "dest_path", "") or "")
        if any(Path(str(path)).name.startswith(self.name) for path in paths if path):
            self.changed()


class DatabaseWatcher:
    """Calls ``changed`` (from the observer's thread) whenever the database or its WAL changes."""

    def __init__(self, db_file: Path, changed: Callable[[], object]):
        self.observer = Observer()
        self.observer.daemon = True
        self.observer.schedule(_Handler(db_file.name, changed), str(db_file.parent), recursive=False)

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=2)
