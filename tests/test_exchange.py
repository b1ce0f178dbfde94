"""Export the whole log as JSON lines; import it back idempotently (backups, merging devices)."""

from __future__ import annotations

import json

from focus.store.paths import Paths


def test_export_then_import_elsewhere_gives_the_same_report_and_is_idempotent(focus, tmp_path):
    day = ("--date", "2026-11-24")
    focus("plan", "add", "09:00-10:00", "calls", "Ring", *day)
    focus("start", *day, "--at", "9:00")
    focus("log", "email", *day, "--at", "9:10")
    focus("count", "call", "4", *day, "--at", "9:20")
    focus("stop", *day, "--at", "9:50")
    focus("count", "deal", *day, "--at", "9:55")
    focus("undo")
    exported = focus("export", "events").stdout.splitlines()
    assert len(exported) == 7 and all(json.loads(line)["id"] for line in exported)
    backup = tmp_path / "backup.jsonl"
    assert "exported 7 events" in focus("export", "events", "--out", str(backup)).stderr
    assert backup.read_text().splitlines() == exported
    assert backup.stat().st_mode & 0o777 == 0o600  # the whole log, debriefs included: user-only
    backup.chmod(0o644)
    focus("export", "events", "--out", str(backup))
    assert backup.stat().st_mode & 0o777 == 0o600  # also over an older, wider file

    other = type(focus)(Paths(tmp_path / "other" / "config.toml", tmp_path / "other"), focus.now)
    assert other("import", "events", str(backup)).stdout.strip() == "imported 7 events, 0 already present"
    assert other("import", "events", str(backup)).stdout.strip() == "imported 0 events, 7 already present"
    assert other.json("report", "2026-11-24") == focus.json("report", "2026-11-24")
    assert other("export", "events").stdout.splitlines() == exported


def test_merging_two_devices_keeps_both(focus, tmp_path):
    laptop = type(focus)(Paths(tmp_path / "laptop" / "config.toml", tmp_path / "laptop"), focus.now)
    focus("count", "call", "3", "--date", "2026-11-24", "--at", "9:00")
    laptop("count", "call", "2", "--date", "2026-11-24", "--at", "15:00")
    dump = tmp_path / "laptop.jsonl"
    laptop("export", "events", "--out", str(dump))
    focus("import", "events", str(dump))
    assert focus.json("report", "2026-11-24")["outcomes"]["call"] == 5
