"""The week as pictures for ``focus week --format html``: inline SVG written by hand from the typed
``WeekFigures`` (no script, no network, no xmlns URL: the page's HTML parser places it). Every function
returns SVG text; every text in it is escaped (``xml_text``), sizes are viewBox units.

- ``days_chart``: per day, proactive / reactive / neutral as stacked bars (hours),
- ``email_chart``: email checks per day against the budget (a line at the budget),
- ``focus_chart``: the longest focus stretch per day, how many stretches, the focus minimum as a line,
- in each of these three a day not yet lived or before the log began has no bar but its words,
- ``rates_trend``, ``email_trend``: with ``--weeks N``, the proactive share and the debrief rates, and
  the email checks per work day, week by week (one point per week and series)."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from focus.core.figures import DayFigures
from focus.core.timeparse import duration
from focus.core.week import WeekFigures
from focus.i18n import _, ngettext
from focus.reports import names, unlived
from focus.reports.local import day_label, decimal, percent, whole
from focus.reports.safe import terminal_text

WIDTH = 720
LEFT, RIGHT = 64, 610  # the plot's sides; a line's label is written right of it
TOP, BOTTOM = 40, 200  # the plot's top and its base line
HEIGHT = 270  # room for the day or week labels and two rows of legend
PLOT = BOTTOM - TOP
COLOURS = {"proactive": "#2e9e44", "reactive": "#d9534f", "neutral": "#9aa0a6"}
OVER, UNDER = "#d9534f", "#4a7bd0"
SERIES_COLOURS = ("#2e9e44", "#8e44ad", "#e67e22", "#4a7bd0", "#c0392b")
RATES = ("decision_maker_known", "budget_known", "next_step_set", "booked_before_leaving")


def xml_text(text: str) -> str:
    """Text safe inside SVG or HTML, as text or an attribute value: terminal-safe, ``& < > " '`` as entities."""
    return html.escape(terminal_text(text), quote=True)


def _n(value: float) -> str:
    """A coordinate: two places at most (``12.5``, ``40``)."""
    return f"{round(value, 2):g}"


def _svg(title: str, body: list[str]) -> str:
    label = xml_text(title)
    return "\n".join(
        [
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{label}" '
            'style="max-width:100%;height:auto;display:block;margin:0 0 1em 0" '
            'font-family="sans-serif" font-size="12" fill="currentColor">',
            f"<title>{label}</title>",
            f'<text x="{LEFT}" y="20" font-size="15" font-weight="bold">{label}</text>',
            *body,
            f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="currentColor"/>',
            "</svg>",
        ]
    )


def grid_step(value: float) -> int:
    """The step between an axis's lines: the first of 1, 2, 5, 10, 20, 25, 50, 100, … with at most 6 up to ``value``."""
    scale = 1
    while True:
        for step in (1, 2, 5, 10, 20, 25, 50):
            if math.ceil(value / (step * scale)) <= 6:
                return step * scale
        scale *= 100


def axis_top(value: float) -> int:
    """The top of an axis: ``value`` rounded up to a whole grid step (at least 1)."""
    step = grid_step(max(value, 1))
    return max(1, math.ceil(value / step)) * step


def _y(value: float, top: float) -> float:
    """Where ``value`` sits on an axis from 0 (the base line) to ``top`` (the plot's top)."""
    return BOTTOM - value / top * PLOT


def _grid(top: int, label: str) -> list[str]:
    """Horizontal lines at whole steps (at most 6 of them), each labelled ``label.format(n=…)``."""
    step = grid_step(top)
    return [
        f'<line class="grid" x1="{LEFT}" y1="{_n(_y(v, top))}" x2="{RIGHT}" y2="{_n(_y(v, top))}" '
        f'stroke="currentColor" stroke-opacity="0.15"/>'
        f'<text x="{LEFT - 6}" y="{_n(_y(v, top) + 4)}" text-anchor="end">{xml_text(label.format(n=whole(v)))}</text>'
        for v in range(step, top + 1, step)
    ]


def _slots(labels: Sequence[object]) -> list[tuple[float, float]]:
    """Each label's slot on the x axis: its left edge and width; the labels written under the base line."""
    width = (RIGHT - LEFT) / max(1, len(labels))
    return [(LEFT + i * width, width) for i in range(len(labels))]


def _x_labels(labels: Sequence[str]) -> list[str]:
    """The labels under the base line; of many (a long trend) every second or third, the last always."""
    every = math.ceil(len(labels) / 8)
    return [
        f'<text x="{_n(x + w / 2)}" y="{BOTTOM + 18}" text-anchor="middle">{xml_text(label)}</text>'
        for i, ((x, w), label) in enumerate(zip(_slots(labels), labels))
        if (len(labels) - 1 - i) % every == 0
    ]


