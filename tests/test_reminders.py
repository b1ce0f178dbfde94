"""The reminders' rule (core/reminders.py), with a fake clock: what falls due between two instants, once,
on ordinary days, the two DST days of Europe/Stockholm and across midnight."""

from __future__ import annotations

import dataclasses
import datetime as dt

from focus.core import config as config_module
from focus.core.clock import Clock, day_bounds, zone
from focus.core.model import DayLog, Session
from focus.core.plan import PlannedBlock, resolve
from focus.core.reminders import BLOCK_END, BLOCK_START, BLOCK_WAITS, DEBRIEF, EMAIL_BUDGET, due, next_moment
from focus.core.source_config import NotifyConfig

TZ = zone("Europe/Stockholm")
DAY = dt.date(2026, 11, 24)
MINUTE = 60_000


def at(local: str) -> int:
    return Clock.fixed("Europe/Stockholm", local).now_ms()


def day(date: dt.date, *blocks: tuple[str, str, str, str], **extra) -> DayLog:
    planned = [
        resolve(PlannedBlock(date, dt.time.fromisoformat(s), dt.time.fromisoformat(e), c, t), f"b{i}", TZ)
        for i, (s, e, c, t) in enumerate(blocks)
    ]
    return DayLog(date, tuple(planned), (), (), (), **extra)


CONFIG = config_module.defaults()


def walk(log, cfg=CONFIG, start=None, end=None, step=MINUTE, checks=lambda now: 0):
    """Every reminder a watch running from ``start`` to ``end`` says, waking every ``step``: (local time, key)."""
    first, last = day_bounds(log.date, TZ)
    since, told, said = start or first, set(), []
    while since < (end or last):
        now = min(since + step, end or last)
        for reminder in due(log, cfg, TZ, since, now, checks(since), checks(now), told):
            told.add(reminder.key)
            said.append((f"{dt.datetime.fromtimestamp(reminder.at / 1000, TZ):%H:%M%z}", reminder.kind))
        since = now
    return said


def test_a_day_says_each_block_start_and_end_and_the_debrief_once():
    log = day(DAY, ("09:00", "10:00", "calls", "Ring Acme"), ("13:00", "15:00", "visits", "Acme AB"))
    assert walk(log) == [
        ("09:00+0100", BLOCK_START),
        ("10:00+0100", BLOCK_END),
        ("13:00+0100", BLOCK_START),
        ("15:00+0100", BLOCK_END),
        ("17:03+0100", DEBRIEF),
    ]
    reminders = due(log, CONFIG, TZ, at("2026-11-24T17:02"), at("2026-11-24T17:03"), 0, 0)
    assert [(r.title, r.body) for r in reminders] == [
        ("Debrief", "1 visit to debrief: who did you meet, decision maker, budget, next step, next meeting booked?")
    ]
    start = due(log, CONFIG, TZ, at("2026-11-24T12:59"), at("2026-11-24T13:00"), 0, 0)[0]
    assert start.line == "reminder: Block starts: 13:00–15:00 visits Acme AB"


def test_an_extended_block_ends_later_and_not_at_its_planned_end():
    log = day(DAY, ("09:00", "10:00", "calls", "Ring Acme"), extensions={"b0": 15 * MINUTE})
    assert walk(log) == [("09:00+0100", BLOCK_START), ("10:15+0100", BLOCK_END)]
    ends = due(log, CONFIG, TZ, at("2026-11-24T10:14"), at("2026-11-24T10:15"), 0, 0)
    assert ends[0].body == "09:00–10:15 calls Ring Acme"
    assert next_moment(log, CONFIG, TZ, at("2026-11-24T09:30")) == at("2026-11-24T10:15")


