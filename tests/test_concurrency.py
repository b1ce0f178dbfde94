"""Three processes writing at once: every event lands exactly once, none fails with "locked"."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from focus.store.version import SCHEMA_VERSION

WRITER = textwrap.dedent("""
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
    for n in range(300):
        if n % 3 == 0:
            tracker.count("call", tracker.clock.now_ms())
        else:
            tracker.log("email", tracker.clock.now_ms())
    print("done", flush=True)
""")


def test_three_processes_write_900_events(tmp_path):
    db = tmp_path / "focus.db"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), f"device{n}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done" and "locked" not in err
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone() == (900, 900)
        per_device = dict(conn.execute("SELECT device, count(*) FROM events GROUP BY device"))
        assert per_device == {"device0": 300, "device1": 300, "device2": 300}
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION
