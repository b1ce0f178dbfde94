"""Email checks noticed by ActivityWatch: a mail window (Outlook, Gmail in a browser, Apple Mail,
Thunderbird, …) active for at least ``min_seconds`` while the user is not AFK is mailbox activity, fed
into the shared burst rule at the moment the visit began. ActivityWatch has no push API: its REST API
is polled every ``poll_seconds`` (AW's own clients poll about once a minute).

What was judged is saved (``done``: every visit that began before it is decided; ``last``: the last
activity) with the events it led to, so a restart catches up from there exactly once — but never
from before today's midnight in the config's zone or the last hour, whichever is earlier (a check
belongs to the day it happened in; older ones are not the day's figures any more). The first start,
with nothing saved, catches up the same way."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any

from focus.core import activitywatch as aw
from focus.core.clock import day_bounds, from_ms
from focus.core.errors import FocusError
from focus.core.mail_windows import MailMatcher
from focus.core.source_config import ActivityWatchConfig
from focus.core.timeparse import said_clock
from focus.i18n import _
from focus.sources.activitywatch_api import MAX_EVENTS, TIMEOUT_SECONDS, ActivityWatchApi, BadAnswer, NotRunning
from focus.sources.backoff import Retry
from focus.sources.email_activity import EmailActivity
from focus.sources.status import CATCHING_UP, WATCHING, SourceBoard
from focus.tracking import Tracker

NAME = "activitywatch"  # its name on the board (focus sources), as status.configured gives it
CATCH_UP_MS = 60 * 60_000  # at least the last hour is caught up, even just after midnight
OVERLAP_MS = 1_000  # each poll reads from a little before ``done``: a visit going on since is seen as such
SAVE_EVERY_MS = 10 * 60_000  # progress with no check is saved this often (and at the stop)


class ActivityWatchSource:
    """Polls one ActivityWatch server from its own thread; ``board`` shows its state."""

    def __init__(
        self,
        config: ActivityWatchConfig,
        burst_seconds: int,
        make_tracker: Callable[[], Tracker],
        announce: Callable[[str], object],
        board: SourceBoard,
        hostname: str | None = None,
    ):
        self.config, self.announce, self.board = config, announce, board
        self.email = EmailActivity(make_tracker, burst_seconds, announce, state_name="activitywatch")
        self.burst_ms = burst_seconds * 1000
        self.api = ActivityWatchApi(config.url)
        self.matcher = MailMatcher(config.apps, config.titles)
        self.hostname = hostname or socket.gethostname()
        self.retry = Retry(announce, first=min(5.0, config.poll_seconds), most=float(config.poll_seconds))
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.done = 0  # every visit that began before this is judged
        self.last: int | None = None  # the last activity fed into the burst rule (saved)
        self.saved_done, self.saved_at = 0, 0
        self.checked_since_start = False
        self.said: set[str] = set()  # notes said once per run (the host read, truncated reads)
        self.max_events = MAX_EVENTS  # per bucket and poll

    def schedule(self, observer: object) -> None:
        """Nothing to watch on disk: the thread polls."""

    def start(self) -> None:
        self.board.set(NAME, CATCHING_UP, self.config.url)
        self.thread = threading.Thread(target=self.run, name="focus-activitywatch", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """End the poll thread: at once when it waits, after the request in flight otherwise."""
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=TIMEOUT_SECONDS + 5)

    def run(self) -> None:
        try:
            self.load()
            while not self.stopping.wait(self.poll_once()):
                pass
            self.save_progress(force=True)
        finally:
            self.email.close()

    def load(self) -> None:
        try:
            saved = self.email.saved()
        except FocusError as exc:
            self.announce(f"problem: {exc}")
            saved = {}
        self.done = self.saved_done = _ms(saved.get("done")) or 0
        self.last = _ms(saved.get("last"))

    def poll_once(self) -> float:
        """One poll; the seconds until the next (the backoff's pause after a failure)."""
        url = self.config.url
        try:
            self.poll()
        except NotRunning as exc:
            absent = _("ActivityWatch is not running at {url}").format(url=url)
            return self.trouble(f"{absent} ({exc})", absent)
        except BadAnswer as exc:
            return self.trouble(_("ActivityWatch at {url}: {exc}").format(url=url, exc=exc))
        except FocusError as exc:  # the database (a full disk): the next poll tries again from ``done``
            return self.trouble(str(exc))
        except Exception as exc:  # an answer of a shape nobody foresaw: said, retried, never the thread's end
            return self.trouble(
                _("ActivityWatch at {url}: an answer focus cannot read ({error_type})").format(
                    url=url, error_type=type(exc).__name__
                )
            )
        self.board.set(NAME, WATCHING)
        return float(self.config.poll_seconds)

    def trouble(self, problem: str, detail: str = "") -> float:
        """Say ``problem`` (once while it lasts), show it on the board; the pause before the next try."""
        pause = self.retry.next_pause()
        self.retry.problem(
            _("{problem}; trying again, at least every {most}").format(problem=problem, most=self.retry.most_text)
        )
        self.board.retrying(NAME, pause, detail or problem)
        return pause

    def poll(self) -> None:
        """Read what the watchers recorded since ``done`` and feed the visits that count."""
        now = self.email.now_ms()
        try:
            buckets = aw.choose_buckets(self.api.buckets(), self.hostname)
        except ValueError as exc:
            raise BadAnswer(str(exc)) from None
        if buckets.window is None:
            raise BadAnswer(_("no window watcher's bucket (type currentwindow): is aw-watcher-window running?"))
        self.retry.succeeded(_("ActivityWatch at {url} answers").format(url=self.config.url))
        if buckets.note:
            self.say_once(_("ActivityWatch: {note}").format(note=buckets.note))
        tz = self.email.tracker.clock.tz
        done = max(self.done, min(day_bounds(from_ms(now, tz).date(), tz)[0], now - CATCH_UP_MS))
        since = done - OVERLAP_MS
        raw, floor = self.read(buckets.window, since, now, "window")
        try:
            events, skipped = aw.window_events(raw)
            here = None
            if buckets.afk is not None:
                raw_afk, afk_floor = self.read(buckets.afk, since, now, "AFK")
                here, skipped_afk = aw.presence(raw_afk)
                skipped, floor = skipped + skipped_afk, max(floor, afk_floor)
        except ValueError as exc:
            raise BadAnswer(str(exc)) from None
        if skipped:
            self.say_once(
                _("ActivityWatch: skipped {skipped} events that are not the watchers' events").format(skipped=skipped)
            )
        done = max(done, floor)
        frontier = max((event.end for event in events), default=done)
        judgement = aw.judge(aw.visits(events, self.matcher), here, done, frontier, now, self.config.min_seconds * 1000)
        for noticed in judgement.noticed:
            self.notice(noticed)
        self.done = judgement.done
        self.save_progress()

    def read(self, bucket: str, since: int, now: int, what: str) -> tuple[list[Any], int]:
        """The bucket's events from ``since`` to ``now``, at most ``max_events`` (the newest), and where the
        events read begin: after a cut read (said once), visits before its oldest event are not judged."""
        raw = self.api.events(bucket, since, now, self.max_events + 1)
        if not isinstance(raw, list):
            raise BadAnswer(_("the {what} events are not a list").format(what=what))
        if len(raw) <= self.max_events:
            return raw, since
        kept = sorted(raw, key=_timestamp, reverse=True)[: self.max_events]
        when = from_ms(since, self.email.tracker.clock.tz)
        self.say_once(
            _("ActivityWatch: more than {most} {what} events since {time}: the oldest are skipped").format(
                most=self.max_events, what=what, time=said_clock(f"{when:%H:%M}")
            )
        )
        return kept, _timestamp(kept[-1])

    def notice(self, noticed: aw.Noticed) -> None:
        """A visit that counts: mailbox activity at its moment, ``done`` saved with it."""
        state = {"done": str(noticed.start + 1), "last": str(noticed.at)}
        if not self.checked_since_start and self.last is not None and 0 <= noticed.at - self.last <= self.burst_ms:
            # within the burst of a check recorded before the restart: that check, not a new one
            self.last = noticed.at
            return
        if self.email.activity(noticed.label, state=state, at=noticed.at):
            self.board.saw(NAME, _("email check in {where}").format(where=noticed.label))
        self.checked_since_start, self.last = True, noticed.at
        self.saved_done, self.saved_at = noticed.start + 1, self.email.now_ms()

    def save_progress(self, force: bool = False) -> None:
        """Save ``done`` when it moved on and the last save is ``SAVE_EVERY_MS`` old (or ``force``)."""
        now = self.email.now_ms()
        if self.done == self.saved_done or not (force or now - self.saved_at >= SAVE_EVERY_MS):
            return
        state = {"done": str(self.done)} | ({"last": str(self.last)} if self.last is not None else {})
        try:
            self.email.save(state)
        except FocusError as exc:
            self.announce(f"problem: {exc}")
            return
        self.saved_done, self.saved_at = self.done, now

    def say_once(self, line: str) -> None:
        if line not in self.said:
            self.said.add(line)
            self.announce(line)


def _timestamp(item: Any) -> int:
    return (aw.parse_time(item.get("timestamp")) if isinstance(item, dict) else None) or 0


def _ms(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None
