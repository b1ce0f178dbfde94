"""Only one process runs the event sources: an advisory lock file in the data folder."""

from __future__ import annotations

import os
from pathlib import Path

from focus.core.errors import FocusError
from focus.i18n import N_, _
from focus.store import locking

HOLDER_BYTES = 200
HOLDERS = {"the focus TUI": N_("the focus TUI"), "focus watch": N_("focus watch")}  # as the lock file names them


def holder_said(holder: str) -> str:
    """``pid 3152 (the focus TUI)`` as the language in use says it (the lock file keeps the English,
    which another process, in another language, reads back)."""
    pid, paren, name = holder.partition(" (")
    name = name.removesuffix(")")
    return f"{pid} ({_(HOLDERS[name])})" if paren and name in HOLDERS else holder


class SourcesBusy(FocusError):
    """Another process holds the sources lock (``holder`` says which)."""

    def __init__(self, holder: str):
        super().__init__(
            _("the event sources already run in {holder}; this one leaves them to it").format(
                holder=holder_said(holder)
            )
        )
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
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise FocusError(
                _("cannot write the sources lock {path}: {error}").format(path=self.path, error=exc.strerror)
            ) from None
        if not locking.try_lock(fd):
            other = _read_start(fd).decode(errors="replace").strip() or _("another process")
            os.close(fd)
            raise SourcesBusy(other)
        try:
            os.ftruncate(fd, 0)
            _write_start(fd, f"pid {os.getpid()} ({self.holder})\n".encode())
        except OSError as exc:
            os.close(fd)  # the lock goes with it
            raise FocusError(
                _("cannot write the sources lock {path}: {error}").format(path=self.path, error=exc.strerror)
            ) from None
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            locking.unlock(self.fd)
            os.close(self.fd)
            self.fd = None


def _read_start(fd: int) -> bytes:
    """The holder's name at the start of the file (os.pread is POSIX only)."""
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, HOLDER_BYTES)


def _write_start(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
