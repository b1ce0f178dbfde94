"""One sanitising function per output kind, for every text that came from outside (titles, notes,
answers, seller and file names): shown as text, never as control codes or markup.

- terminal: ``terminal_text`` (escape sequences, bidi overrides, line breaks become "?"),
- Rich or Textual markup: ``markup_text`` (and terminal-safe),
- Markdown, which may hold HTML: ``markdown_text`` (one line, no live markup or HTML),
- a desktop notification: ``notification_text`` (one line, no markup the server acts on),
- CSV: ``focus.reports.csvfile.csv_text`` (quoted line breaks, neutralised formulas),
- HTML: Rich's export escapes every text it is given (``focus.reports.rendering.as_html``).
"""

from __future__ import annotations

import re
import unicodedata

from focus.core.text import one_line

_MARKDOWN = re.compile(r"[\\`*_\[\]|~]|^[#+\-=>]|(?<=^\d)[.)]|(?<=^\d\d)[.)]|(?<=^\d\d\d)[.)]")
_MARKUP = re.compile(r"(\\*)(\[)")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def terminal_text(text: str) -> str:
    """Safe for a terminal: control and format characters (escape sequences, bidi overrides, line
    breaks) become "?", and what is not valid Unicode (a lone surrogate) becomes "\ufffd"."""
    return "".join(_shown(ch) for ch in text)


def _shown(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return "?"
    return "\ufffd" if category == "Cs" else ch


def markup_text(text: str) -> str:
    """Terminal-safe text to put inside Rich or Textual markup: every "[" is escaped, so a title
    such as "[bold]" or "[/]" is shown as written."""
    escaped = _MARKUP.sub(r"\1\1\\\2", terminal_text(text))
    return escaped + "\\" if escaped.endswith("\\") else escaped  # a last "\" would escape what follows


def markdown_text(text: str) -> str:
    """Text for a Markdown line or table cell: one line, HTML characters as entities, Markdown's
    inline punctuation escaped, and a line-starting marker too: no link, image, emphasis, code,
    heading, list or table cell can start in it."""
    escaped = _MARKDOWN.sub(lambda found: "\\" + found.group(), terminal_text(one_line(text)))
    return "".join(_HTML.get(ch, ch) for ch in escaped)


_NOTIFICATION_MARKUP = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def notification_text(text: str) -> str:
    """Text for a desktop notification: one line, terminal-safe, and no markup a notification server
    acts on (many read the body as HTML-like markup: a link, an image): <, > and & become look-alikes."""
    return terminal_text(one_line(text)).translate(_NOTIFICATION_MARKUP)
