"""ActivityWatch's data as mailbox activity: a mail window active for at least ``min_seconds`` while the
user is not AFK (the window watcher's events intersected with the AFK watcher's not-afk events) is one
visit, noticed at the moment it began. Pure: the shell (``focus.sources.activitywatch``) fetches the
JSON, this reads it. Times are epoch milliseconds."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any, NamedTuple

from focus.core.mail_windows import MailMatcher
from focus.core.text import visible

WINDOW_TYPE = "currentwindow"
AFK_TYPE = "afkstatus"
MERGE_GAP_MS = 2_000  # mail windows this close are one visit (the watcher polls every second)
SETTLE_MS = 10 * 60_000  # a short visit this old is judged on what is known, even without AFK data after it


class Span(NamedTuple):
    start: int
    end: int


class WindowEvent(NamedTuple):
    start: int
    end: int
    app: str
    title: str


class Visit(NamedTuple):
    """Mail windows one after another: from ``start`` to ``end``, called ``label``."""

    start: int
    end: int
    label: str


class Noticed(NamedTuple):
    """A visit that counts: ``at`` is when the user, present, began it."""

    at: int
    start: int
    label: str


class Judgement(NamedTuple):
    noticed: list[Noticed]
    done: int  # every visit that began before this is judged (counted or not); the next poll starts here


class Presence(NamedTuple):
    """The AFK watcher's word: when the user was there, and how far its data reaches."""

    present: list[Span]
    frontier: int


class Buckets(NamedTuple):
    window: str | None
    afk: str | None
    note: str  # which host was chosen among several, or that there is no AFK watcher; empty otherwise


def parse_time(value: Any) -> int | None:
    """An ActivityWatch timestamp (ISO 8601 with a zone: "2026-11-24T09:00:00.123000+00:00", "…Z") as
    epoch ms, None when it is not one."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value.strip()
    if "." in text:  # aw-server-rust writes nanoseconds; Python reads up to microseconds
        head, _, tail = text.partition(".")
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[: min(digits, 6)]}{tail[digits:]}" if digits else head + tail
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return int(moment.timestamp() * 1000)


def iso(ms: int) -> str:
    """Epoch ms as the UTC ISO time ActivityWatch's ``start`` and ``end`` take."""
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).isoformat()


def _span(item: Any) -> tuple[int, int, dict[str, Any]] | None:
    if not isinstance(item, dict):
        return None
    start, duration, data = parse_time(item.get("timestamp")), item.get("duration"), item.get("data")
    if start is None or not isinstance(data, dict) or isinstance(duration, bool):
        return None
    if not isinstance(duration, int | float):
        return None
    if not math.isfinite(duration) or not 0 <= duration < 7 * 86_400:
        return None
    return start, start + round(duration * 1000), data


def window_events(value: Any) -> tuple[list[WindowEvent], int]:
    """The window watcher's events in time order, and how many were not events at all (skipped).
    A ValueError when ``value`` is not a list."""
    if not isinstance(value, list):
        raise ValueError("the events are not a list")
    found, skipped = [], 0
    for item in value:
        span = _span(item)
        app, title = (span[2].get("app", ""), span[2].get("title", "")) if span else ("", "")
        if span is None or not isinstance(app, str) or not isinstance(title, str):
            skipped += 1
            continue
        found.append(WindowEvent(span[0], span[1], app, title))
    return sorted(found), skipped


def presence(value: Any) -> tuple[Presence, int]:
    """The AFK watcher's events as the spans the user was there (not-afk, less any afk overlapping it),
    and how many items were skipped. A ValueError when ``value`` is not a list."""
    if not isinstance(value, list):
        raise ValueError("the events are not a list")
    here: list[Span] = []
    away: list[Span] = []
    frontier = skipped = 0
    for item in value:
        span = _span(item)
        status = span[2].get("status") if span else None
        if span is None or status not in ("afk", "not-afk"):
            skipped += 1
            continue
        (here if status == "not-afk" else away).append(Span(span[0], span[1]))
        frontier = max(frontier, span[1])
    return Presence(_subtract(_merge(here), _merge(away)), frontier), skipped


