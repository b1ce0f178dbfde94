"""What a Maildir folder's unread messages were when the Maildir source last looked, and what changed
since: the catch-up after a restart or an inotify queue overflow (events were lost).

Only unread messages are kept (in new/, or in cur/ without S), each by a short digest of its identity
(``maildir.identity``): one that was unread and is now read is mailbox activity; one in new/ that was
not there is mail received. A message that arrived and was read while nobody watched leaves no trace
to tell it from an old one, and is not counted (as the IMAP source without CONDSTORE).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import NamedTuple

MAX_KEPT = 20_000  # unread messages remembered per folder and place; past that, arrivals cannot be told


def identity(name: str) -> str:
    """A message's name without what sync tools and flags change: before ``,U=`` or ``:2,``."""
    return name.split(":2,", 1)[0].split(",U=", 1)[0]


def flags(name: str) -> str:
    """The Maildir flags of a file name (``DFPRST``), empty when it has none."""
    return name.split(":2,", 1)[1] if ":2," in name else ""


def digest(name: str) -> str:
    """Six bytes of a message identity's BLAKE2 digest, in hex: what the saved state keeps."""
    return hashlib.blake2b(identity(name).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()


class Unread(NamedTuple):
    """A folder's unread messages by digest: in new/, and in cur/ without the S flag. ``complete`` is
    False for a state saved from a folder with more unread messages than ``MAX_KEPT``: then an unknown
    message may be an old one, and is not counted as received."""

    new: frozenset[str]
    unseen: frozenset[str]
    complete: bool = True

    def to_text(self) -> str:
        complete = len(self.new) <= MAX_KEPT and len(self.unseen) <= MAX_KEPT and self.complete
        new, unseen = sorted(self.new)[:MAX_KEPT], sorted(self.unseen)[:MAX_KEPT]
        return json.dumps({"new": new, "unseen": unseen} | ({} if complete else {"complete": False}))


def from_text(text: str | None) -> Unread | None:
    """The saved state, or None when there is none (or it is not one: then the scan starts afresh)."""
    try:
        data = json.loads(text) if text else None
        if not data:
            return None
        return Unread(
            frozenset(map(str, data["new"])), frozenset(map(str, data["unseen"])), data.get("complete", True) is True
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def scan(folder: Path) -> tuple[Unread, frozenset[str]]:
    """The folder's unread messages now, and the digests of its read ones (in cur/ with S)."""
    new = frozenset(digest(name) for name in _names(folder / "new"))
    unseen: set[str] = set()
    seen: set[str] = set()
    for name in _names(folder / "cur"):
        (seen if "S" in flags(name) else unseen).add(digest(name))
    return Unread(new, frozenset(unseen)), frozenset(seen)


def changes(before: Unread, after: Unread, read_now: frozenset[str]) -> tuple[int, int]:
    """Between two looks: how many messages were read (unread before, now in cur/ with S, or moved
    from new/ to cur/) and how many arrived (in new/ now, unknown before)."""
    read = len((before.new - after.new) & (read_now | after.unseen)) + len(before.unseen & read_now)
    arrived = len(after.new - before.new - before.unseen) if before.complete else 0
    return read, arrived


def _names(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(folder) if not entry.name.startswith(".")]
    except OSError:
        return []
