"""Bad input: every user-caused error gives one line on stderr, exit code 2, no traceback, and
writes nothing (DESIGN §5 "bad input exits 2 with one clear line on stderr and changes nothing",
§6 "errors naming the key and the file", §4 "a database from a newer version gives a clear error,
never a silent rewrite", §8).

Each case runs the click app in-process against a fresh FOCUS home in tmp_path with a fixed
clock (Tue 24 Nov 2026 10:42, Stockholm); one test runs the real console script.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from focus.cli import Services, cli
from focus.core.clock import Clock
from focus.store.paths import Paths
from focus.store.version import SCHEMA_VERSION

ZONE = "Europe/Stockholm"
NOW = "2026-11-24T10:42"
TODAY = "2026-11-24"


# -- the harness -----------------------------------------------------------------------------------


class Home:
    """A FOCUS home in a temporary folder; runs ``focus`` in-process with a fixed clock."""

    def __init__(self, root: Path):
        self.root = root
        self.paths = Paths(root / "config.toml", root)
        self.runner = CliRunner()

    @property
    def db(self) -> Path:
        return self.paths.db_file

    def run(self, *args: str, input: str | None = None) -> Result:
        services = Services(self.paths, Clock.fixed(ZONE, NOW))
        try:
            return self.runner.invoke(cli, list(args), obj=services, prog_name="focus", input=input)
        finally:
            store = services.__dict__.get("store")  # cached_property: only there if it was opened
            if store is not None:
                store.close()

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exit_code == 0, (
            f"focus {' '.join(args)} → {result.exit_code}: {result.stderr}{result.exception!r}"
        )
        return result

    def events(self) -> int | None:
        """Rows in the events table, read with sqlite3 directly; 0 with no database file,
        None when the file cannot be read as one."""
        if not self.db.exists():
            return 0
        try:
            conn = sqlite3.connect(self.db)
            try:
                return conn.execute("SELECT count(*) FROM events").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return None

    def write_config(self, text: str | bytes) -> None:
        data = text.encode() if isinstance(text, str) else text
        self.paths.config_file.write_bytes(data)

    def fails(self, *args: str, input: str | None = None) -> str:
        """Run a command that must be refused; returns its message (without ``focus: ``)."""
        before = self.events()
        result = self.run(*args, input=input)
        message = assert_user_error(result)
        assert self.events() == before, f"focus {' '.join(args)} changed the event count"
        return message


def assert_user_error(result: Result) -> str:
    """Exit 2, exactly one ``focus: `` line on stderr, nothing on stdout, no traceback."""
    assert "Traceback" not in result.stdout + result.stderr
    assert isinstance(result.exception, SystemExit), f"not a clean exit: {result.exception!r}"
    assert result.exit_code == 2, f"exit {result.exit_code}: {result.stderr!r}"
    assert result.stdout == ""
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, f"not one line: {result.stderr!r}"
    assert result.stderr.startswith("focus: ")
    return result.stderr[len("focus: ") : -1]


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in a folder with its bytes and mtime: to prove nothing was touched."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path)


@pytest.fixture(scope="session")
def planned_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with one block planned today, made once: copying it is faster than planning."""
    seed = Home(tmp_path_factory.mktemp("planned"))
    seed.ok("plan", "add", "09:00-10:00", "calls", "Ring the Q4 list")
    assert not seed.db.with_name("focus.db-wal").exists()  # closed: everything is in the main file
    return seed.db


@pytest.fixture
def planned(home: Home, planned_db: Path) -> Home:
    """A home with one block planned today, 09:00-10:00 calls 'Ring the Q4 list'."""
    shutil.copyfile(planned_db, home.db)
    home.db.chmod(0o600)
    assert home.events() == 1
    return home


def words_of(command) -> str:
    """A readable test id: the command's words without options and their values."""
    words, skip = [], False
    for word in command:
        if skip:
            skip = False
        elif word.startswith("--"):
            skip = True
        else:
            words.append(word)
    return "-".join(words[:2])


def keywords_in(message: str, *words: str) -> None:
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


# -- dates and times -----------------------------------------------------------------------------

