"""Measure stepping through days on the workday TUI, in a real pseudo-terminal (DESIGN §7, issue 13).

    python benchmarks/tui_day_step.py [--db PATH] [--steps 20] [--json out.json]

- ``[`` → screen: from pressing ``[`` to the Now panel naming the day before as a past day (each step
  reads one more day: one index range, never the history);
- ``.`` → screen: from pressing ``.`` to the header showing today again.
Budget for both: key → screen ≤ 50 ms (median). The terminal and its emulator are tui_latency.py's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import tempfile
from pathlib import Path

from tui_latency import (  # the script's own folder is on the path
    Terminal,
    _line,
    _spread,
    past_the_template,
    prepare_home,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a database to copy in (e.g. one from generate.py)")
    parser.add_argument("--steps", type=int, default=20, help="days to step back")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from focus.core.clock import Clock
    from focus.store import config_file
    from focus.store.database import Store
    from focus.tracking import Tracker

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        prepare_home(home, args.db)
        today = Clock("Europe/Stockholm").today()
        with Store(home / "focus.db") as store:
            empty = (
                not Tracker(store, config_file.load(home / "config.toml"), Clock("Europe/Stockholm")).day(today).blocks
            )
        terminal = Terminal(home)
        try:
            past_the_template(terminal, empty)
            back_ms, today_ms = [], []
            for step in range(1, args.steps + 1):
                day = today - dt.timedelta(days=step)
                pressed = terminal.press(b"[")
                back_ms.append((terminal.wait_for(f"{day:%a %d %b} — past day") - pressed) * 1000)
                if step % 5 == 0:
                    pressed = terminal.press(b".")
                    today_ms.append((terminal.wait_for(f"{today:%a %d %b %Y}") - pressed) * 1000)
                    for again in range(1, step + 1):  # back where it was, untimed
                        terminal.press(b"[")
                        terminal.wait_for(f"{today - dt.timedelta(days=again):%a %d %b} — past day")
        finally:
            terminal.close()

    back, again = _spread(back_ms), _spread(today_ms)
    results = {
        "database": str(args.db) if args.db else "empty",
        "step_back_ms": back,
        "back_to_today_ms": again,
        "budgets": {"step_back_ms": 50, "back_to_today_ms": 50},
    }
    print(f"database            {results['database']}")
    print(f"[ → screen          {_line(back)}   (budget ≤ 50 ms median)")
    print(f". → screen          {_line(again)}   (budget ≤ 50 ms median)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
