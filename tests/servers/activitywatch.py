"""A real ActivityWatch server for tests: the Python ``aw-server`` from PyPI in its own virtual
environment (outside the project's, so its Flask and peewee can never disturb the app's dependencies),
on 127.0.0.1 and a free port, with every file it writes under a temporary home.

The environment is made once, under a lock (two xdist workers may ask at once), in
``~/.cache/focus-tests/aw-server-<version>/`` (or ``$FOCUS_TEST_CACHE``), and reused when it is there:
the first time takes about 30 s. The tests feed it as the watchers do: buckets, then heartbeats."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any

from focus.core.activitywatch import iso
from tests.processes import end_process
from tests.servers.ports import free_port

AW_VERSION = "0.12.0"
# Newer peewee and Flask make aw-server 0.12.0 answer HTTP 500 (FIELD-NOTES); aw-core pinned to the
# version verified with it
REQUIREMENTS = (f"aw-server=={AW_VERSION}", "aw-core==0.5.18", "peewee<4", "flask<2.3")
START_SECONDS = 30.0
HOST = socket.gethostname()  # what the real watchers name their buckets after, and the source looks for


class Unavailable(Exception):
    """aw-server could not be installed here: the message says why (pip's last lines)."""


def cache_dir() -> Path:
    return Path(os.environ.get("FOCUS_TEST_CACHE") or Path.home() / ".cache" / "focus-tests")


def aw_server_executable() -> Path:
    """aw-server's executable in its own virtual environment, made the first time (under a lock)."""
    venv = cache_dir() / f"aw-server-{AW_VERSION}"
    done = venv / ".complete"
    executable = venv / "bin" / "aw-server"
    if done.exists():
        return executable
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".aw-server-{AW_VERSION}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker making it: wait, then use its result
        if done.exists():
            return executable
        shutil.rmtree(venv, ignore_errors=True)  # a half-made one (an interrupted first run)
        for step in (
            [sys.executable, "-m", "venv", str(venv)],
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *REQUIREMENTS],
        ):
            result = subprocess.run(step, capture_output=True, text=True, timeout=600)
            if result.returncode != 0:
                raise Unavailable(f"{' '.join(step[:4])} failed: {result.stderr.strip()[-600:]}")
        done.touch()
    return executable


class ActivityWatchServer:
    """``aw-server --testing`` with its data, config, cache and logs under ``home``."""

    def __init__(self, executable: Path, home: Path, port: int | None = None):
        self.executable, self.home, self.port = executable, home, port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("AW_", "XDG_"))}
        env.update(
            HOME=str(self.home),
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            XDG_STATE_HOME=str(self.home / "state"),
        )
        return env

    def start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        log = open(self.home / "aw-server.log", "ab")  # noqa: SIM115 (the child writes it until it ends)
        with log:
            self.process = subprocess.Popen(
                [str(self.executable), "--testing", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        pause = threading.Event()
        for _ in range(int(START_SECONDS / 0.05)):
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                self.request("GET", "/api/0/info")
                return
            pause.wait(0.05)
        self.stop()
        raise AssertionError(f"aw-server did not answer within {START_SECONDS} s: {self.log()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None:
            end_process(self.process)
            self.process = None

    def log(self) -> str:
        return (self.home / "aw-server.log").read_text(errors="replace")

    def request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            answer = response.read()
        return json.loads(answer) if answer.strip() else None


class Watchers:
    """The window and AFK watchers of one host, feeding ``server`` as the real ones do: their buckets,
    then heartbeats. Each test takes a host of its own (aw-server keeps a deleted bucket's last event
    in a cache, so buckets are not reused)."""

    def __init__(self, server: ActivityWatchServer, host: str = HOST):
        self.server, self.host, self.url = server, host, server.url
        self.window_bucket, self.afk_bucket = f"aw-watcher-window_{host}", f"aw-watcher-afk_{host}"
        for bucket, kind, client in (  # the AFK watcher's first: a source that sees a window watcher sees both
            (self.afk_bucket, "afkstatus", "aw-watcher-afk"),
            (self.window_bucket, "currentwindow", "aw-watcher-window"),
        ):
            server.request("POST", f"/api/0/buckets/{bucket}", {"client": client, "type": kind, "hostname": host})

    def heartbeat(self, bucket: str, at_ms: int, data: dict[str, str], pulsetime: float) -> None:
        event = {"timestamp": iso(at_ms), "duration": 0, "data": data}
        self.server.request("POST", f"/api/0/buckets/{bucket}/heartbeat?pulsetime={pulsetime}", event)

    def span(self, bucket: str, start_ms: int, seconds: float, data: dict[str, str]) -> None:
        """One event from ``start_ms`` for ``seconds``, made of two heartbeats as a watcher sends them."""
        self.heartbeat(bucket, start_ms, data, pulsetime=0)
        self.heartbeat(bucket, start_ms + round(seconds * 1000), data, pulsetime=seconds + 1)

    def window(self, start_ms: int, seconds: float, app: str, title: str = "") -> int:
        """The window watcher saw ``app`` active from ``start_ms`` for ``seconds``; returns its end."""
        self.span(self.window_bucket, start_ms, seconds, {"app": app, "title": title})
        return start_ms + round(seconds * 1000)

    def afk(self, start_ms: int, seconds: float, away: bool) -> int:
        """The AFK watcher: the user away (or there) from ``start_ms`` for ``seconds``; returns its end."""
        self.span(self.afk_bucket, start_ms, seconds, {"status": "afk" if away else "not-afk"})
        return start_ms + round(seconds * 1000)