def test_a_block_an_extended_one_runs_over_waits_and_starts_when_that_one_ends():
    """Found in issue 13's trial: the sources' reminder said "Block starts" at 10:00 while the extended
    block ran on to 10:15, and the next block started only then."""
    running = Session("b0", "calls", at("2026-11-24T09:00"), None, "s0")
    log = day(
        DAY,
        ("09:00", "10:00", "calls", "Ring Q4"),
        ("10:00", "11:00", "quotes", "Offert Scania"),
        extensions={"b0": 15 * MINUTE},
    )
    log = dataclasses.replace(log, sessions=(running,))
    assert walk(log, start=at("2026-11-24T09:30"), end=at("2026-11-24T11:30")) == [
        ("10:00+0100", BLOCK_WAITS),
        ("10:15+0100", BLOCK_END),
        ("10:15+0100", BLOCK_START),
        ("11:00+0100", BLOCK_END),
    ]
    waits = due(log, CONFIG, TZ, at("2026-11-24T09:59"), at("2026-11-24T10:00"), 0, 0)
    assert [(r.title, r.body) for r in waits] == [
        ("Block waits", "10:00–11:00 quotes Offert Scania starts at 10:15, when Ring Q4 ends")
    ]
    assert next_moment(log, CONFIG, TZ, at("2026-11-24T10:00")) == at("2026-11-24T10:15")


def test_no_debrief_reminder_without_visits_waiting_and_none_for_answered_ones():
    calls = day(DAY, ("09:00", "10:00", "calls", "Ring"))
    assert walk(calls) == [("09:00+0100", BLOCK_START), ("10:00+0100", BLOCK_END)]
    answered = day(DAY, ("13:00", "14:00", "visits", "Acme"), debriefs={"b0": {"who": "Eva"}})
    assert DEBRIEF not in [kind for _, kind in walk(answered)]


def test_the_email_budget_is_said_once_a_day_when_a_check_goes_over_it():
    checks_at = [at("2026-11-24T08:10"), at("2026-11-24T09:00"), at("2026-11-24T10:30"), at("2026-11-24T11:00")]
    checks_at += [at("2026-11-24T14:00")]  # a fifth: still over, not news

    def checks(now: int) -> int:
        return sum(1 for moment in checks_at if moment <= now)

    assert walk(day(DAY), checks=checks) == [("11:00+0100", EMAIL_BUDGET)]
    crossing = due(day(DAY), CONFIG, TZ, at("2026-11-24T10:59"), at("2026-11-24T11:00"), 3, 4)
    assert [(r.title, r.body) for r in crossing] == [("Email budget", "Email check 4 today: over your budget of 3.")]
    # undone below the budget and over it again: the key is the day's, the caller told it already
    assert due(day(DAY), CONFIG, TZ, 0, at("2026-11-24T12:00"), 3, 4, told={crossing[0].key}) == []


def test_a_restart_says_only_what_falls_due_after_it():
    log = day(DAY, ("09:00", "10:00", "calls", "Ring"), ("13:00", "15:00", "visits", "Acme"))

    def checks(now: int) -> int:
        return 4 if now >= at("2026-11-24T11:00") else 0

    first = walk(log, end=at("2026-11-24T13:30"), checks=checks)
    again = walk(log, start=at("2026-11-24T13:30"), checks=checks)  # a new process: nothing told yet
    assert first == [
        ("09:00+0100", BLOCK_START),
        ("10:00+0100", BLOCK_END),
        ("11:00+0100", EMAIL_BUDGET),
        ("13:00+0100", BLOCK_START),
    ]
    assert again == [("15:00+0100", BLOCK_END), ("17:03+0100", DEBRIEF)]  # the budget was over at the start


def test_each_kind_can_be_turned_off():
    log = day(DAY, ("13:00", "15:00", "visits", "Acme"))
    quiet = dataclasses.replace(CONFIG, notify=NotifyConfig(debrief=False, blocks=False, email_budget=False))
    assert walk(log, cfg=quiet, checks=lambda now: 5 if now > at("2026-11-24T12:00") else 0) == []
    assert next_moment(log, quiet, TZ, at("2026-11-24T12:00")) == day_bounds(DAY, TZ)[1]  # only the midnight
    no_blocks = dataclasses.replace(CONFIG, notify=NotifyConfig(blocks=False))
    assert walk(log, cfg=no_blocks) == [("17:03+0100", DEBRIEF)]


