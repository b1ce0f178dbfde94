"""Email checks from a Maildir, with a real watchdog observer on tmp_path and bounded waits."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from watchdog.observers import Observer

from focus.core import accounting, config
from focus.core.clock import Clock
from focus.core.errors import FocusError
from focus.core.events import INTERRUPTION, INTERRUPTION_EXTEND, MAIL_RECEIVED
from focus.sources.maildir import MaildirSource, flags, identity, is_activity
from tests.source_helpers import Lines, count_events, tracker_factory, wait_until


def make_maildir(root: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    return root


@pytest.fixture
def mailbox(tmp_path):
    """A Maildir INBOX with five delivered messages, watched by a running MaildirSource."""
    inbox = make_maildir(tmp_path / "Mail" / "INBOX")
    for n in range(12):
        (inbox / "new" / f"17645{n:02d}.M1P2.host,U={n}").write_text(f"Subject: {n}\n\nhello\n")
    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
    lines = Lines()
    source = MaildirSource([inbox], 120, tracker_factory(tmp_path / "focus.db", clock, "maildir"), lines)
    observer = Observer()
    source.schedule(observer)
    observer.start()
    source.seen = 0
    original = source.activity

    def counted(folder):
        original(folder)
        source.seen += 1

    source.activity = counted
    yield inbox, clock, lines, source, tmp_path / "focus.db"
    observer.stop()
    observer.join(timeout=5)
    source.stop()


def read(inbox: Path, n: int, flag: str = "S") -> None:
    """What mutt does on reading message n: new/X → cur/X:2,S."""
    name = f"17645{n:02d}.M1P2.host,U={n}"
    os.rename(inbox / "new" / name, inbox / "cur" / f"{name}:2,{flag}")


def summary(db: Path, clock: Clock):
    from focus.store.database import Store
    from focus.tracking import Tracker

    tracker = Tracker(Store(db), config.defaults(), clock)
    return accounting.summarize(tracker.day(dt.date(2026, 11, 27)), tracker.config, tracker.tz, clock.now_ms())


def test_names_and_flags():
    assert identity("1764.M1P2.host,U=7,FMD5=abc:2,RS") == "1764.M1P2.host"
    assert identity("1764.M1P2.host:2,S") == "1764.M1P2.host" and flags("x:2,FS") == "FS" and flags("x") == ""
    assert is_activity(Path("m/new/x"), Path("m/cur/x:2,S"))
    assert is_activity(Path("m/new/x"), Path("m/cur/x:2,"))  # mutt's mark_old: looked, not read
    assert is_activity(Path("m/cur/x:2,"), Path("m/cur/x:2,S"))
    assert not is_activity(Path("m/cur/x,U=1:2,S"), Path("m/cur/x,U=2:2,S"))  # a sync tool's rename
    assert not is_activity(Path("m/cur/x:2,S"), Path("m/cur/x:2,FS"))  # flagged, already seen
    assert not is_activity(Path("m/tmp/x"), Path("m/new/x"))  # delivery


def test_reading_one_message_is_one_email_check(mailbox):
    inbox, clock, lines, source, db = mailbox
    read(inbox, 0)
    assert lines.next() == "email check in INBOX"
    wait_until(lambda: source.seen == 1)
    assert count_events(db, INTERRUPTION) == 1
    s = summary(db, clock)
    assert s.interruptions_by_kind["email"] == 1


def test_ten_reads_within_the_burst_are_one_check_two_apart_are_two(mailbox):
    inbox, clock, _lines, source, db = mailbox
    for n in range(10):
        read(inbox, n)
        wait_until(lambda n=n: source.seen == n + 1, what=f"read {n}")
        clock.advance(10)  # 10 s apart: one burst
    assert count_events(db, INTERRUPTION) == 1
    clock.advance(300)  # far beyond burst_seconds = 120
    read(inbox, 10)
    wait_until(lambda: source.seen == 11)
    assert count_events(db, INTERRUPTION) == 2
    assert summary(db, clock).interruptions_by_kind["email"] == 2


def test_a_long_burst_makes_a_longer_check(mailbox):
    inbox, clock, _lines, source, db = mailbox
    for n in range(9):  # one read a minute for 8 minutes
        read(inbox, n)
        wait_until(lambda n=n: source.seen == n + 1)
        clock.advance(60)
    assert count_events(db, INTERRUPTION) == 1 and count_events(db, INTERRUPTION_EXTEND) >= 1
    # the check started at 10:00, its last read was at 10:08, and it lasts a minute past that
    assert summary(db, clock).totals["reactive"] == 9 * 60_000


def test_a_sync_tools_rename_is_not_a_check(mailbox):
    inbox, _clock, _lines, source, db = mailbox
    old = inbox / "cur" / "99.M1P2.host,U=5:2,S"
    old.write_text("seen on the phone")
    os.rename(old, inbox / "cur" / "99.M1P2.host,U=6:2,S")  # mbsync renumbers it
    os.rename(inbox / "cur" / "99.M1P2.host,U=6:2,S", inbox / "cur" / "99.M1P2.host,U=6:2,FS")  # flagged
    read(inbox, 11)  # a real read, to know the rest was seen
    wait_until(lambda: source.seen == 1)
    assert count_events(db, INTERRUPTION) == 1


def test_arrivals_are_counted_as_mail_received(mailbox):
    inbox, clock, lines, _source, db = mailbox
    (inbox / "tmp" / "new1").write_text("Subject: hi\n")
    os.rename(inbox / "tmp" / "new1", inbox / "new" / "new1")
    assert lines.next() == "mail received in INBOX"
    assert count_events(db, MAIL_RECEIVED) == 1 and count_events(db, INTERRUPTION) == 0
    assert summary(db, clock).mail_received == 1


def test_a_missing_maildir_is_a_clear_error_at_start(tmp_path):
    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
    source = MaildirSource([tmp_path / "nope"], 120, tracker_factory(tmp_path / "focus.db", clock, "maildir"), print)
    with pytest.raises(FocusError, match="not a Maildir folder"):
        source.schedule(Observer())
