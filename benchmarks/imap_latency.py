#!/usr/bin/env python3
"""The IMAP source of ``focus watch`` against a real Dovecot on loopback (tests/servers/dovecot.py).

    python benchmarks/imap_latency.py [--reads 20] [--catch-up 1000] [--idle 60] [--with-activitywatch] [--json FILE]

A fresh FOCUS_HOME with one ``[[sources.imap]]`` account (``burst_seconds = 1``) and the installed
``focus watch`` as a subprocess; each stdout line is stamped with time.perf_counter() as it arrives.

- read → event: another IMAP client marks one unread message ``\\Seen``; the latency is from its STORE
  returning to the "email check" line (budget ≤ 2 s; median and max of ``--reads``, 1.5 s apart so each
  is its own check). The database must then hold exactly that many checks.
- catch-up: ``--catch-up`` unread messages; the watch is stopped, all of them are marked read (one STORE),
  the watch started again: the time from the start to the one "email check" line (budget ≤ 5 s), with
  CONDSTORE and without (Dovecot with ``imap_capability`` as Microsoft 365 has it).
- idle: utime+stime of the idle watch (/proc/PID/stat) over ``--idle`` seconds (≈ 0: no busy loop) and
  its RSS at the end (budget ≤ 80 MB). With ``--with-activitywatch`` that watch also polls a real
  aw-server (tests/servers/activitywatch.py) with window and AFK watchers, every ``poll_seconds = 10``.
Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers.activitywatch import ActivityWatchServer, Watchers, aw_server_executable
from tests.servers.dovecot import NO_CONDSTORE, Dovecot

BUDGET = {"read_ms": 2000.0, "catch_up_s": 5.0, "idle_cpu_s": 0.6, "rss_mb": 80.0}
FOCUS = str(Path(sys.executable).parent / "focus")


class Watch:
    """``focus watch`` on ``home``; its stdout lines with their arrival times."""

    def __init__(self, home: Path):
        self.started = time.perf_counter()
        env = {**os.environ, "FOCUS_HOME": str(home)}
        self.proc = subprocess.Popen([FOCUS, "watch"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: list[tuple[float, str]] = []
        self.err: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(
            target=lambda: self.err.extend(line.decode() for line in self.proc.stderr), daemon=True
        ).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            with self.changed:
                self.lines.append((time.perf_counter(), raw.decode(errors="replace").rstrip("\n")))
                self.changed.notify_all()

    def wait_line(self, wanted: str, after: int, timeout: float = 30.0) -> tuple[float, int]:
        """The arrival time and index of the first line from index ``after`` that contains ``wanted``."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for index in range(after, len(self.lines)):
                    if wanted in self.lines[index][1]:
                        return self.lines[index][0], index + 1
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise SystemExit(f"no line with {wanted!r} within {timeout} s; stderr: {''.join(self.err)}")
                self.changed.wait(left)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        if self.proc.wait(timeout=30) != 0:
            raise SystemExit(f"focus watch exited {self.proc.returncode}: {''.join(self.err)}")


def home_for(server: Dovecot, user: str, more: str = "") -> Path:
    home = Path(tempfile.mkdtemp(prefix="focus-imap-bench-"))
    (home / "secret").write_text(server.passwords[user] + "\n")
    (home / "config.toml").write_text(
        f'timezone = "Europe/Stockholm"\n[sources]\nburst_seconds = 1\n\n[[sources.imap]]\nname = "{user}"\n'
        f'host = "{server.host}"\nport = {server.port}\ntls = "none"\nuser = "{user}"\n'
        f"password_command = \"cat '{home / 'secret'}'\"\n" + more
    )
    return home