def test_a_machine_that_slept_does_not_say_old_block_news():
    log = day(DAY, ("09:00", "10:00", "calls", "Ring"), ("13:00", "14:00", "visits", "Acme"))
    woke = due(log, CONFIG, TZ, at("2026-11-24T08:00"), at("2026-11-24T10:10"), 0, 0)
    assert [(r.kind, r.at) for r in woke] == [(BLOCK_END, at("2026-11-24T10:00"))]  # 10 min late: said
    evening = due(log, CONFIG, TZ, at("2026-11-24T12:00"), at("2026-11-24T17:30"), 0, 0)
    assert [r.kind for r in evening] == [DEBRIEF]  # the debrief is due all evening; the blocks are history


def test_spring_forward_2026_03_29():
    """02:00 becomes 03:00: a 23-hour day; a block over the gap lasts one hour; a debrief set inside the
    gap moves forward with it; each is said once, at its instant."""
    date = dt.date(2026, 3, 29)
    log = day(date, ("01:30", "03:30", "visits", "Acme"), ("04:00", "05:00", "calls", "Ring"))
    cfg = dataclasses.replace(CONFIG, debrief_time=dt.time(2, 30))
    assert walk(log, cfg=cfg, step=7 * MINUTE) == [
        ("01:30+0100", BLOCK_START),
        ("03:30+0200", BLOCK_END),
        ("03:30+0200", DEBRIEF),  # 02:30 does not exist: at 03:30, once
        ("04:00+0200", BLOCK_START),
        ("05:00+0200", BLOCK_END),
    ]
    assert at("2026-03-29T03:30") - at("2026-03-29T01:30") == 60 * MINUTE
    first, last = day_bounds(date, TZ)
    assert last - first == 23 * 60 * MINUTE
    assert next_moment(log, cfg, TZ, at("2026-03-29T05:00")) == last
    cfg_late = dataclasses.replace(CONFIG, debrief_time=dt.time(17, 3))
    assert walk(log, cfg=cfg_late, start=at("2026-03-29T12:00")) == [("17:03+0200", DEBRIEF)]


def test_fall_back_2026_10_25():
    """03:00 becomes 02:00 again: a 25-hour day; a block and a debrief in the repeated hour are said once,
    at the first 02:30, and not again when the clock shows 02:30 the second time."""
    date = dt.date(2026, 10, 25)
    log = day(date, ("01:30", "02:45", "visits", "Acme"))
    cfg = dataclasses.replace(CONFIG, debrief_time=dt.time(2, 50))
    said = walk(log, cfg=cfg, step=5 * MINUTE)
    assert said == [("01:30+0200", BLOCK_START), ("02:45+0200", BLOCK_END), ("02:50+0200", DEBRIEF)]
    first, last = day_bounds(date, TZ)
    assert last - first == 25 * 60 * MINUTE
    second_0250 = at("2026-10-25T02:50") + 60 * MINUTE  # 02:50+01:00
    assert due(log, cfg, TZ, second_0250 - MINUTE, second_0250, 0, 0) == []


def test_midnight_each_day_says_its_own_once():
    """A watch waking across midnight asks both days; the first moment after the last one is the
    midnight, so it turns to the new day."""
    late = day(DAY, ("23:00", "23:59", "admin", "Inbox zero"))
    early = day(DAY + dt.timedelta(days=1), ("00:00", "00:30", "calls", "Ring"))
    assert next_moment(late, CONFIG, TZ, at("2026-11-24T23:59")) == at("2026-11-25T00:00")
    since, now = at("2026-11-24T23:58"), at("2026-11-25T00:01")
    said = [r.key.split(":")[0] + " " + r.body for log in (late, early) for r in due(log, CONFIG, TZ, since, now, 0, 0)]
    assert said == ["block-end 23:00–23:59 admin Inbox zero", "block-start 00:00–00:30 calls Ring"]
    assert due(early, CONFIG, TZ, at("2026-11-24T23:00"), at("2026-11-24T23:30"), 3, 4) == []  # not its day yet
