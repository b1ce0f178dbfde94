"""The time accounting rules of DESIGN §3 as pure functions of a DayLog and "now". No I/O.

All arithmetic is on UTC instants (epoch ms). Each rule lives in one function, named in its
docstring.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from focus.core.clock import day_bounds, local_ms
from focus.core.config import Config
from focus.core.debrief import DebriefFigures
from focus.core.debrief import figures as debrief_figures
from focus.core.email_checks import merge as merge_checks
from focus.core.email_checks import noticed_counts
from focus.core.model import Block, DayLog, Interruption, Session

MINUTE = 60_000
REACTIVE = "reactive"
CLASSES = ("proactive", "reactive", "neutral")
KEPT_SHARE = 0.8
STATES = ("kept", "not_kept", "not_tracked", "running", "upcoming")
T = TypeVar("T")
Interval = tuple[T, int, int]  # an item with its [start, end) as instants


class Segment(NamedTuple):
    start: int
    end: int
    cls: str


class BlockFigures(NamedTuple):
    block: Block
    planned: int  # ms
    worked: int  # ms
    interruptions: int
    state: str  # one of STATES
    extended: int = 0  # ms added past its planned end (``+``)


@dataclass(frozen=True)
class DaySummary:
    date: dt.date
    timezone: str
    totals: dict[str, int]  # ms per class
    tracked: int
    work: int
    untracked: int
    proactive_share: float | None
    interruptions_by_kind: dict[str, int]
    email_budget: int
    email_noticed_by: dict[str, int]  # email checks by the source that noticed each first (rule 11)
    longest_focus: int
    focus_stretches: int
    focus_minutes: int
    blocks: list[BlockFigures] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    running_session: Session | None = None
    running_interruption: Interruption | None = None
    mail_received: int = 0
    visit_target: int = 0  # visits a day; the screen and the report count the day's ``visits`` against it
    debrief: DebriefFigures = field(default_factory=DebriefFigures)

    @property
    def interruptions(self) -> int:
        return sum(self.interruptions_by_kind.values())


def interruption_end(item: Interruption, next_start: int | None, default_minutes: int) -> int:
    """Rules 2 and 8: an explicit end is kept; otherwise the kind's default duration (or longer, up
    to where a Maildir burst grew it), cut short by the next interruption's start. "Back to work"
    ends either earlier."""
    if item.end is not None:
        end = item.end
    else:
        end = max(item.start + default_minutes * MINUTE, item.until or 0)
        if next_start is not None:
            end = min(end, max(next_start, item.start))
    if item.back is not None:
        end = min(end, max(item.back, item.start))
    return end


def resolve_interruptions(items: Sequence[Interruption], minutes: dict[str, int]) -> list[Interval[Interruption]]:
    """Every interruption with its [start, end) by rule 2, in time order (not yet cut at "now")."""
    ordered = sorted(items, key=lambda item: (item.start, item.id))
    result = []
    later = 0
    for index, item in enumerate(ordered):
        later = max(later, index + 1)
        while later < len(ordered) and ordered[later].start <= item.start:
            later += 1
        next_start = ordered[later].start if later < len(ordered) else None
        result.append((item, item.start, interruption_end(item, next_start, minutes.get(item.kind, 5))))
    return result


def resolve_checks(items: Sequence[Interruption], config: Config) -> list[Interval[Interruption]]:
    """Rule 11, then rule 2: each burst of email interruptions made one check, then every
    interruption with its [start, end), in time order."""
    return resolve_interruptions(
        merge_checks(items, config.burst_seconds, config.interruption_minutes), config.interruption_minutes
    )


def running_interruption(resolved: list[Interval[Interruption]], now: int) -> Interruption | None:
    """The interruption going on at ``now``, if any."""
    return next((item for item, start, end in reversed(resolved) if start <= now < end), None)


def until_now(intervals: list[Interval[T]], now: int) -> list[Interval[T]]:
    """Rule 8: intervals counted up to ``now`` (a running one ends there; a future one is empty)."""
    return [(item, start, min(end, now)) for item, start, end in intervals]


def session_intervals(sessions: Sequence[Session], now: int) -> list[Interval[Session]]:
    """Every session with its [start, end); a running one counts up to ``now`` (rule 8)."""
    return [(s, s.start, min(s.end if s.end is not None else now, now)) for s in sessions]


def classify(
    day: tuple[int, int],
    sessions: list[Interval[Session]],
    interruptions: list[Interval[Interruption]],
    mode_of: dict[str, str],
) -> list[Segment]:
    """Rules 1, 3 and 10: the union of sessions and interruptions, clipped to the day, split into
    segments of one class each. Inside an interruption: reactive; else inside a session: its
    category's mode (the most recently started session wins an overlap). Overlaps count once."""
    day_start, day_end = day
    # (instant, +1 opens / -1 closes, -1 for an interruption or the session's index)
    edges: list[tuple[int, int, int]] = []
    for _, a, b in interruptions:
        a, b = max(a, day_start), min(b, day_end)
        if a < b:
            edges += [(a, 1, -1), (b, -1, -1)]
    for index, (_, a, b) in enumerate(sessions):
        a, b = max(a, day_start), min(b, day_end)
        if a < b:
            edges += [(a, 1, index), (b, -1, index)]
    edges.sort(key=itemgetter(0))
    segments: list[Segment] = []
    interrupted = 0
    running: dict[int, tuple[int, str]] = {}  # session index → (its start, its mode); one sweep in time order
    top = -1  # the running session that started last (the first of those, on a tie)
    open_start, open_end, open_cls = 0, 0, ""  # the segment being extended
    following = [edge[0] for edge in edges[1:]]
    following.append(edges[-1][0] if edges else 0)  # the last edge opens nothing
    for (instant, step, index), end in zip(edges, following):
        if index < 0:
            interrupted += step
        elif step > 0:
            session = sessions[index][0]
            running[index] = (session.start, mode_of.get(session.category, "neutral"))
            if top < 0 or session.start > running[top][0]:
                top = index
        else:
            del running[index]
            if index == top:
                top = max(running, key=lambda i: running[i][0]) if running else -1
        if end <= instant or not (interrupted or running):
            continue
        cls = REACTIVE if interrupted else running[top][1]
        if cls == open_cls and open_end == instant:
            open_end = end
            continue
        if open_cls:
            segments.append(Segment(open_start, open_end, open_cls))
        open_start, open_end, open_cls = instant, end, cls
    if open_cls:
        segments.append(Segment(open_start, open_end, open_cls))
    return segments


