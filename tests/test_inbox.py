"""The inbox folder with a real watchdog observer: exactly once, nothing lost, bad files rejected."""

from __future__ import annotations

import json
import os

import pytest
from watchdog.observers import Observer

from focus.core.clock import Clock
from focus.sources.inbox import InboxSource
from tests.source_helpers import Lines, count_events, tracker_factory, wait_until

CLOCK = "2026-11-27T10:00"


@pytest.fixture
def inbox(tmp_path):
    """A running inbox source; yields (folder, lines, db, start) — call start() to begin watching."""
    folder = tmp_path / "inbox"
    clock = Clock.fixed("Europe/Stockholm", CLOCK)
    lines = Lines()
    running = []

    def start():
        source = InboxSource(folder, tracker_factory(tmp_path / "focus.db", clock, "inbox"), lines)
        observer = Observer()
        source.schedule(observer)
        observer.start()
        source.start()
        running.append((observer, source))
        return source

    folder.mkdir(mode=0o700)
    yield folder, lines, tmp_path / "focus.db", start
    for observer, source in running:
        observer.stop()
        observer.join(timeout=5)
        source.stop()


def drop(folder, name: str, content: str) -> None:
    """As producers should: write a temporary name, then rename."""
    temporary = folder / f".{name}.tmp"
    temporary.write_text(content)
    os.rename(temporary, folder / name)


def waiting(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "rejected")


