"""The damage phases of benchmarks/torture.py: damaged and read-only databases, and the long fuzz run."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from torture_kit import Home, Report, Result, Tally, read_only_bind

BENCHMARKS = Path(__file__).resolve().parent
DAY, WEEK = "2026-11-26", "2026-W48"  # the generated history ends on DAY
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def damaged(options: Any, root: Path) -> Report:
    """A database of ~3000 events truncated, with single bytes flipped, and in a read-only folder."""
    report = Report("damaged")
    base = root / "damaged-base" / "focus.db"
    generate = [sys.executable, str(BENCHMARKS / "generate.py"), "--events", str(options.damaged_events)]
    made = subprocess.run(
        [*generate, "--db", str(base), "--seed", "1", "--end-date", DAY],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if made.returncode:
        report.problem(f"generate.py failed: {made.stderr.strip()[-300:]}")
        return report
    conn = sqlite3.connect(base)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file we copy
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    report.facts["events"] = events
    truncated(base, root, report)
    flipped(base, root, options.flips, report)
    read_only(base, root / "as-nobody", "read-only folder (0500), as nobody", NOBODY, events, report)
    read_only(base, root / "ro-mount", "read-only bind mount, as root", None, events, report)
    report.judge()
    return report


def fresh_copy(base: Path, home: Home) -> None:
    for leftover in (home.db, Path(f"{home.db}-wal"), Path(f"{home.db}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(base, home.db)


def truncated(base: Path, root: Path, report: Report) -> None:
    """The database file cut to 0 bytes: what do a read and a write do, and is the file made anew?"""
    home = Home(root / "truncated")
    fresh_copy(base, home)
    os.truncate(home.db, 0)
    tally = report.add(Tally("truncated to 0 bytes: report, log"))
    for args in (("report", DAY), ("log", "email")):
        result = tally.add(home.run(*args))
        report.facts[f"truncated_{args[0]}"] = f"exit {result.code}: {result.said}"
    size = home.db.stat().st_size if home.db.exists() else 0
    report.facts["truncated_size_after"] = size
    if size:
        found = home.query("SELECT count(*) FROM events")[0][0]
        report.facts["truncated_events_after"] = found
        report.problem(f"a 0-byte database was silently made anew ({size} bytes, {found} events after focus log)")
    report.rows[-1] = tally.row()


def flip_offsets(size: int, count: int) -> list[tuple[str, int]]:
    """Half the offsets spread over the header's 100 bytes, half over the rest of the file."""
    header = count // 2
    body = count - header
    return [("header", 100 * i // header) for i in range(header)] + [
        ("body", 100 + (size - 100) * i // body) for i in range(body)
    ]


def flipped(base: Path, root: Path, count: int, report: Report) -> None:
    """Copies with one byte inverted each: does ``db check`` see it, and are writes refused then?"""
    home = Home(root / "flipped")
    size = base.stat().st_size
    copies: list[dict[str, Any]] = []
    for where in ("header", "body"):
        tally = Tally(f"one byte flipped in the {where}")
        verdicts: Counter[str] = Counter()
        accepted = 0
        for group, offset in flip_offsets(size, count):
            if group != where:
                continue
            fresh_copy(base, home)
            with open(home.db, "r+b") as stream:
                stream.seek(offset)
                byte = stream.read(1)[0]
                stream.seek(offset)
                stream.write(bytes([byte ^ 0xFF]))
            check = tally.add(home.check(), ok=lambda r: r.code in (0, 2))
            read = tally.add(home.run("report", DAY), ok=lambda r: r.code in (0, 2))
            write = tally.add(home.run("log", "email", "--note", "after-flip"), ok=lambda r: r.code in (0, 2))
            verdict = verdict_of(check)
            verdicts[verdict] += 1
            accepted += verdict == "corrupt" and write.code == 0
            copies.append(
                {"offset": offset, "check": verdict, "said": check.said, "report": read.code, "log": write.code}
            )
            if verdict == "ok" and (read.code or write.code):
                report.problem(f"offset {offset}: db check ok, yet report exit {read.code}, log exit {write.code}")
        row = tally.row()
        row["notes"] = (
            f"{sum(verdicts.values())} copies; db check: "
            + ", ".join(f"{name} {n}" for name, n in sorted(verdicts.items()))
            + f"; corrupt but accepted writes {accepted}"
            + (f"; {row['notes']}" if row["notes"] else "")
        )
        report.rows.append(row)
        report.facts[f"{where}_corrupt_but_accepted_writes"] = accepted
        if accepted:
            report.problem(f"{where}: {accepted} writes accepted on copies db check calls corrupt")
        if tally.multiline:
            report.problem(f"{where}: {tally.multiline} runs wrote more than one stderr line")
    report.facts["flipped_copies"] = copies


def verdict_of(check: Result) -> str:
    """``ok`` (exit 0), ``corrupt`` (exit 2, one line), else what it did."""
    if check.code == 0:
        return "ok"
    if check.code == 2 and check.err_lines == 1 and not check.traceback:
        return "corrupt"
    return "traceback" if check.traceback else f"exit {check.code}"


def read_only(base: Path, folder: Path, name: str, user: list[str] | None, events: int, report: Report) -> None:
    """``focus report``, ``week`` and ``export events`` must work on a data folder that cannot be
    written; ``focus log`` must be refused with one line. As ``nobody`` (root ignores modes) or as
    root on a read-only bind mount."""
    home = Home(folder / "home")
    fresh_copy(base, home)
    tally = Tally(name)
    commands = [("report", DAY), ("week", WEEK), ("export", "events"), ("log", "email")]
    if user:  # the folders above are 0711 or 0755 (torture.py makes its root 0711)
        shutil.chown(home.path, "nobody", "nogroup")
        for path in home.path.iterdir():
            shutil.chown(path, "nobody", "nogroup")
            path.chmod(0o400)
        home.path.chmod(0o500)
        probe = home.run("--help", user=user)
        if probe.code != 0:
            report.problem(f"{name}: cannot run focus as nobody ({probe.said}); skipped")
            return
        results = [home.run(*args, user=user) for args in commands]
    else:
        with read_only_bind(home.path):
            results = [home.run(*args) for args in commands]
    for args, result in zip(commands, results):
        # reads work; a write is refused with one line and exit 2
        fine = result.code == 2 and result.err_lines == 1 if args[0] == "log" else result.code == 0
        tally.add(result, ok=lambda _, fine=fine: fine)
        report.facts[f"{name}: {' '.join(args)}"] = f"exit {result.code}: {result.said}"
        if not fine:
            report.problem(f"{name}: focus {' '.join(args)}: exit {result.code}: {result.said}")
    exported = len(results[2].out.splitlines())
    if results[2].code == 0 and exported != events:
        report.problem(f"{name}: export events gave {exported} lines, not {events}")
    report.add(tally)


def fuzz(options: Any, root: Path) -> Report:
    """tests/test_fuzz.py with FOCUS_FUZZ_EXAMPLES examples per test (a random search): examples, failures."""
    report = Report("fuzz")
    env = {**os.environ, "FOCUS_FUZZ_EXAMPLES": str(options.fuzz_examples)}
    command = [sys.executable, "-m", "pytest", "tests/test_fuzz.py", "-p", "no:randomly", "-q"]
    command += ["--hypothesis-show-statistics", "-p", "no:cacheprovider", f"--basetemp={root / 'fuzz'}"]
    run = subprocess.run(command, cwd=BENCHMARKS.parent, env=env, capture_output=True, text=True, timeout=3600)
    output = run.stdout + run.stderr
    failed = set(re.findall(r"^FAILED \S+::(\w+)", output, re.M))
    for test, body in re.findall(r"test_fuzz\.py::(\w+):\n(.*?)(?=\n\S|\Z)", output, re.S):
        generated = re.search(r"generate phase.*?(\d+) passing, (\d+) failing, and (\d+) invalid", body, re.S)
        passing, failing, invalid = (int(n) for n in generated.groups()) if generated else (0, 0, 0)
        shrunk = re.search(r"shrink phase.*?(\d+) passing, (\d+) failing", body, re.S)
        notes = f"{invalid} invalid" + (f", {sum(map(int, shrunk.groups()))} more in shrinking" if shrunk else "")
        report.rows.append(
            {"what": test, "tries": passing + failing, "failures": max(failing, test in failed), "notes": notes}
        )
    summary = re.findall(r"=* ?(\d+ \w+(?:, \d+ \w+)*) in [\d.]+s", output)
    report.facts.update(pytest_exit=run.returncode, pytest_summary=summary[-1] if summary else output.strip()[-200:])
    report.facts["examples_run"] = sum(row["tries"] for row in report.rows)
    if failed:  # what the first failure said: the assertion and hypothesis's falsifying example
        report.facts["pytest_failure"] = "\n".join(re.findall(r"^E {3}(.*)$", output, re.M)[:12])
    if run.returncode:
        report.problem(f"pytest exit {run.returncode}: {', '.join(sorted(failed)) or output.strip()[-300:]}")
    return report
