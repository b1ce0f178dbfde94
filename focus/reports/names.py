"""The built-in names of categories, interruption kinds, outcomes, block states and time classes, as the
language in use says them (``calls`` → ``samtal``). The events and the JSON keep the canonical names; a
user's own names are shown as written."""

from __future__ import annotations

from focus.i18n import ngettext, pgettext


def category(name: str) -> str:
    """A category's name to show: a built-in one in the language in use, a user's own as written."""
    names = {
        "calls": pgettext("category", "calls"),
        "visits": pgettext("category", "visits"),
        "followup": pgettext("category", "followup"),
        "quotes": pgettext("category", "quotes"),
        "email": pgettext("category", "email"),
        "admin": pgettext("category", "admin"),
        "lunch": pgettext("category", "lunch"),
        "fika": pgettext("category", "fika"),
        "travel": pgettext("category", "travel"),
        "internal": pgettext("category", "internal"),
    }
    return names.get(name, name)


def kind(name: str) -> str:
    """An interruption kind's name to show (``email`` → ``mejl``)."""
    names = {
        "email": pgettext("interruption", "email"),
        "phone": pgettext("interruption", "phone"),
        "chat": pgettext("interruption", "chat"),
        "walk-in": pgettext("interruption", "walk-in"),
        "self": pgettext("interruption", "self"),
        "other": pgettext("interruption", "other"),
    }
    return names.get(name, name)


def outcome(name: str) -> str:
    """An outcome's name to show: a built-in one translated (``deal`` → ``affär``), a configured one as written."""
    names = {
        "call": pgettext("outcome", "call"),
        "meeting": pgettext("outcome", "meeting"),
        "quote": pgettext("outcome", "quote"),
        "deal": pgettext("outcome", "deal"),
    }
    return names.get(name, name)


def state(name: str) -> str:
    """A block's state in words (``not_kept`` → ``not kept``, in Swedish ``inte hållet``)."""
    names = {
        "kept": pgettext("block state", "kept"),
        "not_kept": pgettext("block state", "not kept"),
        "not_tracked": pgettext("block state", "not tracked"),
        "running": pgettext("block state", "running"),
        "upcoming": pgettext("block state", "upcoming"),
    }
    return names[name]


def state_count(name: str, n: int) -> str:
    """How many blocks are in a state other than kept (the plan line says those): ``3 not tracked``,
    in Swedish ``3 oregistrerade`` (whose words follow the number)."""
    words = {
        "not_kept": lambda: ngettext("{n} not kept", "{n} not kept", n),
        "not_tracked": lambda: ngettext("{n} not tracked", "{n} not tracked", n),
        "running": lambda: ngettext("{n} running", "{n} running", n),
        "upcoming": lambda: ngettext("{n} upcoming", "{n} upcoming", n),
    }
    return words[name]().format(n=n)


def time_class(name: str) -> str:
    """``proactive``, ``reactive``, ``neutral`` and ``untracked`` in words."""
    names = {
        "proactive": pgettext("class", "proactive"),
        "reactive": pgettext("class", "reactive"),
        "neutral": pgettext("class", "neutral"),
        "untracked": pgettext("class", "untracked"),
    }
    return names[name]
