"""`focus team DIR`: three sellers' real `focus week --format json` exports in one folder, plus broken,
foreign, linked, oversized and duplicate files; and the watcher on a real watchdog Observer."""

from __future__ import annotations

import csv
import io
import json
import os
import queue
import signal
import sys
from pathlib import Path

import pytest

from focus.core.team import Team
from focus.reports import team
from focus.sources.team_folder import MAX_BYTES, TeamWatch
from focus.store.paths import Paths
from tests.conftest import Focus

DAY = ("--date", "2026-11-24")
MONDAY = ("--date", "2026-11-23")


def _home(base: Path, seller: str) -> Focus:
    folder = base / seller
    folder.mkdir()
    (folder / "config.toml").write_text(f'seller = "{seller}"\n', encoding="utf-8")
    return Focus(Paths(folder / "config.toml", folder), "2026-11-24T18:00")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, str]:
    """Week 2026-W48 of three sellers, as `focus week --format json` writes it on Tuesday evening (a work
    day counts from the seller's first day in the log to today).
    Anna: calls 09-10 Tue with emails of 10 + 5 min inside → 45 min proactive, 15 reactive: 75 %; 2 emails / 1
    day = 2.0; 12 calls. Björn: calls 09-11 Mon with 3 × 10 min email inside, 5 min email Tue outside any
    block → 90 min / 125 min = 72 %; 4 emails / 2 days → 2.0; 30 calls, 2 meetings, 1 quote. Cecilia: admin 08-09
    (reactive), a visit 10-11 (proactive) → 50 %; no email; 5 calls, 1 deal, 1 visit."""
    base = tmp_path_factory.mktemp("homes")
    anna = _home(base, "Anna")
    anna("plan", "add", "09:00-10:00", "calls", "Ring the Q4 list", *DAY)
    anna("start", *DAY, "--at", "09:00")
    anna("log", "email", "--minutes", "10", *DAY, "--at", "09:20")
    anna("log", "email", "--minutes", "5", *DAY, "--at", "09:40")
    anna("stop", *DAY, "--at", "10:00")
    anna("count", "call", "12", *DAY, "--at", "10:00")

    bjorn = _home(base, "Björn")
    bjorn("plan", "add", "09:00-11:00", "calls", "Ring", *MONDAY)
    bjorn("start", *MONDAY, "--at", "09:00")
    for at in ("09:10", "09:30", "09:50"):
        bjorn("log", "email", "--minutes", "10", *MONDAY, "--at", at)
    bjorn("stop", *MONDAY, "--at", "11:00")
    bjorn("log", "email", "--minutes", "5", *DAY, "--at", "14:00")
    bjorn("count", "call", "30", *MONDAY, "--at", "11:00")
    bjorn("count", "meeting", "2", *MONDAY, "--at", "11:00")
    bjorn("count", "quote", *DAY, "--at", "11:00")

    cecilia = _home(base, "Cecilia")
    cecilia("plan", "add", "08:00-09:00", "admin", "Expenses", *DAY)
    cecilia("plan", "add", "10:00-11:00", "visits", "Acme AB", *DAY)
    cecilia("start", *DAY, "--at", "08:00")
    cecilia("stop", *DAY, "--at", "09:00")
    cecilia("start", "2", *DAY, "--at", "10:00")
    cecilia("stop", *DAY, "--at", "11:00")
    cecilia("count", "call", "5", *DAY, "--at", "11:00")
    cecilia("count", "deal", *DAY, "--at", "11:00")
    return {
        name: home("week", "--format", "json").stdout
        for name, home in (("anna", anna), ("bjorn", bjorn), ("cecilia", cecilia))
    }


@pytest.fixture
def folder(tmp_path, exports) -> Path:
    """The shared folder: the three exports, a truncated file and a foreign JSON file."""
    shared = tmp_path / "shared"
    shared.mkdir()
    for name, text in exports.items():
        (shared / f"{name}-2026-W48.json").write_text(text, encoding="utf-8")
    (shared / "broken.json").write_text('{"schema": "focus.week/1", "week": ', encoding="utf-8")
    (shared / "hello.json").write_text('{"hello": 1}', encoding="utf-8")
    (shared / "notes.txt").write_text("not a .json file: never read", encoding="utf-8")
    return shared


def rows_by_seller(doc: dict) -> dict[str, dict]:
    return {row["seller"]: row for row in doc["rows"]}


