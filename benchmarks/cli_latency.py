#!/usr/bin/env python3
"""Process wall time of focus CLI commands on generated databases, against the budgets of DESIGN §7.

    python benchmarks/cli_latency.py /tmp/bench/30k.db /tmp/bench/1m.db --json /tmp/bench/latency.json

Each database is copied once (SQLite's backup API) into its own temporary FOCUS_HOME as ``focus.db``,
beside a config.toml with ``timezone = "Europe/Stockholm"``; the writes go into the copy, the source is
never touched. Every command runs as a fresh subprocess of the installed ``focus`` script: 2 warm-ups,
then K timed runs (time.perf_counter around subprocess.run), alternating between the databases so that
background load hits them alike; the table shows median and min.

Budgets (DESIGN §7): a write ≤ 150 ms, and at 1M events ≤ 1.2× its time at 30k; the day report
≤ 250 ms, and at 1M ≤ 1.3× its time at 30k. The ratio is taken against the smallest database measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ZONE = "Europe/Stockholm"
# (label, kind, argv after "focus"; {date} is the newest day with data)
COMMANDS = (
    ("focus log email", "write", ["log", "email"]),
    ("focus count call", "write", ["count", "call"]),
    ("focus report {date} --format json", "report", ["report", "{date}", "--format", "json"]),
    ("focus report {date}", "report", ["report", "{date}"]),
    ("focus week {week} --format json", "week", ["week", "{week}", "--format", "json"]),
    ("focus week {week} --weeks 52 --format json", "year", ["week", "{week}", "--weeks", "52", "--format", "json"]),
    (
        "(cold cache) focus week {week} --weeks 52 --format json",
        "year-cold",
        ["week", "{week}", "--weeks", "52", "--format", "json"],
    ),
)
BUDGET_MS = {"write": 150.0, "report": 250.0, "week": 300.0, "year": 300.0, "year-cold": 300.0}
BUDGET_MS_1M = {"year": 600.0, "year-cold": 600.0}  # a year may take 600 ms at 1M events (DESIGN §7)
SCALE_BUDGET = {"write": 1.2, "report": 1.3}  # week and year budgets are absolute


def default_focus() -> str:
    here = Path(sys.executable).parent / "focus"
    return str(here) if here.exists() else (shutil.which("focus") or "focus")


def describe_db(path: Path) -> tuple[int, str]:
    """(events, newest day with a tracked session) of a database, read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        day = conn.execute("SELECT max(day) FROM events WHERE type = 'session.start'").fetchone()[0]
    finally:
        conn.close()
    if day is None:
        raise SystemExit(f"cli_latency: {path} has no session events to report on")
    return events, day


def prepare_home(db: Path, root: Path) -> Path:
    home = root / db.stem
    home.mkdir(mode=0o700)
    target = home / "focus.db"
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    target.chmod(0o600)
    (home / "config.toml").write_text(f'timezone = "{ZONE}"\n', encoding="utf-8")
    return home


def iso_week(date: str) -> str:
    import datetime as dt

    year, week, _ = dt.date.fromisoformat(date).isocalendar()
    return f"{year}-W{week:02d}"


