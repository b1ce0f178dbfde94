"""Swedish names for the built-in interruption kinds, outcomes and categories (issue 12): words a user
may type instead of the canonical names. Events keep the canonical name, so a log typed in Swedish reads the
same in English. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from focus.core.errors import FocusError
from focus.i18n import N_, _, language

# Kept apart from the outcomes on purpose: ``samtal`` is the outcome "call", never the kind "phone".
KIND_ALIASES = {
    "email": ("mejl", "mail", "e-post", "epost"),
    "phone": ("telefon", "tel"),
    "chat": ("chatt",),
    "walk-in": ("spontanbesök", "besök"),  # the first is the name the reports show (reports/names.py)
    "self": ("eget", "själv"),
    "other": ("annat", "övrigt"),
}
OUTCOME_ALIASES = {
    "call": ("samtal",),
    "meeting": ("möte", "möten"),
    "quote": ("offert", "offerter"),
    "deal": ("affär", "affärer"),
}
CATEGORY_ALIASES = {  # the first is the name the reports show (reports/names.py)
    "calls": ("samtal", "ringa"),
    "visits": ("kundbesök", "besök", "möte", "möten"),
    "followup": ("uppföljning",),
    "quotes": ("offerter", "offert"),
    "email": ("mejl", "mail", "e-post", "epost"),
    "internal": ("internt",),
    "travel": ("resor", "resa"),
}
_ASCII = str.maketrans("åäö", "aao")


def fold(word: str) -> str:
    """A Swedish word as looked up: ``å ä ö`` as ``a a o`` (``möte`` = ``mote``), in lower case as the
    canonical names are (``Email`` is no kind, so ``Mejl`` is none either)."""
    return word.translate(_ASCII)


def _resolve(word: str, known: Sequence[str], aliases: dict[str, tuple[str, ...]]) -> str | None:
    if word in known:  # a config's own name, as written, before any alias
        return word
    key = fold(word)
    return next((name for name in known if any(fold(alias) == key for alias in aliases.get(name, ()))), None)


def known_words(known: Sequence[str], aliases: dict[str, tuple[str, ...]], also_swedish: bool = True) -> str:
    """The names a user may type: in English the canonical ones (and their Swedish names after them);
    in Swedish the Swedish names (a user's own as written), which the reports show."""
    if language() == "sv":
        return ", ".join(aliases[name][0] if name in aliases else name for name in known)
    swedish = [aliases[name][0] for name in known if name in aliases] if also_swedish else []
    return ", ".join(known) + (_(" (in Swedish: {words})").format(words=", ".join(swedish)) if swedish else "")


def _named(word: str, known: Sequence[str], aliases: dict[str, tuple[str, ...]], refusal: str) -> str:
    """The name in ``known`` a typed word means; a FocusError saying ``refusal`` (its ``{word}`` the
    word, its ``{names}`` the names a user may type) otherwise."""
    name = _resolve(word, known, aliases)
    if name is None:
        raise FocusError(_(refusal).format(word=repr(word), names=known_words(known, aliases)))
    return name


def interruption_kind(word: str, known: Sequence[str]) -> str:
    """The canonical kind of a typed word (``mejl`` → ``email``); a FocusError listing the kinds."""
    return _named(word, known, KIND_ALIASES, N_("unknown interruption kind {word}; kinds: {names}"))


def outcome(word: str, known: Sequence[str]) -> str:
    """The config's outcome a typed word names (``samtal`` → ``call``, when the config has ``call``);
    a FocusError listing the outcomes. A config's own names match as written first."""
    return _named(word, known, OUTCOME_ALIASES, N_("unknown outcome {word}; outcomes: {names}"))


def category(word: str, known: Sequence[str]) -> str:
    """The config's category a typed word names (``kundbesök`` → ``visits``, when the config has
    ``visits``); a FocusError listing the categories. A config's own names match as written first."""
    return _named(word, known, CATEGORY_ALIASES, N_("unknown category {word}; known: {names}"))
