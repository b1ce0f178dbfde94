"""The ``focus`` command line (click). A thin shell: parse, call the tracker or a report, print.

Heavy modules (Rich, sqlite-utils, Textual) are imported inside the commands that use them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import cached_property
from pathlib import Path

import click

from focus import __version__
from focus.core.clock import Clock, local_ms
from focus.core.errors import FocusError
from focus.store.paths import Paths
from focus.core.timeparse import duration, hhmm, parse_date, parse_range, parse_time


class Services:
    """What a command needs, built on first use: paths, config, clock, store, tracker."""

    def __init__(self, paths: Paths | None = None, clock: Clock | None = None):
        self._paths, self._clock = paths, clock

    @cached_property
    def paths(self) -> Paths:
        return self._paths or Paths.resolve()

    @cached_property
    def config(self):
        from focus.core import config

        return config.load(self.paths.config_file)

    @cached_property
    def clock(self) -> Clock:
        return self._clock or Clock(self.config.timezone)

    @cached_property
    def store(self):
        from focus.store.database import Store

        return Store(self.paths.db_file)

    @cached_property
    def tracker(self):
        from focus.tracking import Tracker

        return Tracker(self.store, self.config, self.clock, source="cli")

    def date(self, text: str | None) -> dt.date:
        """A date typed by the user; today when none."""
        today = self.clock.today()
        return parse_date(text, today) if text is not None else today

    def at(self, date_text: str | None, at_text: str | None) -> int:
        """The instant of ``--date``/``--at``; now when neither is given."""
        if at_text is None:
            if date_text is not None:
                self.date(date_text)             # a bad date is said first
                raise FocusError("--date needs --at: the time on that date")
            return self.clock.now_ms()
        return local_ms(self.date(date_text), parse_time(at_text), self.clock.tz)

    def when(self, at: int) -> str:
        """``10:42`` today, ``Mon 23 Nov 10:42`` another day."""
        from focus.reports.describe import when

        return when(at, self.clock)


class FocusGroup(click.Group):
    """Turns a FocusError or a usage error into one line on stderr and exit code 2."""

    def main(self, args=None, prog_name=None, **extra):
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except FocusError as exc:
            _fail(str(exc))
        except click.exceptions.NoArgsIsHelpError as exc:
            group = exc.ctx.command
            names = ", ".join(group.list_commands(exc.ctx)) if isinstance(group, click.Group) else ""
            _fail(f"missing command: {names} (see {exc.ctx.command_path} --help)")
        except click.NoSuchOption as exc:
            if exc.ctx is not None and exc.ctx.command.name == "count" and exc.option_name[1:].isdigit():
                _fail("a count is 1 or more; to take one back: focus undo")   # "focus count call -1"
            _fail(exc.format_message() + (f" (see {exc.ctx.command_path} --help)" if exc.ctx else ""))
        except click.UsageError as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx else ""
            _fail(exc.format_message() + hint)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            _fail("aborted", 1)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"focus: {message}", err=True)
    sys.exit(code)


def moment_options(func):
    """``--date`` and ``--at``, shared by every tracking command."""

    func = click.option("--date", "date_text", metavar="DATE",
                        help="The day of --at: today, yesterday, mon…sun or YYYY-MM-DD.")(func)
    return click.option("--at", "at_text", metavar="TIME",
                        help="When it happened: 9, 9:30, 09:30 or 9.30 (default: now).")(func)


pass_services = click.make_pass_decorator(Services)


@click.group(cls=FocusGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="focus")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """focus: how much of your day went to proactive selling, and how much to event-driven work.

    Without a command, opens the workday screen: the day's blocks, a countdown of the running one,
    interruptions and outcomes counted live (press ? there for the keys).
    """
    if ctx.obj is None:
        ctx.obj = Services()
    if ctx.invoked_subcommand is None:
        services: Services = ctx.obj
        from focus.tracking import Tracker
        from focus.tui.app import run  # Textual is imported here and nowhere else

        run(Tracker(services.store, services.config, services.clock, source="tui"), services.paths)


# -- plan ----------------------------------------------------------------------------------------

@cli.group()
def plan() -> None:
    """Plan the day's blocks: add, ls, rm, template, copy, import (.ics), export (.ics)."""


