"""Issue 13 #15: wording — "an outcome", "1 mail in", a JSON error said whole, and an undo that names a
block by its time and title, not its id."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from focus.core import events
from focus.core.clock import Clock
from focus.reports import day
from focus.sources.inbox import Rejected, read_records, to_event
from tests.source_helpers import tracker_factory

NOW = "2026-11-24T18:00"


@pytest.fixture
def tracker(tmp_path):
    made = tracker_factory(tmp_path / "focus.db", Clock.fixed("Europe/Stockholm", NOW), "inbox")()
    yield made
    made.store.close()


@pytest.mark.parametrize(
    "kind, words",
    [("outcome", "for an outcome"), ("interruption", "for an interruption"), ("block", "for a block")],
)
def test_an_unknown_inbox_field_takes_the_right_article(tracker, kind, words):
    with pytest.raises(Rejected) as refused:
        to_event({"type": kind, "colour": "red"}, tracker, tracker.clock.now_ms(), {})
    assert str(refused.value) == f"unknown field 'colour' {words}"


def test_one_mail_in_is_singular(tracker):
    tracker.store.append(tracker.make_event(events.MAIL_RECEIVED, tracker.clock.now_ms() - 60_000, {}))
    text = day.to_text(tracker.summary(dt.date(2026, 11, 24)), width=110, color=False)
    assert "1 mail in" in text and "1 mails in" not in text


@pytest.mark.parametrize(
    "content, reason",
    [
        (
            '{"type": "outcome", "kind": "call",}',
            "broken JSON (Expecting property name enclosed in double quotes at line 1 column 36)",
        ),
        ('{"type": "outcome"}\n{"type": ', "broken JSON (line 2: Expecting value at column 10)"),
        ('{"count": ' + "9" * 5000 + "}", "broken JSON (a number of more than 4300 digits)"),
        ("[" * 100_000, "broken JSON (nested too deep)"),
    ],
)
def test_a_broken_inbox_file_is_said_in_a_whole_sentence(tmp_path, content, reason):
    path = tmp_path / "drop.json"
    path.write_text(content)
    with pytest.raises(Rejected) as refused:
        read_records(path)
    assert str(refused.value) == reason


def test_a_broken_line_of_an_imported_log_says_where(focus, tmp_path):
    dump = tmp_path / "events.jsonl"
    dump.write_text('{"id": "x", "at": 1,}\n')
    result = focus("import", "events", str(dump), ok=False)
    assert result.stderr == (
        "focus: line 1: not JSON (Expecting property name enclosed in double quotes at column 21)\n"
    )


def test_undo_names_a_block_by_its_time_and_title(focus):
    date = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "calls", "Ring the Q4 list", *date)
    focus("plan", "add", "13:00-14:00", "visits", "Acme AB", *date)
    answers = {"who": "Anna", "decision_maker": "yes", "budget": "50k", "next_step": "Quote", "booked": "yes"}
    sheet = {"date": "2026-11-24", "visits": [{"id": "2", "answers": answers | {"why_not": ""}}]}
    with open(focus.paths.data_dir / "answers.json", "w") as stream:
        json.dump(sheet, stream)
    focus("debrief", "2026-11-24", "--answers", str(focus.paths.data_dir / "answers.json"))
    assert focus("undo").stdout == "undid the debrief of visit 13:00–14:00 'Acme AB' (Anna) (today, 2026-11-24)\n"
    focus("plan", "rm", "1", *date)
    assert focus("undo").stdout == "undid removal of block 09:00–10:00 'Ring the Q4 list' (today, 2026-11-24)\n"
    focus("plan", "add", "09:00-10:00", "calls", "Tomorrow", "--date", "2026-11-25")
    focus("plan", "rm", "1", "--date", "2026-11-25")
    assert focus("undo", "--date", "2026-11-25").stdout == (
        "undid removal of block Wed 25 Nov 09:00–10:00 'Tomorrow' (day 2026-11-25)\n"
    )


def test_undo_of_a_longer_block_names_it_too(tracker):
    from focus.core.plan import PlannedBlock
    from focus.reports.describe import describe

    (block,) = tracker.plan([PlannedBlock(dt.date(2026, 11, 24), dt.time(16), dt.time(17), "calls", "Ring")])
    tracker.extend(block)
    assert describe(tracker.undo(), tracker.clock) == "15 more minutes for block 16:00–17:00 'Ring'"


def test_a_block_that_is_no_visit_and_a_bad_imported_event_need_no_article(focus, tmp_path):
    focus("plan", "add", "09:00-10:00", "admin", "Expenses", "--date", "2026-11-24")
    (block,) = json.loads(focus("plan", "ls", "--date", "2026-11-24", "--format", "json").stdout)
    sheet = tmp_path / "answers.json"
    sheet.write_text(json.dumps({"visits": [{"id": "1", "answers": {"who": "Anna"}}]}))
    result = focus("debrief", "2026-11-24", "--answers", str(sheet), ok=False)
    assert f"'Expenses' ({block['id']}) is not a customer visit: its category is admin" in result.stderr
    (line,) = focus("export", "events").stdout.splitlines()
    event = json.loads(line) | {"type": "undo", "ref": None}
    dump = tmp_path / "events.jsonl"
    dump.write_text(json.dumps(event) + "\n")
    assert focus("import", "events", str(dump), ok=False).stderr == "focus: line 1: an event of type 'undo' needs ref\n"
