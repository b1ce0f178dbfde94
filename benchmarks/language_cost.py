#!/usr/bin/env python3
"""What speaking Swedish costs: each command timed in English and in Swedish, the two alternating run by
run (each going first every other run) so that background load hits both alike, on a copy of a
generated database.

    python benchmarks/language_cost.py /tmp/bench/30k.db --runs 15

The languages are chosen as a user chooses them (``LANGUAGE=en`` and ``LANG=sv_SE.UTF-8``); the
table shows the median wall time and CPU time of each (the CPU time moves less under load) and their
ratios. The writes (log, count) must not cost more in Swedish (the catalogue is read, pendulum is not
loaded); the text reports and the CSV load pendulum for the Swedish day names and pay its import.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cli_latency import default_focus, describe_db, iso_week, prepare_home, run_once

LANGUAGES = {"en": {"LANGUAGE": "en"}, "sv": {"LANGUAGE": "", "LANG": "sv_SE.UTF-8"}}
COMMANDS = (
    ("focus log email", ["log", "email"]),
    ("focus count call", ["count", "call"]),
    ("focus report {date} --format json", ["report", "{date}", "--format", "json"]),
    ("focus report {date}", ["report", "{date}"]),
    ("focus week {week}", ["week", "{week}"]),
    ("focus week {week} --format csv", ["week", "{week}", "--format", "csv"]),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path, help="a database made by generate.py")
    parser.add_argument("--runs", "-k", type=int, default=15, help="timed runs per command and language")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument("--focus", default=default_focus(), help="the focus executable (default: the venv's)")
    args = parser.parse_args()
    events, day = describe_db(args.database)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="focus-language-") as root:
        home = prepare_home(args.database, Path(root))
        base = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
        base |= {"FOCUS_HOME": str(home), "TZ": "Europe/Stockholm"}
        envs = {language: base | extra for language, extra in LANGUAGES.items()}
        print(f"language_cost: {args.database}: {events} events, report date {day}", file=sys.stderr)
        print(f"{'command':<42} {'en ms':>8} {'sv ms':>8} {'sv/en':>6} {'en cpu':>8} {'sv cpu':>8} {'sv/en':>6}")
        for label, argv in COMMANDS:
            argv = [args.focus, *(a.format(date=day, week=iso_week(day)) for a in argv)]
            times: dict[str, list[float]] = {language: [] for language in envs}
            cpu: dict[str, list[float]] = {language: [] for language in envs}
            for _ in range(args.warmups):
                for env in envs.values():
                    run_once(argv, env)
            for run in range(args.runs):
                order = list(envs.items())
                for language, env in order if run % 2 == 0 else reversed(order):  # neither always goes first
                    wall, used = run_once(argv, env)
                    times[language].append(wall)
                    cpu[language].append(used)
            en, sv = (statistics.median(times[language]) for language in ("en", "sv"))
            en_cpu, sv_cpu = (statistics.median(cpu[language]) for language in ("en", "sv"))
            print(
                f"{label.format(date=day, week=iso_week(day)):<42} {en:8.1f} {sv:8.1f} {sv / en:6.2f}"
                f" {en_cpu:8.1f} {sv_cpu:8.1f} {sv_cpu / en_cpu:6.2f}"
            )
    print(f"load average before {load:.2f}, after {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
