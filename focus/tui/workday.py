"""The workday screen: it owns the day's state (the log, its summary, the clock's last tick) and the
actions its keys run. Rules come from ``focus.core`` (the screen asks, then draws or writes what they
say); every read and write goes through the screen's database worker (``focus.tui.database``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.messages import Prune
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header

from focus.core import accounting, debrief, timebox, workday
from focus.core.accounting import DaySummary
from focus.core.clock import Clock, from_ms
from focus.core.config import Config
from focus.core.model import Block, DayLog
from focus.core.timeparse import hhmm
from focus.i18n import N_, _
from focus.reports.day import renderable
from focus.reports.describe import describe
from focus.reports.local import clock_time, day_name, heading, swedish
from focus.reports.relative import day_and_time
from focus.reports.safe import markup_text
from focus.tui.automatic import Automatic
from focus.tui.database import Database, Job, JobDone
from focus.tui.days import DayPrompt, day_line, header_mark, planning, stepped, tracking
from focus.tui.entries import EntryList
from focus.tui.keys import workday_bindings, workday_bindings_over
from focus.tui.planning import PlanEditing
from focus.tui.screens import DebriefScreen, HelpScreen, ReportScreen, WeekScreen
from focus.tui.widgets import InterruptionsPanel, NowPanel, OutcomesPanel, PlanTable, TodayPanel

if TYPE_CHECKING:
    from focus.core.week import WeekFigures
    from focus.tracking import Tracker

RELOAD_DELAY = 0.03  # seconds after a change of the database file
EXTENSION_MINUTES = 15  # what + gives the running block


class DatabaseChanged(Message):
    """Another process (or this one) wrote to the database. Bursts collapse into one."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DatabaseChanged)


