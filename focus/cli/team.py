"""``focus team DIR``: the team table from a shared folder of weekly exports, once or live."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from focus.cli.services import Services, format_option, pass_services, terminal_width

if TYPE_CHECKING:
    from focus.core.team import Team


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@format_option("text", "json", "csv")
@click.option(
    "--watch",
    is_flag=True,
    help="Keep the table live as files arrive or change (ctrl+c stops); with json or csv, one new document per change.",
)
@pass_services
def team(services: Services, folder: Path, fmt: str, watch: bool) -> None:
    """A team table from a folder of weekly exports (each seller's `focus week --format json`): proactive
    share, email checks a day, outcomes and visits per seller and week. Bad files are listed as skipped."""
    from focus.reports import team as team_table
    from focus.sources.team_folder import TeamWatch, read_folder

    own = services.config.outcomes
    table = read_folder(folder, own)  # a missing folder fails here, before anything is shown

    def show(table: Team) -> None:
        """One document on stdout; with csv, the skipped files on stderr."""
        if fmt == "json":
            click.echo(team_table.to_json(table, indent=None if watch else 2), nl=False)
            return
        click.echo(team_table.to_csv(table, services.csv_delimiter) + ("\n" if watch else ""), nl=False)
        for skipped in table.skipped:
            click.echo(team_table.skipped_line(skipped), err=True)

    if not watch:
        if fmt == "text":
            width, color = terminal_width(130)
            click.echo(team_table.to_text(table, folder, width=width, color=color), nl=False)
            return
        show(table)
        note = team_table.empty_note(table, folder)
        if note:
            click.echo(note, err=True)
        return
    live: Any = None
    console: Any = None
    on_change = show
    if fmt == "text":
        from rich.console import Console
        from rich.live import Live

        console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 130)
        live = Live(console=console, auto_refresh=False)  # without a terminal: the last table at the end

        def on_change(table: Team) -> None:
            live.update(team_table.renderable(table, folder), refresh=True)

    watcher = TeamWatch(folder, on_change, own_outcomes=own)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        if live is not None:
            live.start()
        watcher.start()
        watcher.refresh()  # after start: nothing that arrives is missed
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
