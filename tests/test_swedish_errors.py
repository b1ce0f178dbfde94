"""Errors in Swedish: each is still one line on stderr and exit 2, in the language the config or the
environment asks for; a config too broken to say its language is said in the environment's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Focus

FOCUS = str(Path(sys.executable).parent / "focus")


def run(home: Path, *args: str, lang: str = "sv_SE.UTF-8") -> subprocess.CompletedProcess[str]:
    """``focus ARGS`` as a real process with LANG=``lang`` and nothing else saying a language."""
    env = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, FOCUS_HOME=str(home), TZ="Europe/Stockholm")
    return subprocess.run([FOCUS, *args], env=env, capture_output=True, text=True, timeout=30)


def test_a_bad_date_is_one_swedish_line_and_exit_2(tmp_path):
    result = run(tmp_path, "log", "mejl", "--date", "igårr", "--at", "kl. 9.30")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "focus: felaktigt datum 'igårr': använd idag, igår, mån…sön eller ÅÅÅÅ-MM-DD\n"


def test_the_same_error_in_english(tmp_path):
    result = run(tmp_path, "log", "mejl", "--date", "igårr", "--at", "kl. 9.30", lang="C.UTF-8")
    assert (result.returncode, result.stderr) == (
        2,
        "focus: bad date 'igårr': use today, yesterday, mon…sun or YYYY-MM-DD\n",
    )


@pytest.fixture
def svensk(focus: Focus) -> Focus:
    focus.paths.config_file.write_text('language = "sv"\n', encoding="utf-8")
    return focus


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("log", "fika"),
            "okänt avbrottsslag 'fika'; slag: mejl, telefon, chatt, spontanbesök, eget, annat",
        ),
        (("count", "samtal", "0"), "antal 0: måste vara mellan 1 och 10000; för att ta tillbaka ett: focus undo"),
        (("log", "mejl", "--at", "25"), "felaktig tid '25': använd 9, 9.30, 09.30 eller kl. 9.30 (24-timmarsklocka)"),
        (("log", "mejl", "--date", "igår"), "--date behöver --at: klockslaget den dagen"),
        (("stop",), "inget pågår kl. 18.00 den 2026-11-24"),
        (("back",), "inget avbrott pågår kl. 18.00 den 2026-11-24"),
        (("start",), "inget block är planerat kl. 18.00 den 2026-11-24: ange ett; se focus plan ls"),
        (("undo",), "inget att ångra"),
        (("log", "mejl", "--note", "a\0b"), "ett argument innehåller ett NUL-tecken"),
        (
            ("plan", "add", "10-9", "calls"),
            "felaktigt tidsintervall '10-9': det slutar innan det börjar; ett block "
            "ligger inom en dag, så dela ett som går över midnatt i två",
        ),
        (
            ("plan", "add", "9-10", "golf"),
            "okänd kategori 'golf'; kända: samtal, kundbesök, uppföljning, offerter, mejl, "
            "admin, lunch, fika, resor, internt",
        ),
        (("plan", "rm", "3"), "inget block nummer 3 den 2026-11-24 (0 planerade); se focus plan ls"),
        (("week", "vecka 54"), "felaktig vecka 'vecka 54': 2026 har veckorna 1 till 53"),
    ],
)
def test_errors_in_swedish_are_one_line_and_exit_2(svensk, args, said):
    result = svensk(*args, ok=False)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"focus: {said}\n")


def test_an_overlap_names_the_other_block_in_swedish(svensk):
    svensk("plan", "add", "09:00-10:30", "calls", "Ring")
    result = svensk("plan", "add", "10:00-11:00", "visits", ok=False)
    assert result.stderr.startswith("focus: 10.00-11.00 överlappar 09.00-10.30 samtal 'Ring' (")
    assert result.stderr.endswith(") den 2026-11-24; inget planerades\n")


def test_a_bad_config_is_said_in_swedish_where_the_environment_is_swedish(tmp_path):
    (tmp_path / "config.toml").write_text('[work]\nstart = "åtta"\n', encoding="utf-8")
    result = run(tmp_path, "config", "check")
    assert (result.returncode, result.stderr) == (
        2,
        f"focus: konfigurationen {tmp_path / 'config.toml'}: work.start: felaktig tid 'åtta': använd 9, 9.30, "
        "09.30 eller kl. 9.30 (24-timmarsklocka)\n",
    )
    (tmp_path / "config.toml").write_text('language = "sv"\n[imap]\nhost = "x"\n', encoding="utf-8")
    result = run(tmp_path, "log", "mejl")
    assert result.stderr == f"focus: konfigurationen {tmp_path / 'config.toml'}: imap: okänd nyckel\n"


def test_a_config_that_cannot_be_read_says_so_in_the_environments_language_without_a_traceback(tmp_path):
    """Its ``language = "sv"`` cannot be read either: the line is in English where the environment is."""
    (tmp_path / "config.toml").write_bytes(b'language = "sv"\n\xff\n')
    result = run(tmp_path, "log", "mejl", lang="C.UTF-8")
    assert result.returncode == 2 and result.stderr.startswith(
        f"focus: config {tmp_path / 'config.toml'}: cannot read it: "
    )
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    (tmp_path / "config.toml").write_text('language = "sv"\nlanguage = "sv"\n', encoding="utf-8")
    result = run(tmp_path, "report")
    assert result.returncode == 2 and result.stderr.startswith(
        f"focus: konfigurationen {tmp_path / 'config.toml'}: inte giltig TOML: "
    )


def test_database_trouble_in_swedish(svensk, tmp_path):
    svensk.paths.db_file.write_bytes(b"")
    result = svensk("log", "mejl", ok=False)
    assert result.stderr == (
        f"focus: databasen {svensk.paths.db_file} är tom (0 byte): skadad eller avkortad, inte en ny databas; "
        "inget ändrades; focus db init --force börjar en ny på dess plats (den tomma filen behålls bredvid); "
        "sedan tar focus import events FIL tillbaka en export\n"
    )


def test_an_import_names_the_bad_line_in_swedish(svensk, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = svensk("import", "events", str(bad), ok=False)
    assert result.stderr == "focus: rad 1: 'id' saknas eller är felaktigt\n"
    missing = svensk("import", "events", str(tmp_path / "nope.jsonl"), ok=False)
    assert missing.stderr == f"focus: kan inte läsa {tmp_path / 'nope.jsonl'}: No such file or directory\n"
