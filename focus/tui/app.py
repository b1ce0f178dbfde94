"""The workday app: wiring between the tracker (all reads and writes), the panels and the keys.

No accounting here: figures come from focus.core.accounting / focus.core.workday, writes go through
focus.tracking like the CLI's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.messages import Prune
from textual.screen import Screen
from textual.widgets import Footer, Header

from focus.core import accounting, workday as dashboard, timebox
from focus.core.clock import from_ms, local_ms
from focus.reports.describe import describe
from focus.core.errors import FocusError
from focus.core.model import Block
from focus.reports.day import heading, renderable
from focus.core.timeparse import hhmm
from focus.tracking import Tracker
from focus.tui.keys import KEYS
from focus.tui.screens import (
    BlockForm,
    ConfirmScreen,
    DebriefScreen,
    HelpScreen,
    ReportScreen,
)
from focus.tui.widgets import (
    InterruptionsPanel,
    NowPanel,
    OutcomesPanel,
    PlanTable,
    TodayPanel,
)

RELOAD_DELAY = 0.03  # seconds after a change of the database file


class DatabaseChanged(Message):
    """Another process (or this one) wrote to the database. Bursts collapse into one."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DatabaseChanged)


class WorkdayScreen(Screen):
    """The one main screen. Its keys live here, so modal screens on top do not trigger them."""

    AUTO_FOCUS = None
    BINDINGS = [Binding(key.key, f"app.{key.action}", key.label, show=key.footer, key_display=key.shown)
                for key in KEYS]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="top"):
            yield NowPanel(id="now")
            yield TodayPanel(id="today")
        yield PlanTable(id="plan")
        with Horizontal(id="bottom"):
            yield InterruptionsPanel(id="interruptions")
            yield OutcomesPanel(id="outcomes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for name in ("now", "today", "plan", "interruptions", "outcomes"):
            self.query_one(f"#{name}").border_title = name.capitalize()
        self.app.begin()

    def on_prune(self, _: Prune) -> None:
        # Being taken down (quit): the panels go before this screen does, so stop drawing first.
        self.app.stop_ticking()


class SourceLine(Message):
    """A line from the event sources (another thread): problems become notices."""

    def __init__(self, line: str):
        super().__init__()
        self.line = line


class ConfigChanged(Message):
    """The config file changed and was valid (from the sources' thread)."""

    def __init__(self, config):
        super().__init__()
        self.config = config


class FocusApp(App):
    """The seller's workday app."""

    CSS_PATH = "focus.tcss"
    TITLE = "focus"

    def __init__(self, tracker: Tracker, watch: Path | None = None, show_clock: bool = True,
                 sources: Callable[..., object] | None = None):
        super().__init__()
        self.make_sources, self.sources = sources, None
        self.tracker, self.config, self.clock = tracker, tracker.config, tracker.clock
        self.watch_path, self.show_clock = watch, show_clock
        self.modes = {name: category.mode for name, category in self.config.categories.items()}
        self.date = self.clock.today()
        self.day_log = None
        self.summary = None
        self.last_tick = self.clock.now_ms()
        self.watcher = None
        self.reload_timer = None
        self.seen_version = None
        self.ticker = None
        self.debrief_asked = None      # the day the debrief last opened by itself

    # -- layout and life cycle ---------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return WorkdayScreen()

    def begin(self) -> None:
        """Once the workday screen is up: first read, the clock tick, the database watcher."""
        self.ticker = self.set_interval(1.0, self.tick)
        self.reload()
        if self.watch_path is not None:
            from focus.tui.dbwatch import DatabaseWatcher

            self.watcher = DatabaseWatcher(self.watch_path, lambda: self.post_message(DatabaseChanged()))
            self.watcher.start()
        if self.make_sources is not None:
            self.start_sources()
        if self.day_log is not None and not self.day_log.blocks and self.config.template:
            self.push_screen(
                ConfirmScreen(f"Nothing is planned today. Plan your day template ({len(self.config.template)} blocks)?"),
                self._template_answered,
            )

    def stop_ticking(self) -> None:
        if self.ticker is not None:
            self.ticker.stop()
            self.ticker = None

    def start_sources(self) -> None:
        """Run the event sources in this process, unless another one (focus watch) already does."""
        runner = self.make_sources(lambda line: self.post_message(SourceLine(line)),
                                   lambda config: self.post_message(ConfigChanged(config)))
        try:
            runner.start()
        except FocusError as exc:
            self.notify(str(exc), title="Event sources", severity="warning", timeout=8)
            return
        self.sources = runner

    def on_config_changed(self, message: ConfigChanged) -> None:
        self.config = self.tracker.config = message.config
        self.modes = {name: category.mode for name, category in self.config.categories.items()}
        self.reload()

    def on_source_line(self, message: SourceLine) -> None:
        if message.line.startswith("problem:"):
            self.notify(message.line.removeprefix("problem:").strip(), title="Event sources", severity="warning")

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        if self.sources is not None:
            self.sources.stop()

    def on_database_changed(self, _: DatabaseChanged) -> None:
        # The file changes while the writer is still committing: read a moment after the last change.
        if self.reload_timer is not None:
            self.reload_timer.stop()
        self.reload_timer = self.set_timer(RELOAD_DELAY, self.reload)

    # -- refreshing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read today from the database, then recompute and redraw."""
        try:
            self.seen_version = self.tracker.store.data_version()
            self.day_log = self.tracker.day(self.date)
        except FocusError as exc:
            self.notify(f"Could not read the database: {exc}", severity="error")
            return
        self.recompute()

    def tick(self) -> None:
        """Every second: a new day or a commit the watcher missed means a new read; otherwise
        recompute with the new "now"."""
        try:
            changed = self.tracker.store.data_version() != self.seen_version
        except FocusError:
            changed = False
        if self.clock.today() != self.date or changed:
            self.date = self.clock.today()
            self.reload()
        else:
            self.recompute()

    def recompute(self) -> None:
        if self.day_log is None or self.ticker is None:
            return  # not started yet, or shutting down
        now = self.clock.now_ms()
        if self.config.auto_start and self._timebox(now):
            return  # _timebox wrote and reloaded
        previous = self.summary
        self.summary = accounting.summarize(self.day_log, self.config, self.clock.tz, now)
        for what, block in timebox.announcements(self.day_log, self.last_tick, now):
            verb = "starts" if what == "starts" else "ends"
            self.notify(f"{block.start_text}–{block.end_text} {block.category} {block.title} {verb} now",
                        title=f"Block {verb}", timeout=8)
        self._debrief_time(now)
        self.last_tick = now
        self._email_budget_toast(previous, self.summary)
        self.draw()

    def _timebox(self, now: int) -> bool:
        wrote = False
        for due in timebox.due_actions(self.day_log, now):
            try:
                if due.action == "stop":
                    self.tracker.stop(due.at, once_key=due.key)
                else:
                    self.tracker.start(due.at, due.block.id, once_key=due.key)
                wrote = True
            except FocusError:
                pass  # another process did it first, or the state moved on: nothing to do
        if wrote:
            self.reload()
        return wrote

    def _email_budget_toast(self, before, after) -> None:
        if before is None:
            return
        budget = after.email_budget
        was, now = before.interruptions_by_kind.get("email", 0), after.interruptions_by_kind.get("email", 0)
        if was <= budget < now:
            self.notify(f"Email check {now} today: over your budget of {budget}.", title="Email budget",
                        severity="warning", timeout=8)

    def draw(self) -> None:
        summary, log = self.summary, self.day_log
        now = self.clock.now_ms()
        self.title = "focus"
        when = self.clock.now()
        self.sub_title = f"{heading(self.date)} · {when:%H:%M}" if self.show_clock else heading(self.date)
        self.query_one(NowPanel).show(dashboard.now_view(summary, log, now), self.modes)
        self.query_one(TodayPanel).show(summary)
        self.query_one(PlanTable).show(summary, log)
        self.query_one(InterruptionsPanel).show(summary, dashboard.per_hour(log, self.config, self.clock.tz))
        self.query_one(OutcomesPanel).show(summary, accounting.visits_done(summary, self.config),
                                           self.config.targets.visits_per_day)

    # -- writing -----------------------------------------------------------------------------------

    def write(self, action: Callable[[], object]) -> object | None:
        """Run a tracker write; on a FocusError show it and change nothing. Then redraw."""
        try:
            result = action()
        except FocusError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return None
        self.reload()
        return result

    def selected_block(self) -> Block | None:
        table = self.query_one(PlanTable)
        if not self.day_log or not self.day_log.blocks or table.cursor_row < 0:
            return None
        return self.summary.blocks[min(table.cursor_row, len(self.summary.blocks) - 1)].block

    # -- actions (one per key; see keys.py) --------------------------------------------------------

    def action_toggle(self) -> None:
        now = self.clock.now_ms()
        if self.summary.running_session is not None:
            self.write(lambda: self.tracker.stop(now))
            return
        planned = next((b for b in self.day_log.blocks if b.start <= now < b.end), None) or self.selected_block()
        if planned is None:
            self.notify("Nothing planned now: press a to add a block.", severity="warning")
            return
        self.write(lambda: self.tracker.start(now, planned.id))

    def action_next(self) -> None:
        now = self.clock.now_ms()
        running = self.summary.running_session
        current = next((b for b in self.day_log.blocks if running and b.id == running.block_id), None)
        after = current.start if current else now
        upcoming = [b for b in self.day_log.blocks if b.start > after and (current is None or b.id != current.id)]
        if not upcoming:
            self.notify("No block after this one today.", severity="warning")
            return
        self.write(lambda: self.tracker.start(now, upcoming[0].id))

    def action_interrupt(self, kind: str) -> None:
        self.write(lambda: self.tracker.log(kind, self.clock.now_ms()))

    def action_back(self) -> None:
        if self.summary.running_interruption is None:
            self.notify("No interruption is running.", severity="warning")
            return
        self.write(lambda: self.tracker.back(self.clock.now_ms()))

    def action_extend(self) -> None:
        running = self.summary.running_session
        block = next((b for b in self.day_log.blocks if running and b.id == running.block_id), None)
        if block is None:
            self.notify("No block is running to extend.", severity="warning")
            return
        if self.write(lambda: self.tracker.extend(block, 15) or True):
            end = timebox.planned_end(block, self.day_log)
            self.notify(f"{block.title}: 15 more minutes, until {hhmm(from_ms(end, self.clock.tz))}.")

    def action_outcome(self, index: int) -> None:
        outcomes = self.config.outcomes
        if index >= len(outcomes):
            self.notify(f"Only {len(outcomes)} outcomes are configured.", severity="warning")
            return
        self.write(lambda: self.tracker.count(outcomes[index], self.clock.now_ms()))

    def action_undo(self) -> None:
        event = self.write(self.tracker.undo)
        if event is not None:
            self.notify(f"Undid {describe(event, self.clock)}.", title="Undo")

    def action_add(self) -> None:
        self.push_screen(BlockForm(self.date, list(self.config.categories), lambda item: self._saved(self.tracker.plan([item])[0])))

    def action_edit(self) -> None:
        block = self.selected_block()
        if block is None:
            self.notify("No block to edit: press a to add one.", severity="warning")
            return
        self.push_screen(BlockForm(self.date, list(self.config.categories),
                                   lambda item: self._saved(self.tracker.edit(self.date, block.id, item)), block))

    def _saved(self, block: Block) -> Block:
        self.reload()
        return block

    def action_remove(self) -> None:
        block = self.selected_block()
        if block is None:
            self.notify("No block to remove.", severity="warning")
            return
        if self.write(lambda: self.tracker.remove(self.date, block.id)):
            self.notify(f"Removed {block.start_text}–{block.end_text} {block.title} (u to undo).")

    def action_select(self, step: int) -> None:
        table = self.query_one(PlanTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)), animate=False)

    def action_report(self) -> None:
        self.push_screen(ReportScreen(renderable(self.summary)))

    def action_week(self) -> None:
        from focus.reports import week as week_report
        from focus.core.timeparse import parse_week

        try:
            doc = week_report.document(self.tracker, parse_week("this", self.date))
        except FocusError as exc:
            self.notify(str(exc), severity="error")
            return
        self.push_screen(ReportScreen(week_report.renderable(doc)))

    def action_debrief(self) -> None:
        visits = accounting.visits(self.day_log, self.config, self.clock.now_ms())
        if not visits:
            self.notify("No customer visits today to debrief.", severity="warning")
            return
        self.open_debrief(visits)

    def open_debrief(self, visits: list[Block]) -> None:
        def save(block: Block, raw: dict) -> object:
            event = self.tracker.debrief(self.date, block.id, raw)
            self.reload()
            return event

        self.push_screen(DebriefScreen(visits, dict(self.day_log.debriefs), save, self.config.debrief_questions))

    def _debrief_time(self, now: int) -> None:
        """At debrief.time, or at start-up when it is past: a toast, and the debrief opens for today's
        visits that have none. Once a day per run: skipped visits are not asked again until ``d``."""
        moment = local_ms(self.date, self.config.debrief_time, self.clock.tz)
        if now < moment or self.debrief_asked == self.date:
            return
        self.debrief_asked = self.date
        open_visits = [v for v in accounting.visits(self.day_log, self.config, now) if v.id not in self.day_log.debriefs]
        if open_visits:
            self.notify(f"{len(open_visits)} visit{'s' if len(open_visits) != 1 else ''} to debrief: who did you meet, "
                        "decision maker, budget, next step, next meeting booked?", title="Debrief", timeout=10)
            self.open_debrief(open_visits)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def _template_answered(self, yes: bool | None) -> None:
        if yes:
            blocks = self.write(lambda: self.tracker.template(self.date))
            if blocks:
                self.notify(f"Planned {len(blocks)} blocks from your template.")

    # -- command palette ---------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in KEYS:
            yield SystemCommand(key.description, f"key: {key.shown}", self._runner(key.action))

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.run_action(action)

        return run


def run(tracker: Tracker, paths) -> None:
    """Open the workday screen, with the event sources running in-process."""
    from focus.sources.runner import Runner

    def sources(announce: Callable[[str], None], on_config: Callable) -> Runner:
        return Runner(paths, tracker.config, tracker.clock, announce, holder="the focus TUI", on_config=on_config)

    FocusApp(tracker, watch=paths.db_file, sources=sources).run()
