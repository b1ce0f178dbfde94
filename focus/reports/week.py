"""``focus week``: the week's figures as text, Markdown and HTML (the JSON and CSV: ``week_data``).

Every column of outcomes and interruption kinds comes from the figures, so the names configured
(``outcomes = ["dial", "demo", …]``) are the names shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from focus.core.debrief import DebriefFigures
from focus.core.figures import DayFigures
from focus.core.timeparse import duration
from focus.core.week import VisitFigures, WeekFigures, WeekTotals
from focus.i18n import _, ngettext
from focus.reports import charts, names, rendering, unlived
from focus.reports.day import GLYPHS, bar_legend, funnel_line, split_bar
from focus.reports.forecast import forecast_text
from focus.reports.local import day_label, decimal, percent, swedish
from focus.reports.safe import markdown_text, terminal_text

if TYPE_CHECKING:
    from rich.console import RenderableType

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
    day_column = _("day")
    for column in (
        day_column,
        *(names.time_class(name) for name in ("proactive", "reactive", "neutral", "untracked")),
        _("share"),
        _("email"),
        _("int/h"),
        _("focus"),
        _("kept"),
        *map(names.outcome, outcomes),
        _("visits"),
    ):
        days.add_column(
            column,
            justify="left" if column == day_column else "right",
            min_width=max(6, len(column)) if column == day_column else len(column),
            no_wrap=True,
        )
    rows: list[tuple[DayFigures | WeekTotals, str, int, int]] = [
        (d, day_label(d.date), d.email_budget, d.visits) for d in week.days
    ]
    rows.append((t, _("week"), t.email_budget * t.work_days, t.visits.total))
    for figures, label, budget, visits in rows:
        s = figures.seconds
        email = figures.email_checks
        per_hour = figures.interruptions_per_hour
        shown: list[str | Text] = [
            duration(s.proactive * 1000),
            duration(s.reactive * 1000),
            duration(s.neutral * 1000),
            duration(s.untracked * 1000),
            percent(figures.proactive_share),
            Text(f"{email}/{budget}", style="bold red" if email > budget else ""),
            "–" if per_hour is None else decimal(per_hour),
            duration(figures.longest_focus_seconds * 1000),
            f"{figures.plan.kept}/{figures.plan.planned}",
            *_count_cells(figures, outcomes),
            str(visits),
        ]
        if isinstance(figures, DayFigures) and not figures.is_lived:
            shown = [unlived.DASH] * len(shown)
        days.add_row(Text(label, style="bold" if figures is t else ""), *shown)
    s = t.seconds
    bar = split_bar({name: getattr(s, name) * 1000 for name in GLYPHS}, 40)
    bar.append("  ").append_text(bar_legend())
    share = _("proactive {share} of proactive + reactive").format(share=percent(t.proactive_share))
    bar.append(f"  —  {share}")
    title = _("focus · week {week} · {first} – {last} · {seller}").format(
        week=week.name, first=week.monday, last=week.last_day, seller=terminal_text(week.seller)
    )
    parts: list[RenderableType] = [
        Text(title, "bold"),
        Text(""),
        bar,
        Text(""),
        days,
        *([Text(note, style="dim")] if (note := unlived.footnote(week.days)) else []),
        Text(""),
        Text(_labelled(_("Visits"), _visits_line(t.visits))),
        Text(_labelled(_("Funnel"), funnel_line(t.outcomes))),
        Text(_labelled(_("Forecast"), forecast_text(week.forecast))),
        Text(_labelled(_("Debrief"), _coaching(t.debrief))),
    ]
    planned = _titles_by_day(week.days)
    if planned:
        plans = Table(box=None, padding=(0, 1), show_header=False)
        plans.add_column(style="dim")
        plans.add_column()
        for date, titles in planned:
            plans.add_row(date, Text(terminal_text(titles)))
        parts += [Text(""), Text(_("Planned"), style="bold"), plans]
    if week.trend:
        trend = Table(box=None, padding=(0, 1), header_style="dim")
        week_column = _("week")
        for column in (
            week_column,
            _("share"),
            _("email/day"),
            _("int/h"),
            _("kept"),
            *map(names.outcome, outcomes),
            _("visits"),
        ):
            trend.add_column(column, justify="left" if column == week_column else "right")
        for row in week.trend:
            w = row.totals
            trend.add_row(
                row.week,
                percent(w.proactive_share),
                "–" if w.email_checks_per_work_day is None else decimal(w.email_checks_per_work_day),
                "–" if w.interruptions_per_hour is None else decimal(w.interruptions_per_hour),
                f"{w.plan.kept}/{w.plan.planned}",
                *_count_cells(w, outcomes),
                str(w.visits.total),
            )
        n = len(week.trend)
        trend_title = ngettext("Trend, last {n} week", "Trend, last {n} weeks", n).format(n=n)
        parts += [Text(""), Text(trend_title, style="bold"), trend]
    return Group(*parts)


def _labelled(label: str, line: str) -> str:
    """``Visits      …``: the label in a column of 12."""
    return f"{label:<11} {line}"


def _visits_line(visits: VisitFigures) -> str:
    """The week's visits as the day counts them (blocks of a meeting category begun, tracked or not)
    against the targets."""
    if not visits.total:
        return _("none this week")
    days = visits.visit_days
    counted = ngettext("{n} on {days} day", "{n} on {days} days", days).format(n=visits.total, days=days)
    target = _("target {per_day} a day on {days} days").format(per_day=visits.target_per_day, days=visits.target_days)
    on_target = ngettext("{n} day on target", "{n} days on target", visits.days_on_target).format(
        n=visits.days_on_target
    )
    return f"{counted} ({target}; {on_target})"


def _coaching(figures: DebriefFigures) -> str:
    """The week's coaching rates in words; a week without visits says so."""
    if not figures.visits:
        return _("no visits to debrief this week")
    r = figures.rates
    rest = (
        _(
            "; of those: decision maker known {decision_maker}, budget known {budget}, next step set {next_step}, "
            "next meeting booked {booked}"
        ).format(
            decision_maker=percent(r["decision_maker_known"]),
            budget=percent(r["budget_known"]),
            next_step=percent(r["next_step_set"]),
            booked=percent(r["booked_before_leaving"]),
        )
        if figures.debriefed
        else ""
    )
    debriefed = ngettext(
        "{debriefed} of {visits} visit debriefed ({share})",
        "{debriefed} of {visits} visits debriefed ({share})",
        figures.visits,
    ).format(debriefed=figures.debriefed, visits=figures.visits, share=percent(r["debriefed"]))
    return debriefed + rest


