"""Where the config, the database and the inbox live: ``FOCUS_HOME``, else the platform's user dirs."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, TextIO, cast, overload


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
def open_private(path: Path, binary: Literal[False] = False) -> TextIO: ...


@overload
def open_private(path: Path, binary: Literal[True]) -> BinaryIO: ...


def open_private(path: Path, binary: bool = False) -> TextIO | BinaryIO:
    """Open a file for writing, created readable by the user only (0600): exports hold the log and
    the debriefs. A file that cannot be written is a FocusError naming it."""
    from focus.core.errors import FocusError

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise FocusError(f"cannot write {path}: {exc.strerror}") from None
    if stat.S_ISREG(os.fstat(fd).st_mode):
        os.fchmod(fd, 0o600)  # also a file written before, with wider modes
    if binary:
        return cast(BinaryIO, os.fdopen(fd, "wb"))
    return cast(TextIO, os.fdopen(fd, "w", encoding="utf-8"))
