"""Every key of the workday screen, in one table: bindings, the help screen and the palette read it."""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):
    key: str  # Textual key name(s), comma-separated
    shown: str  # how the key is written for people
    action: str  # the workday screen's action it runs ("app." for the app's)
    label: str  # short label for the footer
    description: str  # what it does, for help and the command palette
    footer: bool = True


KEYS: tuple[Key, ...] = (
    Key("space", "space", "start_stop", "start/stop", "Start or stop the current block"),
    Key("n", "n", "next", "next", "Start the next block now", False),
    Key("e", "e", "interrupt('email')", "email", "Email check: an interruption starts now"),
    Key("p", "p", "interrupt('phone')", "phone", "Phone call in: an interruption starts now"),
    Key("t", "t", "interrupt('chat')", "chat", "Chat message: an interruption starts now", False),
    Key("w", "w", "interrupt('walk-in')", "walk-in", "Walk-in: an interruption starts now", False),
    Key("i", "i", "interrupt('self')", "self", "Self-interruption: an urge of your own", False),
    Key("o", "o", "interrupt('other')", "other", "Other interruption", False),
    Key("enter", "enter", "back", "back", "Back to work: end the running interruption"),
    Key("plus", "+", "extend", "+15", "Extend the running block by 15 minutes", False),
    Key("1", "1", "outcome(0)", "call", "Count a call (dial)", False),
    Key("2", "2", "outcome(1)", "meeting", "Count a meeting booked", False),
    Key("3", "3", "outcome(2)", "quote", "Count a quote sent", False),
    Key("4", "4", "outcome(3)", "deal", "Count a deal won", False),
    Key("u", "u", "undo", "undo", "Undo the newest entry"),
    Key("a", "a", "add", "add", "Add a block to today's plan", False),
    Key("E", "E", "edit", "edit", "Edit the selected block", False),
    Key("x", "x", "remove", "remove", "Remove the selected block from the plan", False),
    Key("up,k", "↑ k", "select(-1)", "select", "Select the block above", False),
    Key("down,j", "↓ j", "select(1)", "select", "Select the block below", False),
    Key("r", "r", "report", "report", "The day report"),
    Key("W", "W", "week", "week", "This week's stats (as focus week)", False),
    Key("d", "d", "debrief", "debrief", "Debrief today's customer visits (the 17:03 questions)", False),
    Key("question_mark", "?", "help", "help", "List the keys"),
    Key("q", "q", "app.quit", "quit", "Quit (everything is already saved); ctrl+q also quits", False),
)
