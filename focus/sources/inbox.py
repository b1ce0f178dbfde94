"""The inbox folder: any program drops JSON files of interruptions, outcomes or blocks (DESIGN §5).

Valid files are recorded exactly once (by ``id``, else by content hash, across restarts) and
removed; invalid ones move to ``rejected/`` with a ``.error.txt`` saying why. Nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver

from focus.core import ids
from focus.core.clock import to_ms
from focus.core.daylog import block_of
from focus.core.errors import FocusError
from focus.core.model import Block, Event
from focus.core.plan import PlannedBlock, parse_targets
from focus.core.text import encodable, json_problem
from focus.core.timeparse import FIRST_DATE, LAST_DATE, parse_date, parse_range
from focus.i18n import N_, _
from focus.reports import names
from focus.sources.backoff import Retry
from focus.store.paths import make_private_dir, open_private
from focus.store.safefile import NotAccepted, read_dropped_file
from focus.tracking import Tracker

MAX_BYTES = 1 << 20
SUFFIXES = (".json", ".jsonl")
TEMPORARY = (".tmp", ".part", ".swp", "~", ".crdownload", ".partial")
SETTLE_SECONDS = 0.3  # a file unchanged this long, that appeared without a close, is complete
BATCH = 500
RETRY_SECONDS = (1.0, 60.0)  # after a failed write or move (a full disk): the first pause, the longest
FIELDS = {
    "interruption": {"type", "kind", "at", "minutes", "end", "note", "id"},
    "outcome": {"type", "kind", "count", "at", "note", "id"},
    "block": {"type", "date", "start", "end", "category", "title", "targets", "id"},
}


class Rejected(Exception):
    """A file that cannot be recorded; the message says why."""


def _signature(path: Path) -> tuple[int, int]:
    try:
        info = os.lstat(path)
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


def ignored(path: Path) -> bool:
    """Dotfiles and temporary names are left alone until they are renamed."""
    return path.name.startswith((".", "#")) or path.name.endswith(TEMPORARY)


def read_records(path: Path) -> list[dict[str, Any]]:
    """The JSON object, or the JSON lines, of a regular file of at most 1 MiB (symlinks refused)."""
    try:
        raw = read_dropped_file(path, MAX_BYTES)[0]
    except NotAccepted as exc:
        raise Rejected(str(exc)) from None
    if not path.name.endswith(SUFFIXES):
        raise Rejected(_("not a .json or .jsonl file"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(_("not UTF-8 text")) from None
    try:
        records = [json.loads(text)]
    except (ValueError, RecursionError) as whole:  # ValueError: a JSON error, or a number too long
        lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
        if len(lines) <= 1:
            raise Rejected(_("broken JSON ({problem})").format(problem=json_problem(whole))) from None
        records = []
        for number, line in lines:
            try:
                records.append(json.loads(line))
            except (ValueError, RecursionError) as exc:
                raise Rejected(
                    _("broken JSON (line {number}: {problem})").format(number=number, problem=json_problem(exc, True))
                ) from None
    if not records:
        raise Rejected(_("empty: no JSON object in it"))
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise Rejected(_("record {number}: not a JSON object").format(number=number))
        if not encodable(record):
            raise Rejected(_("record {number}: not valid text (a lone surrogate)").format(number=number))
    return records


def instant(value: Any, tracker: Tracker, field: str) -> int:
    """An ISO 8601 date-time (with offset; without one it is local time) as an instant."""
    if not isinstance(value, str):
        raise Rejected(_("{field}: not an ISO date-time string").format(field=field))
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Rejected(
            _("{field}: {value} is not an ISO date-time such as 2026-11-27T10:14:00+01:00").format(
                field=field, value=repr(value)
            )
        ) from None
    try:
        ms = to_ms(moment if moment.tzinfo else moment.replace(tzinfo=tracker.tz))
    except (OverflowError, ValueError):
        ms = -1
    if (
        not to_ms(dt.datetime.combine(FIRST_DATE, dt.time(), dt.UTC))
        <= ms
        < to_ms(dt.datetime.combine(LAST_DATE, dt.time(), dt.UTC))
    ):
        raise Rejected(
            _("{field}: {value} lies outside the days focus keeps ({first} to {last})").format(
                field=field, value=repr(value), first=FIRST_DATE, last=LAST_DATE
            )
        )
    return ms


_UNKNOWN_FIELD = {
    "interruption": N_("unknown field {field} for an interruption"),
    "outcome": N_("unknown field {field} for an outcome"),
    "block": N_("unknown field {field} for a block"),
}


def to_event(
    record: dict[str, Any], tracker: Tracker, now: int, blocks: dict[dt.date, list[Block]], origin: str = ""
) -> Event:
    """One inbox record as the event it asks for, checked like the CLI checks its commands.

    Recorded once: by its ``id``; else by its content, which with no ``at`` also names the file it
    came in (``origin``), so two identical drops — two calls made — are two events, while reading the
    same file again after a crash is not."""
    kind = record.get("type")
    if kind not in FIELDS:
        raise Rejected(_("unknown type {kind}: use interruption, outcome or block").format(kind=repr(kind)))
    unknown = sorted(set(record) - FIELDS[kind])
    if unknown:
        raise Rejected(_(_UNKNOWN_FIELD[kind]).format(field=repr(unknown[0])))
    if "id" in record and not (isinstance(record["id"], str) and record["id"]):
        raise Rejected(_("id: must be a non-empty string"))
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":")) + ("" if "at" in record else origin)
    key = (
        "inbox:id:" + record["id"]
        if "id" in record
        else "inbox:sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
    )
    at = instant(record["at"], tracker, "at") if "at" in record else now
    try:
        if kind == "interruption":
            minutes = record.get("minutes")
            if "end" in record:
                minutes = (instant(record["end"], tracker, "end") - at) / 60_000
                if minutes <= 0:
                    raise Rejected(_("end: must come after at"))
            elif minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, (int, float))):
                raise Rejected(_("minutes: must be a number"))
            event = tracker.interruption_event(str(record.get("kind")), at, minutes, str(record.get("note") or ""))
        elif kind == "outcome":
            count = record.get("count", 1)
            if isinstance(count, bool) or not isinstance(count, int):
                raise Rejected(_("count: must be a whole number"))
            event = tracker.outcome_event(str(record.get("kind")), at, count)
        else:
            for name in ("date", "start", "end", "category"):
                if not isinstance(record.get(name), str):
                    raise Rejected(_("{name}: missing or not a string").format(name=name))
            date = parse_date(record["date"], tracker.clock.today())
            start, end = parse_range(f"{record['start']}-{record['end']}")
            targets = record.get("targets") or {}
            if not isinstance(targets, dict):
                raise Rejected(_('targets: must be an object such as {"call": 20}'))
            item = PlannedBlock(
                date,
                start,
                end,
                record["category"],
                str(record.get("title") or ""),
                parse_targets(f"{k}={v}" for k, v in targets.items()),
            )
            taken = blocks.setdefault(date, list(tracker.day(date).blocks))
            event = tracker.block_event(item, ids.block_id(), taken)
            taken.append(block_of(event))
    except FocusError as exc:
        raise Rejected(str(exc)) from None
    return replace(event, payload={**event.payload, "key": key})


class InboxSource(FileSystemEventHandler):
    """Watches ``<data dir>/inbox/``; a worker thread records files in batches.

    A file is complete when it is closed after writing or renamed into the folder. One that just
    appears (moved in from elsewhere) is taken once it has not changed for a moment. After each
    burst of activity the worker lists the folder once, so files whose events were lost (a full
    inotify queue) are recorded too; when idle nothing runs.
    """

    EVENTS = (FileCreatedEvent, FileClosedEvent, FileMovedEvent)  # not our own reads

    def __init__(self, folder: Path, make_tracker: Callable[[], Tracker], announce: Callable[[str], object]):
        self.folder, self.rejected = folder, folder / "rejected"
        self.make_tracker, self.announce = make_tracker, announce
        self.queue: queue.Queue[tuple[float, Path, bool] | None] = queue.Queue()  # (ready at, file, settle first)
        self.failed: dict[Path, tuple[int, int]] = {}  # unreadable files, by (mtime, size): not retried
        self.retry = Retry(announce, RETRY_SECONDS[0], RETRY_SECONDS[1])  # a write or a move that failed
        self.stopping = threading.Event()
        self.worker = threading.Thread(target=self._work, name="focus-inbox", daemon=True)

    def schedule(self, observer: BaseObserver) -> None:
        make_private_dir(self.folder)
        make_private_dir(self.rejected)
        observer.schedule(self, str(self.folder), recursive=False, event_filter=list(self.EVENTS))

    def start(self) -> None:
        """Start the worker and hand it the files already waiting."""
        self.worker.start()
        self.rescan()

    def stop(self) -> None:
        self.stopping.set()  # ends a pause between retries
        if self.worker.is_alive():
            self.queue.put(None)
            self.worker.join(timeout=10)

    # watchdog's thread: only notes which files are complete
    def on_created(self, event: FileSystemEvent) -> None:
        self._offer(Path(str(event.src_path)), settle=True)

    def on_closed(self, event: FileSystemEvent) -> None:
        self._offer(Path(str(event.src_path)), settle=False)

    def on_moved(self, event: FileSystemEvent) -> None:
        self._offer(Path(str(event.dest_path)), settle=False)

    def _offer(self, path: Path, settle: bool) -> None:
        if path.parent == self.folder and not ignored(path) and not path.is_dir():
            self.queue.put((time.monotonic() + (SETTLE_SECONDS if settle else 0.0), path, settle))

    def rescan(self) -> None:
        """Offer every file waiting in the folder (at start, and after each burst of activity);
        files that could not be read are offered again only once they change."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError as exc:
            self.announce("problem: " + _("inbox {folder}: {error}").format(folder=self.folder, error=exc.strerror))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False) or ignored(path):
                continue
            if path in self.failed and self.failed[path] == _signature(path):
                continue
            self.queue.put((0.0, path, True))

    # the worker thread
    def _next_batch(self) -> dict[Path, tuple[float, bool]] | None:
        """Up to BATCH offered files: {file: (ready at, settle first)}; None when told to stop."""
        item = self.queue.get()
        batch: dict[Path, tuple[float, bool]] = {}
        while item is not None:
            ready_at, path, settle = item
            earlier_at, earlier_settle = batch.get(path, (0.0, True))
            # a close or a rename says "complete": then it needs no settling
            batch[path] = (max(ready_at, earlier_at), True) if settle and earlier_settle else (0.0, False)
            if len(batch) >= BATCH:
                return batch
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                return batch
        self.queue.put(None)  # stop after this batch
        return batch or None

    def _work(self) -> None:
        try:
            tracker = self.make_tracker()
        except FocusError as exc:  # an unusable database: said once; the files wait in the folder
            self.announce(
                "problem: " + _("inbox: {exc}; the files stay in {folder}").format(exc=exc, folder=self.folder)
            )
            return
        try:
            while True:
                batch = self._next_batch()
                if batch is None:
                    return
                wait = max(ready_at for ready_at, _ in batch.values()) - time.monotonic()
                if wait > 0:
                    time.sleep(wait)  # a file that appeared whole: let it settle first
                ready = [
                    path
                    for path, (_, settle) in batch.items()
                    if os.path.lexists(path) and (not settle or self._settled(path))
                ]
                if self.record(ready, tracker) is False and self.stopping.wait(self.retry.next_pause()):
                    return  # told to stop while waiting to try again
                if self.queue.empty():
                    self.rescan()  # after each burst (or pause): files whose events were lost, or that wait
        finally:
            tracker.store.close()

    def _settled(self, path: Path) -> bool:
        """A file still changing within the last moment is being written: look again shortly."""
        try:
            age = time.time() - os.lstat(path).st_mtime
        except OSError:
            return False
        if age < SETTLE_SECONDS:
            self.queue.put((time.monotonic() + SETTLE_SECONDS, path, True))
            return False
        return True

    def record(self, paths: list[Path], tracker: Tracker) -> bool | None:
        """Record the valid files in one transaction, then remove them; reject the others. False when
        a write or a move failed (the files stay, to be tried again after a pause), True when all that
        was tried worked, None when there was nothing to try."""
        accepted: list[tuple[Path, list[Event]]] = []
        moved: list[bool] = []
        now = tracker.clock.now_ms()
        blocks: dict[dt.date, list[Block]] = {}
        for path in paths:
            try:
                origin = "\0{}\0{}\0{}".format(path.name, *_signature(path))
                events = [
                    to_event(record, tracker, now, blocks, f"{origin}\0{n}")
                    for n, record in enumerate(read_records(path))
                ]
            except Rejected as exc:
                moved.append(self._reject(path, str(exc)))
                continue
            except OSError as exc:
                self.failed[path] = _signature(path)
                self.announce("problem: " + _("inbox {file}: {error}").format(file=path.name, error=exc.strerror))
                continue
            except Exception as exc:  # never let one odd file stop the inbox: keep it, with the reason
                moved.append(
                    self._reject(
                        path, _("could not be read: {error_type}: {exc}").format(error_type=type(exc).__name__, exc=exc)
                    )
                )
                continue
            accepted.append((path, events))
        if not accepted:
            return self._tried(moved) if moved else None
        try:
            added = {event.id for event in tracker.store.append_once([e for _, events in accepted for e in events])}
        except FocusError as exc:
            self.retry.problem(
                _("inbox: {exc}; the files stay in the inbox, tried again within {most}").format(
                    exc=exc, most=self.retry.most_text
                )
            )
            return False
        for path, events in accepted:
            path.unlink(missing_ok=True)
            for event in events:
                self.announce(
                    _("inbox {file}: {what}").format(file=path.name, what=_recorded(event))
                    + ("" if event.id in added else _(" (already recorded)"))
                )
        return self._tried(moved)

    def _tried(self, moved: list[bool]) -> bool:
        """After a write: True if every move to rejected/ worked too (then a trouble is over)."""
        if all(moved):
            self.retry.succeeded("inbox: writing again; the files that waited are done")
        return all(moved)

    def _reject(self, path: Path, reason: str) -> bool:
        """Move a file to rejected/, its reason beside it; False when that failed (the file stays)."""
        target = self.rejected / path.name
        number = 1
        while os.path.lexists(target):
            number += 1
            target = self.rejected / f"{path.stem}.{number}{path.suffix}"
        try:  # the reason first (written whole, then renamed), then the file beside it
            reason_file = target.parent / (target.name + ".error.txt")
            temporary = target.parent / f".{target.name}.error.tmp"
            with open_private(temporary) as stream:
                stream.write(reason + "\n")
            os.replace(temporary, reason_file)
            os.rename(path, target)
        except (OSError, FocusError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            self.retry.problem(
                _("inbox {file}: cannot move it to rejected/: {why}; it stays in the inbox").format(
                    file=path.name, why=why
                )
            )
            return False
        self.announce("problem: " + _("inbox {file} rejected: {reason}").format(file=path.name, reason=reason))
        return True


_RECORDED = {  # an inbox file's event as its line names it: "email interruption", "call outcome", "calls block"
    "interruption": (N_("{name} interruption"), names.kind),
    "outcome": (N_("{name} outcome"), names.outcome),
    "block": (N_("{name} block"), names.category),
}


def _recorded(event: Event) -> str:
    """What an inbox file recorded, in the language in use (the kind, outcome or category as shown)."""
    text, shown = _RECORDED[event.type]
    return _(text).format(name=shown(str(event.payload.get("kind") or event.payload.get("category"))))
