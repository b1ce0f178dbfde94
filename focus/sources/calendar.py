"""Calendar events as blocks (DESIGN §5, event sources): a vdir folder (one ``.ics`` per event, as
vdirsyncer writes it) or one ``.ics`` file. Today's and the coming days' events are planned as
blocks with the source ``calendar``, re-planned when they change and removed when they go.

A block's id derives from its event (UID, and for a recurring event the occurrence's original
start), so every run and every process plans an event as the same block. Its ``block`` event also
names the calendar it came from (payload ``calendar``: the resolved path), so that syncing one
calendar never removes the blocks of another, such as a file brought in by ``focus plan import``.

What one file can ask for is bounded (``core.calendar_limits``, applied by ``calendar_events``):
refused events are named in a problem line once per change of their file, the others are planned.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import icalendar
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver

from focus.core import calendar_limits as limits
from focus.core import daylog
from focus.core.clock import local_ms
from focus.core.errors import FocusError
from focus.core.events import BLOCK, BLOCK_REMOVE
from focus.core.model import Block
from focus.core.plan import PlannedBlock
from focus.core.timeparse import hhmm
from focus.i18n import _
from focus.reports import names
from focus.reports.local import clock_time
from focus.sources.calendar_events import Expander, blocks
from focus.sources.calendar_events import block_id as block_id  # where the tests and exports know it
from focus.tracking import Tracker

CALENDAR = "calendar"
DEBOUNCE_SECONDS = 0.3
REFRESH_SECONDS = 3600


def is_ics(path: Path) -> bool:
    """An event file of a vdir: ``*.ics``, not hidden (sync tools and editors keep temp files dotted)."""
    return path.suffix.lower() == ".ics" and not path.name.startswith(".")


def ics_files(path: Path) -> list[Path]:
    """The event files of a vdir folder, or ``[path]`` for one ``.ics`` file; FocusError if missing."""
    if path.is_dir():
        return sorted(file for file in path.iterdir() if is_ics(file) and file.is_file())
    if path.is_file():
        return [path]
    raise FocusError(_("{calendar}: no such file or folder").format(calendar=named(path)))


def _not_files(path: Path) -> list[str]:
    """A problem line per ``.ics`` entry of a folder that cannot be read as a file (a dangling link, a folder)."""
    if not path.is_dir():
        return []
    said = _("{calendar}: cannot read it: {error}")
    return [
        said.format(calendar=named(entry), error=_("not a file"))
        for entry in sorted(_entries(path))
        if is_ics(entry) and not entry.is_file()
    ]


def _entries(folder: Path) -> list[Path]:
    """What a folder holds; a FocusError of one line when it cannot be listed."""
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise FocusError(
            _("{calendar}: cannot read it: {error}").format(calendar=named(folder), error=exc.strerror)
        ) from None


def parse(file: Path) -> list[icalendar.Calendar]:
    """The calendars of one ``.ics`` file; a FocusError of one line when it is unusable."""
    try:
        components = icalendar.Calendar.from_ical(file.read_bytes(), multiple=True)
    except OSError as exc:
        raise FocusError(
            _("{calendar}: cannot read it: {error}").format(calendar=named(file), error=exc.strerror)
        ) from None
    except ValueError as exc:
        raise _unusable(file, exc) from None
    if not components or any(component.name != "VCALENDAR" for component in components):
        raise FocusError(_("{calendar}: not an .ics file (no complete VCALENDAR in it)").format(calendar=named(file)))
    return components


def _unusable(file: Path, exc: Exception) -> FocusError:
    why = _first_line(exc) or type(exc).__name__
    return FocusError(_("{calendar}: not a usable .ics file: {error}").format(calendar=named(file), error=why))


def _window(tracker: Tracker) -> tuple[dt.date, dt.date]:
    """[first, last) local days whose events become blocks: today and the coming days."""
    today = tracker.clock.today()
    return today, today + dt.timedelta(days=tracker.config.calendar_days)


class Reading(NamedTuple):
    """One file read: its (block id, block) pairs, its problem lines (an unusable file, refused
    events), and whether any of its timed events could be used."""

    blocks: list[tuple[str, PlannedBlock]]
    problems: list[str]
    usable: bool


# file → (its version and what it was read with, what reading it gave)
Cache = dict[Path, tuple[tuple[Any, ...], Reading]]


def _wanted(
    tracker: Tracker, path: Path, first: dt.date, last: dt.date, cache: Cache | None
) -> tuple[dict[str, PlannedBlock], list[str], bool]:
    """The blocks the calendar at ``path`` asks for in [first, last) by block id, at most
    ``MAX_BLOCKS_PER_DAY`` a day; a problem line per unusable file of a folder and per refused event;
    whether any event could be used. With a ``cache``, a file unchanged since the last call is not
    read again, and its problems are not reported again (nor when only the window or config moved)."""
    config = tracker.config
    reading = (
        first,
        last,
        tracker.clock.zone_name,
        config.calendar_rules,
        config.calendar_default_category,
        tuple(config.categories),
    )
    wanted: dict[str, PlannedBlock] = {}
    problems: list[str] = []
    seen: Cache = {}
    for file in ics_files(path):
        try:
            stat = file.stat()
        except OSError:
            continue  # gone since the folder was listed
        version = (stat.st_mtime_ns, stat.st_size, stat.st_ino, reading)
        known = cache.get(file) if cache is not None else None
        if known is None or known[0] != version:
            try:
                read = _read(file, tracker, first, last)
            except FocusError as exc:
                if not path.is_dir():
                    raise
                read = Reading([], [str(exc)], False)
            said = known[1].problems if known is not None and known[0][:3] == version[:3] else []
            problems += [line for line in read.problems if line not in said]  # the same file: said already
            known = version, read
        seen[file] = known
        for bid, item in known[1].blocks:
            wanted.setdefault(bid, item)  # the same event twice (a copied file): the first wins
    # the day's limit is said again only when a file changed (not when the window or the config moved on)
    changed = cache is None or seen.keys() != cache.keys() or any(seen[f][0][:3] != cache[f][0][:3] for f in seen)
    if cache is not None:
        cache.clear()
        cache.update(seen)
    kept, crowded = limits.cap_per_day(wanted, named(path))
    usable = any(reading.usable for _version, reading in seen.values())
    return kept, problems + (crowded if changed else []), usable


def _read(file: Path, tracker: Tracker, first: dt.date, last: dt.date) -> Reading:
    # A day more on either side, as zones differ; the local start day decides in blocks().
    expander = Expander(named(file), tracker.tz, first - dt.timedelta(days=1), last + dt.timedelta(days=1))
    try:
        pairs = [pair for calendar in parse(file) for pair in blocks(calendar, tracker, first, last, expander)]
    except FocusError:
        raise
    except Exception as exc:  # icalendar and recurring-ical-events raise many kinds on bad input
        raise _unusable(file, exc) from None
    return Reading(pairs, expander.refused, expander.used > 0)


def sync(tracker: Tracker, path: Path, cache: Cache | None = None) -> list[str]:
    """Make the calendar blocks of the window match the calendar at ``path``, in one transaction:
    plan new events, re-plan changed ones, remove the gone ones. Returns a line per change, per
    unusable file and per refused event (``problem: …``). Blocks planned by hand, and calendar
    blocks edited or removed by hand, stay as they are. A ``cache`` kept between calls spares
    reading unchanged files again."""
    changes, problems = _sync(tracker, path, cache)
    return changes + [f"problem: {line}" for line in problems]


def import_file(tracker: Tracker, path: Path) -> list[str]:
    """``focus plan import FILE.ics``: a sync of ``path`` once, saying so when nothing changed (and a
    line per problem); a FocusError, with nothing written, when there were problems and nothing usable."""
    if path.is_dir() and not any(is_ics(entry) for entry in _entries(path)):
        raise FocusError(_("{calendar}: no .ics file in it").format(calendar=named(path)))
    changes, problems = _sync(tracker, path, None, all_or_nothing=True)
    if not changes:
        said = _("calendar: nothing changed (the coming {days} days of {path} are planned already)")
        changes = [said.format(days=tracker.config.calendar_days, path=path)]
    return [f"problem: {line}" for line in problems] + changes


def _sync(
    tracker: Tracker, path: Path, cache: Cache | None, all_or_nothing: bool = False
) -> tuple[list[str], list[str]]:
    tracker.source = CALENDAR
    origin = str(path.resolve())  # each calendar removes only its own blocks: imports stay
    first, last = _window(tracker)
    wanted, problems, usable = _wanted(tracker, path, first, last, cache)
    if all_or_nothing:  # a one-off import says what it could not read (a watched folder: while it is written)
        problems = _not_files(path) + problems
    if all_or_nothing and problems and not usable:
        reasons = [line.removeprefix(f"{named(path)}: ") for line in problems]
        raise FocusError(
            _("{calendar}: no event could be used: {reasons}").format(
                calendar=named(path), reasons=limits.summary_of(reasons)
            )
        )
    # As a day's view does, read a day more on either side (a block re-planned by hand on a neighbour).
    live = sorted(
        daylog.live(tracker.store.events_between_days((first - dt.timedelta(days=1)).isoformat(), last.isoformat())),
        key=lambda event: event.id,
    )
    current = daylog.blocks(live)
    origins = {event.ref: event.payload.get(CALENDAR) for event in live if event.type == BLOCK}
    by_hand = {event.ref for event in live if event.type == BLOCK_REMOVE and event.source != CALENDAR} | {
        bid for bid, block in current.items() if block.source != CALENDAR
    }
    planned = {bid: block for bid, block in current.items() if block.source == CALENDAR and first <= block.date < last}
    now = tracker.clock.now_ms()
    events, lines = [], []
    for bid, item in sorted(wanted.items(), key=lambda pair: (pair[1].date, pair[1].start, pair[0])):
        old = planned.get(bid)
        if bid in by_hand or (old is not None and _shape(old) == _shape(item)):
            continue
        if old is not None and old.date != item.date:
            # Folding a day reads only its neighbours: take the block off its old day explicitly
            # (made first, so that in id order the new version comes after the removal).
            events.append(tracker.make_event(BLOCK_REMOVE, now, {}, day=old.date.isoformat(), ref=bid))
        event = tracker.block_event(item, bid)  # no overlap check: a calendar event is a fact
        events.append(replace(event, payload={**event.payload, CALENDAR: origin}))
        lines.append(_change(old, daylog.block_of(event)))
    for bid, old in sorted(planned.items(), key=lambda pair: (pair[1].start, pair[0])):
        if bid not in wanted and origins.get(bid) == origin:
            events.append(tracker.make_event(BLOCK_REMOVE, now, {}, day=old.date.isoformat(), ref=bid))
            lines.append(_("calendar: removed {block}").format(block=_describe(old)))
    if events:
        tracker.store.append_many(events)
    return lines, problems


def _shape(block: Block | PlannedBlock) -> tuple[Any, ...]:
    if isinstance(block, PlannedBlock):
        return block.date, hhmm(block.start), hhmm(block.end), block.category, block.title, dict(block.targets)
    return block.date, block.start_text, block.end_text, block.category, block.title, block.targets


def _change(old: Block | None, new: Block) -> str:
    if old is None:
        return _("calendar: planned {block}").format(block=_describe(new))
    if (old.date, old.start_text, old.end_text) == (new.date, new.start_text, new.end_text):
        return _("calendar: updated {block} (was {category} {title})").format(
            block=_describe(new), category=names.category(old.category), title=repr(old.title)
        )
    was = f"{old.date} " * (old.date != new.date) + f"{clock_time(old.start_text)}–{clock_time(old.end_text)}"
    return _("calendar: moved {block} (was {was})").format(block=_describe(new), was=was)


def _describe(block: Block) -> str:
    start, end, category = clock_time(block.start_text), clock_time(block.end_text), names.category(block.category)
    return f"{block.date} {start}–{end} {category} {block.title!r}"


def named(path: Path) -> str:
    """``calendar PATH``, as each of its lines begins."""
    return _("calendar {path}").format(path=path)


class CalendarSource(FileSystemEventHandler):
    """Keeps the calendar blocks in step with a vdir folder or an ``.ics`` file, for the watcher
    runner. Changes come in bursts (a sync tool rewrites many files, an editor saves through a
    temporary file), so a sync runs once the files have been quiet for ``DEBOUNCE_SECONDS``. The
    window moves on at midnight: a sync also runs then (and hourly, as timers stop while the
    machine sleeps); files unchanged since the last sync are not read again."""

    def __init__(self, path: Path, make_tracker: Callable[[], Tracker], announce: Callable[[str], object]):
        self.path, self.make_tracker, self.announce = path, make_tracker, announce
        self.single = not path.is_dir()
        self.folder = path.parent if self.single else path
        self.cache: Cache = {}
        self._lock = threading.Lock()  # guards the timers and the stopped flag
        self._syncing = threading.Lock()  # one sync at a time
        self._timers: dict[str, threading.Timer] = {}  # "change" (debounce) and "clock"
        self._stopped = False

    def schedule(self, observer: BaseObserver) -> None:
        """Watch the vdir folder, or the folder of the ``.ics`` file (not recursively)."""
        self._check()
        observer.schedule(self, str(self.folder), recursive=False)

    def start(self) -> None:
        """The first sync, right away in a timer thread; a missing calendar is a FocusError here."""
        self._check()
        self._after("change", 0)

    def stop(self) -> None:
        """No more syncs; waits for one that is running."""
        with self._lock:
            self._stopped = True
            timers = list(self._timers.values())
        for timer in timers:
            timer.cancel()
            if timer is not threading.current_thread():
                timer.join(timeout=10)

    def _check(self) -> None:
        if not self.path.exists():
            raise FocusError(
                _("{calendar}: no such file or folder (sources.calendar.path)").format(calendar=named(self.path))
            )

    # watchdog's thread: note that a calendar file changed
    def on_created(self, event: FileSystemEvent) -> None:
        self._changed(event.src_path, event.is_directory)

    def on_modified(self, event: FileSystemEvent) -> None:
        self._changed(event.src_path, event.is_directory)

    def on_closed(self, event: FileSystemEvent) -> None:
        self._changed(event.src_path, event.is_directory)

    def on_deleted(self, event: FileSystemEvent) -> None:
        self._changed(event.src_path, event.is_directory)

    def on_moved(self, event: FileSystemEvent) -> None:
        self._changed(event.src_path, event.is_directory)
        self._changed(event.dest_path, event.is_directory)

    def _changed(self, raw: str | bytes, is_directory: bool) -> None:
        path = Path(os.fsdecode(raw))
        if not is_directory and (path.name == self.path.name if self.single else is_ics(path)):
            self._after("change", DEBOUNCE_SECONDS)

    def _after(self, name: str, seconds: float) -> None:
        """A sync in ``seconds``, in place of the one the timer ``name`` had planned."""
        with self._lock:
            if self._stopped:
                return
            if name in self._timers:
                self._timers[name].cancel()
            timer = self._timers[name] = threading.Timer(seconds, self._run)
            timer.daemon = True
            timer.start()

    # a timer's thread
    def _run(self) -> None:
        """One sync with a tracker of this thread, each line announced; never raises."""
        with self._syncing:
            wait: float = REFRESH_SECONDS
            try:
                tracker = self.make_tracker()
                try:
                    lines = sync(tracker, self.path, self.cache)
                    tomorrow = local_ms(tracker.clock.today() + dt.timedelta(days=1), dt.time(0), tracker.tz)
                    wait = min(wait, (tomorrow - tracker.clock.now_ms()) / 1000 + 1)
                finally:
                    tracker.store.close()
            except FocusError as exc:
                lines = [f"problem: {exc}"]
            except Exception as exc:  # a bug or a library's surprise must not end the watcher
                lines = [f"problem: {named(self.path)}: {type(exc).__name__}: {_first_line(exc)}"]
        for line in lines:
            self.announce(line)
        self._after("clock", wait)


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:160] if lines else ""
