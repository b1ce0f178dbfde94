"""Amounts of money as sellers type them, in English and Swedish (issue 12): ``50000``, ``50 000 kr``,
``50k``, ``1.2M``, ``300 tkr``, ``1,2 mkr``, ``50k SEK``, ``€20k`` — a number and, when one was said,
its currency (an ISO code). Pure: no I/O."""

from __future__ import annotations

import re

CURRENCIES = {
    "kr": "SEK",
    "sek": "SEK",
    "€": "EUR",
    "eur": "EUR",
    "$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "nok": "NOK",
    "dkk": "DKK",
}
CODES = tuple(dict.fromkeys(CURRENCIES.values()))
_SCALES = {"k": 1e3, "m": 1e6, "tkr": 1e3, "mkr": 1e6}  # tkr and mkr: thousands and millions of kronor
_WORD = "|".join(re.escape(word) for word in sorted(CURRENCIES, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"^(?P<before>{_WORD})?(?P<number>\d+(?:[.,]\d+)?)(?P<scale>tkr|mkr|k|m)?(?P<after>{_WORD})?$", re.IGNORECASE
)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")  # 50 000, with a space, a no-break or a thin no-break one


def parse_amount(text: str) -> tuple[float, str | None] | None:
    """The amount and its currency code (None when none was said) of a typed amount; None when the
    text is not an amount. A currency is said before or after the number, not two different ones."""
    match = _AMOUNT.match(_SPACES.sub("", text))
    if not match:
        return None
    scale = (match["scale"] or "").lower()
    said = [CURRENCIES[word.lower()] for word in (match["before"], match["after"]) if word]
    if scale.endswith("kr"):
        said.append("SEK")
    if len(set(said)) > 1:
        return None
    amount = round(float(match["number"].replace(",", ".")) * _SCALES.get(scale, 1), 2)
    return amount, (said[0] if said else None)


def amount_text(amount: float, currency: str | None = None) -> str:
    """An amount as it can be typed again: ``1200000``, ``50000 SEK``, ``12.5``."""
    number = f"{amount:.2f}".rstrip("0").rstrip(".")
    return f"{number} {currency}" if currency else number
