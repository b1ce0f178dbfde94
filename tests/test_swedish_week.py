"""`focus week` in Swedish (issue 12): the forecast sentence worded in Swedish in the text, Markdown and
HTML (the JSON keeps its English ``text``: the same bytes in both languages), the CSV's weekdays, and the
Swedish CSV read back with Swedish conventions (``;``, a decimal comma) gives the numbers."""

from __future__ import annotations

import csv
import io

import pytest

from focus.cli import Services, cli
from focus.core.clock import Clock
from tests import test_week
from tests.conftest import Focus

history, focus = test_week.history, test_week.focus  # the week's generated history, a copy per test
SWEDISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "sv_SE.UTF-8"}
NBSP = "\u00a0"
THIN = (  # W43: one week of history before it, too few quotes for a quote → deal rate
    "Ingen prognos: för lite historik för konverteringsgrader: 5 offerter och 1 affär de senaste 8 veckorna "
    "(en konverteringsgrad kräver 10 av det första och 1 av det andra)."
)
LEARNT = (  # W45 with a target of 2 deals: W42-W44 give 0.1, 0.5, 0.2
    "Med dina konverteringsgrader från de senaste 8 veckorna: 100 samtal → ~10 möten → ~5 offerter → ~1 affär. "
    "För 2 affärer behövs ~100 fler samtal och ~10 fler möten den här veckan."
)


