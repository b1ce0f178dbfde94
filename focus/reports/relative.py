"""Instants the core resolved, said as the workday screen says them: relative to the screen's "now"
(``om 12 minuter``, ``för 3 minuter sedan``) and, another day, with the day's name (``mån 23 nov kl.
17.03``). pendulum is imported inside the functions (text for the screen, never the write path), and
"now" is the app's clock, a fixed one in tests."""

from __future__ import annotations

from focus.core.clock import Clock, from_ms
from focus.core.timeparse import hhmm
from focus.i18n import language
from focus.reports.describe import when
from focus.reports.local import clock_time, day_name, swedish


def relative(ms: int, now_ms: int) -> str:
    """``ms`` seen from ``now_ms`` in the language in use: ``om 12 minuter``, ``för 3 minuter sedan``
    (``in 12 minutes``, ``3 minutes ago``)."""
    import pendulum

    then, now = pendulum.from_timestamp(ms / 1000), pendulum.from_timestamp(now_ms / 1000)
    return pendulum.format_diff(then.diff(now), is_now=True, absolute=False, locale=language())


def day_and_time(ms: int, clock: Clock) -> str:
    """An instant with its day when that is not today: ``10:42`` or ``Mon 23 Nov 10:42`` (as the
    confirmations say it); in Swedish ``kl. 10.42`` or ``mån 23 nov kl. 10.42``."""
    if not swedish():
        return when(ms, clock)
    at = from_ms(ms, clock.tz)
    time = f"kl. {clock_time(hhmm(at))}"
    return time if at.date() == clock.today() else f"{day_name(at.date())} {time}"
