"""The workday app: the factory the CLI and the tests both use, and the app's own wiring (the event
sources in-process, the command palette). The day itself is the WorkdayScreen's."""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from focus.core.clock import Clock
from focus.core.config import Config
from focus.core.errors import FocusError
from focus.core.reminders import EMAIL_BUDGET, Reminder
from focus.i18n import N_, _, choose, use
from focus.reports.safe import markup_text
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from focus.tui.keys import KEYS, said, translated
from focus.tui.workday import WorkdayScreen


class SourceLine(Message):
    """A line from the event sources (another thread): problems become notices."""

    def __init__(self, line: str):
        super().__init__()
        self.line = line


class Reminded(Message):
    """A reminder fell due (from the sources' reminders thread): the screen shows it as a toast."""

    def __init__(self, reminder: Reminder):
        super().__init__()
        self.reminder = reminder


class ConfigChanged(Message):
    """The config file changed and was valid (from the sources' thread)."""

    def __init__(self, config: Config):
        super().__init__()
        self.config = config


TAKE_OVER_SECONDS = 30.0
EVENT_SOURCES = N_("Event sources")
TEXTUAL_WORDS = (  # Textual's own words this app shows, for the catalogue: its bindings and system commands
    N_("Quit"),
    N_("Quit the app and return to the command prompt."),
    N_("palette"),
    N_("Open the command palette"),
    N_("Search for commands…"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
)


class SourcesChanged(Message):
    """A source's state changed (from the sources' threads): the header says it."""

    def __init__(self, line: str):
        super().__init__()
        self.line = line


class FocusApp(App[None]):
    """The seller's workday app."""

    CSS_PATH = "focus.tcss"
    TITLE = "focus"

    def __init__(self, workday: WorkdayScreen, sources: Callable[[FocusApp], Any] | None = None):
        super().__init__()
        self._bindings = translated(self._bindings)  # ctrl+q and the palette's key, in the language in use
        self.workday = workday
        self.make_sources = sources
        self.sources: Any = None  # the runner, once it runs here
        self.runner: Any = None
        self.take_over: Timer | None = None  # the retries while another process has the sources
        self.problems_shown: dict[str, float] = {}  # the problem toasts showing now, by when they were

    def get_default_screen(self) -> Screen[Any]:
        return self.workday

    def on_mount(self) -> None:
        if self.make_sources is None:
            return
        self.runner = self.make_sources(self)
        self.start_sources()

    def start_sources(self) -> None:
        """Run the event sources here. While another process has them, try again every 30 s: when the
        `focus watch` this screen left them to stops, the screen takes them over (and catches up)."""
        from focus.sources.lock import SourcesBusy

        try:
            self.runner.start()
        except SourcesBusy as exc:
            if self.take_over is None:
                self.notify(markup_text(str(exc)), title=_(EVENT_SOURCES), severity="warning", timeout=8)
                self.take_over = self.set_interval(TAKE_OVER_SECONDS, self.start_sources)
            return
        except FocusError as exc:
            self.notify(markup_text(str(exc)), title=_(EVENT_SOURCES), severity="warning", timeout=8)
            self.stop_trying()
            return
        if self.take_over is not None:
            self.notify(_("The event sources run here now."), title=_(EVENT_SOURCES))
            self.stop_trying()
        self.sources = self.runner
        self.workday.reminders_from_sources = True  # its own block, budget and debrief toasts come from there

    def stop_trying(self) -> None:
        if self.take_over is not None:
            self.take_over.stop()
            self.take_over = None

    def on_unmount(self) -> None:
        if self.sources is not None:
            self.sources.stop()

    def on_sources_changed(self, message: SourcesChanged) -> None:
        self.workday.sources_line = markup_text(message.line)
        if self.workday.summary is not None:
            self.workday.draw()

    def on_config_changed(self, message: ConfigChanged) -> None:
        self.workday.set_config(message.config)

    def on_reminded(self, message: Reminded) -> None:
        reminder = message.reminder
        self.notify(
            markup_text(reminder.body),
            title=markup_text(reminder.title),
            severity="warning" if reminder.kind == EMAIL_BUDGET else "information",
            timeout=10,
        )

    def on_source_line(self, message: SourceLine) -> None:
        """A problem becomes a warning toast, unless the same one is still showing (a source that
        keeps failing never stacks them); "resolved:" says a trouble is over."""
        line = message.line
        if line.startswith("problem:"):
            text, now = line.removeprefix("problem:").strip(), time.monotonic()
            self.problems_shown = {
                p: at for p, at in self.problems_shown.items() if now - at < self.NOTIFICATION_TIMEOUT
            }
            if text not in self.problems_shown:
                self.problems_shown[text] = now
                self.notify(markup_text(text), title=_(EVENT_SOURCES), severity="warning")
        elif line.startswith("resolved:"):
            self.notify(markup_text(line.removeprefix("resolved:").strip()), title=_(EVENT_SOURCES))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(title=said(command.title), help=said(command.help))
        for key in KEYS:
            shown, _label, description = key.said()
            yield SystemCommand(description, _("key: {key}").format(key=shown), self._runner(key.action))

    def action_command_palette(self) -> None:
        """Textual's command palette, its prompt in the language in use."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker, its prompt in the language in use."""
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def action_help_quit(self) -> None:
        """Textual's answer to ctrl+c (which copies, it does not quit): how to quit, in the language in use."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("Press [b]{key}[/b] to quit the app").format(key=key), title=_("Do you want to quit?"))
                return

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.run_action(action, self.workday)

        return run


def build_app(
    paths: Paths,
    config: Config,
    clock: Clock,
    *,
    sources: bool = True,
    watch_database: bool = True,
    show_clock: bool = True,
) -> FocusApp:
    """The workday app on the database and config of ``paths``: what ``focus`` opens, and what the tests
    run (with a fixed clock, perhaps without the event sources or the database watcher). It speaks the
    config's ``language``, else the environment's."""
    use(choose(config.language, os.environ))

    def open_tracker() -> Tracker:
        return Tracker(Store(paths.db_file), config, clock, source="tui")

    def watch(changed: Callable[[], object]) -> Any:
        from focus.tui.dbwatch import DatabaseWatcher

        watcher = DatabaseWatcher(paths.db_file, changed)
        watcher.start()
        return watcher

    def run_sources(app: FocusApp) -> Any:
        from focus.sources.runner import Runner
        from focus.sources.status import one_line

        runner = Runner(
            paths,
            config,
            clock,
            lambda line: app.post_message(SourceLine(line)),
            holder="the focus TUI",
            on_config=lambda new: app.post_message(ConfigChanged(new)),
            remind=lambda reminder: app.post_message(Reminded(reminder)),
        )
        runner.board.on_change = lambda: app.post_message(SourcesChanged(one_line(runner.board.sources_now())))
        return runner

    screen = WorkdayScreen(config, clock, open_tracker, watch if watch_database else None, show_clock)
    return FocusApp(screen, run_sources if sources else None)


def run_app(paths: Paths, config: Config, clock: Clock) -> None:
    """Open the workday screen, with the event sources running in-process."""
    build_app(paths, config, clock).run()