@plan.command("add")
@click.argument("time_range", metavar="START-END")
@click.argument("category")
@click.argument("title", nargs=-1)
@click.option("--date", "date_text", metavar="DATE", help="The day to plan (default: today).")
@click.option("--target", "targets", multiple=True, metavar="OUTCOME=N", help="A target for the block, e.g. call=20.")
@pass_services
def plan_add(services: Services, time_range: str, category: str, title: tuple[str, ...], date_text, targets) -> None:
    """Plan a block: focus plan add 09:00-10:30 calls "Ring the Q4 list" --target call=20"""
    from focus.tracking import PlannedBlock, parse_targets

    start, end = parse_range(time_range)
    item = PlannedBlock(services.date(date_text), start, end, category, " ".join(title), parse_targets(targets))
    (block,) = services.tracker.plan([item])
    click.echo(f"planned {block.start_text}–{block.end_text} {block.category} {block.title!r} on {block.date} ({block.id})")


def _print_plan(services: Services, date: dt.date, as_json: bool = False) -> None:
    blocks = services.tracker.day(date).blocks
    if as_json:
        click.echo(json.dumps([
            {"number": n, "id": b.id, "date": b.date.isoformat(), "start": b.start_text, "end": b.end_text,
             "category": b.category, "title": b.title, "targets": b.targets, "source": b.source}
            for n, b in enumerate(blocks, start=1)
        ], indent=2, ensure_ascii=False))
        return
    click.echo(f"Plan for {date:%a %d %b %Y}")
    if not blocks:
        click.echo("  nothing planned (focus plan template, or focus plan add 09:00-10:00 calls)")
    modes = {name: c.mode for name, c in services.config.categories.items()}
    for number, b in enumerate(blocks, start=1):
        targets = " ".join(f"{k}={v}" for k, v in b.targets.items())
        mode = modes.get(b.category, "?")
        click.echo(f"  {number:>2}  {b.id}  {b.start_text}–{b.end_text}  {b.category:<9} {mode:<9}  {b.title}"
                   + (f"  [{targets}]" if targets else ""))