def totals(segments: list[Segment]) -> dict[str, int]:
    """Milliseconds of each class."""
    result = dict.fromkeys(CLASSES, 0)
    for segment in segments:
        result[segment.cls] += segment.end - segment.start
    return result


def proactive_share(class_totals: dict[str, int]) -> float | None:
    """Rule 4: proactive / (proactive + reactive); None when there is neither. Neutral counts in neither."""
    denominator = class_totals["proactive"] + class_totals["reactive"]
    return class_totals["proactive"] / denominator if denominator else None


def work_window(date: dt.date, config: Config, tz: ZoneInfo) -> tuple[int, int] | None:
    """The configured work hours of a day as instants; None on a day off."""
    if date.weekday() not in config.work.days:
        return None
    return local_ms(date, config.work.start, tz), local_ms(date, config.work.end, tz)


def untracked(window: tuple[int, int] | None, segments: list[Segment], now: int) -> int:
    """Rule 5: work hours (so far, on today) minus the tracked time within them; 0 on days off."""
    if window is None:
        return 0
    start, end = window[0], min(window[1], now)
    if end <= start:
        return 0
    covered = sum(max(0, min(s.end, end) - max(s.start, start)) for s in segments)
    return end - start - covered


def focus_stretches(segments: list[Segment], min_minutes: int) -> tuple[int, int]:
    """Rule 6: (longest, count of those ≥ min_minutes) over maximal runs of uninterrupted proactive time."""
    runs: list[int] = []
    run_end = None
    for segment in segments:
        if segment.cls != "proactive":
            run_end = None
            continue
        if run_end == segment.start and runs:
            runs[-1] += segment.end - segment.start
        else:
            runs.append(segment.end - segment.start)
        run_end = segment.end
    return max(runs, default=0), sum(1 for run in runs if run >= min_minutes * MINUTE)


def block_figures(
    block: Block, sessions: list[Interval[Session]], interruption_starts: list[int], now: int
) -> BlockFigures:
    """Rule 7: planned vs worked; interruptions that start during its sessions (``interruption_starts``
    sorted); the state.
    Kept when worked ≥ 80 % of planned; a block with no session is not tracked, not zero."""
    own = [(s, a, b) for s, a, b in sessions if s.block_id == block.id]  # the block's (all, when grouped)
    planned = block.end - block.start
    worked = sum(max(0, b - a) for _, a, b in own)
    hits = sum(bisect_left(interruption_starts, b) - bisect_left(interruption_starts, a) for _, a, b in own if a < b)
    if any(s.end is None and s.start <= now for s, _, _ in own):
        state = "running"
    elif not own:
        state = "upcoming" if block.end > now else "not_tracked"
    else:
        state = "kept" if worked >= KEPT_SHARE * planned else "not_kept"
    return BlockFigures(block, planned, worked, hits, state)


def summarize(log: DayLog, config: Config, tz: ZoneInfo, now: int) -> DaySummary:
    """Every figure of the day report (DESIGN §3) from the day's log and "now"."""
    day = day_bounds(log.date, tz)
    categories = {block.id: block.category for block in log.blocks}  # a re-planned block's category counts
    sessions = session_intervals(replanned(log.sessions, categories), now)
    resolved = resolve_checks(log.interruptions, config)
    segments = classify(day, sessions, until_now(resolved, now), config.modes)
    return _summary(log, day, segments, sessions, resolved, config, tz, now)


