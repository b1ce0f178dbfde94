"""Tracking commands: start, stop, back, log, count, undo — each with ``--date`` and ``--at``."""

from __future__ import annotations

import click

from focus.cli.services import Services, fail, moment_options, pass_services
from focus.core.clock import local_day
from focus.core.timeparse import duration
from focus.i18n import _
from focus.reports import names
from focus.reports.local import clock_time
from focus.reports.safe import terminal_text

LONG_SESSION_MS = 12 * 3600 * 1000  # `focus stop` says how to correct a session that ran longer


@click.command()
@click.argument("block", required=False)
@moment_options
@pass_services
def start(services: Services, block: str | None, date_text: str | None, at_text: str | None) -> None:
    """Start a block (by number or id; default: the one planned now). A running block stops."""
    at = services.at(date_text, at_text)
    started = services.tracker.start(at, block)
    click.echo(
        _("started {category} {title} at {when} (planned {start}–{end})").format(
            category=names.category(started.category),
            title=repr(started.title),
            when=services.when(at),
            start=clock_time(started.start_text),
            end=clock_time(started.end_text),
        )
    )


@click.command()
@moment_options
@pass_services
def stop(services: Services, date_text: str | None, at_text: str | None) -> None:
    """Stop the running block."""
    at = services.at(date_text, at_text)
    session = services.tracker.stop(at)
    end = session.end if session.end is not None else at
    after = duration(end - session.start)
    category = terminal_text(names.category(session.category))
    click.echo(
        _("stopped {category} at {when} after {duration}").format(
            category=category, when=services.when(end), duration=after
        )
    )
    if end - session.start > LONG_SESSION_MS:
        started = local_day(session.start, services.clock.tz)
        click.echo(
            _(
                "note: it had run since {when}; if you forgot to stop it: "
                "focus undo, then focus stop --date {date} --at HH:MM"
            ).format(when=services.when(session.start), date=started)
        )


@click.command()
@moment_options
@pass_services
def back(services: Services, date_text: str | None, at_text: str | None) -> None:
    """Back to work: end the running interruption."""
    at = services.at(date_text, at_text)
    item = services.tracker.back(at)
    click.echo(
        _("back to work at {when} after {duration} of {kind}").format(
            when=services.when(at), duration=duration(at - item.start), kind=names.kind(item.kind)
        )
    )


@click.command("log")
@click.argument("kind", metavar="KIND")
@click.option("--minutes", type=int, help="How long it took (default: the kind's default, cut short by the next one).")
@click.option("--note", default="", help="A word on what it was.")
@moment_options
@pass_services
def log_interruption(
    services: Services, kind: str, minutes: int | None, note: str, date_text: str | None, at_text: str | None
) -> None:
    """Log an interruption. KIND: email, phone, chat, walk-in, self, other — or in Swedish mejl, telefon,
    chatt, spontanbesök, eget, annat (saved as the English name)."""
    at = services.at(date_text, at_text)
    event = services.tracker.log(kind, at, minutes, note)
    kind = event.payload["kind"]
    default = services.config.interruption_minutes.get(kind)
    length = f"{minutes} min" if minutes else _("{minutes} min unless cut short").format(minutes=default)
    click.echo(
        _("logged {kind} at {when} ({length})").format(
            kind=names.kind(kind), when=services.when(event.at), length=length
        )
    )


@click.command()
@click.argument("outcome")
@click.argument("n", type=int, default=1)
@moment_options
@pass_services
def count(services: Services, outcome: str, n: int, date_text: str | None, at_text: str | None) -> None:
    """Count selling outcomes: call, meeting, quote, deal (configurable; in Swedish samtal, möte, offert,
    affär and their plurals). N defaults to 1."""
    at = services.at(date_text, at_text)
    event = services.tracker.count(outcome, at, n)
    outcome = event.payload["kind"]
    click.echo(
        _("counted {n} × {outcome} at {when}").format(n=n, outcome=names.outcome(outcome), when=services.when(event.at))
    )


@click.command()
@click.option("--date", "date_text", metavar="DATE", help="Undo the newest entry of that day instead (e.g. yesterday).")
@click.option("--any-day", is_flag=True, help="Undo the newest entry whatever day it bears on.")
@pass_services
def undo(services: Services, date_text: str | None, any_day: bool) -> None:
    """Undo the newest entry that is not undone yet, and say what it was and its day. It undoes only
    today's entries: when the newest bears on another day (one logged with --date, a block planned for
    tomorrow), nothing is undone unless --date or --any-day says so."""
    from focus.reports.describe import describe

    if any_day and date_text is not None:
        fail(_("undo takes --date or --any-day, not both"))
    date = services.date(date_text) if date_text is not None else None
    event = services.tracker.undo(date, any_day)
    what = describe(event, services.clock)
    if event.day == services.clock.today().isoformat():
        click.echo(_("undid {what} (today, {day})").format(what=what, day=event.day))
    else:
        click.echo(_("undid {what} (day {day})").format(what=what, day=event.day))


COMMANDS = (start, stop, back, log_interruption, count, undo)
