"""The everyday commands in Swedish (``language = "sv"`` in the config): what plan, log, count, start,
stop, back, config, db, sources, import and export say; the JSON and the exported data the same in both
languages; and the Swedish input forms working in English too."""

from __future__ import annotations

import json

import pytest

from focus.store.version import SCHEMA_VERSION
from tests.conftest import Focus

NBSP = "\u00a0"


@pytest.fixture
def svensk(focus: Focus) -> Focus:
    """``focus`` with ``language = "sv"`` in the config (the clock: tis 24 nov 2026 18.00)."""
    focus.paths.config_file.write_text('language = "sv"\ntimezone = "Europe/Stockholm"\n', encoding="utf-8")
    return focus


def test_log_with_swedish_date_and_time_says_it_in_swedish(svensk):
    result = svensk("log", "mejl", "--date", "igår", "--at", "kl. 9.30")
    assert result.stdout == "loggade mejl 2026-11-23 kl. 09.30 (5 min om inget avbryter)\n"


def test_log_with_swedish_date_and_time_works_in_english_too(focus):
    result = focus("log", "mejl", "--date", "igår", "--at", "kl. 9.30")
    assert result.stdout == "logged email at Mon 23 Nov 09:30 (5 min unless cut short)\n"
    assert focus.event_count() == 1


def test_a_working_day_in_swedish(svensk):
    say = lambda *args: svensk(*args, now="2026-11-24T09:00").stdout  # noqa: E731
    added = say("plan", "add", "09:00-10:30", "calls", "Ring", "Q4-listan", "--target", "call=20")
    assert added.startswith("planerade 09.00–10.30 samtal 'Ring Q4-listan' den 2026-11-24 (")
    assert say("plan", "ls").splitlines()[0] == "Plan för tis 24 nov 2026"
    row = say("plan", "ls").splitlines()[1].split()
    assert row[0] == "1" and row[2:] == ["09.00–10.30", "samtal", "proaktivt", "Ring", "Q4-listan", "[samtal=20]"]
    assert say("start").startswith("startade samtal 'Ring Q4-listan' kl. 09.00 (planerat 09.00–10.30)")
    assert svensk("log", "telefon", "--at", "9.10").stdout == "loggade telefon kl. 09.10 (5 min om inget avbryter)\n"
    assert svensk("back", "--at", "9.13").stdout == "tillbaka till jobbet kl. 09.13 efter 3m telefon\n"
    assert svensk("count", "samtal", "3", "--at", "9.20").stdout == "räknade 3 × samtal kl. 09.20\n"
    assert svensk("stop", "--at", "10.30").stdout == "stoppade samtal kl. 10.30 efter 1h30\n"
    assert svensk("plan", "rm", "1").stdout.startswith("tog bort 09.00–10.30 samtal 'Ring Q4-listan' (")
    assert svensk("plan", "ls", "--date", "mån").stdout == (
        "Plan för mån 23 nov 2026\n  inget planerat (focus plan template, eller focus plan add 9.00-10.00 samtal)\n"
    )


def test_template_copy_and_export_in_swedish(svensk, tmp_path):
    assert svensk("plan", "template", "--date", "igår").stdout == "planerade 10 block från mallen den 2026-11-23\n"
    assert svensk("plan", "copy", "--from", "igår").stdout == "planerade 10 block den 2026-11-24 som den 2026-11-23\n"
    out = tmp_path / "dag.ics"
    exported = svensk("plan", "export", "--out", str(out))
    assert exported.stderr == f"exporterade 10 block för 2026-11-24 till {out}\n"
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    empty = svensk("plan", "export", "--week", "vecka 50")
    assert empty.stderr == "inget är planerat under 2026-W50 (2026-12-07 till 2026-12-13); kalendern är tom\n"


def test_the_plan_as_json_is_the_same_in_both_languages(svensk):
    svensk("plan", "add", "09:00-10:00", "visits", "Acme")
    swedish = svensk("plan", "ls", "--format", "json").stdout
    svensk.paths.config_file.write_text('timezone = "Europe/Stockholm"\n', encoding="utf-8")
    assert svensk("plan", "ls", "--format", "json").stdout == swedish
    assert json.loads(swedish)[0]["category"] == "visits"