BAD_DATE = "use today, yesterday, mon…sun or YYYY-MM-DD"
BAD_TIME = "use 9, 9:30, 09:30 or 9.30"


@pytest.mark.parametrize("date", ["2026-13-01", "someday", "2026-02-30", "24/11/2026"])
@pytest.mark.parametrize(
    "command",
    [
        ("log", "email", "--at", "9"),
        ("count", "call", "--at", "9"),
        ("start", "--at", "9"),
        ("stop", "--at", "9"),
        ("back", "--at", "9"),
        ("plan", "add", "09:00-10:00", "calls"),
        ("plan", "ls"),
        ("plan", "rm", "1"),
        ("plan", "template"),
    ],
    ids=words_of,
)
def test_bad_date_option(planned: Home, command, date):
    message = planned.fails(*command, "--date", date)
    keywords_in(message, f"bad date {date!r}", BAD_DATE)


@pytest.mark.parametrize("date", ["2026-13-01", "someday", "2026-02-30"])
def test_report_bad_date(planned: Home, date):
    keywords_in(planned.fails("report", date), f"bad date {date!r}", BAD_DATE)
    keywords_in(planned.fails("report", date, "--format", "json"), f"bad date {date!r}")


def test_plan_copy_bad_from_date(planned: Home):
    keywords_in(planned.fails("plan", "copy", "--from", "someday"), "bad date 'someday'")


@pytest.mark.parametrize("time", ["25:00", "24:00", "9:75", "nine", "9:5", "", "-1"])
@pytest.mark.parametrize(
    "command", [("log", "email"), ("count", "call"), ("start", "1"), ("stop",), ("back",)], ids=lambda c: c[0]
)
def test_bad_at(planned: Home, command, time):
    message = planned.fails(*command, "--at", time)
    keywords_in(message, f"bad time {time!r}", BAD_TIME, "24-hour clock")


@pytest.mark.parametrize(
    "command", [("log", "email"), ("count", "call"), ("start", "1"), ("stop",), ("back",)], ids=lambda c: c[0]
)
def test_date_without_at(planned: Home, command):
    message = planned.fails(*command, "--date", "yesterday")
    assert message == "--date needs --at: the time on that date"
    assert planned.fails(*command, "--date", "2026-13-01").startswith("bad date '2026-13-01'")  # said first


# Dates that parse as ISO but lie at the edge of what Python's datetime can hold.
@pytest.mark.parametrize(
    "command",
    [
        ("report", "9999-12-31"),
        ("report", "0001-01-01"),
        ("start", "--date", "9999-12-31", "--at", "10"),
        ("log", "email", "--date", "0001-01-01", "--at", "00:10"),
    ],
    ids=["report-9999", "report-0001", "start-9999", "log-0001"],
)
def test_extreme_dates(home: Home, command):
    keywords_in(home.fails(*command), "bad date")


# -- the plan ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "time_range, words",
    [
        ("10-9", ["bad time range '10-9'", "ends before it starts"]),
        ("23:00-01:00", ["bad time range '23:00-01:00'", "ends before it starts", "midnight"]),
        ("9:00-9:00", ["bad time range '9:00-9:00'", "empty"]),
        ("9-09:00", ["bad time range '9-09:00'", "empty"]),
        ("0900", ["bad time range '0900'", "START-END"]),
        ("0900-1000", ["bad time '0900'"]),
        ("9-25", ["bad time '25'"]),
        ("9:00-", ["bad time ''"]),
        ("x-10", ["bad time 'x'"]),
        ("-10", ["No such option '-1'"]),  # click reads a leading dash as an option: still one line
        ("9-10-11", ["bad time '10-11'"]),
    ],
)
def test_plan_add_bad_range(home: Home, time_range, words):
    keywords_in(home.fails("plan", "add", time_range, "calls"), *words)
    assert home.events() == 0


def test_plan_add_unknown_category(planned: Home):
    message = planned.fails("plan", "add", "11:00-12:00", "nosuch", "A title")
    keywords_in(message, "unknown category 'nosuch'", "known:", "calls", "visits", "lunch")
    # Categories are case-sensitive names.
    keywords_in(planned.fails("plan", "add", "11:00-12:00", "Calls"), "unknown category 'Calls'")


