#!/usr/bin/env python3
"""Damage a copy of a database one byte at a time and see what focus makes of it.

    python benchmarks/byte_flip.py /tmp/bench/30k.db --offsets 34

For each of ``--offsets`` offsets spread evenly over the file (the first inside the 100-byte header),
a fresh copy in a ``FOCUS_HOME`` of its own is checked once by ``focus db check`` (so focus knows it
whole), then gets that byte inverted (xor 0xff); then ``focus db check`` and ``focus log email`` run
on it, each as the installed ``focus``. Printed: one line per offset (what check and log answered),
then the counts: copies check calls damaged, and of those, how many still accepted the write. A
healthy focus has 0 in that last count.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path


def flatten(database: Path, into: Path) -> None:
    """A copy of ``database`` with everything in the main file (no WAL beside it)."""
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    target = sqlite3.connect(into)
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode = WAL")
    target.close()


def focus(home: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "FOCUS_HOME": str(home), "TZ": "Europe/Stockholm"}
    done = subprocess.run(["focus", *args], env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, (done.stderr.strip().splitlines() or [""])[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--offsets", type=int, default=34)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="focus-flip-") as work:
        clean = Path(work) / "clean.db"
        flatten(args.database, clean)
        size = clean.stat().st_size
        offsets = [20] + [size * n // args.offsets for n in range(1, args.offsets)]
        damaged = writable = 0
        for offset in offsets:
            home = Path(work) / f"at{offset}"
            home.mkdir()
            db = home / "focus.db"
            shutil.copyfile(clean, db)
            if focus(home, "db", "check")[0] != 0:
                raise SystemExit(f"{args.database}: not whole before any byte was flipped")
            with open(db, "r+b") as stream:
                stream.seek(offset)
                byte = stream.read(1)[0]
                stream.seek(offset)
                stream.write(bytes([byte ^ 0xFF]))
            check, check_said = focus(home, "db", "check")
            log, log_said = focus(home, "log", "email")
            if check != 0:
                damaged += 1
                writable += log == 0
            print(f"{offset:>10}  check {check}  log {log}  {check_said[:90]!r}  {log_said[:90]!r}", flush=True)
            shutil.rmtree(home)
    print(f"{len(offsets)} copies: check found {damaged} damaged; of those {writable} still accepted a write")
    return 0


if __name__ == "__main__":
    sys.exit(main())