def test_config_and_db_commands_in_swedish(svensk):
    check = svensk("config", "check").stdout.splitlines()
    assert check == [
        f"ok: {svensk.paths.config_file}",
        "tidszon Europe/Stockholm; arbetstid 08.00–17.00; 10 kategorier; 10 block i mallen",
    ]
    refused = svensk("config", "init", ok=False)
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"focus: {svensk.paths.config_file} finns redan; använd --force för att skriva över den\n",
    )
    svensk("log", "mejl")
    db = svensk("db", "check").stdout
    assert db.startswith(f"ok: {svensk.paths.db_file} – 1 händelse, 0,")
    assert db.endswith(f" MB, schema {SCHEMA_VERSION}\n")
    refused = svensk("db", "init", ok=False)
    assert refused.stderr == (
        f"focus: databasen {svensk.paths.db_file} finns redan; inget ändrades; focus db init --force lägger en ny "
        "på dess plats och behåller den här bredvid, med nytt namn\n"
    )
    created = svensk("db", "init", "--force").stdout
    assert created.startswith(f"skapade {svensk.paths.db_file}; filen som låg där behålls som ")


def test_config_check_without_a_file_in_swedish(focus, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "sv")
    assert focus("config", "check").stdout.startswith(
        f"ok: {focus.paths.config_file} (finns inte: inbyggda standardvärden)\n"
    )


def test_export_and_import_events_say_it_in_swedish_and_the_data_stays_as_it_is(svensk, tmp_path):
    svensk("log", "mejl", "--at", "9")
    svensk("count", "affär", "--at", "10")
    out = tmp_path / "backup.jsonl"
    assert svensk("export", "events", "--out", str(out)).stderr == f"exporterade 2 händelser till {out}\n"
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(line["type"], line["payload"]["kind"]) for line in lines] == [
        ("interruption", "email"),
        ("outcome", "deal"),
    ]
    assert svensk("import", "events", str(out)).stdout == "importerade 0 händelser, 2 fanns redan\n"


def test_sources_in_swedish_and_its_json_unchanged(svensk):
    text = svensk("sources").stdout.splitlines()
    assert text == [
        "källorna körs inte: `focus watch` eller arbetsdagsskärmen (`focus`) kör dem",
        f"inbox  körs inte  ({svensk.paths.inbox})",
    ]
    data = json.loads(svensk("sources", "--format", "json").stdout)
    assert data["sources"][0]["state"] == "not running" and data["running_in"] is None


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//sv//\r
BEGIN:VEVENT\r
UID:kund-1\r
DTSTART;TZID=Europe/Stockholm:20261125T090000\r
DTEND;TZID=Europe/Stockholm:20261125T100000\r
SUMMARY:Kundmöte Acme\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:flod\r
DTSTART;TZID=Europe/Stockholm:20261126T090000\r
DTEND;TZID=Europe/Stockholm:20261126T091000\r
RRULE:FREQ=HOURLY\r
SUMMARY:Ping\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_plan_import_in_swedish(svensk, tmp_path):
    ics = tmp_path / "vecka48.ics"
    ics.write_text(ICS, encoding="utf-8")
    result = svensk("plan", "import", str(ics))
    assert result.stdout == "kalender: planerade 2026-11-25 09.00–10.00 internt 'Kundmöte Acme'\n"
    assert result.stderr == (
        f"problem: kalendern {ics}: avvisade händelsen 'flod' 'Ping': den upprepas varje timme (RRULE FREQ=HOURLY); "
        "kalenderhändelser får upprepas högst en gång om dagen\n"
    )
    again = svensk("plan", "import", str(ics)).stdout.splitlines()
    assert again == [f"kalender: inget ändrat (de kommande 14 dagarna i {ics} är redan planerade)"]
    broken = tmp_path / "trasig.ics"
    broken.write_text("inte en kalender", encoding="utf-8")
    refused = svensk("plan", "import", str(broken), ok=False)
    assert refused.exit_code == 2 and refused.stderr.startswith(
        f"focus: kalendern {broken}: inte en användbar .ics-fil: "
    )
