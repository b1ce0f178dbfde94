"""``focus plan``: add, ls, rm, template, copy, import (.ics), export (.ics)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from focus.cli.services import Services, date_option, format_option, pass_services, source_line
from focus.core import aliases
from focus.core.errors import FocusError
from focus.core.model import Block
from focus.core.timeparse import parse_range
from focus.i18n import _, ngettext
from focus.reports import names
from focus.reports.local import clock_time, day_name
from focus.reports.safe import terminal_text


@click.group()
def plan() -> None:
    """Plan the day's blocks: add, ls, rm, template, copy, import (.ics), export (.ics)."""


@plan.command("add")
@click.argument("time_range", metavar="START-END")
@click.argument("category")
@click.argument("title", nargs=-1)
@date_option("The day to plan (default: today).")
@click.option("--target", "targets", multiple=True, metavar="OUTCOME=N", help="A target for the block, e.g. call=20.")
@pass_services
def plan_add(
    services: Services,
    time_range: str,
    category: str,
    title: tuple[str, ...],
    date_text: str | None,
    targets: tuple[str, ...],
) -> None:
    """Plan a block: focus plan add 09:00-10:30 calls "Ring the Q4 list" --target call=20"""
    from focus.core.plan import PlannedBlock, parse_targets

    start, end = parse_range(time_range)
    known = aliases.category(category, list(services.config.categories))  # "kundbesök" is "visits"
    wanted = parse_targets(targets, services.config.outcomes)
    item = PlannedBlock(services.date(date_text), start, end, known, " ".join(title), wanted)
    (block,) = services.tracker.plan([item])
    click.echo(
        _("planned {start}–{end} {category} {title} on {date} ({id})").format(
            start=clock_time(block.start_text),
            end=clock_time(block.end_text),
            category=names.category(block.category),
            title=repr(block.title),
            date=block.date,
            id=block.id,
        )
    )


def _print_plan(services: Services, date: dt.date, as_json: bool = False) -> None:
    log = services.tracker.day(date)
    blocks = log.blocks
    ends = {b.id: _extended_end(services, b, log.extensions.get(b.id, 0)) for b in blocks}
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "number": n,
                        "id": b.id,
                        "date": b.date.isoformat(),
                        "start": b.start_text,
                        "end": b.end_text,
                        "category": b.category,
                        "title": b.title,
                        "targets": b.targets,
                        "source": b.source,
                        "extended_minutes": log.extensions.get(b.id, 0) // 60_000,
                        "extended_end": ends[b.id],
                    }
                    for n, b in enumerate(blocks, start=1)
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    click.echo(_("Plan for {day}").format(day=f"{day_name(date)} {date.year}"))
    if not blocks:
        click.echo(_("  nothing planned (focus plan template, or focus plan add 09:00-10:00 calls)"))
    modes = {name: c.mode for name, c in services.config.categories.items()}
    for number, b in enumerate(blocks, start=1):
        targets = " ".join(f"{names.outcome(k)}={v}" for k, v in b.targets.items())  # typed back as it is shown
        mode = names.time_class(modes[b.category]) if b.category in modes else "?"
        extended = log.extensions.get(b.id, 0)
        plus = f" ({_(' +{minutes}m').format(minutes=extended // 60_000).strip()})" if extended else ""
        click.echo(
            f"  {number:>2}  {b.id}  {clock_time(b.start_text)}–{clock_time(ends[b.id])}{plus}  "
            f"{terminal_text(names.category(b.category)):<9} {mode:<9}  "
            f"{terminal_text(b.title)}" + (f"  [{targets}]" if targets else "")
        )


def _extended_end(services: Services, block: Block, extended: int) -> str:
    """A block's end (``HH:MM``) once ``extended`` milliseconds (the screen's ``+``) are added: as planned
    when it was not extended."""
    from focus.core.clock import from_ms
    from focus.core.timeparse import hhmm

    return hhmm(from_ms(block.end + extended, services.clock.tz)) if extended else block.end_text


@plan.command("ls")
@date_option("The day to show (default: today).")
@format_option("text", "json")
@pass_services
def plan_ls(services: Services, date_text: str | None, fmt: str) -> None:
    """List a day's blocks with their numbers and ids."""
    _print_plan(services, services.date(date_text), as_json=fmt == "json")


