"""The command line in the chosen language, click's own words included.

click marks its strings ("Usage:", "Show this message and exit.", "Error: …") with the global gettext
functions, which pick a catalogue from the environment alone. Its modules' ``_`` and ``ngettext`` are
pointed at ``focus.i18n`` instead, once: they then follow the same catalogue and the same choice,
the config's ``language`` included, and change nothing in the environment a child process inherits.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from focus import i18n

# click translates these through its ``_`` at run time from a variable, where no extractor sees them
CLICK_RUNTIME_WORDS = (i18n.N_("required"),)


def _follow_focus_catalogue() -> None:
    import gettext

    for name, module in list(sys.modules.items()):
        if not name.startswith("click.") or module is None:
            continue  # the ones not imported yet (completion, the editor) say nothing a report shows
        if getattr(module, "_", None) is gettext.gettext:
            module._ = i18n._  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def speak(configured: str | None) -> None:
    """Use the config's language, else the environment's, for the rest of this command."""
    i18n.use(i18n.choose(configured, os.environ))
    _follow_focus_catalogue()


class TranslatedOption(click.Option):
    """An option whose help is translated when shown: its text is fixed when the module is imported,
    before the language is chosen (``--version``'s "Show the version and exit.")."""

    def get_help_record(self, ctx: click.Context) -> Any:
        english = self.help
        self.help = i18n._(english) if english else english
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = english
