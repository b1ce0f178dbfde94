"""A full (or failing) disk (DESIGN §8): every failed write is one line naming the file, a file written
with --out appears whole or not at all, the event sources try again with growing pauses and say so
once, and once there is space again everything recovers with nothing lost.

Tests cannot fill a disk: SQLite's ``max_page_count`` stands in for a full disk under the database,
``/dev/full`` for a device that is full, and a file-size limit (``RLIMIT_FSIZE``, its signal ignored)
in a child process for a file that cannot grow (at least 32 KiB: SQLite writes its shared-memory
file up to there)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from focus.core import config
from focus.core.clock import Clock
from focus.core.errors import FocusError
from focus.sources import inbox
from focus.sources.inbox import InboxSource
from focus.store.database import Store
from focus.tracking import Tracker
from tests.source_helpers import Lines, count_events, wait_until

FOCUS = Path(sys.executable).parent / "focus"
# Run argv[2:] with files limited to argv[1] bytes: a write past it fails (EFBIG), as on a full disk.
LIMITED = (
    "import os, resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "n = int(sys.argv[1]); resource.setrlimit(resource.RLIMIT_FSIZE, (n, n)); os.execv(sys.argv[2], sys.argv[2:])"
)
BIG_NOTE = "\U0001d11e" * 1000  # 4000 bytes, the longest note: it needs a new page, never fits in old free space


def focus_limited(home: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """``focus ARGS`` on ``home`` in a child whose files cannot grow past ``limit`` bytes."""
    return subprocess.run(
        [sys.executable, "-c", LIMITED, str(limit), str(FOCUS), *args],
        env={**os.environ, "FOCUS_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, f"not one line: {stderr!r}"
    assert stderr.startswith("focus: ")
    return stderr[len("focus: ") : -1]


def full(store: Store) -> None:
    """No room for one more page in the database (as on a full disk)."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def make_event(tracker: Tracker, note: str = BIG_NOTE):
    return tracker.interruption_event("email", tracker.clock.now_ms(), None, note)


# -- the database --------------------------------------------------------------------------------


def test_a_write_to_a_full_database_says_the_disk_is_full_and_writes_nothing(tmp_path):
    """Not "cannot rollback - no transaction is active", which hid the real error."""
    with Store(tmp_path / "focus.db") as store:
        tracker = Tracker(store, config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-24T10:00"))
        store.append(make_event(tracker, "before"))
        full(store)
        with pytest.raises(FocusError) as refused:
            store.append_many([make_event(tracker) for _ in range(3)])
        assert str(refused.value) == (
            f"database {store.path}: the disk is full (database or disk is full); nothing was written"
        )
        assert store.count() == 1 and not store.conn.in_transaction
        store.conn.execute("PRAGMA max_page_count = 1073741823")  # space again
        assert store.append_many([make_event(tracker) for _ in range(3)]) == 3
        assert store.count() == 4


def test_focus_log_on_a_database_that_cannot_grow_is_one_line_and_recovers(tmp_path):
    for at in ("9", "10"):
        assert focus_limited(tmp_path, 1 << 30, "log", "email", "--at", at, "--note", BIG_NOTE).returncode == 0
    wal = tmp_path / "focus.db-wal"
    assert wal.stat().st_size > 32768
    failed = focus_limited(tmp_path, wal.stat().st_size, "log", "email", "--note", BIG_NOTE)
    assert failed.returncode == 2 and failed.stdout == ""
    message = one_line(failed.stderr)
    assert message.startswith(f"database {tmp_path / 'focus.db'}: ") and "; nothing was written" in message
    assert "rollback" not in message and ("disk is full" in message or "disk failed" in message), message
    assert count_events(tmp_path / "focus.db") == 2
    assert focus_limited(tmp_path, 1 << 30, "log", "email", "--note", BIG_NOTE).returncode == 0
    assert count_events(tmp_path / "focus.db") == 3


# -- files written with --out --------------------------------------------------------------------


@pytest.mark.parametrize("command", [("export", "events"), ("week",), ("plan", "export")], ids=" ".join)
def test_out_to_a_full_device_is_one_line_naming_it(focus, command):
    focus("log", "email", "--at", "9")
    result = focus(*command, "--out", "/dev/full", ok=False)
    assert result.exit_code == 2, result.exception
    assert one_line(result.stderr) == "cannot write /dev/full: No space left on device"


def many_events(home: Path, count: int) -> None:
    with Store(home / "focus.db") as store:
        tracker = Tracker(store, config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-24T10:00"))
        store.append_many([make_event(tracker, f"note {n}") for n in range(count)])


def test_an_export_that_fails_leaves_the_old_file_and_nothing_else(tmp_path):
    many_events(tmp_path, 300)  # ~70 KB of export
    backup = tmp_path / "backup.jsonl"
    backup.write_text("the old backup\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    failed = focus_limited(tmp_path, 40_000, "export", "events", "--out", str(backup))
    assert failed.returncode == 2
    assert one_line(failed.stderr) == f"cannot write {backup}: File too large"
    assert backup.read_text() == "the old backup\n"
    after = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("focus.db-wal", "focus.db-shm"))
    assert after == before  # no temporary file left behind
    done = focus_limited(tmp_path, 1 << 30, "export", "events", "--out", str(backup))
    assert done.returncode == 0 and done.stderr == f"exported 300 events to {backup}\n"
    assert len(backup.read_text().splitlines()) == 300 and stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_a_week_report_that_fails_leaves_no_empty_file(tmp_path):
    many_events(tmp_path, 10)
    out = tmp_path / "weeks.json"
    week = ("week", "--weeks", "104", "--format", "json", "--out", str(out))  # ~70 KB
    failed = focus_limited(tmp_path, 40_000, *week)
    assert failed.returncode == 2 and one_line(failed.stderr) == f"cannot write {out}: File too large"
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".weeks.json")]
    assert focus_limited(tmp_path, 1 << 30, *week).returncode == 0
    assert len(json.loads(out.read_text())["trend"]) == 104


