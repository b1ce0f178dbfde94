"""Numbers, dates and times as the language in use writes them.

English keeps the report's own forms (``72 %``, ``1.5``, ``Tue 24 Nov 2026``, ``09:00``). Swedish writes
a decimal comma and a no-break space between thousands and before ``%`` (``1 234,5``, ``72 %``), its
dates through pendulum's Swedish names (``tis 24 nov``, ``vecka 48``) and its times ``17.03``. pendulum is
imported here, inside the functions that format a Swedish date: it only names the days of dates the
core resolved, and is never loaded on the write path. Durations read the same in both (``2h17``).
"""

from __future__ import annotations

import datetime as dt

from focus.core.clock import Clock, from_ms
from focus.i18n import language

NO_BREAK = "\u00a0"


def swedish() -> bool:
    return language() == "sv"


def decimal(value: float, places: int = 1) -> str:
    """``1.5`` in English; ``1,5`` and ``1 234,5`` (no-break spaces) in Swedish."""
    if not swedish():
        return f"{value:.{places}f}"
    return f"{value:,.{places}f}".replace(",", NO_BREAK).replace(".", ",")


def whole(value: int) -> str:
    """A count: ``1234`` in English (as the reports have always shown it), ``1 234`` in Swedish."""
    return f"{value:,}".replace(",", NO_BREAK) if swedish() else str(value)


def percent(share: float | None) -> str:
    """A share as a whole percentage: ``72 %``, ``72 %`` (a no-break space) in Swedish; ``–`` for none."""
    if share is None:
        return "–"
    return f"{share * 100:.0f}{NO_BREAK if swedish() else ' '}%"


def clock_time(text: str) -> str:
    """A wall-clock ``HH:MM`` as the language writes it: ``17:03``, in Swedish ``17.03``."""
    return text.replace(":", ".") if swedish() else text


def _swedish_day(date: dt.date, pattern: str) -> str:
    import pendulum

    # CLDR abbreviates the Swedish months with a period ("nov."); a Swedish heading writes "24 nov".
    return pendulum.date(date.year, date.month, date.day).format(pattern, locale="sv").replace(".", "")


def day_name(date: dt.date) -> str:
    """``Tue 24 Nov`` in English; ``tis 24 nov`` in Swedish."""
    return _swedish_day(date, "ddd D MMM") if swedish() else f"{date:%a %d %b}"


def day_label(date: dt.date) -> str:
    """A day in a week's table: ``Tue 24`` in English; ``tis 24`` in Swedish."""
    return _swedish_day(date, "ddd D") if swedish() else f"{date:%a %d}"


def week_label(date: dt.date) -> str:
    """The ISO week of ``date``: ``v48`` in English; ``vecka 48`` in Swedish."""
    week = date.isocalendar().week
    return f"vecka {week}" if swedish() else f"v{week}"


def heading(date: dt.date) -> str:
    """``Tue 24 Nov 2026 · v48``; ``tis 24 nov 2026 · vecka 48`` in Swedish."""
    if swedish():
        return f"{_swedish_day(date, 'ddd D MMM YYYY')} · {week_label(date)}"
    return f"{date:%a %d %b %Y} · {week_label(date)}"


def moment(ms: int, clock: Clock) -> str:
    """An instant of a confirmation line: ``10:42`` today and ``Mon 23 Nov 10:42`` another day in
    English; ``kl. 10.42`` and ``2026-11-23 kl. 10.42`` in Swedish (no day names: this is the write
    path, where pendulum is not loaded)."""
    from focus.reports.describe import when

    if not swedish():
        return when(ms, clock)
    at = from_ms(ms, clock.tz)
    time = f"kl. {at.hour:02d}.{at.minute:02d}"
    return time if at.date() == clock.today() else f"{at.date().isoformat()} {time}"
