"""No English left in Swedish: every command's output and help, read in Swedish, holds no word of the
English vocabulary focus speaks.

The vocabulary is taken from the catalogue itself: every word of an English message, less every word some
Swedish translation uses too (``plan``, ``budget``, ``lunch``, ``status``). A word of that vocabulary in a
Swedish output is a string nobody marked for translation, or marked and never translated: the marked-string
test (test_translations.py) cannot see the first kind; this one does. Command names, options, metavars and
formats are the interface, not words, and are left out."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po

from focus import i18n
from tests.conftest import Focus
from tests.test_swedish import DAY, SWEDISH, a_day

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
PLACEHOLDER = re.compile(r"\{[^}]*\}|%\([^)]*\)[sdr]|%[sdr]")
# the interface, which reads the same in both languages: names a person types or a file holds
INTERFACE = re.compile(
    r"<style>.*?</style>|<[^>]*>|\w+_\w+|--?[\w-]+|\b[A-Z][A-Z_]{2,}\b|`[^`]*`|https?://\S+|\S+\.(?:toml|db|json|csv|ics|md|html)\b"
)


@cache
def english_vocabulary() -> frozenset[str]:
    """Words of the English messages that no Swedish translation uses."""
    with (i18n.LOCALEDIR / "sv" / "LC_MESSAGES" / "focus.po").open("rb") as stream:
        po = read_po(stream, locale="sv")
    english: set[str] = set()
    swedish: set[str] = set()
    for message in po:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english.update(words(PLACEHOLDER.sub(" ", text)))
        for text in strings:
            swedish.update(words(PLACEHOLDER.sub(" ", text)))
    return frozenset(english - swedish - commands_and_choices())


@cache
def commands_and_choices() -> frozenset[str]:
    """Every command's name and every choice an option takes (``report``, ``json``): typed, not read."""
    import click

    from focus.cli import cli

    names: set[str] = {"focus"}

    def walk(command: click.Command) -> None:
        names.update(words(command.name or ""))
        for param in command.params:
            if isinstance(param.type, click.Choice):
                names.update(str(choice).lower() for choice in param.type.choices)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                walk(sub)

    walk(cli)
    return frozenset(names)


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(INTERFACE.sub(" ", text)) if len(word) > 1}


def without_markup(text: str) -> str:
    """An HTML page's words: the style sheet and the tags are the interface too."""
    return re.sub(r"<style>.*?</style>", " ", text, flags=re.S)


def english_left(text: str) -> list[str]:
    """The English words of ``text``, in order of appearance, each with the line it stands in."""
    vocabulary = english_vocabulary()
    found = []
    for line in text.splitlines():
        for word in sorted(words(line) & vocabulary):
            found.append(f"{word!r} in {line.strip()!r}")
    return found


def swedish(focus: Focus, *args: str, code: int = 0, stdin: str | None = None) -> str:
    from focus.cli import Services, cli
    from focus.core.clock import Clock

    result = focus.runner.invoke(
        cli, list(args), obj=Services(focus.paths, Clock.fixed(focus.zone, focus.now)), env=SWEDISH, input=stdin
    )
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result.stdout + result.stderr


def test_the_vocabulary_is_the_english_focus_speaks():
    vocabulary = english_vocabulary()
    assert {"interruptions", "planned", "worked", "kept", "visits"} <= vocabulary
    assert not {"plan", "lunch", "fika", "budget", "focus", "report", "json"} & vocabulary
    assert english_left("Avbrott 2 · mejlkoll 1/3") == []
    assert english_left("Interruptions 2") == ["'interruptions' in 'Interruptions 2'"]


def every_command(group=None, path=()):
    import click

    from focus.cli import cli

    group = group or cli
    yield path
    if isinstance(group, click.Group):
        for name, sub in sorted(group.commands.items()):
            yield from every_command(sub, (*path, name))


@pytest.mark.parametrize("command", list(every_command()), ids=lambda path: " ".join(path) or "focus")
def test_every_help_in_swedish(focus, command):
    assert english_left(swedish(focus, *command, "--help")) == []


@pytest.fixture
def a_swedish_day(focus):
    a_day(focus)
    return focus


REPORTS = [
    ("report", DAY),
    ("report", DAY, "--format", "md"),
    ("report", DAY, "--format", "html"),
    ("week", "vecka 48"),
    ("week", "vecka 48", "--format", "md"),
    ("week", "vecka 48", "--format", "html"),
    ("week", "vecka 48", "--format", "csv"),
    ("plan", "ls", "--date", DAY),
    ("sources",),
    ("config", "check"),
    ("db", "check"),
]


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_every_output_in_swedish(a_swedish_day, args):
    text = without_markup(swedish(a_swedish_day, *args))
    if "csv" in args:
        text = text.partition("\n")[2]  # the header row names the columns for scripts, in both languages
    assert english_left(text) == []


def test_the_debrief_in_swedish(a_swedish_day):
    answers = "ja\nAnna Berg\nja\n50 tkr\nskicka offert\nja\n" * 2
    assert english_left(swedish(a_swedish_day, "debrief", DAY, stdin=answers)) == []


ERRORS = [
    ("report", "i förrgår"),
    ("week", "vecka 99"),
    ("log", "mejl", "--at", "kl. 25"),
    ("count", "nånting"),
    ("start", "9"),
    ("plan", "add", "09:00-08:00", "samtal", "Ring"),
    ("plan", "add", "9-10", "nånting"),
    ("bogus",),
    ("report", "--bogus"),
    ("report", "i", "förrgår"),
]


@pytest.mark.parametrize("args", ERRORS, ids=" ".join)
def test_every_error_in_swedish(a_swedish_day, args):
    assert english_left(swedish(a_swedish_day, *args, code=2)) == []
