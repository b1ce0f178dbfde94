"""``focus team DIR``: one table of a team's weeks from a folder of ``focus.week/1`` exports.

No UI here: reading and checking the files, the table as JSON, CSV or a Rich renderable (Rich is
imported inside), and a small watchdog watcher that recomputes the table when the folder changes.
The folder is a shared drive that anyone can write to, so every file is treated as hostile: symbolic
links are never followed, big files are not read, and a bad file becomes one "skipped" line.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from focus.reports import rendering
from focus.core.errors import FocusError
from focus.store.safefile import NotAccepted, read_dropped_file
from focus.reports.week import neutralise

SCHEMA = "focus.team/1"
WEEK_SCHEMA = "focus.week/1"
MAX_BYTES = 5 * 1024 * 1024
WEEK = re.compile(r"[0-9]{4}-W[0-9]{2}", re.ASCII)
OUTCOMES = (("calls", "call"), ("meetings", "meeting"), ("quotes", "quote"), ("deals", "deal"))
COLUMNS = ("seller", "week", "proactive_share", "email_checks_per_work_day", "calls", "meetings", "quotes",
           "deals", "debriefed_visits", "visits", "visit_days", "work_days", "file")
# What changes a folder's content; not "opened"/"closed_no_write", which our own reading causes.
CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})


class Invalid(ValueError):
    """Why a file is not a usable ``focus.week/1`` document (the text is the skipped reason)."""


@dataclass
class Team:
    """The table: one row per seller and week (newest week first, then seller), and the skipped files."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        """The ``focus.team/1`` document."""
        return {"schema": SCHEMA, "rows": self.rows, "skipped": self.skipped}


# -- reading ---------------------------------------------------------------------------------------

def read_folder(folder: Path) -> Team:
    """Every ``*.json`` file directly in ``folder`` as a team table. Raises FocusError when the
    folder itself is missing, not a folder or unreadable; a bad file is skipped with its reason."""
    folder = Path(folder)
    try:
        entries = sorted((e for e in os.scandir(folder) if e.name.endswith(".json")), key=lambda e: e.name)
    except FileNotFoundError:
        raise FocusError(f"{folder}: no such folder") from None
    except NotADirectoryError:
        raise FocusError(f"{folder}: not a folder") from None
    except OSError as exc:
        raise FocusError(f"cannot read the folder {folder}: {exc.strerror}") from None
    kept: dict[tuple[str, str], tuple[int, str, dict[str, Any]]] = {}
    skipped: list[dict[str, str]] = []
    for entry in entries:
        name = display_name(entry.name)
        try:
            doc, mtime = read_file(Path(entry.path))
            row = row_of(doc)
        except FileNotFoundError:
            continue                      # gone since the listing (a rename in progress): nothing to show
        except (Invalid, OSError) as exc:
            reason = str(exc) if isinstance(exc, Invalid) else f"unreadable ({exc.strerror or exc})"
            skipped.append({"file": name, "reason": reason})
            continue
        row["file"] = name
        key = (row["seller"], row["week"])
        if key in kept:
            older, newer = sorted([kept[key], (mtime, name, row)], key=lambda c: (c[0], c[1]))
            kept[key] = newer
            skipped.append({"file": older[1], "reason": f"duplicate of {newer[1]} (same seller and week, older)"})
        else:
            kept[key] = (mtime, name, row)
    rows = sorted((c[2] for c in kept.values()), key=lambda r: (r["seller"].casefold(), r["seller"]))
    rows.sort(key=lambda r: r["week"], reverse=True)
    skipped.sort(key=lambda s: s["file"])
    return Team(rows, skipped)


def read_file(path: Path) -> tuple[Any, int]:
    """A file's JSON and its mtime (ns): never through a symbolic link, never more than MAX_BYTES.
    Raises Invalid with the reason, or OSError."""
    try:
        data, mtime = read_dropped_file(path, MAX_BYTES)
    except NotAccepted as exc:
        raise Invalid(str(exc)) from None
    try:
        return json.loads(data), mtime
    except UnicodeDecodeError:
        raise Invalid("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise Invalid(f"broken JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise Invalid("broken JSON (nested too deep)") from None
    except ValueError as exc:              # e.g. an integer of more than 4300 digits
        raise Invalid(f"broken JSON ({str(exc)[:80]})") from None


def row_of(doc: Any) -> dict[str, Any]:
    """One table row from a ``focus.week/1`` document, checked key by key; raises Invalid."""
    if not isinstance(doc, dict):
        raise Invalid(f"not a {WEEK_SCHEMA} document (a JSON {_json_kind(doc)})")
    if "schema" not in doc:
        raise Invalid(f"not a {WEEK_SCHEMA} document (no schema)")
    if doc["schema"] != WEEK_SCHEMA:
        raise Invalid(f"another schema ({json.dumps(doc['schema'], ensure_ascii=True)[:60]})")
    seller = _take(doc, "seller", _is_text, "text")
    week = _take(doc, "week", lambda v: isinstance(v, str) and WEEK.fullmatch(v), "a week such as 2026-W48")
    row: dict[str, Any] = {
        "seller": seller,
        "week": week,
        "proactive_share": _take(doc, "totals.proactive_share", _is_share, "a share (0-1 or null)"),
        "email_checks_per_work_day": _take(doc, "totals.interruptions.email_checks_per_work_day", _is_rate,
                                           "a number (>= 0 or null)"),
    }
    outcomes = _take(doc, "totals.outcomes", lambda v: isinstance(v, dict), "an object")
    for column, key in OUTCOMES:
        row[column] = _take(doc, f"totals.outcomes.{key}", _is_count, "a count") if key in outcomes else 0
    debrief = doc["totals"].get("debrief")
    debriefed = debrief.get("debriefed") if isinstance(debrief, dict) else None
    row["debriefed_visits"] = debriefed if _is_count(debriefed) else None
    row["visits"] = _take(doc, "totals.visits.total", _is_count, "a count")
    row["visit_days"] = _take(doc, "totals.visits.visit_days", _is_count, "a count")
    row["work_days"] = _take(doc, "totals.work_days", _is_count, "a count")
    return row


def _take(doc: dict[str, Any], path: str, check: Callable[[Any], Any], what: str) -> Any:
    value: Any = doc
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            raise Invalid(f"bad {WEEK_SCHEMA} document: no {path}")
        value = value[key]
    if not check(value):
        raise Invalid(f"bad {WEEK_SCHEMA} document: {path} is not {what}")
    return value


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_rate(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)
                             and math.isfinite(value) and value >= 0)


def _is_share(value: Any) -> bool:
    return _is_rate(value) and (value is None or value <= 1)


def _is_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:            # a lone surrogate ("\ud800") cannot be printed
        return False
    return True


def _json_kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def display_name(name: str) -> str:
    """A file name as text that can always be printed (undecodable bytes become U+FFFD)."""
    return os.fsencode(name).decode("utf-8", "replace")


# -- output ----------------------------------------------------------------------------------------

def to_json(team: Team, indent: int | None = 2) -> str:
    """The ``focus.team/1`` document as JSON text (one line with ``indent=None``)."""
    return json.dumps(team.document(), indent=indent, ensure_ascii=False) + "\n"


def to_csv(team: Team, delimiter: str) -> str:
    """One row per seller and week, a header first; text cells neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in team.rows:
        writer.writerow(neutralise(row[c]) for c in COLUMNS)
    return out.getvalue()


