"""What a seller does — plan, start, stop, log, count, undo — checked and written as events.

The one write path for the CLI and the TUI alike. Every check happens before anything is
written, so a refused command changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from focus.core import daylog, ids, timebox
from focus.core.clock import Clock, from_ms, local_day
from focus.core.config import INTERRUPTION_KINDS, Config
from focus.core.errors import FocusError
from focus.core.model import (
    BLOCK,
    BLOCK_EXTEND,
    BLOCK_REMOVE,
    DEBRIEF,
    INTERRUPTION,
    INTERRUPTION_END,
    OUTCOME,
    SESSION_START,
    SESSION_STOP,
    UNDO,
    Block,
    DayLog,
    Event,
    Interruption,
    Session,
)
from focus.store.database import Store
from focus.core.timeparse import hhmm

if TYPE_CHECKING:
    from focus.core.accounting import DaySummary

MAX_MINUTES = 24 * 60
MAX_COUNT = 10_000


@dataclass(frozen=True)
class PlannedBlock:
    """A block to plan: local times on one date."""

    date: dt.date
    start: dt.time
    end: dt.time
    category: str
    title: str = ""
    targets: tuple[tuple[str, int], ...] = ()


def parse_targets(words) -> tuple[tuple[str, int], ...]:
    """``["call=20", "meeting=2"]`` → (("call", 20), ("meeting", 2)); names are checked on planning."""
    targets = []
    for word in words:
        name, eq, number = word.partition("=")
        number = number.strip()
        if not eq or not (number.isdecimal() and number.isascii()):
            raise FocusError(f"bad target {word!r}: use OUTCOME=N, e.g. call=20")
        targets.append((name.strip(), int(number)))
    return tuple(targets)


class Tracker:
    """Reads and writes one database for one config, clock and event source."""

    def __init__(self, store: Store, config: Config, clock: Clock, source: str = "cli", device: str | None = None):
        self.store, self.config, self.clock, self.source = store, config, clock, source
        self.device = device or os.uname().nodename
        self.tz = clock.tz

    # -- reading ---------------------------------------------------------------------------------

    def day(self, date: dt.date) -> DayLog:
        """What happened on ``date``, read as one index range over the day and its neighbours."""
        events = self.store.events_between_days(
            (date - dt.timedelta(days=1)).isoformat(), (date + dt.timedelta(days=1)).isoformat()
        )
        return daylog.fold_day(events, date, self.tz)

    def summary(self, date: dt.date) -> DaySummary:
        """The day's report figures, running items counted up to now."""
        from focus.core import accounting  # not needed by the write path: keep `focus log` light

        return accounting.summarize(self.day(date), self.config, self.tz, self.clock.now_ms())

    def find_block(self, date: dt.date, ref: str) -> Block:
        """A block of ``date`` by its id, a unique start of its id, or its number in ``plan ls``."""
        if not ref.strip():
            raise FocusError("no block given: use its number or id from focus plan ls")
        blocks = self.day(date).blocks
        if ref.isdecimal() and ref.isascii():
            number = int(ref)
            if 1 <= number <= len(blocks):
                return blocks[number - 1]
            raise FocusError(f"no block number {ref} on {date} ({len(blocks)} planned; see focus plan ls)")
        matches = [block for block in blocks if block.id == ref] or [b for b in blocks if b.id.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise FocusError(f"block id {ref!r} is ambiguous on {date}: {', '.join(b.id for b in matches)}")
        raise FocusError(f"no block {ref!r} on {date} (see focus plan ls --date {date})")

    # -- the plan --------------------------------------------------------------------------------

    def plan(self, planned: list[PlannedBlock]) -> list[Block]:
        """Add blocks, all or none: no unknown category, no overlap with each other or the plan."""
        events = []
        taken: dict[dt.date, list[Block]] = {}
        for item in planned:
            blocks = taken.setdefault(item.date, list(self.day(item.date).blocks))
            event = self.block_event(item, ids.block_id(), blocks)
            blocks.append(daylog.block_of(event))
            events.append(event)
        self.store.append_many(events)
        return [daylog.block_of(event) for event in events]

    def edit(self, date: dt.date, ref: str, item: PlannedBlock) -> Block:
        """Re-plan an existing block (same id) with new times, category, title or targets."""
        block = self.find_block(date, ref)
        others = [other for other in self.day(item.date).blocks if other.id != block.id]
        event = self.block_event(item, block.id, others)
        self.store.append(event)
        return daylog.block_of(event)

    def block_event(self, item: PlannedBlock, block_id: str, blocks: list[Block] | tuple[Block, ...] = ()) -> Event:
        """The event planning ``item`` as block ``block_id`` (a new id, or an existing one to re-plan it),
        checked against the categories, the targets and overlaps with ``blocks``. Not yet written."""
        self.config.category(item.category)
        for name, value in item.targets:
            if name not in self.config.outcomes:
                raise FocusError(f"unknown target {name!r}; targets are outcomes: {', '.join(self.config.outcomes)}")
            if value <= 0:
                raise FocusError(f"target {name}={value}: must be above 0")
        event = self.make_event(BLOCK, self.clock.now_ms(), {
            "block": block_id, "date": item.date.isoformat(), "start": hhmm(item.start),
            "end": hhmm(item.end), "category": item.category, "title": item.title or item.category,
            "targets": dict(item.targets),
        }, day=item.date.isoformat(), ref=block_id)
        new = daylog.block_of(event)
        if new.end <= new.start:
            raise FocusError(f"{new.start_text}-{new.end_text} on {item.date} lies in the clock change: "
                             "it has no length; plan it around the change")
        for block in blocks:
            if new.start < block.end and block.start < new.end:
                raise FocusError(
                    f"{new.start_text}-{new.end_text} overlaps {block.start_text}-{block.end_text} "
                    f"{block.category} {block.title!r} ({block.id}) on {item.date}; nothing was planned"
                )
        return event

    def template(self, date: dt.date) -> list[Block]:
        """Plan the configured day template on ``date``."""
        return self.plan([PlannedBlock(date, t.start, t.end, t.category, t.title) for t in self.config.template])

    def copy(self, source: dt.date, target: dt.date) -> list[Block]:
        """Plan on ``target`` the blocks planned on ``source``."""
        blocks = self.day(source).blocks
        if not blocks:
            raise FocusError(f"nothing is planned on {source}")
        return self.plan([
            PlannedBlock(target, from_ms(b.start, self.tz).time(), from_ms(b.end, self.tz).time(), b.category,
                         b.title, tuple(b.targets.items()))
            for b in blocks
        ])

    def remove(self, date: dt.date, ref: str) -> Block:
        """Take a block off the plan (its sessions stay: the time was spent)."""
        block = self.find_block(date, ref)
        self.store.append(self.make_event(BLOCK_REMOVE, self.clock.now_ms(), {}, day=block.date.isoformat(), ref=block.id))
        return block

    # -- tracking --------------------------------------------------------------------------------

    def start(self, at: int, ref: str | None = None, once_key: str | None = None) -> Block:
        """Start a session of a block (by default the one planned at ``at``); a running one stops.
        With ``once_key`` the event's id derives from it, so every process records it only once."""
        date = local_day(at, self.tz)
        if ref is None:
            planned = [b for b in self.day(date).blocks if b.start <= at < b.end]
            if not planned:
                raise FocusError(f"no block is planned at {hhmm(from_ms(at, self.tz))} on {date}; name one (focus plan ls)")
            block = planned[0]
        else:
            block = self.find_block(date, ref)
        running = self.running_session(at)
        if running is not None and running.block_id == block.id:
            raise FocusError(f"{block.title!r} ({block.id}) is already running since {hhmm(from_ms(running.start, self.tz))}")
        self.store.append(self.make_event(SESSION_START, at, {"block": block.id, "category": block.category}, key=once_key))
        return block

    def stop(self, at: int, once_key: str | None = None) -> Session:
        """Stop the session running at ``at``."""
        running = self.running_session(at)
        if running is None:
            raise FocusError(f"nothing is running at {self._when(at)}")
        self.store.append(self.make_event(SESSION_STOP, at, {}, key=once_key))
        return Session(running.block_id, running.category, running.start, at, running.start_event)

    def extend(self, block: Block, minutes: int = 15) -> None:
        """Give a block more minutes past its planned end (it stops later under auto-start)."""
        self.store.append(self.make_event(BLOCK_EXTEND, self.clock.now_ms(), {"minutes": minutes},
                                      day=block.date.isoformat(), ref=block.id))

    def back(self, at: int) -> Interruption:
        """End the interruption going on at ``at``: back to work."""
        from focus.core import accounting

        log = self.day(local_day(at, self.tz))
        resolved = accounting.resolve_interruptions(log.interruptions, self.config.interruption_minutes)
        running = accounting.running_interruption(resolved, at)
        if running is None:
            raise FocusError(f"no interruption is going on at {self._when(at)}")
        self.store.append(self.make_event(INTERRUPTION_END, at, {}, ref=running.id))
        return running

    def log(self, kind: str, at: int, minutes: int | None = None, note: str = "") -> Event:
        """Record an interruption starting at ``at``; without ``minutes`` it lasts its kind's default."""
        event = self.interruption_event(kind, at, minutes, note)
        self.store.append(event)
        return event

    def interruption_event(self, kind: str, at: int, minutes: float | None = None, note: str = "") -> Event:
        """The checked, not yet written, event of an interruption."""
        if kind not in INTERRUPTION_KINDS:
            raise FocusError(f"unknown interruption kind {kind!r}; kinds: {', '.join(INTERRUPTION_KINDS)}")
        if minutes is not None and not 0 < minutes <= MAX_MINUTES:
            raise FocusError(f"--minutes {minutes}: must be between 1 and {MAX_MINUTES}")
        payload = {"kind": kind, "end": at + round(minutes * 60_000) if minutes else None, "note": note}
        return self.make_event(INTERRUPTION, at, payload)

    def count(self, outcome: str, at: int, n: int = 1) -> Event:
        """Record ``n`` selling outcomes of one kind."""
        event = self.outcome_event(outcome, at, n)
        self.store.append(event)
        return event

    def outcome_event(self, outcome: str, at: int, n: int = 1) -> Event:
        """The checked, not yet written, event of ``n`` outcomes."""
        if outcome not in self.config.outcomes:
            raise FocusError(f"unknown outcome {outcome!r}; outcomes: {', '.join(self.config.outcomes)}")
        if not 0 < n <= MAX_COUNT:
            raise FocusError(f"count {n}: must be between 1 and {MAX_COUNT} (to take one back: focus undo)")
        return self.make_event(OUTCOME, at, {"kind": outcome, "count": n})

    def debrief(self, date: dt.date, ref: str, raw: dict) -> Event:
        """Record the answers for a visit (a newer debrief replaces an older one)."""
        from focus.core import debrief

        block = self.find_block(date, ref)
        if not self.config.category(block.category).meeting:
            raise FocusError(f"{block.title!r} ({block.id}) is a {block.category} block, not a customer visit")
        event = self.make_event(DEBRIEF, self.clock.now_ms(), {"block": block.id, "answers": debrief.check(raw)},
                                day=block.date.isoformat(), ref=block.id)
        self.store.append(event)
        return event

    def undo(self) -> Event:
        """Undo the newest event not yet undone; returns the undone event."""
        target = self.store.newest_undoable()
        if target is None:
            raise FocusError("nothing to undo")
        self.store.append(self.make_event(UNDO, self.clock.now_ms(), {}, day=target.day, ref=target.id))
        return target

    def running_session(self, at: int) -> Session | None:
        """The session going on at ``at``, if any."""
        return timebox.running_session(self.day(local_day(at, self.tz)), at)

    # -- helpers ---------------------------------------------------------------------------------

    def make_event(self, kind: str, at: int, payload: dict, day: str | None = None, ref: str | None = None,
                   key: str | None = None) -> Event:
        """An event from this tracker's source and device; with ``key`` its id derives from it."""
        return Event(
            id=ids.derived_event_id(at, key) if key else ids.event_id(self.clock.now_ms()), at=at, tz=self.clock.zone_name,
            day=day or local_day(at, self.tz).isoformat(), type=kind, payload=payload,
            source=self.source, device=self.device, ref=ref,
        )

    def _when(self, at: int) -> str:
        moment = from_ms(at, self.tz)
        return f"{hhmm(moment)} on {moment.date()}"