def clear_day_cache(db: Path) -> None:
    """Empty the per-day cache of a benchmark copy, so the next run computes every day from events."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("DELETE FROM day_cache")
        conn.commit()
    except sqlite3.OperationalError:
        pass  # no cache table yet: the run creates it
    finally:
        conn.close()
    try:  # the file changed by this hand, not focus's: note it as focus's own change would be noted, so
        from focus.store.integrity import file_stamp, record_stamp  # the run is not also timing the
    except ImportError:  # one-off whole-file check after an outside change (focus before schema 5)
        return
    stamp = file_stamp(db)
    if stamp is not None:
        record_stamp(db, stamp)


def timew_command(data: Path) -> tuple[list[str], dict[str, str]]:
    """`timew summary FIRST - LAST` over every interval of a Timewarrior database (its whole year), and
    the environment that points timew at it."""
    starts = []
    for month in sorted((data / "data").glob("*.data")):
        lines = [line.split() for line in month.read_text().splitlines() if line.startswith("inc ")]
        starts += [lines[0][1], lines[-1][3]] if lines else []
    if not starts:
        raise SystemExit(f"cli_latency: {data}: no Timewarrior intervals (make them with bench_peers.sh)")
    first, last = min(starts)[:8], max(starts)[:8]
    day = lambda text: f"{text[:4]}-{text[4:6]}-{text[6:8]}"  # noqa: E731
    import datetime as dt

    after = (dt.date.fromisoformat(day(last)) + dt.timedelta(days=1)).isoformat()
    env = {key: value for key, value in os.environ.items() if key != "TIMEWARRIORDB"}
    return ["timew", "summary", day(first), "-", after], dict(env, TIMEWARRIORDB=str(data))


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one subprocess; a failing command stops the benchmark.

    The budget is wall time; the child's user+system CPU time is reported beside it because it moves
    far less when other processes compete for the cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    if done.returncode != 0:
        raise SystemExit(
            f"cli_latency: {' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace').strip()}"
        )
    return elapsed, cpu


def time_runs(argv: list[str], env: dict[str, str], warmups: int, runs: int) -> list[float]:
    for _ in range(warmups):
        run_once(argv, env)
    return [run_once(argv, env)[0] for _ in range(runs)]


def human(events: int) -> str:
    if events >= 1_000_000:
        return f"{events / 1_000_000:g}M".replace(".0M", "M")
    if events >= 1000:
        return f"{round(events / 1000)}k"
    return str(events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="+", type=Path, metavar="DB", help="databases made by generate.py")
    parser.add_argument("--runs", "-k", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument("--date", help="the day to report on (default: the newest day with a session)")
    parser.add_argument("--focus", default=default_focus(), help="the focus executable (default: the venv's)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results here as JSON")
    parser.add_argument("--floor", action="store_true", help="also time `python -c pass` (interpreter start)")
    parser.add_argument("--only", metavar="KINDS", help="only these kinds, comma-separated: " + ", ".join(BUDGET_MS))
    parser.add_argument(
        "--timew",
        type=Path,
        metavar="DIR",
        help="a Timewarrior database (TIMEWARRIORDB) made by ../shared/peers/bench_peers.sh with GEN_ONLY=1: "
        "its whole-range `timew summary` is timed in the same rounds as the cold year, for the ratio",
    )
    args = parser.parse_args(argv)
    commands_wanted = [c for c in COMMANDS if not args.only or c[1] in args.only.split(",")]
    for db in args.databases:
        if not db.is_file():
            parser.error(f"{db}: no such database")

    results = []
    floor = None
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="focus-bench-") as tmp:
        root = Path(tmp)
        # Bytecode as an installed focus has it: written once (during the warm-ups) to a private cache,
        # never into the source tree, even when PYTHONDONTWRITEBYTECODE is set in this shell (then every
        # run would compile each module edited since its last .pyc from source).
        base_env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "FOCUS_HOME")
        }
        base_env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        if args.floor:
            env = dict(base_env)
            times = time_runs([sys.executable, "-c", "pass"], env, args.warmups, args.runs)
            floor = {"median_ms": statistics.median(times), "min_ms": min(times)}
        targets = []
        for db in args.databases:
            events, newest = describe_db(db)
            date = args.date or newest
            home = prepare_home(db, root)
            env = dict(base_env, FOCUS_HOME=str(home))
            targets.append((db, events, date, env))
            print(f"cli_latency: {db}: {events} events, report date {date}", file=sys.stderr)
        # Runs alternate between the databases, so that background load hits them alike and the
        # growth ratios compare like with like.
        timew = timew_command(args.timew) if args.timew else None
        timew_runs: list[float] = []
        for label, kind, tail in commands_wanted:
            print(f"cli_latency: {label} ...", file=sys.stderr)
            commands = [
                [args.focus] + [part.format(date=date, week=iso_week(date)) for part in tail]
                for _, _, date, _ in targets
            ]
            times: list[list[float]] = [[] for _ in targets]
            cpus: list[list[float]] = [[] for _ in targets]
            for round_ in range(args.warmups + args.runs):
                for index, (command, (_, _, _, env)) in enumerate(zip(commands, targets)):
                    if kind.endswith("-cold"):
                        clear_day_cache(Path(env["FOCUS_HOME"]) / "focus.db")
                    elapsed, cpu = run_once(command, env)
                    if round_ >= args.warmups:
                        times[index].append(elapsed)
                        cpus[index].append(cpu)
                if timew is not None and kind == "year-cold":
                    elapsed, _ = run_once(*timew)
                    if round_ >= args.warmups:
                        timew_runs.append(elapsed)
            for (db, events, date, _), runs, cpu in zip(targets, times, cpus):
                results.append(
                    {
                        "database": str(db),
                        "events": events,
                        "bytes": db.stat().st_size,
                        "date": date,
                        "command": label.format(date=date, week=iso_week(date)),
                        "key": label,
                        "kind": kind,
                        "median_ms": round(statistics.median(runs), 2),
                        "min_ms": round(min(runs), 2),
                        "max_ms": round(max(runs), 2),
                        "cpu_median_ms": round(statistics.median(cpu), 2),
                        "runs_ms": [round(t, 2) for t in runs],
                    }
                )
        results.sort(key=lambda r: (r["events"], [c[0] for c in COMMANDS].index(r["key"])))
    peer = None
    if timew_runs:
        assert timew is not None
        peer = {
            "command": " ".join(timew[0][1:]),
            "median_ms": round(statistics.median(timew_runs), 2),
            "min_ms": round(min(timew_runs), 2),
            "runs_ms": [round(t, 2) for t in timew_runs],
        }

    # Budgets: absolute, and the growth against the smallest database measured.
    base_events = min(r["events"] for r in results)
    base = {r["key"]: r["median_ms"] for r in results if r["events"] == base_events}
    for r in results:
        limit = BUDGET_MS_1M.get(r["kind"], BUDGET_MS[r["kind"]]) if r["events"] >= 1_000_000 else BUDGET_MS[r["kind"]]
        r["budget_ms"] = limit
        ok = r["median_ms"] <= limit
        if r["events"] != base_events and r["kind"] in SCALE_BUDGET:
            ratio = r["median_ms"] / base[r["key"]]
            r["ratio"] = round(ratio, 3)
            r["ratio_budget"] = SCALE_BUDGET[r["kind"]]
            ok = ok and ratio <= SCALE_BUDGET[r["kind"]]
        r["ok"] = ok

    load_after = os.getloadavg()
    print(f"{'events':>8}  {'command':<58} {'median ms':>9} {'min ms':>8} {'cpu ms':>7}  {'budget':<26} verdict")
    for r in results:
        budget = f"≤ {r['budget_ms']:.0f} ms"
        if "ratio" in r:
            budget += f", ≤ {r['ratio_budget']}× ({r['ratio']:.2f}×)"
        print(
            f"{human(r['events']):>8}  {r['command']:<58} {r['median_ms']:>9.1f} {r['min_ms']:>8.1f} "
            f"{r['cpu_median_ms']:>7.1f}  "
            f"{budget:<26} {'ok' if r['ok'] else 'OVER'}"
        )
    if floor:
        print(f"{'':>8}  {'python -c pass (interpreter floor)':<58} {floor['median_ms']:>9.1f} {floor['min_ms']:>8.1f}")
    if peer:
        print(f"{'peer':>8}  {'timew ' + peer['command']:<58} {peer['median_ms']:>9.1f} {peer['min_ms']:>8.1f}")
        for r in results:
            if r["kind"] == "year-cold":
                r["timew_ratio"] = round(r["median_ms"] / peer["median_ms"], 3)
                print(
                    f"{human(r['events']):>8}  cold year / timew summary of a year: {r['timew_ratio']:.2f}× (≤ 0.75×)"
                )
    cpus = os.cpu_count() or 1
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} on {cpus} CPUs")
    if max(load_before[0], load_after[0]) > 0.5 * cpus:
        print(
            f"cli_latency: warning: the machine was busy (load {max(load_before[0], load_after[0]):.1f} on {cpus} "
            "CPUs): times are inflated, the growth ratios less so; rerun on a quiet machine",
            file=sys.stderr,
        )

    if args.json:
        document = {
            "schema": "focus.bench.cli_latency/1",
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
            "focus": args.focus,
            "runs": args.runs,
            "warmups": args.warmups,
            "load_average": {"before": load_before, "after": load_after},
            "baseline_events": base_events,
            "interpreter_floor": floor,
            "timew": peer,
            "results": results,
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"cli_latency: wrote {args.json}", file=sys.stderr)
    peers_ok = all(r.get("timew_ratio", 0) <= 0.75 for r in results)
    return 0 if all(r["ok"] for r in results) and peers_ok else 1


if __name__ == "__main__":
    sys.exit(main())
