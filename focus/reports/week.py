"""``focus week``: the week's document (``focus.week/1``) and its text, Markdown, HTML and CSV forms."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from typing import Any

from focus.store import daycache
from focus.reports import rendering
from focus.reports.day import GLYPHS, bar_legend, percent, split_bar
from focus.core.timeparse import duration, week_name
from focus.tracking import Tracker
from focus.core.week import HISTORY_WEEKS, SCHEMA, forecast, totals, trend_row

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def document(tracker: Tracker, monday: dt.date, weeks: int = 1, with_debrief: bool = False) -> dict[str, Any]:
    """The week of ``monday``: its days, totals and forecast; with ``weeks`` > 1 a trend table too;
    with ``with_debrief`` the visits' answers (otherwise only the coaching rates leave the machine).
    All per-day figures come from the day cache in one range."""
    config = tracker.config
    span = max(weeks - 1, HISTORY_WEEKS)
    first = monday - dt.timedelta(weeks=span)
    days = daycache.figures(tracker, first, monday + dt.timedelta(days=6))
    week_of = lambda n: days[len(days) - 7 * (n + 1): len(days) - 7 * n]  # noqa: E731  n weeks back
    this = week_of(0)
    total = totals(this, config)
    history = totals([d for n in range(1, HISTORY_WEEKS + 1) for d in week_of(n)], config)["outcomes"]
    result = {
        "schema": SCHEMA,
        "week": week_name(monday),
        "timezone": tracker.clock.zone_name,
        "seller": config.seller or _login(),
        "first_day": monday.isoformat(),
        "last_day": (monday + dt.timedelta(days=6)).isoformat(),
        "days": this,
        "totals": total,
        "forecast": forecast(total["outcomes"], history, config),
    }
    if with_debrief:
        result["debriefs"] = _debriefs(tracker, monday)
    if weeks > 1:
        result["trend"] = [trend_row(monday - dt.timedelta(weeks=n), totals(week_of(n), config))
                           for n in reversed(range(weeks))]
    return result


def _debriefs(tracker: Tracker, monday: dt.date) -> list[dict[str, Any]]:
    """Every visit of the week with its answers (null when not debriefed)."""
    from focus.core.accounting import visits

    result = []
    for offset in range(7):
        log = tracker.day(monday + dt.timedelta(days=offset))
        for block in visits(log, tracker.config, tracker.clock.now_ms()):
            result.append({"date": block.date.isoformat(), "start": block.start_text, "title": block.title,
                           "answers": log.debriefs.get(block.id)})
    return result


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def neutralise(cell: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(DANGEROUS):
        return "'" + cell
    return cell


CSV_COLUMNS = ("date", "weekday", "work_day", "proactive_seconds", "reactive_seconds", "neutral_seconds",
               "tracked_seconds", "untracked_seconds", "work_seconds", "proactive_share", "interruptions",
               "email", "phone", "chat", "walk-in", "self", "other", "email_budget", "interruptions_per_hour",
               "longest_focus_seconds", "focus_stretches", "blocks_planned", "blocks_kept", "call", "meeting",
               "quote", "deal", "visits", "blocks")


def _csv_row(label: str, weekday: str, figures: dict[str, Any], work_day: Any, titles: list[str]) -> list[Any]:
    s, i = figures["seconds"], figures["interruptions"]
    return [label, weekday, work_day, s["proactive"], s["reactive"], s["neutral"], s["tracked"], s["untracked"],
            s["work"], figures["proactive_share"], i["total"], *(i["by_kind"].get(k, 0) for k in
            ("email", "phone", "chat", "walk-in", "self", "other")), i["email_budget"],
            figures["interruptions_per_hour"], figures["focus"]["longest_seconds"], figures["focus"]["stretches"],
            figures["plan"].get("planned", 0), figures["plan"].get("kept", 0),
            *(figures["outcomes"].get(k, 0) for k in ("call", "meeting", "quote", "deal")),
            figures["visits"]["total"] if isinstance(figures["visits"], dict) else figures["visits"],
            " | ".join(titles)]


def to_csv(doc: dict[str, Any], delimiter: str) -> str:
    """One row per day plus a total row; every text cell neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for day in doc["days"]:
        date = dt.date.fromisoformat(day["date"])
        writer.writerow(neutralise(c) for c in _csv_row(day["date"], f"{date:%a}", day, day["work_day"], day["titles"]))
    writer.writerow(neutralise(c) for c in _csv_row("total", doc["week"], doc["totals"], doc["totals"]["work_days"], []))
    return out.getvalue()


