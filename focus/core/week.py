"""The week as numbers (DESIGN §3, §5 "Exports"): per-day figures, week totals, the funnel
forecast and the trend. Pure functions of per-day figures; ``focus.store.daycache`` supplies those."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from focus.core import accounting, debrief
from focus.reports import day as report
from focus.core.accounting import DaySummary
from focus.core.config import Config

SCHEMA = "focus.week/1"
HISTORY_WEEKS = 8
MIN_STAGE = 10   # a rate needs at least this many of the earlier stage in the history


def day_figures(summary: DaySummary, config: Config) -> dict[str, Any]:
    """One day of the week: the ``focus.day/1`` figures without blocks, plus visits and titles."""
    data = report.to_json(summary)
    blocks = data.pop("blocks")
    del data["schema"], data["timezone"]
    hours = data["seconds"]["tracked"] / 3600
    data["work_day"] = summary.work > 0
    data["interruptions_per_hour"] = round(data["interruptions"]["total"] / hours, 2) if hours else None
    data["visits"] = accounting.visits_done(summary, config)
    data["titles"] = [block["title"] for block in blocks]
    return data


def _share(seconds: dict[str, int]) -> float | None:
    denominator = seconds["proactive"] + seconds["reactive"]
    return round(seconds["proactive"] / denominator, 4) if denominator else None


def _sum(dicts: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in dicts:
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total


def totals(days: list[dict[str, Any]], config: Config) -> dict[str, Any]:
    """The week's totals, in the shape of one day (rates recomputed from the sums, not averaged)."""
    seconds = _sum([d["seconds"] for d in days])
    by_kind = _sum([d["interruptions"]["by_kind"] for d in days])
    outcomes = _sum([d["outcomes"] for d in days])
    work_days = sum(1 for d in days if d["work_day"])
    total = sum(by_kind.values())
    hours = seconds["tracked"] / 3600
    budget = config.targets.email_checks_per_day
    visits = [d["visits"] for d in days]
    return {
        "seconds": seconds,
        "proactive_share": _share(seconds),
        "interruptions": {
            "total": total,
            "by_kind": by_kind,
            "email_budget": budget,
            "email_checks_per_work_day": round(by_kind.get("email", 0) / work_days, 2) if work_days else None,
            "days_over_email_budget": sum(1 for d in days if d["interruptions"]["email_over_budget"]),
        },
        "interruptions_per_hour": round(total / hours, 2) if hours else None,
        "mail_received": sum(d.get("mail_received", 0) for d in days),
        "focus": {
            "longest_seconds": max((d["focus"]["longest_seconds"] for d in days), default=0),
            "stretches": sum(d["focus"]["stretches"] for d in days),
            "min_minutes": config.focus_minutes,
        },
        "plan": _sum([d["plan"] for d in days]),
        "outcomes": outcomes,
        "funnel": report.funnel(outcomes),
        "visits": {
            "total": sum(visits),
            "visit_days": sum(1 for n in visits if n),
            "days_on_target": sum(1 for n in visits if n >= config.targets.visits_per_day),
            "target_per_day": config.targets.visits_per_day,
            "target_days": config.targets.visit_days_per_week,
        },
        "work_days": work_days,
        "debrief": debrief.add([d["debrief"] for d in days]),
    }


def rates(history: dict[str, int], config: Config) -> tuple[dict[str, float] | None, str]:
    """Conversion rates between the funnel stages: fixed in the config, or learnt from the
    history's outcomes. None and the reason when the history is too thin to tell."""
    stages = list(config.outcomes)
    if all(stage in config.fixed_rates for stage in stages[1:]):
        return dict(config.fixed_rates), "fixed in the config"
    learnt = {}
    for before, after in zip(stages, stages[1:]):
        if before in config.fixed_rates or after in config.fixed_rates:
            learnt[after] = config.fixed_rates.get(after)
        if learnt.get(after) is None:
            if history.get(before, 0) < MIN_STAGE or history.get(after, 0) == 0:
                return None, (f"too little history for rates: {history.get(before, 0)} {before}s and "
                              f"{history.get(after, 0)} {after}s in the last {HISTORY_WEEKS} weeks "
                              f"(a rate needs {MIN_STAGE} of the first and 1 of the second)")
            learnt[after] = history[after] / history[before]
    return learnt, f"your last {HISTORY_WEEKS} weeks"


def forecast(this_week: dict[str, int], history: dict[str, int], config: Config) -> dict[str, Any]:
    """What this week's activity should bring at the seller's rates, and what a deals target needs."""
    found, basis = rates(history, config)
    stages = list(config.outcomes)
    result: dict[str, Any] = {"basis": basis, "rates": None, "expected": None, "needed": None, "text": basis}
    if found is None:
        result["text"] = f"No forecast: {basis}."
        return result
    expected = {stages[0]: float(this_week.get(stages[0], 0))}
    for before, after in zip(stages, stages[1:]):
        expected[after] = expected[before] * found[after]
    result["rates"] = {k: round(v, 4) for k, v in found.items()}
    result["expected"] = {k: round(v, 2) for k, v in expected.items()}
    chain = " → ".join(f"~{_num(expected[s])} {s}s" if i else f"{this_week.get(s, 0)} {s}s"
                       for i, s in enumerate(stages))
    text = f"At {basis} rates, {chain}."
    target = config.deals_per_week
    if target:
        last = stages[-1]
        per_call = math.prod(found[s] for s in stages[1:])
        per_meeting = math.prod(found[s] for s in stages[2:]) if len(stages) > 2 else 1.0
        more_calls = max(0, math.ceil(target / per_call - this_week.get(stages[0], 0))) if per_call else None
        more_meetings = (max(0, math.ceil(target / per_meeting - this_week.get(stages[1], 0)))
                         if len(stages) > 2 and per_meeting else None)
        result["needed"] = {"target": target, f"more_{stages[0]}s": more_calls, f"more_{stages[1]}s": more_meetings}
        text += (f" {_num(target)} {last}s need ~{more_calls} more {stages[0]}s"
                 + (f" and ~{more_meetings} more {stages[1]}s" if more_meetings is not None else "") + " this week.")
    result["text"] = text
    return result


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"


def trend_row(monday: dt.date, total: dict[str, Any]) -> dict[str, Any]:
    """One week of the trend table."""
    from focus.core.timeparse import week_name

    return {
        "week": week_name(monday),
        "proactive_share": total["proactive_share"],
        "proactive_seconds": total["seconds"]["proactive"],
        "email_checks_per_work_day": total["interruptions"]["email_checks_per_work_day"],
        "interruptions_per_hour": total["interruptions_per_hour"],
        "blocks_kept": total["plan"].get("kept", 0),
        "blocks_planned": total["plan"].get("planned", 0),
        "outcomes": total["outcomes"],
        "visits": total["visits"]["total"],
        "debriefed": total["debrief"]["debriefed"],
    }
