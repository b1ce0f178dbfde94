"""Instants the core resolved, said as the workday screen says them: relative to the screen's "now"
(``om 12 minuter``, ``för 3 minuter sedan``) and, another day, with the day's name (``mån 23 nov kl.
17.03``). pendulum is imported inside the functions (text for the screen, never the write path), and
"now" is the app's clock, a fixed one in tests."""

from __future__ import annotations

import math

from focus.core.clock import Clock, from_ms
from focus.core.timeparse import hhmm
from focus.i18n import _, language
from focus.reports.describe import when
from focus.reports.local import clock_time, day_name, swedish

# (below this many seconds, the unit said, its length in seconds): an amount is rounded to its unit,
# so 1 h 59 min is "in 2 hours" and 119 s "in 2 minutes", never the floor pendulum would say
UNITS = ((60 * 60, "minutes", 60), (22 * 3600, "hours", 3600), (None, "days", 86400))
FEW_SECONDS = 45


def relative(ms: int, now_ms: int) -> str:
    """``ms`` seen from ``now_ms`` in the language in use, rounded to its unit: ``om 12 minuter``,
    ``för 3 minuter sedan``, ``om några sekunder`` (``in 12 minutes``, ``3 minutes ago``)."""
    seconds = (ms - now_ms) / 1000
    if abs(seconds) < FEW_SECONDS:
        return _("in a few seconds") if seconds > 0 else _("a few seconds ago")
    import pendulum

    unit, amount = rounded(abs(seconds))
    now = pendulum.from_timestamp(now_ms / 1000)
    then = now.add(**{unit: amount if seconds > 0 else -amount})
    return pendulum.format_diff(then.diff(now), is_now=True, absolute=False, locale=language())


def rounded(seconds: float) -> tuple[str, int]:
    """A length of time as the unit it is said in and the nearest whole number of it (at least 1)."""
    unit, length = next((unit, length) for below, unit, length in UNITS if below is None or seconds < below)
    return unit, max(1, math.floor(seconds / length + 0.5))


def day_and_time(ms: int, clock: Clock) -> str:
    """An instant with its day when that is not today: ``10:42`` or ``Mon 23 Nov 10:42`` (as the
    confirmations say it); in Swedish ``kl. 10.42`` or ``mån 23 nov kl. 10.42``."""
    if not swedish():
        return when(ms, clock)
    at = from_ms(ms, clock.tz)
    time = f"kl. {clock_time(hhmm(at))}"
    return time if at.date() == clock.today() else f"{day_name(at.date())} {time}"
