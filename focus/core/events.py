"""The event log's vocabulary: every event type and the shape of its payload, in one place.

The writers (``focus.tracking``, the sources, the benchmark generator) build payloads with the
constructors below, the fold (``focus.core.daylog``) reads them, the importer checks a foreign
event with :func:`problem`, and ``focus.reports.describe`` words them. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple, NotRequired, TypedDict

from focus.core.errors import FocusError
from focus.core.model import Event
from focus.core.text import NOTE_MAX, kept
from focus.core.text import problem as text_problem
from focus.core.timeparse import parse_end, parse_time
from focus.i18n import N_, _, pgettext

BLOCK = "block"  # plan or re-plan a block: the whole block
BLOCK_REMOVE = "block.remove"  # ref: the block id
BLOCK_EXTEND = "block.extend"  # ref: the block id; minutes past its planned end
SESSION_START = "session.start"  # the block started and its category
SESSION_STOP = "session.stop"
INTERRUPTION = "interruption"  # kind, explicit end (ms) or null, note
INTERRUPTION_END = "interruption.end"  # ref: the interruption ("back to work")
INTERRUPTION_EXTEND = "interruption.extend"  # ref: the interruption; until (ms): a burst grew it
MAIL_RECEIVED = "mail.received"  # folder: a message arrived in a Maildir's new/
OUTCOME = "outcome"  # kind, count
DEBRIEF = "debrief"  # ref: the visit's block id; answers (a newer one replaces an older)
DEBRIEF_SKIPPED = "debrief.skipped"  # ref: the visit's block id: not to be debriefed (its answers win)
UNDO = "undo"  # ref: the undone event
ENTRY_REMOVE = "entry.remove"  # corrects: the entry's events, removed (a correction of nothing)
EVENT_TYPES = (
    BLOCK,
    BLOCK_REMOVE,
    BLOCK_EXTEND,
    SESSION_START,
    SESSION_STOP,
    INTERRUPTION,
    INTERRUPTION_END,
    INTERRUPTION_EXTEND,
    MAIL_RECEIVED,
    OUTCOME,
    DEBRIEF,
    DEBRIEF_SKIPPED,
    UNDO,
    ENTRY_REMOVE,
)
# A correction (rule 13) is new events, never a change: the interruption, outcome, session start or
# stop that replaces an entry, or an ``entry.remove``, names the events it replaces in ``corrects``; every
# event of one correction carries the same ``correction`` id, so undo takes the correction back whole.
CORRECTS = "corrects"
CORRECTION = "correction"
CORRECTABLE = frozenset({INTERRUPTION, OUTCOME, SESSION_START, SESSION_STOP, ENTRY_REMOVE})
MAX_CORRECTED = 100  # the most events one correction replaces (an email check of many parts)
SOURCES = ("tui", "cli", "maildir", "inbox", "calendar", "import")
MAX_MS = 253402300800000  # 10000-01-01: later instants are not dates
MAX_MINUTES = 24 * 60  # the longest interruption one logs or corrects
MAX_COUNT = 10_000  # the most outcomes one count records


class BlockPayload(TypedDict):
    block: str
    date: str  # ISO date
    start: str  # local "HH:MM" as planned
    end: str
    category: str
    title: str
    targets: dict[str, int]
    calendar: NotRequired[str]  # the calendar file it came from (the calendar source)
    key: NotRequired[str]  # the inbox's "recorded once" key


class SessionStartPayload(TypedDict):
    block: str | None
    category: str


class InterruptionPayload(TypedDict):
    kind: str
    end: int | None  # an explicit end (ms); null: the kind's default duration applies
    note: str
    key: NotRequired[str]


class OutcomePayload(TypedDict):
    kind: str
    count: int
    key: NotRequired[str]


class BlockExtendPayload(TypedDict):
    minutes: int


class InterruptionExtendPayload(TypedDict):
    until: int  # ms: a default-length interruption lasts at least until here


class MailReceivedPayload(TypedDict):
    folder: str


class DebriefPayload(TypedDict):
    block: str
    answers: dict[str, Any]


def block_payload(
    block_id: str, date: dt.date, start: str, end: str, category: str, title: str, targets: dict[str, int]
) -> BlockPayload:
    """A block as planned: local times on one date; a block without a title is called by its category,
    as the language in use names it (``samtal`` in Swedish), which the log then keeps."""
    return {
        "block": block_id,
        "date": date.isoformat(),
        "start": start,
        "end": end,
        "category": category,
        "title": title or pgettext("category", category),
        "targets": targets,
    }


def session_start_payload(block_id: str | None, category: str) -> SessionStartPayload:
    return {"block": block_id, "category": category}


def interruption_payload(kind: str, end: int | None, note: str = "") -> InterruptionPayload:
    return {"kind": kind, "end": end, "note": note}


def outcome_payload(kind: str, count: int) -> OutcomePayload:
    return {"kind": kind, "count": count}


def block_extend_payload(minutes: int) -> BlockExtendPayload:
    return {"minutes": minutes}


def interruption_extend_payload(until: int) -> InterruptionExtendPayload:
    return {"until": until}


def mail_received_payload(folder: str) -> MailReceivedPayload:
    return {"folder": folder}


def debrief_payload(block_id: str, answers: dict[str, Any]) -> DebriefPayload:
    return {"block": block_id, "answers": answers}


# -- checking events that come from outside (an imported log) -------------------------------------


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _text(value: Any) -> bool:
    return isinstance(value, str) and text_problem(value) is None


def _instant(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_MS


def _date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _clock_time(value: Any) -> bool:
    try:
        parse_time(value)
    except (AttributeError, FocusError):
        return False
    return True


def _clock_end(value: Any) -> bool:
    try:
        parse_end(value)
    except (AttributeError, FocusError):
        return False
    return True


def _targets(value: Any) -> bool:
    return value is None or (isinstance(value, dict) and all(_text(k) and _count(v) for k, v in value.items()))


def _answers(value: Any) -> bool:
    """A visit's answers as the debrief keeps them: every question's answer, each one checked."""
    from focus.core.debrief import CURRENCY, FIELDS, check

    if not isinstance(value, dict) or set(value) - {CURRENCY} != set(FIELDS):
        return False
    try:
        check(value)
    except (FocusError, TypeError, ValueError, AttributeError):
        return False
    return True


class Field(NamedTuple):
    """One payload key: whether it must be there, a check of its value, and the words for a bad one."""

    name: str
    check: Callable[[Any], bool]
    bad: str
    required: bool = True


class Schema(NamedTuple):
    fields: tuple[Field, ...] = ()
    needs_ref: bool = False


SCHEMAS: dict[str, Schema] = {
    BLOCK: Schema(
        (
            Field("block", lambda v: _text(v) and bool(v), N_("a bad block id")),
            Field("date", _date, N_("a bad date, start or end")),
            Field("start", _clock_time, N_("a bad date, start or end")),
            Field("end", _clock_end, N_("a bad date, start or end")),
            Field("category", _text, N_("a bad category")),
            Field("title", lambda v: v is None or kept(v), N_("a bad title"), required=False),
            Field("targets", _targets, N_("bad targets"), required=False),
        )
    ),
    BLOCK_REMOVE: Schema(needs_ref=True),
    BLOCK_EXTEND: Schema((Field("minutes", _count, N_("bad minutes")),), needs_ref=True),
    SESSION_START: Schema(
        (
            Field("category", _text, N_("a bad category")),
            Field("block", lambda v: v is None or _text(v), N_("a bad block"), required=False),
        )
    ),
    SESSION_STOP: Schema(),
    INTERRUPTION: Schema(
        (
            Field("kind", _text, N_("a bad kind")),
            Field("end", lambda v: v is None or _instant(v), N_("a bad end"), required=False),
            Field("note", lambda v: v is None or kept(v, NOTE_MAX), N_("a bad note"), required=False),
        )
    ),
    INTERRUPTION_END: Schema(needs_ref=True),
    INTERRUPTION_EXTEND: Schema((Field("until", _instant, N_("a bad until")),), needs_ref=True),
    MAIL_RECEIVED: Schema((Field("folder", _text, N_("a bad folder"), required=False),)),
    OUTCOME: Schema((Field("kind", _text, N_("a bad kind")), Field("count", _count, N_("a bad count")))),
    DEBRIEF: Schema((Field("answers", _answers, N_("bad answers")),), needs_ref=True),
    DEBRIEF_SKIPPED: Schema(needs_ref=True),
    UNDO: Schema(needs_ref=True),
    ENTRY_REMOVE: Schema((Field(CORRECTS, lambda v: _ids(v) and bool(v), N_("bad corrects")),)),
}


def _ids(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= MAX_CORRECTED
        and all(isinstance(v, str) and 0 < len(v) <= 64 and text_problem(v) is None for v in value)
    )


def _correction_marks(event: Event) -> bool:
    """A correction's marks are on an event a correction may write, and well formed."""
    correction = event.payload.get(CORRECTION)
    return (
        event.type in CORRECTABLE
        and _ids(event.payload.get(CORRECTS, []))
        and isinstance(correction, str)
        and 0 < len(correction) <= 64
    )


def problem(event: Event) -> str | None:
    """What makes an event unusable for the reports, in words (``needs ref``, ``with a bad end``); None
    when its payload has the shape its type needs. Keys the type does not know are kept as they are."""
    schema = SCHEMAS[event.type]
    missing = [f.name for f in schema.fields if f.required and f.name not in event.payload]
    if missing or (schema.needs_ref and not event.ref):
        return _("needs {fields}").format(fields=", ".join(missing) or "ref")
    for f in schema.fields:
        if f.name in event.payload and not f.check(event.payload[f.name]):
            return _("with {what}").format(what=_(f.bad))
    if (CORRECTS in event.payload or CORRECTION in event.payload) and not _correction_marks(event):
        return _("with {what}").format(what=_("bad corrects"))
    if event.type == INTERRUPTION and event.payload.get("end") is not None and event.payload["end"] < event.at:
        return _("with {what}").format(what=_("a bad end"))
    return None
