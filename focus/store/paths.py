"""Where the config, the database and the inbox live: ``FOCUS_HOME``, else the platform's user dirs."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO, overload

from focus.i18n import _


@dataclass(frozen=True)
class Paths:
    config_file: Path
    data_dir: Path

    @property
    def db_file(self) -> Path:
        return self.data_dir / "focus.db"

    @property
    def inbox(self) -> Path:
        return self.data_dir / "inbox"

    @classmethod
    def resolve(cls, environ: Mapping[str, str] | None = None) -> Paths:
        """``$FOCUS_HOME`` holds everything when set; otherwise platformdirs' config and data dirs."""
        home = (os.environ if environ is None else environ).get("FOCUS_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root / "config.toml", root)
        import platformdirs  # ~25 ms: only when FOCUS_HOME is not set

        return cls(
            Path(platformdirs.user_config_dir("focus")) / "config.toml",
            Path(platformdirs.user_data_dir("focus")),
        )


def make_private_dir(path: Path) -> None:
    """Create a folder (and its parents) readable by the user only (0700)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


@overload
def open_private(path: Path, binary: Literal[False] = False) -> AbstractContextManager[TextIO]: ...


@overload
def open_private(path: Path, binary: Literal[True]) -> AbstractContextManager[BinaryIO]: ...


def open_private(path: Path, binary: bool = False) -> AbstractContextManager[TextIO] | AbstractContextManager[BinaryIO]:
    """A file to write, readable by the user only (0600: exports hold the log and the debriefs), that
    appears whole or not at all: written under a temporary name in its folder, renamed over ``path``
    when the ``with`` block ends. On any error the temporary file goes and an old file at ``path``
    stays as it was; a file that cannot be written is one FocusError naming it. A device or a FIFO
    (``/dev/stdout``) is written in place, and so is a file in a folder that cannot be written."""
    return _PrivateFile(path, binary)


class _PrivateFile:
    def __init__(self, path: Path, binary: bool):
        self.path, self.binary = path, binary
        self.target = Path(os.path.realpath(path))  # through a symbolic link: its target is replaced
        self.temporary: Path | None = None

    def __enter__(self) -> Any:
        try:
            fd = self._open()
        except OSError as exc:
            raise self._error(exc) from None
        if self.binary:
            self.stream: Any = os.fdopen(fd, "wb")
        else:
            self.stream = os.fdopen(fd, "w", encoding="utf-8")
        return self.stream

    def _open(self) -> int:
        try:
            info: os.stat_result | None = os.stat(self.target)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            return os.open(self.target, os.O_WRONLY)
        import tempfile  # not at import: every command imports this module

        try:
            fd, name = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp")
        except PermissionError:
            if info is None:
                raise
            fd = os.open(self.target, os.O_WRONLY | os.O_TRUNC)  # the folder is not ours, the file is
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13: a file's ACL is its folder's there
                os.fchmod(fd, 0o600)
            return fd
        self.temporary = Path(name)
        return fd

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _trace: Any) -> None:
        try:
            if error is None:
                self.stream.flush()
                if self.temporary is not None:
                    os.fsync(self.stream.fileno())
            self.stream.close()
            if error is None and self.temporary is not None:
                os.replace(self.temporary, self.target)
                self.temporary = None
        except OSError as exc:
            error = error or exc
        finally:
            if self.temporary is not None:
                with contextlib.suppress(OSError):
                    self.temporary.unlink()
        if isinstance(error, OSError):
            raise self._error(error) from None

    def _error(self, exc: OSError) -> Exception:
        from focus.core.errors import FocusError

        return FocusError(_("cannot write {path}: {error}").format(path=self.path, error=exc.strerror or exc))
