"""The 17:03 debrief in Swedish (issue 12): the questions in the seed's own words when the config sets none
of its own, every line the prompt prints, the Markdown to send on, the messages of a bad answers file; the
JSON the same bytes in both languages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from focus.cli import Services, cli
from focus.core.clock import Clock
from tests.conftest import Focus

DAY = "2026-11-24"
SWEDISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "sv_SE.UTF-8"}
NBSP = "\u00a0"


def two_visits(focus: Focus) -> None:
    focus("plan", "add", "10:15-11:00", "visits", "Globex", "--date", DAY)
    focus("plan", "add", "14:00-15:00", "visits", "Initech", "--date", DAY)


def swedish(focus: Focus, *args: str, typed: str | None = None):
    """``focus ARGS`` in-process with LANG=sv_SE.UTF-8, answering ``typed`` at the prompts."""
    return focus.runner.invoke(
        cli, list(args), input=typed, obj=Services(focus.paths, Clock.fixed(focus.zone, focus.now)), env=SWEDISH
    )


ANSWERED = "\n".join(["j", "Anna (inköpschef)", "kanske", "vet inte", "50 tkr", "Offert på fredag", "nej", "", "n"])


def test_the_prompt_asks_the_seeds_questions_in_swedish(focus):
    two_visits(focus)
    result = swedish(focus, "debrief", DAY, typed=ANSWERED + "\nHon skulle kolla kalendern\nn\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\nBesök 1 av 2: 10.15–11.00 Globex\nGå igenom det nu? [J/n]: ")
    for question in (
        "Vem träffade du? (namn, roller): ",
        "Var hen den enda beslutsfattaren? (ja / nej / vet inte): ",
        "Vad har de för budget? (ett belopp, eller vet inte): ",
        "Vad är nästa steg? ",
        "Bokade ni nästa möte innan du gick? (ja / nej): ",
        "Varför bokade ni inte nästa möte innan du gick? ",
    ):
        assert question in result.output
    assert "Fel: svara ja / nej / vet inte, inte 'kanske'" in result.output  # a bad answer, asked again
    assert "Fel: säg varför nästa möte inte bokades innan du gick" in result.output
    assert "\nBesök 2 av 2: 14.00–15.00 Initech\n" in result.output
    assert result.output.endswith("Sparade 1 genomgång, hoppade över 1. Se dem: focus debrief 2026-11-24 --format md\n")
    for word in ("Who", "Visit", "Saved", "skipped", "Debrief it"):
        assert word not in result.output
    answers = focus.json("debrief", DAY)["visits"][0]["answers"]
    assert (answers["decision_maker"], answers["budget"], answers["currency"], answers["booked"]) == (
        "unknown",
        50_000,
        "SEK",
        "no",
    )


def test_asked_again_enter_keeps_the_answers_and_says_so_in_swedish(focus):
    two_visits(focus)
    swedish(focus, "debrief", DAY, typed=ANSWERED + "\nHon skulle kolla kalendern\nn\n")
    again = swedish(focus, "debrief", DAY, typed="ja\n\n\n\n\n\n\nnej\n")
    assert again.exit_code == 0, again.output
    assert "Besök 1 av 2: 10.15–11.00 Globex (genomgånget förut: Enter behåller ett svar)" in again.output
    assert "Vad har de för budget? (ett belopp, eller vet inte) [50000 SEK]: " in again.output
    assert "Var hen den enda beslutsfattaren? (ja / nej / vet inte) [vet inte]: " in again.output
    assert "Bokade ni nästa möte innan du gick? (ja / nej) [nej]: " in again.output
    assert again.output.endswith("Sparade 1 genomgång, hoppade över 1. Se dem: focus debrief 2026-11-24 --format md\n")


def test_a_users_own_questions_are_asked_as_written_and_the_rest_in_swedish(focus):
    focus.paths.config_file.write_text(
        'language = "sv"\n[debrief.questions]\nwho = "Vilka satt med?"\n', encoding="utf-8"
    )
    two_visits(focus)
    result = focus("debrief", DAY, "--format", "prompt", ok=False)  # no input: stdin ends at once
    assert result.exit_code == 2 and "debrief ställer sina frågor i en terminal" in result.stderr
    typed = "j\nPer\nja\n?\nDemo\nja\nn\n"
    result = focus.runner.invoke(
        cli, ["debrief", DAY], input=typed, obj=Services(focus.paths, Clock.fixed(focus.zone, focus.now))
    )
    assert "Vilka satt med? " in result.output and "Vem träffade du?" not in result.output
    assert "Var hen den enda beslutsfattaren? (ja / nej / vet inte): " in result.output
    assert result.output.endswith("Sparade 1 genomgång, hoppade över 1. Se dem: focus debrief 2026-11-24 --format md\n")


def test_the_default_questions_written_out_in_the_config_are_asked_in_swedish(focus):
    """``focus config init`` writes the English defaults out; they are still the defaults."""
    focus.paths.config_file.write_text(
        '[debrief.questions]\nwho = "Who did you meet (names, roles)?"\nwhy_not = "Why not?"\n', encoding="utf-8"
    )
    two_visits(focus)
    result = swedish(focus, "debrief", DAY, typed="j\nPer\nja\n?\nDemo\nnej\nTid saknades\nn\n")
    assert "Vem träffade du? (namn, roller): " in result.output
    assert "Varför bokade ni inte nästa möte innan du gick? " in result.output
    english = focus.runner.invoke(
        cli,
        ["debrief", DAY],
        input="y\nPer\nyes\n?\nDemo\nno\nNo time\nn\n",
        obj=Services(focus.paths, focus_clock(focus)),
    )
    assert (
        "Who did you meet (names, roles)? [Per]: " in english.output and "Why not? [Tid saknades]: " in english.output
    )
    assert english.output.endswith("Saved 1 debrief; 1 skipped. See them: focus debrief 2026-11-24 --format md\n")


def focus_clock(focus: Focus) -> Clock:
    return Clock.fixed(focus.zone, focus.now)


SWEDISH_MARKDOWN = f"""\
# Genomgång · tis 24 nov 2026

