"""Days not yet lived and days before the log began (``core.figures.as_lived``) as the week's tables
and charts show them: never as zero days, but a "–" in every cell of the day's row and one footnote
that names them; in the charts no bar and the word in its place."""

from __future__ import annotations

from collections.abc import Sequence

from focus.core.figures import DayFigures
from focus.i18n import N_, _
from focus.reports.local import day_label

DASH = "–"
NOT_LIVED = {"before_log": N_("before the log began"), "to_come": N_("not yet lived")}


def word(day: DayFigures) -> str:
    """Why a day is not lived, in words: ``not yet lived``, ``before the log began``."""
    return _(NOT_LIVED[day.lived])


def footnote(days: Sequence[DayFigures]) -> str:
    """``– before the log began: Mon 23; not yet lived: Wed 25, Thu 26``; empty when every day is lived."""
    parts = []
    for state, what in NOT_LIVED.items():
        labels = [day_label(d.date) for d in days if d.lived == state]
        if labels:
            parts.append(f"{_(what)}: {', '.join(labels)}")
    return f"{DASH} {'; '.join(parts)}" if parts else ""
