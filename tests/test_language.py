"""The language: ``language = "sv" | "en"`` in the config, else the environment as gettext reads it
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG, the first one set), else English; no system locale needed.
click's own words follow the same choice."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from focus import i18n
from focus.core import config
from focus.core.errors import FocusError
from focus.store import config_file

EXAMPLES = (Path(__file__).parent.parent / "config.example.toml", Path(i18n.__file__).parent / "config.example.toml")
SWEDISH_ENV = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "sv_SE.UTF-8"}


@pytest.mark.parametrize(
    "environ, language",
    [
        ({}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "sv_FI"}, "sv"),
        ({"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "en_GB.UTF-8"}, "sv"),
        ({"LC_ALL": "C", "LANG": "sv_SE.UTF-8"}, "en"),  # LC_ALL comes first and says the C locale
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "sv_SE.UTF-8"}, "sv"),  # empty is not set
        ({"LANGUAGE": "de:sv", "LANG": "de_DE.UTF-8"}, "sv"),  # the first of the list focus speaks
        ({"LANGUAGE": "en:sv"}, "en"),
        ({"LANGUAGE": "sv", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "sv_SE.UTF-8@euro"}, "sv"),
    ],
)
def test_the_environment_chooses_as_gettext_does(environ, language):
    assert i18n.from_environment(environ) == language


def test_the_config_comes_before_the_environment():
    assert i18n.choose("en", {"LANG": "sv_SE.UTF-8"}) == "en"
    assert i18n.choose("sv", {"LANG": "C"}) == "sv"
    assert i18n.choose(None, {"LANG": "sv_SE.UTF-8"}) == "sv"


def test_the_config_key_is_checked(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('language = "sv"\n', encoding="utf-8")
    assert config_file.load(path).language == "sv"
    assert config.defaults().language is None  # from the environment
    path.write_text('language = "sv_SE"\n', encoding="utf-8")
    with pytest.raises(FocusError, match=r"language: must be one of 'en', 'sv', not 'sv_SE'"):
        config_file.load(path)


def test_both_examples_document_the_key_the_same():
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    assert texts[0] == texts[1]
    assert '\n# language = "sv"\n' in texts[0]  # shown, not forced: the environment decides by default
    assert tomllib.loads(texts[0].replace('# language = "sv"', 'language = "sv"'))["language"] == "sv"


def test_a_swedish_environment_makes_click_speak_swedish(focus):
    result = focus.runner.invoke(focus_cli(), ["--help"], obj=services(focus), env=SWEDISH_ENV, prog_name="focus")
    assert result.exit_code == 0
    assert result.stdout.startswith("Användning: focus [OPTIONS] [COMMAND] [ARGS]...")
    assert "Kommandon:" in result.stdout and "Visa versionen och avsluta." in result.stdout
    wrong = focus.runner.invoke(
        focus_cli(), ["report", "--xyzzy"], obj=services(focus), env=SWEDISH_ENV, prog_name="focus"
    )
    assert wrong.exit_code == 2
    assert wrong.stderr == "focus: Det finns ingen flagga '--xyzzy'. (se focus report --help)\n"


def test_the_help_of_a_command_in_swedish_and_back_in_english(focus):
    swedish = focus.runner.invoke(
        focus_cli(), ["log", "--help"], obj=services(focus), env=SWEDISH_ENV, prog_name="focus"
    )
    assert "  Logga ett avbrott." in swedish.stdout and "När det hände: 9, 9:30, 09:30 eller 9.30" in swedish.stdout
    english = focus("log", "--help")
    assert "  Log an interruption." in english.stdout and "When it happened: 9, 9:30" in english.stdout


def test_the_config_language_wins_over_the_environment(focus):
    focus.paths.config_file.write_text('language = "en"\n', encoding="utf-8")
    english = focus.runner.invoke(focus_cli(), ["--help"], obj=services(focus), env=SWEDISH_ENV, prog_name="focus")
    assert english.stdout.startswith("Usage: focus")
    focus.paths.config_file.write_text('language = "sv"\n', encoding="utf-8")
    swedish = focus("--help")  # the suite's environment says English
    assert swedish.stdout.startswith("Användning: ")
    assert os.environ["LANGUAGE"] == "en"  # the choice changed nothing a child process inherits


def test_a_broken_config_still_shows_the_help_and_says_what_is_wrong_where_it_is_needed(focus):
    focus.paths.config_file.write_text('language = "fi"\n', encoding="utf-8")
    assert focus("--help").stdout.startswith("Usage: ")
    result = focus("report", ok=False)
    assert result.exit_code == 2 and "language: must be one of 'en', 'sv', not 'fi'" in result.stderr


def test_swedish_needs_no_system_locale(tmp_path):
    """A bare container has only C and POSIX: the catalogue is focus's own, so LANG=sv_SE.UTF-8 is enough."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "focus"), "--help"],
        env={"PATH": os.environ["PATH"], "FOCUS_HOME": str(tmp_path), "LANG": "sv_SE.UTF-8"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Användning: focus [OPTIONS] [COMMAND] [ARGS]...\n\n  focus: hur mycket av din dag")
    assert "  stop     Stoppa det pågående blocket.\n" in result.stdout
    assert "Flaggor:\n  --version   Visa versionen och avsluta.\n  -h, --help  Visa den här hjälpen och avsluta.\n" in (
        result.stdout
    )


def focus_cli():
    from focus.cli import cli

    return cli


def services(focus):
    from focus.cli import Services
    from focus.core.clock import Clock

    return Services(focus.paths, Clock.fixed(focus.zone, focus.now))
