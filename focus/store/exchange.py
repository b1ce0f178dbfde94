"""The whole log as JSON lines: export for backups, idempotent import for restoring and merging."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import asdict
from typing import IO, Any

from focus.core import events
from focus.core.clock import zone
from focus.core.config import INTERRUPTION_KINDS, Config
from focus.core.daylog import block_of
from focus.core.errors import FocusError
from focus.core.model import Event
from focus.core.text import encodable
from focus.store.database import Store

_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def export_lines(store: Store) -> Iterator[str]:
    """One JSON object per event, in creation order."""
    for event in store.all_events():
        yield json.dumps(asdict(event), ensure_ascii=False, separators=(",", ":"))


def parse_line(text: str, number: int, config: Config) -> Event:
    """One exported line back into an Event; a FocusError naming the line if it is not one, or if it
    names a category, an interruption kind or an outcome that ``config`` does not know."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FocusError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise FocusError(f"line {number}: not a JSON object")
    if not encodable(data):
        raise FocusError(f"line {number}: not valid text (a lone surrogate)")
    checks: dict[str, Any] = {
        "id": lambda v: isinstance(v, str) and _ID.match(v),
        "at": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v < events.MAX_MS,
        "tz": lambda v: isinstance(v, str) and bool(zone(v)),
        "day": lambda v: isinstance(v, str) and bool(dt.date.fromisoformat(v)),
        "type": lambda v: v in events.EVENT_TYPES,
        "payload": lambda v: isinstance(v, dict),
        "source": lambda v: isinstance(v, str) and v,
        "device": lambda v: isinstance(v, str),
        "ref": lambda v: v is None or isinstance(v, str),
    }
    unknown = set(data) - set(checks)
    if unknown:
        raise FocusError(f"line {number}: unknown field {sorted(unknown)[0]!r}")
    for name, check in checks.items():
        try:
            ok = name in data and check(data[name])
        except (ValueError, FocusError):
            ok = False
        if not ok:
            raise FocusError(f"line {number}: missing or bad {name!r}")
    event = Event(**data)
    problem = events.problem(event)
    if problem is None:
        problem = _block_problem(event) or _unknown_word(event, config)
    if problem:
        raise FocusError(f"line {number}: a {event.type!r} event {problem}")
    return event


def _unknown_word(event: Event, config: Config) -> str | None:
    """A category, interruption kind or outcome the config does not know would show in the reports as
    a word nobody defined: such an event waits until the config names it."""
    if event.type in (events.BLOCK, events.SESSION_START):
        name, known, what = event.payload["category"], tuple(config.categories), "category"
    elif event.type == events.INTERRUPTION:
        name, known, what = event.payload["kind"], INTERRUPTION_KINDS, "interruption kind"
    elif event.type == events.OUTCOME:
        name, known, what = event.payload["kind"], config.outcomes, "outcome"
    else:
        return None
    if name in known:
        return None
    return f"with the {what} {name!r}, which the config does not know ({', '.join(known)}); add it to the config first"


def _block_problem(event: Event) -> str | None:
    """A block's local times must exist in the zone it was planned in."""
    if event.type != events.BLOCK:
        return None
    try:
        block_of(event)
    except (FocusError, ValueError, TypeError):
        return "with a bad date, start or end"
    return None


def import_lines(store: Store, stream: IO[str], config: Config) -> tuple[int, int]:
    """Check every line against the event shapes and ``config``'s words, then add the events in one
    transaction. Returns (added, already there)."""
    events = [parse_line(line, n, config) for n, line in enumerate(stream, start=1) if line.strip()]
    added = store.append_many(events)
    return added, len(events) - added
