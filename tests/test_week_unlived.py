"""Issue 13 defect 13 in the week's outputs: a day not yet lived, or before the log began, is shown as
such — never as a zero day (0m, 0/6, 0/3, an empty bar). And defect 6 in the week: a visit counts as the
day counts it (a block of a meeting category that has begun, tracked or not)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.conftest import Focus

NOW = "2026-11-24T18:00"  # a Tuesday: Monday is before the log, Wednesday to Sunday are not yet lived


@pytest.fixture
def first_tuesday(focus: Focus) -> Focus:
    """First use on Tuesday 24 Nov (four email checks, one kept hour of calls); three blocks planned
    for Thursday."""
    for hour in ("9", "10", "11", "14"):
        focus("log", "email", "--at", hour, now="2026-11-24T15:00")
    focus("plan", "add", "--date", "2026-11-24", "12:00-13:00", "calls", "Ring", now="2026-11-24T11:00")
    focus("start", "1", "--at", "12:00", now="2026-11-24T15:00")
    focus("stop", "--at", "13:00", now="2026-11-24T15:00")
    for start in ("09:00-10:00", "10:00-11:00", "11:00-12:00"):
        focus("plan", "add", "--date", "2026-11-26", start, "calls", "Ring", now=NOW)
    return focus


def _row(text: str, label: str) -> str:
    """The table's row of ``label`` (the first line that starts with it: the planned titles come later)."""
    return next(line for line in text.splitlines() if line.strip().startswith(label))


def test_the_text_table_shows_unlived_days_as_such(first_tuesday: Focus) -> None:
    text = first_tuesday("week", now=NOW).stdout
    monday, tuesday, thursday = _row(text, "Mon 23"), _row(text, "Tue 24"), _row(text, "Thu 26")
    for row in (monday, thursday):
        assert "0m" not in row and "0/3" not in row and "–" in row
        assert re.fullmatch(r"\s*\w+ \d+( +–)+\s*", row), row
    assert "1h00" in tuesday and "4/3" in tuesday and "1/1" in tuesday  # the day lived, as it was
    assert "– before the log began: Mon 23; not yet lived: Wed 25, Thu 26, Fri 27, Sat 28, Sun 29" in text
    assert "1/4" in _row(text, "week")  # the week's total still counts the blocks planned ahead


def test_the_markdown_table_shows_unlived_days_as_such(first_tuesday: Focus) -> None:
    text = first_tuesday("week", "--format", "md", now=NOW).stdout
    dashes = " | ".join(["–"] * 9)
    assert f"| 2026-11-23 | {dashes} |" in text
    assert f"| 2026-11-26 | {dashes} |" in text
    assert "| 2026-11-24 | 1h00 | 20m | 0m | 7h40 | 75 % | 4 | 1/1 |" in text
    assert "\n\n– before the log began: Mon 23; not yet lived: Wed 25, Thu 26, Fri 27, Sat 28, Sun 29\n" in text


def test_csv_and_json_say_which_days_are_lived(first_tuesday: Focus) -> None:
    rows = list(csv.DictReader(io.StringIO(first_tuesday("week", "--format", "csv", now=NOW).stdout)))
    assert [r["lived"] for r in rows] == ["False", "True", "False", "False", "False", "False", "False", "1"]
    assert [r["not_lived"] for r in rows] == ["before_log", "", *["to_come"] * 5, ""]
    assert rows[3]["blocks_planned"] == "3" and rows[1]["tracked_seconds"] == "4800"  # columns kept
    days = first_tuesday.json("week", now=NOW)["days"]
    assert [d["lived"] for d in days] == [False, True, False, False, False, False, False]
    assert [d["not_lived"] for d in days] == ["before_log", None, *["to_come"] * 5]
    assert days[3]["plan"]["planned"] == 3 and days[1]["interruptions"]["by_kind"]["email"] == 4


def test_the_svg_charts_draw_no_bar_for_an_unlived_day(first_tuesday: Focus) -> None:
    page = first_tuesday("week", "--format", "html", now=NOW).stdout
    charts = page[: page.index("</section>")]
    assert charts.count('class="email"') == 1  # Tuesday's four checks; no empty bar for the other six days
    assert charts.count('class="focus"') == 1
    assert charts.count('class="proactive"') == 1
    labels = re.findall(r'<text class="unlived"[^>]*>([^<]*)</text>', charts)
    assert labels == (["before the log began"] + ["not yet lived"] * 5) * 3  # three charts, six days each
    assert "0 stretches" not in charts and "1 stretch" in charts


def test_a_lived_zero_day_is_still_a_zero_day(focus: Focus) -> None:
    """A past week, used on Monday only: Tuesday to Sunday were lived with nothing tracked."""
    focus("log", "email", "--date", "2026-11-16", "--at", "9", now=NOW)
    text = focus("week", "2026-11-16", now=NOW).stdout
    assert "0m" in _row(text, "Wed 18") and "not yet lived" not in text and "before the log" not in text
    days = focus.json("week", "2026-11-16", now=NOW)["days"]
    assert all(d["lived"] for d in days) and {d["not_lived"] for d in days} == {None}


def test_a_visit_never_tracked_counts_in_the_week_as_in_the_day(focus: Focus) -> None:
    """One visit tracked, one planned and begun but never tracked: the day says visits 2/4, so does the week."""
    day = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", *day, now="2026-11-24T08:00")
    focus("plan", "add", "13:00-14:00", "visits", "Globex", *day, now="2026-11-24T08:00")
    focus("start", "1", "--at", "09:00", now="2026-11-24T11:00")
    focus("stop", "--at", "10:00", now="2026-11-24T11:00")
    assert "visits 2/4" in focus("report", now=NOW).stdout
    week = focus.json("week", now=NOW)
    assert week["days"][1]["visits"] == 2
    assert week["totals"]["visits"]["total"] == 2 and week["totals"]["visits"]["visit_days"] == 1
    text = focus("week", now=NOW).stdout
    assert "Visits      2 on 1 day (target 4 a day on 3 days; 0 days on target)" in text
    assert "on the plan" not in text