def _legend(entries: Sequence[tuple[str, str]]) -> list[str]:
    """Coloured squares and their names in rows under the x labels (a name's width guessed from its length)."""
    out, x, y = [], float(LEFT), BOTTOM + 32
    for colour, name in entries:
        width = 24 + 7 * len(name)
        if x + width > WIDTH and x > LEFT:
            x, y = float(LEFT), y + 18
        out.append(f'<rect x="{_n(x)}" y="{y}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{_n(x + 14)}" y="{y + 9}">{xml_text(name)}</text>')
        x += width
    return out


def _hline(css: str, value: float, top: float, label: str) -> str:
    """A dashed line across the plot at ``value``, labelled right of the plot."""
    y = _n(_y(value, top))
    return (
        f'<line class="{css}" x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{OVER}" stroke-width="1.5" '
        f'stroke-dasharray="6 4"/><text x="{RIGHT + 6}" y="{_n(_y(value, top) + 4)}" font-size="11" fill="{OVER}">'
        f"{xml_text(label)}</text>"
    )


def _bar(css: str, x: float, width: float, bottom: float, height: float, colour: str, tip: str, data: str) -> str:
    return (
        f'<rect class="{css}" x="{_n(x)}" y="{_n(bottom - height)}" width="{_n(width)}" height="{_n(height)}" '
        f'fill="{colour}" data-value="{xml_text(data)}"><title>{xml_text(tip)}</title></rect>'
    )


def _not_lived(x: float, width: float, day: DayFigures) -> str:
    """In a day's slot, instead of a bar, why there is none: ``not yet lived``, upwards from the base line."""
    cx, y = _n(x + width / 2 + 4), BOTTOM - 6
    return (
        f'<text class="unlived" x="{cx}" y="{y}" transform="rotate(-90 {cx} {y})" font-size="11" '
        f'fill-opacity="0.6">{xml_text(unlived.word(day))}</text>'
    )


def days_chart(week: WeekFigures) -> str:
    """Per day, proactive / reactive / neutral hours as stacked bars (each day's planned titles in its tip)."""
    hours = _("{n}h")
    classes = ("proactive", "reactive", "neutral")
    top = axis_top(max(sum(getattr(d.seconds, c) for c in classes) for d in week.days) / 3600)
    labels = [day_label(d.date) for d in week.days]
    body = _grid(top, hours)
    for (x, w), day, label in zip(_slots(labels), week.days, labels):
        if not day.is_lived:
            body.append(_not_lived(x, w, day))
            continue
        base = float(BOTTOM)
        for name in classes:
            seconds = getattr(day.seconds, name)
            if not seconds:
                continue
            height = seconds / 3600 / top * PLOT
            tip = f"{label} · {names.time_class(name)} {_duration(seconds)}"
            if day.titles:
                tip += " · " + " · ".join(day.titles)
            body.append(_bar(name, x + w * 0.2, w * 0.6, base, height, COLOURS[name], tip, str(seconds)))
            base -= height
    body += _x_labels(labels)
    body += _legend([(COLOURS[c], names.time_class(c)) for c in classes])
    title = _("Week {week} · {seller}: time per day").format(week=week.name, seller=week.seller)
    return _svg(title, body)


def _duration(seconds: int) -> str:
    return duration(seconds * 1000)


def email_chart(week: WeekFigures) -> str:
    """Email checks per day as bars (red over the budget) and the day's budget as a dashed line."""
    budget = week.totals.email_budget
    top = axis_top(max([budget, *(d.email_checks for d in week.days)]) + 1)
    labels = [day_label(d.date) for d in week.days]
    body = _grid(top, "{n}")
    for (x, w), day, label in zip(_slots(labels), week.days, labels):
        if not day.is_lived:
            body.append(_not_lived(x, w, day))
            continue
        checks = day.email_checks
        colour = OVER if checks > budget else UNDER
        tip = _("{day}: {n} email checks, budget {budget}").format(day=label, n=whole(checks), budget=whole(budget))
        body.append(_bar("email", x + w * 0.25, w * 0.5, BOTTOM, checks / top * PLOT, colour, tip, str(checks)))
    body.append(_hline("budget", budget, top, _("budget {n}").format(n=whole(budget))))
    body += _x_labels(labels)
    return _svg(_("Email checks per day against the budget"), body)


