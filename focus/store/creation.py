"""A new database file appears whole or not at all: it is made under a temporary name in the same
folder, then linked into place. A link fails when the name is taken, so when several processes create
the database at the same moment one wins and the others use its file; nobody ever sees a half-made
one, and an empty file where the database should be always means damage."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from focus.core.errors import FocusError
from focus.i18n import _
from focus.store import integrity, locking

NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def create_database(path: Path) -> None:
    """Make the database at ``path`` with the current schema, unless someone else just did."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")  # 0600
    except OSError as exc:
        raise FocusError(
            _("cannot create the database {path}: {error}").format(path=path, error=exc.strerror)
        ) from None
    os.close(fd)
    temporary = Path(name)
    try:
        _initialise(temporary)
        if _put_in_place(temporary, path):
            integrity.record_stamp(path, integrity.file_stamp(path) or "")
            _sync_folder(path.parent)
    except sqlite3.Error as exc:
        raise FocusError(_("cannot create the database {path}: {error}").format(path=path, error=exc)) from None
    except OSError as exc:
        raise FocusError(
            _("cannot create the database {path}: {error}").format(path=path, error=exc.strerror)
        ) from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _initialise(file: Path) -> None:
    from focus.store import schema

    conn = sqlite3.connect(file, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        schema.upgrade(conn)
    finally:
        conn.close()  # the last connection: its WAL is checkpointed into the file and removed


def _put_in_place(temporary: Path, path: Path) -> bool:
    """True when ``temporary`` became ``path``; False when another process's file was there first
    (it is whole: use that)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in NO_HARD_LINKS:
            raise
        return _rename_unless_there(temporary, path)
    os.unlink(temporary)  # before the stamp is taken: the link count is part of the ctime
    return True


def _rename_unless_there(temporary: Path, path: Path) -> bool:
    """Where the file system has no hard links: a rename, taken in turns under a lock file."""
    fd = os.open(path.with_name(f".{path.name}.creating"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        locking.lock(fd)
        if os.path.lexists(path):
            return False
        os.rename(temporary, path)
        return True
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """The new name on disk too, not only the file's pages."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
