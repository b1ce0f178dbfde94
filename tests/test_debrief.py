"""The 17:03 debrief: answers checked, stored as events (newest wins, undo works), asked in the
TUI at 17:03 and at the prompt, and the coaching figures in the day and the week."""

from __future__ import annotations

import datetime as dt

import pytest

from focus.cli import cli
from focus.core import debrief
from focus.core.errors import FocusError
from focus.tui.screens import DebriefScreen
from tests.tui_helpers import DAY, make_app, make_tracker, plan, press, settle, tick, until

ANSWERS = {
    "who": "Anna (CFO), Per (IT)",
    "decision_maker": "no",
    "budget": "50k",
    "next_step": "Quote by Friday",
    "booked": "no",
    "why_not": "They had to check calendars",
}


@pytest.mark.parametrize(
    "text, amount",
    [
        ("50000", 50000),
        ("50 000", 50000),
        ("50k", 50000),
        ("1.2M", 1200000),
        ("300 tkr", 300000),
        ("unknown", "unknown"),
        ("?", "unknown"),
    ],
)
def test_budgets(text, amount):
    assert debrief.parse_budget(text) == amount


@pytest.mark.parametrize(
    "change, field",
    [
        ({"who": " "}, "who"),
        ({"decision_maker": "maybe"}, "decision_maker"),
        ({"budget": "lots"}, "budget"),
        ({"booked": "?"}, "booked"),
        ({"why_not": ""}, "why_not"),
        ({"mood": "good"}, "mood"),
    ],
)
def test_a_bad_answer_names_its_field(change, field):
    with pytest.raises(FocusError, match=f"^{field}: "):
        debrief.check(ANSWERS | change)


def test_answers_are_normalised():
    assert debrief.check(ANSWERS | {"decision_maker": "Y", "booked": "ja", "why_not": "x"}) == {
        "who": "Anna (CFO), Per (IT)",
        "decision_maker": "yes",
        "budget": 50000.0,
        "next_step": "Quote by Friday",
        "booked": "yes",
        "why_not": "",
    }


def test_no_visits_divides_by_nothing():
    figures = debrief.figures([], {})
    assert figures.visits == 0 and set(figures.rates.values()) == {None}


@pytest.fixture
def day_with_two_visits(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T17:02:30")
    plan(
        tracker,
        ("09:00", "10:00", "visits", "Acme AB"),
        ("11:00", "12:00", "calls", "Ring"),
        ("13:00", "14:00", "visits", "Globex"),
    )
    return tracker


async def test_at_1703_the_debrief_opens_one_visit_answered_one_skipped(day_with_two_visits):
    tracker = day_with_two_visits
    app = make_app(tracker)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, DebriefScreen)
        tracker.clock.advance(40)  # 17:03:10
        await tick(pilot)
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief to open")
        screen = app.screen
        assert isinstance(screen, DebriefScreen) and [v.title for v in screen.visits] == ["Acme AB", "Globex"]
        assert any("2 visits to debrief" in n.message for n in app._notifications)
        await pilot.press(
            *"Anna (CFO)", "tab", *"maybe", "tab", *"50k", "tab", *"Quote by Friday", "tab", "n", "tab", "ctrl+s"
        )
        assert "answer yes / no / unknown" in str(screen.query_one("#error-decision_maker").render())
        assert "say why" in str(screen.query_one("#error-why_not").render())
        assert tracker.day(DAY).debriefs == {}  # nothing written while wrong
        screen.query_one("#answer-decision_maker").value = "no"
        screen.query_one("#answer-why_not").value = "They had to check calendars"
        await press(pilot, "ctrl+s")
        assert "visit 2 of 2" in str(screen.query_one("#debrief-title").render())
        await press(pilot, "ctrl+n")  # skip Globex
        await pilot.pause()
        assert not isinstance(app.screen, DebriefScreen)
        assert app.workday.summary.debrief.as_dict() == {
            "visits": 2,
            "debriefed": 1,
            "decision_maker_known": 1,
            "budget_known": 1,
            "next_step_set": 1,
            "booked_before_leaving": 0,
            "rates": {
                "debriefed": 0.5,
                "decision_maker_known": 1.0,
                "budget_known": 1.0,
                "next_step_set": 1.0,
                "booked_before_leaving": 0.0,
            },
        }
    (answers,) = tracker.day(DAY).debriefs.values()
    assert answers == {
        "who": "Anna (CFO)",
        "decision_maker": "no",
        "budget": 50000.0,
        "next_step": "Quote by Friday",
        "booked": "no",
        "why_not": "They had to check calendars",
    }


