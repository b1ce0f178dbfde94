"""``focus watch``: the event sources without the workday screen."""

from __future__ import annotations

import signal
import threading

import click

from focus.cli.services import Services, pass_services
from focus.reports.safe import terminal_text


@click.command()
@pass_services
def watch(services: Services) -> None:
    """Run the event sources without the TUI: the inbox folder, the Maildir folders, the calendar and
    the IMAP accounts of the config. Prints one line per recorded event; ctrl+c stops. Only one process (this, or an
    open TUI) runs the sources at a time."""
    from focus.sources.runner import Runner
    from focus.store.database import Store

    # Opened (or created) once here, before the sources' threads: an unusable database (another
    # program's, damaged, read-only) is one line and exit 2, not a problem in the inbox's thread while
    # this goes on "watching" and records nothing.
    with Store(services.paths.db_file) as store:
        store.ensure_writable()

    held: list[str] | None = []  # what the sources say before the "watching" line: printed after it
    order = threading.Lock()

    def show(line: str) -> None:
        click.echo(f"{services.clock.now():%H:%M:%S} {terminal_text(line)}", err=line.startswith("problem:"))

    def announce(line: str) -> None:
        with order:
            if held is not None:
                held.append(line)
            else:
                show(line)

    def release(first: str | None = None) -> None:
        nonlocal held
        with order:
            if first is not None:
                click.echo(first)
            for line in held or ():
                show(line)
            held = None

    runner = Runner(services.paths, services.config, services.clock, announce)
    # ctrl+c and SIGTERM wait for the sigwait below from before the sources start (the threads they start
    # inherit the mask), so either stops the watch the same way whenever it comes: never by the signal's
    # default action before a handler is set, never half-way through the start or the stop.
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not ignored, even if the parent ignores it: it is how we stop
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    try:
        runner.start()
    except BaseException:
        release()  # what was recorded before the failure is still said
        raise
    try:
        config = services.config
        release(
            f"watching the inbox {services.paths.inbox}"
            + "".join(f", mail {p}" for p in config.maildir_paths)
            + (f", calendar {config.calendar_path}" if config.calendar_path else "")
            + "".join(f", IMAP {account.name} ({', '.join(account.mailboxes)})" for account in config.imap)
            + " (ctrl+c stops)"
        )
        signal.sigwait(stop_signals)
    finally:
        runner.stop()
