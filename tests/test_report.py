"""The day and week reports read without colour (one glyph per class), their bars are shares of the
tracked time as printed, and the Markdown report carries what the text report carries."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from rich.text import Text

from focus.core import config
from focus.core.clock import Clock, local_ms, zone
from focus.reports import day as report
from focus.reports import rendering
from focus.store.database import Store
from focus.tracking import Tracker

DAY = "2026-11-24"  # a Tuesday in 2026-W48


def bars(text: str) -> dict[str, str]:
    """The day report's bar per class, from its ``Time`` rows."""
    found = {}
    for line in text.splitlines():
        match = re.search(r"(proactive|reactive|neutral)\s+([█▒░·]{20})\s", line)
        if match:
            found[match[1]] = match[2]
    return found


def busy_day(focus) -> None:
    """Calls 09:00-10:00 with a 6-minute email check, lunch 12:00-12:30, a visit never started."""
    plan = lambda *args: focus("plan", "add", *args, "--date", DAY)  # noqa: E731
    plan("09:00-10:00", "calls", "Ring")
    plan("12:00-12:30", "lunch")
    plan("14:00-15:00", "visits", "Globex")
    focus("start", "1", "--date", DAY, "--at", "9:00")
    focus("log", "email", "--date", DAY, "--at", "9:30", "--minutes", "6")
    focus("stop", "--date", DAY, "--at", "10:00")
    focus("start", "2", "--date", DAY, "--at", "12:00")
    focus("stop", "--date", DAY, "--at", "12:30")


def test_each_class_has_its_own_glyph_without_colour(focus):
    busy_day(focus)
    text = focus("report", DAY).stdout  # not a terminal: no colour
    assert "\x1b[" not in text
    found = bars(text)
    assert found == {
        "proactive": "█" * 12 + "·" * 8,  # 54 of 90 min
        "reactive": "▒" * 1 + "·" * 19,  # 6 of 90: 1.33 cells
        "neutral": "░" * 7 + "·" * 13,
    }  # 30 of 90: 6.67, the leftover cell
    assert sum(len(bar.rstrip("·")) for bar in found.values()) == 20


def test_a_few_seconds_of_email_is_an_empty_bar_not_a_full_one(focus):
    day = dt.date.fromisoformat(DAY)
    with Store(focus.paths.db_file) as store:
        tracker = Tracker(store, config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-24T18:00"))
        start = local_ms(day, dt.time(9), zone("Europe/Stockholm"))
        tracker.log("email", start)
        tracker.back(start + 5_000)
    assert focus.json("report", DAY)["seconds"]["reactive"] == 5
    text = focus("report", DAY).stdout
    assert re.search(r"reactive\s+·{20}\s+0m", text), text
    assert set("".join(bars(text).values())) == {"·"}


def test_bar_cells_are_shares_of_the_printed_minutes():
    minute = 60_000
    assert report.bar_cells({"proactive": 0, "reactive": 5_000, "neutral": 0}, 20) == {
        "proactive": 0,
        "reactive": 0,
        "neutral": 0,
    }
    assert report.bar_cells({"proactive": 0, "reactive": 29_000, "neutral": 29_000}, 40) == {
        "proactive": 0,
        "reactive": 0,
        "neutral": 0,
    }
    # a few seconds next to real work: no cell for them, all cells for the work
    assert report.bar_cells({"proactive": 60 * minute, "reactive": 5_000, "neutral": 0}, 20) == {
        "proactive": 20,
        "reactive": 0,
        "neutral": 0,
    }
    # one third each: largest remainder fills the whole width, no 39 or 41
    assert sum(report.bar_cells({"proactive": minute, "reactive": minute, "neutral": minute}, 40).values()) == 40
    for p, r, n in ((135, 53, 50), (1, 1, 1), (7, 0, 3), (599, 1, 0), (10, 10, 1)):
        cells = report.bar_cells({"proactive": p * minute, "reactive": r * minute, "neutral": n * minute}, 20)
        assert sum(cells.values()) == 20 and all(cells[k] <= 20 * m / (p + r + n) + 1 for k, m in zip(cells, (p, r, n)))


def test_the_bar_keeps_its_colour_on_a_terminal_and_drops_it_under_no_color(monkeypatch):
    bar = report.split_bar({"proactive": 60 * 60_000, "reactive": 30 * 60_000, "neutral": 0}, 20)
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = rendering.as_text(bar, 40, color=True)
    assert "\x1b[32m" in coloured and "\x1b[31m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = rendering.as_text(bar, 40, color=True)
    assert "\x1b[32m" not in plain and "\x1b[31m" not in plain
    assert rendering.as_text(bar, 40).strip() == "█" * 13 + "▒" * 7
    assert rendering.as_text(Text("x", style="red"), 10) == "x\n"


def test_markdown_has_the_plan_line_and_a_dash_for_a_block_not_tracked(focus):
    busy_day(focus)
    text = focus("report", DAY).stdout
    assert "Plan           2 of 3 blocks kept · 1 not tracked" in text
    assert re.search(r"Globex\s+1h00\s+–\s+0\s+not tracked", text)
    markdown = focus("report", DAY, "--format", "md").stdout
    assert "**Plan:** 2 of 3 blocks kept · 1 not tracked  \n" in markdown
    assert "| 14:00–15:00 | visits | Globex | 1h00 | – | 0 | not tracked |" in markdown
    assert "| 09:00–10:00 | calls | Ring | 1h00 | 1h00 | 1 | kept |" in markdown
    assert "1 stretch ≥ 25 min" in markdown  # as the text report words it
    html = focus("report", DAY, "--format", "html").stdout
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    assert "2 of 3 blocks kept · 1 not tracked" in page
    assert re.search(r"Globex\s+1h00\s+–\s+0\s+not tracked", page)
    assert all(glyph in html for glyph in "█▒░")


def test_the_week_bar_reads_without_colour(focus):
    busy_day(focus)
    text = focus("week", "2026-W48").stdout
    assert "\x1b[" not in text
    (line,) = [line for line in text.splitlines() if "of proactive + reactive" in line]
    bar = line.split()[0]
    assert bar == "█" * 24 + "▒" * 3 + "░" * 13  # 54 / 6 / 30 of 90 min in 40 cells
    assert "█ proactive  ▒ reactive  ░ neutral" in line and "proactive 90 % of proactive + reactive" in line


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_an_empty_week_has_an_empty_bar(focus, fmt):
    out = focus("week", "2026-W48", "--format", fmt).stdout
    assert "█" * 2 not in out and "·" * 40 in out
