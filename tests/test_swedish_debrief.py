"""Debrief answers in Swedish (issue 12): ja / nej / vet inte, and budgets such as ``50 tkr``,
``1,2 mkr``, ``50k SEK``, ``€20k`` read into an amount with its currency kept beside it."""

from __future__ import annotations

import json

import pytest

from focus.core import debrief, events
from focus.core.errors import FocusError
from focus.core.model import Event
from focus.core.money import amount_text, parse_amount

ANSWERS = {
    "who": "Anna (inköpschef)",
    "decision_maker": "vet inte",
    "budget": "50 tkr",
    "next_step": "Offert på fredag",
    "booked": "nej",
    "why_not": "Hon skulle kolla kalendern",
}


@pytest.mark.parametrize(
    "text, meaning",
    [
        *[("ja", "yes"), ("Ja", "yes"), ("j", "yes"), ("nej", "no"), ("NEJ", "no"), ("n", "no")],
        *[("vet inte", "unknown"), ("Vet  inte", "unknown"), ("vet ej", "unknown"), ("?", "unknown")],
    ],
)
def test_yes_no_and_unknown_in_swedish(text, meaning):
    assert debrief.check_field("decision_maker", text) == meaning


def test_booked_takes_ja_and_nej_but_not_vet_inte():
    assert debrief.check_field("booked", "ja") == "yes" and debrief.check_field("booked", "Nej") == "no"
    assert debrief.needs_why_not("nej") and not debrief.needs_why_not("ja")
    with pytest.raises(FocusError, match=r"^booked: answer yes / no, not 'vet inte'$"):
        debrief.check_field("booked", "vet inte")


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("50 tkr", 50_000, "SEK"),
        ("50 000 kr", 50_000, "SEK"),
        ("50\u00a0000 kr", 50_000, "SEK"),
        ("50\u202f000 SEK", 50_000, "SEK"),
        ("1,2 mkr", 1_200_000, "SEK"),
        ("1,2 MSEK", 1_200_000, "SEK"),
        ("50k SEK", 50_000, "SEK"),
        ("50 tkr SEK", 50_000, "SEK"),
        ("1 234,50 kr", 1234.5, "SEK"),
        ("€20k", 20_000, "EUR"),
        ("20 000 €", 20_000, "EUR"),
        ("EUR 20k", 20_000, "EUR"),
        ("$5k", 5_000, "USD"),
        ("£300", 300, "GBP"),
        ("50000", 50_000, None),
        ("50k", 50_000, None),
        ("1.2M", 1_200_000, None),
    ],
)
def test_budgets_keep_their_currency(text, amount, currency):
    assert debrief.budget_answer(text) == (amount, currency)
    assert debrief.parse_budget(text) == amount  # the amount alone, as before


@pytest.mark.parametrize("text", ["lots", "50 tkr EUR", "€20k $", "k50", "50 kronor", "1,2,3 mkr", "tkr"])
def test_not_an_amount(text):
    assert parse_amount(text) is None
    with pytest.raises(FocusError, match=r"^budget: .* is not an amount"):
        debrief.budget_answer(text)


@pytest.mark.parametrize("text", ["vet inte", "vet ej", "unknown", "?"])
def test_an_unknown_budget_has_no_currency(text):
    assert debrief.budget_answer(text) == ("unknown", None)
    assert "currency" not in debrief.check(ANSWERS | {"budget": text})


def test_swedish_answers_are_kept_with_the_currency_beside_the_amount():
    assert debrief.check(ANSWERS) == {
        "who": "Anna (inköpschef)",
        "decision_maker": "unknown",
        "budget": 50_000.0,
        "currency": "SEK",
        "next_step": "Offert på fredag",
        "booked": "no",
        "why_not": "Hon skulle kolla kalendern",
    }


def test_answers_without_a_currency_are_stored_as_before():
    old = debrief.check(ANSWERS | {"budget": "50k", "decision_maker": "ja"})
    assert set(old) == set(debrief.FIELDS) and old["budget"] == 50_000.0
    assert debrief.check(old) == old
    for answers in (old, debrief.check(ANSWERS)):  # a stored answer, without and with a currency
        payload = dict(events.debrief_payload("1", answers))
        stored = Event(
            "01J0000000000000000000000A", 0, "Europe/Stockholm", "2026-11-24", events.DEBRIEF, payload, ref="1"
        )
        assert events.problem(stored) is None


