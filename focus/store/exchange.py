"""The whole log as JSON lines: export for backups (and for saving what a damaged database still
holds), idempotent import for restoring and merging."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import IO, Any

from focus.core import events
from focus.core.clock import zone
from focus.core.config import INTERRUPTION_KINDS, Config
from focus.core.daylog import block_of
from focus.core.errors import FocusError
from focus.core.model import Event
from focus.core.text import encodable, json_problem
from focus.i18n import _
from focus.store.database import Store

_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
_FIELDS = ("id", "at", "tz", "day", "type", "payload", "source", "device", "ref")  # an export line's, in order
_COLUMNS = ", ".join(_FIELDS)


@dataclass
class Export:
    """How an export went: from a damaged database (``damaged``), what it could not give: rows it
    could not read (about, from the gaps in their numbers), and rows that are not whole events."""

    damaged: bool = False
    unreadable: int = 0
    not_events: int = 0

    def __str__(self) -> str:
        return _("{unreadable} rows could not be read and {not_events} were not whole events (left out)").format(
            unreadable=self.unreadable, not_events=self.not_events
        )


def export_lines(store: Store, export: Export) -> Iterator[str]:
    """One JSON object per event, in creation order. From a damaged database (SQLite's integrity
    check says so, or a row turns out unreadable on the way) every event it still gives instead
    (``salvage_lines``), and ``export`` says so."""
    if store.damage():
        yield from salvage_lines(store, export)
        return
    last = ""
    try:
        for event in store.all_events():
            yield json.dumps(asdict(event), ensure_ascii=False, separators=(",", ":"))
            last = event.id
    except FocusError:  # text or JSON that SQLite's check cannot tell is damaged
        yield from salvage_lines(store, export, after=last)


def salvage_lines(store: Store, export: Export, after: str = "", batch: int = 500) -> Iterator[str]:
    """Every event a damaged database still gives (past ``after``, an id already exported), as export
    lines: the table read in its own (insertion) order without its indexes, past the pages that
    cannot be read, text that is not UTF-8 read as well as it goes; each line checked as ``focus
    import events`` checks it, so the file imports into a new database."""
    export.damaged = True
    conn, factory = store.conn, store.conn.text_factory
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        for rows in _readable_rows(conn, export, batch):
            yield from _lines([row for row in rows if not (after and row[1] <= after)], export)
    finally:
        conn.text_factory = factory


def _readable_rows(conn: sqlite3.Connection, export: Export, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    last = 0
    while True:
        try:
            rows = _rows_after(conn, last, batch)
        except sqlite3.DatabaseError:
            rows = _rows_before_damage(conn, last, batch)
            if not rows:  # the next row cannot be read: go on from where the table reads again
                resume = _readable_after(conn, last)
                if resume is None:
                    export.unreadable += 1
                    return
                rows = _row_at(conn, resume)  # read after it, the table works; it may be read itself
                export.unreadable += resume - last - len(rows)
                yield rows
                last = resume
                continue
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _rows_before_damage(conn: sqlite3.Connection, last: int, most: int) -> list[tuple[Any, ...]]:
    """Rows read one at a time after ``last``, up to the first that cannot be read."""
    rows: list[tuple[Any, ...]] = []
    with contextlib.suppress(sqlite3.DatabaseError):
        while len(rows) < most and (row := _rows_after(conn, rows[-1][0] if rows else last, 1)):
            rows += row
    return rows


def _rows_after(conn: sqlite3.Connection, rowid: int, limit: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        f"SELECT rowid, {_COLUMNS} FROM events NOT INDEXED WHERE rowid > ? ORDER BY rowid LIMIT ?", (rowid, limit)
    ).fetchall()


def _row_at(conn: sqlite3.Connection, rowid: int) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(f"SELECT rowid, {_COLUMNS} FROM events NOT INDEXED WHERE rowid = ?", (rowid,)).fetchall()
    except sqlite3.DatabaseError:
        return []


def _readable_after(conn: sqlite3.Connection, bad: int) -> int | None:
    """The smallest rowid past ``bad`` after which the table reads again (None: nothing does)."""
    step = 1
    while True:
        good = bad + step
        try:
            _rows_after(conn, good, 1)
            break
        except sqlite3.DatabaseError:
            bad, step = good, step * 2
            if step > 1 << 62:
                return None
    while good - bad > 1:
        middle = (bad + good) // 2
        try:
            _rows_after(conn, middle, 1)
            good = middle
        except sqlite3.DatabaseError:
            bad = middle
    return good


def _lines(rows: list[tuple[Any, ...]], export: Export) -> Iterator[str]:
    for _rowid, *fields in rows:
        try:
            data = dict(zip(_FIELDS, fields))
            data["payload"] = json.loads(data["payload"])
            line = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            parse_line(line, 0)
        except (FocusError, ValueError, TypeError):
            export.not_events += 1
            continue
        yield line


def parse_line(text: str, number: int, config: Config | None = None) -> Event:
    """One exported line back into an Event; a FocusError naming the line if it is not one, or (with a
    ``config``) if it names a category, an interruption kind or an outcome that the config does not know."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: a JSON error, or a number too long
        raise FocusError(
            _("line {number}: not JSON ({error})").format(number=number, error=json_problem(exc, True))
        ) from None
    if not isinstance(data, dict):
        raise FocusError(_("line {number}: not a JSON object").format(number=number))
    if not encodable(data):
        raise FocusError(_("line {number}: not valid text (a lone surrogate)").format(number=number))
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
        raise FocusError(
            _("line {number}: unknown field {field}").format(number=number, field=repr(sorted(unknown)[0]))
        )
    for name, check in checks.items():
        try:
            ok = name in data and check(data[name])
        except (ValueError, FocusError):
            ok = False
        if not ok:
            raise FocusError(_("line {number}: missing or bad {field}").format(number=number, field=repr(name)))
    event = Event(**data)
    problem = events.problem(event)
    if problem is None:
        problem = _block_problem(event) or (_unknown_word(event, config) if config else None)
    if problem:
        raise FocusError(
            _("line {number}: an event of type {type} {problem}").format(
                number=number, type=repr(event.type), problem=problem
            )
        )
    return event


def _unknown_word(event: Event, config: Config) -> str | None:
    """A category, interruption kind or outcome the config does not know would show in the reports as
    a word nobody defined: such an event waits until the config names it."""
    if event.type in (events.BLOCK, events.SESSION_START):
        name, known, what = event.payload["category"], tuple(config.categories), _("category")
    elif event.type == events.INTERRUPTION:
        name, known, what = event.payload["kind"], INTERRUPTION_KINDS, _("interruption kind")
    elif event.type == events.OUTCOME:
        name, known, what = event.payload["kind"], config.outcomes, _("outcome")
    else:
        return None
    if name in known:
        return None
    return _("with the {what} {name}, which the config does not know ({known}); add it to the config first").format(
        what=what, name=repr(name), known=", ".join(known)
    )


def _block_problem(event: Event) -> str | None:
    """A block's local times must exist in the zone it was planned in."""
    if event.type != events.BLOCK:
        return None
    try:
        block_of(event)
    except (FocusError, ValueError, TypeError):
        return _("with a bad date, start or end")
    return None


def import_lines(store: Store, stream: IO[str], config: Config) -> tuple[int, int]:
    """Check every line against the event shapes and ``config``'s words, then add the events in one
    transaction. Returns (added, already there)."""
    events = [parse_line(line, n, config) for n, line in enumerate(stream, start=1) if line.strip()]
    added = store.append_many(events)
    return added, len(events) - added
