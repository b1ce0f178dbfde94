#!/usr/bin/env python3
"""Attack focus as a tester would, and print what happened: DESIGN §8's promises under kill -9,
concurrent writers, a full disk, damaged and read-only databases, and a long fuzz run.

    .venv/bin/python benchmarks/torture.py [--only kill9,concurrent,fulldisk,damaged,fuzz] [--json FILE]

Run it as root (tmpfs and bind mounts; the read-only folder is tried as ``nobody``). It uses the ``focus``
script beside this interpreter, each phase in its own temporary FOCUS_HOME (config.toml with
``timezone = "Europe/Stockholm"``), and ends every process, tmux server and mount it started.

For each phase a table: per row the tries, failures (unexpected exit codes; a process we SIGKILLed is
"killed", not failed), acknowledged-but-lost, duplicates, tracebacks and "database is locked" errors,
then the phase's facts and the problems it found. A phase that breaks is reported, and the next runs.
Exit status 1 when any phase found a problem. The phases (see benchmarks/README.md):

- kill9: ``focus log email --note w<i>`` writers in waves of 8, a random half SIGKILLed after 0–150 ms;
  Python-API writers (focus.tracking.Tracker, each id printed after its append) killed the same way.
- concurrent: ``focus watch`` and the workday screen (tmux) running, 3, 5 and 8 CLI writers at once,
  inbox files dropped meanwhile.
- fulldisk: FOCUS_HOME on a 4 MB tmpfs with ``focus watch``, filled with dd while writes and drops go on,
  then freed: exit codes, problem lines per second, the watcher's CPU, exports to the full disk.
- damaged: a generated 3000-event database truncated to 0 bytes, 34 copies with one byte flipped, and a
  read-only data folder.
- fuzz: tests/test_fuzz.py with FOCUS_FUZZ_EXAMPLES examples per test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from torture_damage import damaged, fuzz
from torture_fulldisk import fulldisk
from torture_kit import COLUMNS, FOCUS, Report, end_all
from torture_phases import concurrent, kill9

PHASES = {"kill9": kill9, "concurrent": concurrent, "fulldisk": fulldisk, "damaged": damaged, "fuzz": fuzz}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(PHASES), help="comma-separated phases (default: all)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure to FILE")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the kills (default 1)")
    parser.add_argument("--writers", type=int, default=400, help="kill9: CLI writers (default 400)")
    parser.add_argument("--kill-ms", type=float, default=150, help="kill9: CLI kills within N ms (default 150)")
    parser.add_argument("--api-writers", type=int, default=200, help="kill9: Python-API writers (default 200)")
    parser.add_argument("--api-events", type=int, default=5, help="kill9: events per API writer (default 5)")
    parser.add_argument("--api-kill-ms", type=float, default=400, help="kill9: API kills within N ms (default 400)")
    parser.add_argument("--kill-share", type=float, default=0.5, help="kill9: share of writers killed (default 0.5)")
    parser.add_argument(
        "--writer-counts", default="3,5,8", help="concurrent: writers at once, per round (default 3,5,8)"
    )
    parser.add_argument("--events", type=int, default=15, help="concurrent: events per writer (default 15)")
    parser.add_argument("--drop-ms", type=float, default=50, help="concurrent: one inbox file per N ms (default 50)")
    parser.add_argument("--settle", type=float, default=30, help="seconds for the inbox to empty (default 30)")
    parser.add_argument("--tmpfs-mb", type=int, default=4, help="fulldisk: size of the tmpfs (default 4)")
    parser.add_argument("--full-seconds", type=int, default=10, help="fulldisk: seconds of writing when full")
    parser.add_argument("--damaged-events", type=int, default=3000, help="damaged: events generated (default 3000)")
    parser.add_argument("--flips", type=int, default=34, help="damaged: copies with a flipped byte (default 34)")
    parser.add_argument("--fuzz-examples", type=int, default=2000, help="fuzz: examples per test (default 2000)")
    options = parser.parse_args()
    options.phases = [name.strip() for name in options.only.split(",") if name.strip()]
    options.writer_counts = [int(n) for n in options.writer_counts.split(",")]
    unknown = set(options.phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase {sorted(unknown)[0]!r}: choose from {', '.join(PHASES)}")
    return options


def run_phase(name: str, options: argparse.Namespace, root: Path) -> Report:
    """One phase in its own folder; whatever it raises is reported as a problem, not raised."""
    started = time.monotonic()
    folder = root / name
    folder.mkdir()
    try:
        report = PHASES[name](options, folder)
    except Exception as exc:
        report = Report(name)
        report.problem(f"the phase broke: {type(exc).__name__}: {exc}")
        report.facts["traceback"] = traceback.format_exc()
    finally:
        end_all()
    report.seconds = round(time.monotonic() - started, 1)
    return report


def show(value: Any) -> str:
    return "–" if value is None else str(value)


def print_report(report: Report, root: Path) -> None:
    """The phase's table, its facts and its problems (the temporary folder's path shown as $TMP)."""
    print(f"\n== {report.phase} ({report.seconds:g} s)")
    header = ("what", *COLUMNS)
    rows = [[show(row.get(name)) for name in header] for row in report.rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    for cells in (header, *rows):
        aligned = [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths))]
        print("  " + "  ".join(aligned))
    for row in report.rows:
        if row.get("notes"):
            print(f"  · {row['what']}: {row['notes']}")
    for key, value in report.facts.items():
        if key not in ("traceback", "flipped_copies"):
            print(f"  {key}: {value}".replace(str(root), "$TMP").replace("\n", "\n    "))
    for problem in report.problems:
        print(f"  PROBLEM: {problem}".replace(str(root), "$TMP"))
    if not report.problems:
        print("  no problems found")


def main() -> int:
    options = arguments()
    if os.geteuid() != 0:
        print("torture.py: run it as root (it mounts a tmpfs and runs commands as nobody)", file=sys.stderr)
        return 2
    if not Path(FOCUS).exists():
        print(f"torture.py: no focus script at {FOCUS}: install focus in this venv", file=sys.stderr)
        return 2
    # ctrl+c or SIGTERM unwind through every finally: processes ended, tmux killed, mounts undone
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    root = Path(tempfile.mkdtemp(prefix="focus-torture-"))
    root.chmod(0o711)  # nobody may pass through to its read-only home (damaged)
    reports = []
    try:
        for name in options.phases:
            print(f"-- {name} …", flush=True)
            reports.append(run_phase(name, options, root))
            print_report(reports[-1], root)
    except (KeyboardInterrupt, SystemExit):
        print("torture.py: interrupted; ending what it started", file=sys.stderr)
        raise
    finally:
        end_all()
        mounts = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines() if str(root) in line]
        if mounts:
            print(f"torture.py: still mounted, {root} left in place: {', '.join(mounts)}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    if options.json:
        options.json.write_text(
            json.dumps(
                {"focus": FOCUS, "options": vars(options), "reports": [vars(report) for report in reports]},
                indent=2,
                default=str,
            )
        )
    found = sum(len(report.problems) for report in reports)
    print(f"\n{found} problem{'s' * (found != 1)} in {len(reports)} phase{'s' * (len(reports) != 1)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
