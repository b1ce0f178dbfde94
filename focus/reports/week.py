"""``focus week``: the week's figures as the ``focus.week/1`` document and as text, Markdown, HTML and CSV.

Every column of outcomes and interruption kinds comes from the figures, so the names configured
(``outcomes = ["dial", "demo", …]``) are the names shown."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from focus.core.debrief import DebriefFigures
from focus.core.figures import DayFigures
from focus.core.timeparse import duration
from focus.core.week import SCHEMA, Forecast, TrendRow, VisitFigures, WeekFigures, WeekTotals
from focus.reports import rendering
from focus.reports.csvfile import csv_text
from focus.reports.day import GLYPHS, bar_legend, funnel_line, split_bar
from focus.reports.local import percent
from focus.reports.safe import markdown_text, terminal_text

if TYPE_CHECKING:
    from rich.console import RenderableType

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
    ]


def _csv_row(
    week: WeekFigures,
    label: str,
    weekday: str,
    f: DayFigures | WeekTotals,
    work_day: Any,
    visits: int,
    titles: tuple[str, ...],
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
    ]


def to_csv(week: WeekFigures, delimiter: str) -> str:
    """One row per day plus a total row; every text cell neutralised against formula injection."""
    rows = [_csv_row(week, d.date.isoformat(), f"{d.date:%a}", d, d.work_day, d.visits, d.titles) for d in week.days]
    t = week.totals
    rows.append(_csv_row(week, "total", week.name, t, t.work_days, t.visits.total, ()))
    return csv_text(csv_columns(week), rows, delimiter)


# -- text, HTML ------------------------------------------------------------------------------------


def _count_cells(f: DayFigures | WeekTotals, names: list[str]) -> list[str]:
    return [str(f.outcomes.get(name, 0)) for name in names]


def renderable(week: WeekFigures) -> RenderableType:
    """The week as a Rich renderable: the days, the split as a bar, visits, funnel, forecast, trend."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    t = week.totals
    outcomes = list(t.outcomes)
    days = Table(title=None, box=None, padding=(0, 1), header_style="dim")
    for column in (
        "day",
        "proactive",
        "reactive",
        "neutral",
        "untracked",
        "share",
        "email",
        "int/h",
        "focus",
        "kept",
        *outcomes,
        "visits",
    ):
        days.add_column(
            column,
            justify="left" if column == "day" else "right",
            min_width=max(6, len(column)) if column == "day" else len(column),
            no_wrap=True,
        )
    rows: list[tuple[DayFigures | WeekTotals, str, int, int]] = [
        (d, f"{d.date:%a %d}", d.email_budget, d.visits) for d in week.days
    ]
    rows.append((t, "week", t.email_budget * t.work_days, t.visits.total))
    for figures, label, budget, visits in rows:
        s = figures.seconds
        email = figures.email_checks
        per_hour = figures.interruptions_per_hour
        days.add_row(
            Text(label, style="bold" if figures is t else ""),
            duration(s.proactive * 1000),
            duration(s.reactive * 1000),
            duration(s.neutral * 1000),
            duration(s.untracked * 1000),
            percent(figures.proactive_share),
            Text(f"{email}/{budget}", style="bold red" if email > budget else ""),
            "–" if per_hour is None else f"{per_hour:.1f}",
            duration(figures.longest_focus_seconds * 1000),
            f"{figures.plan.kept}/{figures.plan.planned}",
            *_count_cells(figures, outcomes),
            str(visits),
        )
    s = t.seconds
    bar = split_bar({name: getattr(s, name) * 1000 for name in GLYPHS}, 40)
    bar.append("  ").append_text(bar_legend())
    bar.append(f"  —  proactive {percent(t.proactive_share)} of proactive + reactive")
    parts: list[RenderableType] = [
        Text(f"focus · week {week.name} · {week.monday} – {week.last_day} · {terminal_text(week.seller)}", "bold"),
        Text(""),
        bar,
        Text(""),
        days,
        Text(""),
        Text(_visits_line(t.visits, t.debrief.visits)),
        Text("Funnel      " + funnel_line(t.outcomes)),
        Text(f"Forecast    {week.forecast.text}"),
        Text(f"Debrief     {_coaching(t.debrief)}"),
    ]
    planned = _titles_by_day(week.days)
    if planned:
        plans = Table(box=None, padding=(0, 1), show_header=False)
        plans.add_column(style="dim")
        plans.add_column()
        for date, titles in planned:
            plans.add_row(date, Text(terminal_text(titles)))
        parts += [Text(""), Text("Planned", style="bold"), plans]
    if week.trend:
        trend = Table(box=None, padding=(0, 1), header_style="dim")
        for column in ("week", "share", "email/day", "int/h", "kept", *outcomes, "visits"):
            trend.add_column(column, justify="left" if column == "week" else "right")
        for row in week.trend:
            w = row.totals
            trend.add_row(
                row.week,
                percent(w.proactive_share),
                "–" if w.email_checks_per_work_day is None else f"{w.email_checks_per_work_day:.1f}",
                "–" if w.interruptions_per_hour is None else f"{w.interruptions_per_hour:.1f}",
                f"{w.plan.kept}/{w.plan.planned}",
                *_count_cells(w, outcomes),
                str(w.visits.total),
            )
        parts += [Text(""), Text(f"Trend, last {len(week.trend)} weeks", style="bold"), trend]
    return Group(*parts)


