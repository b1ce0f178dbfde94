"""Every text that came from outside is shown as text in every surface (focus.reports.safe): no
escape sequence reaches the terminal (plan ls, report, week, watch, the workday screen), no Markdown
or HTML comes alive in a Markdown export, and no CSV reader sees a new row or a formula in a cell.

The hostile titles are planted straight into the log, as an older focus (before the border checks)
or another program writing the file could have left them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import sys
from pathlib import Path

import pytest

from focus.core import events, ids
from focus.core.clock import Clock
from focus.core.model import Event
from focus.reports.csvfile import csv_text
from focus.reports.safe import markdown_text, markup_text, terminal_text
from focus.store.database import Store
from focus.store.paths import Paths
from tests.source_helpers import wait_until
from tests.tui_helpers import make_app, make_tracker, settle

DAY = "2026-11-24"
OSC = "Customer visit \x1b]2;PWNED\x07"  # sets the terminal's (tmux pane's) title when printed raw
CSV_CR = "Q4\r=cmd|' /C calc'!A0"
MARKDOWN = "<script>alert(1)</script> [x](javascript:alert(1))\n# Heading | cell"
ESCAPES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def plant(db, title: str, start: str, end: str, category: str = "visits", day: str = DAY) -> str:
    """A block with ``title`` written into the log as it is, past the border checks."""
    block_id = ids.block_id()
    payload = events.block_payload(block_id, dt.date.fromisoformat(day), start, end, category, title, {})
    at = Clock.fixed("Europe/Stockholm", f"{day}T08:00").now_ms()
    with Store(db) as store:
        store.append(
            Event(ids.event_id(at), at, "Europe/Stockholm", day, events.BLOCK, dict(payload), "cli", "t", block_id)
        )
    return block_id


@pytest.fixture
def hostile(focus):
    db = focus.paths.db_file
    focus("plan", "add", "08:00-08:30", "calls", "Ring", "--date", DAY)  # creates the database
    plant(db, OSC, "09:00", "10:00")
    plant(db, CSV_CR, "10:00", "11:00", "quotes", day="2026-11-25")  # the only title that day
    plant(db, MARKDOWN, "13:00", "14:00")
    plant(db, "[bold]not bold[/] \\", "14:00", "15:00", "calls")
    return focus


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "ls", "--date", DAY),
        ("report", DAY),
        ("week", "2026-W48"),
        ("debrief", DAY, "--format", "md"),
    ],
)
def test_no_escape_sequence_reaches_the_terminal(hostile, args):
    out = hostile(*args).stdout
    assert not ESCAPES.search(out), repr(ESCAPES.search(out))
    assert "PWNED" in out  # shown, as text


def test_a_title_is_shown_as_written_not_as_markup(hostile):
    assert "[bold]not bold[/]" in hostile("report", DAY).stdout


def test_markdown_exports_keep_titles_and_answers_inert(hostile):
    tracker = make_tracker(hostile.paths.data_dir, f"{DAY}T17:03")
    visit = next(b for b in tracker.day(dt.date.fromisoformat(DAY)).blocks if b.title == OSC)
    answers = {
        "who": "<img src=x onerror=alert(1)>",
        "decision_maker": "yes",
        "budget": "0",
        "next_step": "[click](javascript:alert(1)) *now*",
        "booked": "yes",
    }
    tracker.debrief(visit.date, visit.id, answers)
    tracker.store.close()
    for args in (("report", DAY, "--format", "md"), ("debrief", DAY, "--format", "md")):
        out = hostile(*args).stdout
        assert "<script>" not in out and "&lt;script&gt;" in out
        assert "[x](javascript:" not in out and "\\[x\\](javascript:" in out
        assert not any(line.startswith("# Heading") for line in out.splitlines())
    table = [line for line in hostile("report", DAY, "--format", "md").stdout.splitlines() if "script" in line]
    (row,) = table
    assert len(re.findall(r"(?<!\\)\|", row)) == 8  # seven cells: the title's pipe is escaped


def test_the_week_markdown_escapes_pipes_once_and_makes_newlines_spaces(hostile):
    out = hostile("week", "2026-W48", "--format", "md").stdout
    (line,) = [line for line in out.splitlines() if "script" in line]
    assert "\\\\|" not in line and "\\| cell" in line
    assert "\\n" not in line


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_carriage_return_cannot_start_a_csv_row(hostile, delimiter):
    out = hostile("week", "2026-W48", "--format", "csv", "--delimiter", delimiter).stdout
    rows = list(csv.reader(io.StringIO(out, newline=""), delimiter=delimiter))
    assert len(rows) == 1 + 7 + 1  # header, the days, the total
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not any(line.startswith(("=", "+", "-", "@")) for line in cell.split("\n")), cell
    # read as a spreadsheet that splits rows at any line break outside quotes would
    for physical in re.split("\r\n|\r|\n", _outside_quotes(out)):
        assert not physical.startswith(("=", "+", "@")), physical


def _outside_quotes(text: str) -> str:
    return re.sub(r'"(?:[^"]|"")*"', '""', text)


def test_csv_cells_are_quoted_and_neutralised_line_by_line():
    text = csv_text(["seller"], [["Anna\r=cmd"], ["ok\n@SUM(1)"], ["\t=x"], [3]], ",")
    assert text == 'seller\n"Anna\n\'=cmd"\n"ok\n\'@SUM(1)"\n\'\t=x\n3\n'


def test_the_team_csv_neutralises_a_seller_name_with_a_carriage_return():
    rows = list(csv.reader(io.StringIO(csv_text(["seller", "n"], [["Bo\r=HYPERLINK(1)", 1]], ","), newline="")))
    assert rows == [["seller", "n"], ["Bo\n'=HYPERLINK(1)", "1"]]


def test_the_sanitisers_one_per_output_kind():
    assert terminal_text("a\x1b]2;x\x07b\u202ec\ud800") == "a?]2;x?b?c\ufffd"
    assert markup_text("[b]x[/b] \\") == "\\[b]x\\[/b] \\\\"
    assert markdown_text("a|b *c* <d> & [e](f)\n# g") == "a\\|b \\*c\\* &lt;d&gt; &amp; \\[e\\](f) # g"
    assert markdown_text("# x") == "\\# x" and markdown_text("1. x") == "1\\. x"


async def test_the_workday_screen_shows_a_hostile_title_as_text(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T09:10")
    plant(tracker.store.path, OSC, "09:00", "10:00", "calls")
    plant(tracker.store.path, "[/] [bold red]x", "10:00", "11:00", "calls")
    app = make_app(tracker)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space")  # starts the block: its title is in the Now panel and a toast
        await settle(pilot)
        written = "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)
    assert "PWNED" in written
    assert "\x1b" not in written and "\x07" not in written
    assert "[/] [bold red]x" in written


def test_focus_watch_prints_an_inbox_file_name_as_text(tmp_path, spawn):
    paths = Paths(tmp_path / "config.toml", tmp_path)
    paths.inbox.mkdir(parents=True)
    child = spawn([Path(sys.executable).parent / "focus", "watch"], env={**os.environ, "FOCUS_HOME": str(tmp_path)})
    assert child.line().startswith("watching the inbox")
    name = "bad\x1b]2;PWNED\x07.json"
    (paths.inbox / ".bad.tmp").write_text("{", encoding="utf-8")
    os.rename(paths.inbox / ".bad.tmp", paths.inbox / name)
    wait_until(lambda: "rejected" in child.stderr, what="the rejection line")
    line = child.stderr
    assert "bad?]2;PWNED?.json" in line and "\x1b" not in line and "\x07" not in line


def test_an_outcome_name_from_a_team_file_is_a_column_name_not_markup():
    from focus.core.team import Team, TeamRow
    from focus.reports import team as team_table

    names = ("[reverse]call", "[link=https://evil.example]meeting")
    row = TeamRow("Anna", "2026-W48", 0.5, 0.4, dict.fromkeys(names, 1), None, 0, 0, 5)
    text = team_table.to_text(Team((row,), (), names), Path("/shared"), width=160, color=True)
    assert "[reverse]call" in text and "[link=https://evil.example]meeting" in text
    assert "\x1b]8;" not in text and "\x1b[7m" not in text  # no hyperlink, no reverse video
