"""Fuzzing every door outside input comes in by (hypothesis): CLI arguments, config files, inbox
records, event imports, `.ics` files, team files. For each: no traceback, bad input is exit 2 with one
line, and the data already there is unchanged.

The default run is short and repeatable (derandomised, so CI never meets a new example by chance);
``FOCUS_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`` runs a long, random search.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from focus.core.clock import Clock
from focus.sources.inbox import InboxSource
from focus.store.paths import Paths
from tests.conftest import Focus
from tests.source_helpers import Lines, tracker_factory

LONG = os.environ.get("FOCUS_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(LONG or 60),
    derandomize=not LONG,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HOSTILE = "\udcff\ud800\x1b\x07\x00\r\n\t\u202e\x9b|[]<>=@-+\\\"';,:.0123456789 aéö👩‍💼"
text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(HOSTILE)), max_size=30)
word = st.one_of(
    text,
    st.sampled_from(
        [
            "email",
            "phone",
            "call",
            "deal",
            "calls",
            "visits",
            "9",
            "9:30",
            "24:00",
            "25:61",
            "-1",
            "0",
            "1e9",
            "today",
            "yesterday",
            "mon",
            "2026-11-24",
            "2026-02-30",
            "9999-12-31",
            "0001-01-01",
            "2026-W48",
            "2026-W54",
            "09:00-10:00",
            "10:00-09:00",
            "1",
            "99999999999999999999",
            "json",
            "csv",
            "md",
            "html",
        ]
    ),
)
ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # not a terminal: not even a colour code may appear


@pytest.fixture
def seeded(tmp_path) -> Focus:
    """A home with a planned, worked and counted day: what a bad input must leave as it was."""
    focus = Focus(Paths(tmp_path / "config.toml", tmp_path), "2026-11-24T18:00")
    focus("plan", "add", "09:00-10:00", "calls", "Ring the Q4 list", "--date", "2026-11-24")
    focus("start", "--date", "2026-11-24", "--at", "09:00")
    focus("log", "email", "--date", "2026-11-24", "--at", "09:20")
    focus("stop", "--date", "2026-11-24", "--at", "10:00")
    focus("count", "call", "3", "--date", "2026-11-24", "--at", "10:00")
    return focus


def rows(db: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT id, type, payload FROM events ORDER BY id").fetchall()


def assert_clean_run(result, before: list[tuple], db: Path) -> None:
    """No traceback; exit 0, or exit 2 with one line on stderr and the log as it was."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    if result.exit_code == 2:
        assert result.stderr.startswith("focus: ") and result.stderr.count("\n") == 1, result.stderr
        assert rows(db) == before
    assert not ESCAPE.search(result.stdout) and not ESCAPE.search(result.stderr)


COMMANDS = st.one_of(
    st.tuples(st.just("log"), word, st.just("--note"), text),
    st.tuples(st.just("log"), word, st.just("--at"), word, st.just("--date"), word),
    st.tuples(st.just("log"), word, st.just("--minutes"), word),
    st.tuples(st.just("count"), word, word),
    st.tuples(st.just("count"), word, st.just("--at"), word),
    st.tuples(st.just("plan"), st.just("add"), word, word, text),
    st.tuples(st.just("plan"), st.just("add"), word, word, text, st.just("--target"), word),
    st.tuples(st.just("plan"), st.just("ls"), st.just("--date"), word),
    st.tuples(st.just("plan"), st.just("rm"), word),
    st.tuples(st.just("start"), word),
    st.tuples(st.just("stop"), st.just("--at"), word),
    st.tuples(st.just("report"), word, st.just("--format"), word),
    st.tuples(st.just("week"), word),
    st.tuples(st.just("week"), word, st.just("--format"), st.just("csv"), st.just("--delimiter"), text),
    st.tuples(st.just("debrief"), word, st.just("--format"), st.sampled_from(["md", "json"])),
    st.tuples(st.just("team"), text),
)


@FUZZ
@given(args=COMMANDS)
def test_cli_arguments(seeded, args):
    db = seeded.paths.db_file
    before = rows(db)
    result = seeded(*args, ok=False)
    assert_clean_run(result, before, db)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return json.dumps(value)  # a TOML basic string (JSON escapes are TOML escapes, surrogates aside)


KEYS = [
    "timezone",
    "seller",
    "outcomes",
    "auto_start",
    "language",
    "day.start",
    "day.end",
    "day.template",
    "day.email_budget",
    "day.focus_minutes",
    "categories.golf.mode",
    "categories.visits.meeting",
    "interruptions.email.minutes",
    "export.csv_delimiter",
    "debrief.time",
    "sources.calendar.days",
    "sources.calendar.path",
    "sources.maildir.path",
    "sources.maildir.burst_seconds",
]
VALUES = st.one_of(
    text, st.integers(-(10**20), 10**20), st.floats(allow_nan=True), st.booleans(), st.lists(word, max_size=4), word
)


