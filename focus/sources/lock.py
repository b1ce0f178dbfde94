"""Only one process runs the event sources: an advisory lock file in the data folder."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from focus.core.errors import FocusError


class SourcesBusy(FocusError):
    """Another process holds the sources lock."""


class SourcesLock:
    """Held while this process runs the sources; the kernel releases it if the process dies."""

    def __init__(self, path: Path, holder: str):
        self.path, self.holder = path, holder
        self.fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise SourcesBusy saying who has it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise SourcesBusy(f"the event sources already run in {other}; this one leaves them to it") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} ({self.holder})\n".encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
