"""DESIGN §3 rule 11, one check whoever noticed it: an email interruption that starts within
``burst_seconds`` of another email interruption's activity (from any source or key) is the same check.
The check keeps the earliest start and the latest activity, and remembers which sources noticed it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from focus.core.model import Interruption
from focus.i18n import _, ngettext

MINUTE = 60_000
PRESSED = "pressed"  # a key on the screen or a CLI command: the seller said it
PRESSING_SOURCES = frozenset({"tui", "cli"})


def _noticed(source: str, n: int) -> str:
    """``3 noticed by IMAP``: how many checks a source noticed, in the language in use (whose
    adjectives follow the number: ``1 upptäckt``, ``3 upptäckta``)."""
    words = {
        PRESSED: lambda: ngettext("{n} pressed", "{n} pressed", n),
        "imap": lambda: ngettext("{n} noticed by IMAP", "{n} noticed by IMAP", n),
        "maildir": lambda: ngettext("{n} noticed by the Maildir", "{n} noticed by the Maildir", n),
        "activitywatch": lambda: ngettext("{n} noticed by ActivityWatch", "{n} noticed by ActivityWatch", n),
        "inbox": lambda: ngettext("{n} from the inbox", "{n} from the inbox", n),
        "import": lambda: ngettext("{n} imported", "{n} imported", n),
    }
    said = words[source]() if source in words else _("{n} from {source}")
    return said.format(n=n, source=source)


def noticer(source: str) -> str:
    """The name a report gives an event's source: ``pressed`` for a key or a command, else the source."""
    return PRESSED if source in PRESSING_SOURCES else source


def merge(items: Sequence[Interruption], burst_seconds: int, minutes: dict[str, int]) -> list[Interruption]:
    """The interruptions with each burst of email interruptions made one check, in time order.

    A check of several starts at the first one's start and ends at the latest end of its parts (each
    part's own end by rule 2, a "back to work" ending every part that began before it or within the
    burst after it); a lone email
    interruption, and every other kind, is returned as it is."""
    ordered = sorted(items, key=lambda item: (item.start, item.id))
    burst_ms, default_ms = burst_seconds * 1000, minutes.get("email", 5) * MINUTE
    result: list[Interruption] = []
    group: list[Interruption] = []
    latest = 0
    for item in ordered:
        if item.kind != "email":
            result.append(item)
            continue
        activity = max(item.start, item.last_activity or 0)
        if group and item.start <= latest + burst_ms:
            group.append(item)
            latest = max(latest, activity)
        else:
            if group:
                result.append(_one_check(group, default_ms, burst_ms))
            group, latest = [item], activity
    if group:
        result.append(_one_check(group, default_ms, burst_ms))
    result.sort(key=lambda item: (item.start, item.id))
    return result


def _one_check(parts: list[Interruption], default_ms: int, burst_ms: int) -> Interruption:
    first = parts[0]
    noticed = tuple(dict.fromkeys(noticer(part.source) for part in parts))
    if len(parts) == 1:
        return replace(first, noticed_by=noticed)
    backs = [part.back for part in parts if part.back is not None]
    end = max(_own_end(part, backs, default_ms, burst_ms) for part in parts)
    last = max(max(part.start, part.last_activity or 0) for part in parts)
    return replace(
        first,
        end=None,
        until=end,
        back=end if end < first.start + default_ms else None,  # the parts ended sooner than a default check
        last_activity=last,
        noticed_by=noticed,
        parts=tuple(part.id for part in parts),
    )


def _own_end(part: Interruption, backs: list[int], default_ms: int, burst_ms: int) -> int:
    """A part's end by rule 2 before the next interruption cuts it. A "back to work" ends every part
    that began before it, or within the burst after it: a source noticing the reading late (a mail
    program syncs its flags when it leaves the mailbox) does not take the seller back into the check."""
    end = part.end if part.end is not None else max(part.start + default_ms, part.until or 0)
    ending = [back for back in backs if part.start < back + burst_ms]
    return min(end, max(min(ending), part.start)) if ending else end


def noticed_counts(checks: Iterable[Interruption]) -> dict[str, int]:
    """How many email checks each source noticed first (``pressed`` for keys and commands)."""
    return dict(Counter(check.noticed_by[0] if check.noticed_by else noticer(check.source) for check in checks))


def noticed_words(counts: dict[str, int]) -> str:
    """``3 noticed by IMAP, 1 pressed``: the largest first; empty when only keys noticed them."""
    if set(counts) <= {PRESSED}:
        return ""
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ", ".join(_noticed(source, n) for source, n in ordered)