def _visits_line(visits: VisitFigures, on_plan: int) -> str:
    """Visits made (worked on) against the targets, and how many the plan had (the debrief asks those)."""
    planned = f"; {on_plan} on the plan" if on_plan != visits.total else ""
    if not visits.total:
        return f"Visits      none made this week{planned}"
    days = visits.visit_days
    return (
        f"Visits      {visits.total} made on {days} day{'s' * (days != 1)}{planned} (target "
        f"{visits.target_per_day} a day on {visits.target_days} days; {visits.days_on_target} "
        f"day{'s' * (visits.days_on_target != 1)} on target)"
    )


def _coaching(figures: DebriefFigures) -> str:
    """The week's coaching rates in words; a week without visits says so."""
    if not figures.visits:
        return "no visits to debrief this week"
    r = figures.rates
    rest = (
        (
            f"; of those: decision maker known {percent(r['decision_maker_known'])}, budget known "
            f"{percent(r['budget_known'])}, next step set {percent(r['next_step_set'])}, next meeting booked "
            f"{percent(r['booked_before_leaving'])}"
        )
        if figures.debriefed
        else ""
    )
    return f"{figures.debriefed} of {figures.visits} visits debriefed ({percent(r['debriefed'])}){rest}"


def _titles_by_day(days: tuple[DayFigures, ...]) -> list[tuple[str, str]]:
    return [(f"{d.date:%a %d}", " · ".join(d.titles)) for d in days if d.titles]


def to_text(week: WeekFigures, width: int = 130, color: bool = False) -> str:
    """The week as terminal text."""
    return rendering.as_text(renderable(week), width, color)


def to_html(week: WeekFigures) -> str:
    """A page a manager can open: the same layout through Rich's own HTML export (text escaped)."""
    return rendering.as_html(renderable(week), 130)


# -- Markdown --------------------------------------------------------------------------------------


def to_markdown(week: WeekFigures) -> str:
    """The week as Markdown tables."""
    t = week.totals
    outcomes = list(t.outcomes)
    lines = [
        f"# focus · week {week.name} · {markdown_text(week.seller)}",
        "",
        "| day | proactive | reactive | neutral | untracked | share | email | kept | "
        + " | ".join(map(markdown_text, outcomes))
        + " | visits |",
        "|---|" + "---:|" * (8 + len(outcomes)),
    ]
    rows: list[tuple[DayFigures | WeekTotals, str, int]] = [(d, d.date.isoformat(), d.visits) for d in week.days]
    rows.append((t, "**week**", t.visits.total))
    for figures, label, visits in rows:
        s = figures.seconds
        lines.append(
            f"| {label} | {duration(s.proactive * 1000)} | {duration(s.reactive * 1000)} | "
            f"{duration(s.neutral * 1000)} | {duration(s.untracked * 1000)} | "
            f"{percent(figures.proactive_share)} | {figures.email_checks} | "
            f"{figures.plan.kept}/{figures.plan.planned} | "
            + " | ".join(_count_cells(figures, outcomes))
            + f" | {visits} |"
        )
    lines += ["", f"**Forecast:** {markdown_text(week.forecast.text)}  ", f"**Debrief:** {_coaching(t.debrief)}", ""]
    for date, titles in _titles_by_day(week.days):
        lines.append(f"- {date}: {markdown_text(titles)}")
    if week.trend:
        lines += [
            "",
            "| week | share | email/day | kept | " + " | ".join(outcomes) + " |",
            "|---|" + "---:|" * (3 + len(outcomes)),
        ]
        for row in week.trend:
            w = row.totals
            lines.append(
                f"| {row.week} | {percent(w.proactive_share)} | {w.email_checks_per_work_day or 0} | "
                f"{w.plan.kept}/{w.plan.planned} | " + " | ".join(_count_cells(w, outcomes)) + " |"
            )
    return "\n".join(lines) + "\n"