def focus_chart(week: WeekFigures) -> str:
    """The longest focus stretch of each day in minutes, the number of stretches over each bar, and the
    minutes a stretch needs as a dashed line."""
    minimum = week.totals.focus_min_minutes
    top = axis_top(max([minimum, *(d.longest_focus_seconds / 60 for d in week.days)]) * 1.15)
    labels = [day_label(d.date) for d in week.days]
    body = _grid(top, _("{n} min"))
    for (x, w), day, label in zip(_slots(labels), week.days, labels):
        if not day.is_lived:
            body.append(_not_lived(x, w, day))
            continue
        minutes = day.longest_focus_seconds / 60
        height = minutes / top * PLOT
        stretches = ngettext("{n} stretch", "{n} stretches", day.focus_stretches).format(n=day.focus_stretches)
        tip = _("{day}: longest {longest}, {stretches}").format(
            day=label, longest=_duration(day.longest_focus_seconds), stretches=stretches
        )
        body.append(_bar("focus", x + w * 0.25, w * 0.5, BOTTOM, height, COLOURS["proactive"], tip, str(minutes)))
        body.append(
            f'<text x="{_n(x + w / 2)}" y="{_n(BOTTOM - height - 4)}" text-anchor="middle">{xml_text(stretches)}</text>'
        )
    body.append(_hline("minimum", minimum, top, _("focus from {n} min").format(n=whole(minimum))))
    body += _x_labels(labels)
    return _svg(_("Longest focus stretch per day"), body)


def _series(key: str, values: Sequence[float | None], top: float, colour: str, name: str, shown: list[str]) -> str:
    """One line of a trend: a point per week with a value (its tip the week and the value shown), a line
    through each run of weeks with values; a week without one (no visit debriefed) is a gap."""
    runs: list[list[tuple[float, float, str]]] = [[]]
    for (x, w), value, tip in zip(_slots(values), values, shown):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((x + w / 2, _y(value, top), tip))
    lines = [
        f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y, _tip in run)}" fill="none" '
        f'stroke="{colour}" stroke-width="2"/>'
        for run in runs
        if len(run) > 1
    ]
    circles = [
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{colour}"><title>{xml_text(name + ": " + tip)}</title>'
        "</circle>"
        for run in runs
        for x, y, tip in run
    ]
    return "\n".join([f'<g class="series" data-series="{key}">', *lines, *circles, "</g>"])


def rates_trend(week: WeekFigures) -> str:
    """The proactive share and the four debrief rates, week by week, on one 0–100 % axis."""
    labels = [row.week for row in week.trend]
    series: list[tuple[str, str, list[float | None]]] = [
        ("proactive_share", _("proactive share"), [row.totals.proactive_share for row in week.trend])
    ]
    words = {
        "decision_maker_known": _("decision maker known"),
        "budget_known": _("budget known"),
        "next_step_set": _("next step set"),
        "booked_before_leaving": _("booked before leaving"),
    }
    series += [(key, words[key], [row.totals.debrief.rates[key] for row in week.trend]) for key in RATES]
    body = _grid(100, _("{n} %"))
    for (key, name, values), colour in zip(series, SERIES_COLOURS):
        shown = [f"{label} {percent(v)}" for label, v in zip(labels, values)]
        body.append(_series(key, [None if v is None else v * 100 for v in values], 100, colour, name, shown))
    body += _x_labels(labels)
    body += _legend([(colour, name) for (_key, name, _values), colour in zip(series, SERIES_COLOURS)])
    n = len(labels)
    title = ngettext(
        "The last {n} week: proactive share and the debrief questions",
        "The last {n} weeks: proactive share and the debrief questions",
        n,
    ).format(n=n)
    return _svg(title, body)


def email_trend(week: WeekFigures) -> str:
    """Email checks per work day, week by week, against the budget."""
    labels = [row.week for row in week.trend]
    values = [row.totals.email_checks_per_work_day for row in week.trend]
    budget = week.totals.email_budget
    top = axis_top(max([budget, *(v or 0 for v in values)]) + 1)
    shown = [f"{label} {'–' if v is None else decimal(v)}" for label, v in zip(labels, values)]
    body = _grid(top, "{n}")
    body.append(_series("email_checks_per_work_day", values, top, UNDER, _("email checks per work day"), shown))
    body.append(_hline("budget", budget, top, _("budget {n}").format(n=whole(budget))))
    body += _x_labels(labels)
    n = len(labels)
    title = ngettext(
        "The last {n} week: email checks per work day", "The last {n} weeks: email checks per work day", n
    ).format(n=n)
    return _svg(title, body)


def week_charts(week: WeekFigures) -> list[str]:
    """Every chart of the week, in the page's order; the trend's only with ``--weeks N``."""
    charts = [days_chart(week), email_chart(week), focus_chart(week)]
    if week.trend:
        charts += [rates_trend(week), email_trend(week)]
    return charts


def charts_section(week: WeekFigures) -> str:
    """The charts as one HTML section to put in the page before its tables."""
    return '<section class="charts" style="margin:1em">\n' + "\n".join(week_charts(week)) + "\n</section>\n"