def swedish(focus: Focus, *args: str) -> str:
    result = focus.runner.invoke(
        cli, list(args), obj=Services(focus.paths, Clock.fixed(focus.zone, focus.now)), env=SWEDISH
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def one_line(text: str) -> str:
    """The text with its line breaks and the blanks around them made one space (Rich wraps long lines)."""
    return " ".join(text.split())


def test_too_little_history_says_so_in_swedish_in_text_markdown_and_html(focus):
    assert one_line(f"Prognos {THIN}") in one_line(swedish(focus, "week", "2026-W43"))
    assert f"**Prognos:** {THIN}  \n" in swedish(focus, "week", "2026-W43", "--format", "md")
    page = swedish(focus, "week", "2026-W43", "--format", "html")
    assert one_line(THIN) in one_line(page) and '<html lang="sv">' in page
    assert "<html>\n" in focus("week", "2026-W43", "--format", "html").stdout  # English as before


def test_the_forecast_and_what_a_target_needs_in_swedish(focus):
    focus.paths.config_file.write_text("[forecast]\ndeals_per_week = 2\n", encoding="utf-8")
    assert one_line(f"Prognos {LEARNT}") in one_line(swedish(focus, "week", "2026-W45"))
    markdown = swedish(focus, "week", "2026-W45", "--format", "md")
    assert f"**Prognos:** {LEARNT.replace('~', chr(92) + '~')}  \n" in markdown  # Markdown escapes the tilde


def test_fixed_rates_with_decimal_commas(focus):
    focus.paths.config_file.write_text(
        "[forecast]\nrates = {meeting = 0.05, quote = 0.5, deal = 0.25}\ndeals_per_week = 1\n", encoding="utf-8"
    )
    text = one_line(swedish(focus, "week", "2026-W42"))
    assert (
        "Prognos Med konverteringsgraderna i konfigurationen: 100 samtal → ~5 möten → ~2,5 offerter → ~0,6 affärer. "
        "För 1 affär behövs ~60 fler samtal och ~0 fler möten den här veckan."
    ) in text
    english = one_line(focus("week", "2026-W42").stdout)
    assert (
        "Forecast At fixed in the config rates, 100 calls → ~5 meetings → ~2.5 quotes → ~0.6 deals. "
        "1 deals need ~60 more calls and ~0 more meetings this week."
    ) in english


@pytest.mark.parametrize("week", ["2026-W43", "2026-W45"])
def test_the_json_keeps_the_english_sentence_the_same_bytes_in_both_languages(focus, week):
    focus.paths.config_file.write_text("[forecast]\ndeals_per_week = 2\n", encoding="utf-8")
    english = focus("week", week, "--format", "json").stdout
    assert swedish(focus, "week", week, "--format", "json") == english
    forecast = focus.json("week", week)["forecast"]
    assert forecast["text"].startswith(("No forecast: too little history", "At your last 8 weeks rates, 100 calls"))
    assert one_line(f"Forecast {forecast['text']}") in one_line(focus("week", week).stdout)  # English as before


def test_a_users_own_outcomes_are_named_as_written_in_the_swedish_forecast(focus):
    focus.paths.config_file.write_text('outcomes = ["dial", "demo"]\n', encoding="utf-8")
    text = one_line(swedish(focus, "week", "2026-W43"))
    assert "Prognos Ingen prognos: för lite historik för konverteringsgrader: 0 dial och 0 demo de senaste 8" in text
    assert "0 dials and 0 demos in the last 8 weeks" in focus.json("week", "2026-W43")["forecast"]["text"]


def test_no_english_is_left_in_the_swedish_week(focus):
    focus.paths.config_file.write_text('seller = "Anna"\n[forecast]\ndeals_per_week = 2\n', encoding="utf-8")
    for fmt in ("text", "md", "html"):
        shown = swedish(focus, "week", "2026-W45", "--weeks", "3", "--format", fmt)
        words = set(one_line(shown.replace("|", " ")).split())
        english = {"Forecast", "forecast", "rates", "need", "more", "this", "week", "calls", "meetings", "deals"}
        english |= {"Visits", "Funnel", "Debrief", "Planned", "day", "share", "kept", "visits", "last", "weeks"}
        assert not words & english, (fmt, words & english)


def test_the_trend_in_swedish_markdown_has_decimal_commas(focus):
    markdown = swedish(focus, "week", "2026-W45", "--weeks", "3", "--format", "md")
    assert f"| 2026-W43 | 92{NBSP}% | 1,0 | 12/13 | 100 | 10 | 5 | 1 |" in markdown  # W43 holds the Sunday block
    assert f"| 2026-W44 | 88{NBSP}% | 1,0 | 12/12 | 100 | 10 | 5 | 1 |" in markdown
    english = focus("week", "2026-W45", "--weeks", "3", "--format", "md").stdout
    assert "| 2026-W44 | 88 % | 1.0 | 12/12 | 100 | 10 | 5 | 1 |" in english


# -- CSV -------------------------------------------------------------------------------------------------


def rows_of(text: str, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def swedish_cell(cell: str) -> bool | int | float | str:
    """A cell as a spreadsheet with Swedish settings reads it: a truth value (SANT, FALSKT), an integer,
    a decimal-comma number, or text."""
    if cell in ("SANT", "FALSKT"):
        return cell == "SANT"
    if cell.lstrip("-").isdigit():
        return int(cell)
    try:
        return float(cell.replace(",", ".")) if "." not in cell else cell
    except ValueError:
        return cell


def test_the_swedish_csv_names_the_weekdays_in_swedish_and_english_as_before(focus):
    swedish_rows = rows_of(swedish(focus, "week", "2026-W43", "--format", "csv"), ";")
    assert [row["weekday"] for row in swedish_rows] == ["mån", "tis", "ons", "tors", "fre", "lör", "sön", "2026-W43"]
    english_rows = rows_of(focus("week", "2026-W43", "--format", "csv").stdout, ",")
    assert [row["weekday"] for row in english_rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "2026-W43"]


@pytest.mark.parametrize("words", [("vecka 43",), ("vecka", "43"), ("v43",)])
def test_vecka_43_as_csv_in_both_languages_reads_back_as_numbers(focus, words):
    document = focus.json("week", "2026-W43")
    english = focus("week", *words, "--format", "csv").stdout
    assert english == focus("week", "2026-W43", "--format", "csv").stdout
    text = swedish(focus, "week", *words, "--format", "csv")
    rows = [{key: swedish_cell(value) for key, value in row.items()} for row in rows_of(text, ";")]
    assert len(rows) == 8 and rows[-1]["date"] == "total"
    for row, day in zip(rows, document["days"]):
        assert row["date"] == day["date"]
        assert row["proactive_seconds"] == day["seconds"]["proactive"]
        assert row["proactive_share"] == (day["proactive_share"] if day["proactive_share"] is not None else "")
        assert row["interruptions_per_hour"] == (
            day["interruptions_per_hour"] if day["interruptions_per_hour"] is not None else ""
        )
        assert row["call"] == day["outcomes"]["call"] and row["visits"] == day["visits"]
        assert row["work_day"] is day["work_day"]
    monday = rows[0]
    assert isinstance(monday["proactive_share"], float) and monday["proactive_share"] == round(110 / 120, 4)
    assert isinstance(monday["interruptions_per_hour"], float) and 0 < monday["interruptions_per_hour"] < 1
    total = rows[-1]
    assert total["proactive_share"] == document["totals"]["proactive_share"] == round(550 / 600, 4)
    assert total["interruptions_per_hour"] == document["totals"]["interruptions_per_hour"] == 0.4