def summarize_days(logs: dict[dt.date, DayLog], config: Config, tz: ZoneInfo, now: int) -> dict[dt.date, DaySummary]:
    """The summary of each day of a range (the week's and the year's figures) from one pass: each
    interruption resolved once and the whole range classified in one sweep, each day then taking
    its part of the segments (cut at its midnights, as one day's classification would)."""
    if not logs:
        return {}
    interruptions = {item.id: item for log in logs.values() for item in log.interruptions}
    categories = {block.id: block.category for log in logs.values() for block in log.blocks}
    sessions = {_key(s): s for log in logs.values() for s in log.sessions}
    resolved = resolve_checks(list(interruptions.values()), config)
    checks = {item.id: (item, start, end) for item, start, end in resolved}  # a check of several: its first part's id
    intervals = dict(zip(sessions, session_intervals(replanned(list(sessions.values()), categories), now)))
    span = day_bounds(min(logs), tz)[0], day_bounds(max(logs), tz)[1]
    segments = classify(span, list(intervals.values()), until_now(resolved, now), config.modes)
    segment_starts = [segment.start for segment in segments]
    result = {}
    for date, log in logs.items():
        day = day_bounds(date, tz)
        mine = _clipped(segments, segment_starts, day)
        day_sessions = [intervals[_key(s)] for s in log.sessions]
        day_resolved = [checks[item.id] for item in log.interruptions if item.id in checks]
        result[date] = _summary(log, day, mine, day_sessions, day_resolved, config, tz, now)
    return result


def _clipped(segments: list[Segment], starts: list[int], day: tuple[int, int]) -> list[Segment]:
    """The segments of a day: those that overlap it, the first and last cut at its midnights."""
    first = max(0, bisect_left(starts, day[0]) - 1)
    mine = [s for s in segments[first : bisect_left(starts, day[1])] if s.end > day[0]]
    if mine and mine[0].start < day[0]:
        mine[0] = Segment(day[0], mine[0].end, mine[0].cls)
    if mine and mine[-1].end > day[1]:
        mine[-1] = Segment(mine[-1].start, day[1], mine[-1].cls)
    return mine


def replanned(sessions: Sequence[Session], categories: dict[str, str]) -> list[Session]:
    """Sessions with the current category of their block (a block re-planned as another category)."""
    return [
        s
        if s.block_id is None or categories.get(s.block_id, s.category) == s.category
        else replace(s, category=categories[s.block_id])
        for s in sessions
    ]


def _key(session: Session) -> tuple[str | None, str, int, int | None, str]:
    return session.block_id, session.category, session.start, session.end, session.start_event


def _summary(
    log: DayLog,
    day: tuple[int, int],
    segments: list[Segment],
    sessions: list[Interval[Session]],
    resolved: list[Interval[Interruption]],
    config: Config,
    tz: ZoneInfo,
    now: int,
) -> DaySummary:
    """The day's figures from its classified segments, its sessions and interruptions (resolved by
    rule 2, in time order) and its log."""
    class_totals = totals(segments)
    window = work_window(log.date, config, tz)
    longest, stretches = focus_stretches(segments, config.focus_minutes)
    todays = [item for item, _, _ in resolved if day[0] <= item.start < day[1]]
    by_kind = Counter(item.kind for item in todays)
    starts = sorted(item.start for item in log.interruptions)
    by_block: dict[str | None, list[Interval[Session]]] = {}
    for interval in sessions:
        by_block.setdefault(interval[0].block_id, []).append(interval)
    figures = [
        block_figures(block, by_block.get(block.id, []), starts, now)._replace(extended=log.extensions.get(block.id, 0))
        for block in log.blocks
    ]
    outcomes = dict.fromkeys(config.outcomes, 0)
    for outcome in log.outcomes:
        outcomes[outcome.kind] = outcomes.get(outcome.kind, 0) + outcome.count
    return DaySummary(
        date=log.date,
        timezone=tz.key,
        totals=class_totals,
        tracked=sum(class_totals.values()),
        work=(window[1] - window[0]) if window else 0,
        untracked=untracked(window, segments, now),
        proactive_share=proactive_share(class_totals),
        interruptions_by_kind={kind: by_kind.get(kind, 0) for kind in config.interruption_minutes} | dict(by_kind),
        email_budget=config.targets.email_checks_per_day,
        email_noticed_by=noticed_counts(item for item in todays if item.kind == "email"),
        longest_focus=longest,
        focus_stretches=stretches,
        focus_minutes=config.focus_minutes,
        blocks=figures,
        outcomes=outcomes,
        running_session=next((s for s, _, _ in sessions if s.end is None and s.start <= now), None),
        running_interruption=running_interruption(resolved, now),
        mail_received=log.mail_received,
        visit_target=config.targets.visits_per_day,
        debrief=debrief_figures(visits(log, config, now), log.debriefs),
    )


def visits(log: DayLog, config: Config, now: int) -> list[Block]:
    """The day's customer visits so far, the one rule the screen's and the day report's "visits 2/4", the
    week's visits and the debrief count by: blocks of a meeting category that have begun, tracked or not
    (a visit not tracked is not "not made": it still gets its debrief)."""
    return [block for block in log.blocks if block.category in config.meetings and block.start <= now]
