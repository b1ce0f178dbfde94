"""Every key of the workday screen, in one table: bindings, the help screen and the palette read it.

The words are marked for the catalogue (``N_``) and translated where they are shown (``Key.said``,
``bindings``): the table is built when the module is imported, before the language is chosen."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from textual.binding import Binding, BindingsMap, BindingType

from focus.i18n import N_, _


class Key(NamedTuple):
    key: str  # Textual key name(s), comma-separated
    shown: str  # how the key is written for people
    action: str  # the workday screen's action it runs ("app." for the app's)
    label: str  # short label for the footer
    description: str  # what it does, for help and the command palette
    footer: bool = True
    footer_key: str = ""  # how the footer writes the key, when it stands for more (1 for 1–4)

    def said(self) -> tuple[str, str, str]:
        """The key as written, its label and its description, in the language in use (a key's name
        only when it is a word: ``space``, not ``d``)."""
        shown = _(self.shown) if self.shown in KEY_WORDS else self.shown
        return shown, _(self.label), _(self.description)


KEY_WORDS = frozenset({N_("space")})  # the keys written as words, translated; letters and signs are not


KEYS: tuple[Key, ...] = (
    Key("space", N_("space"), "start_stop", N_("start/stop"), N_("Start or stop the current block")),
    Key("n", "n", "next", N_("next"), N_("Start the next block now"), False),
    Key("e", "e", "interrupt('email')", N_("email"), N_("Email check: an interruption starts now")),
    Key("p", "p", "interrupt('phone')", N_("phone"), N_("Phone call in: an interruption starts now")),
    Key("t", "t", "interrupt('chat')", N_("chat"), N_("Chat message: an interruption starts now"), False),
    Key("w", "w", "interrupt('walk-in')", N_("walk-in"), N_("Walk-in: an interruption starts now"), False),
    Key("i", "i", "interrupt('self')", N_("self"), N_("Self-interruption: an urge of your own"), False),
    Key("o", "o", "interrupt('other')", N_("other"), N_("Other interruption"), False),
    # enter is not in the footer: the Now panel says "enter: back" while an interruption runs
    Key("enter", "enter", "back", N_("back"), N_("Back to work: end the running interruption"), False),
    Key("plus", "+", "extend", "+15", N_("Extend the running block by 15 minutes"), False),
    Key("1", "1", "outcome(0)", N_("count"), N_("Count a call (dial)"), True, "1–4"),
    Key("2", "2", "outcome(1)", N_("meeting"), N_("Count a meeting booked"), False),
    Key("3", "3", "outcome(2)", N_("quote"), N_("Count a quote sent"), False),
    Key("4", "4", "outcome(3)", N_("deal"), N_("Count a deal won"), False),
    Key("u", "u", "undo", N_("undo"), N_("Undo today's newest entry")),
    Key("a", "a", "add", N_("add"), N_("Add a block to today's plan")),
    Key("E", "E", "edit", N_("edit"), N_("Edit the selected block"), False),
    Key("x", "x", "remove", N_("remove"), N_("Remove the selected block from the plan"), False),
    Key("up,k", "↑ k", "select(-1)", N_("select"), N_("Select the block above"), False),
    Key("down,j", "↓ j", "select(1)", N_("select"), N_("Select the block below"), False),
    Key("l", "l", "entries", N_("entries"), N_("The day's entries: correct or remove one"), False),
    Key("left_square_bracket", "[", "step_day(-1)", N_("day"), N_("The day before (read-only)"), False),
    Key("right_square_bracket", "]", "step_day(1)", N_("next day"), N_("The day after"), False),
    Key("g", "g", "go_to_day", N_("go to day"), N_("Go to a day: yesterday, mon, 2026-11-30 (as --date takes)"), False),
    Key("full_stop", ".", "show_today", N_("today"), N_("Back to today"), False),
    Key("r", "r", "report", N_("report"), N_("The report of the day shown"), False),
    Key("W", "W", "week", N_("week"), N_("The week of the day shown (as focus week)"), False),
    Key("d", "d", "debrief", N_("debrief"), N_("Debrief today's customer visits (the 17:03 questions)"), False),
    Key("question_mark", "?", "help", N_("help"), N_("List the keys")),
    Key("q", "q", "app.quit", N_("quit"), N_("Quit (everything is already saved); ctrl+q also quits"), False),
)


def workday_bindings() -> list[BindingType]:
    """The workday screen's bindings, their footer labels in the language in use."""
    bindings: list[BindingType] = []
    for key in KEYS:
        shown, label, _description = key.said()
        bindings.append(Binding(key.key, key.action, label, show=key.footer, key_display=key.footer_key or shown))
    return bindings


def workday_bindings_over(inherited: BindingsMap) -> BindingsMap:
    """The workday screen's bindings in the language in use, over those every screen inherits from
    Textual (tab, shift+tab, ctrl+c to copy), translated too."""
    own = {key.action for key in KEYS}
    kept = [binding for _key, binding in translated(inherited) if binding.action not in own]
    return BindingsMap([*kept, *workday_bindings()])


def translated(bindings: BindingsMap) -> BindingsMap:
    """A screen's bindings (fixed when its class was made) with their descriptions and tooltips in the
    language in use: what the footer and the key panel show."""
    return BindingsMap(
        replace(binding, description=said(binding.description), tooltip=said(binding.tooltip))
        for _key, binding in bindings
    )


def said(text: str) -> str:
    """A text in the language in use; an empty one stays empty (gettext would give the catalogue's header)."""
    return _(text) if text else text
