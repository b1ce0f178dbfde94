"""The README stays true: every command appears in it, and its two set-up lines are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

import click

from focus.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def commands(group: click.Group, prefix: str = "focus") -> list[str]:
    found = []
    for name, command in group.commands.items():
        found.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            found += commands(command, f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme():
    missing = [command for command in commands(cli) if f"`{command}" not in README]
    assert missing == []


def test_the_readme_lines_are_what_ci_runs():
    assert "pip install -e '.[test]' && focus\n" in README
    assert "pip install -e '.[test]' && pytest\n" in README
    assert "pip install -e '.[test]' && pytest" in (ROOT / ".ci" / "run").read_text()


def test_a_day_with_focus_runs_as_written(focus):
    """The README's "A day with focus" lines, in order, on a fresh home at 10:20."""
    import shlex

    block = README.split("## A day with focus", 1)[1].split("```")[1]
    lines = [
        line.removeprefix("$ ").split("  #")[0].strip() for line in block.splitlines() if line.startswith("$ focus")
    ]
    assert len(lines) == 8
    for line in lines:
        focus(*shlex.split(line)[1:], now="2026-11-24T10:20")
    report = focus.json("report", now="2026-11-24T10:30")
    assert report["outcomes"]["call"] == 3 and report["interruptions"]["by_kind"]["email"] == 1