def test_an_interruption_an_outcome_and_a_block_are_recorded_and_removed(inbox):
    folder, _lines, db, start = inbox
    start()
    drop(
        folder,
        "phone.json",
        json.dumps({"type": "interruption", "kind": "phone", "at": "2026-11-27T09:44:00+01:00", "minutes": 3}),
    )
    drop(folder, "calls.json", json.dumps({"type": "outcome", "kind": "call", "count": 2}))
    drop(
        folder,
        "plan.json",
        json.dumps(
            {
                "type": "block",
                "date": "2026-11-27",
                "start": "09:00",
                "end": "10:00",
                "category": "calls",
                "title": "Ring",
            }
        ),
    )
    wait_until(lambda: count_events(db) == 3 and not waiting(folder), what="three files recorded")
    import datetime as dt

    from focus.core import config
    from focus.store.database import Store
    from focus.tracking import Tracker

    tracker = Tracker(Store(db), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-27T18:00"))
    summary = tracker.summary(dt.date(2026, 11, 27))
    assert summary.interruptions_by_kind["phone"] == 1 and summary.totals["reactive"] == 3 * 60_000
    assert summary.outcomes["call"] == 2
    assert [(b.start_text, b.title, b.source) for b in tracker.day(dt.date(2026, 11, 27)).blocks] == [
        ("09:00", "Ring", "inbox")
    ]


def test_1000_files_dropped_at_once_are_1000_events(inbox):
    folder, _lines, db, start = inbox
    start()
    for n in range(1000):
        drop(folder, f"call-{n}.json", json.dumps({"type": "outcome", "kind": "call", "id": f"crm-{n}"}))
    wait_until(lambda: not waiting(folder), timeout=60, what="the inbox to empty")
    assert count_events(db) == 1000
    assert not list((folder / "rejected").iterdir())


def test_json_lines_files_and_files_waiting_before_start(inbox):
    folder, _lines, db, start = inbox
    drop(
        folder,
        "early.jsonl",
        "\n".join(json.dumps({"type": "outcome", "kind": k}) for k in ("call", "meeting", "quote")),
    )
    drop(folder, "early2.json", json.dumps({"type": "interruption", "kind": "walk-in"}))
    start()
    wait_until(lambda: count_events(db) == 4 and not waiting(folder))


def test_exactly_once_by_id_and_by_content_also_across_restarts(inbox):
    folder, lines, db, start = inbox
    source = start()
    drop(folder, "a.json", json.dumps({"type": "outcome", "kind": "deal", "id": "crm-42"}))
    drop(folder, "b.json", json.dumps({"type": "outcome", "kind": "quote", "at": "2026-11-27T09:00:00+01:00"}))
    wait_until(lambda: count_events(db) == 2 and not waiting(folder))
    drop(folder, "a-again.json", json.dumps({"type": "outcome", "kind": "deal", "count": 1, "id": "crm-42"}))
    wait_until(lambda: not waiting(folder))
    assert count_events(db) == 2 and any("already recorded" in line for line in _drain(lines))
    source.stop()
    drop(folder, "b-again.json", json.dumps({"type": "outcome", "kind": "quote", "at": "2026-11-27T09:00:00+01:00"}))
    start()  # a restart: the file waits, then is known
    wait_until(lambda: not waiting(folder))
    assert count_events(db) == 2


def _drain(lines: Lines) -> list[str]:
    import queue

    while True:
        try:
            lines.next(timeout=0.5)
        except queue.Empty:
            return lines.seen


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.json", '{"type": "outcome", "kind":', "broken JSON"),
        ("unknown.json", '{"type": "mood", "level": 3}', "unknown type 'mood'"),
        ("kind.json", '{"type": "interruption", "kind": "fax"}', "unknown interruption kind 'fax'"),
        ("typo.json", '{"type": "outcome", "kind": "call", "cuont": 2}', "unknown field 'cuont'"),
        ("when.json", '{"type": "outcome", "kind": "call", "at": "yesterday-ish"}', "not an ISO date-time"),
        (
            "big.json",
            '{"type": "outcome", "kind": "call", "note": "' + "x" * (1 << 20) + '"}',
            "the limit is 1048576 bytes",
        ),
        ("notes.txt", "call Anna back", "not a .json or .jsonl file"),
        (
            "overlap.jsonl",
            '{"type": "block", "date": "2026-11-27", "start": "9", "end": "10", "category": "calls"}\n'
            '{"type": "block", "date": "2026-11-27", "start": "9:30", "end": "11", "category": "calls"}',
            "overlaps",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "",
)
def test_bad_files_go_to_rejected_with_the_reason(inbox, name, content, reason):
    folder, _lines, db, start = inbox
    start()
    drop(folder, name, content)
    # the reason is written first, then the file moves: wait for both
    wait_until(
        lambda: (
            (folder / "rejected" / (name + ".error.txt")).exists()
            and (folder / "rejected" / name).exists()
            and not (folder / name).exists()
        ),
        what="the rejection",
    )
    assert reason in (folder / "rejected" / (name + ".error.txt")).read_text()
    assert (folder / "rejected" / (name + ".error.txt")).stat().st_mode & 0o777 == 0o600
    assert (folder / "rejected" / name).exists() and not (folder / name).exists()
    assert count_events(db) == 0


def test_a_symlink_is_never_followed(inbox, tmp_path):
    folder, _lines, db, start = inbox
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"type": "outcome", "kind": "deal"}))
    start()
    os.symlink(secret, folder / "link.json")
    wait_until(
        lambda: (
            (folder / "rejected" / "link.json.error.txt").exists() and (folder / "rejected" / "link.json").is_symlink()
        )
    )
    assert "symbolic link" in (folder / "rejected" / "link.json.error.txt").read_text()
    assert (folder / "rejected" / "link.json").is_symlink() and secret.exists()
    assert count_events(db) == 0


def test_dotfiles_and_temporary_names_are_left_alone(inbox):
    folder, _lines, db, start = inbox
    start()
    (folder / ".hidden.json").write_text("{}")
    (folder / "half.json.part").write_text("{")
    drop(folder, "real.json", json.dumps({"type": "outcome", "kind": "call"}))
    # recorded first, then the file removed: wait for both
    wait_until(lambda: count_events(db) == 1 and waiting(folder) == [".hidden.json", "half.json.part"])
    assert count_events(db) == 1


