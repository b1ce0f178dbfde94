"""Issue 13, "Fix the past without undoing the present", from the command line: ``focus entries`` numbers
a day's entries, ``focus edit N`` corrects one and ``focus rm N`` removes one, each as new events that
name what they replace (DESIGN §3 rule 13); nothing is changed in place, and undo takes a correction
back whole. The clock reads Tue 2026-11-24 18:00 in Stockholm."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import Focus

M = 60


@pytest.fixture
def day(focus: Focus) -> Focus:
    """A morning: calls 09:00 until quotes start at 10:05, stopped 10:50; an email check at 09:20,
    a phone call 09:40 (10 min, "Anna"), 3 calls counted at 09:50."""
    focus("plan", "add", "9-10", "calls", "Ring Q4", "--target", "call=20")
    focus("plan", "add", "10-11", "quotes", "Offert")
    focus("start", "1", "--at", "9:00")
    focus("log", "email", "--at", "9:20")
    focus("log", "phone", "--at", "9:40", "--minutes", "10", "--note", "Anna")
    focus("count", "call", "3", "--at", "9:50")
    focus("start", "2", "--at", "10:05")
    focus("stop", "--at", "10:50")
    return focus


def worked(focus: Focus, date: str = "2026-11-24") -> list[int]:
    return [block["worked_seconds"] // M for block in focus.json("report", date)["blocks"]]


def rows(focus: Focus, *args: str) -> list[str]:
    return focus("entries", *args).stdout.splitlines()[1:-1]


def test_entries_are_numbered_in_time_order_with_their_times_lengths_and_sources(day):
    assert day("entries").stdout == (
        "Entries of Tue 24 Nov 2026 · v48\n"
        "1  09:00–10:05  1h05  calls 'Ring Q4'\n"
        "2  09:20–09:25    5m  email check      pressed\n"
        "3  09:40–09:50   10m  phone · Anna     pressed\n"
        "4  09:50              3 × call         pressed\n"
        "5  10:05–10:50   45m  quotes 'Offert'\n"
        "correct one: focus edit N …; remove one: focus rm N (focus undo takes either back)\n"
    )
    listed = day.json("entries")["entries"]
    assert [(e["number"], e["entry"], e["kind"]) for e in listed] == [
        (1, "session", "calls"),
        (2, "interruption", "email"),
        (3, "interruption", "phone"),
        (4, "outcome", "call"),
        (5, "session", "quotes"),
    ]


def test_an_interruption_corrected_in_kind_and_start_is_new_events_and_the_report_follows(day):
    before = day.event_count()
    result = day("edit", "2", "--kind", "phone", "--at", "9:15")
    assert result.stdout == "corrected 2: email check 09:20–09:25 (5m) → 2: phone 09:15–09:20 (5m)\n"
    assert day.event_count() == before + 1  # one new event; the old one is still in the log
    interruptions = day.json("report")["interruptions"]
    assert interruptions["by_kind"]["email"] == 0 and interruptions["by_kind"]["phone"] == 2
    with sqlite3.connect(day.paths.db_file) as conn:  # the documented view says the same
        assert conn.execute("SELECT kind, start_local, minutes FROM interruptions ORDER BY start_ms").fetchall() == [
            ("phone", "2026-11-24T09:15:00+01:00", 5.0),
            ("phone", "2026-11-24T09:40:00+01:00", 10.0),
        ]
        assert conn.execute("SELECT count(*) FROM events WHERE type = 'interruption'").fetchone()[0] == 3


def test_an_interruption_gets_another_length_and_note(day):
    day("edit", "3", "--minutes", "25", "--note", "Anna, Volvo")
    assert rows(day)[2] == "3  09:40–10:05   25m  phone · Anna, Volvo  pressed"
    assert day.json("report")["seconds"]["reactive"] == (5 + 25) * M


def test_an_outcome_gets_another_count_kind_and_time(day):
    assert day("edit", "4", "--count", "5").stdout == "corrected 4: 3 × call 09:50 → 4: 5 × call 09:50\n"
    day("edit", "4", "--kind", "möte", "--at", "9:55")
    assert day.json("report")["outcomes"] == {"call": 0, "meeting": 5, "quote": 0, "deal": 0}


def test_a_session_start_moves_and_keeps_its_end_unless_a_length_is_given(day):
    day("edit", "1", "--at", "8:50")
    assert rows(day)[0] == "1  08:50–10:05  1h15  calls 'Ring Q4'"
    day("edit", "5", "--minutes", "30")
    assert rows(day)[4] == "5  10:05–10:35   30m  quotes 'Offert'"
    assert worked(day) == [75, 30]


def test_a_later_start_leaves_the_session_before_it_as_it_was(day):
    day("edit", "5", "--at", "10:20")  # calls were ended by this start at 10:05: they keep that end
    assert worked(day) == [65, 30]
    assert [r.split("  ")[1] for r in rows(day) if "'" in r] == ["09:00–10:05", "10:20–10:50"]


def test_a_correction_that_would_overlap_another_session_is_refused_and_writes_nothing(day):
    before = day.event_count()
    result = day("edit", "5", "--at", "9:50", ok=False)
    assert (result.exit_code, result.stderr) == (
        2,
        "focus: it would overlap the session before it, which ends at 10:05\n",
    )
    result = day("edit", "1", "--minutes", "90", ok=False)
    assert result.stderr == "focus: it would overlap the next session, which starts at 10:05\n"
    assert day.event_count() == before


def test_removing_entries_and_undo_bringing_each_back(day):
    assert day("rm", "5").stdout == "removed 5: quotes 'Offert' 10:05–10:50 (45m) (focus undo brings it back)\n"
    assert worked(day) == [65, 0]  # calls keep their end at 10:05
    day("rm", "2")
    day("rm", "3")  # numbers are of the list as it is now: 3 is the count of calls
    report = day.json("report")
    assert report["interruptions"]["total"] == 1 and report["outcomes"]["call"] == 0
    assert day("undo").stdout == "undid the removal of 3 × call at 09:50 (today, 2026-11-24)\n"
    assert day("undo").stdout == "undid the removal of email check at 09:20 (today, 2026-11-24)\n"
    assert day("undo").stdout == "undid the removal of the quotes session at 10:05 (today, 2026-11-24)\n"
    assert worked(day) == [65, 45]
    assert day.json("report")["interruptions"]["total"] == 2


def test_undo_takes_a_correction_back_whole_and_one_correction_at_a_time(day):
    day("edit", "5", "--at", "10:20", "--minutes", "20")  # three events: start, stop, and the stop at 10:05
    day("edit", "5", "--minutes", "10")
    assert worked(day) == [65, 10]
    assert day("undo").stdout == "undid the correction to start of quotes at 10:20 (today, 2026-11-24)\n"
    assert worked(day) == [65, 20]
    day("undo")
    assert worked(day) == [65, 45]
    assert day("undo").stdout == "undid stop at 10:50 (today, 2026-11-24)\n"  # then what came before


def test_a_running_session_takes_a_new_start_but_no_length(focus):
    focus("plan", "add", "17-19", "calls", "Kvällsring")
    focus("start", "--at", "17:00")
    result = focus("edit", "1", "--minutes", "30", ok=False)
    assert result.stderr == "focus: the session is still running: stop it first, then correct its length\n"
    focus("edit", "1", "--at", "17:30")
    assert focus("entries").stdout.splitlines()[1] == "1  17:30–  30m  calls 'Kvällsring'"


def test_a_past_day_by_date_and_an_entry_kept_on_its_day(day):
    yesterday = ("--date", "2026-11-23")
    day("log", "email", *yesterday, "--at", "23:50")
    day("edit", "1", *yesterday, "--minutes", "10")  # to 24:00: still its day
    assert rows(day, *yesterday) == ["1  23:50–24:00  10m  email check  pressed"]
    before = day.event_count()
    result = day("edit", "1", *yesterday, "--minutes", "11", ok=False)
    assert result.stderr == (
        "focus: a corrected entry stays on its day, 2026-11-23, and lasts more than nothing; "
        "to move it to another day: focus rm N, then log it on that day\n"
    )
    assert day("undo", ok=False).exit_code == 2  # the correction is yesterday's: undo asks for its day
    assert day.event_count() == before


def test_the_future_cannot_be_corrected_into(day):
    result = day("edit", "2", "--at", "18:30", ok=False)
    assert result.stderr.startswith("focus: 18:30 on 2026-11-24 has not happened yet")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("edit", "9", "--count", "2"), "focus: no entry 9 on 2026-11-24: they are numbered 1 to 5; "),
        (("edit", "2"), "focus: nothing to change: say what is to be different; see focus edit --help\n"),
        (("edit", "4", "--minutes", "5"), "focus: an outcome has no length: set its time or its count\n"),
        (("edit", "2", "--count", "2"), "focus: only an outcome has a count\n"),
        (("edit", "1", "--kind", "quotes"), "focus: a session keeps its block: remove it and start the other"),
        (("edit", "2", "--kind", "fax"), "focus: unknown interruption kind 'fax'"),
        (("edit", "3", "--minutes", "0"), "focus: a length of 0 minutes: it must be between 1 and 1440\n"),
        (("edit", "5", "--at", "10:55"), "focus: it would end before it starts: give its length too; --minutes M\n"),
        (("rm", "0"), "focus: no entry 0 on 2026-11-24"),
        (("rm", "1", "--date", "2026-11-20"), "focus: 2026-11-20 has no entries\n"),
    ],
)
def test_bad_corrections_say_one_line_and_change_nothing(day, args, said):
    before = day.event_count()
    result = day(*args, ok=False)
    assert result.exit_code == 2 and result.stderr.startswith(said), result.stderr
    assert day.event_count() == before


def test_one_email_check_noticed_twice_is_one_entry_and_goes_whole(focus, tmp_path):
    focus("log", "email", "--at", "9:00")
    (tmp_path / "inbox").mkdir(exist_ok=True)
    with sqlite3.connect(focus.paths.db_file) as conn:  # what a mail source wrote a minute later
        conn.execute(
            "INSERT INTO events (id, at, tz, day, type, payload, source, device) SELECT "
            "'01KZZZZZZZZZZZZZZZZZZZZZZZ', at + 60000, tz, day, type, payload, 'imap', device FROM events"
        )
    assert rows(focus) == ["1  09:00–09:06  6m  email check  pressed"]
    focus("rm", "1")
    assert focus.json("report")["interruptions"]["by_kind"]["email"] == 0


def test_a_correction_of_a_past_day_reaches_its_week(day):
    assert day.json("week")["days"][1]["outcomes"]["call"] == 3  # the week's figures are cached now
    day("edit", "4", "--count", "7")
    assert day.json("week")["days"][1]["outcomes"]["call"] == 7


def test_corrections_travel_with_an_export(day, tmp_path):
    day("edit", "2", "--kind", "chat")
    day("rm", "5")
    backup = tmp_path / "events.jsonl"
    day("export", "events", "--out", str(backup))
    other = Focus(type(day.paths)(tmp_path / "other" / "config.toml", tmp_path / "other"), day.now)
    other("import", "events", str(backup))
    assert other.json("report") == day.json("report")
    assert other("entries").stdout == day("entries").stdout


def test_a_bad_correction_mark_in_an_imported_log_is_refused(day, tmp_path):
    line = (
        '{"id": "01KAAAAAAAAAAAAAAAAAAAAAAA", "at": 1763971200000, "tz": "Europe/Stockholm", "day": "2026-11-24",'
        ' "type": "entry.remove", "payload": {"corrects": "everything"}, "source": "cli", "device": "x", "ref": null}\n'
    )
    (tmp_path / "bad.jsonl").write_text(line, encoding="utf-8")
    result = day("import", "events", str(tmp_path / "bad.jsonl"), ok=False)
    assert result.exit_code == 2 and "bad corrects" in result.stderr


def test_on_the_dst_day_lengths_are_real_minutes(focus):
    autumn = ("--date", "2026-10-25")
    focus("plan", "add", "1-4", "calls", "Natt", *autumn)
    focus("start", "1", *autumn, "--at", "1:30")
    focus("stop", *autumn, "--at", "3:30")  # the clocks went back an hour at 03:00: 3 hours
    assert rows(focus, *autumn) == ["1  01:30–03:30  3h00  calls 'Natt'"]
    focus("edit", "1", *autumn, "--at", "1:00")
    assert rows(focus, *autumn) == ["1  01:00–03:30  3h30  calls 'Natt'"]
    assert focus.json("report", "2026-10-25")["blocks"][0]["worked_seconds"] == 210 * M


def test_every_command_has_help_that_says_what_it_writes(focus):
    text = " ".join(focus("edit", "--help").stdout.split())
    assert "written again as new events" in text and "focus undo takes the correction back" in text
    assert "NUMBER" in focus("rm", "--help").stdout
    assert "focus edit and focus rm take" in " ".join(focus("entries", "--help").stdout.split())


def test_the_write_path_does_not_load_the_corrections():
    """``focus log`` imports the CLI: the corrections' rules load only when a correction command runs."""
    import subprocess
    import sys

    modules = "('focus.core.entries', 'focus.corrections')"
    code = f"import sys, focus.cli; print(sorted(m for m in {modules} if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
