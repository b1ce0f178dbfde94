"""The week as typed figures (DESIGN §3, §5 "Exports"): the days, the week's totals, the funnel
forecast and the trend. Pure functions of per-day figures; ``focus.store.daycache`` supplies those."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from focus.core.config import Config
from focus.core.debrief import DebriefFigures
from focus.core.figures import Counted, DayFigures, PlanCounts, Seconds, add_counts
from focus.core.timeparse import week_name
from focus.i18n import N_

SCHEMA = "focus.week/1"
HISTORY_WEEKS = 8
MIN_STAGE = 10  # a rate needs at least this many of the earlier stage in the history


class VisitFigures(NamedTuple):
    """Visits made against the targets (4 a day on 3 days a week)."""

    total: int
    visit_days: int
    days_on_target: int
    target_per_day: int
    target_days: int


@dataclass(frozen=True, slots=True)
class WeekTotals(Counted):
    """A span of days together, in the shape of one day (rates recomputed from the sums, not averaged)."""

    seconds: Seconds
    interruptions: dict[str, int]
    email_budget: int
    email_checks_per_work_day: float | None
    days_over_email_budget: int
    email_noticed_by: dict[str, int]
    mail_received: int
    longest_focus_seconds: int
    focus_stretches: int
    focus_min_minutes: int
    plan: PlanCounts
    outcomes: dict[str, int]
    visits: VisitFigures
    work_days: int
    debrief: DebriefFigures

    @property
    def proactive_share(self) -> float | None:
        return self.seconds.proactive_share


class Shortfall(NamedTuple):
    """Why there is no forecast: too few of ``before`` (or none of ``after``) in the history."""

    before: str
    before_count: int
    after: str
    after_count: int


class Forecast(NamedTuple):
    """What the week's activity should bring at the seller's rates, and what a deals target needs.
    ``basis`` and ``text`` are the English of the ``focus.week/1`` document; the fields after them are
    what ``sentence`` words it from in any language."""

    basis: str
    text: str
    rates: dict[str, float] | None = None
    expected: dict[str, float] | None = None
    needed: dict[str, Any] | None = None
    shortfall: Shortfall | None = None  # set when there is no forecast
    fixed: bool = False  # the rates are the config's, not learnt from the history
    chain: tuple[tuple[str, float], ...] = ()  # the first stage's count this week, then what each next brings
    target: float | None = None  # deals a week, when the config sets a target
    more: tuple[int | None, int | None] = (None, None)  # more of the first and the second stage it needs


class Words(NamedTuple):
    """How ``sentence`` says things: a translation, an outcome's name for a number of it, a number."""

    gettext: Callable[[str], str]
    plural: Callable[[str, float], str]
    number: Callable[[float], str]


NO_FORECAST = N_("No forecast: {reason}.")
TOO_LITTLE_HISTORY = N_(
    "too little history for rates: {before_count} {before} and {after_count} {after} in the last {weeks} weeks "
    "(a rate needs {minimum} of the first and 1 of the second)"
)
AT_FIXED_RATES = N_("At fixed in the config rates, {chain}.")
AT_LEARNT_RATES = N_("At your last {weeks} weeks rates, {chain}.")
NEEDED = N_(" {target} {last} need ~{more_first} more {first} this week.")
NEEDED_BOTH = N_(" {target} {last} need ~{more_first} more {first} and ~{more_second} more {second} this week.")


def _english_plural(name: str, _count: float) -> str:
    return f"{name}s"  # whatever the count: the document's text has always said "1 deals"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"


ENGLISH = Words(lambda text: text, _english_plural, _num)


def shortfall_text(short: Shortfall, words: Words = ENGLISH) -> str:
    """Why there is no forecast, in words (in English the document's ``basis``)."""
    _, plural, _number = words
    return _(TOO_LITTLE_HISTORY).format(
        before_count=short.before_count,
        before=plural(short.before, short.before_count),
        after_count=short.after_count,
        after=plural(short.after, short.after_count),
        weeks=HISTORY_WEEKS,
        minimum=MIN_STAGE,
    )


def sentence(f: Forecast, words: Words = ENGLISH) -> str:
    """The forecast in words: in English (the default) the document's ``text``; with other ``words``
    the same sentence in their language."""
    _, plural, number = words
    if f.shortfall is not None:
        return _(NO_FORECAST).format(reason=shortfall_text(f.shortfall, words))
    chain = " → ".join(
        f"{'~' if i else ''}{number(value)} {plural(stage, value)}" for i, (stage, value) in enumerate(f.chain)
    )
    text = _(AT_FIXED_RATES if f.fixed else AT_LEARNT_RATES).format(chain=chain, weeks=HISTORY_WEEKS)
    if f.target:
        stages = [stage for stage, _value in f.chain]
        more_first, more_second = ("None" if n is None else number(n) for n in f.more)
        template = NEEDED_BOTH if f.more[1] is not None else NEEDED
        text += _(template).format(
            target=number(f.target),
            last=plural(stages[-1], f.target),
            more_first=more_first,
            first=plural(stages[0], f.more[0] or 0),
            more_second=more_second,
            second=plural(stages[1], f.more[1] or 0),
        )
    return text


class TrendRow(NamedTuple):
    """One week of the trend table."""

    week: str
    totals: WeekTotals