def watching(home: Path, user: str, timeout: float = 30.0) -> None:
    """Wait until the board says the account is watched (IDLE running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            entries = json.loads((home / "sources.json").read_text())["sources"]
            if any(e["name"] == f"imap {user}" and e["state"] == "watching" for e in entries):
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"imap {user} not watching within {timeout} s")


def checks(home: Path) -> int:
    with sqlite3.connect(f"file:{home / 'focus.db'}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM events WHERE type = 'interruption'").fetchone()[0])


def read_latency(server: Dovecot, reads: int, idle: float, activitywatch: str = "") -> dict[str, float]:
    user = "latency"
    server.add_user(user, "bench-password")
    server.append(user, reads)
    more = f'\n[sources.activitywatch]\nurl = "{activitywatch}"\npoll_seconds = 10\n' if activitywatch else ""
    home = home_for(server, user, more)
    watch = Watch(home)
    try:
        watching(home, user)
        seen, latencies = 0, []
        with server.client(user) as other:
            other.select_folder("INBOX")
            unread = sorted(other.search(["UNSEEN"]))
            for uid in unread:
                other.add_flags([uid], [b"\\Seen"])
                stored = time.perf_counter()
                arrived, seen = watch.wait_line("email check in INBOX", seen)
                latencies.append((arrived - stored) * 1000)
                time.sleep(1.5)  # beyond burst_seconds: the next read is a check of its own
        assert checks(home) == reads, f"{checks(home)} checks for {reads} reads"
        time.sleep(2)  # settled
        cpu = watch.cpu_seconds()
        time.sleep(idle)
        idle_cpu, rss = watch.cpu_seconds() - cpu, watch.rss_mb()
    finally:
        watch.stop()
    return {
        "read_ms_median": statistics.median(latencies),
        "read_ms_max": max(latencies),
        "idle_seconds": idle,
        "idle_cpu_s": idle_cpu,
        "rss_mb": rss,
    }


def catch_up(server: Dovecot, count: int) -> float:
    user = "catchup"
    server.add_user(user, "bench-password")
    server.append(user, count)
    home = home_for(server, user)
    first = Watch(home)
    watching(home, user)
    first.stop()
    with server.client(user) as other:
        other.select_folder("INBOX")
        other.add_flags(other.search(["UNSEEN"]), [b"\\Seen"])
    again = Watch(home)
    try:
        arrived, _ = again.wait_line("email check in INBOX", 0)
        watching(home, user)
    finally:
        again.stop()
    assert checks(home) == 1, f"{checks(home)} checks for one catch-up"
    return arrived - again.started


def _activitywatch() -> ActivityWatchServer:
    """A real aw-server with this host's window and AFK watchers, as ActivityWatch's own watchers make them."""
    server = ActivityWatchServer(aw_server_executable(), Path(tempfile.mkdtemp(prefix="focus-aw-bench-")))
    server.start()
    watchers = Watchers(server)
    now = int(time.time() * 1000)
    watchers.afk(now - 60_000, 60, away=False)
    watchers.window(now - 60_000, 30, "firefox", "News – Mozilla Firefox")
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reads", type=int, default=20)
    parser.add_argument("--catch-up", type=int, default=1000)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--with-activitywatch", action="store_true", help="the idle watch polls aw-server too")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, float] = {}
    server = Dovecot()
    aw = _activitywatch() if args.with_activitywatch else None
    try:
        results.update(read_latency(server, args.reads, args.idle, aw.url if aw else ""))
        results["catch_up_s_condstore"] = catch_up(server, args.catch_up)
    finally:
        server.close()
        if aw is not None:
            aw.stop()
    m365 = Dovecot(NO_CONDSTORE)
    try:
        results["catch_up_s_no_condstore"] = catch_up(m365, args.catch_up)
    finally:
        m365.close()
    results["load_average"] = os.getloadavg()[0]
    misses = [
        name
        for name, value, budget in (
            ("read → event (median)", results["read_ms_median"], BUDGET["read_ms"]),
            ("catch-up with CONDSTORE", results["catch_up_s_condstore"], BUDGET["catch_up_s"]),
            ("catch-up without CONDSTORE", results["catch_up_s_no_condstore"], BUDGET["catch_up_s"]),
            ("idle CPU", results["idle_cpu_s"], BUDGET["idle_cpu_s"]),
            ("RSS", results["rss_mb"], BUDGET["rss_mb"]),
        )
        if value > budget
    ]
    print(
        f"read → event: median {results['read_ms_median']:.0f} ms, max {results['read_ms_max']:.0f} ms "
        f"(budget ≤ {BUDGET['read_ms']:.0f} ms, {args.reads} reads)"
    )
    print(
        f"{args.catch_up} reads caught up after a restart: {results['catch_up_s_condstore']:.2f} s with CONDSTORE, "
        f"{results['catch_up_s_no_condstore']:.2f} s without (budget ≤ {BUDGET['catch_up_s']:.0f} s)"
    )
    print(
        f"idle {args.idle:.0f} s: {results['idle_cpu_s']:.2f} CPU s, RSS {results['rss_mb']:.1f} MB "
        f"(budget ≤ {BUDGET['rss_mb']:.0f} MB){' with ActivityWatch' if aw else ''}; "
        f"load average {results['load_average']:.2f}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    for miss in misses:
        print(f"over budget: {miss}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
