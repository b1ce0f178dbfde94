"""The words of DESIGN §2 as plain data: stored events and what a day is derived into.

The classes that a year's read makes thousands of (events, blocks, sessions, interruptions,
outcomes) are slotted and not frozen: building them is the cold year report's hottest loop (a frozen
dataclass sets each field through object.__setattr__, seven times slower). Nothing changes them after
they are made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Event:
    """One immutable row of the log (its payload's shape per type: ``focus.core.events``)."""

    id: str
    at: int  # UTC instant, epoch ms
    tz: str  # IANA zone in force when it was recorded
    day: str  # the local day it belongs to (a block's: its planned date)
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    source: str = "cli"
    device: str = ""
    ref: str | None = None  # the event or block this one acts on


@dataclass(slots=True)
class Block:
    id: str
    date: dt.date
    start: int  # instants
    end: int
    start_text: str  # local "HH:MM" as planned
    end_text: str
    category: str
    title: str
    targets: dict[str, int] = field(default_factory=dict)
    source: str = "cli"


@dataclass(slots=True)
class Session:
    block_id: str | None
    category: str
    start: int
    end: int | None  # None: still running
    start_event: str = ""
    stop_event: str = ""  # the stop that ended it; empty when the next start ended it, or it runs


@dataclass(slots=True)
class Interruption:
    id: str
    kind: str
    start: int
    end: int | None  # an explicit end, or None: the kind's default duration applies
    back: int | None = None  # when "back to work" ended it
    until: int | None = None  # a default-length one lasts at least until here (a mail source's burst grew it)
    note: str = ""
    source: str = "cli"
    last_activity: int | None = None  # the latest mailbox activity a source saw in it (its growths)
    noticed_by: tuple[str, ...] = ()  # an email check: every source that noticed it, first first
    parts: tuple[str, ...] = ()  # an email check of several: the ids of the interruptions merged into it


@dataclass(slots=True)
class Outcome:
    kind: str
    count: int
    at: int
    id: str = ""
    source: str = "cli"


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
    debriefs: dict[str, dict[str, Any]] = field(default_factory=dict)  # visit block id → its newest answers
    debriefs_skipped: frozenset[str] = frozenset()  # visits skipped in the debrief and not answered since
