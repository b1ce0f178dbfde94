"""The week's forecast sentence in the language in use, worded from the forecast's fields
(``focus.core.week.sentence``); the ``focus.week/1`` document keeps its English ``text``."""

from __future__ import annotations

from focus.core.week import Forecast, Words, sentence
from focus.i18n import _, pgettext
from focus.reports import names
from focus.reports.local import decimal, swedish


def _outcomes(name: str, count: float) -> str:
    """A built-in outcome's name in Swedish for ``count`` of it (``1 möte``, ``~10 möten``, ``1,5
    möten``); a user's own name as written."""
    if _swedish_number(count) == "1":
        return names.outcome(name)
    plurals = {
        "call": pgettext("outcomes", "calls"),
        "meeting": pgettext("outcomes", "meetings"),
        "quote": pgettext("outcomes", "quotes"),
        "deal": pgettext("outcomes", "deals"),
    }
    return plurals.get(name, name)


def _swedish_number(value: float) -> str:
    """The forecast's numbers with a decimal comma: ``0,2``, ``1,5``, ``12``, ``1 234``."""
    return decimal(value, 0) if value >= 10 else decimal(value, 1).removesuffix(",0")


def forecast_text(forecast: Forecast) -> str:
    """The forecast sentence in the language in use; in English the document's own ``text``."""
    return sentence(forecast, Words(_, _outcomes, _swedish_number)) if swedish() else forecast.text
