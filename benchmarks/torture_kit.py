"""What the torture phases share: a FOCUS_HOME with its database, the CLI run as a subprocess, a running
``focus watch``, the workday screen in tmux, a tmpfs, and the tally each phase prints.

Every process started here is registered, and ``end_all()`` ends whatever still runs (SIGTERM, then
SIGKILL, always waited for); mounts are undone by the context managers that made them.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOCUS = str(Path(sys.executable).parent / "focus")
ZONE = "Europe/Stockholm"
TRACEBACK = "Traceback (most recent call last)"
LOCKED = "database is locked"
COLUMNS = ("tries", "failures", "lost", "duplicates", "tracebacks", "locked")
STARTED: list[subprocess.Popen[Any]] = []


def spawn(args: list[str], env: dict[str, str] | None = None, **options: Any) -> subprocess.Popen[Any]:
    """A child process, registered so that ``end_all`` ends it."""
    process = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, **options)
    STARTED.append(process)
    return process


def end(process: subprocess.Popen[Any], grace: float = 5.0) -> int:
    """SIGTERM, SIGKILL after ``grace`` seconds; waited for. Its exit status."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def end_all() -> None:
    for process in STARTED:
        end(process, grace=2.0)
    STARTED.clear()


def wait_until(done: Callable[[], bool], timeout: float, poll: float = 0.1) -> bool:
    """Whether ``done()`` became true within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(poll)
    return True


@dataclass
class Result:
    """One finished CLI run. ``code`` is negative for a signal, None when it hung and was killed."""

    code: int | None
    out: str
    err: str

    @property
    def traceback(self) -> bool:
        return TRACEBACK in self.err or TRACEBACK in self.out

    @property
    def locked(self) -> bool:
        return LOCKED in (self.err + self.out).lower()

    @property
    def err_lines(self) -> int:
        return len(self.err.splitlines())

    @property
    def said(self) -> str:
        """Its first stderr line (the last of a traceback; else stdout's first), for a report."""
        lines = (self.err.strip() or self.out.strip() or "(nothing)").splitlines()
        return (lines[-1] if self.traceback else lines[0])[:160]


def finish(process: subprocess.Popen[Any], timeout: float = 60.0) -> Result:
    """Wait for a child started with pipes; one that hangs is killed (code None)."""
    try:
        out, err = process.communicate(timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        code = None
    return Result(code, out or "", err or "")


@dataclass
class Tally:
    """One row of a phase's table: what was tried and what went wrong."""

    what: str
    tries: int = 0
    failures: int | None = 0
    lost: int | None = None
    duplicates: int | None = None
    tracebacks: int = 0
    locked: int = 0
    killed: int = 0
    multiline: int = 0
    codes: Counter[str] = field(default_factory=Counter)

    def add(self, result: Result, ok: Callable[[Result], bool] = lambda r: r.code == 0) -> Result:
        """Count a CLI run; a run we SIGKILLed is ``killed``, not a failure."""
        self.tries += 1
        self.codes[str(result.code)] += 1
        if result.code == -signal.SIGKILL:
            self.killed += 1
        elif not ok(result):
            self.failures = (self.failures or 0) + 1
        self.tracebacks += result.traceback
        self.locked += result.locked
        self.multiline += result.err_lines > 1
        return result

    def row(self) -> dict[str, Any]:
        extra = []
        if self.killed:
            extra.append(f"{self.killed} killed")
        if self.multiline:
            extra.append(f"{self.multiline} multi-line stderr")
        if self.codes and set(self.codes) != {"0"}:
            extra.append("exit " + ", ".join(f"{code}×{n}" for code, n in sorted(self.codes.items())))
        return {"what": self.what, **{name: getattr(self, name) for name in COLUMNS}, "notes": "; ".join(extra)}


@dataclass
class Report:
    """A phase's figures: table rows, named facts and the problems it found."""

    phase: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, tally: Tally) -> Tally:
        self.rows.append(tally.row())
        return tally

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def judge(self) -> None:
        """Every non-zero lost, duplicates, tracebacks and locked figure is a problem."""
        for row in self.rows:
            for name in ("lost", "duplicates", "tracebacks", "locked"):
                if row.get(name):
                    self.problem(f"{row['what']}: {row[name]} {name}")


class Home:
    """A FOCUS_HOME (config.toml with a fixed zone): the CLI run in it, its database read directly."""

    def __init__(self, path: Path, config: str = f'timezone = "{ZONE}"\n'):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.toml").write_text(config)
        self.env = {**os.environ, "FOCUS_HOME": str(path), "NO_COLOR": "1"}
        self.drops = 0

    @property
    def db(self) -> Path:
        return self.path / "focus.db"

    @property
    def inbox(self) -> Path:
        return self.path / "inbox"

    def start(self, *args: str, user: list[str] | None = None) -> subprocess.Popen[Any]:
        """``focus ARGS`` started with pipes (``user``: a prefix such as setpriv's to run it as another)."""
        return spawn([*(user or []), FOCUS, *args], self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, *args: str, timeout: float = 60.0, user: list[str] | None = None) -> Result:
        return finish(self.start(*args, user=user), timeout)

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows read from the database, opened read-only."""
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def notes(self) -> Counter[str]:
        """How many interruptions carry each note."""
        rows = self.query("SELECT json_extract(payload, '$.note') FROM events WHERE type = 'interruption'")
        return Counter(note for (note,) in rows if note)

    def keys(self) -> Counter[str]:
        """How many events carry each inbox key (``inbox:id:<id>``)."""
        rows = self.query("SELECT json_extract(payload, '$.key') FROM events")
        return Counter(key for (key,) in rows if key)

    def drop(self) -> str:
        """An outcome file with a fresh id, written under a dotted name and renamed into the inbox. Its
        inbox key (``inbox:id:drop-N``)."""
        return self.release(self.stage())

    def stage(self) -> Path:
        """A drop written whole in ``staging/`` (same file system), for ``release`` to rename later."""
        self.drops += 1
        staging = self.path / "staging"
        staging.mkdir(exist_ok=True)
        staged = staging / f"drop-{self.drops}.json"
        staged.write_text(json.dumps({"type": "outcome", "kind": "call", "count": 1, "id": staged.stem}))
        return staged

    def release(self, staged: Path) -> str:
        """Rename a staged drop into the inbox; its inbox key."""
        self.inbox.mkdir(exist_ok=True)
        os.rename(staged, self.inbox / staged.name)
        return f"inbox:id:{staged.stem}"

    def waiting(self) -> int:
        """Files still in the inbox (rejected/ aside)."""
        with contextlib.suppress(FileNotFoundError):
            return sum(1 for entry in os.scandir(self.inbox) if entry.is_file())
        return 0

    def rejected(self) -> int:
        with contextlib.suppress(FileNotFoundError):
            return sum(1 for entry in os.scandir(self.inbox / "rejected") if not entry.name.endswith(".error.txt"))
        return 0

    def check(self) -> Result:
        """``focus db check``."""
        return self.run("db", "check")


def lost_and_doubled(wanted: list[str], found: Counter[str]) -> tuple[int, int]:
    """How many of ``wanted`` are missing from ``found``, and how many are there more than once."""
    return sum(1 for key in wanted if not found[key]), sum(1 for key in set(wanted) if found[key] > 1)


class Watch:
    """``focus watch`` in the background; its stdout and stderr lines kept with their arrival times."""

    def __init__(self, home: Home):
        self.process = spawn([FOCUS, "watch"], home.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.out: list[tuple[float, str]] = []
        self.err: list[tuple[float, str]] = []
        self.readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.err), daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream: Any, lines: list[tuple[float, str]]) -> None:
        for raw in iter(stream.readline, b""):
            lines.append((time.monotonic(), raw.decode("utf-8", errors="replace").rstrip("\n")))

    def started(self, timeout: float = 30.0) -> bool:
        """Whether it said "watching" within ``timeout`` seconds."""
        return wait_until(lambda: any("watching" in line for _, line in self.out) or not self.alive(), timeout) and (
            self.alive()
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def cpu_seconds(self) -> float:
        """utime + stime so far, from /proc/PID/stat (0 when it is gone)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def problems(self, start: float = 0.0, stop: float = float("inf")) -> list[float]:
        """Arrival times of its "problem:" lines within [start, stop)."""
        return [at for at, line in list(self.err) if "problem:" in line and start <= at < stop]

    def text(self) -> str:
        return "\n".join(line for _, line in list(self.out) + list(self.err))

    def stop(self) -> int:
        """SIGTERM (it should exit 0); its exit status."""
        code = end(self.process, grace=15.0)
        for reader in self.readers:
            reader.join(5)
        return code


class Tmux:
    """The workday screen (``focus`` without a command) in a detached tmux session on a private socket;
    the pane stays after the program exits, so a crash can be read."""

    def __init__(self, home: Home, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.socket = folder / "tmux.sock"
        (folder / "tmux.conf").write_text("set -g remain-on-exit on\nset -g history-limit 5000\n")
        self.tmux = ["tmux", "-S", str(self.socket), "-f", str(folder / "tmux.conf")]
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", "focus", "-x", "120", "-y", "40", FOCUS],
            env=home.env,
            check=True,
            timeout=30,
        )
        self.pid = int(self.ask("#{pane_pid}") or 0)

    def ask(self, what: str) -> str:
        found = subprocess.run([*self.tmux, "display", "-p", "-t", "focus", what], capture_output=True, text=True)
        return found.stdout.strip()

    def screen(self) -> str:
        found = subprocess.run([*self.tmux, "capture-pane", "-p", "-S", "-", "-t", "focus"], capture_output=True)
        return found.stdout.decode("utf-8", errors="replace")

    def started(self, timeout: float = 30.0) -> bool:
        """Whether the screen drew its title ("focus —") within ``timeout`` seconds."""
        return wait_until(lambda: "focus —" in self.screen() or self.dead(), timeout, poll=0.25) and not self.dead()

    def dead(self) -> bool:
        return self.ask("#{pane_dead}") == "1"

    def stop(self) -> None:
        """Kill the session's server, and the program if it outlives it."""
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, timeout=30)
        if self.pid and not wait_until(lambda: not Path(f"/proc/{self.pid}").exists(), 5.0):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


@contextlib.contextmanager
def mounted(args: list[str], where: Path) -> Iterator[Path]:
    """``mount ARGS WHERE`` for the block; unmounted after it, whatever happened (lazily if busy)."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *args, str(where)], check=True, capture_output=True, timeout=30)
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True, timeout=30).returncode:
            subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


@contextlib.contextmanager
def read_only_bind(where: Path) -> Iterator[Path]:
    """``where`` bind-mounted on itself, read-only, for the block."""
    with mounted(["--bind", str(where)], where):
        subprocess.run(["mount", "-o", "remount,bind,ro", str(where)], check=True, capture_output=True, timeout=30)
        yield where
