"""Issue 13, "the week as a picture" in the HTML export: inline SVG charts of a known week (built from
typed day figures, as the store would give them) and of its trend; the page through the CLI."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from focus import i18n
from focus.core import config
from focus.core.debrief import DebriefFigures
from focus.core.figures import DayFigures, PlanCounts, Seconds
from focus.core.week import WeekFigures, history_span, week_figures
from focus.reports import charts, week
from tests.conftest import Focus

MONDAY = dt.date(2026, 11, 23)
HOUR = 3600
CLASSES = ("proactive", "reactive", "neutral")
HOSTILE = '<script>alert("x")</script> & "quoted" \'it\''


def a_day(date: dt.date, n: int) -> DayFigures:
    """Day ``n`` of a week: proactive n+1 hours, reactive n/2 hours, neutral half an hour; n email checks;
    the longest focus stretch 10·(n+1) minutes, n stretches; n visits, n debriefed, n-1 with the budget known."""
    seconds = Seconds(
        proactive=(n + 1) * HOUR, reactive=n * HOUR // 2, neutral=HOUR // 2, tracked=0, untracked=0, work=9 * HOUR
    )
    debrief = DebriefFigures(n, n, n, max(0, n - 1), n, 0)
    return DayFigures(
        date, date.weekday() < 5, seconds, seconds.proactive_share, {"email": n}, 3, {}, 0, 600 * (n + 1), n, 25,
        PlanCounts(), {"call": 0}, n, (HOSTILE,) if n == 2 else (), debrief,
    )  # fmt: skip


def a_week(weeks: int = 1, seller: str = "Anna") -> WeekFigures:
    """The week of MONDAY (day n of it as ``a_day``) after a history of weeks alike but for their Monday's
    email checks: a week k weeks back had k more; ``weeks`` rows of trend."""
    span = history_span(weeks) + 1
    first = MONDAY - dt.timedelta(weeks=span - 1)
    days = []
    for i in range(7 * span):
        day = a_day(first + dt.timedelta(days=i), i % 7)
        back = span - 1 - i // 7
        days.append(replace(day, interruptions={"email": day.email_checks + (back if i % 7 == 0 else 0)}))
    return week_figures(MONDAY, days, config.defaults(), timezone="Europe/Stockholm", seller=seller, weeks=weeks)


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def rects(svg: ET.Element, css: str) -> list[ET.Element]:
    return [r for r in svg.iter("rect") if r.get("class") == css]


def height(r: ET.Element) -> float:
    return float(r.get("height", "nan"))


def test_axis_steps_are_round() -> None:
    assert [charts.grid_step(v) for v in (1, 6, 7, 12, 30, 100, 700)] == [1, 1, 2, 2, 5, 20, 200]
    assert [charts.axis_top(v) for v in (0, 0.4, 5.8, 7, 81, 100)] == [1, 1, 6, 8, 100, 100]


def test_every_chart_is_well_formed_xml() -> None:
    for svg in charts.week_charts(a_week(weeks=4)):
        root = parsed(svg)
        assert root.tag == "svg" and root.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"
    assert len(charts.week_charts(a_week(weeks=4))) == 5 and len(charts.week_charts(a_week())) == 3


def test_the_stacked_bars_are_as_tall_as_the_hours() -> None:
    """Sunday (n=6) is the tallest day: 7 + 3 + 0.5 = 10.5 hours, so the axis goes to 12 hours (steps of 2)."""
    svg = parsed(charts.days_chart(a_week()))
    assert charts.axis_top(10.5) == 12
    per_hour = charts.PLOT / 12
    proactive = rects(svg, "proactive")
    assert [height(r) for r in proactive] == [pytest.approx((n + 1) * per_hour, abs=0.01) for n in range(7)]
    reactive = rects(svg, "reactive")  # Monday has none: no empty bar
    assert [height(r) for r in reactive] == [pytest.approx(n / 2 * per_hour, abs=0.01) for n in range(1, 7)]
    assert [height(r) for r in rects(svg, "neutral")] == [pytest.approx(per_hour / 2, abs=0.01)] * 7
    sunday = [r for r in svg.iter("rect") if r.get("class") in CLASSES and r.get("x") == proactive[6].get("x")]
    top = min(float(r.get("y", "nan")) for r in sunday)
    assert top == pytest.approx(charts.BOTTOM - 10.5 * per_hour, abs=0.02)
    assert proactive[6].get("data-value") == str(7 * HOUR)


def test_the_email_bars_and_the_budget_line() -> None:
    """Budget 3, most checks 6: the axis goes to 8 (room over the tallest); the line sits at 3, the days
    over it are red."""
    svg = parsed(charts.email_chart(a_week()))
    per_check = charts.PLOT / 8
    bars = rects(svg, "email")
    assert [height(b) for b in bars] == [pytest.approx(n * per_check, abs=0.01) for n in range(7)]
    (line,) = [ln for ln in svg.iter("line") if ln.get("class") == "budget"]
    assert float(line.get("y1", "nan")) == pytest.approx(charts.BOTTOM - 3 * per_check, abs=0.01)
    assert line.get("y1") == line.get("y2")
    assert [b.get("fill") == charts.OVER for b in bars] == [n > 3 for n in range(7)]


def test_the_focus_bars_say_the_longest_stretch_and_how_many() -> None:
    svg = parsed(charts.focus_chart(a_week()))
    top = charts.axis_top(70 * 1.15)  # Sunday: 70 minutes
    assert [height(b) for b in rects(svg, "focus")] == [
        pytest.approx(10 * (n + 1) / top * charts.PLOT, abs=0.01) for n in range(7)
    ]
    texts = [t.text for t in svg.iter("text")]
    assert "1 stretch" in texts and "6 stretches" in texts
    (line,) = [ln for ln in svg.iter("line") if ln.get("class") == "minimum"]
    assert float(line.get("y1", "nan")) == pytest.approx(charts.BOTTOM - 25 / top * charts.PLOT, abs=0.01)


def points(svg: ET.Element, key: str) -> list[tuple[float, float]]:
    (series,) = [g for g in svg.iter("g") if g.get("data-series") == key]
    return [(float(c.get("cx", "nan")), float(c.get("cy", "nan"))) for c in series.iter("circle")]


def test_the_trend_has_a_point_per_week_and_series() -> None:
    """Each week alike but for the email checks: a week back k had k more on its Monday."""
    weeks = a_week(weeks=4)
    rates = parsed(charts.rates_trend(weeks))
    totals = weeks.totals
    for key in ("proactive_share", *charts.RATES):
        found = points(rates, key)
        assert len(found) == 4
        rate = totals.proactive_share if key == "proactive_share" else totals.debrief.rates[key]
        assert rate is not None
        assert [y for _x, y in found] == [pytest.approx(charts.BOTTOM - rate * charts.PLOT, abs=0.01)] * 4
    email = parsed(charts.email_trend(weeks))
    found = points(email, "email_checks_per_work_day")
    per_day = [row.totals.email_checks_per_work_day or 0 for row in weeks.trend]
    assert per_day == [4.8, 4.6, 4.4, 4.2]  # (21 + k) / 5 work days, k weeks back (the weekend's count too)
    top = 6  # 4.8 + 1 up to a whole step
    assert [y for _x, y in found] == [pytest.approx(charts.BOTTOM - v / top * charts.PLOT, abs=0.01) for v in per_day]
    assert [x for x, _y in found] == sorted(x for x, _y in found)
    assert [t.text for t in email.iter("text")][-4:] == [row.week for row in weeks.trend]


def test_a_week_without_debriefs_is_a_gap_in_its_rates() -> None:
    """Four weeks; the second has no visit: a debrief rate has three points and one line, through weeks
    3 and 4 (none across the gap; week 1 is a point alone); the proactive share four points on one line."""
    weeks = a_week(weeks=4)
    second = weeks.trend[1]
    no_visits = replace(second.totals, debrief=DebriefFigures())
    gap = replace(weeks, trend=(weeks.trend[0], second._replace(totals=no_visits), *weeks.trend[2:]))
    rates = parsed(charts.rates_trend(gap))
    (budget,) = [g for g in rates.iter("g") if g.get("data-series") == "budget_known"]
    assert len(list(budget.iter("circle"))) == 3
    assert [len((p.get("points") or "").split()) for p in budget.iter("polyline")] == [2]
    (share,) = [g for g in rates.iter("g") if g.get("data-series") == "proactive_share"]
    assert len(list(share.iter("circle"))) == 4
    assert [len((p.get("points") or "").split()) for p in share.iter("polyline")] == [4]


def test_hostile_titles_and_seller_names_are_escaped() -> None:
    page = week.to_html(a_week(weeks=2, seller=HOSTILE))
    assert "<script" not in page and "&lt;script&gt;" in page
    for svg in charts.week_charts(a_week(weeks=2, seller=HOSTILE)):
        parsed(svg)  # still well-formed with quotes and ampersands in attributes and text
    written = charts.days_chart(a_week(seller=HOSTILE))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; &#x27;it&#x27;" in written
    days = parsed(written)
    assert HOSTILE in (days.get("aria-label") or "")  # the parser gives back exactly what was written
    tips = [t.text or "" for t in days.iter("title")]
    assert any(tip.endswith(HOSTILE) for tip in tips)  # Wednesday's planned title in its bars' tips
    assert charts.xml_text("a\x1b[31m\nb") == "a?[31m?b"


def test_swedish_labels_in_swedish() -> None:
    i18n.use("sv")
    try:
        days = parsed(charts.days_chart(a_week()))
        texts = [t.text for t in days.iter("text")]
        assert texts[0] == "Vecka 2026-W48 · Anna: tid per dag"
        days_shown = ["mån 23", "tis 24", "ons 25", "tors 26", "fre 27", "lör 28", "sön 29"]
        assert texts[-10:] == [*days_shown, "proaktivt", "reaktivt", "neutralt"]
        assert "12 tim" in texts
        email = [t.text for t in parsed(charts.email_chart(a_week())).iter("text")]
        assert email[0] == "Mejlkollar per dag mot budgeten" and "budget 3" in email
        focus_texts = [t.text for t in parsed(charts.focus_chart(a_week())).iter("text")]
        assert "1 fokuspass" in focus_texts and "6 fokuspass" in focus_texts
        trend = parsed(charts.email_trend(a_week(weeks=3)))
        assert [t.text or "" for t in trend.iter("title")][-3:] == [
            "mejlkollar per arbetsdag: 2026-W46 4,6", "mejlkollar per arbetsdag: 2026-W47 4,4",
            "mejlkollar per arbetsdag: 2026-W48 4,2",
        ]  # fmt: skip
        rates = [t.text for t in parsed(charts.rates_trend(a_week(weeks=3))).iter("text")]
        assert rates[0] == "De senaste 3 veckorna: proaktiv andel och genomgångens frågor"
        legend = [
            "proaktiv andel",
            "beslutsfattare känd",
            "budget känd",
            "nästa steg satt",
            "nästa möte bokat på plats",
        ]
        assert rates[-5:] == legend
    finally:
        i18n.use("en")


def test_the_page_opens_without_network(focus: Focus) -> None:
    focus("log", "email", "--at", "9", now="2026-11-24T15:00")
    page = focus("week", "--format", "html", "--weeks", "3", now="2026-11-24T18:00").stdout
    assert page.count("<svg") == 5 and page.index("<svg") < page.index("<pre")
    assert not re.search(r"https?://", page) and "<script" not in page.lower()
    assert "Email checks per day against the budget" in page
    for other in ("md", "json", "csv", "text"):  # the charts are the page's only
        assert "<svg" not in focus("week", "--format", other, "--weeks", "3", now="2026-11-24T18:00").stdout
