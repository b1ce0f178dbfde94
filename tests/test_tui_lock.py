"""A screen that never freezes (DESIGN §4, §7): while another process holds SQLite's write lock, the
workday screen keeps ticking and its keys keep answering; a key's write waits in the screen's database
worker and lands, with the time the key was pressed, once the lock is released — or, when the lock
outlasts the busy timeout, a notice says the database is locked and nothing is recorded."""

from __future__ import annotations

import asyncio
import sys
import textwrap
import time

from focus.core.events import INTERRUPTION, OUTCOME
from focus.store import connection
from focus.tui.screens import HelpScreen
from tests.tui_helpers import DAY, make_app, make_tracker, plan, press, settle, until

SIZE = (100, 32)
ROUNDS = 4  # of a tick, ?, escape while the lock is held (until the test lets it go)
STEP_SECONDS = 3.0  # a loop blocked by the lock would stand still until the 10 s busy timeout: far more

# Holds the write lock of the database in argv[1] until a line comes on stdin.
HOLDER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    conn.close()
""")


def running_tracker(tmp_path):
    """10:05 on the day, the 10:00–11:00 calls block running since 10:00: 55 minutes left."""
    tracker = make_tracker(tmp_path, "2026-11-24T10:05")
    plan(tracker, ("10:00", "11:00", "calls", "Ring the Q4 list"))
    tracker.start(tracker.clock.now_ms() - 5 * 60_000)
    return tracker


def recorded(tracker, kind: str) -> list:
    day = DAY.isoformat()
    return [event for event in tracker.store.events_between_days(day, day) if event.type == kind]


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def hold_lock(spawn, db):
    holder = spawn([sys.executable, "-c", HOLDER, db], stdin=True)
    assert await asyncio.to_thread(holder.line) == "locked", holder.stderr
    return holder


class LoopWatch:
    """The longest the event loop went without running a 20 ms timer, while it watches."""

    def __init__(self):
        self.worst = 0.0
        self.task = asyncio.create_task(self.watch())

    async def watch(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(0.02)
            now = loop.time()
            self.worst = max(self.worst, now - last - 0.02)
            last = now

    def stop(self) -> float:
        self.task.cancel()
        return self.worst


async def quick(step, what: str) -> float:
    """Run a step of the test; it must answer well within STEP_SECONDS (the loop was not blocked)."""
    started = time.monotonic()
    await step
    took = time.monotonic() - started
    assert took < STEP_SECONDS, f"{what} took {took:.2f} s: the screen froze"
    return took


async def test_while_another_process_holds_the_write_lock_the_screen_keeps_going(tmp_path, spawn):
    tracker = running_tracker(tmp_path)
    app = make_app(tracker)
    async with app.run_test(size=SIZE) as pilot:

        async def tick_and_draw() -> None:
            app.workday.tick()
            await pilot.pause()

        await settle(pilot)
        countdown = app.workday.query_one("#countdown")
        assert countdown.value == "0:55:00"
        holder = await hold_lock(spawn, tracker.store.path)
        try:
            watch = LoopWatch()
            pressed_at = tracker.clock.now_ms()
            steps = [await quick(pilot.press("e"), "e")]  # its write now waits for the lock in the worker
            left = 55 * 60
            for _ in range(ROUNDS):
                tracker.clock.advance(1)
                left -= 1
                steps.append(await quick(tick_and_draw(), "a tick"))
                assert countdown.value == f"0:{left // 60:02d}:{left % 60:02d}"
                steps.append(await quick(pilot.press("question_mark"), "?"))
                assert isinstance(app.screen, HelpScreen)
                steps.append(await quick(pilot.press("escape"), "escape"))
                assert app.screen is app.workday
                assert app.workday.db.pending >= 1  # the email check is still waiting for the lock
                assert app.workday.summary.interruptions_by_kind["email"] == 0
                assert recorded(tracker, INTERRUPTION) == []
                await pilot.pause(0.2)  # the app runs on while the lock is held
            worst = watch.stop()
            assert len(steps) == 1 + 3 * ROUNDS
            assert worst < STEP_SECONDS, f"the event loop stood still for {worst:.2f} s"
            holder.send("release\n")
            assert await asyncio.to_thread(holder.wait) == 0, holder.stderr
        finally:
            holder.end()  # the lock goes with it, so the worker is never left waiting
        await settle(pilot)  # bounded: the write lands once the lock is free
        emails = recorded(tracker, INTERRUPTION)
        assert [(event.payload["kind"], event.at) for event in emails] == [("email", pressed_at)]
        assert tracker.clock.now_ms() - pressed_at == (55 * 60 - left) * 1000  # not the moment of release
        assert app.workday.summary.interruptions_by_kind["email"] == 1
        assert app.workday.summary.running_interruption.start == pressed_at
        assert not [n for n in notes(app) if "locked" in n]


async def test_a_lock_that_outlasts_the_busy_timeout_gives_a_notice_and_records_nothing(tmp_path, spawn, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 500)
    tracker = running_tracker(tmp_path)
    app = make_app(tracker)  # the screen's worker opens its Store with the short timeout
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        holder = await hold_lock(spawn, tracker.store.path)
        try:
            locked_at = time.monotonic()
            await pilot.press("e")
            await until(pilot, lambda: any("database is locked" in n for n in notes(app)), "the locked notice")
            # the notice came while the lock is still held: only this test lets it go, further down
            assert next(n for n in app._notifications if "database is locked" in n.message).severity == "error"
            await settle(pilot)
            assert app.workday.summary.interruptions_by_kind["email"] == 0 and recorded(tracker, INTERRUPTION) == []
            await pilot.pause(max(0.0, 1.5 - (time.monotonic() - locked_at)))  # the app runs on; the lock stays
            assert recorded(tracker, INTERRUPTION) == [] and not app.workday.db.pending  # no retry behind the notice
            holder.send("release\n")
            assert await asyncio.to_thread(holder.wait) == 0, holder.stderr
        finally:
            holder.end()
        await press(pilot, "1")  # the next key lands
        assert [(e.payload["kind"], e.payload["count"]) for e in recorded(tracker, OUTCOME)] == [("call", 1)]
        assert recorded(tracker, INTERRUPTION) == []  # the failed email check was not written late
        assert app.workday.summary.outcomes["call"] == 1
        assert app.workday.summary.interruptions_by_kind["email"] == 0