def test_a_plain_write_is_read_once_it_is_closed(inbox):
    folder, _lines, db, start = inbox
    start()
    with open(folder / "slow.json", "w") as stream:
        stream.write('{"type": "outcome",')
        stream.flush()
        stream.write(' "kind": "meeting"}')
    wait_until(lambda: count_events(db) == 1 and not waiting(folder))
    assert not list((folder / "rejected").iterdir())


def test_a_reused_file_name_is_recorded_each_time(inbox):
    folder, _lines, db, start = inbox
    start()
    for n in range(3):
        drop(folder, "call.json", json.dumps({"type": "outcome", "kind": "call", "id": f"dial-{n}"}))
        wait_until(lambda n=n: count_events(db) == n + 1 and not waiting(folder), what=f"call.json number {n + 1}")


def test_files_whose_events_were_lost_are_found_after_the_next_burst(tmp_path):
    """The kernel's event queue can overflow under thousands of files: simulate lost events by
    running the source with no observer at all and offering just one of the files."""
    folder = tmp_path / "inbox"
    clock = Clock.fixed("Europe/Stockholm", CLOCK)
    source = InboxSource(folder, tracker_factory(tmp_path / "focus.db", clock, "inbox"), Lines())
    folder.mkdir()
    (folder / "rejected").mkdir()
    source.worker.start()  # started without the initial scan
    try:
        for n in range(5):
            drop(folder, f"lost-{n}.json", json.dumps({"type": "outcome", "kind": "call", "id": f"lost-{n}"}))
        source.on_moved(type("Moved", (), {"dest_path": str(folder / "lost-0.json")})())
        wait_until(lambda: count_events(tmp_path / "focus.db") == 5 and not waiting(folder), what="all five")
    finally:
        source.stop()


def test_identical_drops_without_id_or_at_are_each_recorded(inbox):
    folder, _lines, db, start = inbox
    start()
    for n in range(3):  # three calls made, the same little file each time
        drop(folder, f"dial-{n}.json", json.dumps({"type": "outcome", "kind": "call"}))
    drop(folder, "again.jsonl", '{"type": "outcome", "kind": "call"}\n{"type": "outcome", "kind": "call"}')
    wait_until(lambda: count_events(db) == 5 and not waiting(folder), what="five calls")


def test_a_date_out_of_range_is_rejected_and_the_inbox_goes_on(inbox):
    folder, _lines, db, start = inbox
    start()
    drop(folder, "odd.json", json.dumps({"type": "interruption", "kind": "phone", "at": "0001-01-01T00:00:00+14:00"}))
    wait_until(lambda: (folder / "rejected" / "odd.json.error.txt").exists())
    assert "outside the days focus keeps" in (folder / "rejected" / "odd.json.error.txt").read_text()
    drop(folder, "fine.json", json.dumps({"type": "outcome", "kind": "call"}))
    wait_until(lambda: count_events(db) == 1 and not waiting(folder))


def test_an_unusable_database_is_said_once_and_the_files_wait(tmp_path):
    """The inbox's worker cannot open the database (another program's SQLite file): one problem line, no
    traceback from its thread, and the dropped file is still there."""
    import sqlite3
    import threading

    db = tmp_path / "focus.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    folder, lines = tmp_path / "inbox", Lines()
    folder.mkdir()
    (folder / "call.json").write_text(json.dumps({"type": "outcome", "kind": "call"}))
    crashed: list[BaseException] = []
    previous, threading.excepthook = threading.excepthook, lambda args: crashed.append(args.exc_value)
    source = InboxSource(
        folder, tracker_factory(db, Clock.fixed("Europe/Stockholm", "2026-11-27T10:00"), "inbox"), lines
    )
    observer = Observer()
    source.schedule(observer)
    try:
        source.start()
        line = lines.next()
        source.worker.join(timeout=10)
    finally:
        source.stop()
        threading.excepthook = previous
    assert line.startswith("problem: inbox: database ") and "another program" in line and str(folder) in line
    assert not source.worker.is_alive() and crashed == []
    assert (folder / "call.json").exists()
