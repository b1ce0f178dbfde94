"""The ``focus`` command line (click): a thin shell that parses, calls the tracker or a report, prints.

One module per group of commands; what they share (services, options, the error shell) is in
``focus.cli.services``. Heavy modules (Rich, sqlite-utils, Textual) are imported inside the
commands that use them.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from focus import __version__
from focus.cli import data, entries, reports, tracking
from focus.cli.language import TranslatedOption
from focus.cli.plan import plan
from focus.cli.services import FocusGroup, Services
from focus.cli.sources import sources
from focus.cli.team import team
from focus.cli.watch import watch


@click.group(cls=FocusGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="focus", cls=TranslatedOption)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """focus: how much of your day went to proactive selling, and how much to event-driven work.

    Without a command, opens the workday screen: the day's blocks, a countdown of the running one,
    interruptions and outcomes counted live (press ? there for the keys).
    """
    if ctx.invoked_subcommand is None:
        services: Services = ctx.obj
        from focus.tui.app import run_app  # Textual is imported here and nowhere else

        run_app(services.paths, services.config, services.clock)


for command in (plan, *tracking.COMMANDS, *entries.COMMANDS, *reports.COMMANDS, watch, sources, team, *data.COMMANDS):
    cli.add_command(command)


def main() -> NoReturn:
    """The console script. When the command is done, everything it wrote is committed, closed and
    flushed: the process ends there, without tearing the interpreter down object by object (tens of
    milliseconds after a year's report)."""
    try:
        cli.main(prog_name="focus")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    else:
        code = 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
