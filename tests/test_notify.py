"""Reminders without the screen: a real `focus watch` (its clock set, real time running on) delivering to a
real notification daemon (dunst on its own D-Bus and X server), through notify-send and through
desktop-notifier; the line it prints for each; and the workday screen's toasts when it runs the sources."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from focus.core import config as config_module
from focus.core.clock import Clock
from focus.core.plan import PlannedBlock
from focus.sources.desktop import Desktop, notify_send_sender
from focus.store import config_file
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from tests.focus_at import ShiftedClock
from tests.notification_daemon import notification_daemon
from tests.source_helpers import Lines

ZONE = "Europe/Stockholm"
DAY = dt.date(2026, 11, 24)
CONFIG = 'timezone = "Europe/Stockholm"\n[debrief]\ntime = "17:00"\n'
HAS_DESKTOP_NOTIFIER = importlib.util.find_spec("desktop_notifier") is not None


def tracker(paths: Paths, now: str) -> Tracker:
    cfg = config_file.load(paths.config_file)
    return Tracker(Store(paths.db_file), cfg, Clock.fixed(ZONE, now), source="cli", device="test")


def prepare_day(paths: Paths) -> None:
    """A visit until 17:00 (no debrief yet), and three email checks: the budget, not over it."""
    paths.config_file.write_text(CONFIG)
    with tracker(paths, "2026-11-24T16:00").store as store:
        day = Tracker(store, config_file.load(paths.config_file), Clock.fixed(ZONE, "2026-11-24T16:00"))
        day.plan([PlannedBlock(DAY, dt.time(13), dt.time(17), "visits", "Acme <b>AB</b> & co")])
        for hour in (9, 11, 14):
            day.log("email", Clock.fixed(ZONE, f"2026-11-24T{hour:02d}:00").now_ms())


@pytest.mark.parametrize(
    "sender",
    [
        "notify-send",
        pytest.param(
            "desktop-notifier",
            marks=pytest.mark.skipif(not HAS_DESKTOP_NOTIFIER, reason="desktop-notifier (focus[notify]) not installed"),
        ),
    ],
)
def test_focus_watch_notifies_the_block_end_the_debrief_and_the_email_budget(tmp_path, spawn, sender):
    paths = Paths(tmp_path / "config.toml", tmp_path)
    prepare_day(paths)
    with notification_daemon(spawn, tmp_path) as daemon:
        without = ["--without", "desktop_notifier"] if sender == "notify-send" else []
        env = {**daemon.env, "FOCUS_HOME": str(tmp_path)}
        watch = spawn([sys.executable, "-m", "tests.focus_at", *without, ZONE, "2026-11-24T16:59:58", "watch"], env=env)
        assert watch.line().startswith("watching the inbox")
        assert watch.line() == "17:00:00 reminder: Block ends: 13:00–17:00 visits Acme <b>AB</b> & co"
        assert watch.line() == (
            "17:00:00 reminder: Debrief: 1 visit to debrief: who did you meet, decision maker, budget, next step, "
            "next meeting booked?"
        )
        assert daemon.next() == ("focus", "Block ends", "13:00–17:00 visits Acme ‹b›AB‹/b› ＆ co")
        assert daemon.next()[1:] == (
            "Debrief",
            "1 visit to debrief: who did you meet, decision maker, budget, next step, next meeting booked?",
        )
        with tracker(paths, "2026-11-24T17:00:01").store as store:  # another process: the fourth check
            Tracker(store, config_file.load(paths.config_file), Clock.fixed(ZONE, "2026-11-24T17:00:01")).log(
                "email", Clock.fixed(ZONE, "2026-11-24T17:00:01").now_ms()
            )
        assert watch.line().endswith(" reminder: Email budget: Email check 4 today: over your budget of 3.")
        assert daemon.next()[1:] == ("Email budget", "Email check 4 today: over your budget of 3.")
        watch.send_signal(15)
        assert (watch.wait(), watch.stderr) == (0, "")
        assert watch.rest() == []


def test_without_a_notification_server_a_reminder_is_still_a_line_and_the_failure_one_line(tmp_path, spawn):
    paths = Paths(tmp_path / "config.toml", tmp_path)
    prepare_day(paths)
    env = {"PATH": "/usr/bin:/bin", "FOCUS_HOME": str(tmp_path), "HOME": str(tmp_path)}  # no bus, no display
    env["PYTHONPATH"] = str(Path(__file__).parent.parent)  # for tests.focus_at
    watch = spawn([sys.executable, "-m", "tests.focus_at", ZONE, "2026-11-24T16:59:59", "watch"], env=env)
    assert watch.line().startswith("watching the inbox")
    assert watch.line() == "17:00:00 reminder: Block ends: 13:00–17:00 visits Acme <b>AB</b> & co"
    assert watch.line().startswith("17:00:00 reminder: Debrief: 1 visit to debrief")
    watch.send_signal(15)
    assert watch.wait() == 0
    problems = watch.stderr.splitlines()
    assert len(problems) == 1 and problems[0].startswith("17:00:00 problem: desktop notification: "), watch.stderr


def test_notify_send_failing_is_one_line_once_until_it_works_again(tmp_path):
    failing = tmp_path / "notify-send"
    failing.write_text("#!/bin/sh\necho 'GDBus.Error: no server' >&2\nexit 1\n")
    failing.chmod(0o755)
    lines = Lines()
    desktop = Desktop(lines, make=lambda: notify_send_sender(str(failing)))
    desktop.start()
    try:
        desktop.notify("Block starts", "one")
        desktop.notify("Block ends", "two")
        assert lines.next() == "problem: desktop notification: notify-send: GDBus.Error: no server"
        working = tmp_path / "notify-send.new"
        working.write_text("#!/bin/sh\nexit 0\n")
        working.chmod(0o755)
        working.replace(failing)  # whole at once: never run while half-written (ETXTBSY)
        desktop.notify("Debrief", "three")
        assert lines.next() == "resolved: desktop notifications work again"
    finally:
        desktop.stop()
    assert not desktop.thread.is_alive() and lines.queue.empty()


def test_no_way_to_notify_is_said_once_at_the_start_and_the_watch_goes_on(monkeypatch):
    """As on macOS or Windows without the extra: no desktop-notifier, no notify-send."""
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)
    monkeypatch.setattr(sys, "platform", "darwin")
    lines = Lines()
    desktop = Desktop(lines)
    desktop.start()
    desktop.notify("Block starts", "one")
    desktop.stop()
    assert lines.next() == (
        "reminders are lines here, not desktop notifications: install desktop-notifier (pip install 'focus[notify]')"
    )
    assert lines.queue.empty() and not desktop.thread.is_alive()


# -- the workday screen runs the sources: its own toasts, no desktop notification ---------------------------


async def test_the_screen_running_the_sources_shows_a_reminder_as_its_own_toast_once(tmp_path):
    from focus.tui.app import build_app
    from tests.tui_helpers import until

    paths = Paths(tmp_path / "config.toml", tmp_path)
    paths.config_file.write_text('timezone = "Europe/Stockholm"\n')
    with tracker(paths, "2026-11-24T09:00").store as store:
        Tracker(store, config_module.defaults(), Clock.fixed(ZONE, "2026-11-24T09:00")).plan(
            [PlannedBlock(DAY, dt.time(10), dt.time(11), "calls", "Ring [bold]Acme[/]")]
        )
    clock = ShiftedClock(ZONE, "2026-11-24T09:59:59")
    app = build_app(paths, config_file.load(paths.config_file), clock, sources=True, watch_database=False)
    async with app.run_test() as pilot:
        assert app.sources is not None and app.sources.reminders is not None

        def toasts() -> list[tuple[str, str]]:
            return [(n.title, n.message) for n in app._notifications if n.title.startswith("Block")]

        await until(pilot, lambda: toasts() != [], "the block's start as a toast")
        await until(pilot, lambda: clock.now_ms() > Clock.fixed(ZONE, "2026-11-24T10:00:01").now_ms(), "a tick more")
        await pilot.pause()
        assert toasts() == [("Block starts", r"10:00–11:00 calls Ring \[bold]Acme\[/]")]


def test_the_reminders_thread_sleeps_until_its_moment_and_stops_at_once(tmp_path):
    """Nothing due for hours: the thread waits (no polling), and a stop wakes it at once."""
    import time

    from focus.sources.runner import Runner

    paths = Paths(tmp_path / "config.toml", tmp_path)
    paths.config_file.write_text('timezone = "Europe/Stockholm"\n')
    said: list[object] = []
    runner = Runner(
        paths, config_file.load(paths.config_file), Clock.fixed(ZONE, "2026-11-24T06:00"), Lines(), remind=said.append
    )
    runner.start()
    assert runner.reminders is not None and runner.reminders.thread is not None
    began = time.process_time()
    runner.reminders.stopped.wait(0.5)  # the thread's own CPU in that time: none to speak of
    asleep = runner.reminders.thread.is_alive()
    started_stop = time.monotonic()
    runner.stop()
    assert asleep and not runner.reminders.thread.is_alive() and time.monotonic() - started_stop < 3
    assert time.process_time() - began < 0.3 and said == []