def renderable(doc: dict[str, Any]):
    """The week as a Rich renderable: the days, the split as a bar, visits, funnel, forecast, trend."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    t = doc["totals"]
    days = Table(title=None, box=None, padding=(0, 1), header_style="dim")
    for column in ("day", "proactive", "reactive", "neutral", "untracked", "share", "email", "int/h", "focus",
                   "kept", "calls", "mtgs", "quotes", "deals", "visits"):
        days.add_column(column, justify="left" if column == "day" else "right", min_width=max(6, len(column)) if
                        column == "day" else len(column), no_wrap=True)
    for figures, label in [(d, f"{dt.date.fromisoformat(d['date']):%a %d}") for d in doc["days"]] + [(t, "week")]:
        s, i = figures["seconds"], figures["interruptions"]
        email = i["by_kind"].get("email", 0)
        budget = i["email_budget"] * (t["work_days"] if figures is t else 1)
        visits = figures["visits"]["total"] if figures is t else figures["visits"]
        days.add_row(
            Text(label, style="bold" if figures is t else ""), duration(s["proactive"] * 1000),
            duration(s["reactive"] * 1000), duration(s["neutral"] * 1000), duration(s["untracked"] * 1000),
            percent(figures["proactive_share"]), Text(f"{email}/{budget}", style="bold red" if email > budget else ""),
            "–" if figures["interruptions_per_hour"] is None else f"{figures['interruptions_per_hour']:.1f}",
            duration(figures["focus"]["longest_seconds"] * 1000),
            f"{figures['plan'].get('kept', 0)}/{figures['plan'].get('planned', 0)}",
            *(str(figures["outcomes"].get(k, 0)) for k in ("call", "meeting", "quote", "deal")), str(visits),
        )
    s = t["seconds"]
    bar = split_bar({name: s[name] * 1000 for name in GLYPHS}, 40)
    bar.append("  ").append_text(bar_legend())
    bar.append(f"  —  proactive {percent(t['proactive_share'])} of proactive + reactive")
    v = t["visits"]
    parts = [
        Text(f"focus · week {doc['week']} · {doc['first_day']} – {doc['last_day']} · {doc['seller']}", style="bold"),
        Text(""), bar, Text(""), days, Text(""),
        Text(_visits_line(v, t["debrief"]["visits"])),
        Text("Funnel      " + " → ".join(
            f"{k} {n}" + (f" ({step['rate'] * 100:.0f} %)" if step and step["rate"] is not None else "")
            for (k, n), step in zip(t["outcomes"].items(), [None, *t["funnel"]]))),
        Text(f"Forecast    {doc['forecast']['text']}"),
        Text(f"Debrief     {_coaching(t['debrief'])}"),
    ]
    planned = _titles_by_day(doc["days"])
    if planned:
        plans = Table(box=None, padding=(0, 1), show_header=False)
        plans.add_column(style="dim")
        plans.add_column()
        for date, titles in planned:
            plans.add_row(date, Text(titles))
        parts += [Text(""), Text("Planned", style="bold"), plans]
    if "trend" in doc:
        trend = Table(box=None, padding=(0, 1), header_style="dim")
        for column in ("week", "share", "email/day", "int/h", "kept", "calls", "meetings", "quotes", "deals", "visits"):
            trend.add_column(column, justify="left" if column == "week" else "right")
        for row in doc["trend"]:
            trend.add_row(row["week"], percent(row["proactive_share"]),
                          "–" if row["email_checks_per_work_day"] is None else f"{row['email_checks_per_work_day']:.1f}",
                          "–" if row["interruptions_per_hour"] is None else f"{row['interruptions_per_hour']:.1f}",
                          f"{row['blocks_kept']}/{row['blocks_planned']}",
                          *(str(row["outcomes"].get(k, 0)) for k in ("call", "meeting", "quote", "deal")),
                          str(row["visits"]))
        parts += [Text(""), Text(f"Trend, last {len(doc['trend'])} weeks", style="bold"), trend]
    return Group(*parts)


def _visits_line(visits: dict, on_plan: int) -> str:
    """Visits made (worked on) against the targets, and how many the plan had (the debrief asks those)."""
    planned = f"; {on_plan} on the plan" if on_plan != visits["total"] else ""
    if not visits["total"]:
        return f"Visits      none made this week{planned}"
    days = visits["visit_days"]
    return (f"Visits      {visits['total']} made on {days} day{'s' * (days != 1)}{planned} (target "
            f"{visits['target_per_day']} a day on {visits['target_days']} days; {visits['days_on_target']} "
            f"day{'s' * (visits['days_on_target'] != 1)} on target)")


def _coaching(figures: dict[str, Any]) -> str:
    """The week's coaching rates in words; a week without visits says so."""
    if not figures["visits"]:
        return "no visits to debrief this week"
    r = figures["rates"]
    rest = (f"; of those: decision maker known {percent(r['decision_maker_known'])}, budget known "
            f"{percent(r['budget_known'])}, next step set {percent(r['next_step_set'])}, next meeting booked "
            f"{percent(r['booked_before_leaving'])}") if figures["debriefed"] else ""
    return f"{figures['debriefed']} of {figures['visits']} visits debriefed ({percent(r['debriefed'])}){rest}"


