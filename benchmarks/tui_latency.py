"""Measure the workday TUI as a person meets it, in a real pseudo-terminal (DESIGN §7).

    python benchmarks/tui_latency.py [--db PATH] [--keys 20] [--writes 10] [--json out.json]

- first frame: from spawning ``focus`` to the screen showing its panels (budget ≤ 1 s);
- key → screen: from pressing ``1`` to the screen showing the new call count (budget ≤ 50 ms);
- another process's write → screen: from a committed ``Store.append`` in this process to the
  screen showing it (budget ≤ 1 s);
- RSS of the TUI process at the end (budget ≤ 150 MB).

With --db the database is copied into a temporary FOCUS_HOME and made ready before the app starts (an
old schema migrated, checked as the first write after a copy does, closed: printed, not timed);
otherwise an empty one is used (the template offer is answered "no").
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

import pyte  # a VT100 emulator: what the terminal would show (pip install -e '.[bench]')

COLUMNS, LINES = 100, 32


class Terminal:
    """``focus`` running in a pseudo-terminal of 100x32; keeps the screen it draws in an emulator."""

    def __init__(self, home: Path):
        # Bytecode in a private cache, written (not recompiled on every start even when this shell sets
        # PYTHONDONTWRITEBYTECODE): an installed focus starts from its .pyc files.
        env = dict(
            os.environ,
            FOCUS_HOME=str(home),
            TERM="xterm-256color",
            COLUMNS="100",
            LINES="32",
            PYTHONPYCACHEPREFIX=str(home / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        focus = shutil.which("focus") or str(Path(sys.executable).parent / "focus")
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(focus, [focus], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Read until the screen shows ``text``; the moment the output that drew it arrived
        (so the emulator's own parsing time is not counted against the app)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                arrived = time.perf_counter()
                self.stream.feed(chunk)
                if text in self.text():
                    return arrived
        raise TimeoutError(f"{text!r} did not appear; the screen:\n{self.text()}")

    def press(self, keys: bytes) -> float:
        moment = time.perf_counter()
        os.write(self.fd, keys)
        return moment

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self, timeout: float = 10.0) -> None:
        """Quit (ctrl+q), reading what it still draws until it has exited: a terminal nobody reads fills
        up, and the app would wait forever to write its last frame (on a large database the last frames
        are many). Killed after ``timeout``; the terminal is closed either way."""
        try:
            os.write(self.fd, b"\x11")
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:
                if self.exited():
                    return
                if select.select([self.fd], [], [], 0.05)[0]:
                    with contextlib.suppress(OSError):  # EIO once the app has closed its side
                        os.read(self.fd, 65536)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)

    def exited(self) -> bool:
        """Whether the app has exited (and is reaped)."""
        try:
            return os.waitpid(self.pid, os.WNOHANG)[0] != 0
        except ChildProcessError:  # reaped already
            return True


def prepare_home(home: Path, db: Path | None) -> float:
    """A FOCUS_HOME in ``home``: its config, and ``db`` copied in (when given) and made ready as a
    seller's own file is; the milliseconds that took, which no measurement counts."""
    from focus.store.database import Store

    (home / "config.toml").write_text('timezone = "Europe/Stockholm"\n')
    if db:
        shutil.copy(db, home / "focus.db")
    # Made ready as a seller's own file is, untimed: an old schema migrated, the integrity check that
    # the first write after a copy makes (store/integrity.py) done, and the store closed, which copies
    # the migration's WAL into the file. Otherwise the app's first key press pays for the check and
    # for reading that WAL again (0.1 s at 30k, 0.4–0.7 s at 1M), which a seller's database never does.
    opening = time.perf_counter()
    with Store(home / "focus.db") as ready:
        ready.ensure_writable()
    return (time.perf_counter() - opening) * 1000


def past_the_template(terminal: Terminal, empty: bool) -> float:
    """The moment the screen's first frame showed the day; with nothing planned today (``empty``) the
    template offer that follows it is answered "no"."""
    first = terminal.wait_for("visits ")  # the panels come a moment before the day is read
    if empty:
        terminal.wait_for("Plan your day template")
        terminal.press(b"n")
        terminal.wait_for("visits 0/")
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a database to copy in (e.g. one from generate.py)")
    parser.add_argument("--keys", type=int, default=20, help="key presses to time")
    parser.add_argument("--writes", type=int, default=10, help="other-process writes to time")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from focus.core.clock import Clock
    from focus.store import config_file
    from focus.store.database import Store
    from focus.tracking import Tracker

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        ready_ms = prepare_home(home, args.db)
        store = Store(home / "focus.db")
        writer = Tracker(store, config_file.load(home / "config.toml"), Clock("Europe/Stockholm"), source="cli")
        calls = writer.summary(writer.clock.today()).outcomes["call"]
        phones = writer.summary(writer.clock.today()).interruptions_by_kind["phone"]
        empty = not writer.day(writer.clock.today()).blocks

        warm_up = Terminal(home)  # compiles the bytecode once, as an installed focus has it
        warm_up.wait_for("visits ")
        warm_up.close()
        terminal = Terminal(home)
        try:
            first = past_the_template(terminal, empty) - terminal.started
            key_ms = []
            for _ in range(args.keys):
                calls += 1
                pressed = terminal.press(b"1")
                key_ms.append((terminal.wait_for(f"call {calls} ") - pressed) * 1000)
            write_ms = []
            for _ in range(args.writes):
                phones += 1
                writer.log("phone", writer.clock.now_ms(), minutes=1)
                committed = time.perf_counter()
                write_ms.append((terminal.wait_for(f"phone {phones} ") - committed) * 1000)
            rss = terminal.rss_mb()
        finally:
            terminal.close()
            store.close()

    key, write = _spread(key_ms), _spread(write_ms)
    results = {
        "database": str(args.db) if args.db else "empty",
        "first_frame_ms": round(first * 1000, 1),
        "key_to_screen_ms": key,
        "write_to_screen_ms": write,
        "rss_mb": round(rss, 1),
        "made_ready_ms": round(ready_ms, 1),
        "budgets": {"first_frame_ms": 1000, "key_to_screen_ms": 50, "write_to_screen_ms": 1000, "rss_mb": 150},
    }
    print(f"database            {results['database']}")
    print(f"first frame         {results['first_frame_ms']:8.1f} ms   (budget ≤ 1000 ms)")
    print(f"key → screen        {_line(key)}   (budget ≤ 50 ms median)")
    print(f"write → screen      {_line(write)}   (budget ≤ 1000 ms)")
    print(f"RSS                 {results['rss_mb']:8.1f} MB   (budget ≤ 150 MB)")
    print(f"untimed: the copy made ready (migrated if old, checked, closed) in {ready_ms:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def _line(spread: dict[str, Any]) -> str:
    return f"{spread['median']:8.1f} ms median, {spread['p90']} p90, {spread['max']} max"


def _spread(samples: list[float]) -> dict[str, Any]:
    """Median, 90th percentile, max and every sample (ms, in the order taken)."""
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(samples), 1),
        "p90": round(p90, 1),
        "max": round(max(samples), 1),
        "samples": [round(ms, 1) for ms in samples],
    }


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
