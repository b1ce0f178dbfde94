"""An exclusive lock on an open file, on POSIX (``fcntl.flock``) and on Windows (``msvcrt.locking``); the
operating system releases it when the process dies.

Windows locks are mandatory for the bytes they cover, so the lock covers one byte far past anything a
lock file holds: the file's own bytes (the sources lock names its holder there) stay readable by others.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import Any

WINDOWS_LOCK_OFFSET = 1 << 30  # the byte locked on Windows: beyond the text any lock file holds


def _fcntl() -> ModuleType | None:
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    return fcntl


def _msvcrt() -> Any:
    return importlib.import_module("msvcrt")  # typed for Windows only: Any here


def try_lock(fd: int) -> bool:
    """Take the lock without waiting: False when another open file (this process's or another's) has it."""
    fcntl = _fcntl()
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    msvcrt = _msvcrt()
    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # held elsewhere (EACCES, or EDEADLOCK after its retries)
        return False
    return True


def lock(fd: int) -> None:
    """Take the lock, waiting as long as another has it."""
    fcntl = _fcntl()
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    msvcrt = _msvcrt()
    while True:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # tries for about ten seconds, then raises
        except OSError:
            continue
        return


def unlock(fd: int) -> None:
    """Release the lock (closing the file releases it too)."""
    fcntl = _fcntl()
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return
    msvcrt = _msvcrt()
    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