def _titles_by_day(days: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f"{dt.date.fromisoformat(d['date']):%a %d}", " · ".join(d["titles"])) for d in days if d["titles"]]


def to_text(doc: dict[str, Any], width: int = 130, color: bool = False) -> str:
    """The week as terminal text."""
    return rendering.as_text(renderable(doc), width, color)


def to_html(doc: dict[str, Any]) -> str:
    """A page a manager can open: the same layout through Rich's own HTML export (text escaped)."""
    return rendering.as_html(renderable(doc), 130)


def to_markdown(doc: dict[str, Any]) -> str:
    """The week as Markdown tables."""
    esc = lambda text: str(text).replace("|", "\\\\|").replace("\\n", " ")  # noqa: E731
    t = doc["totals"]
    lines = [f"# focus · week {doc['week']} · {esc(doc['seller'])}", "",
             "| day | proactive | reactive | neutral | untracked | share | email | kept | calls | meetings | quotes | deals | visits |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for figures, label in [(d, d["date"]) for d in doc["days"]] + [(t, "**week**")]:
        s = figures["seconds"]
        visits = figures["visits"]["total"] if figures is t else figures["visits"]
        lines.append(f"| {label} | {duration(s['proactive'] * 1000)} | {duration(s['reactive'] * 1000)} | "
                     f"{duration(s['neutral'] * 1000)} | {duration(s['untracked'] * 1000)} | "
                     f"{percent(figures['proactive_share'])} | {figures['interruptions']['by_kind'].get('email', 0)} | "
                     f"{figures['plan'].get('kept', 0)}/{figures['plan'].get('planned', 0)} | "
                     + " | ".join(str(figures["outcomes"].get(k, 0)) for k in ("call", "meeting", "quote", "deal"))
                     + f" | {visits} |")
    lines += ["", f"**Forecast:** {esc(doc['forecast']['text'])}  ", f"**Debrief:** {_coaching(t['debrief'])}", ""]
    for date, titles in _titles_by_day(doc["days"]):
        lines.append(f"- {date}: {esc(titles)}")
    if "trend" in doc:
        lines += ["", "| week | share | email/day | kept | calls | meetings | quotes | deals |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for row in doc["trend"]:
            lines.append(f"| {row['week']} | {percent(row['proactive_share'])} | {row['email_checks_per_work_day'] or 0} | "
                         f"{row['blocks_kept']}/{row['blocks_planned']} | "
                         + " | ".join(str(row["outcomes"].get(k, 0)) for k in ("call", "meeting", "quote", "deal")) + " |")
    return "\n".join(lines) + "\n"


def write(text: str, out: str | None) -> None:
    """To stdout, or to a file created user-only."""
    if out is None:
        import click

        click.echo(text, nl=False)
        return
    from focus.core.errors import FocusError

    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise FocusError(f"cannot write {out}: {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
