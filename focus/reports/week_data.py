"""``focus week --format json`` and ``--format csv``: the week's figures for programs. A day not yet
lived or before the log began keeps its figures (zeros, and what was planned ahead) and says so: the
day's ``lived`` (true or false) and ``not_lived`` (``to_come``, ``before_log``; null or empty when lived),
in the JSON and as the last two CSV columns (the total row counts the days lived)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from focus.core.figures import DayFigures
from focus.core.week import SCHEMA, Forecast, TrendRow, WeekFigures, WeekTotals
from focus.reports.csvfile import csv_text
from focus.reports.local import day_label

# -- JSON ------------------------------------------------------------------------------------------


def totals_json(t: WeekTotals) -> dict[str, Any]:
    """The ``totals`` of ``focus.week/1``: the shape of a day, rates recomputed from the sums."""
    return {
        "seconds": asdict(t.seconds),
        "proactive_share": t.proactive_share,
        "interruptions": {
            "total": t.interruptions_total,
            "by_kind": dict(t.interruptions),
            "email_budget": t.email_budget,
            "email_checks_per_work_day": t.email_checks_per_work_day,
            "days_over_email_budget": t.days_over_email_budget,
            "email_noticed_by": dict(t.email_noticed_by),
        },
        "interruptions_per_hour": t.interruptions_per_hour,
        "mail_received": t.mail_received,
        "focus": {
            "longest_seconds": t.longest_focus_seconds,
            "stretches": t.focus_stretches,
            "min_minutes": t.focus_min_minutes,
        },
        "plan": asdict(t.plan),
        "outcomes": dict(t.outcomes),
        "funnel": [step.as_dict() for step in t.funnel],
        "visits": t.visits._asdict(),
        "work_days": t.work_days,
        "debrief": t.debrief.as_dict(),
    }


def forecast_json(f: Forecast) -> dict[str, Any]:
    return {"basis": f.basis, "rates": f.rates, "expected": f.expected, "needed": f.needed, "text": f.text}


def trend_json(row: TrendRow) -> dict[str, Any]:
    t = row.totals
    return {
        "week": row.week,
        "proactive_share": t.proactive_share,
        "proactive_seconds": t.seconds.proactive,
        "email_checks_per_work_day": t.email_checks_per_work_day,
        "interruptions_per_hour": t.interruptions_per_hour,
        "blocks_kept": t.plan.kept,
        "blocks_planned": t.plan.planned,
        "outcomes": dict(t.outcomes),
        "visits": t.visits.total,
        "debriefed": t.debrief.debriefed,
    }


def to_json(week: WeekFigures) -> dict[str, Any]:
    """The ``focus.week/1`` document (its schema is in the README)."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "week": week.name,
        "timezone": week.timezone,
        "seller": week.seller,
        "first_day": week.monday.isoformat(),
        "last_day": week.last_day.isoformat(),
        "days": [day.as_dict() for day in week.days],
        "totals": totals_json(week.totals),
        "forecast": forecast_json(week.forecast),
    }
    if week.debriefs is not None:
        doc["debriefs"] = [
            {"date": v.date.isoformat(), "start": v.start, "title": v.title, "answers": v.answers}
            for v in week.debriefs
        ]
    if week.trend:
        doc["trend"] = [trend_json(row) for row in week.trend]
    return doc


# -- CSV -------------------------------------------------------------------------------------------


def csv_columns(week: WeekFigures) -> list[str]:
    return [
        "date",
        "weekday",
        "work_day",
        "proactive_seconds",
        "reactive_seconds",
        "neutral_seconds",
        "tracked_seconds",
        "untracked_seconds",
        "work_seconds",
        "proactive_share",
        "interruptions",
        *week.totals.interruptions,
        "email_budget",
        "interruptions_per_hour",
        "longest_focus_seconds",
        "focus_stretches",
        "blocks_planned",
        "blocks_kept",
        *week.totals.outcomes,
        "visits",
        "blocks",
        "lived",
        "not_lived",
    ]


def _csv_row(
    week: WeekFigures,
    label: str,
    weekday: str,
    f: DayFigures | WeekTotals,
    work_day: Any,
    visits: int,
    titles: tuple[str, ...],
    lived: tuple[Any, str],
) -> list[Any]:
    s = f.seconds
    return [
        label,
        weekday,
        work_day,
        s.proactive,
        s.reactive,
        s.neutral,
        s.tracked,
        s.untracked,
        s.work,
        f.proactive_share,
        f.interruptions_total,
        *(f.interruptions.get(k, 0) for k in week.totals.interruptions),
        f.email_budget,
        f.interruptions_per_hour,
        f.longest_focus_seconds,
        f.focus_stretches,
        f.plan.planned,
        f.plan.kept,
        *(f.outcomes.get(k, 0) for k in week.totals.outcomes),
        visits,
        " | ".join(titles),
        *lived,
    ]


def _weekday(day: DayFigures) -> str:
    """The weekday column: ``Mon``, in Swedish ``mån`` (as the tables name the day)."""
    return day_label(day.date).partition(" ")[0]


def _lived(day: DayFigures) -> tuple[bool, str]:
    """The ``lived`` and ``not_lived`` cells: ``True, ""`` or ``False, "to_come"`` / ``"before_log"``."""
    return (True, "") if day.is_lived else (False, day.lived)


def to_csv(week: WeekFigures, delimiter: str) -> str:
    """One row per day plus a total row; every text cell neutralised against formula injection."""
    rows = [
        _csv_row(week, d.date.isoformat(), _weekday(d), d, d.work_day, d.visits, d.titles, _lived(d)) for d in week.days
    ]
    t, lived = week.totals, sum(1 for d in week.days if d.is_lived)
    rows.append(_csv_row(week, "total", week.name, t, t.work_days, t.visits.total, (), (lived, "")))
    return csv_text(csv_columns(week), rows, delimiter)
