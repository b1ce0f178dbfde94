"""focus in Swedish (LANG=sv_SE.UTF-8, or language = "sv"): the day report in Swedish words with Swedish
dates and numbers, the CSV for Excel with Swedish settings (``;``, a decimal comma, still formula-safe),
JSON the same bytes in both languages; and the English report as it always was."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Focus

DAY = "2026-11-24"  # a Tuesday in 2026-W48
SWEDISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "sv_SE.UTF-8"}
NBSP = "\u00a0"

ENGLISH_REPORT = """\
focus · Tue 24 Nov 2026 · v48 · Europe/Stockholm

Time           proactive ██████████████······ 1h29 89 %
               reactive  ▒▒··················  11m
               neutral   ░░░░················  30m
               untracked of 9h00 work hours   6h50
Interruptions  2 · email 1/3 · phone 1 · chat 0 · walk-in 0 · self 0 · other 0
Focus          longest 40m · 2 stretches ≥ 25m
Plan           3 of 4 blocks kept · 1 not tracked
Outcomes       call 5 → meeting 1 (20 %) → quote 0 (0 %) → deal 0
Debrief        visits 2/4 · 0 debriefed · decision maker known 0 · budget known 0 · next step 0 · booked 0

 #  time         category  title    planned  worked  int  state
 1  09:00–10:00  calls     Ring        1h00    1h00    2  kept
 2  10:15–11:00  visits    Globex       45m     40m    0  kept
 3  12:00–12:30  lunch     lunch        30m     30m    0  kept
 4  14:00–15:00  visits    Initech     1h00       –    0  not tracked
"""

SWEDISH_REPORT = f"""\
focus · tis 24 nov 2026 · vecka 48 · Europe/Stockholm

Tid        proaktivt    ██████████████······ 1h29 89{NBSP}%
           reaktivt     ▒▒··················  11m
           neutralt     ░░░░················  30m
           oregistrerat av 9h00 arbetstid    6h50
Avbrott    2 · mejlkoll 1/3 · telefon 1 · chatt 0 · spontanbesök 0 · eget 0 · annat 0
Fokus      längsta 40m · 2 fokuspass ≥ 25m
Plan       3 av 4 block hållna · 1 oregistrerat
Resultat   samtal 5 → möte 1 (20{NBSP}%) → offert 0 (0{NBSP}%) → affär 0
Genomgång  kundbesök 2/4 · 0 genomgångna · beslutsfattare känd 0 · budget känd 0 · nästa steg 0 · bokat 0

 #  tid          kategori   rubrik   planerat  arbetat  avbr  status
 1  09.00–10.00  samtal     Ring         1h00     1h00     2  hållet
 2  10.15–11.00  kundbesök  Globex        45m      40m     0  hållet
 3  12.00–12.30  lunch      lunch         30m      30m     0  hållet
 4  14.00–15.00  kundbesök  Initech      1h00        –     0  oregistrerat