class VisitAnswers(NamedTuple):
    """A visit of the week and its debrief answers (None when not debriefed)."""

    date: dt.date
    start: str
    title: str
    answers: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """Everything ``focus week`` shows and exports."""

    monday: dt.date
    timezone: str
    seller: str
    days: tuple[DayFigures, ...]  # Monday to Sunday
    totals: WeekTotals
    forecast: Forecast
    trend: tuple[TrendRow, ...] = ()  # oldest first, with --weeks N > 1
    debriefs: tuple[VisitAnswers, ...] | None = None  # only with --with-debrief: the text is the seller's

    @property
    def name(self) -> str:
        return week_name(self.monday)

    @property
    def last_day(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def totals(days: Sequence[DayFigures], config: Config) -> WeekTotals:
    """Days added up: sums of counts and seconds, the longest focus stretch, visits against the targets."""
    work_days = sum(1 for d in days if d.work_day)
    by_kind = add_counts([d.interruptions for d in days])
    visits = [d.visits for d in days]
    return WeekTotals(
        seconds=Seconds.total([d.seconds for d in days]),
        interruptions=by_kind,
        email_budget=config.targets.email_checks_per_day,
        email_checks_per_work_day=round(by_kind.get("email", 0) / work_days, 2) if work_days else None,
        days_over_email_budget=sum(1 for d in days if d.email_over_budget),
        email_noticed_by=add_counts([d.email_noticed_by for d in days]),
        mail_received=sum(d.mail_received for d in days),
        longest_focus_seconds=max((d.longest_focus_seconds for d in days), default=0),
        focus_stretches=sum(d.focus_stretches for d in days),
        focus_min_minutes=config.focus_minutes,
        plan=PlanCounts.total([d.plan for d in days]),
        outcomes=add_counts([dict.fromkeys(config.outcomes, 0)] + [d.outcomes for d in days]),
        visits=VisitFigures(
            total=sum(visits),
            visit_days=sum(1 for n in visits if n),
            days_on_target=sum(1 for n in visits if n >= config.targets.visits_per_day),
            target_per_day=config.targets.visits_per_day,
            target_days=config.targets.visit_days_per_week,
        ),
        work_days=work_days,
        debrief=DebriefFigures.total(d.debrief for d in days),
    )


def rates(history: dict[str, int], config: Config) -> dict[str, float] | Shortfall:
    """Conversion rates between the funnel stages: fixed in the config, or learnt from the
    history's outcomes; the shortfall when the history is too thin to tell."""
    stages = list(config.outcomes)
    if all(stage in config.fixed_rates for stage in stages[1:]):
        return dict(config.fixed_rates)
    learnt: dict[str, float] = {}
    for before, after in zip(stages, stages[1:]):
        if after in config.fixed_rates:
            learnt[after] = config.fixed_rates[after]
            continue
        if history.get(before, 0) < MIN_STAGE or history.get(after, 0) == 0:
            return Shortfall(before, history.get(before, 0), after, history.get(after, 0))
        learnt[after] = history[after] / history[before]
    return learnt


def forecast(this_week: dict[str, int], history: dict[str, int], config: Config) -> Forecast:
    """What this week's activity should bring at the seller's rates, and what a deals target needs."""
    found = rates(history, config)
    if isinstance(found, Shortfall):
        short = Forecast(shortfall_text(found), "", shortfall=found)
        return short._replace(text=sentence(short))
    stages = list(config.outcomes)
    fixed = all(stage in config.fixed_rates for stage in stages[1:])
    expected = {stages[0]: float(this_week.get(stages[0], 0))}
    for before, after in zip(stages, stages[1:]):
        expected[after] = expected[before] * found[after]
    needed = None
    more: tuple[int | None, int | None] = (None, None)
    target = config.deals_per_week
    if target:
        per_call = math.prod(found[s] for s in stages[1:])
        per_meeting = math.prod(found[s] for s in stages[2:]) if len(stages) > 2 else 1.0
        more_calls = max(0, math.ceil(target / per_call - this_week.get(stages[0], 0))) if per_call else None
        more_meetings = (
            max(0, math.ceil(target / per_meeting - this_week.get(stages[1], 0)))
            if len(stages) > 2 and per_meeting
            else None
        )
        more = (more_calls, more_meetings)
        needed = {"target": target, f"more_{stages[0]}s": more_calls, f"more_{stages[1]}s": more_meetings}
    worded = Forecast(
        "fixed in the config" if fixed else f"your last {HISTORY_WEEKS} weeks",
        "",
        {k: round(v, 4) for k, v in found.items()},
        {k: round(v, 2) for k, v in expected.items()},
        needed,
        fixed=fixed,
        chain=tuple(expected.items()),
        target=target or None,
        more=more,
    )
    return worded._replace(text=sentence(worded))


def history_span(weeks: int) -> int:
    """How many weeks before the reported one a week needs: the trend's and the forecast's history."""
    return max(weeks - 1, HISTORY_WEEKS)


def week_figures(
    monday: dt.date,
    days: Sequence[DayFigures],
    config: Config,
    *,
    timezone: str,
    seller: str,
    weeks: int = 1,
    debriefs: tuple[VisitAnswers, ...] | None = None,
) -> WeekFigures:
    """The week of ``monday`` from the figures of its days and the ``history_span(weeks)`` weeks before it
    (oldest first, ending on the week's Sunday); with ``weeks`` > 1 the trend over the last ``weeks``."""
    assert len(days) == 7 * (history_span(weeks) + 1), "days: the week and its history"

    def week_of(n: int) -> Sequence[DayFigures]:  # n weeks back
        return days[len(days) - 7 * (n + 1) : len(days) - 7 * n]

    total = totals(week_of(0), config)
    history = totals([d for n in range(1, HISTORY_WEEKS + 1) for d in week_of(n)], config).outcomes
    trend = (
        tuple(
            TrendRow(week_name(monday - dt.timedelta(weeks=n)), totals(week_of(n), config))
            for n in reversed(range(weeks))
        )
        if weeks > 1
        else ()
    )
    return WeekFigures(
        monday, timezone, seller, tuple(week_of(0)), total, forecast(total.outcomes, history, config), trend, debriefs
    )
