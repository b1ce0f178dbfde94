"""The Maildir source catches up: after a restart, or an inotify queue overflow that lost events, a
rescan records what was read or delivered meanwhile, once (real folders, a real observer)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from watchdog.observers import Observer

from focus.core.clock import Clock
from focus.core.events import INTERRUPTION, MAIL_RECEIVED
from focus.sources.maildir import OVERFLOW_LOGGER, MaildirSource
from tests.source_helpers import Lines, count_events, tracker_factory, wait_until

NAME = "17645{:02d}.M1P2.host,U={}"


def make_inbox(root: Path, messages: int = 6) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    for n in range(messages):
        (root / "new" / NAME.format(n, n)).write_text(f"Subject: {n}\n\nhello\n")
    return root


def read(inbox: Path, n: int) -> None:
    """What mutt does on reading message n: new/X → cur/X:2,S."""
    os.rename(inbox / "new" / NAME.format(n, n), inbox / "cur" / (NAME.format(n, n) + ":2,S"))


class Watch:
    """A MaildirSource on one inbox, started (and watched) or stopped as a restart would."""

    def __init__(self, tmp_path: Path, inbox: Path, observe: bool = True):
        self.db, self.inbox, self.observe = tmp_path / "focus.db", inbox, observe
        self.clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
        self.lines = Lines()
        self.source: MaildirSource | None = None
        self.observer: Observer | None = None

    def start(self) -> MaildirSource:
        self.source = MaildirSource([self.inbox], 120, tracker_factory(self.db, self.clock, "maildir"), self.lines)
        if self.observe:
            self.observer = Observer()
            self.source.schedule(self.observer)
            self.observer.start()
        self.source.start()
        return self.source

    def stop(self, cleanly: bool = True) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None
        assert self.source is not None
        if cleanly:
            self.source.stop()
        else:  # as if killed: nothing said at the end, only the connection closed
            logging.getLogger(OVERFLOW_LOGGER).removeHandler(self.source.overflow)
            self.source.email.close()


def test_reads_while_stopped_are_one_check_at_the_restart_and_a_second_restart_adds_nothing(tmp_path):
    inbox = make_inbox(tmp_path / "INBOX")
    watch = Watch(tmp_path, inbox, observe=False)
    watch.start()
    watch.stop()
    assert count_events(watch.db, INTERRUPTION) == 0  # the first look only remembers
    read(inbox, 1)
    read(inbox, 2)
    watch.start()
    assert count_events(watch.db, INTERRUPTION) == 1
    assert "caught up: 2 messages read in INBOX meanwhile" in watch.lines.queue.queue
    watch.stop()
    watch.start()
    watch.stop()
    assert count_events(watch.db, INTERRUPTION) == 1


def test_mail_delivered_while_stopped_is_mail_received_not_a_check(tmp_path):
    inbox = make_inbox(tmp_path / "INBOX")
    watch = Watch(tmp_path, inbox, observe=False)
    watch.start()
    watch.stop()
    for n in (10, 11, 12):
        (inbox / "new" / NAME.format(n, n)).write_text("Subject: late\n\n")
    watch.start()
    watch.stop()
    assert (count_events(watch.db, MAIL_RECEIVED), count_events(watch.db, INTERRUPTION)) == (3, 0)


def test_a_read_seen_live_is_not_counted_again_after_a_crash(tmp_path):
    inbox = make_inbox(tmp_path / "INBOX")
    watch = Watch(tmp_path, inbox)
    watch.start()
    read(inbox, 3)
    wait_until(lambda: count_events(watch.db, INTERRUPTION) == 1, what="the live check")
    watch.stop(cleanly=False)
    watch.start()
    watch.stop()
    assert count_events(watch.db, INTERRUPTION) == 1


def test_an_inotify_queue_overflow_rescans_and_records_what_was_lost(tmp_path):
    inbox = make_inbox(tmp_path / "INBOX")
    watch = Watch(tmp_path, inbox, observe=False)  # no observer: every rename below is "lost"
    watch.start()
    read(inbox, 4)
    read(inbox, 5)
    assert count_events(watch.db, INTERRUPTION) == 0
    # what watchdog's inotify reader logs when the kernel says IN_Q_OVERFLOW
    logging.getLogger(OVERFLOW_LOGGER).warning("Inotify queue overflowed; filesystem events were lost")
    wait_until(lambda: count_events(watch.db, INTERRUPTION) == 1, what="the rescan's check")
    wait_until(lambda: any("inotify queue overflow" in line for line in watch.lines.queue.queue), what="the notice")
    watch.stop()
    watch.start()
    watch.stop()
    assert count_events(watch.db, INTERRUPTION) == 1


def test_mail_delivered_while_the_sources_start_is_received_once(tmp_path):
    inbox = make_inbox(tmp_path / "INBOX")
    watch = Watch(tmp_path, inbox, observe=False)
    watch.start()
    watch.stop()
    watch.observe = True
    source = MaildirSource([inbox], 120, tracker_factory(watch.db, watch.clock, "maildir"), watch.lines)
    observer = Observer()
    source.schedule(observer)  # as the runner does: every source is watched, then each one starts
    observer.start()
    try:
        (inbox / "new" / NAME.format(20, 20)).write_text("Subject: just now\n\n")
        wait_until(lambda: count_events(watch.db, MAIL_RECEIVED) == 1, what="the arrival seen live")
        source.start()
    finally:
        observer.stop()
        observer.join(timeout=5)
        source.stop()
    assert count_events(watch.db, MAIL_RECEIVED) == 1


def test_a_folder_with_more_unread_than_is_kept_counts_no_old_mail_as_new(tmp_path, monkeypatch):
    from focus.sources import maildir_scan

    monkeypatch.setattr(maildir_scan, "MAX_KEPT", 5)
    inbox = make_inbox(tmp_path / "INBOX", messages=8)
    watch = Watch(tmp_path, inbox, observe=False)
    for _ in range(3):
        watch.start()
        watch.stop()
    assert count_events(watch.db, MAIL_RECEIVED) == 0  # the three beyond the five kept are not "new" each time