@pytest.mark.parametrize(
    "target, words",
    [
        ("call=x", ["bad target 'call=x'", "OUTCOME=N"]),
        ("call", ["bad target 'call'", "OUTCOME=N"]),
        ("call=", ["bad target 'call='"]),
        ("call=-1", ["bad target 'call=-1'"]),
        ("call=2.5", ["bad target 'call=2.5'"]),
        ("nosuch=3", ["unknown target 'nosuch'", "call, meeting, quote, deal"]),
        ("call=0", ["target call=0", "above 0"]),
    ],
)
def test_plan_add_bad_target(planned: Home, target, words):
    keywords_in(planned.fails("plan", "add", "11:00-12:00", "calls", "--target", target), *words)


def test_plan_add_bad_second_target_plans_nothing(home: Home):
    message = home.fails("plan", "add", "11:00-12:00", "calls", "--target", "call=20", "--target", "meeting=x")
    keywords_in(message, "bad target 'meeting=x'")
    assert home.events() == 0


def test_plan_add_target_superscript_digit(planned: Home):
    keywords_in(planned.fails("plan", "add", "11:00-12:00", "calls", "--target", "call=²"), "bad target")


@pytest.mark.parametrize("time_range", ["09:30-10:30", "09:00-10:00", "08:00-11:00", "09:15-09:45", "08:00-09:01"])
def test_plan_add_overlapping_block_writes_nothing(planned: Home, time_range):
    message = planned.fails("plan", "add", time_range, "visits", "Acme")
    keywords_in(message, "overlaps 09:00-10:00 calls 'Ring the Q4 list'", TODAY, "nothing was planned")
    assert planned.events() == 1


def test_plan_add_adjacent_block_is_fine(planned: Home):
    """The overlap check is half-open: 10:00-11:00 touches 09:00-10:00 but does not overlap it."""
    planned.ok("plan", "add", "10:00-11:00", "visits")
    assert planned.events() == 2


def test_plan_template_twice_plans_nothing_the_second_time(home: Home):
    home.ok("plan", "template")
    assert home.events() == 10
    keywords_in(home.fails("plan", "template"), "overlaps", "nothing was planned")
    assert home.events() == 10


def test_plan_template_over_one_block_plans_none_of_it(home: Home):
    """All or none: one clash (10:30-11:30 against the template's 10:15-10:45 calls) stops all ten."""
    home.ok("plan", "add", "10:30-10:40", "admin")
    keywords_in(home.fails("plan", "template"), "overlaps 10:30-10:40 admin", "nothing was planned")
    assert home.events() == 1


def test_plan_copy_onto_itself_overlaps(planned: Home):
    keywords_in(planned.fails("plan", "copy", "--from", "today"), "overlaps", "nothing was planned")
    assert planned.events() == 1


def test_plan_copy_from_empty_day(planned: Home):
    assert planned.fails("plan", "copy", "--from", "yesterday") == "nothing is planned on 2026-11-23"


@pytest.mark.parametrize("command", [("plan", "rm"), ("start",)], ids=["plan-rm", "start"])
@pytest.mark.parametrize(
    "ref, words",
    [
        ("zzzzzz", ["no block 'zzzzzz' on 2026-11-24", "plan ls"]),
        ("2", ["no block number 2 on 2026-11-24", "1 planned"]),
        ("0", ["no block number 0 on 2026-11-24"]),
        ("99999999999999999999", ["no block number 99999999999999999999"]),
        ("Z", ["no block 'Z'"]),
    ],
)
def test_unknown_block(planned: Home, command, ref, words):
    keywords_in(planned.fails(*command, ref), *words)
    assert planned.events() == 1


def test_block_on_another_day(planned: Home):
    """Block numbers belong to a day: block 1 of today is not block 1 of yesterday."""
    keywords_in(planned.fails("plan", "rm", "1", "--date", "yesterday"), "no block number 1 on 2026-11-23", "0 planned")


