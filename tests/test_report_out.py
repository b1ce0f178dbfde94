"""Issue 13 #16: ``focus report --out FILE`` writes the report to a user-only file, as ``week`` does."""

from __future__ import annotations

import pytest


@pytest.fixture
def day(focus):
    at = ("--date", "2026-11-24", "--at")
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", "2026-11-24")
    focus("start", *at, "9:00")
    focus("log", "email", *at, "9:10")
    focus("count", "call", "3", *at, "9:20")
    focus("stop", *at, "9:50")
    return focus


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_the_report_goes_to_the_file_as_it_would_to_stdout(day, tmp_path, fmt):
    shown = day("report", "2026-11-24", "--format", fmt).stdout
    out = tmp_path / f"report.{fmt}"
    result = day("report", "2026-11-24", "--format", fmt, "--out", str(out))
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == shown
    assert out.stat().st_mode & 0o777 == 0o600


def test_out_dash_is_stdout_and_an_older_wider_file_is_narrowed(day, tmp_path):
    shown = day("report", "2026-11-24", "--format", "md").stdout
    assert day("report", "2026-11-24", "--format", "md", "--out", "-").stdout == shown
    out = tmp_path / "report.md"
    out.write_text("old")
    out.chmod(0o644)
    day("report", "2026-11-24", "--format", "md", "--out", str(out))
    assert out.read_text() == shown and out.stat().st_mode & 0o777 == 0o600


def test_a_file_that_cannot_be_written_is_one_line(day, tmp_path):
    result = day("report", "--out", str(tmp_path / "missing" / "report.txt"), ok=False)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"focus: cannot write {tmp_path / 'missing' / 'report.txt'}: ")
    assert len(result.stderr.splitlines()) == 1
