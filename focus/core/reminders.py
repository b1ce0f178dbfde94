"""Reminders without the screen: which desktop notifications fall due between two instants. Pure.

Three kinds, each turned on or off by ``[notify]``: the debrief at ``debrief.time`` (with the count of the
day's visits that wait for their answers), a block's start and its end (an extended block ends later, and
the block it runs over starts then: at that one's planned start it "waits"), and the day's email checks
going over ``targets.email_checks_per_day``.

Once each: a reminder has a key (the block and the instant, or the day), and the caller passes the keys it
has said. Across a restart nothing is said twice, cheaply: a watch says only what falls due after it
started (``since`` is its start), and an email budget already over at the start is not news.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import NamedTuple

from focus.core.accounting import visits
from focus.core.clock import day_bounds, from_ms, local_ms
from focus.core.config import Config
from focus.core.model import DayLog
from focus.core.timebox import handed_over_by, planned_end, start_moment
from focus.core.timeparse import hhmm, said_clock
from focus.i18n import _, ngettext, pgettext

DEBRIEF, BLOCK_START, BLOCK_END, EMAIL_BUDGET = "debrief", "block-start", "block-end", "email-budget"
BLOCK_WAITS = "block-waits"  # its planned start, while an extended block runs over it
LATE_MS = 15 * 60_000  # a block's start or end said more than this late (the machine slept) is old news


class Reminder(NamedTuple):
    """One notification: ``title`` and ``body`` are plain text and may hold a block's title from
    outside (each output sanitises them its own way)."""

    key: str  # the same thing, the same key: said once
    kind: str  # DEBRIEF, BLOCK_START, BLOCK_END or EMAIL_BUDGET
    at: int  # the instant it fell due
    title: str
    body: str

    @property
    def line(self) -> str:
        """As ``focus watch`` prints it."""
        return _("reminder: {title}: {body}").format(title=self.title, body=self.body)


def due(
    log: DayLog,
    config: Config,
    tz: dt.tzinfo,
    since: int,
    now: int,
    checks_before: int,
    checks: int,
    told: Collection[str] = (),
) -> list[Reminder]:
    """The reminders of ``log``'s day that fell due in (since, now], in time order, without those whose
    key is in ``told``. ``checks_before`` and ``checks``: the day's email checks at ``since`` and at
    ``now`` (the budget reminder is for the check that goes over it, on the day it is made)."""
    found: list[Reminder] = []
    day_start, day_end = day_bounds(log.date, tz)
    if config.notify.blocks:
        for block in log.blocks:
            end = planned_end(block, log)
            category = pgettext("category", block.category)  # a built-in category in the language in use
            what = f"{said_clock(block.start_text)}–{said_clock(hhmm(from_ms(end, tz)))} {category} {block.title}"
            start = start_moment(block, log) if config.auto_start else block.start
            said = [(BLOCK_START, start, _("Block starts"), what), (BLOCK_END, end, _("Block ends"), what)]
            other = handed_over_by(block, log) if start != block.start else None
            if other is not None:  # an extended block runs over its start: it starts when that one ends
                until = said_clock(hhmm(from_ms(start, tz)))
                waits = _("{block} starts at {until}, when {other} ends").format(
                    block=what, until=until, other=other.title
                )
                said.append((BLOCK_WAITS, block.start, _("Block waits"), waits))
            for kind, at, title, body in said:
                if since < at <= now and now - at <= LATE_MS:
                    found.append(Reminder(f"{kind}:{block.id}:{at}", kind, at, title, body))
    debrief_at = local_ms(log.date, config.debrief_time, tz)
    if config.notify.debrief and since < debrief_at <= now < day_end:
        waiting = [v for v in visits(log, config, now) if v.id not in log.debriefs]
        if waiting:
            body = ngettext(
                "{n} visit to debrief: who did you meet, decision maker, budget, next step, next meeting booked?",
                "{n} visits to debrief: who did you meet, decision maker, budget, next step, next meeting booked?",
                len(waiting),
            ).format(n=len(waiting))
            found.append(Reminder(f"{DEBRIEF}:{log.date}", DEBRIEF, debrief_at, _("Debrief"), body))
    budget = config.targets.email_checks_per_day
    if config.notify.email_budget and day_start <= now < day_end and checks_before <= budget < checks:
        body = _("Email check {n} today: over your budget of {budget}.").format(n=checks, budget=budget)
        found.append(Reminder(f"{EMAIL_BUDGET}:{log.date}", EMAIL_BUDGET, now, _("Email budget"), body))
    return sorted((r for r in found if r.key not in told), key=lambda r: r.at)


def next_moment(log: DayLog, config: Config, tz: dt.tzinfo, after: int) -> int:
    """The first instant after ``after`` at which a reminder of ``log``'s day may fall due; the day's
    end (the next midnight) when none is left, so the caller then turns to the new day (``after``
    itself when that has passed too: read the new day now)."""
    moments = [day_bounds(log.date, tz)[1]]
    if config.notify.blocks:
        for block in log.blocks:
            moments += [block.start, start_moment(block, log), planned_end(block, log)]
    if config.notify.debrief:
        moments.append(local_ms(log.date, config.debrief_time, tz))
    return min((at for at in moments if at > after), default=after)