def test_the_text_table_has_a_row_per_seller_and_the_skipped_files_under_it(focus, folder):
    out = focus("team", str(folder)).stdout
    lines = out.splitlines()
    assert lines[0] == f"focus · team · {folder}"
    rows = {
        line.split()[0]: line.split()[1:] for line in lines if line.split()[:1] in (["Anna"], ["Björn"], ["Cecilia"])
    }
    #                  week        proactive  email/day calls mtgs quotes deals debriefed visits
    assert rows == {
        "Anna": ["2026-W48", "75", "%", "2.0", "12", "0", "0", "0", "0", "0"],
        "Björn": ["2026-W48", "72", "%", "2.0", "30", "2", "1", "0", "0", "0"],
        "Cecilia": ["2026-W48", "50", "%", "0.0", "5", "0", "0", "1", "0", "1"],
    }
    assert [line.split()[0] for line in lines if line.split()[:1] in (["Anna"], ["Björn"], ["Cecilia"])] == [
        "Anna",
        "Björn",
        "Cecilia",
    ]
    skipped = [line for line in lines if line.startswith("skipped")]
    assert skipped == [
        "skipped broken.json: broken JSON (Expecting value at line 1 column 36)",
        "skipped hello.json: not a focus.week/1 document (no schema)",
    ]
    assert out.index("Cecilia") < out.index("skipped broken.json")
    assert "notes.txt" not in out


def test_json_gives_the_rows_and_the_skipped_files_with_reasons(focus, folder):
    doc = focus.json("team", str(folder))
    assert doc["schema"] == "focus.team/2"
    assert doc["outcomes"] == ["call", "meeting", "quote", "deal"]
    assert [r["seller"] for r in doc["rows"]] == ["Anna", "Björn", "Cecilia"]
    rows = rows_by_seller(doc)
    assert rows["Anna"] == {
        "seller": "Anna",
        "week": "2026-W48",
        "proactive_share": 0.75,
        "email_checks_per_work_day": 2.0,
        "outcomes": {"call": 12, "meeting": 0, "quote": 0, "deal": 0},
        "debriefed_visits": 0,
        "visits": 0,
        "visit_days": 0,
        "work_days": 1,
        "file": "anna-2026-W48.json",
    }
    assert (rows["Björn"]["proactive_share"], rows["Björn"]["email_checks_per_work_day"]) == (0.72, 2.0)
    assert rows["Björn"]["outcomes"] == {"call": 30, "meeting": 2, "quote": 1, "deal": 0}
    assert (rows["Cecilia"]["proactive_share"], rows["Cecilia"]["outcomes"]["deal"], rows["Cecilia"]["visits"]) == (
        0.5,
        1,
        1,
    )
    assert doc["skipped"] == [
        {"file": "broken.json", "reason": "broken JSON (Expecting value at line 1 column 36)"},
        {"file": "hello.json", "reason": "not a focus.week/1 document (no schema)"},
    ]


def test_csv_reads_back_to_the_same_numbers_with_the_configured_delimiter(focus, folder):
    focus.paths.config_file.write_text('[export]\ncsv_delimiter = ";"\n', encoding="utf-8")
    result = focus("team", str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))
    assert [
        (
            r["seller"],
            r["week"],
            r["proactive_share"],
            r["email_checks_per_work_day"],
            r["call"],
            r["meeting"],
            r["quote"],
            r["deal"],
            r["debriefed_visits"],
            r["visits"],
        )
        for r in rows
    ] == [
        ("Anna", "2026-W48", "0.75", "2.0", "12", "0", "0", "0", "0", "0"),
        ("Björn", "2026-W48", "0.72", "2.0", "30", "2", "1", "0", "0", "0"),
        ("Cecilia", "2026-W48", "0.5", "0.0", "5", "0", "0", "1", "0", "1"),
    ]
    assert "skipped broken.json: broken JSON" in result.stderr


def test_csv_neutralises_formula_cells_and_text_output_strips_escape_codes(focus, folder, exports):
    doc = json.loads(exports["anna"])
    doc["seller"] = '=HYPERLINK("http://evil")'
    (folder / "formula.json").write_text(json.dumps(doc), encoding="utf-8")
    doc["seller"] = "\x1b[2JMallory\u202e"
    (folder / "escape.json").write_text(json.dumps(doc), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(focus("team", str(folder), "--format", "csv").stdout)))
    assert '\'=HYPERLINK("http://evil")' in [r["seller"] for r in rows]
    text = focus("team", str(folder)).stdout
    assert "\x1b" not in text and "\u202e" not in text and "?[2JMallory?" in text


