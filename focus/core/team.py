"""The team table (``focus team DIR``): one row per seller and week, read from ``focus.week/1``
exports that anyone could have written. Every value is checked here, key by key; a bad file becomes
one "skipped" reason. Pure: reading the folder is ``focus.sources.team_folder``'s job."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from focus.i18n import N_

SCHEMA = "focus.team/2"
WEEK_SCHEMA = "focus.week/1"
WEEK = re.compile(r"[0-9]{4}-W[0-9]{2}", re.ASCII)


class Invalid(ValueError):
    """Why a file is not a usable ``focus.week/1`` document (the text is the skipped reason)."""


# The skipped reasons, in English in the ``focus.team/2`` document; ``focus.reports.team`` words them in
# the language in use from these templates (and the ``what`` a value is not, from WHATS).
NOT_A_DOCUMENT = N_("not a {schema} document (a JSON {kind})")
NO_SCHEMA = N_("not a {schema} document (no schema)")
ANOTHER_SCHEMA = N_("another schema ({schema})")
BAD_NAME = N_("bad {schema} document: totals.outcomes has a bad name")
NO_KEY = N_("bad {schema} document: no {path}")
NOT_WHAT = N_("bad {schema} document: {path} is not {what}")
REASONS = (NOT_A_DOCUMENT, NO_SCHEMA, ANOTHER_SCHEMA, BAD_NAME, NO_KEY, NOT_WHAT)
TEXT, A_WEEK, A_SHARE, A_RATE, AN_OBJECT, A_COUNT = WHATS = (
    N_("text"),
    N_("a week such as 2026-W48"),
    N_("a share (0-1 or null)"),
    N_("a number (>= 0 or null)"),
    N_("an object"),
    N_("a count"),
)


@dataclass(frozen=True, slots=True)
class TeamRow:
    """One seller's week."""

    seller: str
    week: str
    proactive_share: float | None
    email_checks_per_work_day: float | None
    outcomes: dict[str, int]  # by name, as the seller's config calls them
    debriefed_visits: int | None  # None: an export from before the debrief
    visits: int
    visit_days: int
    work_days: int
    file: str = ""


class Skipped(NamedTuple):
    file: str
    reason: str


@dataclass(frozen=True)
class Team:
    """The table: one row per seller and week (newest week first, then seller), the skipped files,
    and the outcome columns (the reader's own outcomes first, then any other name a row has)."""

    rows: tuple[TeamRow, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    outcome_names: tuple[str, ...] = field(default=())


def outcome_columns(rows: Sequence[TeamRow], own: Sequence[str]) -> tuple[str, ...]:
    """The reader's outcome names, then the others the rows have, in the order they first appear."""
    names = list(own)
    for row in rows:
        names += [name for name in row.outcomes if name not in names]
    return tuple(names)


def row_of(doc: Any) -> TeamRow:
    """One table row from a ``focus.week/1`` document, checked key by key; raises Invalid."""
    if not isinstance(doc, dict):
        raise Invalid(NOT_A_DOCUMENT.format(schema=WEEK_SCHEMA, kind=_json_kind(doc)))
    if "schema" not in doc:
        raise Invalid(NO_SCHEMA.format(schema=WEEK_SCHEMA))
    if doc["schema"] != WEEK_SCHEMA:
        raise Invalid(ANOTHER_SCHEMA.format(schema=json.dumps(doc["schema"], ensure_ascii=True)[:60]))
    seller = _take(doc, "seller", is_text, TEXT)
    week = _take(doc, "week", lambda v: isinstance(v, str) and WEEK.fullmatch(v), A_WEEK)
    share = _take(doc, "totals.proactive_share", _is_share, A_SHARE)
    email = _take(doc, "totals.interruptions.email_checks_per_work_day", _is_rate, A_RATE)
    outcomes = _take(doc, "totals.outcomes", lambda v: isinstance(v, dict), AN_OBJECT)
    counts = {_outcome_name(name): _take(doc, f"totals.outcomes.{name}", _is_count, A_COUNT) for name in outcomes}
    debrief = doc["totals"].get("debrief")
    debriefed = debrief.get("debriefed") if isinstance(debrief, dict) else None
    return TeamRow(
        seller=seller,
        week=week,
        proactive_share=share,
        email_checks_per_work_day=email,
        outcomes=counts,
        debriefed_visits=debriefed if _is_count(debriefed) else None,
        visits=_take(doc, "totals.visits.total", _is_count, A_COUNT),
        visit_days=_take(doc, "totals.visits.visit_days", _is_count, A_COUNT),
        work_days=_take(doc, "totals.work_days", _is_count, A_COUNT),
    )


def _outcome_name(name: str) -> str:
    if not (is_text(name) and 0 < len(name) <= 60):
        raise Invalid(BAD_NAME.format(schema=WEEK_SCHEMA))
    return name


def _take(doc: dict[str, Any], path: str, check: Callable[[Any], Any], what: str) -> Any:
    value: Any = doc
    for key in path.split(".", 2) if path.startswith("totals.outcomes.") else path.split("."):
        if not isinstance(value, dict) or key not in value:
            raise Invalid(NO_KEY.format(schema=WEEK_SCHEMA, path=path))
        value = value[key]
    if not check(value):
        raise Invalid(NOT_WHAT.format(schema=WEEK_SCHEMA, path=path, what=what))
    return value


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_rate(value: Any) -> bool:
    return value is None or (
        isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0
    )


def _is_share(value: Any) -> bool:
    return _is_rate(value) and (value is None or value <= 1)


def is_text(value: Any) -> bool:
    """A string that can be printed: no lone surrogates ("\\ud800")."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")
