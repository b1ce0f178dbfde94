"""The plan as iCalendar (DESIGN §5, exports): ``focus plan export --format ics``.

One VEVENT per planned block, its start and end as UTC instants (``DTSTART:20261124T080000Z``):
the form every calendar (Google, Outlook, Apple, khal) imports alike, with no VTIMEZONE to get
wrong, and exact across DST changes since blocks are stored as instants. A block's UID derives
from its id and date, so importing a later export again updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import icalendar

from focus.core.clock import UTC, from_ms
from focus.core.config import Config
from focus.core.model import Block

PRODID = "-//focus//plan//EN"


def week_dates(monday: dt.date) -> list[dt.date]:
    """Monday to Sunday of the week starting on ``monday``."""
    return [monday + dt.timedelta(days=n) for n in range(7)]


def uid(block: Block) -> str:
    """The stable UID of a block's event: its id and date, ``kqmzxa-2026-11-24@focus``."""
    return f"{block.id}-{block.date.isoformat()}@focus"


def description(block: Block, config: Config) -> str:
    """The event's DESCRIPTION: the category's mode, and the block's targets if it has any."""
    category = config.categories.get(block.category)
    lines = [f"mode: {category.mode if category else 'unknown'}"]
    if block.targets:
        lines.append("targets: " + ", ".join(f"{name}={value}" for name, value in block.targets.items()))
    return "\n".join(lines)


def to_calendar(
    blocks: Iterable[Block], config: Config, stamp_ms: int, extended: Mapping[str, int] | None = None
) -> icalendar.Calendar:
    """A VCALENDAR with one VEVENT per block, times in UTC; ``stamp_ms`` (now) is every DTSTAMP. A block
    in ``extended`` (block id → milliseconds added past its planned end) ends that much later."""
    extended = extended or {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = from_ms(stamp_ms, UTC)
    for block in blocks:
        event = icalendar.Event()
        event.add("uid", uid(block))
        event.add("dtstamp", stamp)
        event.add("dtstart", from_ms(block.start, UTC))
        event.add("dtend", from_ms(block.end + extended.get(block.id, 0), UTC))
        event.add("summary", block.title)
        event.add("categories", [block.category])
        event.add("description", description(block, config))
        calendar.add_component(event)
    return calendar


def export_ics(
    blocks: Iterable[Block], config: Config, stamp_ms: int, extended: Mapping[str, int] | None = None
) -> bytes:
    """The blocks as the bytes of an ``.ics`` file (CRLF lines, folded at 75 octets), each extended
    block ending at its extended end."""
    return bytes(to_calendar(blocks, config, stamp_ms, extended).to_ical())
