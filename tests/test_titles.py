"""Issue 13 #11: a title is one line of at most 120 characters, by one rule (core/text.py) for the CLI,
the screen's form and the inbox (through the Tracker), a calendar (repaired: `visible`) and an import of
the event log (refused: `core.events.problem`)."""

from __future__ import annotations

import json

import pytest

from focus.core.clock import Clock
from focus.core.text import TITLE_MAX, visible
from focus.sources.inbox import Rejected, to_event
from tests.source_helpers import tracker_factory


def titles(focus, day: str = "2026-11-24") -> list[str]:
    return [b["title"] for b in json.loads(focus("plan", "ls", "--date", day, "--format", "json").stdout)]


def test_a_tab_or_a_newline_in_a_title_becomes_one_space_and_the_table_keeps_its_shape(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring\tthe\n\nQ4 list", "--date", "2026-11-24")
    assert titles(focus) == ["Ring the Q4 list"]
    table = focus("plan", "ls", "--date", "2026-11-24").stdout
    assert "\t" not in table and len(table.splitlines()) == 2


def test_a_title_of_more_than_120_characters_is_refused_and_120_are_kept(focus):
    result = focus("plan", "add", "09:00-10:00", "calls", "x" * 300, "--date", "2026-11-24", ok=False)
    assert result.exit_code == 2
    assert result.stderr == "focus: the title is 300 characters long; at most 120\n"
    assert focus.event_count() == 0
    focus("plan", "add", "09:00-10:00", "calls", "é" * TITLE_MAX, "--date", "2026-11-24")
    assert titles(focus) == ["é" * TITLE_MAX]


def test_the_inbox_and_the_screens_edit_keep_the_same_rule(tmp_path):
    import datetime as dt

    from focus.core.plan import PlannedBlock

    tracker = tracker_factory(tmp_path / "focus.db", Clock.fixed("Europe/Stockholm", "2026-11-24T10:00"), "inbox")()
    block = {"type": "block", "date": "2026-11-24", "start": "09:00", "end": "10:00", "category": "calls"}
    event = to_event({**block, "title": "Ring\tthe\nlist"}, tracker, tracker.clock.now_ms(), {})
    assert event.payload["title"] == "Ring the list"
    with pytest.raises(Rejected, match="the title is 300 characters long; at most 120"):
        to_event({**block, "title": "x" * 300}, tracker, tracker.clock.now_ms(), {})
    (planned,) = tracker.plan([PlannedBlock(dt.date(2026, 11, 24), dt.time(9), dt.time(10), "calls", "Ring")])
    again = PlannedBlock(planned.date, dt.time(9), dt.time(10), "calls", "Ring\r\nagain")
    assert tracker.edit(planned.date, planned.id, again).title == "Ring again"
    tracker.store.close()


def test_a_calendar_summary_is_repaired_by_the_same_rule():
    assert visible("Kundmöte\tAcme\nQ4") == "Kundmöte Acme Q4"
    cut = visible("y" * 300)
    assert len(cut) == TITLE_MAX and cut.endswith("…")


@pytest.mark.parametrize(
    "title", ["Ring\tthe list", "Ring\nthe list", " Ring", "x" * 121], ids=["tab", "newline", "blank", "long"]
)
def test_an_imported_block_whose_title_breaks_the_rule_is_refused(focus, tmp_path, title):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", "2026-11-24")
    (line,) = focus("export", "events").stdout.splitlines()
    event = json.loads(line)
    event["payload"]["title"] = title
    event["id"] = event["id"][:-1] + ("A" if event["id"][-1] != "A" else "B")
    dump = tmp_path / "events.jsonl"
    dump.write_text(json.dumps(event) + "\n")
    result = focus("import", "events", str(dump), ok=False)
    assert result.exit_code == 2
    assert result.stderr == "focus: line 1: an event of type 'block' with a bad title\n"
    assert focus.event_count() == 1
