"""The pieces the config parser is made of: one table of the TOML document, and the checks of its
values. Each check raises ValueError (or FocusError) with a message; ``Section.take`` names the key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from focus.core.errors import FocusError
from focus.core.text import problem as text_problem
from focus.core.timeparse import parse_time
from focus.i18n import _


class Section:
    """One table of the TOML document; keys are taken one by one and leftovers are unknown."""

    def __init__(self, data: Any, name: str, path: Path | None, present: bool = True):
        self.name, self.path, self.present = name, path, present
        if not isinstance(data, dict):
            raise self.error(name, _("must be a table"))
        self.data = dict(data)

    def key(self, key: str) -> str:
        return f"{self.name}.{key}" if self.name else key

    def error(self, key: str, message: str) -> FocusError:
        where = _("config {path}").format(path=self.path) if self.path else _("config")
        return FocusError(f"{where}: {key}: {message}")

    def take(self, key: str, convert: Callable[[Any], Any], default: Any) -> Any:
        if key not in self.data:
            return default
        value = self.data.pop(key)
        try:
            return convert(value)
        except (FocusError, ValueError, TypeError) as exc:
            raise self.error(self.key(key), str(exc)) from None

    def section(self, key: str) -> Section:
        present = key in self.data
        return Section(self.data.pop(key, {}), self.key(key), self.path, present)

    def done(self) -> None:
        for key in self.data:
            raise self.error(self.key(key), _("unknown key"))


def string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("must be a string, not {value}").format(value=repr(value)))
    why = text_problem(value)
    if why:
        raise ValueError(why)
    return value


def strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(_("must be a list of strings"))
    return tuple(string(item) for item in value)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("must be true or false, not {value}").format(value=repr(value)))
    return value


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(_("must be a whole number above 0, not {value}").format(value=repr(value)))
    return value


def count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(_("must be a whole number of 0 or more, not {value}").format(value=repr(value)))
    return value


def local_time(value: Any) -> dt.time:
    return parse_time(string(value))
