"""What every command shares: the services it needs (built on first use), the one error shell, the
options composed once, and writing output to stdout or a user-only file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from focus.cli.helptexts import translate
from focus.cli.language import speak
from focus.core.clock import Clock, local_ms
from focus.core.errors import FocusError
from focus.core.timeparse import parse_date, parse_time
from focus.i18n import _
from focus.store.paths import Paths

if TYPE_CHECKING:
    from focus.core.config import Config
    from focus.store.database import Store
    from focus.tracking import Tracker

F = TypeVar("F", bound=Callable[..., Any])


class Services:
    """What a command needs, built on first use: paths, config, clock, store, tracker."""

    def __init__(self, paths: Paths | None = None, clock: Clock | None = None):
        self._paths, self._clock = paths, clock

    @cached_property
    def paths(self) -> Paths:
        return self._paths or Paths.resolve()

    @cached_property
    def config(self) -> Config:
        from focus.store import config_file

        return config_file.load(self.paths.config_file)

    @property
    def language(self) -> str | None:
        """The config's ``language``; None (the environment's) when unset, or when the config cannot be
        read: the command that needs the config says why."""
        try:
            return self.config.language
        except FocusError:
            return None

    @property
    def csv_delimiter(self) -> str:
        """``export.csv_delimiter``, else the language's (``;`` in Swedish)."""
        from focus.reports.csvfile import default_delimiter

        return self.config.csv_delimiter or default_delimiter()

    @cached_property
    def clock(self) -> Clock:
        return self._clock or Clock(self.config.timezone)

    @cached_property
    def store(self) -> Store:
        from focus.store.database import Store

        return Store(self.paths.db_file)

    @cached_property
    def tracker(self) -> Tracker:
        from focus.tracking import Tracker

        self.store.save_interruption_minutes(self.config.interruption_minutes)  # for the SQL views
        return Tracker(self.store, self.config, self.clock, source="cli")

    def date(self, text: str | None) -> dt.date:
        """A date typed by the user; today when none."""
        today = self.clock.today()
        return parse_date(text, today) if text is not None else today

    def at(self, date_text: str | None, at_text: str | None) -> int:
        """The instant of ``--date``/``--at``; now when neither is given."""
        if at_text is None:
            if date_text is not None:
                self.date(date_text)  # a bad date is said first
                raise FocusError(_("--date needs --at: the time on that date"))
            return self.clock.now_ms()
        return local_ms(self.date(date_text), parse_time(at_text), self.clock.tz)

    def when(self, at: int) -> str:
        """``10:42`` today, ``Mon 23 Nov 10:42`` another day (``kl. 10.42``, ``2026-11-23 kl. 10.42`` in Swedish)."""
        from focus.reports.local import moment

        return moment(at, self.clock)


pass_services = click.make_pass_decorator(Services)


class FocusGroup(click.Group):
    """Turns a FocusError or a usage error into one line on stderr and exit code 2."""

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        services = extra.get("obj")
        if services is None:
            services = extra["obj"] = Services()
        speak(services.language)  # before click parses: its usage errors and --help speak it too
        if args is not None and any("\0" in str(arg) for arg in args):
            fail(_("an argument holds a NUL character"))  # never from a shell; from a caller in-process
        translate(self)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except FocusError as exc:
            fail(str(exc) + (f"; {exc.hint}" if exc.hint else ""))
        except click.exceptions.NoArgsIsHelpError as exc:
            group = exc.ctx.command if exc.ctx else None
            names = ", ".join(group.list_commands(exc.ctx)) if isinstance(group, click.Group) and exc.ctx else ""
            path = exc.ctx.command_path if exc.ctx else "focus"
            fail(_("missing command: {names} (see {command} --help)").format(names=names, command=path))
        except click.NoSuchOption as exc:
            if exc.ctx is not None and exc.ctx.command.name == "count" and exc.option_name[1:].isdigit():
                fail(_("a count is 1 or more; to take one back: focus undo"))  # "focus count call -1"
            fail(exc.format_message() + _see_help(exc.ctx))
        except click.UsageError as exc:
            fail(exc.format_message() + _see_help(exc.ctx))
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            fail(_("aborted"), 1)
        sys.exit(code if isinstance(code, int) else 0)


def _see_help(ctx: click.Context | None) -> str:
    """Where to read more, after click's message: `` (see focus report --help)``."""
    return _(" (see {command} --help)").format(command=ctx.command_path) if ctx else ""


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr (shown as text: nothing in it reaches the terminal as a control code), then exit."""
    from focus.reports.safe import terminal_text

    click.echo(f"focus: {terminal_text(message)}", err=True)
    sys.exit(code)


def moment_options(func: F) -> F:
    """``--date`` and ``--at``, shared by every tracking command."""
    func = click.option(
        "--date",
        "date_text",
        metavar="DATE",
        help="The day of --at: today, yesterday, mon…sun or YYYY-MM-DD (or idag, igår, mån…sön).",
    )(func)
    return click.option(
        "--at",
        "at_text",
        metavar="TIME",
        help="When it happened: 9, 9:30, 09:30 or 9.30, also kl. 9.30 (default: now).",
    )(func)


def date_option(help_text: str = "The day (default: today).") -> Callable[[F], F]:
    """``--date DATE`` of the plan and debrief commands."""
    return click.option("--date", "date_text", metavar="DATE", help=help_text)


def format_option(*choices: str, default: str = "text", help_text: str | None = None) -> Callable[[F], F]:
    """``--format`` with the given choices, the first being the default unless told."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True, help=help_text
    )


def emit(text: str, out: str | Path | None) -> None:
    """Text to stdout, or (``--out FILE``) to a file created, or narrowed to, user-only."""
    if out is None or str(out) == "-":
        click.echo(text, nl=False)
        return
    from focus.store.paths import open_private

    with open_private(Path(out)) as stream:
        stream.write(text)


def terminal_width(limit: int) -> tuple[int, bool]:
    """(width, colour) for a report on stdout: the terminal's, at most ``limit``; ``limit`` when piped."""
    import shutil

    color = sys.stdout.isatty()
    return (min(shutil.get_terminal_size().columns, limit) if color else limit), color


def source_line(line: str) -> str:
    """A source's line as ``focus watch`` and ``focus plan import`` print it: the sources mark a trouble's
    start and end with ``problem:`` and ``resolved:`` (the screen reads them), said in the language in use."""
    for mark, words in (("problem:", _("problem:")), ("resolved:", _("resolved:"))):
        if line.startswith(mark):
            return words + line.removeprefix(mark)
    return line
