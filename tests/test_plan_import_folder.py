"""Issue 13 defect 12: `focus plan import` of a folder that holds nothing usable says so in one line on
stderr and exits 2, whatever is wrong with its only `.ics` (the real console script, in a subprocess)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

FOCUS = Path(sys.executable).with_name("focus")
GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
    "DTSTART:{day}T080000Z\r\nDTEND:{day}T090000Z\r\nSUMMARY:Ring\r\nCATEGORIES:calls\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def focus(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOCUS_HOME": str(home), "PYTHONIOENCODING": "utf-8", "LANGUAGE": "en"}
    return subprocess.run(
        [str(FOCUS), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60
    )


def garbage(file: Path) -> None:
    file.write_text("hello\n", encoding="utf-8")


def bad_start(file: Path) -> None:
    file.write_text(GOOD.format(day="garbage"), encoding="utf-8")


def dangling_link(file: Path) -> None:
    file.symlink_to(file.with_name("gone.ics"))


def a_folder(file: Path) -> None:
    file.mkdir()


@pytest.mark.parametrize("broken", [garbage, bad_start, dangling_link, a_folder])
def test_a_folder_whose_only_ics_is_broken_is_refused(tmp_path: Path, broken: Callable[[Path], None]) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    broken(folder / "week.ics")
    result = focus(tmp_path, "plan", "import", str(folder))
    assert (result.returncode, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"focus: calendar {folder}: no event could be used: calendar {folder / 'week.ics'}: ")
    assert "Traceback" not in result.stderr and "problem" not in result.stderr


def test_a_folder_without_an_ics_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a calendar", encoding="utf-8")
    result = focus(tmp_path, "plan", "import", str(folder))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"focus: calendar {folder}: no .ics file in it\n"


def test_the_good_files_are_imported_and_the_broken_one_said_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    dangling_link(folder / "broken.ics")
    tomorrow = dt.date.today() + dt.timedelta(days=1)  # within the coming days whatever the hour
    (folder / "good.ics").write_text(GOOD.format(day=f"{tomorrow:%Y%m%d}"), encoding="utf-8")
    result = focus(tmp_path, "plan", "import", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"problem: calendar {folder / 'broken.ics'}: cannot read it: not a file\n"
    assert "calls 'Ring'" in result.stdout
