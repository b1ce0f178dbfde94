"""The write phases of benchmarks/torture.py: kill -9 and concurrent writers."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from torture_kit import (
    Home,
    Report,
    Result,
    Tally,
    Tmux,
    Watch,
    finish,
    lost_and_doubled,
    spawn,
    wait_until,
)

WAVE = 8
# A writer through the Python API: appends events with focus.tracking.Tracker and prints each id (and
# its note) only after the append returned — what it prints is what was acknowledged.
API_WRITER = """
import sys
from focus.core.clock import Clock
from focus.store import config_file
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
paths = Paths.resolve()
config = config_file.load(paths.config_file)
tracker = Tracker(Store(paths.db_file), config, Clock(config.timezone), source="cli")
for n in range(int(sys.argv[2])):
    note = f"{sys.argv[1]}-{n}"
    event = tracker.log("email", tracker.clock.now_ms(), note=note)
    print(event.id, note, flush=True)
"""


def killed_at_random(processes: list[subprocess.Popen[Any]], rng: random.Random, share: float, max_ms: float) -> None:
    """SIGKILL each process with probability ``share``, after 0–``max_ms`` ms from now."""
    start = time.monotonic()
    doomed = sorted((rng.uniform(0, max_ms) / 1000, n) for n, _ in enumerate(processes) if rng.random() < share)
    for delay, n in doomed:
        time.sleep(max(0.0, start + delay - time.monotonic()))
        processes[n].send_signal(signal.SIGKILL)  # does nothing once it has exited


def kill9(options: Any, root: Path) -> Report:
    """CLI and Python-API writers SIGKILLed at random: nothing acknowledged may be lost or doubled."""
    report, home, rng = Report("kill9"), Home(root / "home"), random.Random(options.seed)
    started = time.monotonic()
    alone = home.run("log", "email", "--note", "alone")
    report.facts["one_write_alone_ms"] = round(1000 * (time.monotonic() - started)) if alone.code == 0 else alone.said
    cli = Tally(f"CLI writers (waves of {WAVE})")
    acknowledged: list[str] = []
    for first in range(0, options.writers, WAVE):
        notes = [f"w{i}" for i in range(first, min(first + WAVE, options.writers))]
        wave = [home.start("log", "email", "--note", note) for note in notes]
        killed_at_random(wave, rng, options.kill_share, options.kill_ms)
        for note, process in zip(notes, wave):
            if cli.add(finish(process)).code == 0:
                acknowledged.append(note)
    api = Tally("Python API writers")
    api_acknowledged: list[str] = []
    api_ids: list[str] = []
    for first in range(0, options.api_writers, WAVE):
        wave = [
            spawn(
                [sys.executable, "-c", API_WRITER, f"a{i}", str(options.api_events)],
                home.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(first, min(first + WAVE, options.api_writers))
        ]
        killed_at_random(wave, rng, options.kill_share, options.api_kill_ms)
        for process in wave:
            result = api.add(finish(process))
            for line in result.out.splitlines():
                if len(line.split()) == 2:  # a line cut by the kill is not an acknowledgement
                    event_id, note = line.split()
                    api_ids.append(event_id)
                    api_acknowledged.append(note)
    notes = home.notes()
    cli.lost, cli.duplicates = lost_and_doubled(acknowledged, notes)
    present = {event_id for (event_id,) in home.query("SELECT id FROM events")}
    api.lost = sum(1 for event_id in api_ids if event_id not in present)  # an id printed is acknowledged
    _, api.duplicates = lost_and_doubled(api_acknowledged, notes)
    report.add(cli)
    report.add(api)
    report.facts.update(
        cli_acknowledged=len(acknowledged),
        cli_killed_but_recorded=sum(1 for i in range(options.writers) if notes[f"w{i}"]) - len(acknowledged),
        api_acknowledged=len(api_acknowledged),
        events_in_database=sum(notes.values()),
    )
    db_check(home, report)
    report.judge()
    return report


def db_check(home: Home, report: Report) -> None:
    """``focus db check`` must say ok."""
    checked = home.check()
    report.facts["db_check"] = checked.said
    if checked.code != 0:
        report.problem(f"focus db check: exit {checked.code}: {checked.said}")


def concurrent(options: Any, root: Path) -> Report:
    """3, 5 and 8 CLI writers at once beside ``focus watch``, the workday screen and inbox drops."""
    report, home = Report("concurrent"), Home(root / "home")
    watch, screen = Watch(home), None
    try:
        if not watch.started():
            report.problem(f"focus watch did not start: {watch.text()[-300:]}")
        screen = Tmux(home, root / "tmux")
        if not screen.started():
            report.problem("the workday screen did not draw within 30 s: " + screen.screen().strip()[-300:])
        dropped: list[str] = []
        rounds = []
        for writers in options.writer_counts:
            rounds.append(one_round(home, writers, options.events, options.drop_ms, dropped))
        settled = wait_until(lambda: home.waiting() == 0 and all(home.keys()[key] for key in dropped), options.settle)
        notes, keys = home.notes(), home.keys()
        for tally, acknowledged in rounds:
            tally.lost, tally.duplicates = lost_and_doubled(acknowledged, notes)
            report.add(tally)
        drops = Tally("inbox drops", tries=len(dropped), failures=home.rejected())
        drops.lost, drops.duplicates = lost_and_doubled(dropped, keys)
        report.add(drops)
        if not settled:
            report.problem(f"the inbox did not settle within {options.settle:g} s: {home.waiting()} files left")
        shown = screen.screen() if screen else ""
        for name, text, alive in (
            ("focus watch", watch.text(), watch.alive()),
            ("workday screen", shown, bool(screen and not screen.dead())),
        ):
            lowered = text.lower()
            report.rows.append(
                {"what": name, "tracebacks": lowered.count("traceback"), "locked": lowered.count("database is locked")}
            )
            if not alive:
                report.problem(f"{name} was not running at the end")
    finally:
        if screen:
            screen.stop()
        report.facts["watch_exit_on_sigterm"] = watch.stop()
    db_check(home, report)
    report.judge()
    return report


def one_round(home: Home, writers: int, events: int, drop_ms: float, dropped: list[str]) -> tuple[Tally, list[str]]:
    """``writers`` threads each running ``events`` ``focus log`` one after another, while inbox files
    drop every ``drop_ms``. The round's tally and its acknowledged notes."""
    tally = Tally(f"{writers} writers × {events}")
    done = threading.Event()

    def drop() -> None:
        while not done.wait(drop_ms / 1000):
            dropped.append(home.drop())

    def write(writer: int) -> list[tuple[str, Result]]:
        notes = [f"c{writers}-{writer}-{k}" for k in range(events)]
        return [(note, home.run("log", "email", "--note", note)) for note in notes if not done.is_set()]

    dropper = threading.Thread(target=drop, daemon=True)
    dropper.start()
    started = time.monotonic()
    with ThreadPoolExecutor(writers) as pool:
        try:
            results = [pair for batch in pool.map(write, range(writers)) for pair in batch]
        finally:  # also when interrupted: the writers stop after their current run
            done.set()
    dropper.join()
    acknowledged = [note for note, result in results if tally.add(result).code == 0]
    tally.what += f" ({time.monotonic() - started:.1f} s)"
    return tally, acknowledged