def empty_note(team: Team, folder: Path) -> str | None:
    """What to say when no file gave a row."""
    return None if team.rows else f"no {WEEK_SCHEMA} files in {folder}"


def renderable(team: Team, folder: Path):
    """The team as a Rich renderable: the table, then one "skipped FILE: reason" line per bad file."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from focus.reports.day import percent

    table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False, header_style="dim")
    for column in ("seller", "week", "share", "email/day", "calls", "mtgs", "quotes", "deals", "debriefed",
                   "visits"):
        table.add_column(column, justify="left" if column in ("seller", "week") else "right", no_wrap=True,
                         min_width=8 if column == "week" else None)
    for row in team.rows:
        email = row["email_checks_per_work_day"]
        table.add_row(Text(printable(row["seller"]) or "(no name)"), row["week"], percent(row["proactive_share"]),
                      "–" if email is None else f"{email:.1f}", *(str(row[c]) for c, _ in OUTCOMES),
                      "–" if row["debriefed_visits"] is None else str(row["debriefed_visits"]), str(row["visits"]))
    parts = [Text(f"focus · team · {printable(str(folder))}", style="bold"), Text(""), table]
    note = empty_note(team, folder)
    if note or team.skipped:
        parts.append(Text(""))
    if note:
        parts.append(Text(printable(note), style="dim"))
    parts += [Text(f"skipped {printable(s['file'])}: {printable(s['reason'])}", style="yellow")
              for s in team.skipped]
    return Group(*parts)


def to_text(team: Team, folder: Path, width: int = 130, color: bool = False) -> str:
    """The renderable as plain (or coloured) text, trailing blanks trimmed."""
    return rendering.as_text(renderable(team, folder), width, color)


def printable(text: str) -> str:
    """Text from a file, safe for a terminal: control and format characters (escape sequences, bidi
    overrides, newlines) become "?"."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