def test_plan_rm_empty_id(planned: Home):
    keywords_in(planned.fails("plan", "rm", ""), "block")


def test_plan_rm_superscript_digit(planned: Home):
    keywords_in(planned.fails("plan", "rm", "²"), "no block")


# -- tracking ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["nosuch", "Email", "e-mail", "walkin", ""])
def test_log_unknown_kind(home: Home, kind):
    message = home.fails("log", kind)
    keywords_in(message, f"unknown interruption kind {kind!r}", "email, phone, chat, walk-in, self, other")
    assert home.events() == 0


@pytest.mark.parametrize("minutes", ["0", "-5", "1441", "99999999999999999999"])
def test_log_bad_minutes(home: Home, minutes):
    assert home.fails("log", "email", "--minutes", minutes) == f"--minutes {minutes}: must be between 1 and 1440"
    assert home.events() == 0


@pytest.mark.parametrize("outcome", ["nosuch", "calls", "Call", "email"])
def test_count_unknown_outcome(home: Home, outcome):
    message = home.fails("count", outcome)
    keywords_in(message, f"unknown outcome {outcome!r}", "call, meeting, quote, deal")


@pytest.mark.parametrize("n", ["0", "10001"])
def test_count_out_of_range(home: Home, n):
    message = home.fails("count", "call", n)
    keywords_in(message, f"count {n}: must be between 1 and 10000", "focus undo")


def test_a_negative_count_is_a_count_error_not_an_unknown_option(home: Home):
    assert home.fails("count", "call", "-1") == "a count is 1 or more; to take one back: focus undo"


def test_start_with_nothing_planned_now(planned: Home):
    """10:42 lies outside the 09:00-10:00 block: without BLOCK there is nothing to start."""
    message = planned.fails("start")
    keywords_in(message, "no block is planned at 10:42 on 2026-11-24", "name one")


def test_start_a_running_block_again(planned: Home):
    planned.ok("start", "1", "--at", "9:00")
    message = planned.fails("start", "1", "--at", "9:30")
    keywords_in(message, "'Ring the Q4 list'", "already running since 09:00")
    assert planned.events() == 2


def test_stop_with_nothing_running(planned: Home):
    assert planned.fails("stop") == "nothing is running at 10:42 on 2026-11-24"
    planned.ok("start", "1", "--at", "9:00")
    planned.ok("stop", "--at", "9:30")
    assert planned.fails("stop") == "nothing is running at 10:42 on 2026-11-24"
    assert planned.fails("stop", "--at", "8:59") == "nothing is running at 08:59 on 2026-11-24"
    assert planned.events() == 3


def test_back_with_no_interruption(home: Home):
    assert home.fails("back") == "no interruption is going on at 10:42 on 2026-11-24"
    # An email check at 10:30 lasts its default 5 minutes: over by 10:42.
    home.ok("log", "email", "--at", "10:30")
    assert home.fails("back") == "no interruption is going on at 10:42 on 2026-11-24"
    home.ok("log", "phone", "--at", "10:40")
    home.ok("back")
    assert home.fails("back") == "no interruption is going on at 10:42 on 2026-11-24"
    assert home.events() == 3


def test_undo_on_empty_database(home: Home):
    assert home.fails("undo") == "nothing to undo"
    assert home.events() == 0


def test_undo_when_everything_is_undone(home: Home):
    home.ok("count", "call")
    home.ok("undo")
    assert home.fails("undo") == "nothing to undo"
    assert home.events() == 2


