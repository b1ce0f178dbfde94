"""The words of DESIGN §2 as plain data: stored events and what a day is derived into."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Event types of the log. Every other fact is derived from these.
BLOCK = "block"                    # plan or re-plan a block (payload: the whole block)
BLOCK_REMOVE = "block.remove"      # ref: the block id
BLOCK_EXTEND = "block.extend"      # ref: the block id; payload: minutes past its planned end
SESSION_START = "session.start"    # payload: block, category
SESSION_STOP = "session.stop"
INTERRUPTION = "interruption"      # payload: kind, end (ms or null), note
INTERRUPTION_END = "interruption.end"  # ref: the interruption's event id ("back to work")
INTERRUPTION_EXTEND = "interruption.extend"  # ref: the interruption; payload: until (ms) — a burst grew it
MAIL_RECEIVED = "mail.received"    # payload: folder — a message arrived in a Maildir's new/
OUTCOME = "outcome"                # payload: kind, count
DEBRIEF = "debrief"                # ref: the visit's block id; payload: answers (a newer one replaces it)
UNDO = "undo"                      # ref: the undone event's id
EVENT_TYPES = (BLOCK, BLOCK_REMOVE, BLOCK_EXTEND, SESSION_START, SESSION_STOP, INTERRUPTION, INTERRUPTION_END,
               INTERRUPTION_EXTEND, MAIL_RECEIVED, OUTCOME, DEBRIEF, UNDO)
SOURCES = ("tui", "cli", "maildir", "inbox", "calendar", "import")


@dataclass(frozen=True)
class Event:
    """One immutable row of the log."""

    id: str
    at: int                # UTC instant, epoch ms
    tz: str                # IANA zone in force when it was recorded
    day: str               # the local day it belongs to (a block's: its planned date)
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    source: str = "cli"
    device: str = ""
    ref: str | None = None  # the event or block this one acts on


@dataclass(frozen=True)
class Block:
    id: str
    date: dt.date
    start: int             # instants
    end: int
    start_text: str        # local "HH:MM" as planned
    end_text: str
    category: str
    title: str
    targets: dict[str, int] = field(default_factory=dict)
    source: str = "cli"


@dataclass(frozen=True)
class Session:
    block_id: str | None
    category: str
    start: int
    end: int | None        # None: still running
    start_event: str = ""


@dataclass(frozen=True)
class Interruption:
    id: str
    kind: str
    start: int
    end: int | None        # an explicit end, or None: the kind's default duration applies
    back: int | None = None  # when "back to work" ended it
    until: int | None = None  # a default-length one lasts at least until here (a Maildir burst grew it)
    note: str = ""
    source: str = "cli"


@dataclass(frozen=True)
class Outcome:
    kind: str
    count: int
    at: int


@dataclass(frozen=True)
class DayLog:
    """Everything recorded that bears on one local day, with undone events already removed."""

    date: dt.date
    blocks: tuple[Block, ...]
    sessions: tuple[Session, ...]
    interruptions: tuple[Interruption, ...]
    outcomes: tuple[Outcome, ...]
    extensions: dict[str, int] = field(default_factory=dict)  # block id → ms added past its planned end
    mail_received: int = 0
    debriefs: dict[str, dict] = field(default_factory=dict)   # visit block id → its newest answers