@plan.command("ls")
@click.option("--date", "date_text", metavar="DATE", help="The day to show (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_services
def plan_ls(services: Services, date_text, fmt) -> None:
    """List a day's blocks with their numbers and ids."""
    _print_plan(services, services.date(date_text), as_json=fmt == "json")


@plan.command("rm")
@click.argument("block")
@click.option("--date", "date_text", metavar="DATE", help="The block's day (default: today).")
@pass_services
def plan_rm(services: Services, block: str, date_text) -> None:
    """Remove a block, by id or number (as in plan ls): focus plan rm 3"""
    removed = services.tracker.remove(services.date(date_text), block)
    click.echo(f"removed {removed.start_text}–{removed.end_text} {removed.category} {removed.title!r} ({removed.id})")


@plan.command("template")
@click.option("--date", "date_text", metavar="DATE", help="The day to plan (default: today).")
@pass_services
def plan_template(services: Services, date_text) -> None:
    """Plan the configured day template ([plan] template in the config)."""
    date = services.date(date_text)
    blocks = services.tracker.template(date)
    click.echo(f"planned {len(blocks)} blocks from the template on {date}")


@plan.command("copy")
@click.option("--from", "from_text", required=True, metavar="DATE", help="The day to copy the plan from.")
@click.option("--date", "date_text", metavar="DATE", help="The day to plan (default: today).")
@pass_services
def plan_copy(services: Services, from_text, date_text) -> None:
    """Copy another day's plan: focus plan copy --from yesterday"""
    source, target = services.date(from_text), services.date(date_text)
    blocks = services.tracker.copy(source, target)
    click.echo(f"planned {len(blocks)} blocks on {target} as on {source}")


@plan.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_services
def plan_import(services: Services, file: Path) -> None:
    """Plan today's and the coming days' events of an .ics file or a vdir folder, as the calendar
    source does: focus plan import ~/Downloads/week48.ics"""
    from focus.sources import calendar

    tracker = services.tracker
    tracker.source = "calendar"
    for line in calendar.import_file(tracker, file):
        click.echo(line)


@plan.command("export")
@click.option("--format", "fmt", type=click.Choice(["ics"]), default="ics", show_default=True)
@click.option("--date", "date_text", metavar="DATE", help="The day to export (default: today).")
@click.option("--week", "week_text", metavar="WEEK", help="A whole week instead: 2026-W48, or a date in it.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@click.option("--without-calendar", is_flag=True,
              help="Leave out the blocks that came from a calendar (the calendar source or focus plan import).")
@pass_services
def plan_export(services: Services, fmt, date_text, week_text, out: Path | None, without_calendar: bool) -> None:
    """The plan as iCalendar, one event per block in UTC: focus plan export --week 2026-W48 --out w48.ics"""
    from focus.reports import plan_ics as export

    if date_text is not None and week_text is not None:
        raise FocusError("give --date or --week, not both")
    if week_text is not None:
        from focus.core.timeparse import parse_week, week_name

        monday = parse_week(week_text, services.clock.today())
        dates = export.week_dates(monday)
        span, where = week_name(monday), f"in {week_name(monday)} ({monday} to {dates[-1]})"
    else:
        dates = [services.date(date_text)]
        span = dates[0].isoformat()
        where = f"on {span}"
    blocks = [block for date in dates for block in services.tracker.day(date).blocks
              if not (without_calendar and block.source == "calendar")]
    data = export.export_ics(blocks, services.config, services.clock.now_ms())
    if out is None or str(out) == "-":
        click.echo(data, nl=False)
    else:
        from focus.store.paths import open_private

        with open_private(out, binary=True) as stream:
            stream.write(data)
    if not blocks:
        click.echo(f"nothing is planned {where}; the calendar is empty", err=True)
    elif out is not None and str(out) != "-":
        click.echo(f"exported {len(blocks)} block{'s' * (len(blocks) != 1)} of {span} to {out}", err=True)


# -- tracking ------------------------------------------------------------------------------------

@cli.command()
@click.argument("block", required=False)
@moment_options
@pass_services
def start(services: Services, block: str | None, date_text, at_text) -> None:
    """Start a block (by number or id; default: the one planned now). A running block stops."""
    at = services.at(date_text, at_text)
    started = services.tracker.start(at, block)
    click.echo(f"started {started.category} {started.title!r} at {services.when(at)} "
               f"(planned {started.start_text}–{started.end_text})")


@cli.command()
@moment_options
@pass_services
def stop(services: Services, date_text, at_text) -> None:
    """Stop the running block."""
    at = services.at(date_text, at_text)
    session = services.tracker.stop(at)
    click.echo(f"stopped {session.category} at {services.when(session.end)} after {duration(session.end - session.start)}")


@cli.command()
@moment_options
@pass_services
def back(services: Services, date_text, at_text) -> None:
    """Back to work: end the running interruption."""
    at = services.at(date_text, at_text)
    item = services.tracker.back(at)
    click.echo(f"back to work at {services.when(at)} after {duration(at - item.start)} of {item.kind}")


@cli.command("log")
@click.argument("kind", metavar="KIND")
@click.option("--minutes", type=int, help="How long it took (default: the kind's default, cut short by the next one).")
@click.option("--note", default="", help="A word on what it was.")
@moment_options
@pass_services
def log_interruption(services: Services, kind: str, minutes, note, date_text, at_text) -> None:
    """Log an interruption. KIND: email, phone, chat, walk-in, self, other."""
    at = services.at(date_text, at_text)
    event = services.tracker.log(kind, at, minutes, note)
    length = f"{minutes} min" if minutes else f"{services.config.interruption_minutes.get(kind)} min unless cut short"
    click.echo(f"logged {kind} at {services.when(event.at)} ({length})")


@cli.command()
@click.argument("outcome")
@click.argument("n", type=int, default=1)
@moment_options
@pass_services
def count(services: Services, outcome: str, n: int, date_text, at_text) -> None:
    """Count selling outcomes: call, meeting, quote, deal (configurable). N defaults to 1."""
    at = services.at(date_text, at_text)
    event = services.tracker.count(outcome, at, n)
    click.echo(f"counted {n} × {outcome} at {services.when(event.at)}")


@cli.command()
@pass_services
def undo(services: Services) -> None:
    """Undo the newest event that is not undone yet, and say what it was."""
    from focus.reports.describe import describe

    event = services.tracker.undo()
    click.echo(f"undid {describe(event, services.clock)}")


# -- reports -------------------------------------------------------------------------------------

@cli.command()
@click.argument("date_text", metavar="[DATE]", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True)
@pass_services
def report(services: Services, date_text, fmt) -> None:
    """The end-of-day report: proactive vs event-driven time, interruptions, focus, plan, outcomes."""
    from focus.reports import day as day_report

    date = services.date(date_text)
    summary = services.tracker.summary(date)
    if fmt == "json":
        click.echo(json.dumps(day_report.to_json(summary), indent=2, ensure_ascii=False))
    elif fmt == "md":
        click.echo(day_report.to_markdown(summary), nl=False)
    elif fmt == "html":
        click.echo(day_report.to_html(summary), nl=False)
    else:
        import shutil

        color = sys.stdout.isatty()
        width = shutil.get_terminal_size().columns if color else 110
        click.echo(day_report.to_text(summary, width=min(width, 110), color=color), nl=False)


@cli.command()
@pass_services
def watch(services: Services) -> None:
    """Run the event sources without the TUI: the inbox folder, the Maildir folders and the calendar
    of the config. Prints one line per recorded event; ctrl+c stops. Only one process (this, or an
    open TUI) runs the sources at a time."""
    import signal
    import threading

    from focus.sources.runner import Runner

    def announce(line: str) -> None:
        click.echo(f"{services.clock.now():%H:%M:%S} {line}", err=line.startswith("problem:"))

    runner = Runner(services.paths, services.config, services.clock, announce)
    runner.start()
    config = services.config
    click.echo(f"watching the inbox {services.paths.inbox}"
               + "".join(f", mail {p}" for p in config.maildir_paths)
               + (f", calendar {config.calendar_path}" if config.calendar_path else "")
               + " (ctrl+c stops)")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        while not stopped.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        runner.stop()


@cli.command()
@click.argument("week_text", metavar="[WEEK]", required=False)
@click.option("--weeks", type=click.IntRange(1, 520), default=1, show_default=True,
              help="Add a trend table over the last N weeks.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "md", "html"]), default="text",
              show_default=True)
@click.option("--out", metavar="FILE", help="Write to FILE (created user-only) instead of stdout.")
@click.option("--delimiter", metavar="CHAR", help="CSV delimiter (default: export.csv_delimiter, e.g. ';').")
@click.option("--with-debrief", is_flag=True,
              help="Include the visits' debrief answers (by default only the coaching rates: the text is yours).")
@pass_services
def week(services: Services, week_text, weeks, fmt, out, delimiter, with_debrief) -> None:
    """Weekly stats: the split, interruptions, focus, plan kept, outcomes, visits, the funnel forecast.
    WEEK is 2026-W48, this, last or a date in it (default: this week)."""
    from focus.reports import week as week_report
    from focus.core.timeparse import parse_week

    monday = parse_week(week_text or "this", services.clock.today())
    if delimiter is not None and (len(delimiter) != 1 or delimiter in "\"\r\n"):
        raise FocusError(f"--delimiter {delimiter!r}: use one character such as , or ;")
    doc = week_report.document(services.tracker, monday, weeks, with_debrief=with_debrief)
    if fmt == "json":
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = week_report.to_csv(doc, delimiter or services.config.csv_delimiter)
    elif fmt == "md":
        text = week_report.to_markdown(doc)
    elif fmt == "html":
        text = week_report.to_html(doc)
    else:
        import shutil

        color = out is None and sys.stdout.isatty()
        text = week_report.to_text(doc, width=min(shutil.get_terminal_size().columns, 130) if color else 130,
                                   color=color)
    week_report.write(text, out)


@cli.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--watch", is_flag=True, help="Keep the table live as files arrive or change (ctrl+c stops); "
                                           "with json or csv, one new document per change.")