# -- click usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, words",
    [
        (["nosuch"], ["No such command 'nosuch'", "focus --help"]),
        (["plan", "nosuch"], ["No such command 'nosuch'", "focus plan --help"]),
        (["--nosuch"], ["No such option '--nosuch'", "focus --help"]),
        (["log", "email", "--nosuch"], ["No such option '--nosuch'", "focus log --help"]),
        (["report", "--fromat", "json"], ["No such option '--fromat'"]),
        (["count", "call", "--dat=2026-11-24"], ["No such option '--dat'", "focus count --help"]),
        (["plan", "add"], ["Missing argument 'START-END'", "focus plan add --help"]),
        (["plan", "add", "9-10"], ["Missing argument 'CATEGORY'"]),
        (["log"], ["Missing argument 'KIND'"]),
        (["import", "events"], ["Missing argument 'FILE'"]),
        (["plan", "copy"], ["Missing option '--from'"]),
        (["report", "--format", "xml"], ["Invalid value for '--format'", "'xml' is not one of"]),
        (["log", "email", "--minutes", "abc"], ["Invalid value for '--minutes'", "'abc' is not a valid integer"]),
        (["log", "email", "--minutes"], ["Option '--minutes' requires an argument"]),
        (["count", "call", "abc"], ["Invalid value for '[N]'", "'abc' is not a valid integer"]),
        (["count", "call", "1", "2"], ["Got unexpected extra argument (2)"]),
        (["undo", "now"], ["Got unexpected extra argument (now)"]),
    ],
)
def test_usage_errors_are_one_line(planned: Home, args, words):
    keywords_in(planned.fails(*args), *words)


@pytest.mark.parametrize("group", ["plan", "config", "db", "export", "import"])
def test_group_without_subcommand(home: Home, group):
    home.fails(group)


# -- config --------------------------------------------------------------------------------------

CONFIG_ERRORS = [
    pytest.param("foo = 1\n", "foo", ["unknown key"], id="unknown-top-level-key"),
    pytest.param("[work]\nfoo = 1\n", "work.foo", ["unknown key"], id="unknown-nested-key"),
    pytest.param(
        '[categories.calls]\nmode = "proactive"\ncolour = "red"\n',
        "categories.calls.colour",
        ["unknown key"],
        id="unknown-category-key",
    ),
    pytest.param('[work]\nstart = "25:00"\n', "work.start", ["bad time '25:00'"], id="work-start-25"),
    pytest.param(
        '[work]\nstart = "17:00"\nend = "08:00"\n', "work", ["end must come after start"], id="work-end-before-start"
    ),
    pytest.param('[work]\ndays = ["monday"]\n', "work.days", ["'monday' is not one of mon"], id="work-days"),
    pytest.param(
        'timezone = "Mars/Olympus"\n', "timezone", ["unknown time zone 'Mars/Olympus'", "IANA"], id="timezone"
    ),
    pytest.param('timezone = "../../etc/passwd"\n', "timezone", ["unknown time zone"], id="timezone-path"),
    pytest.param("timezone = 1\n", "timezone", ["must be a string"], id="timezone-not-string"),
    pytest.param(
        '[categories.x]\nmode = "sometimes"\n',
        "categories.x.mode",
        ["must be one of proactive, reactive, neutral", "'sometimes'"],
        id="category-mode",
    ),
    pytest.param("[categories.x]\nmeeting = true\n", "categories.x.mode", ["missing"], id="category-no-mode"),
    pytest.param('[categories.Calls]\nmode = "proactive"\n', "categories.Calls", ["lowercase"], id="category-name"),
    pytest.param(
        '[plan]\ntemplate = ["09:00-10:00 nosuch"]\n',
        "plan.template",
        ["unknown category 'nosuch'"],
        id="template-unknown-category",
    ),
    pytest.param(
        '[plan]\ntemplate = ["10:00-09:00 calls"]\n',
        "plan.template",
        ["ends before it starts"],
        id="template-bad-range",
    ),
    pytest.param(
        '[plan]\ntemplate = ["09:00-10:00 calls", "09:30-11:00 visits"]\n',
        "plan.template",
        ["overlap"],
        id="template-overlap",
    ),
    pytest.param('[plan]\nauto_start = "yes"\n', "plan.auto_start", ["true or false"], id="auto-start"),
    pytest.param("[interruptions]\nemail = 0\n", "interruptions.email", ["above 0"], id="interruption-minutes"),
    pytest.param("[interruptions]\nfax = 5\n", "interruptions.fax", ["unknown key"], id="interruption-kind"),
    pytest.param("outcomes = []\n", "outcomes", ["non-empty"], id="outcomes-empty"),
    pytest.param("[targets]\nvisits_per_day = -1\n", "targets.visits_per_day", ["0 or more"], id="target-negative"),
    pytest.param("[report]\nfocus_minutes = 2.5\n", "report.focus_minutes", ["whole number"], id="focus-minutes"),
    pytest.param('[debrief]\ntime = "17.60"\n', "debrief.time", ["bad time '17.60'"], id="debrief-time"),
    pytest.param(
        '[sources.calendar]\nrules = [{match = "(", category = "visits"}]\n',
        "sources.calendar.rules",
        ["bad regular expression"],
        id="calendar-regex",
    ),
    pytest.param(
        '[sources.maildir]\npaths = "~/Mail"\n', "sources.maildir.paths", ["list of strings"], id="maildir-paths"
    ),
    pytest.param('[export]\ncsv_delimiter = ";;"\n', "export.csv_delimiter", ["one character"], id="csv-delimiter"),
    pytest.param("work = 5\n", "work", ["must be a table"], id="section-not-table"),
]


