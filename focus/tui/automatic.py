"""What the workday screen does by itself while today is shown: the timebox's automatic starts and
stops (today's go on in the background while another day is shown), the toasts of the day's rules —
a block starts or ends, the email budget is crossed, a session still runs from an earlier day — and
the debrief at ``debrief.time``. The rules are ``focus.core``'s; this is when the screen acts on them."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from focus.core import timebox, workday
from focus.core.accounting import DaySummary
from focus.core.clock import from_ms, local_day
from focus.core.model import Block, DayLog
from focus.core.timeparse import hhmm
from focus.i18n import _, ngettext
from focus.reports import names
from focus.reports.local import clock_time, swedish
from focus.reports.relative import day_and_time, relative
from focus.reports.safe import markup_text
from focus.tui.database import Job

if TYPE_CHECKING:
    from focus.tracking import Tracker
    from focus.tui.workday import WorkdayScreen


class Automatic:
    """The screen's own actions and toasts, each once: what is in flight, what was told, and when."""

    def __init__(self, screen: WorkdayScreen):
        self.screen = screen
        self.last_tick = screen.clock.now_ms()
        self.in_flight: set[str] = set()  # automatic actions asked for and not yet answered
        self.debrief_asked: dt.date | None = None  # the day the debrief last opened by itself
        self.told_running: str | None = None  # the session from an earlier day the screen last told of

    def timebox(self, now: int, shows_today: bool) -> None:
        """Ask for the automatic starts and stops due now (each once while it is in flight): the day
        shown's when it is today, else today's in the background."""
        screen = self.screen
        if not shows_today:
            self.timebox_behind(now)
            return
        assert screen.day_log is not None
        for due in timebox.due_actions(screen.day_log, now):
            if due.key not in self.in_flight:
                self.in_flight.add(due.key)
                screen.ask(
                    Job(
                        partial(lambda d, tracker: tracker.perform(d), due),
                        partial(lambda key, _: self.in_flight.discard(key), due.key),
                    )
                )

    def timebox_behind(self, now: int) -> None:
        """While another day is shown, today's automatic starts and stops still happen (in the worker,
        which reads today for them); the day shown is not read again for it."""
        if "today" not in self.in_flight:
            self.in_flight.add("today")
            today = self.screen.today

            def due_today(tracker: Tracker) -> None:
                for due in timebox.due_actions(tracker.day(today), now):
                    tracker.perform(due)

            self.screen.ask(Job(due_today, lambda _: self.in_flight.discard("today"), read_after=False))

    def tell(self, previous: DaySummary | None, now: int, shows_today: bool) -> None:
        """The toasts since the last tick, and the debrief when it is due (today only; none of the
        block and budget toasts when the app's sources say them)."""
        screen, log = self.screen, self.screen.day_log
        assert log is not None and screen.summary is not None
        last, self.last_tick = self.last_tick, now
        if not shows_today:
            return
        own = not screen.reminders_from_sources
        for what, block in timebox.announcements(log, last, now, screen.config.auto_start) if own else []:
            text, title = announcement(what, block, log, screen.clock.tz)
            screen.notify(text, title=title, timeout=8)
        self.tell_running_since_before_today()
        over = workday.email_budget_crossed(previous, screen.summary)
        if over is not None and own:
            screen.notify(
                _("Email check {n} today: over your budget of {budget}.").format(
                    n=over, budget=screen.summary.email_budget
                ),
                title=_("Email budget"),
                severity="warning",
                timeout=8,
            )
        self.debrief_time(now)

    def tell_running_since_before_today(self) -> None:
        """A session running since an earlier day (left running over a weekend, say) has no block on
        today's plan: say so once, and that space stops it."""
        screen = self.screen
        assert screen.summary is not None
        session = screen.summary.running_session
        if (
            session is None
            or session.start_event == self.told_running
            or local_day(session.start, screen.clock.tz) >= screen.date
        ):
            return
        self.told_running = session.start_event
        since = day_and_time(session.start, screen.clock)
        if swedish():
            since = f"{since} ({relative(session.start, screen.clock.now_ms())})"
        screen.notify(
            _("{category} has been running since {since}: space stops it.").format(
                category=markup_text(names.category(session.category)), since=since
            ),
            title=_("Still running"),
            timeout=10,
        )

    def debrief_time(self, now: int) -> None:
        """At debrief.time, or at start-up when it is past: a toast, and the debrief opens for today's
        visits that have none. Once a day per run: skipped visits are not asked again until ``d``."""
        screen = self.screen
        assert screen.day_log is not None
        visits = workday.debrief_due(screen.day_log, screen.config, screen.clock.tz, now, self.debrief_asked)
        if visits is None:
            return
        self.debrief_asked = screen.date
        if visits and not screen.reminders_from_sources:
            screen.notify(
                ngettext(
                    "{n} visit to debrief: who did you meet, decision maker, budget, next step, next meeting booked?",
                    "{n} visits to debrief: who did you meet, decision maker, budget, next step, next meeting booked?",
                    len(visits),
                ).format(n=len(visits)),
                title=_("Debrief"),
                timeout=10,
            )
        if visits:
            screen.open_debrief(visits)


def announcement(what: str, block: Block, log: DayLog, tz: ZoneInfo) -> tuple[str, str]:
    """A block's start or end as a toast (or its planned start while an extended block runs over it):
    its text and its title."""
    times = f"{clock_time(block.start_text)}–{clock_time(block.end_text)}"
    shown = markup_text(f"{names.category(block.category)} {block.title}")
    other = timebox.handed_over_by(block, log) if what == "waits" else None
    if other is not None:
        until = clock_time(hhmm(from_ms(timebox.planned_end(other, log), tz)))
        text = _("{times} {block} starts at {until}, when {other} ends (n starts it now)")
        return text.format(times=times, block=shown, until=until, other=markup_text(other.title)), _("Block waits")
    if what in ("starts", "waits"):
        return _("{times} {block} starts now").format(times=times, block=shown), _("Block starts")
    return _("{times} {block} ends now").format(times=times, block=shown), _("Block ends")
