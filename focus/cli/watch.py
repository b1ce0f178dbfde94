"""``focus watch``: the event sources without the workday screen."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import click

from focus.cli.services import Services, pass_services, source_line
from focus.cli.stop_signals import StopSignals
from focus.i18n import _
from focus.reports.safe import terminal_text

if TYPE_CHECKING:
    from focus.core.reminders import Reminder


@click.command()
@pass_services
def watch(services: Services) -> None:
    """Run the event sources without the workday screen: the inbox folder, and what the config names —
    Maildir folders, the calendar, IMAP accounts, ActivityWatch — with the reminders (desktop
    notifications of a block's start and end, the debrief, the email budget; [notify]). Prints one line
    per recorded event or reminder; ctrl+c stops. Only one process (this, or an open workday screen)
    runs the sources at a time; `focus sources` shows what each is doing."""
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
        click.echo(
            f"{services.clock.now():%H:%M:%S} {terminal_text(source_line(line))}", err=line.startswith("problem:")
        )

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

    from focus.sources.desktop import Desktop

    desktop = Desktop(announce)  # the reminders: a line each, and a desktop notification where there is a way

    def remind(reminder: Reminder) -> None:
        announce(reminder.line)
        desktop.notify(reminder.title, reminder.body)

    runner = Runner(services.paths, services.config, services.clock, announce, remind=remind)
    stop = StopSignals()
    stop.hold()  # before the sources start: ctrl+c and SIGTERM wait for stop.wait below
    try:
        runner.start()
    except BaseException:
        release()  # what was recorded before the failure is still said
        raise
    try:
        desktop.start()
        config = services.config
        release(
            _("watching the inbox {path}").format(path=services.paths.inbox)
            + "".join(_(", mail {path}").format(path=p) for p in config.maildir_paths)
            + (_(", calendar {path}").format(path=config.calendar_path) if config.calendar_path else "")
            + "".join(
                _(", IMAP {account} ({mailboxes})").format(account=account.name, mailboxes=", ".join(account.mailboxes))
                for account in config.imap
            )
            + (_(", ActivityWatch {url}").format(url=config.activitywatch.url) if config.activitywatch else "")
            + _(" (ctrl+c stops)")
        )
        stop.wait()
    finally:
        runner.stop()
        desktop.stop()
