"""Is the database file whole? A cheap look at its header on every open, SQLite's integrity check
before the first write after the file changed in a way no focus process said it did, and the
messages that name the damage and the way out.

The record of "checked, or last changed by focus" is a stamp beside the database (``.focus.db.verified``):
the file's inode, size, mtime and ctime. A write whose file still matches the stamp skips the check
(microseconds); any other change (a copy, a restore, a sync tool, a byte flipped by another program)
makes the next write check the file first, once: SQLite's integrity check up to 64 MB (~45 ms at 30k
events, a seller's year or so; ~0.5 s at 64 MB), its quick check (pages, not indexes) above (~0.45 s
at 1M events, where the whole check takes ~1.6 s). ``focus db check`` always does the whole check.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

from focus.core.errors import FocusError
from focus.i18n import _
from focus.store import held_files

HEADER = b"SQLite format 3\x00"
SHOWN_PROBLEMS = 3
FULL_CHECK_BYTES = 64 << 20  # ~300k events, a decade of a seller's: past it, a write's check is the quick one
CHECKPOINT_PAGES = 1000  # SQLite's automatic checkpoint size: the guard checkpoints itself at it
PASSING = ("locked", "busy", "disk I/O", "interrupt", "full", "unable to open", "out of memory")  # of the moment
_CHECKING = threading.RLock()  # one whole-file check at a time in a process: the others then find its stamp


def stamp_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.verified")


def file_stamp(path: Path) -> str | None:
    """What identifies this state of the file: inode, size, mtime, ctime (ctime cannot be set back)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return f"{info.st_ino} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}"


def recorded_stamp(path: Path) -> str | None:
    try:
        return stamp_file(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def record_stamp(path: Path, stamp: str) -> None:
    """Note ``stamp`` as checked (written whole, then renamed). A full disk or a read-only folder
    only means the next write checks again."""
    target = stamp_file(path)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, stamp.encode("ascii") + b"\n")
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class CutShort(FocusError):
    """A file shorter than its header says: perhaps a checkpoint half-way, so read again once."""


def check_header(path: Path, held: tuple[int, int]) -> int | None:
    """As ``read_header``; a file that looks cut short is read again once, because a checkpoint that
    grows the file writes its header first and another process may be between the two."""
    try:
        return read_header(path, held)
    except CutShort:
        return read_header(path, held)