def test_symbolic_links_are_never_followed(focus, folder, tmp_path, exports):
    outside = tmp_path / "outside.json"
    outside.write_text(exports["anna"].replace('"Anna"', '"Linked"'), encoding="utf-8")
    (folder / "linked.json").symlink_to(outside)
    (folder / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    doc = focus.json("team", str(folder))
    assert "Linked" not in rows_by_seller(doc)
    reasons = {s["file"]: s["reason"] for s in doc["skipped"]}
    assert reasons["linked.json"] == reasons["dangling.json"] == "a symbolic link (links are never followed)"


def test_a_duplicate_seller_week_keeps_the_newest_file(focus, folder, exports):
    doc = json.loads(exports["anna"])
    doc["totals"]["outcomes"]["call"] = 99
    newer = folder / "anna-again.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    old = folder / "anna-2026-W48.json"
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_800_000_000, 1_800_000_000))
    team_doc = focus.json("team", str(folder))
    assert [r["seller"] for r in team_doc["rows"]] == ["Anna", "Björn", "Cecilia"]
    assert rows_by_seller(team_doc)["Anna"]["outcomes"]["call"] == 99
    assert {
        "file": "anna-2026-W48.json",
        "reason": "duplicate of anna-again.json (same seller and week, older)",
    } in team_doc["skipped"]


