"""The date and time forms of DESIGN §5."""

from __future__ import annotations

import datetime as dt

import pytest

from focus.core.errors import FocusError
from focus.core.timeparse import parse_date, parse_range, parse_time

TUESDAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", TUESDAY),
        ("yesterday", dt.date(2026, 11, 23)),
        ("tomorrow", dt.date(2026, 11, 25)),
        ("mon", dt.date(2026, 11, 23)),
        ("tue", TUESDAY),
        ("Wednesday", dt.date(2026, 11, 18)),
        ("sun", dt.date(2026, 11, 22)),
        ("2026-03-29", dt.date(2026, 3, 29)),
    ],
)
def test_dates(text, expected):
    assert parse_date(text, TUESDAY) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9", dt.time(9)),
        ("9:30", dt.time(9, 30)),
        ("09:30", dt.time(9, 30)),
        ("9.30", dt.time(9, 30)),
        ("0", dt.time(0)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24", "9:60", "9:5", "nine", "", "9:30:00", "-1"])
def test_bad_times(text):
    with pytest.raises(FocusError, match="bad time"):
        parse_time(text)


@pytest.mark.parametrize("text", ["someday", "2026-02-30", "26-11-24", "mo"])
def test_bad_dates(text):
    with pytest.raises(FocusError, match="bad date"):
        parse_date(text, TUESDAY)


def test_ranges():
    assert parse_range("9-10.30") == (dt.time(9), dt.time(10, 30))
    with pytest.raises(FocusError, match="crosses midnight"):
        parse_range("23:00-01:00")
    with pytest.raises(FocusError, match="empty"):
        parse_range("9-9")
    with pytest.raises(FocusError, match="START-END"):
        parse_range("0900")