@FUZZ
@given(entries=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=4), raw=st.one_of(st.none(), text))
def test_config_files(seeded, entries, raw):
    db = seeded.paths.db_file
    before = rows(db)
    tables: dict[str, list[str]] = {}
    for key, value in dict(entries).items():
        table, _, name = key.rpartition(".")
        tables.setdefault(table, []).append(f"{name} = {_toml(value)}")
    body = "\n".join(tables.pop("", [])) + "\n"
    body += "".join(f"[{table}]\n" + "\n".join(lines) + "\n" for table, lines in tables.items())
    data = (raw if raw is not None else body).encode("utf-8", "surrogatepass")
    seeded.paths.config_file.write_bytes(data)
    try:
        for args in (("config", "check"), ("report", "2026-11-24"), ("log", "email")):
            result = seeded(*args, ok=False)
            assert_clean_run(result, before, db)
            if result.exit_code == 2:
                assert "config" in result.stderr
    finally:
        seeded.paths.config_file.unlink()


RECORD_VALUES = st.one_of(
    word,
    st.integers(-(10**16), 10**16),
    st.floats(),
    st.none(),
    st.booleans(),
    st.dictionaries(word, word, max_size=2),
    st.lists(word, max_size=2),
)
RECORDS = st.fixed_dictionaries(
    {"type": st.sampled_from(["interruption", "outcome", "block", "mood"])},
    optional=dict.fromkeys(
        (
            "kind",
            "at",
            "minutes",
            "end",
            "note",
            "id",
            "count",
            "date",
            "start",
            "category",
            "title",
            "targets",
            "cuont",
        ),
        RECORD_VALUES,
    ),
)


DROPS = itertools.count()


@FUZZ
@given(records=st.lists(RECORDS, min_size=1, max_size=3), jsonl=st.booleans())
def test_inbox_records(tmp_path, records, jsonl):
    folder = tmp_path / "inbox"
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "rejected").mkdir(mode=0o700, exist_ok=True)
    lines = Lines()
    source = InboxSource(
        folder,
        tracker_factory(tmp_path / "focus.db", Clock.fixed("Europe/Stockholm", "2026-11-27T10:00"), "inbox"),
        lines,
    )
    tracker = source.make_tracker()
    try:
        before = len(rows(tmp_path / "focus.db"))
        path = folder / f"drop-{next(DROPS)}.{'jsonl' if jsonl else 'json'}"  # a name not used before
        body = "\n".join(json.dumps(r) for r in records) if jsonl else json.dumps(records[0])
        path.write_text(body, encoding="utf-8")
        source.record([path], tracker)  # raises if one record could stop the inbox
        assert not path.exists()  # recorded, or moved to rejected/ with its reason
        after = len(rows(tmp_path / "focus.db"))
        if (folder / "rejected" / path.name).exists():
            assert (folder / "rejected" / (path.name + ".error.txt")).read_text().strip()
            assert after == before
    finally:
        tracker.store.close()


EXPORTED = {
    "id": "01JD0000000000000000000001",
    "at": 1764000000000,
    "tz": "Europe/Stockholm",
    "day": "2025-11-24",
    "type": "interruption",
    "payload": {"kind": "email", "end": None, "note": ""},
    "source": "cli",
    "device": "laptop",
    "ref": None,
}
FIELD_VALUES = st.one_of(RECORD_VALUES, st.sampled_from(["block", "outcome", "undo", "session.start", "debrief"]))


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from([*EXPORTED, "extra"]), FIELD_VALUES, max_size=3),
    payload=st.dictionaries(
        st.sampled_from(
            [
                "kind",
                "end",
                "note",
                "count",
                "block",
                "date",
                "start",
                "category",
                "title",
                "targets",
                "answers",
                "minutes",
                "until",
            ]
        ),
        RECORD_VALUES,
        max_size=4,
    ),
)
def test_event_imports(seeded, tmp_path, changes, payload):
    db = seeded.paths.db_file
    before = rows(db)
    line = {**EXPORTED, **changes}
    if payload:
        line["payload"] = payload
    file = tmp_path / "events.jsonl"
    file.write_bytes(json.dumps(line).encode())
    result = seeded("import", "events", str(file), ok=False)
    assert_clean_run(result, before, db)
    if result.exit_code == 0:  # what was accepted must also be readable by every report
        for args in (("report", line["day"] if isinstance(line["day"], str) else "today"), ("week",)):
            assert_clean_run(seeded(*args, ok=False), rows(db), db)


