"""``focus watch``: the event sources without the workday screen."""

from __future__ import annotations

import signal
import threading

import click

from focus.cli.services import Services, pass_services


@click.command()
@pass_services
def watch(services: Services) -> None:
    """Run the event sources without the TUI: the inbox folder, the Maildir folders and the calendar
    of the config. Prints one line per recorded event; ctrl+c stops. Only one process (this, or an
    open TUI) runs the sources at a time."""
    from focus.sources.runner import Runner

    def announce(line: str) -> None:
        click.echo(f"{services.clock.now():%H:%M:%S} {line}", err=line.startswith("problem:"))

    runner = Runner(services.paths, services.config, services.clock, announce)
    runner.start()
    config = services.config
    click.echo(
        f"watching the inbox {services.paths.inbox}"
        + "".join(f", mail {p}" for p in config.maildir_paths)
        + (f", calendar {config.calendar_path}" if config.calendar_path else "")
        + " (ctrl+c stops)"
    )
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        while not stopped.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        runner.stop()
