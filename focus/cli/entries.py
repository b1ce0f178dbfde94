"""Fixing the past from the command line: ``focus entries`` lists a day's entries by number, ``focus
edit N`` corrects one and ``focus rm N`` removes one, each written as new events (``focus undo`` takes
a correction back whole)."""

from __future__ import annotations

import click

from focus.cli.services import Services, date_option, format_option, pass_services
from focus.core.clock import local_ms
from focus.core.timeparse import parse_time
from focus.i18n import _


@click.command()
@date_option("The day (default: today): today, yesterday, mon…sun or YYYY-MM-DD (or idag, igår, mån…sön).")
@format_option("text", "json")
@pass_services
def entries(services: Services, date_text: str | None, fmt: str) -> None:
    """List the day's entries — sessions, interruptions, outcomes — numbered in time order, the numbers
    focus edit and focus rm take."""
    from focus import corrections
    from focus.reports import entries as words

    date = services.date(date_text)
    listed = corrections.entries(services.tracker, date)
    text = words.as_json(listed, date) if fmt == "json" else words.table(listed, date, services.clock)
    click.echo(text, nl=False)


@click.command()
@click.argument("number", type=int)
@date_option("The entry's day (default: today).")
@click.option("--kind", metavar="KIND", help="Another kind: email, phone … for an interruption; call … for an outcome.")
@click.option(
    "--at",
    "at_text",
    metavar="TIME",
    help="Another start on its day (9:30, kl. 9.30): an interruption or outcome moves whole, a session keeps its end.",
)
@click.option("--minutes", type=float, help="Another length in minutes (an interruption or a stopped session).")
@click.option("--count", "count_n", type=int, help="Another count (an outcome).")
@click.option("--note", help="Another note (an interruption).")
@pass_services
def edit(
    services: Services,
    number: int,
    date_text: str | None,
    kind: str | None,
    at_text: str | None,
    minutes: float | None,
    count_n: int | None,
    note: str | None,
) -> None:
    """Correct entry NUMBER of focus entries: its kind, start, length, count or note. The entry is written
    again as new events that name what they correct; nothing is changed in place, and focus undo takes
    the correction back."""
    from focus import corrections
    from focus.core.entries import Change
    from focus.reports import entries as words

    date = services.date(date_text)
    start = None if at_text is None else local_ms(date, parse_time(at_text), services.clock.tz)
    change = Change(kind=kind, start=start, minutes=minutes, count=count_n, note=note)
    before, after = corrections.correct(services.tracker, date, number, change)
    click.echo(
        _("corrected {before} → {after}").format(
            before=words.line(before, services.clock), after=words.line(after, services.clock)
        )
    )


@click.command("rm")
@click.argument("number", type=int)
@date_option("The entry's day (default: today).")
@pass_services
def remove(services: Services, number: int, date_text: str | None) -> None:
    """Remove entry NUMBER of focus entries (a session, an interruption or an outcome), written as a new
    event: focus undo brings it back."""
    from focus import corrections
    from focus.reports import entries as words

    date = services.date(date_text)
    removed = corrections.remove(services.tracker, date, number)
    click.echo(_("removed {entry} (focus undo brings it back)").format(entry=words.line(removed, services.clock)))


COMMANDS = (entries, edit, remove)