def read_header(path: Path, held: tuple[int, int]) -> int | None:
    """The page size of the database file at ``path`` (read through its ``held_files`` descriptor, never
    one opened and closed here), after the checks its first 100 bytes allow: an empty file, or one
    shorter than its header says, is refused (a FocusError). None for a file that is not SQLite at all
    (SQLite's own message says so)."""
    try:
        head, size = held_files.read_start(held, 100)
    except IsADirectoryError:
        return None  # SQLite says "unable to open"
    except OSError as exc:
        raise FocusError(_("database {path}: cannot read it: {error}").format(path=path, error=exc.strerror)) from None
    if size == 0:
        raise FocusError(
            _(
                "database {path} is empty (0 bytes): damaged or cut short, not a new database; nothing was changed"
            ).format(path=path),
            hint=_(
                "focus db init --force starts a new one in its place (the empty file is kept beside it); "
                "then focus import events FILE brings back an export"
            ),
        )
    if len(head) < 100 or not head.startswith(HEADER):
        return None
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The page count is meaningful only when the change counter matches (SQLite's rule), and the file
    # holds all its pages only without a WAL beside it: a checkpoint cut short leaves them in the WAL.
    whole = head[24:28] == head[92:96] and not _has_wal(path)
    if page_size < 512 or page_size & (page_size - 1) or size % page_size or (whole and size < pages * page_size):
        what = _("the file is {size} bytes, its header says {pages} pages of {page_size}: cut short").format(
            size=size, pages=pages, page_size=page_size
        )
        raise damaged(path, what, _("nothing was changed"), kind=CutShort)
    return page_size


def _has_wal(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def problems(conn: sqlite3.Connection, quick: bool = False) -> list[str]:
    """What SQLite's integrity check (or its quick check) finds, one problem a line; a damage so bad
    that the check itself stops is one problem."""
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:  # corrupt, not a database: the check itself could not go on
        if isinstance(exc, sqlite3.OperationalError) and any(word in str(exc) for word in PASSING):
            raise  # not a verdict on the file: the caller says it as one line, the next write checks again
        return [str(exc)]
    lines = (line.strip() for row in rows if row[0] != "ok" for line in row[0].splitlines())
    return [line for line in lines if line and not line.startswith("*** in database")]


def summary(found: list[str]) -> str:
    """The first problems, and how many more: one line."""
    shown = "; ".join(found[:SHOWN_PROBLEMS])
    more = len(found) - SHOWN_PROBLEMS
    return shown + (_("; and {n} more").format(n=more) if more > 0 else "")


def damaged(path: Path, what: str, then: str = "", kind: type[FocusError] = FocusError) -> FocusError:
    """The one line for a damaged database: what is wrong, ``then`` (what this command did about
    it), and the way out."""
    recover = _(
        "focus export events --out saved.jsonl saves what can be read; then focus db init --force "
        "(keeps the damaged file beside the new one) and focus import events saved.jsonl"
    )
    if _sqlite_can_recover():
        recover += _(
            "; or with SQLite's own tool: sqlite3 {path} .recover | sqlite3 recovered.db, put in its place"
        ).format(path=path)
    message = _("database {path} is damaged ({what})").format(path=path, what=what)
    return kind(message + (f": {then}" if then else ""), hint=recover)


def _sqlite_can_recover() -> bool:
    """Whether a sqlite3 command is installed whose ``.recover`` works (some builds lack the page
    reader it needs, and fail)."""
    import shutil
    import subprocess

    tool = shutil.which("sqlite3")
    if tool is None:
        return False
    try:
        return subprocess.run([tool, ":memory:", ".recover"], capture_output=True, timeout=5).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _checkpoint(conn: sqlite3.Connection) -> None:
    """Copy the WAL into the file without ever waiting for anyone: PASSIVE copies what no reader still
    needs; only when that was everything is the WAL emptied (TRUNCATE, with no busy wait), because a WAL
    left whole after its checkpoint is read and copied again by the next process to open the file
    (SQLite's recovery forgets what was copied: 0.3 s on every write after a big migration). A reader
    holding an old snapshot (a backup tool, an sqlite3 shell) just leaves the WAL to the next commit."""
    busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if busy or frames != copied:
        return
    timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")


class FileGuard:
    """What a read-write store knows of its file: the stamp it had when last known whole, or what
    SQLite's integrity check found wrong with it."""

    def __init__(self, path: Path, page_size: int):
        self.path, self.page_size = path, page_size
        self.whole: str | None = None
        self.damage: list[str] = []

    def check(self, conn: sqlite3.Connection) -> None:
        """Before a write: the file is whole (a FocusError otherwise). Checked once, and only when the
        file is not as a focus process last noted it."""
        if not self.damage and self.whole is None:
            with _CHECKING:
                stamp = file_stamp(self.path)
                if stamp is not None and stamp == recorded_stamp(self.path):
                    self.whole = stamp
                else:
                    self._recheck(conn, quick=(os.path.getsize(self.path) > FULL_CHECK_BYTES))
        if self.damage:
            raise damaged(self.path, summary(self.damage), _("nothing was written; see focus db check"))

    def recheck(self, conn: sqlite3.Connection) -> list[str]:
        """SQLite's whole integrity check now; a whole file that did not change meanwhile is noted as such."""
        with _CHECKING:
            return self._recheck(conn)

    def _recheck(self, conn: sqlite3.Connection, quick: bool = False) -> list[str]:
        stamp = file_stamp(self.path)
        try:
            self.damage = problems(conn, quick)
        except sqlite3.OperationalError as exc:
            raise FocusError(
                _("database {path}: cannot check the file now ({error}); nothing was written").format(
                    path=self.path, error=exc
                )
            ) from None
        self.whole = None if self.damage else stamp
        if self.damage:
            with contextlib.suppress(OSError):
                stamp_file(self.path).unlink()  # so that every other process checks before it writes
        elif stamp is not None and file_stamp(self.path) == stamp:
            record_stamp(self.path, stamp)
        return self.damage

    def after_commit(self, conn: sqlite3.Connection) -> None:
        """SQLite's automatic checkpoints are off on focus's connections: the store copies the WAL
        into the file itself, at the same size, so it knows the file changed by its own hand and notes
        the new stamp. A file changed otherwise since it was last known whole is checked first."""
        try:
            if os.stat(f"{self.path}-wal").st_size < CHECKPOINT_PAGES * self.page_size:
                return
        except OSError:
            return
        before = file_stamp(self.path)
        if before not in (self.whole, recorded_stamp(self.path)):
            self.whole = None
            try:
                self.check(conn)
            except FocusError:
                return  # the next write says so
        with contextlib.suppress(sqlite3.Error):  # readers in the way: the next commit tries again
            _checkpoint(conn)
        self._note_change(before)

    def close(self, conn: sqlite3.Connection) -> None:
        """Close ``conn``. The last connection to close copies the WAL into the file: a file that was
        known whole before is noted whole after."""
        before = file_stamp(self.path)
        known = before is not None and before in (self.whole, recorded_stamp(self.path))
        conn.close()
        if known:
            self._note_change(before)

    def _note_change(self, before: str | None) -> None:
        after = file_stamp(self.path)
        if after is not None and after != before:
            record_stamp(self.path, after)
            self.whole = after
