"""Reading files that other programs drop (the inbox, a team's shared folder): regular files
only, never through a symbolic link, never more than a size limit, never blocking on a FIFO."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotAccepted(Exception):
    """The file is not read; the message says why."""


def read_dropped_file(path: Path, max_bytes: int) -> tuple[bytes, int]:
    """The bytes of a regular file and its mtime (ns). A link swapped in after the check is
    refused too (O_NOFOLLOW)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise NotAccepted("a symbolic link (links are never followed)")
    if not stat.S_ISREG(info.st_mode):
        raise NotAccepted("not a regular file")
    if info.st_size > max_bytes:
        raise NotAccepted(f"too large ({info.st_size} bytes; the limit is {max_bytes} bytes)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        if os.path.islink(path):
            raise NotAccepted("a symbolic link (links are never followed)") from None
        raise
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotAccepted("not a regular file")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotAccepted(f"too large (over {max_bytes} bytes)")
    return data, info.st_mtime_ns
