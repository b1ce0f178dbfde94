"""Planning rules: a block to plan, its targets, and what makes a plan refused. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from focus.core.clock import local_ms
from focus.core.config import Config
from focus.core.errors import FocusError
from focus.core.model import Block
from focus.core.timeparse import hhmm


class PlannedBlock(NamedTuple):
    """A block to plan: local times on one date."""

    date: dt.date
    start: dt.time
    end: dt.time
    category: str
    title: str = ""
    targets: tuple[tuple[str, int], ...] = ()


def parse_targets(words: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """``["call=20", "meeting=2"]`` → (("call", 20), ("meeting", 2)); names are checked on planning."""
    targets = []
    for word in words:
        name, eq, number = word.partition("=")
        number = number.strip()
        if not eq or not (number.isdecimal() and number.isascii()):
            raise FocusError(f"bad target {word!r}: use OUTCOME=N, e.g. call=20")
        targets.append((name.strip(), int(number)))
    return tuple(targets)


def check_item(item: PlannedBlock, config: Config) -> None:
    """A known category, and targets that are outcomes with a count above 0."""
    config.category(item.category)
    for name, value in item.targets:
        if name not in config.outcomes:
            raise FocusError(f"unknown target {name!r}; targets are outcomes: {', '.join(config.outcomes)}")
        if value <= 0:
            raise FocusError(f"target {name}={value}: must be above 0")


def resolve(item: PlannedBlock, block_id: str, tz: dt.tzinfo, source: str = "cli") -> Block:
    """The block ``item`` plans, its local times resolved to instants (as ``daylog.block_of`` does)."""
    return Block(
        block_id,
        item.date,
        local_ms(item.date, item.start, tz),
        local_ms(item.date, item.end, tz),
        hhmm(item.start),
        hhmm(item.end),
        item.category,
        item.title or item.category,
        dict(item.targets),
        source,
    )


def check(item: PlannedBlock, block_id: str, others: Sequence[Block], config: Config, tz: dt.tzinfo) -> Block:
    """Every planning rule at once: the category and targets, a length, no overlap with ``others``."""
    check_item(item, config)
    block = resolve(item, block_id, tz)
    check_fits(block, others)
    return block


def check_fits(new: Block, others: Sequence[Block]) -> None:
    """A block has a length (not swallowed by a clock change) and overlaps no other block of its day."""
    if new.end <= new.start:
        raise FocusError(
            f"{new.start_text}-{new.end_text} on {new.date} lies in the clock change: "
            "it has no length; plan it around the change"
        )
    for block in others:
        if new.start < block.end and block.start < new.end:
            raise FocusError(
                f"{new.start_text}-{new.end_text} overlaps {block.start_text}-{block.end_text} "
                f"{block.category} {block.title!r} ({block.id}) on {new.date}; nothing was planned"
            )


def find_block(blocks: Sequence[Block], date: dt.date, ref: str) -> Block:
    """A block of a day by its id, a unique start of its id, or its number in the day's listing."""
    if not ref.strip():
        raise FocusError("no block given: use its number or id", hint="see focus plan ls")
    if ref.isdecimal() and ref.isascii():
        number = int(ref)
        if 1 <= number <= len(blocks):
            return blocks[number - 1]
        raise FocusError(f"no block number {ref} on {date} ({len(blocks)} planned)", hint="see focus plan ls")
    matches = [block for block in blocks if block.id == ref] or [b for b in blocks if b.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise FocusError(f"block id {ref!r} is ambiguous on {date}: {', '.join(b.id for b in matches)}")
    raise FocusError(f"no block {ref!r} on {date}", hint=f"see focus plan ls --date {date}")


def from_calendar(block: Block) -> bool:
    """A block the calendar planned (the calendar source or ``focus plan import``)."""
    return block.source == "calendar"
