"""`focus team DIR` in Swedish (issue 12): the table's headers, numbers (decimal comma, ``75 %``), the
built-in outcomes' names and every skipped reason in Swedish; the JSON keeps its English reasons (the same
bytes in both languages) and the English table is as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from focus.cli import Services, cli
from focus.core.clock import Clock
from focus.store.paths import Paths
from tests.conftest import Focus

DAY = ("--date", "2026-11-24")
SWEDISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "sv_SE.UTF-8"}
NBSP = "\u00a0"


def seller_home(base: Path, seller: str) -> Focus:
    folder = base / seller
    folder.mkdir()
    (folder / "config.toml").write_text(f'seller = "{seller}"\n', encoding="utf-8")
    return Focus(Paths(folder / "config.toml", folder), "2026-11-24T18:00")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, str]:
    """Anna: calls 09-10 with a 10-minute and a 5-minute email check inside → 75 %, 2 checks on Tuesday,
    the one work day lived (her first, exported that evening) = 2,0, 12 calls. Björn: a visit 10-11, a meeting
    and a quote, no email → 100 %, 0,0."""
    base = tmp_path_factory.mktemp("homes")
    anna = seller_home(base, "Anna")
    anna("plan", "add", "09:00-10:00", "calls", "Ring", *DAY)
    anna("start", *DAY, "--at", "09:00")
    anna("log", "email", "--minutes", "10", *DAY, "--at", "09:20")
    anna("log", "email", "--minutes", "5", *DAY, "--at", "09:40")
    anna("stop", *DAY, "--at", "10:00")
    anna("count", "call", "12", *DAY, "--at", "10:00")
    bjorn = seller_home(base, "Björn")
    bjorn("plan", "add", "10:00-11:00", "visits", "Acme AB", *DAY)
    bjorn("start", *DAY, "--at", "10:00")
    bjorn("stop", *DAY, "--at", "11:00")
    bjorn("count", "meeting", *DAY, "--at", "11:00")
    bjorn("count", "quote", *DAY, "--at", "11:00")
    return {name: home("week", "--format", "json").stdout for name, home in (("anna", anna), ("bjorn", bjorn))}


@pytest.fixture
def folder(tmp_path, exports) -> Path:
    """The shared folder: two exports, and one file for each kind of skipped reason."""
    shared = tmp_path / "delat"
    shared.mkdir()
    for name, text in exports.items():
        (shared / f"{name}.json").write_text(text, encoding="utf-8")
    anna = json.loads(exports["anna"])
    (shared / "a-broken.json").write_text('{"schema": "focus.week/1", "week": ', encoding="utf-8")
    (shared / "b-foreign.json").write_text('{"hello": 1}', encoding="utf-8")
    (shared / "c-list.json").write_text("[1, 2]", encoding="utf-8")
    (shared / "d-other.json").write_text('{"schema": "focus.day/1"}', encoding="utf-8")
    (shared / "e-share.json").write_text(json.dumps(anna | {"totals": anna["totals"] | {"proactive_share": 2}}))
    (shared / "f-week.json").write_text(json.dumps(anna | {"week": "vecka 48"}), encoding="utf-8")
    (shared / "g-nokey.json").write_text(json.dumps({k: v for k, v in anna.items() if k != "seller"}))
    (shared / "h-latin1.json").write_bytes('{"seller": "Åsa"}'.encode("latin-1"))
    return shared


def invoke(focus: Focus, *args: str, env: dict | None = None):
    result = focus.runner.invoke(
        cli, list(args), obj=Services(focus.paths, Clock.fixed(focus.zone, focus.now)), env=env
    )
    assert result.exit_code == 0, result.stderr
    return result


SKIPPED = [
    "hoppade över a-broken.json: trasig JSON (Expecting value at line 1 column 36)",
    "hoppade över b-foreign.json: inte ett focus.week/1-dokument (inget schema)",
    "hoppade över c-list.json: inte ett focus.week/1-dokument (JSON-typen array)",
    'hoppade över d-other.json: ett annat schema ("focus.day/1")',
    "hoppade över e-share.json: felaktigt focus.week/1-dokument: totals.proactive_share är inte en andel "
    "(0–1 eller null)",
    "hoppade över f-week.json: felaktigt focus.week/1-dokument: week är inte en vecka som 2026-W48",
    "hoppade över g-nokey.json: felaktigt focus.week/1-dokument: seller saknas",
    "hoppade över h-latin1.json: inte UTF-8-text",
]


def test_the_team_table_in_swedish(focus, folder):
    lines = invoke(focus, "team", str(folder), env=SWEDISH).stdout.splitlines()
    assert lines[0] == f"focus · säljteam · {folder}"
    assert lines[2].split() == [
        *("säljare", "vecka", "andel", "mejl/dag", "samtal", "möte", "offert", "affär", "genomgångna", "besök")
    ]
    rows = {line.split(" ")[0]: [cell for cell in line.split(" ")[1:] if cell] for line in lines[3:5]}
    assert rows == {  # the share with a no-break space before %
        "Anna": ["2026-W48", f"75{NBSP}%", "2,0", "12", "0", "0", "0", "0", "0"],
        "Björn": ["2026-W48", f"100{NBSP}%", "0,0", "0", "1", "1", "0", "0", "1"],
    }
    assert [line for line in lines if line.startswith("hoppade över")] == SKIPPED
    assert not [line for line in lines if "skipped" in line or "document" in line]


def test_the_english_table_is_as_it_was(focus, folder):
    lines = invoke(focus, "team", str(folder)).stdout.splitlines()
    assert lines[0] == f"focus · team · {folder}"
    header = ["seller", "week", "share", "email/day", "call", "meeting", "quote", "deal", "debriefed", "visits"]
    assert lines[2].split() == header
    assert lines[3].split() == ["Anna", "2026-W48", "75", "%", "2.0", "12", "0", "0", "0", "0", "0"]
    skipped = [line for line in lines if line.startswith("skipped")]
    assert skipped[3:] == [
        'skipped d-other.json: another schema ("focus.day/1")',
        "skipped e-share.json: bad focus.week/1 document: totals.proactive_share is not a share (0-1 or null)",
        "skipped f-week.json: bad focus.week/1 document: week is not a week such as 2026-W48",
        "skipped g-nokey.json: bad focus.week/1 document: no seller",
        "skipped h-latin1.json: not UTF-8 text",
    ]


def test_the_team_json_is_the_same_bytes_in_both_languages(focus, folder):
    english = invoke(focus, "team", str(folder), "--format", "json").stdout
    assert invoke(focus, "team", str(folder), "--format", "json", env=SWEDISH).stdout == english
    reasons = [s["reason"] for s in json.loads(english)["skipped"]]
    assert "not a focus.week/1 document (no schema)" in reasons and "not UTF-8 text" in reasons


def test_the_swedish_csv_says_its_skipped_files_in_swedish_on_stderr(focus, folder):
    result = invoke(focus, "team", str(folder), "--format", "csv", env=SWEDISH)
    assert result.stderr.splitlines() == SKIPPED
    assert result.stdout.splitlines()[1].startswith("Anna;2026-W48;0,75;2,0;12;")


def test_an_empty_folder_says_so_in_swedish(focus, tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    text = invoke(focus, "team", str(empty), env=SWEDISH).stdout
    assert text.endswith(f"inga focus.week/1-filer i {empty}\n")
    assert invoke(focus, "team", str(empty), "--format", "csv", env=SWEDISH).stderr == (
        f"inga focus.week/1-filer i {empty}\n"
    )
