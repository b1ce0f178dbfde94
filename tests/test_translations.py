"""The Swedish catalogue is whole and current: every string marked in focus/ (``_``, ``ngettext``,
``pgettext``, ``N_``) has a Swedish translation with the same placeholders, click's own words a user
meets are translated, and the shipped ``.mo`` is exactly what the ``.po`` compiles to now."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from focus import i18n

ROOT = Path(__file__).parent.parent
PO = i18n.LOCALEDIR / "sv" / "LC_MESSAGES" / "focus.po"
MO = PO.with_suffix(".mo")
CLICK_WORDS = (
    "Usage:",
    "Options",
    "Commands",
    "Show this message and exit.",
    "Show the version and exit.",
    "Error: {message}",
    "Try '{command} {option}' for help.",
    "No such option {name!r}.",
    "No such command {name!r}.",
    "Missing argument",
    "Invalid value for {param_hint}: {message}",
    "Aborted!",
    "required",
)


def marked() -> list[tuple[str | None, str | tuple[str, ...], str]]:
    """(context, message, where) for every string marked in focus/, as pybabel extracts them (babel.cfg)."""
    assert "[clihelp: cli/**.py]" in (ROOT / "babel.cfg").read_text(encoding="utf-8")
    found = []
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT / "focus", method_map=[("cli/**.py", "focus.cli.helptexts:extract"), ("**.py", "python")]
    ):
        found.append((context, message, f"{filename}:{lineno}"))
    return found


def catalogue():
    with PO.open("rb") as stream:
        return read_po(stream, locale="sv")


def fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def test_the_extraction_finds_the_marked_strings():
    messages = {message for _context, message, _where in marked()}
    assert "Interruptions" in messages and ("{n} stretch", "{n} stretches") in messages
    assert "Stop the running block." in messages  # a command's docstring, through babel.cfg's extractor
    assert len(messages) > 50


def test_every_marked_string_has_a_swedish_translation():
    po = catalogue()
    missing = []
    for context, message, where in marked():
        entry = po.get(message if isinstance(message, str) else message[0], context)
        strings = () if entry is None else (entry.string,) if isinstance(entry.string, str) else entry.string
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(f"{where}: {message!r}" + (f" ({context})" if context else ""))
    assert not missing, "no Swedish translation (pybabel update, then translate; CONTRIBUTING.md):\n" + "\n".join(
        missing
    )


def test_every_help_text_of_the_command_line_has_a_swedish_translation():
    """The commands' docstrings and the options' help=, as --help shows them (focus/cli/helptexts.py)."""
    from focus.cli import cli
    from focus.cli.helptexts import help_texts

    po = catalogue()
    missing = [text for text in help_texts(cli) if po.get(text) is None or not po.get(text).string]
    assert not missing, "no Swedish help text (pybabel extract and update; CONTRIBUTING.md):\n" + "\n".join(missing)


def test_clicks_own_words_are_translated():
    po = catalogue()
    assert all(po.get(word) is not None and po.get(word).string for word in CLICK_WORDS)


def test_a_translation_keeps_the_placeholders_of_its_message():
    wrong = []
    for entry in catalogue():
        if not entry.id or not entry.string:
            continue
        ids = (entry.id,) if isinstance(entry.id, str) else entry.id
        translations = (entry.string,) if isinstance(entry.string, str) else entry.string
        wanted = set().union(*(fields(i) for i in ids))
        for text in translations:
            named = fields(text)
            if named - wanted or (isinstance(entry.id, str) and named != wanted):
                wrong.append(f"{entry.id!r}: {text!r}")
            if "python-format" in entry.flags and set(re.findall(r"%\((\w+)\)", text)) != set(
                re.findall(r"%\((\w+)\)", ids[0])
            ):
                wrong.append(f"{entry.id!r}: {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_shipped_mo_is_the_po_compiled_now():
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(), use_fuzzy=False)
    assert MO.read_bytes() == compiled.getvalue(), f"{MO} is stale: pybabel compile -d focus/locale -D focus"


def test_the_mo_ships_with_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in pyproject


@pytest.mark.parametrize("language", ["sv"])
def test_the_catalogue_loads_without_a_system_locale(language):
    i18n.use(language)
    assert i18n._("Interruptions") == "Avbrott"
    assert i18n.ngettext("{n} stretch", "{n} stretches", 2) == "{n} fokuspass"
    assert i18n.pgettext("outcome", "deal") == "affär"
