"""``focus plan export --format ics``: the plan as iCalendar, UTC instants, stable UIDs, ISO weeks."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from focus.store.paths import Paths
from tests.conftest import Focus

UTC = dt.UTC
DAY = "2026-11-24"  # a Tuesday in week 48; Stockholm is UTC+1 then


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["PRODID"]) == "-//focus//plan//EN" and str(calendar["VERSION"]) == "2.0"
    return list(calendar.walk("VEVENT"))


def ids(focus: Focus, date: str) -> list[str]:
    return [block["id"] for block in focus.json("plan", "ls", "--date", date)]


def test_a_day_exports_each_block_with_uid_title_category_mode_and_utc_times(focus):
    focus("plan", "add", "08:30-08:45", "email", "--date", DAY)
    focus("plan", "add", "09:00-10:30", "calls", "Ring the Q4 list", "--target", "call=20", "--date", DAY)
    focus("plan", "add", "09:00-10:00", "visits", "Another day", "--date", "2026-11-25")
    result = focus("plan", "export", "--format", "ics", "--date", DAY)
    assert result.stderr == ""
    assert result.stdout_bytes.endswith(b"END:VCALENDAR\r\n")  # RFC 5545 lines, CRLF as written
    assert "DTSTART:20261124T080000Z" in result.stdout
    email, calls = events(result.stdout)
    email_id, calls_id = ids(focus, DAY)
    assert [str(e["UID"]) for e in (email, calls)] == [f"{email_id}-{DAY}@focus", f"{calls_id}-{DAY}@focus"]
    assert [str(e["SUMMARY"]) for e in (email, calls)] == ["email", "Ring the Q4 list"]
    assert [e.categories for e in (email, calls)] == [["email"], ["calls"]]
    assert (email.start, email.end) == (utc(2026, 11, 24, 7, 30), utc(2026, 11, 24, 7, 45))
    assert (calls.start, calls.end) == (utc(2026, 11, 24, 8, 0), utc(2026, 11, 24, 9, 30))
    assert str(email["DESCRIPTION"]) == "mode: reactive"
    assert str(calls["DESCRIPTION"]) == "mode: proactive\ntargets: call=20"
    assert calls["DTSTAMP"].dt == utc(2026, 11, 24, 17, 0)  # the clock's now, 18:00 in Stockholm


def test_the_default_is_today_and_an_export_is_the_same_twice(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring")
    first = focus("plan", "export").stdout
    assert [str(e["SUMMARY"]) for e in events(first)] == ["Ring"]
    assert focus("plan", "export", "--date", "today").stdout == first


def test_a_block_across_the_autumn_dst_change_lasts_its_real_four_hours(focus):
    # 2026-10-25 in Stockholm: 03:00 CEST becomes 02:00 CET, so 01:00–04:00 is four hours.
    focus("plan", "add", "01:00-04:00", "quotes", "Night quotes", "--date", "2026-10-25")
    (event,) = events(focus("plan", "export", "--date", "2026-10-25").stdout)
    assert (event.start, event.end) == (utc(2026, 10, 24, 23, 0), utc(2026, 10, 25, 3, 0))
    assert event.end - event.start == dt.timedelta(hours=4)


def test_a_week_is_monday_to_sunday_given_as_iso_week_or_any_date_in_it(focus):
    for date, title in [
        ("2026-11-22", "Sunday before"),
        ("2026-11-23", "Monday"),
        ("2026-11-29", "Sunday"),
        ("2026-11-30", "Monday after"),
    ]:
        focus("plan", "add", "09:00-10:00", "calls", title, "--date", date)
    week = focus("plan", "export", "--week", "2026-W48").stdout
    assert [(str(e["SUMMARY"]), e.start) for e in events(week)] == [
        ("Monday", utc(2026, 11, 23, 8, 0)),
        ("Sunday", utc(2026, 11, 29, 8, 0)),
    ]
    for other in ("2026-w48", "2026-11-29", "today", "mon"):
        assert focus("plan", "export", "--week", other).stdout == week


def test_week_53_of_2026_runs_into_2027(focus):
    focus("plan", "add", "09:00-10:00", "calls", "First", "--date", "2026-12-28")
    focus("plan", "add", "09:00-10:00", "calls", "Last", "--date", "2027-01-03")
    focus("plan", "add", "09:00-10:00", "calls", "Next week", "--date", "2027-01-04")
    found = events(focus("plan", "export", "--week", "2026-W53").stdout)
    assert [(str(e["SUMMARY"]), str(e["UID"]).split("-", 1)[1]) for e in found] == [
        ("First", "2026-12-28@focus"),
        ("Last", "2027-01-03@focus"),
    ]
    assert [str(e["SUMMARY"]) for e in events(focus("plan", "export", "--week", "2027-W01").stdout)] == ["Next week"]


def test_an_empty_week_is_a_valid_empty_calendar_with_a_note(focus):
    result = focus("plan", "export", "--week", "2026-W50")
    assert events(result.stdout) == []
    assert result.stderr.strip() == "nothing is planned in 2026-W50 (2026-12-07 to 2026-12-13); the calendar is empty"
    assert "nothing is planned on 2026-11-24" in focus("plan", "export").stderr


def test_titles_with_commas_semicolons_and_backslashes_survive_escaping(focus):
    title = "Acme, Inc; Q4 deal\nbring the contract \\ pen"  # a title is one line: the newline is a space
    focus("plan", "add", "13:00-14:00", "visits", title, "--date", DAY)
    text = focus("plan", "export", "--date", DAY).stdout
    assert "SUMMARY:Acme\\, Inc\\; Q4 deal bring the contract \\\\ pen" in text
    (event,) = events(text)
    assert str(event["SUMMARY"]) == title.replace("\n", " ")


def test_out_writes_the_file_and_says_so(focus, tmp_path):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", DAY)
    out = tmp_path / "plan.ics"
    result = focus("plan", "export", "--date", DAY, "--out", str(out))
    assert result.stdout == ""
    assert result.stderr.strip() == f"exported 1 block of 2026-11-24 to {out}"
    assert out.read_bytes() == focus("plan", "export", "--date", DAY).stdout_bytes
    assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "args, message",
    [
        (["--week", "2026-W54"], "focus: bad week '2026-W54': 2026 has weeks 01 to 53"),
        (["--week", "2027-W53"], "focus: bad week '2027-W53': 2027 has weeks 01 to 52"),
        (["--week", "2026-W00"], "focus: bad week '2026-W00': 2026 has weeks 01 to 53"),
        (["--week", "2026-48"], "focus: bad week '2026-48': use 2026-W48, this, last (or a date in the week)"),
        (["--week", "next"], "focus: bad week 'next': use 2026-W48, this, last (or a date in the week)"),
        (["--date", DAY, "--week", "2026-W48"], "focus: give --date or --week, not both"),
        (["--date", "someday"], "focus: bad date 'someday': use today, yesterday, mon…sun or YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(focus, args, message):
    result = focus("plan", "export", *args, ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [message]


def test_an_unwritable_out_or_another_format_is_refused(focus, tmp_path):
    missing = tmp_path / "no" / "such" / "plan.ics"
    result = focus("plan", "export", "--out", str(missing), ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [f"focus: cannot write {missing}: No such file or directory"]
    assert not missing.parent.exists()
    other = focus("plan", "export", "--format", "json", ok=False)
    assert other.exit_code == 2 and len(other.stderr.splitlines()) == 1 and "'json' is not 'ics'" in other.stderr


def test_an_exported_week_imports_back_at_the_same_local_times(focus, tmp_path):
    # Week 43 of 2026 ends on the DST day: Sunday 2026-10-25.
    plan = [
        ("2026-10-19", "08:30-08:45", "email", "Inbox, first; then calls"),
        ("2026-10-22", "09:00-10:30", "calls", "Ring the Q3 list"),
        ("2026-10-25", "01:00-04:00", "quotes", "Night quotes"),
        ("2026-10-25", "16:00-17:00", "visits", "Acme AB"),
    ]
    for date, times, category, title in plan:
        focus("plan", "add", times, category, title, "--date", date)
    file = tmp_path / "week43.ics"
    focus("plan", "export", "--week", "2026-W43", "--out", str(file))

    other = tmp_path / "other"
    other.mkdir()
    # Map the CATEGORIES values back to the categories (the titles match none of these).
    rules = ", ".join(f'{{match = "^{name}$", category = "{name}"}}' for name in ("email", "calls", "quotes", "visits"))
    (other / "config.toml").write_text(f"[sources.calendar]\nrules = [{rules}]\n", encoding="utf-8")
    fresh = Focus(Paths(other / "config.toml", other), "2026-10-19T07:00")
    imported = fresh("plan", "import", str(file)).stdout.splitlines()
    assert len(imported) == len(plan)
    again = []
    for date in sorted({date for date, *_ in plan}):
        again += [
            (b["date"], f"{b['start']}-{b['end']}", b["category"], b["title"])
            for b in fresh.json("plan", "ls", "--date", date)
        ]
    assert again == plan


def test_without_calendar_leaves_out_the_blocks_the_calendar_planned(focus, tmp_path):
    focus("plan", "add", "13:00-14:00", "calls", "Ring", "--date", DAY)
    ics = tmp_path / "visit.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:acme-1\r\n"
        "DTSTAMP:20261120T080000Z\r\nDTSTART:20261124T080000Z\r\nDTEND:20261124T090000Z\r\n"
        "SUMMARY:Visit Acme\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    focus("plan", "import", str(ics), now="2026-11-24T07:00")  # the morning: the visit is still ahead
    everything = [str(e["SUMMARY"]) for e in events(focus("plan", "export", "--date", DAY).stdout)]
    own = [str(e["SUMMARY"]) for e in events(focus("plan", "export", "--date", DAY, "--without-calendar").stdout)]
    assert everything == ["Visit Acme", "Ring"] and own == ["Ring"]


def test_importing_your_own_export_changes_nothing_and_elsewhere_keeps_the_categories(focus, tmp_path):
    focus("plan", "add", "08:30-08:45", "email", "Inbox", "--date", DAY)
    focus("plan", "add", "09:00-10:30", "calls", "Ring the Q4 list", "--date", DAY)
    file = tmp_path / "day.ics"
    focus("plan", "export", "--date", DAY, "--out", str(file), now="2026-11-24T07:00")
    before = focus.json("plan", "ls", "--date", DAY)
    again = focus("plan", "import", str(file), now="2026-11-24T07:00").stdout
    assert again.startswith("calendar: nothing changed") and focus.json("plan", "ls", "--date", DAY) == before

    other = tmp_path / "other"
    other.mkdir()
    colleague = Focus(Paths(other / "config.toml", other), "2026-11-24T07:00")  # no calendar rules of its own
    colleague("plan", "import", str(file))
    assert [(b["start"], b["category"], b["title"]) for b in colleague.json("plan", "ls", "--date", DAY)] == [
        ("08:30", "email", "Inbox"),
        ("09:00", "calls", "Ring the Q4 list"),
    ]


def test_calendar_blocks_ids_with_digits_round_trip_and_a_moved_day_is_a_new_block(focus, tmp_path):
    from focus.sources.calendar import block_id

    uid = next(f"visit-{n}" for n in range(100) if any(c.isdigit() for c in block_id(f"visit-{n}")))
    ics = tmp_path / "visit.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261120T080000Z\r\nDTSTART:20261124T080000Z\r\n"
        "DTEND:20261124T090000Z\r\nSUMMARY:Visit Acme\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    focus("plan", "import", str(ics), now="2026-11-24T07:00")
    exported = tmp_path / "day.ics"
    focus("plan", "export", "--date", DAY, "--out", str(exported), now="2026-11-24T07:00")
    assert f"UID:{block_id(uid)}-{DAY}@focus" in exported.read_text()
    again = focus("plan", "import", str(exported), now="2026-11-24T07:00").stdout
    assert again.startswith("calendar: nothing changed") and len(focus.json("plan", "ls", "--date", DAY)) == 1
    # The exported event moved to the next day in some calendar: not the same block any more.
    moved = (
        exported.read_text()
        .replace("DTSTART:20261124T", "DTSTART:20261125T")
        .replace("DTEND:20261124T", "DTEND:20261125T")
    )
    exported.write_text(moved)
    focus("plan", "import", str(exported), now="2026-11-24T07:00")
    (tomorrow,) = focus.json("plan", "ls", "--date", "2026-11-25")
    assert tomorrow["id"] != block_id(uid) and tomorrow["title"] == "Visit Acme"