@pass_services
def team(services: Services, folder: Path, fmt, watch) -> None:
    """A team table from a folder of weekly exports (each seller's `focus week --format json`): proactive
    share, email checks a day, outcomes and visits per seller and week. Bad files are listed as skipped."""
    import shutil

    from focus.reports import team as team_table

    table = team_table.read_folder(folder)          # a missing folder fails here, before anything is shown

    def show(table) -> None:
        """One document on stdout; with csv, the skipped files on stderr."""
        if fmt == "json":
            click.echo(team_table.to_json(table, indent=None if watch else 2), nl=False)
            return
        click.echo(team_table.to_csv(table, services.config.csv_delimiter) + ("\n" if watch else ""), nl=False)
        for skipped in table.skipped:
            click.echo(team_table.printable(f"skipped {skipped['file']}: {skipped['reason']}"), err=True)

    if not watch:
        if fmt == "text":
            color = sys.stdout.isatty()
            width = min(shutil.get_terminal_size().columns, 130) if color else 130
            click.echo(team_table.to_text(table, folder, width=width, color=color), nl=False)
            return
        show(table)
        if not table.rows:
            click.echo(team_table.empty_note(table, folder), err=True)
        return
    import signal
    import threading

    live = None
    if fmt == "text":
        from rich.console import Console
        from rich.live import Live

        console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 130)
        live = Live(console=console, auto_refresh=False)      # without a terminal: the last table at the end
        show = lambda table: live.update(team_table.renderable(table, folder), refresh=True)
    watcher = team_table.TeamWatch(folder, show)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        if live is not None:
            live.start()
        watcher.start()
        watcher.refresh()                           # after start: nothing that arrives is missed
        while not stopped.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        if live is not None:
            live.stop()
            if not console.is_terminal:
                console.line()