def _merge(spans: Iterable[Span], gap: int = 0) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start - merged[-1].end <= gap:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _subtract(spans: list[Span], holes: list[Span]) -> list[Span]:
    result = []
    for span in spans:
        pieces = [span]
        for hole in holes:
            pieces = [
                piece
                for part in pieces
                for piece in (Span(part.start, min(part.end, hole.start)), Span(max(part.start, hole.end), part.end))
                if piece.end > piece.start
            ]
        result.extend(pieces)
    return result


def visits(events: list[WindowEvent], matcher: MailMatcher) -> list[Visit]:
    """The mail windows of ``events`` (in time order), those within ``MERGE_GAP_MS`` of each other as one."""
    found: list[Visit] = []
    for event in events:
        label = matcher.label(event.app, event.title)
        if label is None:
            continue
        if found and event.start - found[-1].end <= MERGE_GAP_MS:
            found[-1] = found[-1]._replace(end=max(found[-1].end, event.end))
        else:
            found.append(Visit(event.start, event.end, label))
    return found


def _present(visit: Visit, here: Presence | None) -> tuple[int, int]:
    """When in ``visit`` the user was first there, and for how long in all (ms)."""
    if here is None:  # no AFK watcher: the window alone decides
        return visit.start, visit.end - visit.start
    first, total = visit.start, 0
    for span in here.present:
        start, end = max(span.start, visit.start), min(span.end, visit.end)
        if end > start:
            first = start if total == 0 else first
            total += end - start
    return first, total


def judge(found: list[Visit], here: Presence | None, done: int, frontier: int, now: int, min_ms: int) -> Judgement:
    """Which visits that began at or after ``done`` count. A visit counts once the user was there for
    ``min_ms`` of it; a shorter one is let go once it is over (a later window began, and the AFK data
    reaches past it) or ``SETTLE_MS`` old; one that may still grow waits, and ``done`` stops at it.
    ``frontier``: how far the window events reach."""
    noticed = []
    for visit in found:
        if visit.start < done:
            continue  # judged by an earlier poll (or still going on since then)
        first, total = _present(visit, here)
        if total >= min_ms:
            noticed.append(Noticed(first, visit.start, visit.label))
            continue
        over = visit.end < frontier and (here is None or here.frontier >= visit.end)
        if not over and now - visit.end <= SETTLE_MS:
            return Judgement(noticed, visit.start)
    return Judgement(noticed, max(done, min(frontier, now)))


def choose_buckets(value: Any, hostname: str) -> Buckets:
    """The window and AFK watchers' buckets among ``GET /api/0/buckets/``: by type, this host's when it
    has one, else the one updated last (and the note says which host was read). A ValueError when
    ``value`` is not the buckets' table."""
    if not isinstance(value, dict):
        raise ValueError("the buckets are not a JSON object")
    by_type: dict[str, list[tuple[str, str, str]]] = {WINDOW_TYPE: [], AFK_TYPE: []}
    for key, bucket in value.items():
        if isinstance(bucket, dict) and isinstance(bucket.get("type"), str) and bucket["type"] in by_type:
            host, updated = bucket.get("hostname"), bucket.get("last_updated")
            by_type[bucket["type"]].append(
                (
                    str(key),
                    visible(host, 40) if isinstance(host, str) else "",
                    updated if isinstance(updated, str) else "",
                )
            )
    windows = by_type[WINDOW_TYPE]
    if not windows:
        return Buckets(None, None, "")
    window = _pick(windows, hostname)
    notes = []
    hosts = sorted({host for _, host, _ in windows})
    if len(windows) > 1 and window[1].lower() != hostname.lower():
        notes.append(
            f"{len(hosts)} hosts have a window watcher ({', '.join(hosts)}): reading {window[1]}'s, updated last"
        )
    afks = by_type[AFK_TYPE]
    afk = _pick(afks, window[1]) if afks else None
    if afk is None:
        notes.append("no AFK watcher: a mail window counts whenever it is active")
    return Buckets(window[0], afk[0] if afk else None, "; ".join(notes))


def _pick(candidates: list[tuple[str, str, str]], hostname: str) -> tuple[str, str, str]:
    own = [bucket for bucket in candidates if bucket[1].lower() == hostname.lower()]
    return max(own or candidates, key=lambda bucket: (parse_time(bucket[2]) or 0, bucket[0]))
