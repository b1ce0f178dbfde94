"""A damaged database file (DESIGN §8): an empty or cut-short file is refused, never made anew unless
asked (``focus db init --force``); a file SQLite's integrity check finds damaged takes no writes, and
``focus export events`` saves what it still holds; a read-only folder still gives every report."""

from __future__ import annotations

import ctypes
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from focus.core import config
from focus.core.clock import Clock
from focus.core.errors import FocusError
from focus.sources.lock import SourcesLock
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from tests.conftest import Focus
from tests.source_helpers import Lines, wait_until

EVENTS = 3000
NOW = "2026-11-24T18:00"


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of 3000 events over a month, closed (everything in the main file), made once."""
    db = tmp_path_factory.mktemp("seeded") / "focus.db"
    with Store(db) as store:
        tracker = Tracker(store, config.defaults(), Clock.fixed("Europe/Stockholm", NOW), device="test")
        now = tracker.clock.now_ms()
        store.append_many(
            tracker.interruption_event("email", now - n * 900_000, None, f"note {n}") for n in range(EVENTS)
        )
    assert not db.with_name("focus.db-wal").exists()
    return db


def home_with(folder: Path, database: Path | None) -> Focus:
    """``focus`` on a home in ``folder`` (made), with a copy of ``database`` in it."""
    folder.mkdir(exist_ok=True)
    if database is not None:
        shutil.copyfile(database, folder / "focus.db")
    return Focus(Paths(folder / "config.toml", folder), NOW)


def one_line(result) -> str:
    """Exit 2, one ``focus: `` line on stderr and nothing on stdout: the message."""
    assert "Traceback" not in result.stderr and isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2 and result.stdout == "", (result.exit_code, result.stdout[:200])
    assert result.stderr.startswith("focus: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr[len("focus: ") : -1]


def flip(path: Path, offset: int) -> None:
    """Invert one byte of the file, on a later tick of the file system's clock than its last change
    (as damage comes: a change focus's own stamp of the file cannot share a timestamp with)."""
    probe = path.with_name("clock-probe")
    wait_until(lambda: probe.touch() or probe.stat().st_mtime_ns > path.stat().st_ctime_ns, what="a clock tick")
    probe.unlink()
    with open(path, "r+b") as stream:
        stream.seek(offset)
        byte = stream.read(1)[0]
        stream.seek(offset)
        stream.write(bytes([byte ^ 0xFF]))


def damaged(path: Path) -> bool:
    """What SQLite's integrity check says of the file, asked directly."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


# -- an empty file ------------------------------------------------------------------------------


def test_an_empty_file_where_the_database_was_is_refused_and_only_replaced_when_asked(focus):
    db = focus.paths.db_file
    with Store(db) as store:  # closed before the damage: an open connection would write its WAL back
        tracker = Tracker(store, config.defaults(), Clock.fixed("Europe/Stockholm", NOW))
        tracker.log("email", tracker.clock.now_ms())
    db.write_bytes(b"")  # cut to nothing (a crash of another program, a failed copy)
    for leftover in ("focus.db-wal", "focus.db-shm"):
        db.with_name(leftover).unlink(missing_ok=True)
    for command in [("report",), ("log", "email"), ("export", "events"), ("db", "check"), ("week",), ("plan", "ls")]:
        message = one_line(focus(*command, ok=False))
        assert message.startswith(f"database {db} is empty (0 bytes): damaged or cut short, not a new database")
        assert "focus db init --force" in message
        assert db.stat().st_size == 0
    assert one_line(focus("db", "init", ok=False)).startswith(f"database {db} exists; nothing was changed")
    made = focus("db", "init", "--force")
    kept = db.with_name("focus.db.replaced-20261124-180000")
    assert made.stdout == f"created {db}; the file that was there is kept as {kept}\n"
    assert kept.stat().st_size == 0
    focus("log", "email")
    assert focus.event_count() == 1


def test_db_init_makes_a_database_and_refuses_to_replace_one_the_sources_have_open(focus):
    assert focus("db", "init").stdout == f"created {focus.paths.db_file}\n"
    assert focus("db", "check").stdout.startswith(f"ok: {focus.paths.db_file} — 0 events")
    lock = SourcesLock(focus.paths.data_dir / "sources.lock", "focus watch")
    lock.acquire()
    try:
        message = one_line(focus("db", "init", "--force", ok=False))
    finally:
        lock.release()
    assert message == f"pid {os.getpid()} (focus watch) has the database open: stop it first; nothing was changed"
    assert sorted(p.name for p in focus.paths.data_dir.iterdir() if "replaced" in p.name) == []


def test_a_new_database_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    """While a new database is being made nobody can see it: the name appears once it is whole (so an
    empty file there always means damage), and no temporary file stays."""
    from focus.store import creation

    db = tmp_path / "focus.db"
    seen_while_made: list[bool] = []
    make = creation._initialise

    def watched(file: Path) -> None:
        seen_while_made.append(os.path.lexists(db))
        make(file)

    monkeypatch.setattr(creation, "_initialise", watched)
    with Store(db) as store:
        assert store.count() == 0
    assert seen_while_made == [False]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".focus.db.verified", "focus.db"]


# -- damage inside the file ---------------------------------------------------------------------

OFFSETS = 30


@pytest.mark.parametrize("known_whole", [False, True], ids=["never-checked", "checked-then-damaged"])
def test_a_byte_flipped_anywhere_is_found_before_a_write(tmp_path, seeded, known_whole):
    """The experiment of benchmarks/byte_flip.py on a small database: of the copies the integrity
    check calls damaged, none takes a write, whether or not focus had checked the file whole before."""
    size = seeded.stat().st_size
    found, accepted, messages = 0, [], []
    for n in range(OFFSETS):
        offset = size * n // OFFSETS + 111  # inside the header, then spread over the pages
        focus = home_with(tmp_path / str(n), seeded)
        db = focus.paths.db_file
        if known_whole:
            focus("db", "check")
        flip(db, offset)
        if not damaged(db):
            continue  # a byte of free space, or of a note: nothing SQLite can tell
        found += 1
        before = db.read_bytes()
        written = focus("log", "email", ok=False)
        if written.exit_code == 0:
            accepted.append(offset)
            continue
        messages.append((one_line(written), one_line(focus("db", "check", ok=False)), db))
        assert db.read_bytes() == before
    assert found >= OFFSETS // 3, f"only {found} of {OFFSETS} flips were damage: the test says little"
    assert accepted == [], f"{len(accepted)} of {found} damaged copies took a write"
    for refused, checked, db in messages:
        assert refused.startswith(f"database {db} is damaged (") and checked.startswith(f"database {db} is damaged (")
        assert "focus export events --out saved.jsonl" in refused and "focus db init --force" in refused


def table_leaf(path: Path) -> tuple[int, int]:
    """(page number, rows on it) of a leaf page of the events table in the middle of the file."""
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    for number in range(pages // 2, pages):
        page = data[(number - 1) * page_size : number * page_size]
        if page[0] == 0x0D and page[1:3] == b"\x00\x00":  # a table leaf, no free blocks: rows only
            return number, int.from_bytes(page[3:5], "big")
    raise AssertionError("no table leaf page")


def test_export_saves_every_event_a_damaged_database_still_holds(tmp_path, seeded):
    focus = home_with(tmp_path / "damaged", seeded)
    db = focus.paths.db_file
    number, rows = table_leaf(db)
    page_size = int.from_bytes(db.read_bytes()[16:18], "big")
    with open(db, "r+b") as stream:  # one page of the table unreadable
        stream.seek((number - 1) * page_size)
        stream.write(b"\xab" * page_size)
    saved = tmp_path / "saved.jsonl"
    result = focus("export", "events", "--out", str(saved), ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"focus: exported {EVENTS - rows} events to {saved} from the damaged database {db}; "
        f"{rows} rows could not be read and 0 were not whole events (left out)\n"
    )
    fresh = home_with(tmp_path / "new", None)
    assert fresh("import", "events", str(saved)).stdout == f"imported {EVENTS - rows} events, 0 already present\n"


def test_a_note_that_is_no_longer_text_is_one_line_and_export_saves_every_event(tmp_path, seeded):
    """A byte of a note flipped: SQLite's check cannot tell (the file is whole), a read that meets it
    says which event field is damaged, and export saves all the events, that note as well as it goes."""
    focus = home_with(tmp_path / "home", seeded)
    db = focus.paths.db_file
    offset = db.read_bytes().index(b'"note":"note 7"') + len('"note":"')
    flip(db, offset)
    assert not damaged(db)
    message = one_line(focus("week", "--weeks", "8", ok=False))
    assert message.startswith(f"database {db} is damaged (an event's payload is not UTF-8 text)")
    saved = tmp_path / "saved.jsonl"
    result = focus("export", "events", "--out", str(saved), ok=False)
    assert result.exit_code == 1
    assert result.stderr.endswith("; 0 rows could not be read and 0 were not whole events (left out)\n")
    assert f"exported {EVENTS} events to {saved} from the damaged database" in result.stderr
    assert '"note":"\ufffdote 7"' in saved.read_text(encoding="utf-8")  # the byte replaced, the rest kept


# -- the sources check the whole file once per start ------------------------------------------


def test_the_event_sources_check_the_whole_file_at_start_and_say_it_is_damaged(tmp_path, seeded, monkeypatch):
    """Damage that left the file's times alone is not seen by a write's stamp: the sources' start finds it."""
    from focus.sources import runner as runner_module
    from focus.sources.runner import Runner
    from focus.store import config_file, integrity

    monkeypatch.setattr(runner_module, "BACKGROUND_DELAY_SECONDS", 0, raising=False)

    focus = home_with(tmp_path, seeded)
    focus("db", "check")  # noted whole
    stamp = integrity.recorded_stamp(focus.paths.db_file)
    size = focus.paths.db_file.stat().st_size
    for offset in range(size // 2, size, size // 40):
        flip(focus.paths.db_file, offset)
        if damaged(focus.paths.db_file):
            break
    integrity.record_stamp(focus.paths.db_file, integrity.file_stamp(focus.paths.db_file) or "")  # times unchanged
    assert stamp is not None
    lines = Lines()
    paths = Paths(tmp_path / "config.toml", tmp_path)
    runner = Runner(paths, config_file.load(paths.config_file), Clock("Europe/Stockholm"), lines)
    runner.start()
    try:
        line = lines.next()
    finally:
        runner.stop()
    assert line.startswith(f"problem: database {paths.db_file} is damaged (") and line.endswith("see focus db check")
    assert not integrity.stamp_file(paths.db_file).exists()  # so every write checks again, and refuses
    assert one_line(focus("log", "email", ok=False)).startswith(f"database {paths.db_file} is damaged (")


# -- a read-only folder ---------------------------------------------------------------------------

FOCUS = Path(sys.executable).parent / "focus"
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def as_a_user() -> None:
    """In the child before it runs focus: as root, without the powers that ignore file modes (the tests
    run as root here; a user's folder 0500 stops a user, and now this child too)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_folder_still_gives_every_report_and_refuses_writes_in_one_line(tmp_path, seeded):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(seeded, home / "focus.db")
    out = tmp_path / "out"
    out.mkdir()
    home.chmod(0o500)
    before = sorted(p.name for p in home.iterdir())

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(FOCUS), *args],
            env={**os.environ, "FOCUS_HOME": str(home), "TZ": "Europe/Stockholm"},
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=as_a_user,
        )

    try:
        for command in [("report",), ("week",), ("db", "check"), ("export", "events", "--out", str(out / "e.jsonl"))]:
            done = run(*command)
            assert done.returncode == 0 and "readonly" not in done.stderr, (command, done.stderr)
        assert len((out / "e.jsonl").read_text().splitlines()) == EVENTS
        refused = run("log", "email")
        assert refused.returncode == 2
        assert refused.stderr == (
            f"focus: database {home / 'focus.db'} is read-only (its folder {home} is read-only): nothing was written\n"
        )
        assert sorted(p.name for p in home.iterdir()) == before
    finally:
        home.chmod(0o700)


def test_an_error_of_the_moment_during_the_check_is_not_taken_for_damage(tmp_path):
    """A disk I/O error or a busy database while the file is checked says so in one line; it is not
    remembered as damage (which refused every later write of a long-lived store until a restart)."""
    from focus.store import integrity

    db = tmp_path / "focus.db"
    Store(db).close()
    integrity.stamp_file(db).unlink(missing_ok=True)  # as after a copy: the next write checks the file
    conn = sqlite3.connect(db)

    class Failing:
        def execute(self, sql, *args):
            if "integrity_check" in sql:
                raise sqlite3.OperationalError("disk I/O error")
            return conn.execute(sql, *args)

    guard = integrity.FileGuard(db, 4096)
    with pytest.raises(FocusError, match=r"cannot check the file now \(disk I/O error\); nothing was written"):
        guard.check(Failing())
    assert guard.damage == []
    guard.check(conn)  # the next write checks again, and the file is whole
    assert guard.damage == [] and guard.whole is not None
    conn.close()