@cli.command("debrief")
@click.argument("date_text", metavar="[DATE]", required=False)
@click.option("--format", "fmt", type=click.Choice(["prompt", "md", "json"]), default="prompt", show_default=True,
              help="prompt: answer the questions; md or json: print the day's debriefs to send on.")
@pass_services
def debrief_command(services: Services, date_text, fmt) -> None:
    """The 17:03 questions for each customer visit of DATE (default today): who did you meet, were they
    the only decision maker, what budget, what is the next step, did you book the next meeting before
    you left — and if not, why not. Enter keeps an earlier answer; answer n to skip a visit."""
    from focus.core import accounting, debrief
    from focus.reports.debrief import debrief_json, debrief_markdown

    date = services.date(date_text)
    tracker = services.tracker
    log = tracker.day(date)
    visits = accounting.visits(log, tracker.config, tracker.clock.now_ms())
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
        click.echo(f"\nVisit {number} of {len(visits)}: {block.start_text}–{block.end_text} {block.title}"
                   + (" (debriefed before: enter keeps an answer)" if earlier else ""))
        if not click.confirm("Debrief it now?", default=True):
            continue
        defaults = debrief.as_text(earlier) if earlier else {}
        raw: dict[str, str] = {}
        for field in debrief.FIELDS:
            if field == "why_not" and debrief.check_field("booked", raw["booked"]) == debrief.YES:
                continue
            raw[field] = click.prompt(tracker.config.debrief_questions[field], default=defaults.get(field) or
                                      ("" if field in ("next_step", "why_not") else None),
                                      show_default=bool(defaults.get(field)),
                                      value_proc=_checked(field))
        tracker.debrief(date, block.id, raw)
        saved += 1
    click.echo(f"\nSaved {saved} debrief{'s' if saved != 1 else ''}; "
               f"{len(visits) - saved} skipped. See them: focus debrief {date} --format md")