"""


def a_day(focus: Focus) -> None:
    """Calls 09-10 with a 6-minute email check and a phone call, five calls made; a visit 10:15-10:55
    with a meeting booked; lunch; an afternoon visit never started."""
    at = ("--date", DAY, "--at")
    for block in (
        "09:00-10:00 calls Ring",
        "10:15-11:00 visits Globex",
        "12:00-12:30 lunch",
        "14:00-15:00 visits Initech",
    ):
        focus("plan", "add", *block.split(), "--date", DAY)
    focus("start", "1", *at, "9:00")
    focus("log", "email", *at, "9:30", "--minutes", "6")
    focus("log", "phone", *at, "9:45")
    focus("count", "call", "5", *at, "9:50")
    focus("stop", *at, "10:00")
    focus("start", "2", *at, "10:15")
    focus("count", "meeting", *at, "10:50")
    focus("stop", *at, "10:55")
    focus("start", "3", *at, "12:00")
    focus("stop", *at, "12:30")


def swedish(focus: Focus, *args: str):
    """``focus ARGS`` in-process with LANG=sv_SE.UTF-8 (and nothing else saying a language)."""
    from focus.cli import Services, cli
    from focus.core.clock import Clock

    result = focus.runner.invoke(
        cli, list(args), obj=Services(focus.paths, Clock.fixed(focus.zone, focus.now)), env=SWEDISH
    )
    assert result.exit_code == 0, result.stderr
    return result


def test_the_day_report_in_swedish_words_dates_and_numbers(focus):
    a_day(focus)
    assert swedish(focus, "report", DAY).stdout == SWEDISH_REPORT


def test_the_english_report_is_as_it_was(focus):
    a_day(focus)
    assert focus("report", DAY).stdout == ENGLISH_REPORT


def test_lang_sv_in_a_real_process_speaks_swedish(focus):
    a_day(focus)
    env = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "focus"), "report", DAY],
        env={**env, "LANG": "sv_SE.UTF-8", "FOCUS_HOME": str(focus.paths.data_dir), "TZ": "Europe/Stockholm"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("focus · tis 24 nov 2026 · vecka 48 ·")
    assert "Avbrott    2 · mejlkoll 1/3 · telefon 1" in result.stdout and "kundbesök" in result.stdout


def test_the_markdown_report_in_swedish(focus):
    a_day(focus)
    text = swedish(focus, "report", DAY, "--format", "md").stdout
    assert text.startswith("# focus · tis 24 nov 2026 · vecka 48\n")
    assert f"| proaktivt | 1h29 | 89{NBSP}% |" in text and "| oregistrerat | 6h50 | av 9h00 arbetstid |" in text
    assert "**Fokus:** längsta 40m, 2 fokuspass ≥ 25 min  " in text
    assert "| 14.00–15.00 | kundbesök | Initech | 1h00 | – | 0 | oregistrerat |" in text


def test_the_config_language_makes_the_report_swedish(focus):
    a_day(focus)
    focus.paths.config_file.write_text('language = "sv"\n', encoding="utf-8")
    assert focus("report", DAY).stdout == SWEDISH_REPORT


def test_a_users_own_category_and_outcome_names_are_shown_as_written(focus):
    focus.paths.config_file.write_text(
        'outcomes = ["dial", "demo"]\n[categories.demo-prep]\nmode = "proactive"\n', encoding="utf-8"
    )
    focus("plan", "add", "09:00-10:00", "demo-prep", "Förbered", "--date", DAY)
    text = swedish(focus, "report", DAY).stdout
    assert " demo-prep " in text and "Resultat   dial 0 → demo 0" in text


@pytest.mark.parametrize("args", [("report", DAY), ("week", "2026-W48")])
def test_json_is_the_same_bytes_in_both_languages(focus, args):
    a_day(focus)
    english = focus(*args, "--format", "json").stdout
    assert swedish(focus, *args, "--format", "json").stdout == english
    assert '"proactive_share": 0.89' in english


def week_rows(text: str, delimiter: str) -> dict[str, dict[str, str]]:
    return {row["date"]: row for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)}


def swedish_number(cell: str) -> float:
    """A cell as Excel with Swedish settings reads it: a decimal comma, nothing else in a number."""
    assert "." not in cell, cell
    return float(cell.replace(",", "."))


def test_the_week_csv_in_swedish_has_semicolons_and_decimal_commas_that_read_back_as_the_numbers(focus):
    a_day(focus)
    doc = focus.json("week", "2026-W48")
    text = swedish(focus, "week", "2026-W48", "--format", "csv").stdout
    assert text.splitlines()[0].startswith("date;weekday;work_day;proactive_seconds;")
    rows = week_rows(text, ";")
    tuesday = rows[DAY]
    day = doc["days"][1]
    assert swedish_number(tuesday["proactive_share"]) == day["proactive_share"] == 0.89
    assert tuesday["proactive_share"] == "0,89"
    assert swedish_number(tuesday["interruptions_per_hour"]) == day["interruptions_per_hour"]
    assert int(tuesday["proactive_seconds"]) == day["seconds"]["proactive"] == 5340
    assert swedish_number(rows["total"]["proactive_share"]) == doc["totals"]["proactive_share"]


def test_a_delimiter_given_still_wins_in_swedish(focus):
    a_day(focus)
    tab = swedish(focus, "week", "2026-W48", "--format", "csv", "--delimiter", "\t").stdout
    assert week_rows(tab, "\t")[DAY]["proactive_share"] == "0,89"
    focus.paths.config_file.write_text('[export]\ncsv_delimiter = ","\n', encoding="utf-8")
    comma = swedish(focus, "week", "2026-W48", "--format", "csv").stdout
    assert week_rows(comma, ",")[DAY]["proactive_share"] == "0,89"  # quoted by the writer, read back whole
    assert '"0,89"' in comma


def test_the_english_csv_is_as_it_was(focus):
    a_day(focus)
    text = focus("week", "2026-W48", "--format", "csv").stdout
    assert week_rows(text, ",")[DAY]["proactive_share"] == "0.89"


def test_the_swedish_csv_is_still_formula_safe(focus):
    focus("plan", "add", "09:00-10:00", "calls", '=HYPERLINK("http://x")', "--date", DAY)
    rows = week_rows(swedish(focus, "week", "2026-W48", "--format", "csv").stdout, ";")
    assert rows[DAY]["blocks"] == '\'=HYPERLINK("http://x")'


def test_the_team_csv_in_swedish(focus, tmp_path):
    a_day(focus)
    folder = tmp_path / "team"
    folder.mkdir()
    focus.paths.config_file.write_text('seller = "Anna"\n', encoding="utf-8")
    focus("week", "2026-W48", "--format", "json", "--out", str(folder / "anna.json"))
    text = swedish(focus, "team", str(folder), "--format", "csv").stdout
    [row] = csv.DictReader(io.StringIO(text), delimiter=";")
    assert (row["seller"], row["proactive_share"], row["email_checks_per_work_day"]) == (
        "Anna",
        "0,89",
        "1,0",
    )  # one email check on the one day lived


def modules_after_command(args: list[str], home: Path) -> set[str]:
    """The modules a fresh ``focus ARGS`` process with LANG=sv_SE.UTF-8 has loaded when the command is done."""
    script = (
        "import sys\nfrom focus.cli import cli\ntry:\n"
        f"    cli.main({args!r}, prog_name='focus')\nexcept SystemExit as done:\n    assert done.code == 0, done.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {"FOCUS_HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "sv_SE.UTF-8", "TZ": "Europe/Stockholm"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


WRITES = (
    ["log", "mejl", "--at", "kl. 9.30"],
    ["count", "samtal", "2"],
    ["plan", "add", "13:00-14:00", "calls", "Ring"],
    ["start", "1"],
    ["log", "telefon"],
    ["back"],
    ["stop"],
    ["undo"],
)


def test_pendulum_only_where_swedish_text_is_formatted_never_on_the_write_path(tmp_path):
    modules_after_command(["count", "call"], tmp_path)  # creates the database
    for command in WRITES:
        written = modules_after_command(command, tmp_path)
        assert "focus.i18n" in written
        heavy = {name for name in written if name.split(".")[0] in {"pendulum", "rich", "babel"}}
        assert not heavy, f"focus {' '.join(command)} loaded {sorted(heavy)}"
    reported = modules_after_command(["report"], tmp_path)
    assert "pendulum" in reported


def test_the_week_in_swedish(focus):
    a_day(focus)
    text = swedish(focus, "week", "2026-W48", "--weeks", "2").stdout
    assert text.startswith("focus · vecka 2026-W48 · 2026-11-23 – 2026-11-29 ·")
    assert f"proaktivt 89{NBSP}% av proaktivt + reaktivt" in text
    assert " dag      proaktivt  reaktivt  neutralt  oregistrerat  andel  mejl  avbr/h  fokus  hållna  samtal" in text
    assert f" tis 24        1h29       11m       30m          6h50   89{NBSP}%   1/3     0,9    40m     3/4" in text
    assert "Kundbesök   2 på 1 dag (mål 4 om dagen 3 dagar i veckan; 0 dagar på mål)" in text
    assert "Genomgång   0 av 2 besök genomgångna (0\u00a0%)" in text
    assert "Trend, senaste 2 veckorna" in text and " 2026-W48   89\u00a0%       1,0     0,9     3/4" in text
    md = swedish(focus, "week", "2026-W48", "--format", "md").stdout
    assert md.startswith("# focus · vecka 2026-W48 ·")
    assert "| dag | proaktivt | reaktivt | neutralt | oregistrerat | andel | mejl | hållna | samtal | möte |" in md


def test_the_tracking_commands_confirm_in_swedish_and_in_english_as_before(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", DAY)
    said = [
        swedish(focus, *args).stdout
        for args in (
            ("start", "1", "--at", "9"),
            ("log", "mejl", "--at", "kl. 9.30"),
            ("log", "telefon", "--at", "9.41", "--minutes", "10"),
            ("back", "--at", "9.45"),
            ("count", "samtal", "3", "--at", "9.50"),
            ("stop", "--at", "10"),
            ("log", "email", "--date", "igår", "--at", "kl. 9.30"),
        )
    ]
    assert said == [
        "startade samtal 'Ring' kl. 09.00 (planerat 09.00–10.00)\n",
        "loggade mejl kl. 09.30 (5 min om inget avbryter)\n",
        "loggade telefon kl. 09.41 (10 min)\n",
        "tillbaka till jobbet kl. 09.45 efter 4m telefon\n",
        "räknade 3 × samtal kl. 09.50\n",
        "stoppade samtal kl. 10.00 efter 1h00\n",
        "loggade mejl 2026-11-23 kl. 09.30 (5 min om inget avbryter)\n",
    ]
    assert focus("log", "email", "--date", "yesterday", "--at", "9:30").stdout == (
        "logged email at Mon 23 Nov 09:30 (5 min unless cut short)\n"
    )
    assert focus("count", "call", "--at", "11").stdout == "counted 1 × call at 11:00\n"


def test_undo_says_what_it_undid_in_swedish(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", DAY)
    focus("log", "email", "--at", "9:30")
    assert swedish(focus, "undo").stdout == "ångrade mejlkoll kl. 09.30 (i dag, 2026-11-24)\n"
    focus("count", "call", "2", "--date", "yesterday", "--at", "14:05")
    assert swedish(focus, "undo", "--any-day").stdout == "ångrade 2 × samtal 2026-11-23 kl. 14.05 (dag 2026-11-23)\n"
    assert swedish(focus, "undo").stdout == (
        "ångrade planerat block 09.00–10.00 samtal 'Ring' den 2026-11-24 (i dag, 2026-11-24)\n"
    )
    focus("log", "phone", "--at", "9:40")
    assert focus("undo").stdout == "undid phone interruption at 09:40 (today, 2026-11-24)\n"


def test_counts_of_blocks_and_checks_agree_with_their_number_in_swedish():
    from focus import i18n
    from focus.core.email_checks import noticed_words
    from focus.reports.names import state_count

    i18n.use("sv")
    assert [state_count("not_tracked", n) for n in (1, 3)] == ["1 oregistrerat", "3 oregistrerade"]
    assert [state_count("not_kept", n) for n in (1, 2)] == ["1 inte hållet", "2 inte hållna"]
    assert noticed_words({"maildir": 1, "imap": 2, "pressed": 1}) == (
        "2 upptäckta av IMAP, 1 upptäckt i Maildir, 1 loggad själv"
    )
    i18n.use("en")
    assert [state_count("not_tracked", n) for n in (1, 3)] == ["1 not tracked", "3 not tracked"]
    assert (
        noticed_words({"maildir": 1, "imap": 2, "pressed": 1})
        == "2 noticed by IMAP, 1 noticed by the Maildir, 1 pressed"
    )


def test_who_runs_the_sources_in_swedish_and_the_lock_file_in_english():
    from focus import i18n
    from focus.sources.lock import SourcesBusy, holder_said

    i18n.use("sv")
    assert holder_said("pid 12 (the focus TUI)") == "pid 12 (arbetsdagsskärmen)"
    assert (
        str(SourcesBusy("pid 12 (focus watch)")) == "händelsekällorna körs redan i pid 12 (focus watch), som sköter dem"
    )
    assert holder_said("pid 12 (something else)") == "pid 12 (something else)"
    i18n.use("en")
    assert holder_said("pid 12 (the focus TUI)") == "pid 12 (the focus TUI)"
