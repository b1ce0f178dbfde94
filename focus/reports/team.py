"""``focus team DIR``: the team table as JSON (``focus.team/2``), CSV and a Rich renderable.

Text from the files (seller names, file names, outcome names) is shown through ``terminal_text``: never
as control codes."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focus.core.team import REASONS, SCHEMA, WEEK_SCHEMA, WHATS, Skipped, Team, TeamRow
from focus.i18n import N_, _
from focus.reports import names, rendering
from focus.reports.csvfile import csv_text
from focus.reports.local import decimal, percent
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
    return None if team.rows else _("no {schema} files in {folder}").format(schema=WEEK_SCHEMA, folder=folder)


# What focus.sources.team_folder says of a file it could not read (the most specific first).
FOLDER_REASONS = (
    N_("not UTF-8 text"),
    N_("broken JSON (nested too deep)"),
    N_("broken JSON ({detail})"),
    N_("unreadable ({error})"),
    N_("duplicate of {file} (same seller and week, older)"),
)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """A reason's template as a pattern that finds its fields in the English text."""
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(template)))


def reason_text(reason: str) -> str:
    """A skipped file's reason (English in the document) in the language in use; as it is when unknown."""
    for template in (*REASONS, *FOLDER_REASONS):
        found = _pattern(template).fullmatch(reason)
        if found:
            fields = {key: _(value) if value in WHATS else value for key, value in found.groupdict().items()}
            return _(template).format(**fields)
    return reason


def skipped_line(skipped: Skipped) -> str:
    """``skipped FILE: reason``, terminal-safe, in the language in use."""
    return terminal_text(_("skipped {file}: {reason}").format(file=skipped.file, reason=reason_text(skipped.reason)))


def renderable(team: Team, folder: Path) -> RenderableType:
    """The team as a Rich renderable: the table, then one "skipped FILE: reason" line per bad file."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False, header_style="dim")
    seller, week = _("seller"), _("week")
    outcomes = (terminal_text(names.outcome(name)) for name in team.outcome_names)
    for column in (seller, week, _("share"), _("email/day"), *outcomes, _("debriefed"), _("visits")):
        table.add_column(
            Text(column),  # a name from someone's file: shown as written, never read as markup
            justify="left" if column in (seller, week) else "right",
            no_wrap=True,
            min_width=8 if column == week else None,
        )
    for row in team.rows:
        email = row.email_checks_per_work_day
        table.add_row(
            Text(terminal_text(row.seller) or _("(no name)")),
            row.week,
            percent(row.proactive_share),
            "–" if email is None else decimal(email),
            *(str(row.outcomes.get(n, 0)) for n in team.outcome_names),
            "–" if row.debriefed_visits is None else str(row.debriefed_visits),
            str(row.visits),
        )
    title = _("focus · team · {folder}").format(folder=terminal_text(str(folder)))
    parts: list[RenderableType] = [Text(title, style="bold"), Text(""), table]
    note = empty_note(team, folder)
    if note or team.skipped:
        parts.append(Text(""))
    if note:
        parts.append(Text(terminal_text(note), style="dim"))
    parts += [Text(skipped_line(s), style="yellow") for s in team.skipped]
    return Group(*parts)


def to_text(team: Team, folder: Path, width: int = 130, color: bool = False) -> str:
    """The renderable as plain (or coloured) text, trailing blanks trimmed."""
    return rendering.as_text(renderable(team, folder), width, color)