TEAM_KEYS = ["schema", "week", "seller", "days", "totals", "trend", "forecast", "visits"]
TOTAL_KEYS = ["proactive_share", "email_checks", "work_days", "outcomes", "visits", "debrief", "seconds"]


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from(TEAM_KEYS), RECORD_VALUES, max_size=3),
    totals=st.dictionaries(st.sampled_from(TOTAL_KEYS), RECORD_VALUES, max_size=3),
    fmt=st.sampled_from(["text", "json", "csv"]),
)
def test_team_files(seeded, tmp_path, changes, totals, fmt):
    """A seller's real week export, changed in up to three places at the top and three in its totals."""
    folder = tmp_path / "shared"
    if not folder.exists():
        folder.mkdir()
        (tmp_path / "week.json").write_text(seeded("week", "2026-W48", "--format", "json").stdout, encoding="utf-8")
    base = json.loads((tmp_path / "week.json").read_text(encoding="utf-8"))
    doc = {**base, **changes}
    if totals and isinstance(doc.get("totals"), dict):
        doc["totals"] = {**doc["totals"], **totals}
    (folder / "anna-2026-W48.json").write_text(json.dumps(doc), encoding="utf-8")
    db = seeded.paths.db_file
    result = seeded("team", str(folder), "--format", fmt, ok=False)
    assert_clean_run(result, rows(db), db)
    assert result.exit_code == 0  # a bad file is skipped with its reason, never the end of the table


STAMPS = st.one_of(
    st.sampled_from(["20261125T090000Z", "20261125T100000Z", "20261126T083000", "20261124T200000Z"]),
    st.sampled_from(
        [
            "20261125T090000Z",
            "20261125",
            "20261125T250000Z",
            "2026-11-25T09:00",
            "",
            "19700101T000000Z",
            "99991231T235959Z",
            "00010101T000000Z",
            "20260329T023000",
            "20261025T023000",
        ]
    ),
)  # half of them usable, in the 14 days ahead
RULE_PARTS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "FREQ=SECONDLY",
                "FREQ=MINUTELY",
                "FREQ=HOURLY",
                "FREQ=DAILY",
                "FREQ=WEEKLY",
                "FREQ=MONTHLY",
                "FREQ=YEARLY",
                "FREQ=NEVER",
                "WKST=MO",
                "BYDAY=MO,TU,WE,TH,FR",
            ]
        ),
        st.builds("INTERVAL={}".format, st.integers(-1, 10**6)),
        st.builds("COUNT={}".format, st.integers(-1, 10**7)),
        st.builds("UNTIL={}".format, STAMPS),
        st.builds(
            lambda name, values: f"{name}={','.join(map(str, values))}",
            st.sampled_from(["BYSECOND", "BYMINUTE", "BYHOUR", "BYMONTHDAY", "BYSETPOS", "BYYEARDAY"]),
            st.lists(st.integers(-400, 400), min_size=1, max_size=60),
        ),
    ),
    max_size=4,
)
DURATIONS = st.sampled_from(["PT30M", "PT0S", "-PT1H", "P400D", "PT25H", "P1W", "PX", "PT1M"])


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@st.composite
def vevents(draw) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{_escape(draw(text))}", f"DTSTART:{draw(STAMPS)}"]
    end = draw(st.sampled_from(["DTEND", "DURATION", None]))
    if end == "DTEND":
        lines.append(f"DTEND:{draw(STAMPS)}")
    elif end == "DURATION":
        lines.append(f"DURATION:{draw(DURATIONS)}")
    if draw(st.booleans()):
        lines.append("RRULE:" + ";".join(draw(RULE_PARTS)))
    if draw(st.booleans()):
        lines.append("RDATE:" + ",".join(draw(st.lists(STAMPS, max_size=5))))
    lines.append(f"SUMMARY:{_escape(draw(text))}")
    if draw(st.booleans()):
        lines.append(f"CATEGORIES:{draw(st.sampled_from(['calls', 'visits', 'golf', '']))}")
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


@FUZZ
@given(events=st.lists(vevents(), max_size=3), garbage=st.one_of(st.none(), st.none(), st.none(), text))
def test_ics_files(seeded, tmp_path, events, garbage):
    db = seeded.paths.db_file
    before = rows(db)
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:fuzz", *events, "END:VCALENDAR", ""])
    file = tmp_path / "invite.ics"
    file.write_bytes((garbage if garbage is not None else body).encode("utf-8", "surrogatepass"))
    started = time.monotonic()
    result = seeded("plan", "import", str(file), ok=False)
    assert time.monotonic() - started < 10.0  # no invitation is a flood (one searched until 9999: > 30 s)
    assert_clean_run(result, before, db)
    event(f"exit {result.exit_code}, {len(rows(db)) - len(before)} planned")
    if result.exit_code == 2:
        event(re.sub(r"/\S+|'[^']*'", "…", result.stderr)[:60])
