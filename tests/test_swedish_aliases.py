"""Interruption kinds, outcomes and categories by their Swedish names (issue 12): ``focus log mejl``,
``focus count samtal 3``, ``focus plan add 9-10 kundbesök Volvo --target möte=1``; the events keep the
canonical names, from the CLI and from the inbox alike."""

from __future__ import annotations

import json
import sqlite3

import pytest

from focus.core import aliases
from focus.core.clock import Clock
from focus.core.config import DEFAULT_OUTCOMES, INTERRUPTION_KINDS
from focus.core.errors import FocusError
from focus.sources.inbox import to_event
from tests.source_helpers import tracker_factory
from tests.test_bad_input import assert_user_error

KINDS = [
    ("mejl", "email"),
    ("mail", "email"),
    ("e-post", "email"),
    ("epost", "email"),
    ("telefon", "phone"),
    ("tel", "phone"),
    ("chatt", "chat"),
    ("besök", "walk-in"),
    ("besok", "walk-in"),
    ("spontanbesök", "walk-in"),
    ("själv", "self"),
    ("sjalv", "self"),
    ("eget", "self"),
    ("annat", "other"),
    ("övrigt", "other"),
    *[(kind, kind) for kind in INTERRUPTION_KINDS],
]
OUTCOMES = [
    ("samtal", "call"),
    ("möte", "meeting"),
    ("möten", "meeting"),
    ("mote", "meeting"),
    ("offert", "quote"),
    ("offerter", "quote"),
    ("affär", "deal"),
    ("affärer", "deal"),
    ("affar", "deal"),
    *[(outcome, outcome) for outcome in DEFAULT_OUTCOMES],
]


@pytest.mark.parametrize("word, kind", KINDS)
def test_swedish_kinds(word, kind):
    assert aliases.interruption_kind(word, INTERRUPTION_KINDS) == kind


@pytest.mark.parametrize("word, outcome", OUTCOMES)
def test_swedish_outcomes(word, outcome):
    assert aliases.outcome(word, DEFAULT_OUTCOMES) == outcome


@pytest.mark.parametrize("word", ["samtal", "Mejl", "möte", "e-mail", ""])
def test_a_word_that_is_no_kind_names_the_kinds_in_both_languages(word):
    with pytest.raises(FocusError) as raised:
        aliases.interruption_kind(word, INTERRUPTION_KINDS)
    assert str(raised.value) == (
        f"unknown interruption kind {word!r}; kinds: email, phone, chat, walk-in, self, other "
        "(in Swedish: mejl, telefon, chatt, spontanbesök, eget, annat)"
    )


def test_an_alias_names_a_built_in_outcome_only_when_the_config_has_it():
    outcomes = ("call", "demo", "deal")
    assert aliases.outcome("samtal", outcomes) == "call"
    with pytest.raises(FocusError) as raised:
        aliases.outcome("möte", outcomes)
    assert str(raised.value) == "unknown outcome 'möte'; outcomes: call, demo, deal (in Swedish: samtal, affär)"
    with pytest.raises(FocusError, match=r"^unknown outcome 'möte'; outcomes: demo$"):
        aliases.outcome("möte", ("demo",))


def test_a_configs_own_name_comes_before_an_alias():
    assert aliases.outcome("samtal", ("call", "samtal")) == "samtal"
    assert aliases.outcome("möte", ("meeting", "möte")) == "möte"


# -- through the CLI and the inbox -------------------------------------------------------------------


def _payloads(focus, kind: str) -> list[dict]:
    with sqlite3.connect(focus.paths.db_file) as conn:
        rows = conn.execute("SELECT payload FROM events WHERE type = ? ORDER BY at", (kind,)).fetchall()
    return [json.loads(payload) for (payload,) in rows]


def test_focus_log_in_swedish_writes_the_english_kind(focus):
    result = focus("log", "telefon", "--at", "10:00")
    assert result.stdout == "logged phone at 10:00 (5 min unless cut short)\n"
    focus("log", "besök", "--at", "11:00", "--minutes", "10")
    assert [p["kind"] for p in _payloads(focus, "interruption")] == ["phone", "walk-in"]
    by_kind = focus.json("report")["interruptions"]["by_kind"]
    assert by_kind == {"email": 0, "phone": 1, "chat": 0, "walk-in": 1, "self": 0, "other": 0}


