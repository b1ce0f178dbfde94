"""Rich renderables as plain or coloured terminal text, or as an HTML page (Rich's own export).
Rich is imported here, only when a report is rendered."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from focus.i18n import SOURCE_LANGUAGE, language

if TYPE_CHECKING:
    from rich.console import RenderableType

_NOT_STYLE = re.compile("\x1b(?!\\[[0-9;]*m)|[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f]")


def as_text(renderable: RenderableType, width: int, color: bool = False) -> str:
    """Terminal text, ANSI colour only when ``color`` and NO_COLOR is not set (Rich reads it when
    ``no_color`` is left to it); trailing blanks trimmed."""
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=None if color else True,
        highlight=False,
        emoji=False,
    )
    console.print(renderable)
    text = _NOT_STYLE.sub("?", out.getvalue())  # the last guard: only Rich's own colour codes pass
    return "".join(line.rstrip(" ") + "\n" for line in text.split("\n")[:-1])


def as_html(renderable: RenderableType, width: int) -> str:
    """A standalone HTML page; every text is escaped by Rich. A page in another language than English
    says which (``<html lang="sv">``: a browser's reader and hyphenation follow it)."""
    from rich.console import Console

    console = Console(file=io.StringIO(), record=True, width=width, highlight=False, emoji=False)
    console.print(renderable)
    page = console.export_html(inline_styles=True)
    return page if language() == SOURCE_LANGUAGE else page.replace("<html>", f'<html lang="{language()}">', 1)