@plan.command("rm")
@click.argument("block")
@date_option("The block's day (default: today).")
@pass_services
def plan_rm(services: Services, block: str, date_text: str | None) -> None:
    """Remove a block, by id or number (as in plan ls): focus plan rm 3"""
    removed = services.tracker.remove(services.date(date_text), block)
    click.echo(
        _("removed {start}–{end} {category} {title} ({id})").format(
            start=clock_time(removed.start_text),
            end=clock_time(removed.end_text),
            category=names.category(removed.category),
            title=repr(removed.title),
            id=removed.id,
        )
    )


@plan.command("template")
@date_option("The day to plan (default: today).")
@pass_services
def plan_template(services: Services, date_text: str | None) -> None:
    """Plan the configured day template ([plan] template in the config)."""
    date = services.date(date_text)
    blocks = services.tracker.template(date)
    click.echo(_("planned {n} blocks from the template on {date}").format(n=len(blocks), date=date))


@plan.command("copy")
@click.option("--from", "from_text", required=True, metavar="DATE", help="The day to copy the plan from.")
@date_option("The day to plan (default: today).")
@pass_services
def plan_copy(services: Services, from_text: str, date_text: str | None) -> None:
    """Copy another day's plan: focus plan copy --from yesterday"""
    source, target = services.date(from_text), services.date(date_text)
    blocks = services.tracker.copy(source, target)
    click.echo(_("planned {n} blocks on {target} as on {source}").format(n=len(blocks), target=target, source=source))


@plan.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_services
def plan_import(services: Services, file: Path) -> None:
    """Plan today's and the coming days' events of an .ics file or a vdir folder, as the calendar
    source does: focus plan import ~/Downloads/week48.ics

    Refused events (recurring more than once a day, longer than a day, …) and unusable files are
    said on stderr; when nothing at all could be used, nothing is planned and the exit status is 2."""
    from focus.sources import calendar

    tracker = services.tracker
    tracker.source = "calendar"
    for line in calendar.import_file(tracker, file):
        click.echo(source_line(line), err=line.startswith("problem:"))


@plan.command("export")
@format_option("ics", default="ics")
@date_option("The day to export (default: today).")
@click.option(
    "--week", "week_text", metavar="WEEK", help='A whole week instead: 2026-W48, "vecka 48", v48, or a date in it.'
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@click.option(
    "--without-calendar",
    is_flag=True,
    help="Leave out the blocks that came from a calendar (the calendar source or focus plan import).",
)
@pass_services
def plan_export(
    services: Services, fmt: str, date_text: str | None, week_text: str | None, out: Path | None, without_calendar: bool
) -> None:
    """The plan as iCalendar, one event per block in UTC: focus plan export --week 2026-W48 --out w48.ics"""
    from focus.reports import plan_ics

    if date_text is not None and week_text is not None:
        raise FocusError(_("give --date or --week, not both"))
    if week_text is not None:
        from focus.core.timeparse import parse_week, week_name

        monday = parse_week(week_text, services.clock.today())
        dates = plan_ics.week_dates(monday)
        span = week_name(monday)
        where = _("in {week} ({first} to {last})").format(week=span, first=monday, last=dates[-1])
    else:
        dates = [services.date(date_text)]
        span = dates[0].isoformat()
        where = _("on {date}").format(date=span)
    blocks = services.tracker.planned(dates, without_calendar=without_calendar)
    extended = {bid: ms for date in dates for bid, ms in services.tracker.day(date).extensions.items()}
    data = plan_ics.export_ics(blocks, services.config, services.clock.now_ms(), extended)
    to_file = out is not None and str(out) != "-"
    if out is not None and to_file:
        from focus.store.paths import open_private

        with open_private(out, binary=True) as stream:
            stream.write(data)
    else:
        click.echo(data, nl=False)
    if not blocks:
        click.echo(_("nothing is planned {where}; the calendar is empty").format(where=where), err=True)
    elif to_file:
        said = ngettext("exported {n} block of {span} to {out}", "exported {n} blocks of {span} to {out}", len(blocks))
        click.echo(said.format(n=len(blocks), span=span, out=out), err=True)
