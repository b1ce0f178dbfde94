"""Text that enters from outside (arguments, inbox records, calendar invitations, imports, team files,
the config), checked at the border by one rule, so the log only ever holds text every output can show.

The rule: the text must be valid Unicode — undecodable bytes (which Python hands over as lone
surrogates) and lone surrogates are refused; line breaks and tabs become one space (a title is one
line); any other control character — escape sequences, bell, NUL, DEL, C1 controls — and the bidi
controls that reorder what a reader sees are refused; and it has a length limit. Pure: no I/O.
"""

from __future__ import annotations

import json
import re
from typing import Any

from focus.core.errors import FocusError
from focus.i18n import _

TITLE_MAX = 120  # a block's title, a category or kind name, a seller's name
NOTE_MAX = 1000  # a note or a debrief answer
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def problem(text: str) -> str | None:
    """Why ``text`` cannot be kept as it is, in words; None when it can (line breaks aside)."""
    if _SURROGATE.search(text):
        return _("is not valid text (invalid UTF-8, or a lone surrogate)")
    control = _CONTROL.search(text)
    if control:
        return _("has a control character ({code}), which is not allowed").format(code=f"U+{ord(control.group()):04X}")
    return None


def clean(value: Any, what: str, limit: int = TITLE_MAX) -> str:
    """``value`` as the log keeps it: checked by the rule above, line breaks made spaces, the ends
    stripped. A FocusError naming ``what`` (``title``, ``--note``) when it breaks the rule."""
    if not isinstance(value, str):
        raise FocusError(_("{what}: must be text").format(what=_(what)))
    why = problem(value)
    if why:
        raise FocusError(f"{_(what)} {why}")
    text = one_line(value)
    if len(text) > limit:
        raise FocusError(
            _("{what} is {n} characters long; at most {limit}").format(what=_(what), n=len(text), limit=limit)
        )
    return text


def kept(value: Any, limit: int = TITLE_MAX) -> bool:
    """Whether ``value`` is text as ``clean`` keeps it (an event log read from outside must hold only such)."""
    return isinstance(value, str) and problem(value) is None and one_line(value) == value and len(value) <= limit


def visible(value: str, limit: int = TITLE_MAX) -> str:
    """The same rule applied by repair, for text someone else wrote and nobody here can fix (a
    calendar invitation's summary): what it refuses becomes U+FFFD, line breaks a space, and an
    over-long text is cut to ``limit`` with an ellipsis."""
    repaired = _CONTROL.sub("\ufffd", _SURROGATE.sub("\ufffd", value))
    text = one_line(repaired)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str) -> str:
    """``text`` with each run of line breaks and tabs made one space, the ends stripped."""
    return _BREAKS.sub(" ", text).strip()


def encodable(value: Any) -> bool:
    """Whether every string in a decoded JSON value (keys too) is valid Unicode, so the store can
    write it; a lone surrogate anywhere makes it False."""
    if isinstance(value, str):
        return not _SURROGATE.search(value)
    if isinstance(value, dict):
        return all(encodable(key) and encodable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(encodable(item) for item in value)
    return True


def json_problem(exc: Exception, in_line: bool = False) -> str:
    """Why ``json.loads`` refused a text, said whole: ``Expecting value at line 1 column 36``, or for one
    line of JSON lines (``in_line``: the caller names the line) ``Expecting value at column 10``; a
    RecursionError is ``nested too deep``, any other ValueError a number of more than 4300 digits."""
    if isinstance(exc, json.JSONDecodeError):
        if in_line:
            return _("{error} at column {column}").format(error=exc.msg, column=exc.colno)
        return _("{error} at line {line} column {column}").format(error=exc.msg, line=exc.lineno, column=exc.colno)
    return _("nested too deep") if isinstance(exc, RecursionError) else _("a number of more than 4300 digits")