def test_a_number_with_a_currency_as_an_answers_file_gives_it():
    given = ANSWERS | {"budget": 20000, "currency": "EUR"}
    assert debrief.check(given)["budget"] == 20000 and debrief.check(given)["currency"] == "EUR"
    assert debrief.check(ANSWERS | {"budget": "20k", "currency": "EUR"})["currency"] == "EUR"
    with pytest.raises(FocusError, match=r"^currency: use one of SEK, EUR, USD, GBP, NOK, DKK, not 'kronor'$"):
        debrief.check(given | {"currency": "kronor"})
    with pytest.raises(FocusError, match=r"^budget: '50 tkr' is in SEK, but currency says EUR$"):
        debrief.check(ANSWERS | {"currency": "EUR"})


@pytest.mark.parametrize("budget", ["1.2M", "1,2 mkr", "€20k", "12.5", "50 000 kr", "unknown"])
def test_an_answer_typed_again_reads_the_same(budget):
    # Found here: a budget of a million or more came back as 1.2e+06, which the prompt then refused.
    answers = debrief.check(ANSWERS | {"budget": budget})
    assert debrief.check(debrief.as_text(answers)) == answers


def test_amount_text():
    assert [amount_text(1_200_000), amount_text(50_000, "SEK"), amount_text(12.5)] == ["1200000", "50000 SEK", "12.5"]


# -- through the CLI ---------------------------------------------------------------------------------


def test_a_debrief_in_swedish_through_the_answers_file(focus, tmp_path):
    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", "--date", "2026-11-24")
    document = focus.json("debrief", "2026-11-24")
    document["visits"][0]["answers"] = ANSWERS | {"budget": "1,2 mkr"}
    answers = tmp_path / "svar.json"
    answers.write_text(json.dumps(document, ensure_ascii=False))
    focus("debrief", "--answers", str(answers))
    saved = focus.json("debrief", "2026-11-24")["visits"][0]["answers"]
    assert (saved["budget"], saved["currency"], saved["decision_maker"], saved["booked"]) == (
        1_200_000,
        "SEK",
        "unknown",
        "no",
    )
    assert "- **Budget:** 1 200 000 SEK" in focus("debrief", "2026-11-24", "--format", "md").stdout
    again = focus.json("debrief", "2026-11-24")  # what --format json prints can be given back as it is
    answers.write_text(json.dumps(again))
    focus("debrief", "--answers", str(answers))
    assert focus.json("debrief", "2026-11-24")["visits"] == again["visits"]
    assert focus.json("report", "2026-11-24")["debrief"]["budget_known"] == 1


def test_a_debrief_in_swedish_at_the_prompt(focus):
    from focus.cli import Services, cli
    from focus.core.clock import Clock

    focus("plan", "add", "09:00-10:00", "visits", "Acme AB", "--date", "2026-11-24")
    focus("plan", "add", "13:00-14:00", "visits", "Globex", "--date", "2026-11-24")
    typed = "ja\nAnna\nkanske\nvet inte\n50 tkr\nOffert\nnej\nKalendern\nnej\n"  # a bad answer re-asked
    services = Services(focus.paths, Clock.fixed("Europe/Stockholm", focus.now))
    result = focus.runner.invoke(cli, ["debrief", "2026-11-24"], input=typed, obj=services)
    assert result.exit_code == 0, result.output
    assert "Debrief it now? [Y/n]: ja" in result.output and "Saved 1 debrief; 1 skipped." in result.output
    assert "Error: answer yes / no / unknown, not 'kanske'" in result.output
    acme, globex = focus.json("debrief", "2026-11-24")["visits"]
    assert acme["answers"] | {"who": "", "next_step": "", "why_not": ""} == {
        "who": "",
        "decision_maker": "unknown",
        "budget": 50_000,
        "currency": "SEK",
        "next_step": "",
        "booked": "no",
        "why_not": "",
    }
    assert globex["answers"] is None
