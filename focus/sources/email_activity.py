"""The burst rule every mail source shares: mailbox activity within ``burst_seconds`` of the last is one
email check. The Maildir, IMAP and ActivityWatch sources each feed one of these; a check noticed by two
of them, or by a source and the ``e`` key, is still one check in every report (DESIGN §3 rule 11,
``focus.core.accounting``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from focus.core import events
from focus.core.errors import FocusError
from focus.core.model import Event
from focus.i18n import _, ngettext
from focus.store import source_state
from focus.tracking import Tracker

READING_MS = 60_000  # a check lasts at least until a minute after its last activity
GROW_STEP_MS = 30_000  # write a longer end only when it grows by more than this


class _Check:
    def __init__(self, event_id: str, start: int, end: int):
        self.event_id, self.start, self.end, self.last = event_id, start, end, start


class EmailActivity:
    """Records one source's email checks and mail received, each thread on its own connection.

    ``state_name`` names the source's saved state (``focus.store.source_state``): what it last saw is
    written in the same transaction as the events it led to, so a restart never records them twice."""

    def __init__(
        self,
        make_tracker: Callable[[], Tracker],
        burst_seconds: int,
        announce: Callable[[str], object],
        state_name: str = "",
    ):
        self.make_tracker, self.burst_ms, self.announce = make_tracker, burst_seconds * 1000, announce
        self.state_name = state_name
        self.check: _Check | None = None
        self.lock = threading.Lock()
        self.local = threading.local()

    @property
    def tracker(self) -> Tracker:
        """This thread's tracker (each thread has its own database connection)."""
        tracker: Tracker | None = getattr(self.local, "tracker", None)
        if tracker is None:
            tracker = self.local.tracker = self.make_tracker()
        return tracker

    def now_ms(self) -> int:
        return self.tracker.clock.now_ms()

    def saved(self) -> dict[str, str]:
        """The state this source saved last time (empty the first time)."""
        return source_state.load(self.tracker.store, self.state_name)

    def save(self, state: Mapping[str, str | None]) -> None:
        """Save what the source saw, with no event (e.g. a mailbox's new HIGHESTMODSEQ after arrivals)."""
        self._write([], state)

    def activity(self, where: str, state: Mapping[str, str | None] | None = None, at: int | None = None) -> bool:
        """Mailbox activity now, or at ``at`` when the source knows when it happened (in time order; in
        ``where``, e.g. "INBOX on imap.example.com"): a new check, or the running burst's check grows.
        Returns True when a new check was recorded. A problem is announced, never raised: one bad write
        must not stop the source."""
        with self.lock:
            tracker = self.tracker
            now = tracker.clock.now_ms() if at is None else at
            check = self.check
            try:
                if check is None or now - check.last > self.burst_ms:
                    event = tracker.make_event(
                        events.INTERRUPTION, now, events.interruption_payload("email", None, where)
                    )
                    self._write([event], state)
                    default = tracker.config.interruption_minutes["email"] * 60_000
                    self.check = _Check(event.id, now, now + default)
                    self.announce(_("email check in {where}").format(where=where))
                    return True
                check.last = now
                grown: list[Event] = []
                end = now + READING_MS
                if end > check.end + GROW_STEP_MS:
                    payload = events.interruption_extend_payload(end)
                    grown.append(tracker.make_event(events.INTERRUPTION_EXTEND, now, payload, ref=check.event_id))
                if grown or state:
                    self._write(grown, state)
                if grown:
                    check.end = end  # only once written: a failed write grows it at the next activity
            except FocusError as exc:
                self.announce(f"problem: {exc}")
            return False

    def received(self, where: str, count: int = 1, state: Mapping[str, str | None] | None = None) -> None:
        """``count`` messages delivered to ``where``: mail received, not a check."""
        with self.lock:
            tracker = self.tracker
            now = tracker.clock.now_ms()
            try:
                self._write(
                    [
                        tracker.make_event(events.MAIL_RECEIVED, now, events.mail_received_payload(where))
                        for _ in range(count)
                    ],
                    state,
                )
            except FocusError as exc:
                self.announce(f"problem: {exc}")
                return
            self.announce(
                ngettext("mail received in {where}", "{count} messages received in {where}", count).format(
                    count=count, where=where
                )
            )

    def _write(self, new: list[Event], state: Mapping[str, str | None] | None) -> None:
        store = self.tracker.store
        if state and self.state_name:
            source_state.record(store, self.state_name, state, new)
        elif new:
            store.append_many(new)

    def close(self) -> None:
        """Close this thread's connection (each thread that used the source calls it, or the runner)."""
        tracker = getattr(self.local, "tracker", None)
        if tracker is not None:
            tracker.store.close()
            self.local.tracker = None


def caught_up_line(n: int, where: str) -> str:
    """The line for what was read in ``where`` while nobody watched."""
    return ngettext(
        "caught up: {n} message read in {where} meanwhile", "caught up: {n} messages read in {where} meanwhile", n
    ).format(n=n, where=where)