## 10.15–11.00 Globex

- **Träffade:** Anna (inköpschef)
- **Enda beslutsfattaren:** vet inte
- **Budget:** 1{NBSP}200{NBSP}000 SEK
- **Nästa steg:** Offert på fredag
- **Nästa möte bokat innan du gick:** nej — varför inte: Hon skulle kolla kalendern

## 14.00–15.00 Initech

_Överhoppat._

1 av 2 besök genomgångna.
"""


def answer_the_first_visit(focus: Focus, tmp_path: Path) -> None:
    document = focus.json("debrief", DAY)
    document["visits"][0]["answers"] = {
        "who": "Anna (inköpschef)",
        "decision_maker": "vet inte",
        "budget": "1,2 mkr",
        "next_step": "Offert på fredag",
        "booked": "nej",
        "why_not": "Hon skulle kolla kalendern",
    }
    answers = tmp_path / "svar.json"
    answers.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    saved = swedish(focus, "debrief", "--answers", str(answers))
    assert saved.exit_code == 0, saved.output
    assert saved.stdout == "Sparade 1 genomgång, hoppade över 1. Se dem: focus debrief 2026-11-24 --format md\n"


def test_the_markdown_to_send_on_in_swedish_and_in_english_as_before(focus, tmp_path):
    two_visits(focus)
    answer_the_first_visit(focus, tmp_path)
    assert swedish(focus, "debrief", DAY, "--format", "md").stdout == SWEDISH_MARKDOWN
    english = focus("debrief", DAY, "--format", "md").stdout
    assert english.startswith("# Debrief · Tue 24 Nov 2026\n\n## 10:15–11:00 Globex\n")
    assert "- **Only decision maker:** unknown\n- **Budget:** 1 200 000 SEK\n" in english
    assert "- **Next meeting booked before leaving:** no — why not: Hon skulle kolla kalendern\n" in english
    assert english.endswith("_Skipped._\n\n1 of 2 visits debriefed.\n")  # null skips it: a decision (#8)


def test_the_debrief_json_is_the_same_bytes_in_both_languages(focus, tmp_path):
    two_visits(focus)
    answer_the_first_visit(focus, tmp_path)
    english = focus("debrief", DAY, "--format", "json").stdout
    assert swedish(focus, "debrief", DAY, "--format", "json").stdout == english
    assert '"decision_maker": "unknown"' in english and '"booked": "no"' in english


def test_no_visits_and_a_bad_answers_file_say_so_in_swedish(focus, tmp_path):
    assert swedish(focus, "debrief", DAY).stdout == "Inga kundbesök att gå igenom tis 24 nov.\n"
    assert (
        swedish(focus, "debrief", DAY, "--format", "md").stdout == "# Genomgång · tis 24 nov 2026\n\nInga kundbesök.\n"
    )
    two_visits(focus)
    bad = tmp_path / "svar.json"
    for text, message in (
        ("{", "inte JSON (rad 1, kolumn 2)"),
        ('{"visits": [{"id": 1}]}', "besök 1: inga svar (null hoppar över det)"),
        ('{"date": "2026-11-23", "visits": []}', "svaren gäller 2026-11-23, inte 2026-11-24"),
        (
            '{"visits": [{"id": 1, "answers": {"who": "P", "decision_maker": "j", "budget": "?", "booked": "tja"}}]}',
            "booked: svara ja / nej, inte 'tja'",
        ),
        (
            '{"visits": [{"id": 1, "answers": {"who": "Per", "decision_maker": "?", "booked": "ja", "budget": "x"}}]}',
            "budget: 'x' är varken ett belopp (50000, 50 tkr, 1,2 mkr) eller vet inte",
        ),
    ):
        bad.write_text(text, encoding="utf-8")
        result = swedish(focus, "debrief", DAY, "--answers", str(bad))
        assert result.exit_code == 2, result.output
        # (a visit's own problem starts "visit 1: ", in tracking.py's words)
        assert result.stderr.startswith(f"focus: --answers {bad}: ") and result.stderr.endswith(f"{message}\n")


def test_without_a_terminal_the_swedish_debrief_says_so_in_one_line(focus):
    two_visits(focus)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "focus"), "debrief", DAY],
        env={**env, "LANG": "sv_SE.UTF-8", "FOCUS_HOME": str(focus.paths.data_dir)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "focus: debrief ställer sina frågor i en terminal, och stdin är ingen (den tog slut före svaren); för att "
        "svara från en fil: focus debrief 2026-11-24 --answers FILE (se focus debrief --help)\n"
    )
