"""The language focus speaks: English (the source text) or Swedish, through gettext catalogues.

The lowest layer: every layer that prints may import it (the core included), so it is the standard
library only and cheap to import. ``use`` picks the language once per process (the CLI and the screen
call it with the config's ``language``); ``_``, ``ngettext`` and ``pgettext`` translate with it, and ``N_`` marks a
constant for translation where it is shown. The catalogues are ``focus/locale/<lang>/LC_MESSAGES/focus.mo``,
compiled from the ``.po`` beside them (CONTRIBUTING.md says how).
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "focus"
LOCALEDIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "sv")  # en is the source text: it needs no catalogue
SOURCE_LANGUAGE = "en"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # in gettext's order: the first one set decides

# the language in use and its catalogue, replaced together: a thread never sees one without the other
_speaking: tuple[str, _gettext.NullTranslations] = (SOURCE_LANGUAGE, _gettext.NullTranslations())


def from_environment(environ: Mapping[str, str]) -> str:
    """The language the environment asks for, as gettext reads it: the first of LANGUAGE, LC_ALL,
    LC_MESSAGES and LANG that is set, its first entry focus speaks (``sv_SE.UTF-8``, ``de:sv``);
    English when it names none (``C``, ``POSIX``, ``de_DE``) or nothing is set. No system locale is needed."""
    for name in ENVIRONMENT:
        value = environ.get(name, "")
        if not value:
            continue
        for entry in value.split(":"):
            code = entry.partition(".")[0].partition("@")[0].partition("_")[0].lower()
            if code in ("c", "posix"):
                return SOURCE_LANGUAGE
            if code in LANGUAGES:
                return code
        return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def choose(configured: str | None, environ: Mapping[str, str]) -> str:
    """The config's ``language`` when set, else the environment's."""
    return configured or from_environment(environ)


def use(language: str) -> None:
    """Speak ``language`` from now on in this process (``en`` or ``sv``)."""
    global _speaking
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == SOURCE_LANGUAGE:
        _speaking = (language, _gettext.NullTranslations())
    else:
        _speaking = (language, _gettext.translation(DOMAIN, LOCALEDIR, languages=[language], fallback=True))


def language() -> str:
    """The language in use: ``en`` or ``sv``."""
    return _speaking[0]


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _speaking[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for ``n``, in the language in use."""
    return _speaking[1].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, as meant in ``context`` (a category's name, a block's state)."""
    return _speaking[1].pgettext(context, message)


def N_(message: str) -> str:
    """Marks a constant for the catalogue without translating it yet: ``_()`` it where it is shown."""
    return message