def test_rows_sort_by_week_newest_first_then_seller(focus, tmp_path, exports):
    shared = tmp_path / "weeks"
    shared.mkdir()
    for seller, week in (("anna", "2026-W47"), ("Cecilia", "2026-W48"), ("Björn", "2026-W47"), ("Anna", "2026-W48")):
        doc = json.loads(exports["anna"])
        doc["seller"], doc["week"] = seller, week
        (shared / f"{seller}-{week}.json").write_text(json.dumps(doc), encoding="utf-8")
    rows = focus.json("team", str(shared))["rows"]
    assert [(r["week"], r["seller"]) for r in rows] == [
        ("2026-W48", "Anna"),
        ("2026-W48", "Cecilia"),
        ("2026-W47", "anna"),
        ("2026-W47", "Björn"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[1, 2]", "not a focus.week/1 document (a JSON array)"),
        (b'{"schema": "focus.day/1"}', 'another schema ("focus.day/1")'),
        (
            b'{"schema": "focus.week/1", "seller": "X", "week": "2026-W48"}',
            "bad focus.week/1 document: no totals.proactive_share",
        ),
        (b"\x80abc", "not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "broken JSON (nested too deep)"),
        (b'{"n": ' + b"9" * 5000 + b"}", "broken JSON (a number of more than 4300 digits)"),
    ],
)
def test_foreign_and_broken_files_are_skipped_with_a_reason(focus, tmp_path, content, reason):
    shared = tmp_path / "odd"
    shared.mkdir()
    (shared / "odd.json").write_bytes(content)
    doc = focus.json("team", str(shared))
    assert doc["rows"] == [] and doc["skipped"] == [{"file": "odd.json", "reason": reason}]


@pytest.mark.parametrize(
    ("path", "value", "what"),
    [
        ("seller", 7, "seller is not text"),
        ("week", "48", "week is not a week such as 2026-W48"),
        ("totals.proactive_share", 1.5, "totals.proactive_share is not a share (0-1 or null)"),
        ("totals.proactive_share", True, "totals.proactive_share is not a share (0-1 or null)"),
        ("totals.outcomes.call", -1, "totals.outcomes.call is not a count"),
        ("totals.visits.total", "3", "totals.visits.total is not a count"),
    ],
)
def test_wrong_types_are_skipped(focus, tmp_path, exports, path, value, what):
    doc = json.loads(exports["anna"])
    *parents, last = path.split(".")
    target = doc
    for key in parents:
        target = target[key]
    target[last] = value
    shared = tmp_path / "typed"
    shared.mkdir()
    (shared / "typed.json").write_text(json.dumps(doc), encoding="utf-8")
    assert focus.json("team", str(shared))["skipped"] == [
        {"file": "typed.json", "reason": f"bad focus.week/1 document: {what}"}
    ]


def test_a_debrief_figure_is_shown_when_present(focus, tmp_path, exports):
    doc = json.loads(exports["cecilia"])
    doc["totals"]["debrief"] = {"debriefed": 1}
    shared = tmp_path / "debriefed"
    shared.mkdir()
    (shared / "cecilia.json").write_text(json.dumps(doc), encoding="utf-8")
    assert focus.json("team", str(shared))["rows"][0]["debriefed_visits"] == 1
    line = next(line for line in focus("team", str(shared)).stdout.splitlines() if line.split()[:1] == ["Cecilia"])
    assert line.split()[-2:] == ["1", "1"]


def test_a_file_over_5_mib_is_not_read(focus, tmp_path):
    shared = tmp_path / "big"
    shared.mkdir()
    with open(shared / "big.json", "wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    assert focus.json("team", str(shared))["skipped"] == [
        {"file": "big.json", "reason": f"too large ({5 * 2**20 + 1} bytes; the limit is {5 * 2**20} bytes)"}
    ]


def test_an_empty_folder_prints_an_empty_table_and_says_so(focus, tmp_path):
    (tmp_path / "empty").mkdir()
    out = focus("team", str(tmp_path / "empty")).stdout
    assert "seller" in out and f"no focus.week/1 files in {tmp_path / 'empty'}" in out
    assert focus.json("team", str(tmp_path / "empty")) == {
        "schema": "focus.team/2",
        "rows": [],
        "skipped": [],
        "outcomes": ["call", "meeting", "quote", "deal"],
    }


def test_a_missing_folder_or_a_file_is_one_line_and_exit_2(focus, tmp_path):
    result = focus("team", str(tmp_path / "nope"), ok=False)
    assert (result.exit_code, result.stderr) == (2, f"focus: {tmp_path / 'nope'}: no such folder\n")
    (tmp_path / "file.json").write_text("{}")
    result = focus("team", str(tmp_path / "file.json"), ok=False)
    assert (result.exit_code, result.stderr) == (2, f"focus: {tmp_path / 'file.json'}: not a folder\n")


def test_the_watcher_recomputes_the_table_when_an_export_arrives(tmp_path, exports):
    shared = tmp_path / "live"
    shared.mkdir()
    (shared / "anna.json").write_text(exports["anna"], encoding="utf-8")
    tables: queue.Queue[Team] = queue.Queue()
    watch = TeamWatch(shared, tables.put)
    watch.start()
    try:
        watch.refresh()
        assert [r.seller for r in tables.get(timeout=5).rows] == ["Anna"]
        (shared / ".bjorn.tmp").write_text(exports["bjorn"], encoding="utf-8")  # write, then rename
        (shared / ".bjorn.tmp").rename(shared / "bjorn.json")
        (shared / "cecilia.json").write_text(exports["cecilia"], encoding="utf-8")
        sellers: list[str] = []
        while sellers != ["Anna", "Björn", "Cecilia"]:
            sellers = [r.seller for r in tables.get(timeout=5).rows]
        (shared / "anna.json").unlink()
        while sellers != ["Björn", "Cecilia"]:
            sellers = [r.seller for r in tables.get(timeout=5).rows]
    finally:
        watch.stop()
    assert not watch.observer.is_alive()


def test_focus_team_watch_prints_a_document_per_change_and_ctrl_c_exits_0(tmp_path, exports, spawn):
    shared = tmp_path / "live"
    shared.mkdir()
    focus = Path(sys.executable).parent / "focus"
    env = {**os.environ, "FOCUS_HOME": str(tmp_path / "home")}
    child = spawn([focus, "team", shared, "--watch", "--format", "json"], env=env, ctrl_c=True)
    assert json.loads(child.line()) == {
        "schema": "focus.team/2",
        "rows": [],
        "skipped": [],
        "outcomes": ["call", "meeting", "quote", "deal"],
    }
    # written whole under a name the watcher ignores, then renamed: one change, never a half-written file
    (shared / ".anna.tmp").write_text(exports["anna"], encoding="utf-8")
    (shared / ".anna.tmp").rename(shared / "anna.json")
    assert [r["seller"] for r in json.loads(child.line())["rows"]] == ["Anna"]
    child.send_signal(signal.SIGINT)
    assert child.wait() == 0, child.stderr
    assert child.rest() == []  # one document per change, nothing more
    assert "Traceback" not in child.stderr


def test_text_rendering_needs_no_terminal():
    lines = team.to_text(Team(), Path("/x"), width=80).splitlines()
    assert lines[0] == "focus · team · /x" and lines[-1] == "no focus.week/1 files in /x"