def test_focus_count_samtal_3_counts_three_calls(focus):
    assert focus("count", "samtal", "3", "--at", "10:00").stdout == "counted 3 × call at 10:00\n"
    focus("count", "möten", "2", "--at", "11:00")
    focus("count", "offert", "--at", "12:00")
    focus("count", "affär", "--at", "13:00")
    assert _payloads(focus, "outcome") == [
        {"kind": "call", "count": 3},
        {"kind": "meeting", "count": 2},
        {"kind": "quote", "count": 1},
        {"kind": "deal", "count": 1},
    ]
    assert focus.json("report")["outcomes"] == {"call": 3, "meeting": 2, "quote": 1, "deal": 1}


def test_a_swedish_alias_of_an_outcome_the_config_lacks_is_refused(focus):
    focus.paths.config_file.write_text('outcomes = ["demo", "samtal"]\n')
    focus("count", "samtal", "--at", "10:00")
    result = focus("count", "möte", ok=False)
    assert assert_user_error(result) == "unknown outcome 'möte'; outcomes: demo, samtal"
    assert _payloads(focus, "outcome") == [{"kind": "samtal", "count": 1}]


def test_focus_log_samtal_is_refused_in_one_line(focus):
    message = assert_user_error(focus("log", "samtal", ok=False))
    assert message.startswith("unknown interruption kind 'samtal'; kinds: email, phone")
    assert "mejl, telefon" in message and focus.event_count() == 0


def test_the_inbox_takes_swedish_kinds_too(tmp_path):
    clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
    tracker = tracker_factory(tmp_path / "focus.db", clock, "inbox")()
    now = clock.now_ms()
    email = to_event({"type": "interruption", "kind": "mejl"}, tracker, now, {}, "a.json")
    calls = to_event({"type": "outcome", "kind": "samtal", "count": 2}, tracker, now, {}, "b.json")
    assert (email.payload["kind"], calls.payload["kind"], calls.payload["count"]) == ("email", "call", 2)


CATEGORIES = [
    ("samtal", "calls"),
    ("kundbesök", "visits"),
    ("kundbesok", "visits"),
    ("besök", "visits"),
    ("uppföljning", "followup"),
    ("offert", "quotes"),
    ("offerter", "quotes"),
    ("mejl", "email"),
    ("resor", "travel"),
    ("internt", "internal"),
    ("fika", "fika"),
    ("visits", "visits"),
]


@pytest.mark.parametrize("word, category", CATEGORIES)
def test_swedish_categories(word, category):
    from focus.core.config import defaults

    assert aliases.category(word, list(defaults().categories)) == category


@pytest.mark.parametrize("language", ["sv", "en"])
def test_focus_plan_add_in_swedish_plans_the_english_category_and_target(focus, language):
    focus.paths.config_file.write_text(f'language = "{language}"\n', encoding="utf-8")
    focus("plan", "add", "9-10", "kundbesök", "Volvo", "--target", "möte=1", "--date", "2026-11-24")
    focus("plan", "add", "10.15-11", "samtal", "--target", "samtal=20", "--date", "2026-11-24")
    (visit, calls) = focus.json("plan", "ls", "--date", "2026-11-24")
    assert (visit["category"], visit["title"], visit["targets"]) == ("visits", "Volvo", {"meeting": 1})
    title = {"sv": "samtal", "en": "calls"}[language]  # no title: the category as the language names it
    assert (calls["category"], calls["title"], calls["targets"]) == ("calls", title, {"call": 20})
    assert focus.json("report", "2026-11-24")["blocks"][0]["category"] == "visits"


def test_a_word_that_is_no_category_names_the_categories_in_both_languages(focus):
    result = focus("plan", "add", "9-10", "nånting", ok=False)
    assert result.exit_code == 2
    assert "unknown category 'nånting'; known: calls, visits" in result.stderr
    assert "(in Swedish: samtal, kundbesök, uppföljning, offerter, mejl, resor, internt)" in result.stderr


@pytest.mark.parametrize(
    "language, titles", [("sv", ["mejl", "kundbesök", "samtal"]), ("en", ["email", "visits", "calls"])]
)
def test_a_block_with_no_title_is_called_by_its_category_in_the_language_in_use(focus, language, titles):
    """The day template's blocks (which have no titles) and a block planned with none."""
    focus.paths.config_file.write_text(f'language = "{language}"\n', encoding="utf-8")
    focus("plan", "template", "--date", "2026-11-24")
    blocks = focus.json("plan", "ls", "--date", "2026-11-24")
    assert [block["title"] for block in blocks[:3]] == titles
    assert [block["category"] for block in blocks[:3]] == ["email", "visits", "calls"]
