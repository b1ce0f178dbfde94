"""Text from outside is checked at the border (core.text): invalid UTF-8 and lone surrogates, control
characters and over-long titles are one line and exit 2 in the CLI, a rejected file in the inbox, a
refused line in an import — and the store never sees what it cannot encode."""

from __future__ import annotations

import json

import pytest
from watchdog.observers import Observer

from focus.core.clock import Clock
from focus.core.errors import FocusError
from focus.core.text import NOTE_MAX, TITLE_MAX, clean, visible
from focus.sources.inbox import InboxSource
from tests.source_helpers import Lines, count_events, tracker_factory, wait_until

DAY = "2026-11-24"


@pytest.mark.parametrize(
    "value, words",
    [
        ("\udcff", "not valid text"),  # the byte 0xff as Python hands it over from argv
        ("\ud800", "not valid text"),  # a lone surrogate, valid JSON
        ("Visit \x1b]2;PWNED\x07", "control character (U+001B)"),
        ("bell\x07", "control character (U+0007)"),
        ("nul\x00", "control character (U+0000)"),
        ("c1\x9b31m", "control character (U+009B)"),
        ("evil\u202egnp.exe", "control character (U+202E)"),  # a bidi override
        ("x" * (TITLE_MAX + 1), f"at most {TITLE_MAX}"),
    ],
)
def test_the_rule_refuses_with_words(value, words):
    with pytest.raises(FocusError) as refused:
        clean(value, "the title")
    assert words in str(refused.value)


def test_the_rule_keeps_ordinary_text_and_makes_line_breaks_one_space():
    assert clean("  Ring\tthe\r\nQ4 list  ", "t") == "Ring the Q4 list"
    assert clean("Kundbesök hos Åhléns 👩‍💼", "t") == "Kundbesök hos Åhléns 👩‍💼"  # ZWJ emoji pass
    assert clean("n" * NOTE_MAX, "note", NOTE_MAX) == "n" * NOTE_MAX


def test_repair_is_the_same_rule_for_text_nobody_here_can_fix():
    assert visible("a\x1bb\ud800\nc") == "a\ufffdb\ufffd c"
    long = visible("x" * 500)
    assert len(long) == TITLE_MAX and long.endswith("…")


@pytest.mark.parametrize(
    "args, words",
    [
        (("log", "email", "--note", "\udcff"), "the note is not valid text"),
        (("log", "phone", "--note", "a\x1b[2Jb"), "the note has a control character (U+001B)"),
        (("plan", "add", "09:00-10:00", "calls", "\udcff"), "the title is not valid text"),
        (("plan", "add", "09:00-10:00", "calls", "x" * 300), "the title is 300 characters long; at most 120"),
        (("week", "--format", "csv", "--delimiter", "\udcff"), "--delimiter"),
        (("week", "--format", "csv", "--delimiter", "\x1b"), "--delimiter"),
    ],
)
def test_bad_text_in_arguments_is_one_line_and_exit_2(focus, args, words):
    result = focus(*args, ok=False)
    assert result.exit_code == 2, result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert focus.event_count() == 0


