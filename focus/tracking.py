"""What a seller does — plan, start, stop, log, count, undo — checked and written as events, and the
days and weeks read back.

The one service every writer uses: the CLI, the workday screen and the event sources. Every check
happens before anything is written, so a refused command changes nothing. The rules live in
``focus.core``; this layer reads and writes the store around them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from focus.core import aliases, daylog, events, ids, timebox
from focus.core.clock import DAY_END, Clock, check_not_future, from_ms, local_day
from focus.core.config import INTERRUPTION_KINDS, Config
from focus.core.errors import FocusError
from focus.core.events import MAX_COUNT, MAX_MINUTES
from focus.core.model import Block, DayLog, Event, Interruption, Session
from focus.core.plan import PlannedBlock, check, find_block, from_calendar
from focus.core.text import NOTE_MAX, clean
from focus.core.timeparse import DAY_END_TEXT, hhmm, said_clock
from focus.i18n import N_, _
from focus.store.database import Store

if TYPE_CHECKING:
    from focus.core.accounting import DaySummary
    from focus.core.timebox import Due
    from focus.core.week import WeekFigures


class Tracker:
    """Reads and writes one database for one config, clock and event source."""

    def __init__(self, store: Store, config: Config, clock: Clock, source: str = "cli", device: str | None = None):
        self.store, self.config, self.clock, self.source = store, config, clock, source
        self.device = device or this_device()
        self.tz = clock.tz

    # -- reading ---------------------------------------------------------------------------------

    def day(self, date: dt.date) -> DayLog:
        """What happened on ``date``, read as one index range over the day and its neighbours, with the
        start and the end of a session that runs across them, however far they lie (two index searches)."""
        first, last = (date - dt.timedelta(days=1)).isoformat(), (date + dt.timedelta(days=1)).isoformat()
        found = self.store.sessions_beyond(first, last) + self.store.events_between_days(first, last)
        return daylog.fold_day(found, date, self.tz)

    def summary(self, date: dt.date) -> DaySummary:
        """The day's report figures, running items counted up to now."""
        from focus.core import accounting  # not needed by the write path: keep `focus log` light

        return accounting.summarize(self.day(date), self.config, self.tz, self.clock.now_ms())

    def find_block(self, date: dt.date, ref: str) -> Block:
        """A block of ``date`` by its id, a unique start of its id, or its number in ``plan ls``."""
        return find_block(self.day(date).blocks, date, ref)

    def planned(self, dates: Sequence[dt.date], without_calendar: bool = False) -> list[Block]:
        """The blocks planned on ``dates``; with ``without_calendar`` only those not from a calendar."""
        return [
            block
            for date in dates
            for block in self.day(date).blocks
            if not (without_calendar and from_calendar(block))
        ]

    def visits(self, date: dt.date) -> tuple[DayLog, list[Block]]:
        """The day's log and its customer visits so far (the blocks the debrief asks about)."""
        from focus.core import accounting

        log = self.day(date)
        return log, accounting.visits(log, self.config, self.clock.now_ms())

    def week(self, monday: dt.date, weeks: int = 1, with_debrief: bool = False) -> WeekFigures:
        """The week of ``monday``: its days, totals and forecast; with ``weeks`` > 1 a trend too; with
        ``with_debrief`` the visits' answers (otherwise only the coaching rates leave the machine).
        All per-day figures come from the day cache in one range."""
        from focus.core import week
        from focus.store import daycache

        first = monday - dt.timedelta(weeks=week.history_span(weeks))
        days = daycache.figures(self.store, self.config, self.clock, first, monday + dt.timedelta(days=6))
        answers = None
        if with_debrief:
            answers = tuple(
                week.VisitAnswers(block.date, block.start_text, block.title, log.debriefs.get(block.id))
                for offset in range(7)
                for log, visits in [self.visits(monday + dt.timedelta(days=offset))]
                for block in visits
            )
        return week.week_figures(
            monday,
            days,
            self.config,
            timezone=self.clock.zone_name,
            seller=self.config.seller or _login(),
            weeks=weeks,
            debriefs=answers,
        )

    # -- the plan --------------------------------------------------------------------------------

    def plan(self, planned: Sequence[PlannedBlock]) -> list[Block]:
        """Add blocks, all or none: no unknown category, no overlap with each other or the plan."""
        new = []
        taken: dict[dt.date, list[Block]] = {}
        for item in planned:
            blocks = taken.setdefault(item.date, list(self.day(item.date).blocks))
            event = self.block_event(item, ids.block_id(), blocks)
            blocks.append(daylog.block_of(event))
            new.append(event)
        self.store.append_many(new)
        return [daylog.block_of(event) for event in new]

    def edit(self, date: dt.date, ref: str, item: PlannedBlock) -> Block:
        """Re-plan an existing block (same id) with new times, category, title or targets."""
        block = self.find_block(date, ref)
        others = [other for other in self.day(item.date).blocks if other.id != block.id]
        event = self.block_event(item, block.id, others)
        self.store.append(event)
        return daylog.block_of(event)

    def block_event(self, item: PlannedBlock, block_id: str, blocks: Sequence[Block] | None = None) -> Event:
        """The event planning ``item`` as block ``block_id`` (a new id, or an existing one to re-plan it),
        checked against the categories, the targets and, unless ``blocks`` is None (a calendar event
        is a fact), overlaps with ``blocks``. Not yet written."""
        item = item._replace(title=clean(item.title, N_("the title")))
        check(item, block_id, blocks or (), self.config, self.tz)
        payload = events.block_payload(
            block_id, item.date, hhmm(item.start), hhmm(item.end), item.category, item.title, dict(item.targets)
        )
        return self.make_event(events.BLOCK, self.clock.now_ms(), payload, day=item.date.isoformat(), ref=block_id)

    def template(self, date: dt.date) -> list[Block]:
        """Plan the configured day template on ``date``."""
        return self.plan([PlannedBlock(date, t.start, t.end, t.category, t.title) for t in self.config.template])

    def copy(self, source: dt.date, target: dt.date) -> list[Block]:
        """Plan on ``target`` the blocks planned on ``source``."""
        blocks = self.day(source).blocks
        if not blocks:
            raise FocusError(_("nothing is planned on {date}").format(date=source))
        return self.plan(
            [
                PlannedBlock(
                    target,
                    from_ms(b.start, self.tz).time(),
                    DAY_END if b.end_text == DAY_END_TEXT else from_ms(b.end, self.tz).time(),
                    b.category,
                    b.title,
                    tuple(b.targets.items()),
                )
                for b in blocks
            ]
        )

    def remove(self, date: dt.date, ref: str) -> Block:
        """Take a block off the plan (its sessions stay: the time was spent); not the running one."""
        block = self.find_block(date, ref)
        running = self.running_session(self.clock.now_ms())
        if running is not None and running.block_id == block.id:
            raise FocusError(
                _("{title} is running: stop it first, then remove it").format(title=repr(block.title)),
                hint=_("space on the workday screen, or focus stop"),
            )
        self.store.append(
            self.make_event(events.BLOCK_REMOVE, self.clock.now_ms(), {}, day=block.date.isoformat(), ref=block.id)
        )
        return block

    # -- tracking --------------------------------------------------------------------------------

    def start(self, at: int, ref: str | None = None) -> Block:
        """Start a session of a block (by default the one planned at ``at``); a running one stops."""
        self.not_future(at)
        date = local_day(at, self.tz)
        if ref is None:
            planned = [b for b in self.day(date).blocks if b.start <= at < b.end]
            if not planned:
                raise FocusError(
                    _("no block is planned at {time} on {date}: name one").format(
                        time=said_clock(hhmm(from_ms(at, self.tz))), date=date
                    ),
                    hint=_("see focus plan ls"),
                )
            block = planned[0]
        else:
            block = self.find_block(date, ref)
        running = self.running_session(at)
        if running is not None and running.block_id == block.id:
            raise FocusError(
                _("{title} ({id}) is already running since {time}").format(
                    title=repr(block.title), id=block.id, time=said_clock(hhmm(from_ms(running.start, self.tz)))
                )
            )
        self.store.append(
            self.make_event(events.SESSION_START, at, events.session_start_payload(block.id, block.category))
        )
        return block

    def stop(self, at: int) -> Session:
        """Stop the session running at ``at``."""
        self.not_future(at)
        running = self.running_session(at)
        if running is None:
            raise FocusError(_("nothing is running at {when}").format(when=self._when(at)))
        self.store.append(self.make_event(events.SESSION_STOP, at, {}))
        return Session(running.block_id, running.category, running.start, at, running.start_event)

    def perform(self, due: Due) -> bool:
        """Record an automatic start or stop (``focus.core.timebox``). Its event id derives from the action,
        so every process that reaches the same action at once records it only once: True when this one
        did, False when it was there already."""
        if due.action == "start":
            payload: dict[str, Any] = dict(events.session_start_payload(due.block.id, due.block.category))
            event = self.make_event(events.SESSION_START, due.at, payload, key=due.key)
        else:
            event = self.make_event(events.SESSION_STOP, due.at, {}, key=due.key)
        return self.store.append_many([event]) == 1

    def extend(self, block: Block, minutes: int = 15) -> None:
        """Give a block more minutes past its planned end (it stops later under auto-start)."""
        self.store.append(
            self.make_event(
                events.BLOCK_EXTEND,
                self.clock.now_ms(),
                events.block_extend_payload(minutes),
                day=block.date.isoformat(),
                ref=block.id,
            )
        )

    def back(self, at: int) -> Interruption:
        """End the interruption going on at ``at``: back to work."""
        from focus.core import accounting

        self.not_future(at)
        log = self.day(local_day(at, self.tz))
        resolved = accounting.resolve_checks(log.interruptions, self.config)
        running = accounting.running_interruption(resolved, at)
        if running is None:
            raise FocusError(_("no interruption is going on at {when}").format(when=self._when(at)))
        self.store.append(self.make_event(events.INTERRUPTION_END, at, {}, ref=running.id))
        return running

    def log(self, kind: str, at: int, minutes: int | None = None, note: str = "") -> Event:
        """Record an interruption starting at ``at``; without ``minutes`` it lasts its kind's default."""
        event = self.interruption_event(kind, at, minutes, note)
        self.store.append(event)
        return event

    def interruption_event(self, kind: str, at: int, minutes: float | None = None, note: str = "") -> Event:
        """The checked, not yet written, event of an interruption."""
        kind = aliases.interruption_kind(kind, INTERRUPTION_KINDS)
        self.not_future(at)
        if minutes is not None and not 0 < minutes <= MAX_MINUTES:
            raise FocusError(
                _("--minutes {minutes}: must be between 1 and {most}").format(minutes=minutes, most=MAX_MINUTES)
            )
        end = at + round(minutes * 60_000) if minutes else None
        note = clean(note, N_("the note"), NOTE_MAX)
        return self.make_event(events.INTERRUPTION, at, dict(events.interruption_payload(kind, end, note)))

    def count(self, outcome: str, at: int, n: int = 1) -> Event:
        """Record ``n`` selling outcomes of one kind."""
        event = self.outcome_event(outcome, at, n)
        self.store.append(event)
        return event

    def outcome_event(self, outcome: str, at: int, n: int = 1) -> Event:
        """The checked, not yet written, event of ``n`` outcomes."""
        outcome = aliases.outcome(outcome, self.config.outcomes)
        self.not_future(at)
        if not 0 < n <= MAX_COUNT:
            raise FocusError(
                _("count {n}: must be between 1 and {most}").format(n=n, most=MAX_COUNT),
                hint=_("to take one back: focus undo"),
            )
        return self.make_event(events.OUTCOME, at, dict(events.outcome_payload(outcome, n)))

    def debrief(self, date: dt.date, ref: str, raw: dict[str, Any]) -> Event:
        """Record the answers for a visit (a newer debrief replaces an older one)."""
        event = self.debrief_event(date, ref, raw)
        self.store.append(event)
        return event

    def debrief_all(
        self, date: dt.date, answered: Sequence[tuple[str, dict[str, Any]]], skipped: Sequence[str] = ()
    ) -> list[Event]:
        """Record the answers for several visits of ``date`` (by id or number), and the skips of others,
        all or none: a FocusError names the first visit that is wrong, and nothing is written. Returns
        the answers' events."""
        found: list[Event] = []
        for ref, raw in answered:
            try:
                event = self.debrief_event(date, ref, raw)
                if any(earlier.ref == event.ref for earlier in found):
                    raise FocusError(_("answered twice"))
            except FocusError as exc:
                raise FocusError(_("visit {ref}: {error}").format(ref=ref, error=exc), exc.hint) from None
            found.append(event)
        skips: list[Event] = []
        for ref in skipped:
            try:
                skip = self.skip_event(date, ref)
            except FocusError as exc:
                raise FocusError(_("visit {ref}: {error}").format(ref=ref, error=exc), exc.hint) from None
            if skip is not None and all(other.ref != skip.ref for other in found + skips):
                skips.append(skip)
        self.store.append_many(found + skips)
        return found

    def skip_debrief(self, date: dt.date, ref: str) -> Event | None:
        """Record that a visit is not to be debriefed (it is not asked about again; undo takes it back);
        None, and nothing written, when it has answers or is skipped already."""
        event = self.skip_event(date, ref)
        if event is not None:
            self.store.append(event)
        return event

    def skip_event(self, date: dt.date, ref: str) -> Event | None:
        """The checked, not yet written, event of a skipped visit; None when there is nothing to skip."""
        block = self.visit(date, ref)
        log = self.day(block.date)
        if block.id in log.debriefs or block.id in log.debriefs_skipped:
            return None
        return self.make_event(
            events.DEBRIEF_SKIPPED, self.clock.now_ms(), {}, day=block.date.isoformat(), ref=block.id
        )

    def debrief_event(self, date: dt.date, ref: str, raw: dict[str, Any]) -> Event:
        """The checked, not yet written, event of a visit's answers."""
        from focus.core import debrief

        block = self.visit(date, ref)
        payload = dict(events.debrief_payload(block.id, debrief.check(raw)))
        return self.make_event(events.DEBRIEF, self.clock.now_ms(), payload, day=block.date.isoformat(), ref=block.id)

    def visit(self, date: dt.date, ref: str) -> Block:
        """A block of ``date`` that is a customer visit (a meeting category); a FocusError otherwise."""
        block = self.find_block(date, ref)
        if not self.config.category(block.category).meeting:
            raise FocusError(
                _("{title} ({id}) is not a customer visit: its category is {category}").format(
                    title=repr(block.title), id=block.id, category=block.category
                )
            )
        return block

    def undo(self, date: dt.date | None = None, any_day: bool = False) -> Event:
        """Undo the newest event not yet undone and return it: the newest of ``date`` when given; else
        the newest of all, which must bear on today unless ``any_day`` (a FocusError otherwise: undo
        does not reach into another day by surprise)."""
        if date is not None:
            target = self.newest_undoable_of(date)
            if target is None:
                raise FocusError(_("nothing to undo on {date}").format(date=date))
        else:
            target = self.store.newest_undoable()
            if target is None:
                raise FocusError(_("nothing to undo"))
            today = self.clock.today().isoformat()
            if target.day != today and not any_day:
                raise FocusError(
                    _("the newest entry is of {day}, not today: nothing was undone").format(day=target.day),
                    hint=_("to undo it: focus undo --date {day} (or --any-day)").format(day=target.day),
                )
        group = self.correction_of(target)
        now = self.clock.now_ms()
        self.store.append_many([self.make_event(events.UNDO, now, {}, day=e.day, ref=e.id) for e in group])
        return self.with_named_block(group[0])

    def standing(self, day: str) -> list[Event]:
        """The events bearing on ``day`` that neither an undo nor a standing correction took back, undo
        events left out (an ``entry.remove`` stands: it can be undone)."""
        return daylog.standing(self.store.events_between_days(day, day))

    def newest_undoable_of(self, date: dt.date) -> Event | None:
        """The newest event bearing on ``date`` that is neither an undo nor undone (an undo bears on the
        day of the event it undoes)."""
        return max(self.standing(date.isoformat()), key=lambda event: event.id, default=None)

    def correction_of(self, event: Event) -> list[Event]:
        """The events undo takes back with ``event``: every event of its correction, the one that names
        what it corrects first; only ``event`` itself when it is no correction."""
        group = event.payload.get(events.CORRECTION)
        if group is None:
            return [event]
        together = [e for e in self.standing(event.day) if e.payload.get(events.CORRECTION) == group]
        return sorted(together, key=lambda e: (events.CORRECTS not in e.payload, e.id)) or [event]

    def with_named_block(self, event: Event) -> Event:
        """``event`` to be put in words: one that names a block only by its id (a removal, an extension,
        a debrief) gets the block's date, times and title in ``payload["named_block"]``, for
        ``reports.describe`` (the log keeps the event as it was)."""
        if event.type == events.ENTRY_REMOVE or (
            event.type == events.SESSION_STOP and event.payload.get(events.CORRECTS)
        ):
            return self.with_removed_entry(event)
        named_by_id = (events.BLOCK_REMOVE, events.BLOCK_EXTEND, events.DEBRIEF, events.DEBRIEF_SKIPPED)
        if event.type not in named_by_id or not event.ref:
            return event
        found = [b for b in self.day(dt.date.fromisoformat(event.day)).blocks if b.id == event.ref]
        if not found:
            return event
        block = found[0]
        named = {"start": block.start, "start_text": block.start_text, "end_text": block.end_text, "title": block.title}
        return replace(event, payload={**event.payload, "named_block": named})

    def with_removed_entry(self, event: Event) -> Event:
        """A removal, with the first event of the entry it removed in ``payload["removed"]`` (for
        ``reports.describe``: "the removal of the chat interruption at 10:30")."""
        first = event.payload[events.CORRECTS][0]
        found = [e for e in self.store.events_between_days(event.day, event.day) if e.id == first]
        return replace(event, payload={**event.payload, "removed": found[0]}) if found else event

    def running_session(self, at: int) -> Session | None:
        """The session going on at ``at``, if any."""
        return timebox.running_session(self.day(local_day(at, self.tz)), at)

    # -- helpers ---------------------------------------------------------------------------------

    def not_future(self, at: int) -> None:
        """Refuse to track ``at`` when it lies ahead of the clock (``core.clock.check_not_future``)."""
        check_not_future(at, self.clock.now_ms(), self._when(at))

    def make_event(
        self, kind: str, at: int, payload: Any, day: str | None = None, ref: str | None = None, key: str | None = None
    ) -> Event:
        """An event from this tracker's source and device; with ``key`` its id derives from it."""
        return Event(
            id=ids.derived_event_id(at, key) if key else ids.event_id(self.clock.now_ms()),
            at=at,
            tz=self.clock.zone_name,
            day=day or local_day(at, self.tz).isoformat(),
            type=kind,
            payload=dict(payload),
            source=self.source,
            device=self.device,
            ref=ref,
        )

    def _when(self, at: int) -> str:
        moment = from_ms(at, self.tz)
        return _("{time} on {date}").format(time=said_clock(hhmm(moment)), date=moment.date())


def this_device() -> str:
    """This machine's name (os.uname is POSIX only; platform.node asks Windows too)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import platform

    return platform.node() or "unknown"


def _login() -> str:
    """The user's login name: the seller on weekly exports unless the config names one."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
