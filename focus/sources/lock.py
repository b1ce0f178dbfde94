"""Only one process runs the event sources: an advisory lock file in the data folder."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from focus.core.errors import FocusError


class SourcesBusy(FocusError):
    """Another process holds the sources lock (``holder`` says which)."""

    def __init__(self, holder: str):
        super().__init__(f"the event sources already run in {holder}; this one leaves them to it")
        self.holder = holder


class SourcesLock:
    """Held while this process runs the sources; the kernel releases it if the process dies."""

    def __init__(self, path: Path, holder: str):
        self.path, self.holder = path, holder
        self.fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise SourcesBusy saying who has it. A lock file that cannot be made or
        written (a full disk, a read-only folder) is a FocusError naming it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise FocusError(f"cannot write the sources lock {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise SourcesBusy(other) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} ({self.holder})\n".encode(), 0)
        except OSError as exc:
            os.close(fd)  # the lock goes with it
            raise FocusError(f"cannot write the sources lock {self.path}: {exc.strerror}") from None
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