def _titles_by_day(days: tuple[DayFigures, ...]) -> list[tuple[str, str]]:
    return [(day_label(d.date), " · ".join(d.titles)) for d in days if d.titles]


def to_text(week: WeekFigures, width: int = 130, color: bool = False) -> str:
    """The week as terminal text."""
    return rendering.as_text(renderable(week), width, color)


def to_html(week: WeekFigures) -> str:
    """A page a manager can open: the week's charts (inline SVG, ``reports/charts.py``), then the same
    layout as the text through Rich's own HTML export (text escaped). No script, nothing fetched."""
    page = rendering.as_html(renderable(week), 130)
    before, pre, tables = page.partition("<pre")
    return before + charts.charts_section(week) + pre + tables


# -- Markdown --------------------------------------------------------------------------------------


def _email_per_day(checks: float | None) -> str:
    """The trend's email checks a day as the Markdown table writes them: ``0.2`` (``0,2`` in Swedish), ``0``."""
    shown = str(checks or 0)
    return shown.replace(".", ",") if swedish() else shown


def to_markdown(week: WeekFigures) -> str:
    """The week as Markdown tables."""
    t = week.totals
    outcomes = list(t.outcomes)
    classes = [names.time_class(name) for name in ("proactive", "reactive", "neutral", "untracked")]
    columns = [_("day"), *classes, _("share"), _("email"), _("kept")]
    shown = [markdown_text(names.outcome(name)) for name in outcomes]
    week_word, visits_word = _("week"), _("visits")
    lines = [
        f"# focus · {week_word} {week.name} · {markdown_text(week.seller)}",
        "",
        "| " + " | ".join(columns) + " | " + " | ".join(shown) + f" | {visits_word} |",
        "|---|" + "---:|" * (8 + len(outcomes)),
    ]
    rows: list[tuple[DayFigures | WeekTotals, str, int]] = [(d, d.date.isoformat(), d.visits) for d in week.days]
    rows.append((t, f"**{week_word}**", t.visits.total))
    for figures, label, visits in rows:
        s = figures.seconds
        shown = [
            *(duration(seconds * 1000) for seconds in (s.proactive, s.reactive, s.neutral, s.untracked)),
            percent(figures.proactive_share),
            str(figures.email_checks),
            f"{figures.plan.kept}/{figures.plan.planned}",
            *_count_cells(figures, outcomes),
            str(visits),
        ]
        if isinstance(figures, DayFigures) and not figures.is_lived:
            shown = [unlived.DASH] * len(shown)
        lines.append(f"| {label} | " + " | ".join(shown) + " |")
    if note := unlived.footnote(week.days):
        lines += ["", note]
    forecast, debrief = _("Forecast"), _("Debrief")
    lines += [
        "",
        f"**{forecast}:** {markdown_text(forecast_text(week.forecast))}  ",
        f"**{debrief}:** {_coaching(t.debrief)}",
        "",
    ]
    for date, titles in _titles_by_day(week.days):
        lines.append(f"- {date}: {markdown_text(titles)}")
    if week.trend:
        lines += [
            "",
            "| " + " | ".join((week_word, _("share"), _("email/day"), _("kept"), *map(names.outcome, outcomes))) + " |",
            "|---|" + "---:|" * (3 + len(outcomes)),
        ]
        for row in week.trend:
            w = row.totals
            lines.append(
                f"| {row.week} | {percent(w.proactive_share)} | {_email_per_day(w.email_checks_per_work_day)} | "
                f"{w.plan.kept}/{w.plan.planned} | " + " | ".join(_count_cells(w, outcomes)) + " |"
            )
    return "\n".join(lines) + "\n"