def _checked(field: str):
    """A click value_proc: the answer checked, re-asked with the reason when it is wrong."""
    from focus.core import debrief

    def check(value: str) -> str:
        try:
            debrief.check_field(field, value)
        except FocusError as exc:
            raise click.BadParameter(str(exc).split(": ", 1)[-1]) from None
        if field == "why_not" and not value.strip():
            raise click.BadParameter("say why the next meeting was not booked before you left")
        return value

    return check


# -- data ----------------------------------------------------------------------------------------

@cli.group("export")
def export_group() -> None:
    """Export data."""


@export_group.command("events")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@pass_services
def export_events(services: Services, out: Path | None) -> None:
    """The whole event log as JSON lines, oldest first: focus export events --out backup.jsonl"""
    from focus.store.exchange import export_lines

    if out is None:
        for line in export_lines(services.store):
            click.echo(line)
        return
    from focus.store.paths import open_private

    written = 0
    with open_private(out) as stream:
        for line in export_lines(services.store):
            stream.write(line + "\n")
            written += 1
    click.echo(f"exported {written} events to {out}", err=True)


@cli.group("import")
def import_group() -> None:
    """Import data."""


@import_group.command("events")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_services
def import_events(services: Services, file: Path) -> None:
    """Add the events of a JSON-lines export; events already here (same id) are skipped."""
    from focus.store.exchange import import_lines

    try:
        stream = open(file, encoding="utf-8") if str(file) != "-" else sys.stdin
    except OSError as exc:
        raise FocusError(f"cannot read {file}: {exc.strerror}") from None
    with stream:
        try:
            added, skipped = import_lines(services.store, stream)
        except UnicodeDecodeError:
            raise FocusError(f"{file}: not UTF-8 text") from None
    click.echo(f"imported {added} events, {skipped} already present")


@cli.group("config")
def config_group() -> None:
    """The config file: init, path, check."""


@config_group.command("path")
@pass_services
def config_path(services: Services) -> None:
    """Print where the config file is read from."""
    click.echo(services.paths.config_file)


@config_group.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
@pass_services
def config_init(services: Services, force: bool) -> None:
    """Write the documented example config to the config path."""
    from importlib.resources import files

    from focus.store.paths import make_private_dir, open_private

    target = services.paths.config_file
    if target.exists() and not force:
        raise FocusError(f"{target} exists; use --force to overwrite it")
    make_private_dir(target.parent)
    with open_private(target) as stream:
        stream.write(files("focus").joinpath("config.example.toml").read_text(encoding="utf-8"))
    click.echo(f"wrote {target}")


@config_group.command("check")
@pass_services
def config_check(services: Services) -> None:
    """Check the config file; print the zone and categories it gives."""
    config = services.config
    where = config.source or f"{services.paths.config_file} (not there: built-in defaults)"
    click.echo(f"ok: {where}")
    click.echo(f"timezone {config.timezone}; work {hhmm(config.work.start)}–{hhmm(config.work.end)}; "
               f"{len(config.categories)} categories; {len(config.template)} template blocks")


@cli.group("db")
def db_group() -> None:
    """The database: path, check."""


@db_group.command("path")
@pass_services
def db_path(services: Services) -> None:
    """Print where the database lives."""
    click.echo(services.paths.db_file)


@db_group.command("check")
@pass_services
def db_check(services: Services) -> None:
    """Check the database's integrity and schema; print its size."""
    store = services.store
    problems = store.check()
    if problems:
        raise FocusError(f"database {store.path}: " + "; ".join(problems))
    size = sum(path.stat().st_size for path in (store.path, store.path.with_name(store.path.name + "-wal"))
               if path.exists())
    events = store.count()
    click.echo(f"ok: {store.path} — {events} event{'s' * (events != 1)}, {size / 1_048_576:.1f} MB, schema {store.schema_version()}")


def main() -> None:
    """The console script."""
    cli.main(prog_name="focus")
