"""A day's debriefs to send to a manager: JSON (``focus.debrief/1``) and Markdown. The free text
belongs to the seller: only this command prints it (and ``focus week --with-debrief``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from focus.core import debrief
from focus.core.model import Block
from focus.i18n import _, ngettext
from focus.reports.local import clock_time, day_name, decimal, swedish
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
    """``50 000``, ``50 000 SEK`` (in Swedish with no-break spaces)."""
    currency = answers.get(debrief.CURRENCY)
    shown = decimal(budget, 0) if swedish() else f"{budget:,.0f}".replace(",", " ")
    return shown + (f" {currency}" if currency else "")


def debrief_markdown(
    date: dt.date, visits: list[Block], debriefs: dict[str, dict[str, Any]], skipped: frozenset[str] = frozenset()
) -> str:
    """The day's debriefs as Markdown, in the language in use; a visit in ``skipped`` says so."""
    title = _("Debrief")
    lines = [f"# {title} · {day_name(date)} {date.year}", ""]
    if not visits:
        return "\n".join([*lines, _("No customer visits."), ""])
    for block in visits:
        lines.append(f"## {clock_time(block.start_text)}–{clock_time(block.end_text)} {markdown_text(block.title)}")
        answers = debriefs.get(block.id)
        if answers is None:
            lines += ["", _("_Skipped._") if block.id in skipped else _("_Not debriefed._"), ""]
            continue
        budget = answers["budget"]
        shown = {name: markdown_text(str(value or "")) for name, value in answers.items()}
        said = {name: markdown_text(debrief.answer_word(answers[name])) for name in ("decision_maker", "booked")}
        why_not = _(" — why not: {why_not}").format(why_not=shown["why_not"])
        lines += [
            "",
            _("- **Met:** {who}").format(who=shown["who"]),
            _("- **Only decision maker:** {answer}").format(answer=said["decision_maker"]),
            _("- **Budget:** {budget}").format(
                budget=markdown_text(debrief.answer_word(budget))
                if isinstance(budget, str)
                else _amount(budget, answers)
            ),
            _("- **Next step:** {next_step}").format(next_step=shown["next_step"] or "–"),
            _("- **Next meeting booked before leaving:** {answer}").format(answer=said["booked"])
            + (why_not if answers["booked"] == debrief.NO else ""),
            "",
        ]
    figures = debrief.figures(visits, debriefs)
    lines.append(
        ngettext(
            "{debriefed} of {visits} visits debriefed.", "{debriefed} of {visits} visits debriefed.", figures.visits
        ).format(debriefed=figures.debriefed, visits=figures.visits)
    )
    return "\n".join(lines) + "\n"
