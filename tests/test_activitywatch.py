"""The ActivityWatch source against a real aw-server on loopback (tests/servers/activitywatch.py), fed
window and AFK heartbeats through its API: a mail window while present is one check, and nothing else
is; a restart counts nothing twice; a server that is not there, or answers badly, is one line."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import sqlite3
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from focus.core import config
from focus.core.clock import Clock
from focus.core.source_config import ActivityWatchConfig
from focus.sources.activitywatch import NAME, ActivityWatchSource
from focus.sources.activitywatch_api import MAX_BYTES
from focus.sources.status import RECONNECTING, WATCHING, SourceBoard
from tests.servers.activitywatch import ActivityWatchServer, Unavailable, Watchers, aw_server_executable
from tests.source_helpers import Lines, count_events, tracker_factory, wait_until

BURST = 120
HOSTS = itertools.count(1)
RETRY_SECONDS = 0.2
ZONE = "Europe/Stockholm"


@pytest.fixture(scope="module")
def executable() -> Path:
    try:
        return aw_server_executable()
    except Unavailable as exc:
        pytest.fail(f"aw-server could not be installed for the tests: {exc}")


@pytest.fixture(scope="module")
def server(executable, tmp_path_factory) -> Iterator[ActivityWatchServer]:
    """One aw-server for the module; ``aw`` empties it for each test."""
    running = ActivityWatchServer(executable, tmp_path_factory.mktemp("aw-home"))
    running.start()
    yield running
    running.stop()


@pytest.fixture
def aw(server) -> Watchers:
    """Watchers of a host of this test's own on the module's server."""
    return Watchers(server, f"host{next(HOSTS)}")


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class Watch:
    """The source on one database, started and stopped by the test (the Runner's part)."""

    def __init__(self, db: Path, url: str, host: str, **options):
        self.db, self.url, self.host, self.options = db, url, host, options
        self.lines, self.board = Lines(), SourceBoard(Clock(ZONE))
        self.source: ActivityWatchSource | None = None

    def start(self, poll_seconds: int = 1, max_events: int | None = None) -> ActivityWatchSource:
        settings = ActivityWatchConfig(url=self.url, poll_seconds=poll_seconds, **self.options)
        make = tracker_factory(self.db, Clock(ZONE), "activitywatch", config.defaults())
        self.source = ActivityWatchSource(settings, BURST, make, self.lines, self.board, self.host)
        self.source.retry.first = self.source.retry.most = RETRY_SECONDS  # the suite's time: 0.2 s, not 1 s
        self.source.max_events = max_events or self.source.max_events
        self.source.start()
        return self.source

    def judged(self, until: int) -> None:
        """Wait until the source has judged every visit that began before ``until``."""
        wait_until(lambda: self.source is not None and self.source.done >= until, what=f"judged up to {until}")

    def stop(self) -> None:
        if self.source is not None:
            self.source.stop()
            assert self.source.thread is not None and not self.source.thread.is_alive()

    def said(self) -> list[str]:
        while not self.lines.queue.empty():
            self.lines.next()
        return self.lines.seen


@pytest.fixture
def watch(tmp_path) -> Iterator[Callable]:
    started: list[Watch] = []

    def make(aw: Watchers, url: str = "", **options) -> Watch:
        """The source reading ``aw``'s host, at ``url`` when given (else ``aw``'s server)."""
        one = Watch(tmp_path / "focus.db", url or aw.url, aw.host, **options)
        started.append(one)
        return one

    yield make
    for one in started:
        one.stop()


def checks(db: Path) -> list[tuple[int, str]]:
    """(at, note) of every email check recorded."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT at, payload FROM events WHERE type = 'interruption' ORDER BY at").fetchall()
    return [(at, json.loads(payload)["note"]) for at, payload in rows if json.loads(payload)["kind"] == "email"]


def visit(aw: Watchers, start: int, seconds: float, app: str, title: str = "", away: bool = False) -> int:
    """The user at ``app`` (or away from it) for ``seconds``, then 5 s in an editor; returns the end."""
    aw.afk(start - 1000, seconds + 7, away)
    end = aw.window(start, seconds, app, title)
    return aw.window(end + 500, 5, "code", "notes.md - Visual Studio Code")


# -- what counts --------------------------------------------------------------------------------------


def test_outlook_active_30_s_while_present_is_one_email_check(aw, watch):
    start = now_ms() - 5 * 60_000
    end = visit(aw, start, 30, "OUTLOOK.EXE", "Inkorgen - anna@x.se - Outlook")
    one = watch(aw)
    one.start(poll_seconds=60)
    one.judged(end)
    began = time.monotonic()
    one.stop()  # waiting a minute for the next poll: the stop does not wait for it
    assert time.monotonic() - began < 1
    assert checks(one.db) == [(start, "OUTLOOK.EXE")]
    assert one.said() == ["email check in OUTLOOK.EXE"]
    board = one.board.snapshot()[0]
    assert (board["name"], board["state"], board["last_seen"]) == (NAME, WATCHING, "email check in OUTLOOK.EXE")


@pytest.mark.parametrize(
    ("why", "seconds", "app", "title", "away"),
    [
        ("while AFK", 30, "OUTLOOK.EXE", "Inbox - anna@x.se - Outlook", True),
        ("shorter than min_seconds", 3, "olk.exe", "Mail - Anna - Outlook", False),
        ("not a mail window", 60, "chrome.exe", "Outlook for the quarter – Google Docs - Google Chrome", False),
    ],
)
def test_no_check(aw, watch, why, seconds, app, title, away):
    start = now_ms() - 5 * 60_000
    end = visit(aw, start, seconds, app, title, away)
    one = watch(aw)
    one.start()
    one.judged(end)
    assert count_events(one.db, "interruption") == 0, why
    assert one.said() == []


def test_three_mail_windows_within_the_burst_are_one_check(aw, watch):
    start = now_ms() - 10 * 60_000
    at = start
    for title in ("Inbox (3) - Gmail", "Re: Offert - anna@x.se - Gmail", "Inbox - Gmail"):
        at = visit(aw, at, 10, "firefox", f"{title} — Mozilla Firefox") + 20_000  # 10 s of Gmail every ~37 s
    one = watch(aw)
    one.start()
    one.judged(at - 20_000)
    assert checks(one.db) == [(start, "Gmail (firefox)")]
    assert one.said() == ["email check in Gmail (firefox)"]


def test_a_restart_counts_nothing_twice_and_catches_up_what_came_meanwhile_once(aw, watch):
    first = now_ms() - 20 * 60_000
    end = visit(aw, first, 30, "Thunderbird", "Inbox - anna@x.se - Mozilla Thunderbird")
    one = watch(aw)
    one.start()
    one.judged(end)
    one.stop()
    assert checks(one.db) == [(first, "Thunderbird")]
    # while stopped: mail at 10 min ago, and again a minute later (within its burst)
    second = now_ms() - 10 * 60_000
    end = visit(aw, second, 20, "Mail", "Inkorg – 3 meddelanden")
    end = visit(aw, end + 60_000, 20, "Mail", "Inkorg – 2 meddelanden")
    two = watch(aw)
    two.start()
    two.judged(end)
    two.stop()
    assert checks(two.db) == [(first, "Thunderbird"), (second, "Mail")]
    three = watch(aw)
    three.start()
    three.judged(end)
    three.stop()
    assert checks(three.db) == [(first, "Thunderbird"), (second, "Mail")]
    assert three.said() == []


def test_a_check_just_before_a_restart_keeps_its_burst_after_it(aw, watch):
    start = now_ms() - 6 * 60_000
    end = visit(aw, start, 10, "OUTLOOK.EXE", "Inbox - Outlook")
    one = watch(aw)
    one.start()
    one.judged(end)
    one.stop()
    end = visit(aw, end + 30_000, 10, "OUTLOOK.EXE", "Inbox - Outlook")  # 45 s later, while stopped
    two = watch(aw)
    two.start()
    two.judged(end)
    two.stop()
    assert checks(two.db) == [(start, "OUTLOOK.EXE")]


def test_a_poll_reads_a_bounded_number_of_events_and_says_what_it_skipped(aw, watch):
    starts = [now_ms() - minutes * 60_000 for minutes in (9, 6, 3)]  # three checks, each one mail window
    for start in starts:
        end = visit(aw, start, 10, "OUTLOOK.EXE", "Inbox - Outlook")  # and an editor: two window events each
    one = watch(aw)
    one.start(max_events=4)
    one.judged(end)
    assert checks(one.db) == [(starts[1], "OUTLOOK.EXE"), (starts[2], "OUTLOOK.EXE")]
    skipped, *rest = one.said()
    assert re.fullmatch(r"ActivityWatch: more than 4 window events since \d\d:\d\d: the oldest are skipped", skipped)
    assert rest == ["email check in OUTLOOK.EXE"] * 2


# -- a server that is not there, or answers badly ---------------------------------------------------


class Counting:
    """Counts the source's requests (to wait for its retries without sleeping)."""

    def __init__(self, source: ActivityWatchSource):
        self.calls, self.real = 0, source.api.get
        source.api.get = self  # type: ignore[method-assign]

    def __call__(self, path: str):
        self.calls += 1
        return self.real(path)


def test_activitywatch_not_running_is_one_line_and_the_source_connects_when_it_comes_up(executable, tmp_path, watch):
    later = ActivityWatchServer(executable, tmp_path / "aw-later")
    one = watch(SimpleNamespace(url=later.url, host="later"))
    source = one.start()
    requests = Counting(source)
    wait_until(lambda: requests.calls >= 3, what="three tries")
    problem = (
        f"problem: ActivityWatch is not running at {later.url} (connection refused); trying again, at least every 0.2 s"
    )
    assert one.said() == [problem]
    entry = one.board.snapshot()[0]
    assert entry["state"] == RECONNECTING
    assert re.fullmatch(rf"next try at \d\d:\d\d:\d\d: ActivityWatch is not running at {later.url}", entry["detail"])
    later.start()
    try:
        start = now_ms() - 60_000
        end = visit(Watchers(later, "later"), start, 20, "OUTLOOK.EXE", "Inbox - Outlook")
        one.judged(end)
        assert checks(one.db) == [(start, "OUTLOOK.EXE")]
        # a poll between the server's start and the watchers' first heartbeats finds no window watcher yet
        said = [line for line in one.said() if "no window watcher's bucket" not in line]
        assert said == [problem, f"resolved: ActivityWatch at {later.url} answers", "email check in OUTLOOK.EXE"]
        assert one.board.snapshot()[0]["state"] == WATCHING
    finally:
        one.stop()
        later.stop()


class Flaky(BaseHTTPRequestHandler):
    """In front of the real server: first an HTTP 500, then not JSON, then too large; then the real answers."""

    answers: list[tuple[int, bytes]]
    upstream: str

    def do_GET(self):
        if self.answers:
            status, body = self.answers.pop(0)
        else:
            with urllib.request.urlopen(self.upstream + self.path, timeout=10) as answer:
                status, body = answer.status, answer.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_bad_answers_are_one_line_each_and_never_stop_the_source(aw, watch):
    Flaky.upstream = aw.url
    Flaky.answers = [
        (500, b"<h1>Internal Server Error</h1>"),
        (200, b"<html>"),
        (200, b"[" + b"1," * MAX_BYTES + b"1]"),
        (200, json.dumps({"aw-watcher-window_x": {"type": ["currentwindow"], "hostname": []}}).encode()),
    ]
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    serving = threading.Thread(target=proxy.serve_forever, daemon=True)
    serving.start()
    try:
        url = f"http://127.0.0.1:{proxy.server_address[1]}"
        start = now_ms() - 3 * 60_000
        end = visit(aw, start, 15, "OUTLOOK.EXE", "Inbox - Outlook")
        one = watch(aw, url)
        one.start()
        one.judged(end)
        assert checks(one.db) == [(start, "OUTLOOK.EXE")]
        where, again = f"problem: ActivityWatch at {url}", "trying again, at least every 0.2 s"
        assert one.said() == [
            f"{where}: HTTP 500 Internal Server Error for /api/0/buckets/; {again}",
            f"{where}: the answer to /api/0/buckets/ is not JSON; {again}",
            f"{where}: the answer to /api/0/buckets/ is larger than 8 MB; {again}",
            f"{where}: no window watcher's bucket (type currentwindow): is aw-watcher-window running?; {again}",
            f"resolved: ActivityWatch at {url} answers",
            "email check in OUTLOOK.EXE",
        ]
    finally:
        proxy.shutdown()
        proxy.server_close()


# -- through `focus watch` --------------------------------------------------------------------------


def test_focus_watch_names_activitywatch_and_counts_outlook(server, tmp_path, spawn):
    aw = Watchers(server)  # this machine's watchers: `focus watch` reads its own host's buckets
    (tmp_path / "config.toml").write_text(f'[sources.activitywatch]\nurl = "{aw.url}"\npoll_seconds = 1\n')
    start = now_ms() - 4 * 60_000
    visit(aw, start, 30, "OUTLOOK.EXE", "Inkorgen - anna@x.se - Outlook")
    focus = Path(sys.executable).parent / "focus"
    child = spawn([focus, "watch"], env={**os.environ, "FOCUS_HOME": str(tmp_path)})
    assert child.line() == f"watching the inbox {tmp_path / 'inbox'}, ActivityWatch {aw.url} (ctrl+c stops)"
    assert child.line().endswith(" email check in OUTLOOK.EXE")
    child.send_signal(signal.SIGTERM)
    assert child.wait() == 0, child.stderr
    assert checks(tmp_path / "focus.db") == [(start, "OUTLOOK.EXE")]


def test_an_answer_nobody_foresaw_is_one_line_and_the_source_polls_on(tmp_path):
    lines, board = Lines(), SourceBoard(Clock.fixed("Europe/Stockholm", "2026-11-24T10:00"))
    clock = Clock.fixed("Europe/Stockholm", "2026-11-24T10:00")
    source = ActivityWatchSource(
        ActivityWatchConfig(url="http://127.0.0.1:9", poll_seconds=60),
        120,
        tracker_factory(tmp_path / "focus.db", clock, "activitywatch"),
        lines,
        board,
    )

    def surprise() -> None:
        raise KeyError("data")

    source.poll = surprise
    assert source.poll_once() > 0  # a pause before the next try, not the thread's end
    assert lines.next() == (
        "problem: ActivityWatch at http://127.0.0.1:9: an answer focus cannot read (KeyError); "
        "trying again, at least every 1 min"
    )
    assert board.snapshot()[0]["state"] == RECONNECTING
