"""Report commands: the day (``report``), the week (``week``) and the 17:03 debrief (``debrief``)."""

from __future__ import annotations

import json
from typing import Any

import click

from focus.cli.services import Services, emit, format_option, pass_services, terminal_width
from focus.core.errors import FocusError
from focus.reports.safe import terminal_text


@click.command()
@click.argument("date_text", metavar="[DATE]", required=False)
@format_option("text", "json", "md", "html")
@pass_services
def report(services: Services, date_text: str | None, fmt: str) -> None:
    """The end-of-day report: proactive vs event-driven time, interruptions, focus, plan, outcomes."""
    from focus.reports import day

    date = services.date(date_text)
    summary = services.tracker.summary(date)
    if fmt == "json":
        click.echo(json.dumps(day.to_json(summary), indent=2, ensure_ascii=False))
    elif fmt == "md":
        click.echo(day.to_markdown(summary), nl=False)
    elif fmt == "html":
        click.echo(day.to_html(summary), nl=False)
    else:
        width, color = terminal_width(110)
        click.echo(day.to_text(summary, width=width, color=color), nl=False)


@click.command()
@click.argument("week_text", metavar="[WEEK]", required=False)
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),
    default=1,
    show_default=True,
    help="Add a trend table over the last N weeks.",
)
@format_option("text", "json", "csv", "md", "html")
@click.option("--out", metavar="FILE", help="Write to FILE (created user-only) instead of stdout.")
@click.option("--delimiter", metavar="CHAR", help="CSV delimiter (default: export.csv_delimiter, e.g. ';').")
@click.option(
    "--with-debrief",
    is_flag=True,
    help="Include the visits' debrief answers (by default only the coaching rates: the text is yours).",
)
@pass_services
def week(
    services: Services,
    week_text: str | None,
    weeks: int,
    fmt: str,
    out: str | None,
    delimiter: str | None,
    with_debrief: bool,
) -> None:
    """Weekly stats: the split, interruptions, focus, plan kept, outcomes, visits, the funnel forecast.
    WEEK is 2026-W48, this, last or a date in it (default: this week)."""
    from focus.core.config import check_delimiter
    from focus.core.timeparse import parse_week
    from focus.reports import week as week_report

    monday = parse_week(week_text or "this", services.clock.today())
    if delimiter is not None:
        try:
            check_delimiter(delimiter)
        except ValueError:
            raise FocusError(f"--delimiter {delimiter!r}: use one character such as , or ;") from None
    figures = services.tracker.week(monday, weeks, with_debrief=with_debrief)
    if fmt == "json":
        text = json.dumps(week_report.to_json(figures), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = week_report.to_csv(figures, delimiter or services.config.csv_delimiter)
    elif fmt == "md":
        text = week_report.to_markdown(figures)
    elif fmt == "html":
        text = week_report.to_html(figures)
    else:
        width, color = terminal_width(130) if out is None else (130, False)
        text = week_report.to_text(figures, width=width, color=color)
    emit(text, out)


@click.command("debrief")
@click.argument("date_text", metavar="[DATE]", required=False)
@format_option(
    "prompt",
    "md",
    "json",
    default="prompt",
    help_text="prompt: answer the questions; md or json: print the day's debriefs to send on.",
)
@pass_services
def debrief_command(services: Services, date_text: str | None, fmt: str) -> None:
    """The 17:03 questions for each customer visit of DATE (default today): who did you meet, were they
    the only decision maker, what budget, what is the next step, did you book the next meeting before
    you left — and if not, why not. Enter keeps an earlier answer; answer n to skip a visit."""
    from focus.core import debrief
    from focus.reports.debrief import debrief_json, debrief_markdown

    date = services.date(date_text)
    tracker = services.tracker
    log, visits = tracker.visits(date)
    if fmt == "json":
        click.echo(json.dumps(debrief_json(date, visits, log.debriefs), indent=2, ensure_ascii=False))
        return
    if fmt == "md":
        click.echo(debrief_markdown(date, visits, log.debriefs), nl=False)
        return
    if not visits:
        click.echo(f"No customer visits on {date:%a %d %b} to debrief.")
        return
    saved = 0
    for number, block in enumerate(visits, start=1):
        earlier = log.debriefs.get(block.id)
        click.echo(
            f"\nVisit {number} of {len(visits)}: {block.start_text}–{block.end_text} {terminal_text(block.title)}"
            + (" (debriefed before: enter keeps an answer)" if earlier else "")
        )
        if not click.confirm("Debrief it now?", default=True):
            continue
        defaults = debrief.as_text(earlier) if earlier else {}
        raw: dict[str, str] = {}
        for field in debrief.FIELDS:
            if field == "why_not" and not debrief.needs_why_not(raw["booked"]):
                continue
            raw[field] = click.prompt(
                tracker.config.debrief_questions[field],
                default=defaults.get(field) or ("" if field in ("next_step", "why_not") else None),
                show_default=bool(defaults.get(field)),
                value_proc=_checked(field, raw),
            )
        tracker.debrief(date, block.id, raw)
        saved += 1
    click.echo(
        f"\nSaved {saved} debrief{'s' if saved != 1 else ''}; "
        f"{len(visits) - saved} skipped. See them: focus debrief {date} --format md"
    )


def _checked(field: str, earlier: dict[str, str]) -> Any:
    """A click value_proc: the answer checked with the answers before it, re-asked with the reason."""
    from focus.core import debrief

    def check(value: str) -> str:
        problem = debrief.field_problems({**earlier, field: value}).get(field)
        if problem:
            raise click.BadParameter(problem)
        return value

    return check


COMMANDS = (report, week, debrief_command)
