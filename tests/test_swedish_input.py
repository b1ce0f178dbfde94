"""Swedish dates, times and weeks (issue 12), accepted always beside the English ones: the pure
parsers, then through the CLI (``focus log mejl --date igår --at "kl. 9.30"``, ``focus week "vecka 48"``)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from focus.core.clock import local_ms
from focus.core.errors import FocusError
from focus.core.timeparse import WEEKDAYS, parse_date, parse_range, parse_time, parse_week
from tests.conftest import ZONE
from tests.test_bad_input import assert_user_error

TUESDAY = dt.date(2026, 11, 24)  # the focus fixture's today
SWEDISH_SHORT = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
SWEDISH_LONG = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("idag", TUESDAY),
        ("IDAG", TUESDAY),
        ("i dag", TUESDAY),
        ("igår", dt.date(2026, 11, 23)),
        ("igar", dt.date(2026, 11, 23)),
        ("I  går", dt.date(2026, 11, 23)),
        ("imorgon", dt.date(2026, 11, 25)),
        ("i morgon", dt.date(2026, 11, 25)),
        ("mån", dt.date(2026, 11, 23)),
        ("tis", TUESDAY),
        ("ons", dt.date(2026, 11, 18)),
        ("tor", dt.date(2026, 11, 19)),
        ("fre", dt.date(2026, 11, 20)),
        ("lör", dt.date(2026, 11, 21)),
        ("sön", dt.date(2026, 11, 22)),
        ("Måndag", dt.date(2026, 11, 23)),
        ("torsdag", dt.date(2026, 11, 19)),
        ("SÖNDAG", dt.date(2026, 11, 22)),
        ("lordag", dt.date(2026, 11, 21)),
        ("2026-03-29", dt.date(2026, 3, 29)),
    ],
)
def test_swedish_dates(text, expected):
    assert parse_date(text, TUESDAY) == expected


@pytest.mark.parametrize("today", [TUESDAY + dt.timedelta(days=n) for n in range(7)])
def test_a_swedish_weekday_means_what_the_english_one_does(today):
    for english, short, long in zip(WEEKDAYS, SWEDISH_SHORT, SWEDISH_LONG, strict=True):
        assert parse_date(short, today) == parse_date(long, today) == parse_date(english, today)


@pytest.mark.parametrize("text", ["igårr", "i", "må", "mandagen", "i övermorgon"])
def test_bad_swedish_dates(text):
    with pytest.raises(FocusError, match="bad date"):
        parse_date(text, TUESDAY)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kl. 9", dt.time(9)),
        ("kl 9", dt.time(9)),
        ("kl.9", dt.time(9)),
        ("KL. 9.30", dt.time(9, 30)),
        ("kl 9:30", dt.time(9, 30)),
        ("kl. 17.03", dt.time(17, 3)),
        ("9,30", dt.time(9, 30)),
        ("kl 0", dt.time(0)),
        ("kl. 23.59", dt.time(23, 59)),
    ],
)
def test_swedish_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["kl.", "kl", "kl 24", "kl. 9.5", "9,5", "klockan 9", "kl. 9.30.00", "k 9"])
def test_bad_swedish_times(text):
    with pytest.raises(FocusError, match="bad time"):
        parse_time(text)


def test_a_range_in_swedish_times():
    assert parse_range("kl 9-kl. 10.30") == (dt.time(9), dt.time(10, 30))
    assert parse_range("9,00-10,30") == (dt.time(9), dt.time(10, 30))


W48 = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    ["vecka 48", "Vecka 48", "v48", "V48", "v 48", "v.48", "v. 48", "vecka 48 2026", "v48 2026", "  vecka   48 "],
)
def test_swedish_weeks(text):
    assert parse_week(text, TUESDAY) == W48 == parse_week("2026-W48", TUESDAY)


@pytest.mark.parametrize(
    "text, today, monday",
    [
        ("v53", TUESDAY, dt.date(2026, 12, 28)),  # 2026 has a week 53
        ("v 9", TUESDAY, dt.date(2026, 2, 23)),
        ("v1", dt.date(2026, 12, 30), dt.date(2025, 12, 29)),
        ("v1", dt.date(2027, 1, 1), dt.date(2025, 12, 29)),  # 1 Jan 2027 still lies in 2026-W53
        ("v52", dt.date(2027, 1, 5), dt.date(2027, 12, 27)),  # this ISO year's: the one gone needs its year
        ("v52 2026", dt.date(2027, 1, 5), dt.date(2026, 12, 21)),
        ("vecka 1 2027", TUESDAY, dt.date(2027, 1, 4)),
    ],
)
def test_a_week_without_a_year_is_of_this_iso_year(text, today, monday):
    assert parse_week(text, today) == monday


@pytest.mark.parametrize(
    "text, message",
    [
        ("v53 2027", "bad week 'v53 2027': 2027 has weeks 1 to 52"),
        ("vecka 54", "bad week 'vecka 54': 2026 has weeks 1 to 53"),
        ("v0", "bad week 'v0': 2026 has weeks 1 to 53"),
        ("vecka", "bad week 'vecka': use 2026-W48, this, last"),
        ("vecka 48 26", "bad week 'vecka 48 26': use 2026-W48, this, last"),
        ("v48 9999", "bad week 'v48 9999': focus keeps days from 1971-01-01 to 9998-12-31"),
        ("v1 1970", "bad week 'v1 1970': focus keeps days from 1971-01-01 to 9998-12-31"),
    ],
)
def test_bad_swedish_weeks(text, message):
    with pytest.raises(FocusError) as raised:
        parse_week(text, TUESDAY)
    assert str(raised.value).startswith(message)


# -- through the CLI ---------------------------------------------------------------------------------


def _events(focus, kind: str) -> list[tuple[int, dict]]:
    with sqlite3.connect(focus.paths.db_file) as conn:
        rows = conn.execute("SELECT at, payload FROM events WHERE type = ? ORDER BY at", (kind,)).fetchall()
    return [(at, json.loads(payload)) for at, payload in rows]


def _local(day: dt.date, hour: int, minute: int = 0) -> int:
    from zoneinfo import ZoneInfo

    return local_ms(day, dt.time(hour, minute), ZoneInfo(ZONE))


def test_log_mejl_yesterday_at_kl_9_30_is_an_email_at_09_30_yesterday(focus):
    result = focus("log", "mejl", "--date", "igår", "--at", "kl. 9.30")
    assert result.stdout.startswith("logged email at Mon 23 Nov 09:30")
    assert _events(focus, "interruption") == [
        (_local(dt.date(2026, 11, 23), 9, 30), {"kind": "email", "end": None, "note": ""})
    ]
    report = focus.json("report", "igår")
    assert report["interruptions"]["total"] == 1


def test_a_swedish_weekday_and_time_through_the_cli(focus):
    focus("log", "telefon", "--date", "fre", "--at", "kl 14:05", "--minutes", "5")
    focus("log", "chatt", "--date", "Fredag", "--at", "14,30")
    assert [(at, payload["kind"]) for at, payload in _events(focus, "interruption")] == [
        (_local(dt.date(2026, 11, 20), 14, 5), "phone"),
        (_local(dt.date(2026, 11, 20), 14, 30), "chat"),
    ]


def test_focus_week_vecka_48_is_the_same_week_as_2026_w48(focus):
    focus("plan", "add", "09:00-10:00", "calls", "--date", "2026-11-23")
    focus("count", "samtal", "3", "--date", "mån", "--at", "kl. 9.15")
    iso = focus("week", "2026-W48", "--format", "json").stdout
    assert json.loads(iso)["totals"]["outcomes"]["call"] == 3
    for words in (["vecka 48"], ["vecka", "48"], ["v48"], ["v.48"], ["vecka 48 2026"]):
        assert focus("week", *words, "--format", "json").stdout == iso, words
    assert focus("week", "vecka", "48", "--format", "csv").stdout == focus("week", "2026-W48", "--format", "csv").stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["log", "mejl", "--date", "igårr", "--at", "9"], "bad date 'igårr'"),
        (["log", "mejl", "--at", "kl. 25"], "bad time 'kl. 25'"),
        (["week", "vecka 54"], "bad week 'vecka 54'"),
        (["week", "vecka", "48", "2027", "x"], "bad week 'vecka 48 2027 x'"),
        (["plan", "export", "--week", "v53 2027"], "bad week 'v53 2027': 2027 has weeks 1 to 52"),
    ],
)
def test_bad_swedish_input_is_one_line_and_exit_2(focus, args, message):
    result = focus(*args, ok=False)
    assert assert_user_error(result).startswith(message)
    assert focus.event_count() == 0


@pytest.mark.parametrize(
    "day, english, swedish, utc",
    [
        ("2026-03-29", "2:30", "kl. 2.30", "2026-03-29T01:30"),  # in the spring-forward gap: moved on by it
        ("2026-10-25", "2:30", "kl 2,30", "2026-10-25T00:30"),  # the fall-back hour: its first occurrence
        ("2026-11-24", "0", "kl. 0", "2026-11-23T23:00"),  # midnight
        ("2026-11-24", "23:59", "kl. 23.59", "2026-11-24T22:59"),
    ],
)
def test_dst_and_midnight_read_the_same_in_swedish(focus, day, english, swedish, utc):
    later = "2026-11-25T00:00"  # nothing is tracked ahead of the clock
    focus("log", "other", "--date", day, "--at", english, now=later)
    focus("log", "annat", "--date", day, "--at", swedish, now=later)
    instant = int(dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC).timestamp() * 1000)
    assert _events(focus, "interruption") == [(instant, {"kind": "other", "end": None, "note": ""})] * 2


@pytest.mark.parametrize(
    "text, monday",
    [
        ("förra veckan", dt.date(2026, 11, 16)),
        ("Förra veckan", dt.date(2026, 11, 16)),
        ("forra veckan", dt.date(2026, 11, 16)),
        ("förra", dt.date(2026, 11, 16)),
        ("denna vecka", dt.date(2026, 11, 23)),
        ("den här veckan", dt.date(2026, 11, 23)),
        ("i veckan", dt.date(2026, 11, 23)),
    ],
)
def test_this_and_last_week_in_swedish(text, monday):
    assert parse_week(text, dt.date(2026, 11, 25)) == monday


@pytest.mark.parametrize("text", ["9–10", "09.00–10.00", "9—10"])
def test_a_range_may_be_typed_with_the_en_dash_focus_prints(text):
    assert parse_range(text) == (dt.time(9), dt.time(10))


def test_tors_as_the_week_table_writes_thursday():
    assert parse_date("tors", dt.date(2026, 11, 25)) == dt.date(2026, 11, 19)