@pytest.mark.parametrize("text, key, words", CONFIG_ERRORS)
def test_config_error_names_file_and_key(home: Home, text, key, words):
    home.write_config(text)
    message = home.fails("config", "check")
    assert message.startswith(f"config {home.paths.config_file}: {key}: "), message
    keywords_in(message, *words)


@pytest.mark.parametrize(
    "command",
    [
        ("log", "email"),
        ("count", "call"),
        ("plan", "add", "11-12", "calls"),
        ("plan", "template"),
        ("undo",),
        ("report",),
    ],
    ids=words_of,
)
def test_bad_config_blocks_every_command_and_writes_nothing(home: Home, command):
    home.ok("count", "call", "--at", "9")
    home.write_config('[work]\nstart = "25:00"\n')
    message = home.fails(*command)
    assert message.startswith(f"config {home.paths.config_file}: work.start: bad time '25:00'"), message
    assert home.events() == 1


def test_config_not_toml(home: Home):
    home.write_config('timezone = "UTC"\n[work\nstart = "08:00"\n')
    message = home.fails("config", "check")
    keywords_in(message, f"config {home.paths.config_file}", "not valid TOML", "line 2")


def test_config_not_utf8(home: Home):
    home.write_config(b'timezone = "\xff"\n')
    keywords_in(home.fails("config", "check"), f"config {home.paths.config_file}", "cannot read", "utf-8")


def test_config_is_a_directory(home: Home):
    home.paths.config_file.mkdir()
    keywords_in(home.fails("log", "email"), f"config {home.paths.config_file}", "cannot read", "Is a directory")


def test_config_init_refuses_to_overwrite(home: Home):
    home.write_config("# mine\n")
    message = home.fails("config", "init")
    keywords_in(message, str(home.paths.config_file), "exists", "--force")
    assert home.paths.config_file.read_text() == "# mine\n"


# -- the database --------------------------------------------------------------------------------


def test_database_of_garbage_bytes(home: Home):
    home.db.write_bytes(b"this is not a database\n" * 200)
    before = files(home.root)
    for command in [("log", "email"), ("report",), ("undo",), ("plan", "ls"), ("db", "check"), ("export", "events")]:
        message = home.fails(*command)
        assert message == f"database {home.db}: not a focus database, or damaged (file is not a database)"
    assert files(home.root) == before