class WorkdayScreen(Screen[None]):
    """The one main screen. Its keys live here, so modal screens on top do not trigger them."""

    AUTO_FOCUS = None
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # under 24 rows the big digits give way (focus.tcss)
    BINDINGS = workday_bindings()  # in English; each screen made gets them in the language in use
    PANELS = {
        "now": N_("Now"),
        "today": N_("Today"),
        "plan": N_("Plan"),
        "interruptions": N_("Interruptions"),
        "outcomes": N_("Outcomes"),
    }

    def __init__(
        self,
        config: Config,
        clock: Clock,
        open_tracker: Callable[[], Tracker],
        watch: Callable[[Callable[[], object]], Any] | None = None,
        show_clock: bool = True,
    ):
        super().__init__()
        self._bindings = workday_bindings_over(self._bindings)  # the class's were made before the language was chosen
        self.config, self.clock, self.show_clock = config, clock, show_clock
        self.sources_line = ""  # what the event sources are doing, when this screen runs them
        self.db = Database(open_tracker, self.post_message)
        self.start_watcher = watch
        self.watcher: Any = None
        self.today = clock.today()  # the clock's day, as of the last tick
        self.date = self.today  # the day shown: today, or one the seller stepped to
        self.day_log: DayLog | None = None
        self.summary: DaySummary | None = None
        self.ticker: Timer | None = None
        self.reload_timer: Timer | None = None
        self.plan_editing = PlanEditing(self)  # the blocks' form, removal and the day template
        self.automatic = Automatic(self)  # what the screen does by itself: timebox, toasts, the debrief
        self.reminders_from_sources = False  # the app's sources say blocks, the budget and the debrief
        self.entry_list = EntryList(self)  # the day's entries to correct (l)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="top"):
            yield NowPanel(id="now")
            yield TodayPanel(id="today")
        yield PlanTable(id="plan")
        with Horizontal(id="bottom"):
            yield InterruptionsPanel(id="interruptions")
            yield OutcomesPanel(id="outcomes")
        # The Swedish words are longer: at 80 columns the palette's key (listed by ?) leaves its room to ours.
        yield Footer(compact=True, show_command_palette=not swedish())

    # -- life cycle --------------------------------------------------------------------------------

    def on_mount(self) -> None:
        for name, title in self.PANELS.items():
            self.query_one(f"#{name}").border_title = _(title)
        self.run_worker(
            partial(self.db.serve, lambda: self.config),
            thread=True,
            exit_on_error=False,
            name="database",
            group="database",
        )
        self.ticker = self.set_interval(1.0, self.tick)
        self.ask(Job(then=lambda _: self.offer_template()))
        if self.start_watcher is not None:
            self.watcher = self.start_watcher(lambda: self.post_message(DatabaseChanged()))

    async def on_prune(self, _: Prune) -> None:
        # Being taken down (quit): the panels go before this screen does, so stop drawing first.
        if self.ticker is not None:
            self.ticker.stop()
            self.ticker = None

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.db.close()

    def set_config(self, config: Config) -> None:
        """A reloaded config: used from the next job and the next drawing on."""
        self.config = config
        self.reload()

    # -- the database ------------------------------------------------------------------------------

    def ask(self, job: Job) -> None:
        self.db.ask(job, self.date)

    def reload(self) -> None:
        """Read the day shown again."""
        self.ask(Job())

    def write(self, action: Callable[[Tracker], Any], then: Callable[[Any], None] | None = None) -> None:
        """A tracker write in the worker; then the day is read again, and ``then(result)`` runs. A
        FocusError is shown and nothing changes."""
        self.ask(Job(action, then))

    def on_job_done(self, message: JobDone) -> None:
        self.db.answered()
        if message.read is not None and message.read.log.date == self.date:
            self.day_log = message.read.log
            self.recompute()
        if message.error is not None:
            self.notify(markup_text(str(message.error)), severity="error", timeout=6)
        elif message.job.then is not None:
            message.job.then(message.result)

    def on_database_changed(self, _: DatabaseChanged) -> None:
        # The file changes while the writer is still committing: read a moment after the last change.
        if self.reload_timer is not None:
            self.reload_timer.stop()
        self.reload_timer = self.set_timer(RELOAD_DELAY, self.reload)

    # -- time --------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Every second: a new day means a new read (when today was shown, the new today is); a commit
        the watcher missed is read when the worker is free (it checks ``data_version``); the figures are
        recomputed with the new "now"."""
        today = self.clock.today()
        if today != self.today:
            followed, self.today = self.date == self.today, today
            self.show_day(today if followed else self.date)
        elif not self.db.pending:
            self.ask(Job(only_if_changed=True))
        self.recompute()

    def recompute(self) -> None:
        if self.day_log is None or self.ticker is None:
            return  # not read yet, or shutting down
        now = self.clock.now_ms()
        shows_today = self.date == self.today  # the timebox, toasts and the debrief act on today only
        if self.config.auto_start:
            self.automatic.timebox(now, shows_today)
        previous, self.summary = self.summary, accounting.summarize(self.day_log, self.config, self.clock.tz, now)
        self.automatic.tell(previous, now, shows_today)
        self.draw()

    def draw(self) -> None:
        summary, log = self.summary, self.day_log
        assert summary is not None and log is not None
        now = self.clock.now_ms()
        time = day_and_time(now, self.clock)
        shown = heading(self.date)
        if self.date != self.today:
            shown = f"{shown} · {header_mark(self.date, self.today)}"
        sub_title = f"{shown} · {time}" if self.show_clock else shown
        self.app.sub_title = sub_title + (f" · {self.sources_line}" if self.sources_line else "")
        today, title = (
            self.query_one(TodayPanel),
            _(self.PANELS["today"]) if self.date == self.today else day_name(self.date),
        )
        if today.border_title != title:  # titled by the day it shows when that is not today
            today.border_title = title
        view = workday.now_view(summary, log, now)
        if self.date == self.today:
            self.query_one(NowPanel).show(view, self.config.modes, now)
        else:
            self.query_one(NowPanel).show_other_day(day_line(self.date, self.today))
            view = view._replace(block=None)  # no block runs on a day not today: no block targets
        self.query_one(TodayPanel).show(summary)
        self.query_one(PlanTable).show(summary, log, now)
        self.query_one(InterruptionsPanel).show(summary, workday.per_hour(log, self.config, self.clock.tz))
        targets = workday.block_targets(view.block, log, now)
        self.query_one(OutcomesPanel).show(summary, view.block, targets)
        self.entry_list.follow()

    # -- actions (one per key; see keys.py) --------------------------------------------------------

    def ready(self) -> bool:
        """The day has been read: keys that act on it can act."""
        if self.summary is None or self.day_log is None:
            self.notify(_("Still reading the day; try again in a moment."), severity="warning")
            return False
        return True

    def selected_block(self) -> Block | None:
        table = self.query_one(PlanTable)
        if self.summary is None or not self.summary.blocks or table.cursor_row < 0:
            return None
        return self.summary.blocks[min(table.cursor_row, len(self.summary.blocks) - 1)].block

    @tracking
    def action_start_stop(self) -> None:
        if not self.ready():
            return
        assert self.summary is not None and self.day_log is not None
        now = self.clock.now_ms()
        if self.summary.running_session is not None:
            self.write(lambda tracker: tracker.stop(now))
            return
        block = workday.block_to_start(self.day_log, now, self.selected_block())
        if block is None:
            self.notify(_("Nothing planned now: press a to add a block."), severity="warning")
            return
        self.write(lambda tracker: tracker.start(now, block.id))

    @tracking
    def action_next(self) -> None:
        if not self.ready():
            return
        assert self.summary is not None and self.day_log is not None
        now = self.clock.now_ms()
        block = workday.next_block(self.summary, self.day_log, now)
        if block is None:
            self.notify(_("No block after this one today."), severity="warning")
            return
        self.write(lambda tracker: tracker.start(now, block.id))

    @tracking
    def action_interrupt(self, kind: str) -> None:
        now = self.clock.now_ms()
        self.write(lambda tracker: tracker.log(kind, now))

    @tracking
    def action_back(self) -> None:
        if not self.ready():
            return
        assert self.summary is not None
        if self.summary.running_interruption is None:
            self.notify(_("No interruption is running."), severity="warning")
            return
        now = self.clock.now_ms()
        self.write(lambda tracker: tracker.back(now))

    @tracking
    def action_extend(self) -> None:
        if not self.ready():
            return
        assert self.summary is not None and self.day_log is not None
        block = workday.running_block(self.summary, self.day_log)
        if block is None:
            self.notify(_("No block is running to extend."), severity="warning")
            return

        # The new end from the log read now: the day shown may be another by the time it is written.
        end = timebox.planned_end(block, self.day_log) + EXTENSION_MINUTES * 60_000
        until = clock_time(hhmm(from_ms(end, self.clock.tz)))
        title = markup_text(block.title)
        self.write(
            lambda tracker: tracker.extend(block, EXTENSION_MINUTES),
            lambda _result: self.notify(_("{title}: 15 more minutes, until {until}.").format(title=title, until=until)),
        )

    @tracking
    def action_outcome(self, index: int) -> None:
        outcomes = self.config.outcomes
        if index >= len(outcomes):
            self.notify(_("Only {n} outcomes are configured.").format(n=len(outcomes)), severity="warning")
            return
        now = self.clock.now_ms()
        self.write(lambda tracker: tracker.count(outcomes[index], now))

    @tracking
    def action_undo(self) -> None:
        date = self.date  # today's newest: a newer entry of another day (a CLI --date) never blocks it
        self.write(
            lambda tracker: tracker.undo(date),
            lambda event: self.notify(
                _("Undid {what}.").format(what=markup_text(describe(event, self.clock))), title=_("Undo")
            ),
        )

    @planning
    def action_add(self) -> None:
        if self.ready():
            self.plan_editing.add()

    @planning
    def action_edit(self) -> None:
        self.plan_editing.edit(self.selected_block())

    @planning
    def action_remove(self) -> None:
        self.plan_editing.remove(self.selected_block())

    def action_select(self, step: int) -> None:
        table = self.query_one(PlanTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)), animate=False)

    def action_report(self) -> None:
        if self.ready():
            assert self.summary is not None
            self.app.push_screen(ReportScreen(renderable(self.summary)))

    def action_week(self) -> None:
        from focus.core.timeparse import parse_week

        monday = parse_week("this", self.date)

        def show(figures: WeekFigures) -> None:
            self.app.push_screen(WeekScreen(figures, self.clock.today(), self.config.work.days))

        self.ask(Job(lambda tracker: tracker.week(monday), show))

    @tracking
    def action_debrief(self) -> None:
        if not self.ready():
            return
        assert self.day_log is not None
        visits = accounting.visits(self.day_log, self.config, self.clock.now_ms())
        if not visits:
            self.notify(_("No customer visits today to debrief."), severity="warning")
            return
        self.open_debrief(visits)

    def open_debrief(self, visits: list[Block]) -> None:
        date = self.date

        def save(block: Block, raw: dict[str, str]) -> None:
            debrief.check(raw)  # a FocusError stays in the form
            self.write(lambda tracker: tracker.debrief(date, block.id, raw))

        def skip(block: Block) -> None:
            self.write(lambda tracker: tracker.skip_debrief(date, block.id))

        assert self.day_log is not None
        answers = dict(self.day_log.debriefs)
        self.app.push_screen(DebriefScreen(visits, answers, save, self.config.debrief_questions, skip))

    def action_entries(self) -> None:
        if self.ready():
            self.entry_list.show()

    def action_step_day(self, days: int) -> None:
        self.show_day(stepped(self.date, days))

    def action_go_to_day(self) -> None:
        self.app.push_screen(DayPrompt(self.today), lambda date: None if date is None else self.show_day(date))

    def action_show_today(self) -> None:
        self.show_day(self.today)

    def show_day(self, date: dt.date) -> None:
        """Show ``date``: its log is read (one day's range); until it is, keys that need it wait."""
        if date != self.date:
            self.date, self.day_log, self.summary = date, None, None  # the Plan selects its current block
        self.reload()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def offer_template(self) -> None:
        self.plan_editing.offer_template()
