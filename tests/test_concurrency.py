"""Three processes writing at once (DESIGN §8): what the database holds is exactly what the writers
were told was written — every acknowledged event once, nothing lost, nothing extra — and none fails
with "locked"."""

from __future__ import annotations

import sqlite3
import sys
import textwrap

from focus.store.version import SCHEMA_VERSION

WRITERS = 3
EVENTS = 300

WRITER = textwrap.dedent(f"""
    import sys
    from pathlib import Path
    from focus.core import config
    from focus.core.clock import Clock
    from focus.store.database import Store
    from focus.tracking import Tracker

    print("ready", flush=True)
    sys.stdin.readline()                       # all three start together
    store = Store(Path(sys.argv[1]))           # a new file: the three race to create it
    tracker = Tracker(store, config.defaults(), Clock("Europe/Stockholm"), device=sys.argv[2])
    for n in range({EVENTS}):
        if n % 3 == 0:
            event = tracker.count("call", tracker.clock.now_ms())
        else:
            event = tracker.log("email", tracker.clock.now_ms())
        print(event.id, flush=True)            # acknowledged: the append returned
    print("done", flush=True)
""")


def test_three_processes_write_and_the_database_holds_exactly_the_acknowledged_events(tmp_path, spawn):
    db = tmp_path / "focus.db"
    devices = [f"device{n}" for n in range(WRITERS)]
    writers = [spawn([sys.executable, "-c", WRITER, db, device], stdin=True) for device in devices]
    for writer in writers:
        assert writer.line() == "ready", writer.stderr
    for writer in writers:
        writer.send("go\n")
    acknowledged: dict[str, list[str]] = {}
    for device, writer in zip(devices, writers):
        assert writer.wait(timeout=120) == 0, writer.stderr
        assert "locked" not in writer.stderr and "Traceback" not in writer.stderr, writer.stderr
        *ids, last = writer.rest()
        assert last == "done"
        acknowledged[device] = ids
    with sqlite3.connect(db) as conn:
        stored: dict[str, list[str]] = {device: [] for device in devices}
        for event_id, device in conn.execute("SELECT id, device FROM events"):
            stored.setdefault(device, []).append(event_id)
        migrations = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    for device in devices:
        assert len(acknowledged[device]) == len(set(acknowledged[device])) == EVENTS, device
        assert len(stored[device]) == EVENTS, f"{device}: {len(stored[device])} rows for {EVENTS} writes"
        assert set(stored[device]) == set(acknowledged[device]), device
    every = [event_id for ids in stored.values() for event_id in ids]
    assert len(every) == len(set(every)) == WRITERS * EVENTS
    assert set(stored) == set(devices)  # no row of an unknown writer
    assert migrations == SCHEMA_VERSION
