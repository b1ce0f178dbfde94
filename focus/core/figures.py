"""A day's figures as one typed object: what the week, the team table, the day cache and every export
read. Built from the accounting's DaySummary; ``as_dict`` is the ``focus.week/1`` day (the
``focus.day/1`` figures without the blocks), which JSON, CSV, Markdown, HTML and text all show."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal, NamedTuple, Self

from focus.core.accounting import STATES, DaySummary
from focus.core.debrief import DebriefFigures, share

Lived = Literal["lived", "to_come", "before_log"]  # a day lived, not yet lived, before the log began


def whole_seconds(ms: int) -> int:
    """Whole seconds of a duration."""
    return round(ms / 1000)


class Addable:
    """Figures of integer fields that add up field by field (a week's from its days')."""

    __slots__ = ()

    @classmethod
    def total(cls, parts: list[Self]) -> Self:
        return cls(*(sum(getattr(p, f.name) for p in parts) for f in fields(cls)))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Seconds(Addable):
    """Durations in whole seconds: the three classes, tracked, untracked and the work hours."""

    proactive: int = 0
    reactive: int = 0
    neutral: int = 0
    tracked: int = 0
    untracked: int = 0
    work: int = 0

    @property
    def proactive_share(self) -> float | None:
        """Proactive of proactive + reactive (DESIGN §3.4), to four places; None when both are 0."""
        return share(self.proactive, self.proactive + self.reactive)


@dataclass(frozen=True, slots=True)
class PlanCounts(Addable):
    """How many blocks were planned, and how many are in each state."""

    planned: int = 0
    kept: int = 0
    not_kept: int = 0
    not_tracked: int = 0
    running: int = 0
    upcoming: int = 0


class FunnelStep(NamedTuple):
    """One step of the funnel: the share of ``before`` that became ``after`` (None when there was no ``before``)."""

    before: str
    after: str
    rate: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.before, "to": self.after, "rate": self.rate}


def funnel(outcomes: dict[str, int]) -> list[FunnelStep]:
    """Each step's conversion rate, in the outcomes' (funnel) order."""
    stages = list(outcomes)
    return [FunnelStep(a, b, share(outcomes[b], outcomes[a])) for a, b in zip(stages, stages[1:])]


def add_counts(parts: list[dict[str, int]]) -> dict[str, int]:
    """Counts by name, summed; names in the order they first appear."""
    total: dict[str, int] = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total


def per_hour(count: int, tracked_seconds: int) -> float | None:
    """Interruptions per tracked hour, to two places; None when nothing was tracked."""
    return round(count / (tracked_seconds / 3600), 2) if tracked_seconds else None


class Counted:
    """What a day and a span of days derive alike from their interruptions, time and outcomes."""

    __slots__ = ()
    interruptions: dict[str, int]
    seconds: Seconds
    outcomes: dict[str, int]

    @property
    def interruptions_total(self) -> int:
        return sum(self.interruptions.values())

    @property
    def email_checks(self) -> int:
        return self.interruptions.get("email", 0)

    @property
    def interruptions_per_hour(self) -> float | None:
        return per_hour(self.interruptions_total, self.seconds.tracked)

    @property
    def funnel(self) -> list[FunnelStep]:
        return funnel(self.outcomes)


@dataclass(frozen=True, slots=True)
class DayFigures(Counted):
    """One day's figures (durations in whole seconds, shares 0–1)."""

    date: dt.date
    work_day: bool
    seconds: Seconds
    proactive_share: float | None  # of the day's milliseconds, to four places
    interruptions: dict[str, int]  # by kind: the config's kinds first
    email_budget: int
    email_noticed_by: dict[str, int]  # email checks by the source that noticed each first
    mail_received: int
    longest_focus_seconds: int
    focus_stretches: int
    focus_min_minutes: int
    plan: PlanCounts
    outcomes: dict[str, int]  # by name: the config's funnel order first
    visits: int  # visits: blocks of a meeting category begun, tracked or not (as the day counts them)
    titles: tuple[str, ...]  # the planned blocks' titles
    debrief: DebriefFigures
    lived: Lived = "lived"  # set by ``as_lived``: the cache keeps the day as computed

    @property
    def is_lived(self) -> bool:
        return self.lived == "lived"

    @property
    def email_over_budget(self) -> bool:
        return self.email_checks > self.email_budget

    def as_dict(self) -> dict[str, Any]:
        """The ``focus.week/1`` day: the ``focus.day/1`` figures without the blocks, plus visits and titles."""
        return {
            "date": self.date.isoformat(),
            "seconds": asdict(self.seconds),
            "proactive_share": self.proactive_share,
            "interruptions": {
                "total": self.interruptions_total,
                "by_kind": dict(self.interruptions),
                "email_budget": self.email_budget,
                "email_over_budget": self.email_over_budget,
                "email_noticed_by": dict(self.email_noticed_by),
            },
            "mail_received": self.mail_received,
            "focus": {
                "longest_seconds": self.longest_focus_seconds,
                "stretches": self.focus_stretches,
                "min_minutes": self.focus_min_minutes,
            },
            "plan": asdict(self.plan),
            "outcomes": dict(self.outcomes),
            "funnel": [step.as_dict() for step in self.funnel],
            "debrief": self.debrief.as_dict(),
            "work_day": self.work_day,
            "interruptions_per_hour": self.interruptions_per_hour,
            "visits": self.visits,
            "titles": list(self.titles),
            "lived": self.is_lived,
            "not_lived": None if self.is_lived else self.lived,
        }


def plan_counts(summary: DaySummary) -> PlanCounts:
    """How many of the day's blocks are in each state."""
    states = [f.state for f in summary.blocks]
    return PlanCounts(len(states), *(states.count(state) for state in STATES))


def seconds_of(summary: DaySummary) -> Seconds:
    """The day's durations in whole seconds; tracked is the sum of the classes as shown."""
    by_class = {name: whole_seconds(ms) for name, ms in summary.totals.items()}
    return Seconds(
        **by_class,
        tracked=sum(by_class.values()),
        untracked=whole_seconds(summary.untracked),
        work=whole_seconds(summary.work),
    )


def day_figures(summary: DaySummary) -> DayFigures:
    """The typed figures of one day from its summary."""
    return DayFigures(
        date=summary.date,
        work_day=summary.work > 0,
        seconds=seconds_of(summary),
        proactive_share=None if summary.proactive_share is None else round(summary.proactive_share, 4),
        interruptions=dict(summary.interruptions_by_kind),
        email_budget=summary.email_budget,
        email_noticed_by=dict(summary.email_noticed_by),
        mail_received=summary.mail_received,
        longest_focus_seconds=whole_seconds(summary.longest_focus),
        focus_stretches=summary.focus_stretches,
        focus_min_minutes=summary.focus_minutes,
        plan=plan_counts(summary),
        outcomes=dict(summary.outcomes),
        visits=summary.debrief.visits,
        titles=tuple(f.block.title for f in summary.blocks),
        debrief=summary.debrief,
    )


def as_lived(day: DayFigures, today: dt.date, log_begins: dt.date | None) -> DayFigures:
    """The day as the week counts it: a day not yet lived (after ``today``) or before the log begins
    (``log_begins``, None for an empty log) is not a zero day but no work day, with no work hours and
    nothing untracked, and says which it is (``lived``); what was planned or counted on it stays. A lived
    day is returned as it is."""
    if log_begins is not None and log_begins <= day.date <= today:
        return day
    lived: Lived = "to_come" if day.date > today else "before_log"
    return replace(day, work_day=False, seconds=replace(day.seconds, untracked=0, work=0), lived=lived)
