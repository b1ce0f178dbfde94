"""The commands' and options' help texts in the language in use, and their extraction for the catalogue.

click takes a command's help from its docstring and an option's from ``help=``: both are fixed at
import, before the language is chosen. ``translate`` puts each through the catalogue (the English kept,
to come back to); in English, with nothing translated before, it does nothing. ``extract`` is the
pybabel extractor of the CLI's files (``babel.cfg``): the gettext calls, as pybabel's own finds them,
and the docstrings of commands and the ``help=`` texts, which no gettext call marks.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import IO, Any

import click

from focus import i18n

_english: dict[click.Command | click.Parameter, str | None] = {}
_HELP_KEYWORDS = ("help", "help_text")
_HELP_FIRST = ("date_option",)  # focus's own option makers whose first argument is the help text


def _helped(command: click.Command) -> Iterator[click.Command | click.Option]:
    yield command
    yield from (param for param in command.params if isinstance(param, click.Option))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _helped(sub)


def translate(root: click.Command) -> None:
    """Every help text under ``root`` in the language in use."""
    if i18n.language() == i18n.SOURCE_LANGUAGE and not _english:
        return
    for item in _helped(root):
        english = _english.setdefault(item, item.help)
        if english:
            item.help = i18n._(inspect.cleandoc(english) if isinstance(item, click.Command) else english)


def help_texts(root: click.Command) -> Iterator[str]:
    """Every English help text under ``root``, as the catalogue holds it (tests/test_translations.py)."""
    for item in _helped(root):
        english = _english.get(item, item.help)
        if english:
            yield inspect.cleandoc(english) if isinstance(item, click.Command) else english


def _is_command_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
    return name in ("command", "group")


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """pybabel's extractor interface: (line, function, message, comments) for each string to translate."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(_is_command_decorator(d) for d in node.decorator_list):
            docstring = ast.get_docstring(node, clean=True)
            if docstring:
                yield node.lineno, None, docstring, []
        elif isinstance(node, ast.Call):
            texts = [_text(k.value) for k in node.keywords if k.arg in _HELP_KEYWORDS]
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name in _HELP_FIRST and node.args:
                texts.append(_text(node.args[0]))
            for text in texts:
                if text:
                    yield node.lineno, None, text, []