def test_damaged_database(home: Home):
    home.ok("log", "email", "--at", "9")
    home.ok("plan", "template")
    conn = sqlite3.connect(home.db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file; it stays in WAL mode
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(home.db.read_bytes())
    data[page_size:] = b"\xab" * (len(data) - page_size)  # keep the header and schema page, ruin the rest
    home.db.write_bytes(bytes(data))
    before = files(home.root)
    for command in [("log", "email"), ("report",), ("db", "check")]:
        message = home.fails(*command)
        assert message.startswith(f"database {home.db} is damaged (database disk image is malformed)")
        keywords_in(message, "focus export events --out", "focus db init --force", "focus import events")
    after = files(home.root)
    # the database file is untouched; SQLite may open its (empty) WAL index files to read a WAL database
    assert after["focus.db"] == before["focus.db"]
    assert set(after) - set(before) <= {"focus.db-wal", "focus.db-shm"} and after.get("focus.db-wal", (b"",))[0] == b""


def _newer_database(path: Path, journal_mode: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE events (id TEXT PRIMARY KEY, at INTEGER, something_new TEXT)")
    conn.execute("INSERT INTO events VALUES ('01', 0, 'from the future')")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "journal_mode",
    [
        "wal",
        "delete",
    ],
)
@pytest.mark.parametrize(
    "command", [("log", "email"), ("report",), ("db", "check"), ("undo",)], ids=lambda c: "-".join(c)
)
def test_database_from_a_newer_version_is_left_alone(home: Home, command, journal_mode):
    _newer_database(home.db, journal_mode)
    before = files(home.root)
    message = home.fails(*command)
    keywords_in(
        message,
        f"database {home.db}",
        "newer focus",
        "schema 99",
        f"knows {SCHEMA_VERSION}",
        "upgrade focus",
        "nothing was changed",
    )
    assert files(home.root) == before
    assert home.events() == 1


def test_database_path_is_a_directory(home: Home):
    home.db.mkdir()
    for command in [("log", "email"), ("report",)]:
        assert home.fails(*command) == f"database {home.db}: unable to open database file"
    assert list(home.db.iterdir()) == []


def test_data_dir_is_a_file(tmp_path: Path):
    (tmp_path / "data").write_text("a file, not a folder\n")
    home = Home(tmp_path)
    home.paths = Paths(tmp_path / "config.toml", tmp_path / "data")
    message = home.fails("log", "email")
    keywords_in(message, f"database {tmp_path / 'data' / 'focus.db'}", "File exists")
    assert (tmp_path / "data").read_text() == "a file, not a folder\n"


# -- import and export ---------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> list[str]:
    """Three valid export lines (an interruption, an outcome, a block) from another home."""
    source = Home(tmp_path / "source")
    source.root.mkdir()
    source.ok("log", "email", "--at", "9")
    source.ok("count", "call", "3", "--at", "9:30")
    source.ok("plan", "add", "11:00-12:00", "visits", "Acme")
    lines = source.ok("export", "events").stdout.splitlines()
    assert [json.loads(line)["type"] for line in lines] == ["interruption", "outcome", "block"]
    return lines


def _with(line: str, **changes) -> str:
    data = json.loads(line)
    for key, value in changes.items():
        if value is _DROP:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


_DROP = object()


def _payload(line: str, **changes) -> str:
    data = json.loads(line)
    data["payload"].update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    "bad, words",
    [
        (lambda lines: "this is not JSON", ["line 3: not JSON"]),
        (lambda lines: "[1, 2]", ["line 3: not a JSON object"]),
        (lambda lines: _with(lines[0], type="nosuch"), ["line 3: missing or bad 'type'"]),
        (lambda lines: _with(lines[0], at=_DROP), ["line 3: missing or bad 'at'"]),
        (lambda lines: _with(lines[0], at="09:00"), ["line 3: missing or bad 'at'"]),
        (lambda lines: _with(lines[0], id="not-an-id"), ["line 3: missing or bad 'id'"]),
        (lambda lines: _with(lines[0], tz="Mars/Olympus"), ["line 3: missing or bad 'tz'"]),
        (lambda lines: _with(lines[0], day="someday"), ["line 3: missing or bad 'day'"]),
        (lambda lines: _with(lines[0], colour="red"), ["line 3: unknown field 'colour'"]),
        (
            lambda lines: _with(lines[2], payload={"block": "abcdef"}),
            ["line 3: an event of type 'block' needs date, start, end, category"],
        ),
        (lambda lines: _with(lines[0], type="undo", ref=None), ["line 3: an event of type 'undo' needs ref"]),
    ],
    ids=[
        "not-json",
        "not-object",
        "unknown-type",
        "missing-at",
        "string-at",
        "bad-id",
        "bad-tz",
        "bad-day",
        "unknown-field",
        "block-missing-payload",
        "undo-without-ref",
    ],
)
def test_import_bad_line_imports_nothing(home: Home, exported, bad, words):
    home.ok("count", "deal", "--at", "8")
    file = home.root / "events.jsonl"
    file.write_text("\n".join([exported[0], exported[1], bad(exported), exported[2]]) + "\n", encoding="utf-8")
    keywords_in(home.fails("import", "events", str(file)), *words)
    assert home.events() == 1


