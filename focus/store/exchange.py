"""The whole log as JSON lines: export for backups, idempotent import for restoring and merging."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from focus.core.clock import zone
from focus.core.daylog import block_of
from focus.core.errors import FocusError
from focus.core.model import EVENT_TYPES, Event
from focus.store.database import Store

MAX_MS = 253402300800000  # 10000-01-01: later instants are not dates
_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
# What each event type needs, so that a merged log can always be reported on.
_NEEDS_PAYLOAD = {
    "block": ("block", "date", "start", "end", "category"),
    "session.start": ("category",),
    "interruption": ("kind",),
    "outcome": ("kind", "count"),
    "block.extend": ("minutes",),
    "interruption.extend": ("until",),
    "debrief": ("answers",),
}
_NEEDS_REF = ("debrief", "block.remove", "block.extend", "interruption.end", "interruption.extend", "undo")


def export_lines(store: Store) -> Iterator[str]:
    """One JSON object per event, in creation order."""
    for event in store.all_events():
        yield json.dumps(event.__dict__, ensure_ascii=False, separators=(",", ":"))


def parse_line(text: str, number: int) -> Event:
    """One exported line back into an Event; a FocusError naming the line if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FocusError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise FocusError(f"line {number}: not a JSON object")
    checks: dict[str, Any] = {
        "id": lambda v: isinstance(v, str) and _ID.match(v),
        "at": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v < MAX_MS,
        "tz": lambda v: isinstance(v, str) and bool(zone(v)),
        "day": lambda v: isinstance(v, str) and bool(dt.date.fromisoformat(v)),
        "type": lambda v: v in EVENT_TYPES,
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
    missing = [key for key in _NEEDS_PAYLOAD.get(data["type"], ()) if key not in data["payload"]]
    if missing or (data["type"] in _NEEDS_REF and not data["ref"]):
        raise FocusError(f"line {number}: a {data['type']!r} event needs {', '.join(missing) or 'ref'}")
    event = Event(**data)
    problem = _payload_problem(event)
    if problem:
        raise FocusError(f"line {number}: a {event.type!r} event with {problem}")
    return event


def _payload_problem(event: Event) -> str | None:
    """What is wrong with an event's payload values, if anything."""
    p = event.payload
    count = lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0  # noqa: E731
    if event.type == "block":
        try:
            block_of(event)
        except (FocusError, ValueError, TypeError):
            return "a bad date, start or end"
        if not isinstance(p.get("targets") or {}, dict) or not all(count(v) for v in (p.get("targets") or {}).values()):
            return "bad targets"
    if event.type in ("interruption", "outcome") and not isinstance(p["kind"], str):
        return "a bad kind"
    if event.type == "outcome" and not count(p["count"]):
        return f"a bad count {p['count']!r}"
    if event.type == "interruption" and not (p.get("end") is None or (isinstance(p["end"], int) and p["end"] >= event.at)):
        return "a bad end"
    if event.type == "interruption.extend" and not (isinstance(p["until"], int) and 0 <= p["until"] < MAX_MS):
        return "a bad until"
    if event.type == "block.extend" and not count(p["minutes"]):
        return "bad minutes"
    if event.type == "session.start" and not isinstance(p["category"], str):
        return "a bad category"
    return None


def import_lines(store: Store, stream: IO[str]) -> tuple[int, int]:
    """Check every line, then add the events in one transaction. Returns (added, already there)."""
    events = [parse_line(line, n) for n, line in enumerate(stream, start=1) if line.strip()]
    added = store.append_many(events)
    return added, len(events) - added