async def test_opened_after_1703_the_debrief_opens_once_for_the_open_visits(day_with_two_visits):
    tracker = day_with_two_visits
    acme, _, _globex = tracker.day(DAY).blocks
    tracker.debrief(DAY, acme.id, ANSWERS)
    tracker.clock.advance(42 * 60)  # 17:44: the screen was not open at 17:03
    app = make_app(tracker)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief to open")
        assert isinstance(app.screen, DebriefScreen) and [v.title for v in app.screen.visits] == ["Globex"]
        await pilot.press("escape")
        await pilot.pause()
        tracker.clock.advance(5)
        await tick(pilot)  # skipped: not asked again this run
        assert not isinstance(app.screen, DebriefScreen)


async def test_d_opens_the_debrief_with_earlier_answers(day_with_two_visits):
    tracker = day_with_two_visits
    acme = tracker.day(DAY).blocks[0]
    tracker.debrief(DAY, acme.id, ANSWERS)
    app = make_app(tracker)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.query_one("#answer-budget").value == "50000"
        assert app.screen.query_one("#answer-who").value == "Anna (CFO), Per (IT)"
        await pilot.press("escape")


def test_the_prompt_asks_each_visit_and_report_and_week_follow(focus):
    day = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", *day)
    focus("plan", "add", "13:00-14:00", "visits", "Globex", *day)
    typed = (
        "\n".join(
            [
                "y",
                "Anna (CFO)",
                "perhaps",
                "unknown",
                "60k",
                "Demo for IT",
                "yes",  # a bad answer re-asked
                "y",
                "Olle (CEO)",
                "yes",
                "unknown",
                "",
                "no",
                "",
                "Olle had to leave",
            ]
        )
        + "\n"
    )
    result = focus.runner.invoke(cli, ["debrief", "2026-11-24"], input=typed, obj=_services(focus))
    assert result.exit_code == 0, result.output
    assert "Error: answer yes / no / unknown, not 'perhaps'" in result.output
    assert "Saved 2 debriefs; 0 skipped." in result.output
    report = focus.json("report", "2026-11-24")
    assert report["debrief"]["debriefed"] == 2 and report["debrief"]["decision_maker_known"] == 1
    assert report["debrief"]["budget_known"] == 1 and report["debrief"]["next_step_set"] == 1
    assert report["debrief"]["booked_before_leaving"] == 1
    shown = focus.json("debrief", "2026-11-24")
    assert [v["answers"]["who"] for v in shown["visits"]] == ["Anna (CFO)", "Olle (CEO)"]
    assert shown["visits"][1]["answers"]["why_not"] == "Olle had to leave"
    markdown = focus("debrief", "2026-11-24", "--format", "md").stdout
    assert "- **Budget:** 60 000" in markdown and "why not: Olle had to leave" in markdown
    # a newer answer replaces the older; undo brings the older back
    focus.runner.invoke(cli, ["debrief", "2026-11-24"], input="y\n\n\n\n\n\nn\n", obj=_services(focus))
    assert focus.json("report", "2026-11-24")["debrief"]["debriefed"] == 2
    assert "the debrief of visit" in focus("undo").stdout


def _services(focus):
    from focus.cli import Services
    from focus.core.clock import Clock

    return Services(focus.paths, Clock.fixed("Europe/Stockholm", focus.now))