def test_import_bad_line_from_stdin(home: Home, exported):
    keywords_in(home.fails("import", "events", "-", input=exported[0] + "\nnope\n"), "line 2: not JSON")
    assert home.events() == 0


def test_import_missing_file(home: Home):
    missing = home.root / "nope.jsonl"
    assert home.fails("import", "events", str(missing)) == f"cannot read {missing}: No such file or directory"


def test_import_a_directory(home: Home):
    keywords_in(home.fails("import", "events", str(home.root)), "Invalid value for 'FILE'", "is a directory")


def test_import_not_utf8(home: Home, exported):
    file = home.root / "events.jsonl"
    file.write_bytes(exported[0].encode() + b"\n\xff\xfe\n")
    assert home.fails("import", "events", str(file)) == f"{file}: not UTF-8 text"


def test_import_at_beyond_sqlite_integer(home: Home, exported):
    file = home.root / "events.jsonl"
    file.write_text(_with(exported[0], at=2**70) + "\n", encoding="utf-8")
    keywords_in(home.fails("import", "events", str(file)), "line 1")


@pytest.mark.parametrize(
    "bad",
    [
        lambda lines: _payload(lines[2], start="nonsense"),
        lambda lines: _payload(lines[2], date="garbage"),
        lambda lines: _payload(lines[1], count="many"),
    ],
    ids=["block-start", "block-date", "outcome-count"],
)
def test_import_bad_payload_value_imports_nothing(home: Home, exported, bad):
    file = home.root / "events.jsonl"
    file.write_text(exported[0] + "\n" + bad(exported) + "\n", encoding="utf-8")
    keywords_in(home.fails("import", "events", str(file)), "line 2")


def test_export_to_missing_folder(home: Home):
    home.ok("count", "call")
    keywords_in(home.fails("export", "events", "--out", str(home.root / "no" / "such" / "x.jsonl")), "cannot write")


def test_export_to_a_directory(home: Home):
    keywords_in(home.fails("export", "events", "--out", str(home.root)), "Invalid value for '--out'", "is a directory")


# -- "writes nothing": no database appears for a refused command -----------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("plan", "add", "09:00-10:00", "calls", "--date", "someday"),
        ("start", "--date", "someday", "--at", "9"),
        ("back", "--at", "nine"),
        ("log", "email", "--date", "someday", "--at", "9"),
        ("count", "call", "--at", "25:00"),
        ("stop", "--at", "25:00"),
        ("report", "someday"),
    ],
    ids=lambda c: c[0],
)
def test_refused_command_on_fresh_home_creates_no_database(home: Home, command):
    home.fails(*command)
    assert not home.db.exists()


# -- the real console script -----------------------------------------------------------------------

FOCUS_SCRIPT = Path(sys.executable).parent / "focus"


@pytest.mark.skipif(not FOCUS_SCRIPT.exists(), reason="the focus console script is not installed next to python")
@pytest.mark.parametrize(
    "args, config, expected",
    [
        (
            ["log", "email", "--date", "2026-13-01", "--at", "9"],
            None,
            "focus: bad date '2026-13-01': use today, yesterday, mon…sun or YYYY-MM-DD\n",
        ),
        (["report"], 'timezone = "Mars/Olympus"\n', None),
    ],
    ids=["bad-date", "bad-config"],
)
def test_console_script(tmp_path: Path, args, config, expected):
    if config is not None:
        (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    env = {**os.environ, "FOCUS_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [str(FOCUS_SCRIPT), *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=30
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("focus: ")
    if expected is not None:
        assert proc.stderr == expected
    else:
        keywords_in(proc.stderr, f"config {tmp_path / 'config.toml'}", "timezone", "Mars/Olympus")
    assert Home(tmp_path).events() == 0