def test_a_title_with_a_tab_or_newline_is_one_line_in_the_log(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring\tthe\nQ4 list", "--date", DAY)
    (block,) = focus.json("plan", "ls", "--date", DAY)
    assert block["title"] == "Ring the Q4 list"


def _line(payload: dict, kind: str = "interruption", **fields) -> str:
    event = {
        "id": "01JD0000000000000000000001",
        "at": 1764000000000,
        "tz": "Europe/Stockholm",
        "day": "2025-11-24",
        "type": kind,
        "payload": payload,
        "source": "cli",
        "device": "laptop",
        "ref": None,
    }
    return json.dumps({**event, **fields})


@pytest.mark.parametrize(
    "line, words",
    [
        (_line({"kind": "email", "end": None, "note": "\ud800"}), "not valid text (a lone surrogate)"),
        (_line({"kind": "email", "end": None, "note": "", "\ud800": 1}), "not valid text (a lone surrogate)"),
        (_line({"kind": "email", "end": None, "note": "\x1b]2;x\x07"}), "with a bad note"),
        (
            _line(
                {"block": "b1", "date": "2025-11-24", "start": "09:00", "end": {}, "category": "calls"},
                "block",
                ref="b1",
            ),
            "with a bad date, start or end",
        ),
        (_line({"kind": "chad", "count": 1}, "outcome"), "the outcome 'chad', which the config does not know"),
        (_line({"kind": "fax", "end": None, "note": ""}), "the interruption kind 'fax'"),
        (
            _line(
                {"block": "b1", "date": "2025-11-24", "start": "09:00", "end": "10:00", "category": "golf"},
                "block",
                ref="b1",
            ),
            "the category 'golf'",
        ),
        (_line({"block": "b1", "answers": {}}, "debrief", ref="b1"), "with bad answers"),  # broke every report
        (
            _line(
                {
                    "block": "b1",
                    "answers": {
                        "who": "\x1b]2;x\x07",
                        "decision_maker": "yes",
                        "budget": 1.0,
                        "next_step": "",
                        "booked": "yes",
                        "why_not": "",
                    },
                },
                "debrief",
                ref="b1",
            ),
            "with bad answers",
        ),
    ],
    ids=[
        "surrogate-note",
        "surrogate-key",
        "escape-note",
        "end-object",
        "unknown-outcome",
        "unknown-kind",
        "category",
        "debrief-empty",
        "debrief-escape",
    ],
)
def test_an_import_refuses_a_bad_line_and_changes_nothing(focus, tmp_path, line, words):
    good = _line({"kind": "email", "end": None, "note": ""}, id="01JD0000000000000000000002")
    file = tmp_path / "events.jsonl"
    file.write_text(good + "\n" + line + "\n", encoding="utf-8")
    result = focus("import", "events", str(file), ok=False)
    assert result.exit_code == 2, result.exception
    assert "line 2:" in result.stderr and words in result.stderr
    assert focus.event_count() == 0  # all or nothing


def test_the_inbox_rejects_a_poison_file_and_records_the_good_ones_around_it(tmp_path):
    """A lone surrogate in a note (valid JSON) killed the inbox thread: the file never reached
    rejected/ and every good file after it waited forever."""
    folder = tmp_path / "inbox"
    folder.mkdir(mode=0o700)
    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
    lines = Lines()
    source = InboxSource(folder, tracker_factory(tmp_path / "focus.db", clock, "inbox"), lines)
    observer = Observer()
    source.schedule(observer)
    observer.start()
    source.start()
    try:
        files = {
            "1-good.json": {"type": "interruption", "kind": "phone", "minutes": 3},
            "2-poison.json": {"type": "interruption", "kind": "phone", "minutes": 3, "note": "\ud800"},
            "3-good.json": {"type": "outcome", "kind": "call", "note": "x", "at": "2026-11-27T09:00:00+01:00"},
            "4-title.json": {
                "type": "block",
                "date": "2026-11-27",
                "start": "13",
                "end": "14",
                "category": "visits",
                "title": "Acme \x1b]2;PWNED\x07",
            },
            "5-good.json": {"type": "outcome", "kind": "call", "count": 2},
        }
        for name, record in files.items():
            temporary = folder / f".{name}.tmp"
            temporary.write_text(json.dumps(record), encoding="utf-8")  # \ud800 is written as an escape
            temporary.rename(folder / name)
            if name == "2-poison.json":  # the poison lands between two good files in separate batches
                wait_until(lambda: (folder / "rejected" / "2-poison.json").exists(), what="the poison rejected")
        wait_until(
            lambda: not any(p.name.endswith(".json") for p in folder.iterdir()),
            what="every file recorded or rejected",
        )
    finally:
        observer.stop()
        observer.join(timeout=5)
        source.stop()
    assert (folder / "rejected" / "2-poison.json.error.txt").read_text() == (
        "record 1: not valid text (a lone surrogate)\n"
    )
    assert "control character (U+001B)" in (folder / "rejected" / "4-title.json.error.txt").read_text()
    assert sorted(p.name for p in (folder / "rejected").iterdir() if not p.name.endswith(".txt")) == [
        "2-poison.json",
        "4-title.json",
    ]
    assert count_events(tmp_path / "focus.db", "interruption") == 1
    assert count_events(tmp_path / "focus.db", "outcome") == 2


def test_an_invitation_summary_with_control_characters_is_repaired_not_refused(focus, tmp_path):
    """Anyone can send a seller an invitation: its summary is repaired by the same rule (U+FFFD for what
    the rule refuses), so one odd invite neither stops the import nor reaches a terminal raw."""
    ics = tmp_path / "invite.ics"
    ics.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
            "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20261125T090000Z\r\nDTEND:20261125T100000Z\r\n"
            "SUMMARY:Customer visit \x1b]2;PWNED\x07 \u202eAcme\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20261125T110000Z\r\nDTEND:20261125T120000Z\r\n"
            "SUMMARY:Ring the Q4 list\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    focus("plan", "import", str(ics))
    titles = [block["title"] for block in focus.json("plan", "ls", "--date", "2026-11-25")]
    assert titles == ["Customer visit \ufffd]2;PWNED\ufffd \ufffdAcme", "Ring the Q4 list"]


def test_the_store_refuses_what_it_cannot_encode_with_one_line(tmp_path):
    """The last guard behind the border checks: an event holding a lone surrogate (a caller that
    skipped the checks) is a FocusError, never a UnicodeEncodeError out of SQLite, and nothing is written."""
    from focus.core.model import Event
    from focus.store.database import Store

    with Store(tmp_path / "focus.db") as store:
        note = {"kind": "email", "end": None, "note": "\ud800"}
        bad = Event("01JD0000000000000000000009", 1, "UTC", "1970-01-01", "interruption", note, "cli", "t", None)
        with pytest.raises(FocusError, match="not valid Unicode was refused; nothing was written"):
            store.append(bad)
        assert store.count() == 0
