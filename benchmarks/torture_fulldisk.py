"""The full-disk phase of benchmarks/torture.py: FOCUS_HOME on a small tmpfs, filled while ``focus watch``
runs and writes go on, then freed."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

from torture_kit import Home, Report, Result, Tally, Watch, lost_and_doubled, mounted, wait_until
from torture_phases import db_check

MAX_PROBLEMS_PER_S = 2.0  # more, with one write and one drop per CLI run: no back-off
MAX_CPU_PERCENT = 10.0


def fulldisk(options: Any, root: Path) -> Report:
    """Writes and drops before, while and after the tmpfs is full; exports onto the full disk."""
    report = Report("fulldisk")
    size = f"size={options.tmpfs_mb}m,mode=0700"
    with mounted(["-t", "tmpfs", "-o", size, "tmpfs"], root / "tmpfs") as where:
        disk = FullDisk(Home(where), report)
        try:
            disk.run(options)
        finally:
            report.facts["watch_exit_on_sigterm"] = disk.watch.stop()
        db_check(disk.home, report)
    report.judge()
    return report


class FullDisk:
    def __init__(self, home: Home, report: Report):
        self.home, self.report = home, report
        self.watch = Watch(home)
        self.acknowledged: list[str] = []  # notes of the writes that exited 0
        self.dropped: list[str] = []  # inbox keys of the files renamed into the inbox
        self.errors: Counter[str] = Counter()  # what the failed writes said

    def write(self, tally: Tally, note: str) -> Result:
        result = tally.add(self.home.run("log", "email", "--note", note))
        if result.code == 0:
            self.acknowledged.append(note)
        else:
            self.errors[result.said] += 1
        return result

    def run(self, options: Any) -> None:
        home, report, watch = self.home, self.report, self.watch
        if not watch.started():
            report.problem(f"focus watch did not start: {watch.text()[-300:]}")
        before, full, freed = Tally("before: CLI writes"), Tally("full: CLI writes"), Tally("freed: CLI writes")
        self.dropped += [home.drop() for _ in range(5)]
        for n in range(5):
            self.write(before, f"b{n}")
        wait_until(lambda: home.waiting() == 0, 10)
        staged = [home.stage() for _ in range(options.full_seconds * 5)]  # written while there is room
        filler = home.path / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True, timeout=60)
        report.facts["filler_mb"] = round(filler.stat().st_size / 1_048_576, 2)

        start, cpu, n = time.monotonic(), watch.cpu_seconds(), 0
        while time.monotonic() - start < options.full_seconds:
            self.write(full, f"f{n}")
            if staged:
                self.dropped.append(home.release(staged.pop(0)))
            n += 1
        exports = [
            self.export(args, name) for args, name in ((("export", "events"), "export.jsonl"), (("week",), "week.txt"))
        ]
        self.back_off(start, time.monotonic() - start, watch.cpu_seconds() - cpu)
        report.facts["full_write_errors"] = dict(self.errors.most_common(3))

        filler.unlink()
        self.dropped += [home.release(path) for path in staged] + [home.drop() for _ in range(5)]
        for n in range(5):
            self.write(freed, f"a{n}")
        if freed.failures:
            report.problem(f"{freed.failures} of 5 writes failed after the filler was deleted")
        dropped = self.dropped
        settled = wait_until(lambda: home.waiting() == 0 and all(home.keys()[key] for key in dropped), options.settle)
        writes = Tally("all acknowledged writes", tries=len(self.acknowledged), failures=None)
        writes.lost, writes.duplicates = lost_and_doubled(self.acknowledged, home.notes())
        drops = Tally("inbox drops (all)", tries=len(dropped), failures=home.rejected())
        drops.lost, drops.duplicates = lost_and_doubled(dropped, home.keys())
        for tally in (before, full, *exports, freed, writes, drops):
            report.add(tally)
        if not settled:
            report.problem(f"the inbox did not settle within {options.settle:g} s after freeing: {home.waiting()} left")
        lowered = watch.text().lower()
        report.rows.append(
            {
                "what": "focus watch",
                "tracebacks": lowered.count("traceback"),
                "locked": lowered.count("database is locked"),
            }
        )
        if not watch.alive():
            report.problem("focus watch was not running at the end")

    def export(self, args: tuple[str, ...], name: str) -> Tally:
        """``focus ARGS --out FILE`` onto the full disk: one line, non-zero, and no file left behind."""
        out = self.home.path / name
        tally = Tally(f"full: focus {' '.join(args)} --out")
        result = tally.add(self.home.run(*args, "--out", str(out)), ok=lambda r: r.err_lines == 1)
        leftover = out.stat().st_size if out.exists() else None
        self.report.facts[f"{args[0]}_on_full_disk"] = (
            f"exit {result.code}, {result.err_lines} stderr lines, leftover {leftover} bytes: {result.said}"
        )
        if result.code != 0 and leftover is not None:
            self.report.problem(f"focus {args[0]} --out failed but left {name} of {leftover} bytes")
        if result.code == 0:
            self.report.problem(f"focus {args[0]} --out said it wrote {name} on a full disk")
        return tally

    def back_off(self, start: float, window: float, cpu: float) -> None:
        """How often ``focus watch`` said "problem:" while the disk was full, and its CPU meanwhile."""
        problems = self.watch.problems(start, start + window)
        per_second = len(problems) / window
        busiest = Counter(int(at - start) for at in problems).most_common(1)
        sample = [line.split(" ", 1)[-1][:120] for at, line in self.watch.err if "problem:" in line][:1]
        self.report.facts.update(
            full_window_s=round(window, 1),
            watch_problem_lines=len(problems),
            watch_problem_lines_per_s=round(per_second, 2),
            watch_problem_lines_max_in_1s=busiest[0][1] if busiest else 0,
            watch_problem_example=sample[0] if sample else None,
            watch_cpu_percent=round(100 * cpu / window, 1),
            watch_alive_when_full=self.watch.alive(),
        )
        if per_second > MAX_PROBLEMS_PER_S:
            self.report.problem(f"focus watch said {per_second:.0f} problem lines a second while full (no back-off)")
        if 100 * cpu / window > MAX_CPU_PERCENT:
            self.report.problem(f"focus watch used {100 * cpu / window:.0f} % of a core while the disk was full")
