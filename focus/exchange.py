"""The whole log as JSON lines: export for backups, idempotent import for restoring and merging."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from focus.clock import zone
from focus.errors import FocusError
from focus.model import EVENT_TYPES, Event
from focus.store import Store

_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
# What each event type needs, so that a merged log can always be reported on.
_NEEDS_PAYLOAD = {
    "block": ("block", "date", "start", "end", "category"),
    "session.start": ("category",),
    "interruption": ("kind",),
    "outcome": ("kind", "count"),
}
_NEEDS_REF = ("block.remove", "interruption.end", "undo")


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
        "at": lambda v: isinstance(v, int) and not isinstance(v, bool),
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
    return Event(**data)


def import_lines(store: Store, stream: IO[str]) -> tuple[int, int]:
    """Check every line, then add the events in one transaction. Returns (added, already there)."""
    events = [parse_line(line, n) for n, line in enumerate(stream, start=1) if line.strip()]
    added = store.append_many(events)
    return added, len(events) - added
