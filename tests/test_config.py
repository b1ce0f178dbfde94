"""Config: built-in defaults with no file, every key of the example checked, errors name file and key."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest

from focus.core import config
from focus.core.errors import FocusError
from focus.store import config_file
from focus.store.paths import Paths
from focus.store.version import SCHEMA_VERSION

EXAMPLE = Path(__file__).parent.parent / "config.example.toml"


def test_no_file_means_the_built_in_defaults(tmp_path):
    loaded = config_file.load(tmp_path / "missing.toml")
    assert loaded.work.start == dt.time(8) and loaded.work.end == dt.time(17) and loaded.work.days == (0, 1, 2, 3, 4)
    assert loaded.interruption_minutes == {"email": 5, "phone": 5, "chat": 2, "walk-in": 5, "self": 2, "other": 5}
    assert loaded.targets.email_checks_per_day == 3 and loaded.focus_minutes == 25
    assert loaded.debrief_time == dt.time(17, 3) and loaded.auto_start is True
    assert loaded.category("visits").meeting and loaded.category("lunch").mode == "neutral"
    assert len(loaded.template) == 10 and loaded.outcomes == ("call", "meeting", "quote", "deal")
    assert loaded.timezone  # the system's zone


def test_the_example_documents_every_key_with_the_defaults(tmp_path):
    example = config_file.load(EXAMPLE)
    built_in = config.defaults()
    assert '\n# timezone = "Europe/Stockholm"\n' in EXAMPLE.read_text()  # shown, not forced on the user
    for name in (
        "timezone",
        "work",
        "categories",
        "interruption_minutes",
        "outcomes",
        "targets",
        "debrief_time",
        "focus_minutes",
        "auto_start",
        "template",
        "maildir_paths",
        "burst_seconds",
        "calendar_path",
        "calendar_rules",
        "calendar_days",
        "calendar_default_category",
        "csv_delimiter",
        "seller",
        "deals_per_week",
        "fixed_rates",
        "debrief_questions",
        "imap",
        "activitywatch",
        "notify",
    ):
        assert getattr(example, name) == getattr(built_in, name), name


def test_every_top_level_key_of_the_example_is_read(tmp_path):
    keys = set(tomllib.loads(EXAMPLE.read_text()))
    assert keys == {
        "outcomes",
        "work",
        "categories",
        "interruptions",
        "targets",
        "debrief",
        "report",
        "plan",
        "sources",
        "export",
        "seller",
        "forecast",
        "notify",
    }


def test_own_categories_and_values_are_taken(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'timezone = "America/New_York"\n[work]\nstart = "7.30"\ndays = ["mon", "tue"]\n'
        '[categories.demo]\nmode = "proactive"\nmeeting = true\n[interruptions]\nemail = 3\n'
        '[plan]\ntemplate = ["09:00-10:00 demo Product demo"]\n[export]\ncsv_delimiter = ";"\n'
    )
    loaded = config_file.load(path)
    assert loaded.timezone == "America/New_York" and loaded.work.start == dt.time(7, 30)
    assert loaded.work.days == (0, 1) and loaded.interruption_minutes["email"] == 3
    assert loaded.category("demo").meeting and loaded.template[0].title == "Product demo"
    assert loaded.csv_delimiter == ";" and loaded.source == path


@pytest.mark.parametrize(
    "text, key",
    [
        ("colour = 'blue'", "colour: unknown key"),
        ("[work]\nstart = '25:00'", "work.start: bad time"),
        ("[work]\nlunch = '12:00'", "work.lunch: unknown key"),
        ("[work]\nstart = '17:00'\nend = '08:00'", "work: end must come after start"),
        ("[work]\ndays = ['mon', 'someday']", "work.days"),
        ("timezone = 'Mars/Olympus'", "timezone: unknown time zone"),
        ("[categories.x]\nmode = 'sometimes'", "categories.x.mode: must be one of"),
        ("[categories.x]\nmeeting = true", "categories.x.mode: missing"),
        ("[interruptions]\nemail = 0", "interruptions.email: must be a whole number above 0"),
        ("[interruptions]\nfax = 3", "interruptions.fax: unknown key"),
        ("[debrief.questions]\nmood = 'How was it?'", "debrief.questions.mood: unknown key"),
        ("[plan]\ntemplate = ['09:00-10:00 golf']", "plan.template: '09:00-10:00 golf': unknown category"),
        (
            "[plan]\ntemplate = ['09:00-10:00 calls', '09:30-11:00 calls']",
            "plan.template: blocks at 09:00 and 09:30 overlap",
        ),
        ("[plan]\nauto_start = 'yes'", "plan.auto_start: must be true or false"),
        (
            "[sources.calendar]\nrules = [{match = '(', category = 'visits'}]",
            "sources.calendar.rules: bad regular expression",
        ),
        ("[export]\ncsv_delimiter = ';;'", "export.csv_delimiter"),
        ("[targets]\nemail_checks_per_day = -1", "targets.email_checks_per_day"),
        ("work = 3", "work: must be a table"),
        ("[work\nstart = 1", "not valid TOML"),
    ],
)
def test_a_bad_config_names_the_file_and_the_key(tmp_path, text, key):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(FocusError) as caught:
        config_file.load(path)
    assert str(caught.value).startswith(f"config {path}: ")
    assert key in str(caught.value) and "\n" not in str(caught.value)


def test_focus_home_holds_config_database_and_inbox(tmp_path):
    paths = Paths.resolve({"FOCUS_HOME": str(tmp_path)})
    assert paths.config_file == tmp_path / "config.toml"
    assert paths.db_file == tmp_path / "focus.db" and paths.inbox == tmp_path / "inbox"


def test_without_focus_home_the_platform_dirs_are_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    paths = Paths.resolve({k: v for k, v in os.environ.items() if k != "FOCUS_HOME"})
    assert paths.config_file == tmp_path / "cfg" / "focus" / "config.toml"
    assert paths.db_file == tmp_path / "data" / "focus" / "focus.db"


def test_config_commands(focus):
    assert focus("config", "path").stdout.strip() == str(focus.paths.config_file)
    assert "built-in defaults" in focus("config", "check").stdout
    assert focus("config", "init").stdout.strip() == f"wrote {focus.paths.config_file}"
    assert focus.paths.config_file.read_text() == EXAMPLE.read_text()
    assert oct(focus.paths.config_file.stat().st_mode & 0o777) == "0o600"
    again = focus("config", "init", ok=False)
    assert again.exit_code == 2 and "exists; use --force" in again.stderr
    assert focus("config", "check").stdout.startswith(f"ok: {focus.paths.config_file}")
    focus.paths.config_file.write_text("[work]\nstart = 'noon'\n")
    bad = focus("config", "check", ok=False)
    assert bad.exit_code == 2 and "work.start" in bad.stderr and str(focus.paths.config_file) in bad.stderr


def test_db_commands(focus):
    assert focus("db", "path").stdout.strip() == str(focus.paths.db_file)
    focus("count", "call", "2")
    size = sum(p.stat().st_size for p in focus.paths.data_dir.glob("focus.db*") if not p.name.endswith("-shm"))
    assert focus("db", "check").stdout.strip() == (
        f"ok: {focus.paths.db_file} — 1 event, {size / 1_048_576:.1f} MB, schema {SCHEMA_VERSION}"
    )
