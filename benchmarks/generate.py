#!/usr/bin/env python3
"""Write a realistic synthetic history of about N events into a focus database.

    python benchmarks/generate.py --events 30000 --db /tmp/bench/30k.db --seed 1 --end-date 2026-11-26

The history is one seller's, walking back day by day from --end-date: Mon-Fri follow the config's
default day template with jitter (blocks dropped, shifted, re-planned, removed, added), sessions start
and stop around the planned times (some blocks untracked, some stopped early, the odd session running
into the next block or past midnight), interruptions by kind (email 3-10 a day, chat, phone, self,
walk-in, other; some with an explicit end, some ended by "back to work"), outcomes (calls 10-40 a day,
as TUI key presses or CLI batches; meetings, quotes, deals rarer) and ~1 % undo events. Weekends,
public holidays, the July vacation and sick days are mostly empty.

Everything goes in through the store's own API (``Store.append_many``) as ``focus.core.model.Event`` rows
of exactly the shapes ``focus.tracking`` writes. The same seed, event count, zone and end date give
identical rows, ids included: each day draws from its own ``random.Random`` seeded with (seed, date),
and ids are ULIDs built from (creation ms, 80 bits of that generator) in the Crockford alphabet of
``focus.core.ids``.

Rows are inserted oldest first, as a real log grows: a first pass walks back from --end-date counting
each day's events until N is reached, a second pass regenerates the same days forwards and inserts them
in batches. The oldest day is cut so that exactly N events are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from focus.core import events
from focus.core.config import DEFAULT_INTERRUPTION_MINUTES, defaults
from focus.core.errors import FocusError
from focus.core.events import (
    BLOCK,
    BLOCK_REMOVE,
    INTERRUPTION,
    INTERRUPTION_END,
    OUTCOME,
    SESSION_START,
    SESSION_STOP,
    UNDO,
)
from focus.core.model import Event
from focus.store.database import Store

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # as focus/core/ids.py
BLOCK_ALPHABET = "abcdefghjkmnpqrstuvwxyz"  # as focus/core/ids.py
EPOCH_FLOOR = dt.date(1970, 1, 2)  # ULIDs carry unsigned milliseconds
MINUTE = 60_000
SECOND = 1_000
DEVICE = "bench-laptop"
PHONE = "bench-phone"

CUSTOMERS = (
    "Acme AB",
    "Globex",
    "Initech",
    "Nordvik Bygg",
    "Sjöberg & Co",
    "Umbrella Nordic",
    "Hooli",
    "Vandelay Import",
    "Kallax Logistik",
    "Fjällräv Data",
    "Tyrell AB",
    "Stark Industri",
    "Wayne Fastigheter",
    "Bluth Foods",
    "Dunder Papper",
    "Åkesson Maskin",
    "Lindqvist El",
    "Norrsken Energi",
    "Pied Piper",
    "Soylent Sverige",
)
CALL_TITLES = ("Ring the Q4 list", "Call-back list", "Prospecting: new leads", "Follow-up calls", "calls")
NOTES = (
    "",
    "",
    "",
    "",
    "",
    "re quote",
    "supplier",
    "boss",
    "IT support",
    "customer complaint",
    "lunch plans",
    "Acme re delivery",
    "invoice question",
    "colleague: CRM help",
    "parking",
)
# Added blocks that fit the default template's gaps.
EXTRA_BLOCKS = (
    (7 * 60 + 30, 8 * 60, "quotes", "Quotes before the day"),
    (8 * 60, 8 * 60 + 30, "admin", "CRM update"),
    (10 * 60 + 45, 11 * 60, "fika", "fika"),
    (14 * 60, 14 * 60 + 15, "fika", "fika"),
    (17 * 60, 17 * 60 + 30, "followup", "Follow-up mails"),
    (17 * 60, 18 * 60, "quotes", "Quotes"),
)
# Interruptions: (kind, min a day, max a day, share with an explicit end, (min, max) explicit minutes).
KINDS = (
    ("email", 3, 10, 0.12, (2, 12)),
    ("chat", 2, 12, 0.08, (1, 6)),
    ("phone", 1, 6, 0.5, (2, 25)),
    ("self", 1, 6, 0.06, (1, 10)),
    ("walk-in", 0, 3, 0.4, (2, 20)),
    ("other", 0, 2, 0.45, (5, 40)),
)


# -- ids ---------------------------------------------------------------------------------------------


def ulid(ms: int, rand: int) -> str:
    """26 Crockford characters: 48 bits of milliseconds, then 80 bits of randomness (as focus.core.ids)."""
    value = (ms << 80) | rand
    return "".join([CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5)])


def block_id(rng: random.Random) -> str:
    return "".join([BLOCK_ALPHABET[rng.randrange(len(BLOCK_ALPHABET))] for _ in range(6)])


# -- one day -----------------------------------------------------------------------------------------


class Spec:
    """An event before its id is known: ``ref`` may be another Spec (resolved once ids exist)."""

    __slots__ = ("at", "created", "day", "device", "id", "payload", "ref", "source", "type")

    def __init__(self, created, at, day, type_, payload, source="tui", device=DEVICE, ref=None):
        self.created, self.at, self.day, self.type, self.payload = created, at, day, type_, payload
        self.source, self.device, self.ref, self.id = source, device, ref, None


class DayGen:
    """The events one local day gives rise to (a few may land on the next day: a late stop)."""

    def __init__(self, date: dt.date, seed: int, tz: ZoneInfo, zone_name: str, template, holidays: set):
        self.date, self.tz, self.zone = date, tz, zone_name
        self.rng = random.Random(f"focus-bench:{seed}:{date.isoformat()}")
        self.template, self.holidays = template, holidays
        self.iso = date.isoformat()
        self.out: list[Spec] = []

    # time helpers: minutes (float) after local midnight of self.date -> epoch ms
    def ms(self, minutes: float, date: dt.date | None = None) -> int:
        date = date or self.date
        days, minutes = divmod(minutes, 1440)
        if days:
            date = date + dt.timedelta(days=int(days))
        whole = int(minutes)
        seconds = round((minutes - whole) * 60)
        if seconds == 60:
            whole, seconds = whole + 1, 0
        if whole >= 1440:
            date, whole = date + dt.timedelta(days=1), whole - 1440
        moment = dt.datetime(date.year, date.month, date.day, whole // 60, whole % 60, seconds, tzinfo=self.tz)
        return int(moment.timestamp()) * 1000 + self.rng.randrange(1000)

    def day_of(self, minutes: float) -> str:
        return (self.date + dt.timedelta(days=int(minutes // 1440))).isoformat()

    def lag(self, live: float = 0.85) -> int:
        """Creation ms after ``at``: a key press now, or (sometimes) typed in after the fact."""
        if self.rng.random() < live:
            return self.rng.randrange(1, 400)
        return self.rng.randrange(60, 90 * 60) * SECOND + self.rng.randrange(1000)

    def emit(
        self,
        at: int,
        type_: str,
        payload: dict,
        day: str | None = None,
        created: int | None = None,
        source: str = "tui",
        device: str = DEVICE,
        ref=None,
    ) -> Spec:
        spec = Spec(
            created if created is not None else at + self.lag(),
            at,
            day or self.iso,
            type_,
            payload,
            source,
            device,
            ref,
        )
        self.out.append(spec)
        return spec

    def kind_of_day(self) -> str:
        date, rng = self.date, self.rng
        if date.weekday() >= 5:
            return "weekend"
        if (date.month, date.day) in self.holidays:
            return "holiday"
        week = date.isocalendar().week
        # The July vacation (three weeks most years), the week between Christmas and New Year.
        if 28 <= week <= 30 and random.Random(f"vac:{date.year}").random() < 0.85:
            return "vacation"
        if date.month == 12 and date.day > 27:
            return "vacation" if rng.random() < 0.7 else "work"
        if rng.random() < 0.02:
            return "sick"
        return "work"

    def generate(self) -> list[Spec]:
        kind = self.kind_of_day()
        if kind == "work":
            self.workday()
        elif self.rng.random() < (0.08 if kind == "weekend" else 0.2):
            self.quiet_day(kind)
        self.undos()
        for spec in self.out:
            if spec.created < spec.at and spec.type not in (BLOCK, BLOCK_REMOVE):
                spec.created = spec.at + 1  # recorded when it happens or later, never before
            if isinstance(spec.ref, Spec) and spec.created <= spec.ref.created:
                spec.created = spec.ref.created + self.rng.randrange(1, 3000)  # `back`/undo need their target
        return self.out

    # -- days off: a glance at the mail, now and then a quote written at the kitchen table ----------

    def quiet_day(self, kind: str) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 4)):
            at = self.ms(rng.uniform(9 * 60, 21 * 60))
            self.emit(
                at,
                INTERRUPTION,
                dict(events.interruption_payload("email", None)),
                source="maildir",
                created=at + rng.randrange(50, 2000),
            )
        if kind == "weekend" and rng.random() < 0.3:
            start = rng.randrange(9 * 60, 16 * 60, 15)
            block = self.plan_block(start, start + 60, "quotes", "Quotes", rng.uniform(start - 20, start - 1))
            begin = start + rng.uniform(-2, 5)
            self.emit(self.ms(begin), SESSION_START, dict(events.session_start_payload(block["block"], "quotes")))
            self.emit(self.ms(begin + rng.uniform(30, 70)), SESSION_STOP, {})
            if rng.random() < 0.5:
                self.emit(self.ms(begin + rng.uniform(20, 60)), OUTCOME, dict(events.outcome_payload("quote", 1)))

    # -- the plan ---------------------------------------------------------------------------------

    def plan_block(
        self,
        start: int,
        end: int,
        category: str,
        title: str,
        created_min: float,
        targets: dict | None = None,
        block: str | None = None,
        source: str = "cli",
    ) -> dict:
        payload = dict(
            events.block_payload(
                block or block_id(self.rng),
                dt.date.fromisoformat(self.iso),
                f"{start // 60:02d}:{start % 60:02d}",
                f"{end // 60:02d}:{end % 60:02d}",
                category,
                title,
                targets or {},
            )
        )
        at = self.ms(created_min)
        self.emit(at, BLOCK, payload, day=self.iso, created=at, source=source, ref=payload["block"])
        return payload

    def workday(self) -> None:
        rng = self.rng
        visit_day = rng.random() < 0.62  # ~3 visit days a week
        blocks = []  # [start, end, category, title, targets]
        for tb in self.template:
            start, end = tb.start.hour * 60 + tb.start.minute, tb.end.hour * 60 + tb.end.minute
            category, title, targets = tb.category, tb.title, {}
            if category == "visits":
                if visit_day and rng.random() < 0.8:
                    title = rng.choice(CUSTOMERS)
                else:
                    category = rng.choice(("calls", "calls", "followup", "quotes", "internal", "travel"))
                    title = rng.choice(CALL_TITLES) if category == "calls" else category
            if category == "calls":
                title = rng.choice(CALL_TITLES)
                if rng.random() < 0.4:
                    targets = {"call": rng.choice((5, 8, 10, 15, 20))}
            if rng.random() < 0.06:
                continue  # not planned today
            if rng.random() < 0.12:
                shift = rng.choice((-15, -10, -5, 5, 10, 15))
                start, end = start + shift, end + shift
            blocks.append([start, end, category, title, targets])
        if rng.random() < 0.3:
            start, end, category, title = rng.choice(EXTRA_BLOCKS)
            blocks.append([start, end, category, title, {}])
        blocks.sort()
        kept = []
        for block in blocks:  # a shifted block must not overlap (the tracker refuses)
            if kept and block[0] < kept[-1][1]:
                continue
            kept.append(block)
        blocks = kept

        # Planned the evening before (TUI or CLI) or first thing in the morning (`focus plan template`).
        if rng.random() < 0.25:
            planned_at = -1440 + rng.uniform(16 * 60, 18 * 60 + 30)
        else:
            planned_at = rng.uniform(7 * 60 + 15, min(b[0] for b in blocks) - 1) if blocks else 8 * 60
        source = rng.choice(("cli", "cli", "tui"))
        planned = []
        for index, (start, end, category, title, targets) in enumerate(blocks):
            src = "calendar" if category == "visits" and rng.random() < 0.3 else source
            payload = self.plan_block(
                start, end, category, title, planned_at + index * rng.uniform(0.001, 0.03), targets, source=src
            )
            planned.append(payload)
        # Re-plans and removals during the day, before the block starts.
        live_blocks = []
        for payload, (start, end, category, title, targets) in zip(planned, blocks):
            r = rng.random()
            if r < 0.04 and start > 9 * 60:
                when = rng.uniform(max(planned_at + 1, start - 180), start - 1)
                at = self.ms(when)
                self.emit(at, BLOCK_REMOVE, {}, day=self.iso, created=at, ref=payload["block"])
                continue
            if r < 0.10 and start > 9 * 60:
                shift = rng.choice((-15, 15, 30))
                new = (start + shift, end + shift)
                others = [b for b in blocks if b[0] != start]
                if all(new[1] <= b[0] or b[1] <= new[0] for b in others) and new[1] < 20 * 60:
                    when = rng.uniform(max(planned_at + 1, start - 180), start - 1)
                    self.plan_block(
                        new[0], new[1], category, title, when, targets, block=payload["block"], source="tui"
                    )
                    start, end = new
            live_blocks.append((start, end, category, payload["block"]))
        live_blocks.sort()
        self.track(live_blocks)
        self.interrupt()

    # -- sessions ---------------------------------------------------------------------------------

    def track(self, blocks: list) -> None:
        rng = self.rng
        cursor = 0.0  # minutes: nothing runs before this
        self.sessions = []  # (start, end, category) in minutes, for outcome placement
        tracked = [rng.random() < (0.45 if category in ("lunch", "fika") else 0.86) for _, _, category, _ in blocks]
        carried = None  # a session left running for the next start to end
        for index, (start, end, category, bid) in enumerate(blocks):
            if not tracked[index]:
                continue
            begin = max(start + rng.gauss(1.0, 3.0), start - 5, cursor + 0.2)
            if begin >= end - 3:
                if carried is not None:  # nothing starts after all: the carried one stops
                    stop = max(carried[0] + 1, cursor + 0.5)
                    self.emit(self.ms(stop), SESSION_STOP, {})
                    self.sessions.append((carried[0], stop, carried[1]))
                    carried, cursor = None, stop
                continue
            if carried is not None:  # this start ends it (DESIGN: a running block stops)
                self.sessions.append((carried[0], begin, carried[1]))
                carried = None
            self.emit(
                self.ms(begin),
                SESSION_START,
                dict(events.session_start_payload(bid, category)),
                source=rng.choice(("tui", "tui", "tui", "cli")),
            )
            # Now and then: stopped for a while inside the block, then resumed (a second session).
            if rng.random() < 0.25 and end - begin > 30:
                pause = rng.uniform(begin + 10, end - 15)
                back = pause + rng.uniform(3, 12)
                self.emit(self.ms(pause), SESSION_STOP, {})
                self.sessions.append((begin, pause, category))
                self.emit(self.ms(back), SESSION_START, dict(events.session_start_payload(bid, category)))
                begin = back
            following = next((i for i in range(index + 1, len(blocks)) if tracked[i]), None)
            last = following is None
            r = rng.random()
            if last and r < 0.03:  # forgot to stop: stopped in the evening
                stop = end + rng.uniform(60, 6 * 60)
                if rng.random() < 0.2:
                    stop = 24 * 60 + rng.uniform(5, 90)  # ... past midnight: `stop --date D --at 00:30`
            elif r < 0.12:  # stopped early
                stop = begin + (end - begin) * rng.uniform(0.35, 0.9)
            elif r < 0.19 and not last:  # runs into the next block
                stop = end + rng.uniform(3, 20)
            elif r < 0.27 and not last and following == index + 1:  # no stop: the next start ends it
                carried, cursor = (begin, category), begin + 1
                continue
            else:
                stop = end + rng.gauss(0.5, 2.5)
            stop = max(stop, begin + 1)
            if stop > end + 30:  # typed in afterwards, maybe the next day
                at = self.ms(stop)
                self.emit(
                    at,
                    SESSION_STOP,
                    {},
                    day=self.day_of(stop),
                    source="cli",
                    created=at + rng.randrange(60, 12 * 3600) * SECOND,
                )
            else:
                self.emit(self.ms(stop), SESSION_STOP, {}, source=rng.choice(("tui", "tui", "cli")))
            self.sessions.append((begin, stop, category))
            cursor = stop
        if carried is not None:  # defensive: never leave a session running overnight
            stop = blocks[-1][1] + rng.gauss(0.5, 2.5)
            self.emit(self.ms(max(stop, carried[0] + 1)), SESSION_STOP, {})
            self.sessions.append((carried[0], stop, carried[1]))

    # -- interruptions and outcomes -----------------------------------------------------------------

    def interrupt(self) -> None:
        rng = self.rng
        items = []
        for kind, low, high, explicit, (emin, emax) in KINDS:
            for _ in range(rng.randint(low, high)):
                when = rng.triangular(7 * 60 + 45, 17 * 60 + 30, 10 * 60)
                items.append((when, kind, explicit, emin, emax))
        items.sort()
        for index, (when, kind, explicit, emin, emax) in enumerate(items):
            at = self.ms(when)
            nxt = items[index + 1][0] if index + 1 < len(items) else None
            end = None
            if rng.random() < explicit:
                end = at + rng.randint(emin, emax) * MINUTE
            source, device = "tui", DEVICE
            if kind == "email" and rng.random() < 0.5:
                source = "maildir"
            elif kind == "phone" and rng.random() < 0.3:
                source, device = "inbox", PHONE
            elif rng.random() < 0.15:
                source = "cli"
            note = rng.choice(NOTES) if kind in ("phone", "walk-in", "other") else ""
            spec = self.emit(
                at,
                INTERRUPTION,
                dict(events.interruption_payload(kind, end, note)),
                source=source,
                device=device,
                created=at + (rng.randrange(50, 3000) if source == "maildir" else self.lag()),
            )
            if end is None and rng.random() < 0.35:
                default = DEFAULT_INTERRUPTION_MINUTES[kind]
                back = when + rng.uniform(0.3, default * 0.95)
                if nxt is None or back < nxt:
                    self.emit(self.ms(back), INTERRUPTION_END, {}, ref=spec)
        self.outcomes()

    def outcomes(self) -> None:
        rng = self.rng
        sessions = self.sessions or [(9 * 60, 16 * 60, "calls")]
        calls_windows = [(a, b) for a, b, c in sessions if c == "calls"] or [(a, b) for a, b, _ in sessions]
        total_calls = rng.randint(10, 40)
        if not any(c == "calls" for _, _, c in sessions):
            total_calls = rng.randint(0, 12)

        def moment(windows):
            a, b = rng.choice(windows)
            return rng.uniform(a, max(a + 0.5, b))

        if rng.random() < 0.85:  # TUI: key 1 per dial (now and then 2)
            left = total_calls
            while left > 0:
                n = 2 if left > 1 and rng.random() < 0.05 else 1
                self.emit(self.ms(moment(calls_windows)), OUTCOME, dict(events.outcome_payload("call", n)))
                left -= n
        else:  # CLI: `focus count call 6` a few times a day
            left = total_calls
            while left > 0:
                n = min(left, rng.randint(2, 9))
                self.emit(
                    self.ms(moment(calls_windows)), OUTCOME, dict(events.outcome_payload("call", n)), source="cli"
                )
                left -= n
        for kind, weights in (("meeting", (30, 35, 20, 10, 5)), ("quote", (55, 30, 12, 3)), ("deal", (90, 9, 1))):
            n = rng.choices(range(len(weights)), weights)[0]
            for _ in range(n):
                self.emit(
                    self.ms(moment(calls_windows if kind == "meeting" else [(a, b) for a, b, _ in sessions])),
                    OUTCOME,
                    dict(events.outcome_payload(kind, 1)),
                )

    # -- undo ---------------------------------------------------------------------------------------

    def undos(self) -> None:
        """~1 %: a mistaken key press or command undone a few seconds to minutes later."""
        rng = self.rng
        referenced = {id(s.ref) for s in self.out if isinstance(s.ref, Spec)}
        candidates = [
            s
            for s in self.out
            if s.type in (OUTCOME, INTERRUPTION, BLOCK) and s.day == self.iso and id(s) not in referenced
        ]
        for target in candidates:
            if rng.random() < 0.013:
                later = target.created + rng.randrange(2, 240) * SECOND + rng.randrange(1000)
                self.emit(
                    later,
                    UNDO,
                    {},
                    day=target.day,
                    created=later,
                    source="tui" if target.source == "tui" else "cli",
                    ref=target,
                )


def finish(specs: list[Spec], rng: random.Random, tz_name: str, limit_created: int | None = None) -> list[Event]:
    """Sort by creation time, give each spec a ULID (strictly increasing within a millisecond), build Events."""
    specs.sort(key=lambda s: s.created)
    if limit_created is not None:
        specs = [s for s in specs if s.created <= limit_created]
    last_ms, last_rand = -1, 0
    for spec in specs:
        ms = spec.created
        if ms == last_ms:
            rand = last_rand + 1
        else:
            rand = rng.getrandbits(79)  # room to increment, as focus.core.ids
        last_ms, last_rand = ms, rand
        spec.id = ulid(ms, rand)
    events = []
    for spec in specs:
        ref = spec.ref
        if isinstance(ref, Spec):
            if ref.id is None:  # its target fell after the cut-off: drop it too
                continue
            ref = ref.id
        events.append(
            Event(
                id=spec.id,
                at=spec.at,
                tz=tz_name,
                day=spec.day,
                type=spec.type,
                payload=spec.payload,
                source=spec.source,
                device=spec.device,
                ref=ref,
            )
        )
    return events


def day_events(date: dt.date, args, tz: ZoneInfo, template, holidays, limit_created) -> list[Event]:
    gen = DayGen(date, args.seed, tz, args.zone, template, holidays)
    specs = gen.generate()
    return finish(specs, gen.rng, args.zone, limit_created)


HOLIDAYS = {(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)}


# -- main ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, metavar="N", help="how many events to write")
    parser.add_argument("--db", type=Path, required=True, metavar="PATH", help="the database file to create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--zone", default="Europe/Stockholm", help="IANA time zone (default Europe/Stockholm)")
    parser.add_argument(
        "--end-date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the newest day of the history (default: today; today is cut at now)",
    )
    parser.add_argument("--batch", type=int, default=5000, help="events per append_many (default 5000)")
    parser.add_argument("--force", action="store_true", help="replace an existing non-empty database")
    args = parser.parse_args(argv)
    if args.events <= 0:
        parser.error("--events must be above 0")
    try:
        tz = ZoneInfo(args.zone)
    except Exception:
        parser.error(f"unknown time zone {args.zone!r}")
    now_ms = time.time_ns() // 1_000_000
    today = dt.datetime.now(tz).date()
    end_date = args.end_date or today
    limit_created = now_ms if end_date >= today else None  # the day in progress ends at now

    db = args.db
    if db.exists() and db.is_dir():
        parser.error(f"{db} is a folder")
    if db.exists() and db.stat().st_size > 0:
        if not args.force:
            print(f"generate: {db} exists and is not empty; use --force to replace it", file=sys.stderr)
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)

    template = defaults().template
    started = time.perf_counter()

    # Pass 1: walk back from the end date until N events are covered.
    counts: list[tuple[dt.date, int]] = []
    total = 0
    date = end_date
    while total < args.events:
        if date < EPOCH_FLOOR:
            print(
                f"generate: {args.events} events need a history reaching before 1970 (ULIDs hold no earlier "
                f"instant); got {total} events back to {date + dt.timedelta(days=1)}. Use a later --end-date "
                "or fewer events.",
                file=sys.stderr,
            )
            return 1
        n = len(day_events(date, args, tz, template, HOLIDAYS, limit_created if date == end_date else None))
        if n:
            counts.append((date, n))
            total += n
        date -= dt.timedelta(days=1)
    counted = time.perf_counter() - started
    first_date, last_date = counts[-1][0], counts[0][0]
    skip_oldest = total - args.events  # the oldest day keeps only its newest events
    print(
        f"generate: {args.events} events span {first_date} .. {last_date} ({len(counts)} days with events); "
        f"planned in {counted:.1f} s",
        file=sys.stderr,
    )

    # Pass 2: regenerate the same days oldest first and insert through the store.
    written = 0
    batch: list[Event] = []
    last_report = time.perf_counter()
    try:
        store = Store(db)
    except FocusError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    with store:
        for index, (date, n) in enumerate(reversed(counts)):
            events = day_events(date, args, tz, template, HOLIDAYS, limit_created if date == end_date else None)
            assert len(events) == n, (date, n, len(events))
            if index == 0 and skip_oldest:
                events = events[skip_oldest:]
            batch.extend(events)
            if len(batch) >= args.batch:
                written += store.append_many(batch)
                batch = []
                now = time.perf_counter()
                if now - last_report >= 2.0:
                    last_report = now
                    rate = written / (now - started)
                    print(
                        f"generate: {written}/{args.events} events ({100 * written / args.events:.0f} %), "
                        f"at {date}, {rate:,.0f} events/s",
                        file=sys.stderr,
                    )
        if batch:
            written += store.append_many(batch)
        in_db = store.count()
    elapsed = time.perf_counter() - started
    size = db.stat().st_size
    span = (last_date - first_date).days + 1
    print(
        f"generate: wrote {written} events ({in_db} in {db}) over {span} days {first_date} .. {last_date} "
        f"({len(counts)} with events), {size / 1e6:.1f} MB, in {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0 if written == args.events else 1


if __name__ == "__main__":
    sys.exit(main())
