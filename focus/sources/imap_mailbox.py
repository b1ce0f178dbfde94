"""What changed in an IMAP mailbox between two looks at it: messages read (unread → ``\\Seen``) and
messages that arrived. Pure: the IMAP source (``focus.sources.imap``) looks, this decides.

What is kept of a mailbox between looks (and restarts, in ``source_state``) is its UIDVALIDITY, the
highest UID seen, the UIDs of its unread messages and, where the server has CONDSTORE, its
HIGHESTMODSEQ. A message that leaves the unread set and is there with ``\\Seen`` was read; one that
left because it was deleted was not."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import NamedTuple


class Mailbox(NamedTuple):
    """What the source last knew of one mailbox."""

    uidvalidity: int
    last_uid: int  # the highest UID seen: anything above it is new
    unseen: frozenset[int]  # the UIDs without \Seen
    modseq: int | None = None  # HIGHESTMODSEQ, where the server has CONDSTORE


class Look(NamedTuple):
    """What one look at the mailbox found."""

    uidvalidity: int
    seen: Mapping[int, bool]  # UID → has \Seen, for each message looked at (changed, left the unread, new)
    unseen: frozenset[int] | None  # every unread message now, when the look searched them all
    last_uid: int  # the highest UID in the mailbox now (0 when unknown or empty)
    modseq: int | None = None


class Change(NamedTuple):
    """What a look means: reads (mailbox activity), arrivals (mail received), and what to keep."""

    reads: tuple[int, ...]
    arrivals: tuple[int, ...]
    received: Mailbox  # the arrivals alone taken in: saved with the mail received, before the reads
    after: Mailbox  # everything taken in: saved with the reads (or alone)
    started_over: bool  # the first look, or the server renumbered the mailbox: nothing counted


def compare(before: Mailbox | None, look: Look) -> Change:
    """Which messages were read and which arrived since ``before``. The first look, or one after
    UIDVALIDITY changed, starts over: the mailbox as it is now is what later looks compare with, and
    nothing in it counts as read or received. A message that arrives already read counts as both."""
    unseen_now = look.unseen if look.unseen is not None else frozenset()
    if before is None or before.uidvalidity != look.uidvalidity:
        unseen = (unseen_now | {uid for uid, seen in look.seen.items() if not seen}) - _seen(look.seen)
        after = Mailbox(look.uidvalidity, _highest(look, 0), frozenset(unseen), look.modseq)
        return Change((), (), after, after, started_over=True)
    arrivals = tuple(sorted(uid for uid in look.seen if uid > before.last_uid))
    reads = tuple(sorted(uid for uid, seen in look.seen.items() if seen and (uid in before.unseen or uid in arrivals)))
    base = look.unseen if look.unseen is not None else before.unseen
    unseen = (base | {uid for uid, seen in look.seen.items() if not seen}) - _seen(look.seen)
    modseq = look.modseq if look.modseq is not None else before.modseq
    after = Mailbox(before.uidvalidity, _highest(look, before.last_uid), frozenset(unseen), modseq)
    received = before._replace(last_uid=after.last_uid, unseen=before.unseen | set(arrivals))
    return Change(reads, arrivals, received, after, started_over=False)


def _seen(seen: Mapping[int, bool]) -> set[int]:
    return {uid for uid, flag in seen.items() if flag}


def _highest(look: Look, last_uid: int) -> int:
    return max(last_uid, look.last_uid, *look.seen, *(look.unseen or ()))


# -- kept between runs ---------------------------------------------------------------------------


def uid_set(uids: Iterable[int]) -> str:
    """UIDs as an IMAP sequence set, runs joined: {1, 2, 3, 7} → "1:3,7"."""
    runs: list[list[int]] = []
    for uid in sorted(set(uids)):
        if runs and uid == runs[-1][1] + 1:
            runs[-1][1] = uid
        else:
            runs.append([uid, uid])
    return ",".join(str(a) if a == b else f"{a}:{b}" for a, b in runs)


def parse_uid_set(text: str) -> frozenset[int]:
    """The UIDs of a sequence set written by ``uid_set``; ValueError when it is not one."""
    uids: set[int] = set()
    for part in filter(None, text.split(",")):
        first, _, last = part.partition(":")
        low, high = int(first), int(last or first)
        if not 0 < low <= high:
            raise ValueError(f"bad UID range {part!r}")
        uids.update(range(low, high + 1))
    return frozenset(uids)


def to_text(mailbox: Mailbox) -> str:
    """The mailbox as saved in ``source_state``."""
    data = {"uidvalidity": mailbox.uidvalidity, "last_uid": mailbox.last_uid, "unseen": uid_set(mailbox.unseen)}
    if mailbox.modseq is not None:
        data["modseq"] = mailbox.modseq
    return json.dumps(data, sort_keys=True)


def from_text(text: str | None) -> Mailbox | None:
    """The saved mailbox, or None when nothing (usable) was saved: the source then starts over."""
    if not text:
        return None
    try:
        data = json.loads(text)
        modseq = data.get("modseq")
        return Mailbox(
            int(data["uidvalidity"]),
            int(data["last_uid"]),
            parse_uid_set(str(data["unseen"])),
            None if modseq is None else int(modseq),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