def test_a_block_that_is_not_a_visit_cannot_be_debriefed(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", "2026-11-24")
    tracker = _services(focus).tracker
    with pytest.raises(FocusError, match="not a customer visit"):
        tracker.debrief(dt.date(2026, 11, 24), "1", ANSWERS)


def test_the_weeks_coaching_rates_equal_a_hand_computation(focus):
    # Mon: 2 visits, both debriefed; Tue: 1 visit, not; Wed: 1 visit, debriefed with unknowns
    focus.now = "2026-11-27T18:00"  # Friday: all have happened
    visits = {"2026-11-23": ["Acme", "Globex"], "2026-11-24": ["Initech"], "2026-11-25": ["Umbrella"]}
    for date, titles in visits.items():
        for n, title in enumerate(titles):
            focus("plan", "add", f"{9 + 2 * n}:00-{10 + 2 * n}:00", "visits", title, "--date", date)
    tracker = _services(focus).tracker
    mon, wed = dt.date(2026, 11, 23), dt.date(2026, 11, 25)
    tracker.debrief(mon, "1", ANSWERS)  # dm known, budget, next step; not booked
    tracker.debrief(mon, "2", ANSWERS | {"booked": "yes", "why_not": ""})  # all four
    tracker.debrief(
        wed,
        "1",
        {
            "who": "Kim",
            "decision_maker": "unknown",
            "budget": "unknown",
            "next_step": "",
            "booked": "no",
            "why_not": "forgot",
        },
    )  # none of the four
    week = focus.json("week", "2026-W48")
    assert week["totals"]["debrief"] == {
        "visits": 4,
        "debriefed": 3,
        "decision_maker_known": 2,
        "budget_known": 2,
        "next_step_set": 2,
        "booked_before_leaving": 1,
        "rates": {
            "debriefed": 0.75,
            "decision_maker_known": round(2 / 3, 4),
            "budget_known": round(2 / 3, 4),
            "next_step_set": round(2 / 3, 4),
            "booked_before_leaving": round(1 / 3, 4),
        },
    }
    assert [d["debrief"]["debriefed"] for d in week["days"]][:3] == [2, 0, 1]
    assert "debriefs" not in week and "Quote by Friday" not in focus("week", "2026-W48", "--format", "json").stdout
    private = focus.json("week", "2026-W48", "--with-debrief")
    assert [d["answers"]["who"] if d["answers"] else None for d in private["debriefs"]] == [
        "Anna (CFO), Per (IT)",
        "Anna (CFO), Per (IT)",
        None,
        "Kim",
    ]
    assert "3 of 4 visits debriefed (75 %)" in focus("week", "2026-W48").stdout


def test_a_week_without_visits_says_so(focus):
    week = focus.json("week", "2026-W48")
    assert week["totals"]["debrief"]["visits"] == 0 and week["totals"]["debrief"]["rates"]["debriefed"] is None
    assert "no visits to debrief this week" in focus("week", "2026-W48").stdout


def test_the_questions_come_from_the_config(focus):
    focus.paths.config_file.write_text('[debrief.questions]\nwho = "Vem träffade du?"\n')
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", "--date", "2026-11-24")
    result = focus.runner.invoke(cli, ["debrief", "2026-11-24"], input="n\n", obj=_services(focus))
    assert result.exit_code == 0 and "Saved 0 debriefs; 1 skipped." in result.output
    result = focus.runner.invoke(
        cli, ["debrief", "2026-11-24"], input="y\nAnna\nyes\n?\nDemo\nyes\n", obj=_services(focus)
    )
    assert "Vem träffade du?" in result.output and "Saved 1 debrief;" in result.output


# -- without a terminal: one clear line, or the answers from a file --------------------------------------


def _two_visits(focus) -> None:
    day = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", *day)
    focus("plan", "add", "13:00-14:00", "visits", "Globex", *day)


@pytest.mark.parametrize("stdin", ["empty", "closed"])
def test_without_a_terminal_the_debrief_says_so_in_one_line(focus, stdin):
    import os
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    _two_visits(focus)
    before = focus.event_count()
    command = shlex.join([str(Path(sys.executable).parent / "focus"), "debrief", "2026-11-24"])
    result = subprocess.run(
        ["sh", "-c", f"exec {command} {'</dev/null' if stdin == 'empty' else '0<&-'}"],
        env={**os.environ, "FOCUS_HOME": str(focus.paths.data_dir)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "focus: debrief asks its questions at a terminal, and stdin is not one (it ended before the answers); "
        "to answer from a file: focus debrief 2026-11-24 --answers FILE (see focus debrief --help)\n"
    )
    assert focus.event_count() == before


def test_the_answers_come_from_the_json_the_debrief_prints(focus, tmp_path):
    import json

    _two_visits(focus)
    document = focus.json("debrief", "2026-11-24")  # focus.debrief/1: every visit, answers null
    document["visits"][0]["answers"] = ANSWERS
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(document))
    result = focus("debrief", "--answers", str(answers))  # the date comes from the file
    assert result.stdout == "Saved 1 debrief; 1 skipped. See them: focus debrief 2026-11-24 --format md\n"
    shown = focus.json("debrief", "2026-11-24")
    assert shown["visits"][0]["answers"] == debrief.check(ANSWERS) and shown["visits"][1]["answers"] is None
    assert shown["figures"]["debriefed"] == 1 and shown["figures"]["budget_known"] == 1


def test_the_answers_can_come_on_stdin_named_by_start_time(focus):
    import json

    _two_visits(focus)
    typed = json.dumps({"visits": [{"id": "2", "answers": ANSWERS | {"booked": "yes", "budget": 120000}}]})
    result = focus.runner.invoke(cli, ["debrief", "2026-11-24", "--answers", "-"], input=typed, obj=_services(focus))
    assert result.exit_code == 0, result.output
    shown = focus.json("debrief", "2026-11-24")
    assert shown["visits"][1]["answers"]["budget"] == 120000 and shown["visits"][1]["answers"]["why_not"] == ""


@pytest.mark.parametrize(
    "document, message",
    [
        ("{", "--answers {file}: not JSON (line 1, column 2)"),
        ('["x"]', '--answers {file}: not a debrief: {{"visits": [{{"id": …, "answers": {{…}}}}]}}'),
        ('{"visits": [{"id": "1"}]}', "--answers {file}: visit 1: no answers (null skips it)"),
        (
            '{"visits": [{"id": "9", "answers": {}}]}',
            "--answers {file}: visit 9: no block number 9 on 2026-11-24 (2 planned); see focus plan ls",
        ),
        ('{"date": "2026-11-25", "visits": []}', "--answers {file}: the answers are for 2026-11-25, not 2026-11-24"),
    ],
)
def test_a_bad_answers_file_is_one_line_and_saves_nothing(focus, tmp_path, document, message):
    _two_visits(focus)
    answers = tmp_path / "answers.json"
    answers.write_text(document)
    before = focus.event_count()
    result = focus("debrief", "2026-11-24", "--answers", str(answers), ok=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "focus: " + message.format(file=answers)
    assert focus.event_count() == before


def test_one_bad_answer_in_the_file_saves_none_of_them(focus, tmp_path):
    import json

    _two_visits(focus)
    document = focus.json("debrief", "2026-11-24")
    document["visits"][0]["answers"] = ANSWERS
    document["visits"][1]["answers"] = ANSWERS | {"budget": "lots"}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(document))
    before = focus.event_count()
    result = focus("debrief", "--answers", str(answers), ok=False)
    visit = document["visits"][1]["id"]
    assert result.exit_code == 2
    assert result.stderr == (
        f"focus: --answers {answers}: visit {visit}: budget: 'lots' is not an amount (50000, 50k, 1.2M) or unknown\n"
    )
    assert focus.event_count() == before


async def test_an_answer_that_looks_like_markup_is_shown_as_typed_in_the_fields_error(day_with_two_visits):
    """The form quotes a wrong answer back: "[/x]" is text there, not a markup tag that stops the screen."""
    tracker = day_with_two_visits
    app = make_app(tracker)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        tracker.clock.advance(40)  # 17:03:10
        await tick(pilot)
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief to open")
        screen = app.screen
        screen.query_one("#answer-decision_maker").value = "[/x]"
        await press(pilot, "ctrl+s")
        assert "'[/x]'" in str(screen.query_one("#error-decision_maker").render())
        assert isinstance(app.screen, DebriefScreen) and tracker.day(DAY).debriefs == {}


async def test_a_visit_skipped_on_the_screen_is_not_asked_about_again(day_with_two_visits, tmp_path):
    """ctrl+n records the skip: the screen opened again that day asks only about the other visit,
    and after both are skipped it does not open at all (issue 13, defect 8)."""
    tracker = day_with_two_visits
    tracker.clock.advance(40)  # 17:03:10
    app = make_app(tracker)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief to open")
        await press(pilot, "ctrl+n")  # skip Acme AB
        await press(pilot, "escape")  # stop before Globex
        await until(pilot, lambda: len(tracker.day(DAY).debriefs_skipped) == 1, "the skip to be written")
    (acme,) = tracker.day(DAY).debriefs_skipped
    assert [b.title for b in tracker.day(DAY).blocks if b.id == acme] == ["Acme AB"]
    again = make_app(tracker)
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: isinstance(again.screen, DebriefScreen), "the debrief to open again")
        assert [v.title for v in again.screen.visits] == ["Globex"]
        await press(pilot, "ctrl+n")
        await until(pilot, lambda: len(tracker.day(DAY).debriefs_skipped) == 2, "the second skip to be written")
    last = make_app(tracker)
    async with last.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await tick(pilot)
        assert not isinstance(last.screen, DebriefScreen)