# -- watching --------------------------------------------------------------------------------------

class TeamWatch:
    """Watches ``folder`` (not its subfolders) and calls ``on_change(team)`` with the table read
    again after files change; a burst of changes within ``debounce`` seconds gives one call. Calls
    come from a timer thread, one at a time. A folder that vanishes gives a table whose only skipped
    line says so."""

    def __init__(self, folder: Path, on_change: Callable[[Team], None], debounce: float = 0.3,
                 observer_class: type | None = None):
        self.folder, self.on_change, self.debounce = Path(folder), on_change, debounce
        self.observer_class = observer_class
        self.observer = None
        self._lock = threading.Lock()        # guards the timer
        self._busy = threading.Lock()        # one on_change at a time
        self._timer: threading.Timer | None = None
        self._stopped = False

    def start(self) -> None:
        """Start watching (raises FocusError when the folder cannot be watched)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in CHANGES and not event.is_directory:
                    names = (os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or ""))
                    if any(name.endswith(".json") for name in names):
                        watch.poke()

        self.observer = (self.observer_class or Observer)()
        self.observer.schedule(Handler(), str(self.folder), recursive=False)
        try:
            self.observer.start()
        except OSError as exc:
            raise FocusError(f"cannot watch {self.folder}: {exc.strerror or exc}") from None

    def poke(self) -> None:
        """Something changed: (re)start the quiet-period timer."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._stopped:
                return
            self._timer = threading.Timer(self.debounce, self.refresh)
            self._timer.daemon = True
            self._timer.start()

    def refresh(self) -> None:
        """Read the folder again now and call ``on_change`` (also what the timer calls)."""
        with self._busy:
            if self._stopped:
                return
            try:
                team = read_folder(self.folder)
            except FocusError as exc:
                team = Team(skipped=[{"file": display_name(str(self.folder)), "reason": str(exc)}])
            self.on_change(team)

    def stop(self) -> None:
        """Stop watching and wait for the observer thread; no call comes after this returns."""
        with self._lock:
            self._stopped = True
            if self._timer is not None:
                self._timer.cancel()
        if self.observer is not None:
            self.observer.stop()
            if self.observer.is_alive():
                self.observer.join(timeout=5)
        with self._busy:                     # a refresh already running finishes first
            pass
