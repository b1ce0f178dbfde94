"""Reading the config file: TOML from disk, checked by ``focus.core.config``."""

from __future__ import annotations

import tomllib
from pathlib import Path

from focus.core.config import Config, parse
from focus.core.errors import FocusError
from focus.i18n import _
from focus.store.system_zone import ask_tzlocal


def load(path: Path) -> Config:
    """The config in ``path``, or the built-in defaults when the file does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return parse({}, None, ask_tzlocal)
    except (OSError, UnicodeDecodeError) as exc:
        raise FocusError(_("config {path}: cannot read it: {error}").format(path=path, error=exc)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FocusError(_("config {path}: not valid TOML: {error}").format(path=path, error=exc)) from None
    return parse(data, path, ask_tzlocal)
