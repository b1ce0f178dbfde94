"""Reading files that other programs drop (the inbox, a team's shared folder): regular files
only, never through a symbolic link, never more than a size limit, never blocking on a FIFO."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from focus.i18n import N_, _

LINK = N_("a symbolic link (links are never followed)")


class NotAccepted(Exception):
    """The file is not read; the message says why."""


def read_dropped_file(path: Path, max_bytes: int) -> tuple[bytes, int]:
    """The bytes of a regular file and its mtime (ns). A link or another file swapped in after the
    check is refused too: O_NOFOLLOW where the system has it, and everywhere the file opened must be
    the one checked (the same device and inode before and after the open)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise NotAccepted(LINK)
    if not stat.S_ISREG(info.st_mode):
        raise NotAccepted(_("not a regular file"))
    if info.st_size > max_bytes:
        raise NotAccepted(
            _("too large ({size} bytes; the limit is {max_bytes} bytes)").format(size=info.st_size, max_bytes=max_bytes)
        )
    try:
        fd = os.open(path, _read_flags())
    except OSError:
        if os.path.islink(path):
            raise NotAccepted(LINK) from None
        raise
    with os.fdopen(fd, "rb") as stream:
        opened = os.fstat(stream.fileno())
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise NotAccepted(_(LINK) if os.path.islink(path) else _("replaced while it was being read"))
        if not stat.S_ISREG(opened.st_mode):
            raise NotAccepted(_("not a regular file"))
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotAccepted(_("too large (over {max_bytes} bytes)").format(max_bytes=max_bytes))
    return data, opened.st_mtime_ns


def _read_flags() -> int:
    """Read-only, and where the system has them: no following a link, no waiting on a FIFO (not on
    Windows: there the device-and-inode comparison alone refuses a swapped-in link, and a FIFO is no
    file), no line-end translation (Windows)."""
    return os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
