"""Planning rules: a block to plan, its targets, and what makes a plan refused. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from focus.core import aliases
from focus.core.clock import local_ms
from focus.core.config import Config
from focus.core.errors import FocusError
from focus.core.model import Block
from focus.core.text import clean
from focus.core.timeparse import hhmm, said_clock
from focus.i18n import N_, _, pgettext


class PlannedBlock(NamedTuple):
    """A block to plan: local times on one date."""

    date: dt.date
    start: dt.time
    end: dt.time
    category: str
    title: str = ""
    targets: tuple[tuple[str, int], ...] = ()


def parse_targets(words: Iterable[str], outcomes: Sequence[str] = ()) -> tuple[tuple[str, int], ...]:
    """``["call=20", "möte=2"]`` → (("call", 20), ("meeting", 2)): a Swedish name of one of ``outcomes``
    is its canonical name; names are checked on planning."""
    targets = []
    for word in words:
        name, eq, number = word.partition("=")
        number = number.strip()
        if not eq or not (number.isdecimal() and number.isascii()):
            raise FocusError(_("bad target {word}: use OUTCOME=N, e.g. call=20").format(word=repr(word)))
        targets.append((_canonical(name.strip(), outcomes), int(number)))
    return tuple(targets)


def _canonical(name: str, outcomes: Sequence[str]) -> str:
    try:
        return aliases.outcome(name, outcomes)
    except FocusError:
        return name  # check_item says it is no outcome


def check_item(item: PlannedBlock, config: Config) -> None:
    """A title by the one rule for titles, a known category, and targets that are outcomes with a count
    above 0."""
    clean(item.title, N_("the title"))
    config.category(item.category)
    for name, value in item.targets:
        if name not in config.outcomes:
            raise FocusError(
                _("unknown target {name}; targets are outcomes: {outcomes}").format(
                    name=repr(name), outcomes=aliases.known_words(config.outcomes, aliases.OUTCOME_ALIASES, False)
                )
            )
        if value <= 0:
            raise FocusError(_("target {name}={value}: must be above 0").format(name=name, value=value))


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
        item.title or pgettext("category", item.category),  # no title: the category's name (events.block_payload)
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
            _("{start}-{end} on {date} lies in the clock change: it has no length; plan it around the change").format(
                start=said_clock(new.start_text), end=said_clock(new.end_text), date=new.date
            )
        )
    for block in others:
        if new.start < block.end and block.start < new.end:
            raise FocusError(
                _(
                    "{start}-{end} overlaps {other_start}-{other_end} {category} {title} ({id}) on {date}; "
                    "nothing was planned"
                ).format(
                    start=said_clock(new.start_text),
                    end=said_clock(new.end_text),
                    other_start=said_clock(block.start_text),
                    other_end=said_clock(block.end_text),
                    category=pgettext("category", block.category),  # a built-in one in the language in use
                    title=repr(block.title),
                    id=block.id,
                    date=new.date,
                )
            )


def find_block(blocks: Sequence[Block], date: dt.date, ref: str) -> Block:
    """A block of a day by its id, a unique start of its id, or its number in the day's listing."""
    if not ref.strip():
        raise FocusError(_("no block given: use its number or id"), hint=_("see focus plan ls"))
    if ref.isdecimal() and ref.isascii():
        number = int(ref)
        if 1 <= number <= len(blocks):
            return blocks[number - 1]
        raise FocusError(
            _("no block number {ref} on {date} ({n} planned)").format(ref=ref, date=date, n=len(blocks)),
            hint=_("see focus plan ls"),
        )
    matches = [block for block in blocks if block.id == ref] or [b for b in blocks if b.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise FocusError(
            _("block id {ref} is ambiguous on {date}: {ids}").format(
                ref=repr(ref), date=date, ids=", ".join(b.id for b in matches)
            )
        )
    raise FocusError(
        _("no block {ref} on {date}").format(ref=repr(ref), date=date),
        hint=_("see focus plan ls --date {date}").format(date=date),
    )


def from_calendar(block: Block) -> bool:
    """A block the calendar planned (the calendar source or ``focus plan import``)."""
    return block.source == "calendar"
