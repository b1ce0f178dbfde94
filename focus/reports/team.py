"""``focus team DIR``: the team table as JSON (``focus.team/2``), CSV and a Rich renderable.

Text from the files (seller names, file names, outcome names) is shown through ``terminal_text``: never
as control codes."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focus.core.team import SCHEMA, WEEK_SCHEMA, Team, TeamRow
from focus.reports import rendering
from focus.reports.csvfile import csv_text
from focus.reports.local import percent
from focus.reports.safe import terminal_text

if TYPE_CHECKING:
    from rich.console import RenderableType

COLUMNS_BEFORE = ("seller", "week", "proactive_share", "email_checks_per_work_day")
COLUMNS_AFTER = ("debriefed_visits", "visits", "visit_days", "work_days", "file")


def document(team: Team) -> dict[str, Any]:
    """The ``focus.team/2`` document: rows with their outcomes by name, and the skipped files."""
    return {
        "schema": SCHEMA,
        "outcomes": list(team.outcome_names),
        "rows": [asdict(row) for row in team.rows],
        "skipped": [s._asdict() for s in team.skipped],
    }


def to_json(team: Team, indent: int | None = 2) -> str:
    """The document as JSON text (one line with ``indent=None``)."""
    return json.dumps(document(team), indent=indent, ensure_ascii=False) + "\n"


def to_csv(team: Team, delimiter: str) -> str:
    """One row per seller and week, a header first; text cells neutralised against formula injection."""

    def cells(row: TeamRow) -> list[Any]:
        values = asdict(row)
        return (
            [values[c] for c in COLUMNS_BEFORE]
            + [row.outcomes.get(name, 0) for name in team.outcome_names]
            + [values[c] for c in COLUMNS_AFTER]
        )

    return csv_text(
        [*COLUMNS_BEFORE, *team.outcome_names, *COLUMNS_AFTER], (cells(row) for row in team.rows), delimiter
    )


def empty_note(team: Team, folder: Path) -> str | None:
    """What to say when no file gave a row."""
    return None if team.rows else f"no {WEEK_SCHEMA} files in {folder}"


def renderable(team: Team, folder: Path) -> RenderableType:
    """The team as a Rich renderable: the table, then one "skipped FILE: reason" line per bad file."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False, header_style="dim")
    outcomes = map(terminal_text, team.outcome_names)
    for column in ("seller", "week", "share", "email/day", *outcomes, "debriefed", "visits"):
        table.add_column(
            Text(column),  # a name from someone's file: shown as written, never read as markup
            justify="left" if column in ("seller", "week") else "right",
            no_wrap=True,
            min_width=8 if column == "week" else None,
        )
    for row in team.rows:
        email = row.email_checks_per_work_day
        table.add_row(
            Text(terminal_text(row.seller) or "(no name)"),
            row.week,
            percent(row.proactive_share),
            "–" if email is None else f"{email:.1f}",
            *(str(row.outcomes.get(n, 0)) for n in team.outcome_names),
            "–" if row.debriefed_visits is None else str(row.debriefed_visits),
            str(row.visits),
        )
    parts: list[RenderableType] = [Text(f"focus · team · {terminal_text(str(folder))}", style="bold"), Text(""), table]
    note = empty_note(team, folder)
    if note or team.skipped:
        parts.append(Text(""))
    if note:
        parts.append(Text(terminal_text(note), style="dim"))
    parts += [Text(f"skipped {terminal_text(s.file)}: {terminal_text(s.reason)}", style="yellow") for s in team.skipped]
    return Group(*parts)


def to_text(team: Team, folder: Path, width: int = 130, color: bool = False) -> str:
    """The renderable as plain (or coloured) text, trailing blanks trimmed."""
    return rendering.as_text(renderable(team, folder), width, color)
