"""A day's debriefs to send to a manager: JSON (``focus.debrief/1``) and Markdown. The free text
belongs to the seller: only this command prints it (and ``focus week --with-debrief``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from focus.core import debrief
from focus.core.model import Block
from focus.reports.safe import markdown_text

SCHEMA = "focus.debrief/1"


def debrief_json(date: dt.date, visits: list[Block], debriefs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The day's visits, each with its answers (null when not debriefed), and the coaching figures."""
    return {
        "schema": SCHEMA,
        "date": date.isoformat(),
        "visits": [
            {"id": b.id, "start": b.start_text, "end": b.end_text, "title": b.title, "answers": debriefs.get(b.id)}
            for b in visits
        ],
        "figures": debrief.figures(visits, debriefs).as_dict(),
    }


def _amount(budget: float, answers: dict[str, Any]) -> str:
    """``50 000``, ``50 000 SEK``."""
    currency = answers.get(debrief.CURRENCY)
    return f"{budget:,.0f}".replace(",", " ") + (f" {currency}" if currency else "")


def debrief_markdown(date: dt.date, visits: list[Block], debriefs: dict[str, dict[str, Any]]) -> str:
    """The day's debriefs as Markdown."""
    lines = [f"# Debrief · {date:%a %d %b %Y}", ""]
    if not visits:
        return "\n".join([*lines, "No customer visits.", ""])
    for block in visits:
        lines.append(f"## {block.start_text}–{block.end_text} {markdown_text(block.title)}")
        answers = debriefs.get(block.id)
        if answers is None:
            lines += ["", "_Not debriefed._", ""]
            continue
        budget = answers["budget"]
        shown = {name: markdown_text(str(value or "")) for name, value in answers.items()}
        lines += [
            "",
            f"- **Met:** {shown['who']}",
            f"- **Only decision maker:** {shown['decision_maker']}",
            f"- **Budget:** {shown['budget'] if isinstance(budget, str) else _amount(budget, answers)}",
            f"- **Next step:** {shown['next_step'] or '–'}",
            f"- **Next meeting booked before leaving:** {shown['booked']}"
            + (f" — why not: {shown['why_not']}" if answers["booked"] == debrief.NO else ""),
            "",
        ]
    figures = debrief.figures(visits, debriefs)
    lines.append(f"{figures.debriefed} of {figures.visits} visits debriefed.")
    return "\n".join(lines) + "\n"