# -- the event sources ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "why"), [(os.mkdir, "Is a directory"), (os.mkfifo, "Invalid argument")], ids=["not-made", "not-written"]
)
def test_focus_watch_that_cannot_write_its_lock_file_says_so_in_one_line(tmp_path, make, why):
    """A lock file that cannot be made, or written once made (as on a full disk)."""
    make(tmp_path / "sources.lock")
    failed = focus_limited(tmp_path, 1 << 30, "watch")
    assert failed.returncode == 2 and failed.stdout == ""
    assert one_line(failed.stderr) == f"cannot write the sources lock {tmp_path / 'sources.lock'}: {why}"


class FillingDisk(Store):
    """A store whose disk is full while ``full`` is set; counts the inbox's write attempts."""

    full = threading.Event()
    attempts = 0

    def append_once(self, events):
        FillingDisk.attempts += 1
        if self.full.is_set():
            full(self)
        else:
            self.conn.execute("PRAGMA max_page_count = 1073741823")
        return super().append_once(events)


def test_the_inbox_on_a_full_disk_backs_off_says_it_once_and_recovers(tmp_path, monkeypatch):
    folder, lines, db = tmp_path / "inbox", Lines(), tmp_path / "focus.db"
    folder.mkdir()
    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
    FillingDisk.full.set()
    FillingDisk.attempts = 0
    monkeypatch.setattr(inbox, "RETRY_SECONDS", (0.1, 0.2), raising=False)
    source = InboxSource(folder, lambda: Tracker(FillingDisk(db), config.defaults(), clock, source="inbox"), lines)
    for n in range(3):
        (folder / f"mail{n}.json").write_text(json.dumps({"type": "interruption", "kind": "email", "note": BIG_NOTE}))
    source.start()
    try:
        problem = lines.next()
        wait_until(lambda: FillingDisk.attempts >= 4, what="a few tries")  # 0.1 + 0.2 + 0.2 s apart
        threading.Event().wait(0.5)  # a while of trying: at most every 0.2 s, and nothing more said
        assert 4 <= FillingDisk.attempts <= 10, FillingDisk.attempts
        assert lines.queue.empty(), f"said again: {lines.queue.get()}"
        assert problem.startswith(f"problem: inbox: database {db}: the disk is full (database or disk is full)")
        assert "the files stay in the inbox" in problem
        assert count_events(db) == 0 and len(list(folder.glob("*.json"))) == 3
        FillingDisk.full.clear()  # space again
        recorded = sorted(lines.next() for _ in range(3))
        assert all(line.startswith("inbox mail") and line.endswith("email interruption") for line in recorded)
        assert lines.next() == "resolved: inbox: writing again; the files that waited are done"
    finally:
        source.stop()
    assert count_events(db) == 3 and not list(folder.glob("*.json"))


def test_a_file_that_cannot_be_moved_to_rejected_is_said_once_while_it_lasts(tmp_path, monkeypatch):
    folder, lines = tmp_path / "inbox", Lines()
    (folder / "rejected").mkdir(parents=True)
    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
    monkeypatch.setattr(inbox, "RETRY_SECONDS", (0.05, 0.1), raising=False)
    source = InboxSource(folder, lambda: Tracker(Store(tmp_path / "focus.db"), config.defaults(), clock), lines)
    (folder / "bad.json").write_text("{")
    (folder / "rejected" / ".bad.json.error.tmp").mkdir()  # the reason cannot be written: as on a full disk
    source.start()
    try:
        problem = lines.next()
        assert problem.startswith("problem: inbox bad.json: cannot move it to rejected/: cannot write ")
        threading.Event().wait(0.5)  # several tries
        assert lines.queue.empty(), lines.queue.get()
        (folder / "rejected" / ".bad.json.error.tmp").rmdir()
        assert (
            lines.next() == "problem: inbox bad.json rejected: broken JSON (Expecting property name enclosed in "
            "double quotes at line 1 column 2)"
        )
        assert lines.next() == "resolved: inbox: writing again; the files that waited are done"
    finally:
        source.stop()
    assert (folder / "rejected" / "bad.json").exists()


async def test_the_screen_shows_a_problem_said_again_and_again_once(tmp_path):
    """A source that keeps failing (the calendar's, say) never stacks toasts; "resolved" is shown."""
    from focus.tui.app import SourceLine
    from tests.tui_helpers import make_app, make_tracker, settle

    app = make_app(make_tracker(tmp_path, "2026-11-24T10:05"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for _ in range(50):
            app.post_message(SourceLine("problem: inbox: the disk is full"))
        await pilot.pause()
        app.post_message(SourceLine("resolved: inbox: writing again"))
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["inbox: the disk is full", "inbox: writing again"]
