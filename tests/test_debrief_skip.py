"""Issue 13 #8: skipping a visit in the debrief is a decision that sticks (a ``debrief.skipped`` event):
it is no longer a visit to debrief, the Markdown says it was skipped, and undo takes it back."""

from __future__ import annotations

import json

import pytest

from focus.cli import Services, cli
from focus.core import debrief, events
from focus.core.clock import Clock
from focus.core.model import Event
from focus.reports.debrief import debrief_markdown
from focus.reports.describe import describe
from tests.tui_helpers import DAY, make_tracker, plan

ANSWERS = {"who": "Anna", "decision_maker": "yes", "budget": "50k", "next_step": "Quote", "booked": "yes"}


@pytest.fixture
def tracker(tmp_path):
    made = make_tracker(tmp_path, "2026-11-24T17:10")
    plan(made, ("09:00", "10:00", "visits", "Acme AB"), ("13:00", "14:00", "visits", "Globex"))
    yield made
    made.store.close()


def open_visits(tracker) -> list[str]:
    log, visits = tracker.visits(DAY)
    return [v.title for v in debrief.to_debrief(visits, log)]


def test_a_skipped_visit_is_no_longer_to_debrief_and_undo_brings_it_back(tracker):
    acme, globex = tracker.day(DAY).blocks
    tracker.debrief(DAY, acme.id, ANSWERS | {"why_not": ""})
    assert open_visits(tracker) == ["Globex"]
    skipped = tracker.skip_debrief(DAY, globex.id)
    assert skipped is not None and skipped.type == events.DEBRIEF_SKIPPED == "debrief.skipped"
    assert open_visits(tracker) == []
    assert tracker.day(DAY).debriefs_skipped == frozenset({globex.id})
    undone = tracker.undo()
    assert describe(undone, tracker.clock) == "the skipped debrief of visit 13:00–14:00 'Globex'"
    assert open_visits(tracker) == ["Globex"] and tracker.day(DAY).debriefs_skipped == frozenset()


def test_answers_win_over_a_skip_and_a_skip_of_an_answered_visit_writes_nothing(tracker):
    _acme, globex = tracker.day(DAY).blocks
    tracker.skip_debrief(DAY, globex.id)
    tracker.debrief(DAY, globex.id, ANSWERS | {"why_not": ""})  # answered later after all
    assert tracker.day(DAY).debriefs_skipped == frozenset() and open_visits(tracker) == ["Acme AB"]
    before = len(tracker.store.events_between_days("2026-11-23", "2026-11-25"))
    assert tracker.skip_debrief(DAY, globex.id) is None
    assert len(tracker.store.events_between_days("2026-11-23", "2026-11-25")) == before


def test_the_markdown_says_skipped_not_not_debriefed(tracker):
    _acme, globex = tracker.day(DAY).blocks
    tracker.skip_debrief(DAY, globex.id)
    log, visits = tracker.visits(DAY)
    text = debrief_markdown(DAY, visits, log.debriefs, log.debriefs_skipped)
    acme_part, globex_part = text.split("## 13:00–14:00 Globex")
    assert "_Not debriefed._" in acme_part and "_Skipped._" in globex_part and "Not debriefed" not in globex_part


def test_the_cli_records_a_skip_from_the_prompt_and_from_a_null_in_the_answers(focus, tmp_path):
    date = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", *date)
    focus("plan", "add", "13:00-14:00", "visits", "Globex", *date)
    clock = Clock.fixed("Europe/Stockholm", "2026-11-24T18:00")
    result = focus.runner.invoke(cli, ["debrief", "2026-11-24"], input="n\nn\n", obj=Services(focus.paths, clock))
    assert result.exit_code == 0, result.output
    assert "Saved 0 debriefs; 2 skipped." in result.stdout
    shown = focus("debrief", "2026-11-24", "--format", "md").stdout
    assert shown.count("_Skipped._") == 2
    focus("undo")
    focus("undo")
    sheet = {"date": "2026-11-24", "visits": [{"id": "1", "answers": None}, {"id": "2", "answers": None}]}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(sheet))
    focus("debrief", "--answers", str(answers))
    assert focus("debrief", "2026-11-24", "--format", "md").stdout.count("_Skipped._") == 2


def test_an_imported_skip_needs_its_visit():
    event = Event("01J", 0, "Europe/Stockholm", DAY.isoformat(), events.DEBRIEF_SKIPPED, {}, ref=None)
    assert events.problem(event) == "needs ref"
    assert (
        events.problem(Event("01J", 0, "Europe/Stockholm", "2026-11-24", events.DEBRIEF_SKIPPED, {}, ref="b")) is None
    )
