"""`focus week` over a generated four-week history (2026-W42 … W45; W43 holds the 2026-10-25 clock
change), every figure of W43 computed by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from focus.core import config
from focus.core.clock import Clock, local_ms, zone
from focus.core.plan import PlannedBlock
from focus.store.database import Store
from focus.store.paths import Paths
from focus.tracking import Tracker
from tests.conftest import Focus

TZ = zone("Europe/Stockholm")
README = Path(__file__).parent.parent / "README.md"


def at(day: dt.date, hhmm: str) -> int:
    return local_ms(day, dt.time.fromisoformat(hhmm), TZ)


def generate(folder: Path) -> None:
    """Each work day: calls 09-10 (an email check 09:20-09:30 inside), lunch 12-12:30; visits 10-11 on
    Mon and Wed; 20 calls, 2 meetings, 1 quote; a deal on Fridays. Sun 25 Oct: quotes 01:30-03:30."""
    tracker = Tracker(
        Store(folder / "focus.db"), config.defaults(), Clock.fixed("Europe/Stockholm", "2026-11-27T12:00")
    )
    for monday in (dt.date(2026, 10, 12) + dt.timedelta(weeks=n) for n in range(4)):
        for offset in range(5):
            day = monday + dt.timedelta(days=offset)
            blocks = [
                PlannedBlock(day, dt.time(9), dt.time(10), "calls", "Ring"),
                PlannedBlock(day, dt.time(12), dt.time(12, 30), "lunch", "Lunch"),
            ]
            if offset in (0, 2):
                blocks.append(PlannedBlock(day, dt.time(10), dt.time(11), "visits", f"Customer {day:%d}"))
            planned = {b.category: b for b in tracker.plan(blocks)}
            tracker.start(at(day, "09:00"), planned["calls"].id)
            tracker.log("email", at(day, "09:20"), minutes=10)
            if "visits" in planned:
                tracker.start(at(day, "10:00"), planned["visits"].id)
                tracker.stop(at(day, "11:00"))
            else:
                tracker.stop(at(day, "10:00"))
            tracker.start(at(day, "12:00"), planned["lunch"].id)
            tracker.stop(at(day, "12:30"))
            tracker.count("call", at(day, "09:40"), 20)
            tracker.count("meeting", at(day, "09:50"), 2)
            tracker.count("quote", at(day, "14:00"))
            if offset == 4:
                tracker.count("deal", at(day, "15:00"))
    sunday = dt.date(2026, 10, 25)
    (block,) = tracker.plan([PlannedBlock(sunday, dt.time(1), dt.time(4), "quotes", "Night quotes")])
    tracker.start(at(sunday, "01:30"), block.id)
    tracker.stop(at(sunday, "03:30"))
    tracker.store.close()


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("history")
    generate(folder)
    return folder


@pytest.fixture
def focus(history, tmp_path) -> Focus:
    """A copy of the history per test, so tests that write do not disturb the others."""
    (tmp_path / "focus.db").write_bytes((history / "focus.db").read_bytes())
    return Focus(Paths(tmp_path / "config.toml", tmp_path), "2026-11-27T12:00")


def test_the_week_with_the_clock_change_equals_a_hand_computation(focus):
    week = focus.json("week", "2026-W43")
    assert (week["schema"], week["week"], week["first_day"], week["last_day"]) == (
        "focus.week/1",
        "2026-W43",
        "2026-10-19",
        "2026-10-25",
    )
    t = week["totals"]
    # proactive: calls 50 min × 5 + visits 60 × 2 + Sunday 01:30-03:30 across the change = 3 h → 550 min
    # reactive: the email checks, 10 × 5 = 50; neutral: lunch 30 × 5 = 150
    assert t["seconds"] == {
        "proactive": 550 * 60,
        "reactive": 50 * 60,
        "neutral": 150 * 60,
        "tracked": 750 * 60,
        "work": 5 * 540 * 60,
        "untracked": (5 * 540 - (2 * 150 + 3 * 90)) * 60,
    }
    assert t["proactive_share"] == round(550 / 600, 4)
    assert t["interruptions"] == {
        "total": 5,
        "by_kind": {"email": 5, "phone": 0, "chat": 0, "walk-in": 0, "self": 0, "other": 0},
        "email_budget": 3,
        "email_checks_per_work_day": 1.0,
        "days_over_email_budget": 0,
        "email_noticed_by": {"pressed": 5},
    }
    assert t["interruptions_per_hour"] == round(5 / 12.5, 2)
    # focus: Sunday's 3 h is the longest; ≥ 25 min: 09:30-10:00(+visit) each work day, and Sunday
    assert t["focus"] == {"longest_seconds": 3 * 3600, "stretches": 6, "min_minutes": 25}
    # 12 weekday blocks all kept; Sunday's 01:00-04:00 is 4 real hours, 3 worked: not kept
    assert t["plan"] == {"planned": 13, "kept": 12, "not_kept": 1, "not_tracked": 0, "running": 0, "upcoming": 0}
    assert t["outcomes"] == {"call": 100, "meeting": 10, "quote": 5, "deal": 1}
    assert [step["rate"] for step in t["funnel"]] == [0.1, 0.5, 0.2]
    assert t["visits"] == {"total": 2, "visit_days": 2, "days_on_target": 0, "target_per_day": 4, "target_days": 3}
    assert t["work_days"] == 5
    # the days, one by one
    monday, tuesday, sunday = week["days"][0], week["days"][1], week["days"][6]
    assert monday["seconds"]["proactive"] == 110 * 60 and tuesday["seconds"]["proactive"] == 50 * 60
    assert monday["visits"] == 1 and tuesday["visits"] == 0 and monday["titles"] == ["Ring", "Customer 19", "Lunch"]
    assert sunday["seconds"]["proactive"] == 3 * 3600 and sunday["work_day"] is False
    assert sunday["seconds"]["work"] == 0 and sunday["plan"]["not_kept"] == 1
    # one week of history (W42): quotes too few for a quote → deal rate
    assert week["forecast"]["rates"] is None
    assert week["forecast"]["text"].startswith("No forecast: too little history for rates: 5 quotes and 1 deals")


def test_the_forecast_from_three_weeks_of_history_and_a_target(focus):
    focus.paths.config_file.write_text("[forecast]\ndeals_per_week = 2\n")
    forecast = focus.json("week", "2026-W45")["forecast"]
    # W42-W44: 300 calls, 30 meetings, 15 quotes, 3 deals → 0.1, 0.5, 0.2
    assert forecast["rates"] == {"meeting": 0.1, "quote": 0.5, "deal": 0.2}
    assert forecast["expected"] == {"call": 100.0, "meeting": 10.0, "quote": 5.0, "deal": 1.0}
    assert forecast["needed"] == {"target": 2.0, "more_calls": 100, "more_meetings": 10}
    assert forecast["text"] == (
        "At your last 8 weeks rates, 100 calls → ~10 meetings → ~5 quotes → ~1 deals. "
        "2 deals need ~100 more calls and ~10 more meetings this week."
    )


def test_fixed_rates_from_the_config(focus):
    focus.paths.config_file.write_text("[forecast]\nrates = {meeting = 0.2, quote = 0.5, deal = 0.5}\n")
    forecast = focus.json("week", "2026-W42")["forecast"]
    assert forecast["basis"] == "fixed in the config" and forecast["expected"]["deal"] == 5.0


def test_the_json_validates_against_the_schema_in_the_readme(focus):
    block = README.read_text().split("<!-- focus.week/1 schema", 1)[1]
    schema = json.loads(re.search(r"```json\n(.*?)\n```", block, re.S).group(1))
    jsonschema.Draft202012Validator.check_schema(schema)
    for args in (("2026-W43",), ("2026-W45", "--weeks", "4"), ("2026-W53",)):
        jsonschema.validate(focus.json("week", *args), schema)


def test_csv_read_back_equals_the_json(focus):
    week = focus.json("week", "2026-W43")
    rows = list(
        csv.DictReader(
            io.StringIO(focus("week", "2026-W43", "--format", "csv", "--delimiter", ";").stdout), delimiter=";"
        )
    )
    assert [r["date"] for r in rows] == [d["date"] for d in week["days"]] + ["total"]
    for row, figures in zip(rows, week["days"] + [week["totals"]]):
        assert int(row["proactive_seconds"]) == figures["seconds"]["proactive"]
        assert int(row["untracked_seconds"]) == figures["seconds"]["untracked"]
        assert int(row["email"]) == figures["interruptions"]["by_kind"]["email"]
        assert int(row["call"]) == figures["outcomes"]["call"] and int(row["deal"]) == figures["outcomes"]["deal"]
        assert int(row["blocks_kept"]) == figures["plan"]["kept"]
        share = figures["proactive_share"]
        assert (row["proactive_share"] == "") if share is None else float(row["proactive_share"]) == share


def test_formula_injection_is_neutralised_and_html_is_escaped(focus):
    focus("plan", "add", "09:00-10:00", "calls", '=HYPERLINK("http://evil","x")', "--date", "2026-11-23")
    focus("plan", "add", "10:00-11:00", "calls", "+cmd", "--date", "2026-11-24")
    focus("plan", "add", "11:00-12:00", "calls", "<script>alert(1)</script>", "--date", "2026-11-25")
    rows = list(csv.reader(io.StringIO(focus("week", "2026-W48", "--format", "csv").stdout)))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil","x")' in cells and "'+cmd" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    html = focus("week", "2026-W48", "--format", "html").stdout
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    markdown = focus("week", "2026-W48", "--format", "md").stdout
    assert markdown.startswith("# focus · week 2026-W48")


def test_the_cache_follows_a_late_event_and_an_undo_on_an_old_day(focus):
    first = focus.json("week", "2026-W43")["totals"]["outcomes"]["call"]
    with Store(focus.paths.db_file) as store:
        assert store.conn.execute("SELECT count(*) FROM day_cache").fetchone()[0] >= 7
    focus("count", "call", "7", "--date", "2026-10-21", "--at", "16:00")  # remembered a week later
    assert focus.json("week", "2026-W43")["totals"]["outcomes"]["call"] == first + 7
    focus("undo", "--date", "2026-10-21")
    assert focus.json("week", "2026-W43")["totals"]["outcomes"]["call"] == first


def test_trend_over_weeks_and_week_53(focus):
    week = focus.json("week", "2026-W45", "--weeks", "4")
    assert [row["week"] for row in week["trend"]] == ["2026-W42", "2026-W43", "2026-W44", "2026-W45"]
    assert [row["outcomes"]["call"] for row in week["trend"]] == [100, 100, 100, 100]
    assert week["trend"][1]["proactive_seconds"] == 550 * 60
    w53 = focus.json("week", "2026-W53")
    assert (w53["first_day"], w53["last_day"]) == ("2026-12-28", "2027-01-03")
    text = focus("week", "2026-W45", "--weeks", "4").stdout
    assert "Trend, last 4 weeks" in text and "2026-W42" in text


def test_a_week_with_no_visits_says_so(focus):
    text = focus("week", "2026-W48").stdout
    assert "Visits      none this week" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (("2026-W54",), "bad week '2026-W54': 2026 has weeks 01 to 53"),
        (("2025-W53",), "bad week '2025-W53': 2025 has weeks 01 to 52"),
        (("someday",), "bad week 'someday'"),
        (("--delimiter", ";;"), "--delimiter ';;'"),
    ],
)
def test_bad_weeks_are_one_line(focus, args, message):
    result = focus("week", *args, ok=False)
    assert result.exit_code == 2 and result.stderr.startswith(f"focus: {message}") and result.stderr.count("\n") == 1


def test_out_writes_a_user_only_file(focus, tmp_path):
    out = tmp_path / "v43.json"
    focus("week", "2026-W43", "--format", "json", "--out", str(out))
    assert json.loads(out.read_text())["week"] == "2026-W43" and (out.stat().st_mode & 0o777) == 0o600


def test_the_last_weeks_focus_keeps_are_one_line_errors(focus):
    result = focus("week", "9999-W52", ok=False)
    assert result.exit_code == 2 and "focus keeps days from" in result.stderr and result.stderr.count("\n") == 1


def test_the_week_counts_visits_as_the_day_does_tracked_or_not(focus):
    day = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", *day)
    focus("plan", "add", "13:00-14:00", "visits", "Globex", *day)
    focus("start", "1", *day, "--at", "9:00")
    focus("stop", *day, "--at", "10:00")
    text = focus("week", "2026-W48").stdout
    assert "Visits      2 on 1 day (target 4 a day on 3 days; 0 days on target)" in text


def test_out_narrows_an_existing_file_to_user_only(focus, tmp_path):
    out = tmp_path / "w48.json"
    out.write_text("old")
    out.chmod(0o644)
    focus("week", "2026-W48", "--format", "json", "--out", str(out))
    assert (out.stat().st_mode & 0o777) == 0o600 and json.loads(out.read_text())["week"] == "2026-W48"


def test_custom_outcome_names_are_counted_in_every_format(focus):
    """With `outcomes = ["dial", "demo", "offer", "won"]` the week shows their counts (not 0 under call…)."""
    focus.paths.config_file.write_text('outcomes = ["dial", "demo", "offer", "won"]\n')
    focus("count", "dial", "5", "--date", "2026-11-24", "--at", "10:00")
    focus("count", "won", "--date", "2026-11-25", "--at", "15:00")
    doc = focus.json("week", "2026-W48")
    assert doc["totals"]["outcomes"] == {"dial": 5, "demo": 0, "offer": 0, "won": 1}
    assert [step["from"] for step in doc["totals"]["funnel"]] == ["dial", "demo", "offer"]
    rows = list(csv.DictReader(io.StringIO(focus("week", "2026-W48", "--format", "csv").stdout)))
    assert (rows[1]["dial"], rows[2]["won"], rows[-1]["dial"], rows[-1]["won"]) == ("5", "1", "5", "1")
    assert "call" not in rows[0]
    text = focus("week", "2026-W48").stdout.splitlines()
    header = next(line.split() for line in text if line.split()[:1] == ["day"])
    week = next(line.split() for line in text if line.split()[:1] == ["week"])
    assert header[-5:] == ["dial", "demo", "offer", "won", "visits"] and week[-5:] == ["5", "0", "0", "1", "0"]
    markdown = focus("week", "2026-W48", "--format", "md").stdout
    assert "| dial | demo | offer | won | visits |" in markdown and "| 5 | 0 | 0 | 1 | 0 |" in markdown
