"""CSV for spreadsheets: one writer for the week and the team table. Every text cell is made safe:
its line breaks are one kind (LF), so the writer quotes the cell and no reader sees a new row start
inside it; and each of its lines that a spreadsheet would run as a formula gets a leading apostrophe.

The numbers follow the language, as its spreadsheets read them: in Swedish a decimal comma, ``SANT`` and
``FALSKT`` and, by default, ``;`` between the fields (Excel with Swedish settings); in English ``.``,
``True`` and ``,``."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from focus.i18n import language

_LINE_BREAK = re.compile("\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")
_FORMULA = re.compile("(?m)^(?=[=+\\-@\t])")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def neutralise(cell: Any) -> Any:
    """A text cell as it may be written: line breaks made LF (which the writer quotes), and every line
    starting like a formula (= + - @ or a tab) prefixed with an apostrophe; other control characters
    become "?" and what is not valid Unicode "?" too. Numbers stay numbers."""
    if not isinstance(cell, str):
        return cell
    one_kind = _LINE_BREAK.sub("\n", cell)
    return _FORMULA.sub("'", _CONTROL.sub("?", one_kind)).encode("utf-8", "replace").decode()


def default_delimiter() -> str:
    """The delimiter when neither ``--delimiter`` nor ``export.csv_delimiter`` says one: ``;`` in Swedish."""
    return ";" if language() == "sv" else ","


SWEDISH_BOOLEANS = {True: "SANT", False: "FALSKT"}  # as Excel and LibreOffice in Swedish read a truth value


def _number(cell: Any, decimal_mark: str) -> Any:
    """A fraction with the language's decimal mark (``0,8058`` in Swedish), a truth value as the Swedish
    spreadsheets write it (``SANT``, ``FALSKT``); everything else as it is."""
    if decimal_mark == ".":
        return cell
    if isinstance(cell, bool):
        return SWEDISH_BOOLEANS[cell]
    return str(cell).replace(".", decimal_mark) if isinstance(cell, float) else cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str) -> str:
    """A header and rows as CSV text, each cell neutralised, each fraction with the language's decimal mark."""
    decimal_mark = "," if language() == "sv" else "."
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(neutralise(cell) for cell in header)
    for row in rows:
        writer.writerow(_number(neutralise(cell), decimal_mark) for cell in row)
    return out.getvalue()
